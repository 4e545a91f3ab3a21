"""Rules of the sixteenth round of attribution work, each a table of made-up sentences with the
speaker of a quote: positive rows (the rule finds the speaker, or keeps an unnamed one null) and
negative rows (it must not take a name away). What each rule earned is in docs/ATTRIBUTION.md."""
from __future__ import annotations

import pytest

from quoted import last


SPEAKER_ROWS = [
    # an unnamed person ("a source", "an aide") described by what follows the noun -- a participle,
    # a preposition, a word and a preposition -- is who spoke; a name inside the description is
    # only what describes them
    pytest.param("The ferry vote was close. “We hoped to lose by less,” a source speaking to the Kell Gazette "
                 "said.", None, id="participle-then-a-medium"),
    pytest.param("Ivo Lund chairs the board. “We hoped to lose by less,” an aide to Ivo Lund said.",
                 None, id="aide-to-a-person"),
    pytest.param("Ivo Lund chairs the board. “We hoped to lose by less,” a source close to Ivo Lund said.",
                 None, id="word-then-preposition"),
    pytest.param("The ferry vote was close. “We hoped to lose by less,” one player training at Kell Park "
                 "said.", None, id="participle-then-a-place"),
    # ... and so before the quote, where the clause is read back from its cue
    pytest.param("Ivo Lund chairs the board. An aide to Ivo Lund said: “We hoped to lose by less.”",
                 None, id="before-aide-to-a-person"),
    pytest.param("The ferry vote was close. A source loyal to the Kell Gazette told us: “We hoped to lose by "
                 "less.”", None, id="before-word-then-preposition"),
    pytest.param("Ivo Lund chairs the board. Ann Vale, an aide to Ivo Lund said: “We hoped to lose by less.”",
                 "Ann Vale", id="negative-before-appositive"),
    pytest.param("The ferry vote was close. A rower named Ivo Lund said: “We hoped to lose by less.”",
                 "Ivo Lund", id="negative-before-named"),
    # "according to a statement from Kell Ltd": a document speaks for the one it is from
    pytest.param("Kell Ltd makes tools. “We will fight on,” according to a statement from Kell Ltd.",
                 "Kell Ltd", id="document-from-a-firm"),
    pytest.param("The mill shut in May. “Demand will recover,” according to a report by Ivo Dane, chief "
                 "analyst at Vole Securities.", "Ivo Dane", id="document-by-a-person"),
    pytest.param("The mill shut in May. “We will fight on,” according to a letter from a neighbour.",
                 None, id="negative-document-from-no-one-named"),
    pytest.param("The mill shut in May. “We will fight on,” according to a statement on Friday.",
                 None, id="negative-document-alone"),
    # a name's suffix keeps its full stop as written ("Jr.", "Sr."), also where it ends the sentence
    pytest.param("Ivo Dane Jr., the son, won the vote. “I love this town,” Dane said.",
                 "Ivo Dane Jr.", id="suffix-with-its-stop"),
    pytest.param("The vote was close. “I love this town,” said Ivo Dane Sr.",
                 "Ivo Dane Sr.", id="suffix-ends-the-sentence"),
    pytest.param("Ivo Dane Jr won the vote. “I love this town,” Dane said.",
                 "Ivo Dane Jr", id="negative-suffix-written-without-a-stop"),
    # the letters of an office after a full name are no part of it, though no list knows the first name
    pytest.param("The bill passed. Ivo Dane MP said: “We will keep fighting it.”", "Ivo Dane", id="name-then-mp"),
    pytest.param("The bill passed. “We will keep fighting it,” said Dalia Vorne MEP.", "Dalia Vorne",
                 id="name-then-mep"),
    pytest.param("The bill passed. The Kell Vale MP said: “We will keep fighting it.”", None,
                 id="negative-a-seat-then-mp"),
    # negative rows: a name that names the noun, or one set off after it, is the speaker
    pytest.param("The ferry vote was close. “We hoped to lose by less,” a rower named Ivo Lund said.",
                 "Ivo Lund", id="negative-named"),
    pytest.param("The ferry vote was close. “We hoped to lose by less,” an aide to the mayor, Ivo Lund, said.",
                 "Ivo Lund", id="negative-name-set-off"),
    pytest.param("The ferry vote was close. “We hoped to lose by less,” Ivo Lund, speaking to the Kell "
                 "Gazette, said.", "Ivo Lund", id="negative-name-first"),
    pytest.param("Ivo Lund chairs the board. “We hoped to lose by less,” Lund's aide said.",
                 None, id="negative-definite-owner-unchanged"),
]


@pytest.mark.parametrize("text, speaker", SPEAKER_ROWS)
def test_speaker_of_last_quote(text, speaker):
    """The last quote of each made-up text gets the speaker the rule gives (or none)."""
    assert last(text) == speaker
