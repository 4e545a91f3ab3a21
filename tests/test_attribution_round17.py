"""Rules of the seventeenth round of attribution work, each a table of made-up sentences with the
speaker of a quote: positive rows (the rule finds the speaker, or keeps a description from becoming
a name) and negative rows (it must not take a name away). What each rule earned is in
docs/ATTRIBUTION.md."""
from __future__ import annotations

import pytest

from quoted import last


SPEAKER_ROWS = [
    # a place word after a known first name is a person's surname ("Helen Rome"), not a body
    pytest.param("The board hired Helen Rome as its host. “You get the house ready for a party,” Rome said.",
                 "Helen Rome", id="first-name-then-a-city"),
    pytest.param("Mark West runs the club. “We train twice a week in winter,” he said.",
                 "Mark West", id="first-name-then-a-compass-word"),
    pytest.param("The fans were angry. “We train twice a week in winter,” Inter Milan said in a statement.",
                 "Inter Milan", id="negative-no-first-name"),
    # a name read back from a cue stops at "and"; the scan read the whole name there
    pytest.param("The Department of Harbour and Urban Renewal (HUR) met. “Rents will rise this year,” the "
                 "Department of Harbour and Urban Renewal said.", "Department of Harbour and Urban Renewal",
                 id="whole-name-over-and"),
    pytest.param("The Kell Party and KNP clashed. KNP leaders left early. “We will not give an inch,” the Kell "
                 "Party said.", "Kell Party", id="negative-two-bodies-joined-by-and"),
    pytest.param("The Tories and Vole National Front clashed on Monday. VNF leaders left early. “We will not "
                 "give an inch,” the Tories said.", "Tories", id="negative-acronym-of-the-second-body-only"),
    # words after a phrase quoted in the sentence that go on with a preposition, or with "and" and
    # a second verb, have no subject of their own: the sentence's subject spoke
    pytest.param("Ivo Dane backed a fuel tax. Dane called for “urgent talks” between the Treasury and "
                 "Parliament on a deal that would include land sales, lower farm subsidies, “a steady rise in "
                 "school spending” and new rules.", "Ivo Dane", id="goes-on-with-a-preposition"),
    pytest.param("Ivo Dane called Lund a “coward” and accused him of behaving like a “sulking boy.”",
                 "Ivo Dane", id="goes-on-with-a-second-verb"),
    pytest.param("Ivo Dane called it “cheap” but Ann Vale said it was “far too high for most”.",
                 "Ann Vale", id="negative-a-clause-of-its-own"),
    pytest.param("Ivo Dane called the plan “cheap” after Ann Vale called it “far too high for most”.",
                 "Ann Vale", id="negative-after-opens-a-clause"),
    # "the West Kell Democrat", "the Democrat": a description of someone named before, not a name
    pytest.param("Senate leader Ivo Dane spoke first. “We can manage,” the West Kell Democrat said at a hearing.",
                 "Ivo Dane", id="place-then-party-noun"),
    pytest.param("Senate leader Ivo Dane spoke first. “We can manage,” the Democrat said at a hearing.",
                 "Ivo Dane", id="party-noun-alone"),
    pytest.param("Ivo Dane, a Conservative, spoke first. “We can manage,” the Conservative told reporters.",
                 "Ivo Dane", id="party-noun-alone-told"),
    pytest.param("The union sent Ivo Dane. “We can manage,” the trade envoy of the Kell Union Ivo Dane told "
                 "reporters.", "Ivo Dane", id="negative-a-body-then-a-name"),
    pytest.param("The vote was close. “We can manage,” Democrat Ann Vale said at a hearing.",
                 "Ann Vale", id="negative-party-noun-before-a-name"),
    # a one-word name, then a role noun set off by commas: the name is the speaker, the rest its role
    pytest.param("Ivo Dane runs it. Dane, chairman of the Kell Music Group, said: “We found the rules far too "
                 "strict.”", "Ivo Dane", id="surname-then-a-bare-role"),
    pytest.param("The label was sold. Ivo Dane, chairman of the Kell Music Group, said: “We found the rules far "
                 "too strict.”", "Ivo Dane", id="negative-a-full-name-then-a-bare-role"),
    pytest.param("Ivo Dane sold the label. Dane, the Kell Music Group's owner, said: “We found the rules far too "
                 "strict.”", "Ivo Dane", id="negative-surname-then-a-determiner"),
    # "the Crown Prince": a title after "the" describes someone named before
    pytest.param("Prince Ivo Dane met the king. “We found the rules far too strict,” the Crown Prince "
                 "said.", "Ivo Dane", id="the-then-a-title"),
    pytest.param("The talks ended. “We found the rules far too strict,” Crown Prince Ivo Dane said.",
                 "Ivo Dane", id="negative-a-title-then-a-name"),
    # a description right after a title in marks and its comma opens the clause ('On "Meet the
    # Voters," the senator said'): it is who spoke, not a word of the title
    pytest.param("Senator Ivo Dane spoke on Sunday. Appearing on the Kell TV show, “Meet the Voters,” the Kell "
                 "senator said the nomination “might run into real trouble.”", "Ivo Dane", id="description-after-a-title"),
    pytest.param("Senator Ivo Dane spoke on Sunday. Appearing on the Kell TV show, “Meet the Voters,” Ann "
                 "Vale said the nomination “might run into real trouble.”", "Ann Vale",
                 id="negative-a-name-after-a-title"),
]


@pytest.mark.parametrize("text, speaker", SPEAKER_ROWS)
def test_speaker_of_last_quote(text, speaker):
    """The last quote of each made-up text gets the speaker the rule gives (or none)."""
    assert last(text) == speaker
