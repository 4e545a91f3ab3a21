"""Each attribution sieve on its own: a table of sentences it attributes (and the rule and mention
it gives), sentences it must leave alone, and the same text with the sieve switched off."""
from __future__ import annotations

import pytest

from indexer.extract import direct_quotations
from indexer.extract.sieves import NAMES


def last(text, off=()):
    """(rule, mention text, speaker) of the last quote of text."""
    q = list(direct_quotations(text, off=off))[-1]
    return q.rule, q.speaker_mention.text if q.speaker_mention else None, q.speaker


# (sieve, text, rule, mention, speaker) -- the last quote of the text is attributed by the sieve
FOUND = [
    ("label", 'Ivo Lund spoke to the host, Ada Park.\n\n"PARK: Will the bridge open in May?\n\n"LUND: It will, '
     'whatever happens to the weather."', "label", "LUND", "Ivo Lund"),
    ("split", '"We lost the first half," Ada Park said. "We won the second one."',
     "split:name-cue", "Ada Park", "Ada Park"),
    ("after", '"The bridge will open in May," said Ivo Lund.', "after:cue-name", "Ivo Lund", "Ivo Lund"),
    ("after", '"The bridge will open in May," Ivo Lund told the council.', "after:name-cue", "Ivo Lund",
     "Ivo Lund"),
    ("after", 'The plan was "pursued with vigour" by the council, said Ivo Lund.', "after:cue-name", "Ivo Lund",
     "Ivo Lund"),
    ("after", 'The plan was "pursued with vigour" by the council, said Harbour Bank\'s Ivo Lund.', "after:cue-name",
     "Ivo Lund", "Ivo Lund"),
    ("before", 'Ivo Lund said: "The bridge will open in May."', "before:name-cue", "Ivo Lund", "Ivo Lund"),
    ("before", 'Ivo Lund called the plan "a costly mistake" on Monday.', "before:phrase", "Ivo Lund",
     "Ivo Lund"),
    ("before", 'Ivo Lund spoke first. Mr Lund on Friday rejected the plan, saying: "The bridge will open in May."',
     "before:name-cue", "Lund", "Ivo Lund"),
    ("before", 'Ivo Lund: "The bridge will open in May."', "before:colon", "Ivo Lund", "Ivo Lund"),
    ("colon-paragraph", 'At the hearing, Ada Park said:\n\n"The bridge will open in May, whatever happens."',
     "before:colon-paragraph", "Ada Park", "Ada Park"),
    ("said-sentence", 'Ada Park said in a statement. "The bridge will open in May."',
     "before:sentence", "Ada Park", "Ada Park"),
    ("said-sentence", 'In a statement, Ada Park said the bridge was late. "It will open in May, not June."',
     "before:said-clause", "Ada Park", "Ada Park"),
    ("said-sentence", 'Ada Park left the hall, saying the bridge was late. "It will open in May."',
     "before:said-clause", "Ada Park", "Ada Park"),
    ("recent-said", 'Ada Park said that she feared the bridge was late. Costs have risen. "It will open in June."',
     "before:recent-said", "Ada Park", "Ada Park"),
    ("recent-subject", 'Ada Park visited the bridge. "It will open in May."',
     "before:recent-subject", "Ada Park", "Ada Park"),
    ("recent-subject", 'Ada Park left the hall, hoping the bridge was late. "It will open in May."',
     "before:recent-subject", "Ada Park", "Ada Park"),
    ("dash-line", '"The bridge will open in May, whatever happens."\n- Ada Park, Leeds',
     "after:dash-line", "Ada Park", "Ada Park"),
    ("continuation", '"The bridge will open in May," said Ada Park.\n\n"After that comes the tunnel."',
     "continuation", "Ada Park", "Ada Park"),
    ("continuation", 'Ada Park said the bridge was "late again," not least because "the steel never came on '
     'time."', "continuation:clause", "Ada Park", "Ada Park"),
    ("subject", 'Ada Park is calling the new bridge "a waste of money and time".',
     "subject", "Ada Park", "Ada Park"),
    ("subject", '"We won," Ada Park said. The 27-year-old was glad, calling it "the best day of the whole year".',
     "subject", "The 27-year-old", "Ada Park"),
    ("reported", '"The dam is safe," Ada Park said. The town would "need to keep watch all winter".',
     "continuation:reported", "Ada Park", "Ada Park"),
    # stage two: the mention is resolved to a full name
    ("name", 'Coach Simon Ferris arrived.\n\n"We need to be braver," Ferris said.',
     "after:name-cue", "Ferris", "Simon Ferris"),
    ("pronoun", 'Maria Lopez scored twice.\n\n"I am so proud of this team," she said.',
     "after:name-cue", "she", "Maria Lopez"),
    ("description", 'Victor Osimhen scored twice. "It was a great night," said the 23-year-old.',
     "after:cue-name", "the 23-year-old", "Victor Osimhen"),
]


@pytest.mark.parametrize("sieve,text,rule,mention,speaker", FOUND)
def test_sieve_finds(sieve, text, rule, mention, speaker):
    assert last(text) == (rule, mention, speaker)


@pytest.mark.parametrize("sieve,text,rule,mention,speaker", FOUND)
def test_sieve_switched_off(sieve, text, rule, mention, speaker):
    got = list(direct_quotations(text, off={sieve}))
    if not got:
        return                                   # without it, the words are not even a quote
    got_rule, _, got_speaker = last(text, off={sieve})
    assert (got_rule, got_speaker) != (rule, speaker)


# (text, rule of the last quote, speaker): what each sieve must leave alone
LEFT_ALONE = [
    # split: a second attribution makes two quotes
    ('"We lost," Ada Park said, adding she was tired. "We will win the next one," she added.',
     "after:name-cue", "Ada Park"),
    # after: a new sentence that reports speech is not the quote's attribution
    ('"The bridge will open in May." Ivo Lund said the plan was late.', "unattributed", None),
    # after: an apposition between the quote and the cue ends no sentence
    ('"The bridge will open in May," Ivo Lund, the mayor, said Monday.', "after:name-cue", "Ivo Lund"),
    ('"The bridge will open in May," she said, said Ivo Lund.', "after:name-cue", None),
    # before: a time after a name is not part of it, nor a speaker
    ('Ivo Lund spoke first. On Friday the plan was rejected, saying: "The bridge will open in May."',
     "unattributed", None),
    # before: a report is not a speaker
    ('The report called the plan "a costly mistake and a waste" on Monday.', "unattributed", None),
    # colon-paragraph: a paragraph that does not end with a colon
    ('At the hearing, Ada Park spoke.\n\n"The bridge will open in May, whatever happens."', "unattributed", None),
    # said-sentence: a sentence that reports no speech (recent-subject, the last resort, takes it)
    ('Ada Park visited the bridge. "It will open in May."', "before:recent-subject", "Ada Park"),
    ('Ada Park left the hall, hoping the bridge was late. "It will open in May."', "before:recent-subject",
     "Ada Park"),
    # recent-subject: no name or he/she for subject, no verb after it, a question, the quote's own
    # sentence opened before it, or a quotation in the sentence before
    ('The crowd was glad. "It will open in May."', "unattributed", None),
    ('Leeds.\n\nAda Park.\n\n"It will open in May."', "unattributed", None),
    ('Did Ada Park visit the bridge? "It will open in May."', "unattributed", None),
    ('Ivo Lund spoke. The plan, on Friday, was rejected as late: "It will open in May."', "before:colon", None),
    ('Ada Park called it "a bridge too far" on Monday. "It will open in May."', "continuation", "Ada Park"),
    # recent-said: nobody reported speaking, or too long ago
    ('At the hearing, Ada Park sat down. Costs rose. "It will open in May."', "unattributed", None),
    ('Ada Park said the bridge was late. Costs rose. The council met. Then it rained. "It will open in May."',
     "unattributed", None),
    # dash-line: a heading in dashes
    ('"The bridge will open in May, whatever happens."\n- Ready for the opening -', "unattributed", None),
    # continuation: a paragraph between the quotes breaks it
    ('"The bridge will open in May," said Ada Park.\n\nThe council met.\n\n"After that comes the tunnel, '
     'and then the road."', "unattributed", None),
    # continuation: a clause with a subject of its own between two phrases of one sentence
    ('Ada Park said the bridge was "late again," and the council found "nothing at all to like in it."',
     "unattributed", None),
    # subject: a subject that is no person
    ('The plan is "a waste of money and of time" for the town.', "unattributed", None),
    ('"We won," Ada Park said. The crowd was glad, calling it "the best day of the whole year".',
     "unattributed", None),
    # name: a participle is no name
    ('Ivo Lund made a point. Adding, "It is never as bad as they say it is, and we all know that."',
     "subject", None),
    # pronoun: nobody of that gender before it
    ('Maria Lopez scored twice.\n\n"I am so proud of this team," he said.', "after:name-cue", None),
]


@pytest.mark.parametrize("text,rule,speaker", LEFT_ALONE)
def test_sieve_leaves_alone(text, rule, speaker):
    got_rule, _, got_speaker = last(text)
    assert (got_rule, got_speaker) == (rule, speaker)


def test_every_sieve_has_a_row():
    assert {row[0] for row in FOUND} == set(NAMES)


def test_unknown_sieve_is_a_clear_error():
    with pytest.raises(ValueError, match=r"unknown sieve\(s\) nope; the sieves are label, split, after"):
        list(direct_quotations('"Yes," said Ada Park.', off={"nope"}))
