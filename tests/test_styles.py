"""House styles of quote marks (indexer/extract/styles.py): an article that quotes in single marks, or
writes each double mark as two apostrophes, has its quotes found as one in double marks would, with
the records' offsets and text those of the article as written. Tables of made-up texts."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from indexer.extract import direct_quotations
from indexer.extract.styles import quote_view, single_style


def quotes(text: str) -> list[tuple[str, str]]:
    """(text, speaker) of every quote of a made-up article."""
    return [(q.text, q.speaker) for q in direct_quotations(text)]


ROWS = [
    # single marks for speech, double ones for a quote inside a quote
    ("Ivo Dane won the race on Sunday. 'It was the hardest race of my life,' Dane said. 'I am just glad it "
     "is over.' Ann Vale came second. 'He was too strong,' she said.",
     [("It was the hardest race of my life, I am just glad it is over.", "Ivo Dane"),
      ("He was too strong,", "Ann Vale")]),
    ("‘We will rebuild the bridge by next spring,’ said Ann Vale, the mayor of Kell. ‘He told me “never "
     "again” and I believed him,’ she added.",
     [("We will rebuild the bridge by next spring,", "Ann Vale"),
      ("He told me “never again” and I believed him,", "Ann Vale")]),
    # an owner's mark inside a single-marked quote is no closing mark
    ("'We will rebuild it,' said Kell mayor Ann Vale. The council met. 'It is the players' union that will "
     "pay for it all,' said Ivo Dane.", [("We will rebuild it,", "Ann Vale"),
                                        ("It is the players' union that will pay for it all,", "Ivo Dane")]),
    # two apostrophes for each double mark, as some archives keep news copy
    ("The video went viral. ''We are moving the plant for cost reasons,'' a Kell executive tells staff. Ann Vale "
     "was there. ''I loved it,'' she said.", [("We are moving the plant for cost reasons,", None),
                                              ("I loved it,", "Ann Vale")]),
    # negative rows: an article that quotes in double marks keeps them; a word in single marks stays a word
    ('Ivo Dane won on Sunday. "It was the hardest race of my life," Dane said. He called it \'brutal\'.',
     [("It was the hardest race of my life,", "Ivo Dane")]),
    ("Ivo Dane won on Sunday. He said it was 'brutal' and 'long'. It's the players' race now.", []),
]


@pytest.mark.parametrize("text, expected", ROWS)
def test_quotes_in_each_house_style(text, expected):
    """Every quote of the made-up article, with its speaker."""
    assert quotes(text) == expected


@pytest.mark.parametrize("text", [row[0] for row in ROWS])
def test_records_point_into_the_article_as_written(text):
    """Spans index the article text itself, and each record's text is cut from it."""
    for q in direct_quotations(text):
        assert q.text == " ".join(text[a:b] for a, b in q.spans)


@pytest.mark.parametrize("text, expected", [
    ("'A,' he said. 'B.' 'C,' she said.", True),
    ('"A," he said. "B." \'C,\' she said.', False),     # double marks quote: single ones are words
    ("'A,' he said.", False),                          # one sentence is no house style
    ("It's the players' race. Don't.", False),
])
def test_single_style(text, expected):
    """Whether an article writes speech in single marks."""
    assert single_style(text) is expected


MARKISH = st.lists(st.sampled_from(list("ab ,.!?\n'‘’\"“”") + ["''", "Ann said"]), max_size=40).map("".join)


@given(MARKISH)
def test_quote_view_keeps_every_offset(text):
    """The view is as long as the text and differs from it only at quote marks (and the apostrophe
    that two apostrophes make a double mark of, read as a space)."""
    view = quote_view(text)
    assert len(view) == len(text)
    for a, b in zip(text, view):
        assert a == b or a in "'‘’\"“”" and b in "'‘’\"“” "


@given(MARKISH)
def test_extraction_never_fails_on_marks(text):
    """Any mix of marks gives quotes whose spans and text hold in the article as written."""
    for q in direct_quotations(text):
        assert q.text == " ".join(text[a:b] for a, b in q.spans)
