"""Invariants of the extractor on any string: never raises, spans lie inside the text, the quote
text is its pieces joined by a space, pieces do not overlap, and every field has its type."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.extract import direct_quotations, pipeline

MARKS = "\"'“”‘’«»„"
# text built from quote marks, words, cues, names and paragraph breaks, where the bugs live
pieces = st.sampled_from(list(MARKS) + [" ", "\n", "\n\n", ",", ".", ":", " said", " told CNN",
                                        "he", " she", "Ana Silva", "Mr. Cole", " didn’t", "a", " we ",
                                        "(", ")", "—", "―", "according to", " I",
                                        # words the later rules key on: phrase verbs, auxiliaries,
                                        # participles, appositives, bylines, datelines
                                        " called", " had", " would", " denounce", " beamed", " adding,",
                                        " - ", " the", " a doctor", " in", " speaking", " to", "But",
                                        "LEEDS", "8", "Here", "!", "?"])
texts = st.one_of(st.text(max_size=300), st.lists(pieces, max_size=120).map("".join))


def _check(text: str) -> None:
    """The invariants for one text."""
    # the internal extractor, not the guarded public function, so that a bug shows as an error
    found = pipeline._extract(text, "x.txt", "AFP") if text else []
    assert [q.spans for q in found] == [q.spans for q in direct_quotations(text, "x.txt", "AFP")]
    for q in found:
        assert q.spans, q
        for a, b in q.spans:
            assert 0 <= a < b <= len(text)
        assert q.text == " ".join(text[a:b] for a, b in q.spans)
        assert all(q.spans[i][1] <= q.spans[i + 1][0] for i in range(len(q.spans) - 1))
        assert q.article == "x.txt" and q.outlet == "AFP"
        assert isinstance(q.nested, bool) and q.rule
        if q.speaker_mention is not None:
            m = q.speaker_mention
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start:m.end] == m.text
        assert q.speaker is None or isinstance(q.speaker, str) and q.speaker
        assert q.to_json()["spans"] == [list(s) for s in q.spans]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_invariants(text):
    _check(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(list(MARKS)), min_size=1, max_size=2000).map("".join))
def test_only_marks(text):
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(MARKS) + list("ab .,\n")), max_size=500))
def test_pieces_are_trimmed(text):
    for q in direct_quotations(text):
        for a, b in q.spans:
            assert not text[a].isspace() and not text[b - 1].isspace()
