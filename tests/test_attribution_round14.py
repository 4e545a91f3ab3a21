"""Rules of the fourteenth round of attribution work, each a table of made-up sentences with the
speaker of a quote: positive rows (the rule finds the speaker) and negative rows (it must not find
one, or must not find the wrong one). What each rule earned is in docs/ATTRIBUTION.md."""
from __future__ import annotations

import pytest

from quoted import last


SPEAKER_ROWS = [
    # an organisation's kind alone after its full name that opens with "The": "The Bank" is the one
    # bank the article named ("The Northvale Savings Bank"), the article being no word of either name
    pytest.param("The Northvale Savings Bank cut its rates. The Bank wrote in a note on Friday that deposits rose. "
                 "“We expect a calm year,” the statement added.",
                 "The Northvale Savings Bank", id="the-kind-after-the-full-name"),
    pytest.param("The Northvale Savings Bank cut its rates. The Bank said: “We expect a calm year.”",
                 "The Northvale Savings Bank", id="the-kind-as-the-speaker"),
    # "it" after a document that said something, with no one speaking since: the document's issuer
    pytest.param("The Farm Council issued a statement on Monday. The Kell Water Board has kept well "
                 "away from the plan. The statement said ministers were upset. “The rules would hurt small "
                 "farms,” it said.",
                 "Farm Council", id="it-is-the-document"),
    pytest.param("The Lakeside Institute published a study of the port on Monday. The study said exports "
                 "fell. Varro Shipping Ltd said it disagreed. “Prices will rise in the spring,” it added.",
                 "Varro Shipping Ltd", id="negative-someone-spoke-since"),
    # "it" goes on with the organisation that spoke the quote before, unless another spoke since
    pytest.param("“We will appeal,” the Harbour Trust said. Varro Holdings Inc said that the trust had lost "
                 "the case. “The ruling is final,” it added.",
                 "Varro Holdings Inc", id="another-spoke-since-the-quote"),
    pytest.param("“We will appeal,” the Harbour Trust said. The trust lost the case in May. “The ruling "
                 "is not final,” it added.",
                 "Harbour Trust", id="negative-no-one-spoke-since"),
    # an organisation first named as an owner, then by its acronym: its name has no possessive mark
    pytest.param("Farmers fear the Kell Valley Authority's new dam. “We have no fears at all,” KVA said.",
                 "Kell Valley Authority", id="acronym-of-an-owner"),
    pytest.param("Farmers fear the Kell Valley Authority's new dam. “We have no fears at all,” Ada Vane said.",
                 "Ada Vane", id="negative-someone-else-speaks"),
    # he/she: a person the quote itself names is less likely its speaker ("I said to Ivo Marsh ...")
    pytest.param("Tom Vell runs the club. According to Vell, coach Ivo Marsh said he would stay. “I said to "
                 "Ivo Marsh that we wanted him, and he agreed,” he said.",
                 "Tom Vell", id="named-in-the-quote"),
    pytest.param("Tom Vell runs the club. According to Vell, coach Ivo Marsh said he would stay. “We wanted "
                 "him, and he agreed,” he said.",
                 "Ivo Marsh", id="negative-no-one-named-in-the-quote"),
    # "he said of Marsh": Marsh is the one spoken of, not the speaker
    pytest.param("Ivo Marsh spoke first, and then Tom Vell spoke. Marsh was calm. “If you noticed, he did "
                 "not answer,” he said of Marsh.",
                 "Tom Vell", id="said-of-someone"),
    pytest.param("Ivo Marsh spoke first, and then Tom Vell spoke. Marsh was calm. “If you noticed, he did "
                 "not answer,” he said of the plan.",
                 "Ivo Marsh", id="negative-said-of-something"),
    # an acronym written as a word, defined in brackets after the name ("Hesco", as some house styles write it)
    pytest.param("The Harbour Electricity Supply Commission (Hesco) raised prices. “We had no choice,” Hesco said.",
                 "Harbour Electricity Supply Commission", id="acronym-written-as-a-word"),
    pytest.param("The Harbour Electricity Supply Commission (Hes) raised prices. “We had no choice,” Hes said.",
                 "Hes", id="negative-word-that-spells-no-initials"),
    pytest.param("Ann Vole (Avo) raised prices. “We had no choice,” Avo said.", "Avo",
                 id="negative-a-person-and-a-nickname"),
    # "the corporation" is a kind of organisation, like "the company"
    pytest.param("Kell Power Corp raised prices on Monday. “We had no choice,” the corporation said.",
                 "Kell Power Corp", id="the-corporation"),
    # a name, an age and an indefinite description: one person, not a named one and an unnamed one
    pytest.param("Ivo Lund, 39, a Leeds man visiting the town, told reporters that he had been at the match. "
                 "“It was frightening,” he said.",
                 "Ivo Lund", id="name-age-and-description"),
    pytest.param("Kell, a Leeds man said, “was never a threat.” Police arrived. “It was frightening,” he said.",
                 None, id="negative-a-description-that-speaks"),
    # a surname joined to its particle with an apostrophe inside it ("al-Hana'i") is one name word
    pytest.param("Kell's debt is low, Finance Minister Tariq al-Hana'i told us. “The lira is firm,” he said.",
                 "Tariq al-Hana'i", id="particle-surname-with-an-apostrophe"),
    pytest.param("Hana'i and Omar al-Sa'id's aides met. “The lira is firm,” al-Sa'id said.", "Omar al-Sa'id",
                 id="particle-surname-owner"),
    pytest.param("Kell's debt is low, Finance Minister Tariq al-Hana told us. “The lira is firm,” he said.",
                 "Tariq al-Hana", id="negative-no-apostrophe"),
    # a summary is a document: it speaks for whoever issued it
    pytest.param("The Lakeside Institute issued a summary of its port study. “Exports will fall,” the "
                 "summary said.",
                 "Lakeside Institute", id="summary-is-a-document"),
    pytest.param("Two dockers read a summary of the port study. “Exports will fall,” the summary said.",
                 None, id="negative-summary-of-no-one"),
]


@pytest.mark.parametrize("text, speaker", SPEAKER_ROWS)
def test_speaker_of_last_quote(text, speaker):
    """The last quote of each made-up text gets the speaker the rule gives (or none)."""
    assert last(text) == speaker


def test_the_kind_of_two_is_neither():
    """"the Bank" when the article names two banks is neither of them (too close to call)."""
    got = last("The Northvale Savings Bank and the Kell Farmers Bank cut rates. “We expect a calm year,” "
               "the Bank said.")
    assert got not in ("The Northvale Savings Bank", "Kell Farmers Bank")
