"""Rules of the seventeenth round of attribution work, each a table of made-up sentences with the
speaker of a quote: positive rows (the rule finds the speaker, or keeps a description from becoming
a name) and negative rows (it must not take a name away). What each rule earned is in
docs/ATTRIBUTION.md."""
from __future__ import annotations

import pytest

from indexer.extract.entities import Entities
from indexer.extract.salience import Salience
from indexer.extract.weight import joined_subject
from indexer.tokenize import paragraphs
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
    # a gender noun set off by a comma before a name ("her husband, Milo Vale,") gives the gender
    pytest.param("Ann Vale runs a bakery in Kell and sits on the harbour board. With her husband, Milo Vale, a "
                 "retired pilot, she backs three charities. “We give what we can spare,” she said.",
                 "Ann Vale", id="gender-from-a-noun-set-off"),
    pytest.param("Ann Vale runs a bakery in Kell and sits on the harbour board. With her husband, Milo Vale, a "
                 "retired pilot, she backs three charities. “We give what we can spare,” he said.",
                 "Milo Vale", id="negative-he-is-the-husband"),
    # a subject read past its modifiers to its head: "The Kell presidential candidate" is a description,
    # "Former Kell secretary of state Ann Vale" a role and a name; "A Kell bank economist" no one
    pytest.param("Ivo Dane spoke at length. The Kell presidential candidate stated that the plan would “cost "
                 "far more than anyone admits.”", "Ivo Dane", id="subject-past-a-modifier"),
    pytest.param("Former Kell secretary of state Ann Vale, a Dane ally, caused a stir in May with her claim "
                 "that “the old ferry was never safe to sail.”", "Ann Vale", id="subject-after-an-office"),
    pytest.param("The dealers met on Friday. A Kell bank economist said trading would stay “calm and thin for "
                 "weeks.”", None, id="subject-an-unnamed-economist"),
    pytest.param("The dealers met on Friday. The Kell Bank economist Ann Vale said trading would stay “calm and "
                 "thin for weeks.”", "Ann Vale", id="negative-subject-a-named-economist"),
    pytest.param("Ivo Dane spoke at length. The Kell police arrested Ann Vale, who said the charges were “far "
                 "too thin to stand.”", "Ann Vale", id="negative-subject-not-past-a-verb"),
    # a sentence where an unnamed person speaks, then the quote: theirs (no one), not carried on
    pytest.param("Ivo Wyatt spoke first. “We are trying very hard,” Wyatt said. A Kell party spokesman played "
                 "down the row and said Mr Dane had a role. “The vote is about schools "
                 "and nothing else.”", None, id="said-sentence-of-an-unnamed-person"),
    pytest.param("Ivo Wyatt spoke first. “We are trying very hard,” Wyatt said. Party chairman Ann Vale played "
                 "down the row and said Mr Dane had a role. “The vote is about schools "
                 "and nothing else.”", "Ann Vale", id="negative-said-sentence-of-a-named-person"),
    # a Title Case headline that opens with a full name gives the surname the text uses alone its
    # given name; not a headline's verb, nor a word the text also writes in lower case
    pytest.param("Cora Vantine: We Are Tired Of Being Told What To Do\nVantine spoke to the host on Friday. "
                 "“It is important that we take the stigma away,” Vantine said.", "Cora Vantine",
                 id="given-name-from-the-headline"),
    pytest.param("Kell Slams Vantine Over Her Remarks On Taxes\nVantine spoke to the host on Friday. “It is "
                 "important that we take the stigma away,” Vantine said.", "Vantine", id="negative-headline-verb"),
    pytest.param("Hacker Vantine Tells All About The Leak\nThe hacker spoke to the host on Friday. “It is "
                 "important that we take the stigma away,” Vantine said.", "Vantine",
                 id="negative-headline-common-noun"),
    # a quote brought in by a cue and a colon or comma, closed on a full stop: what follows is a new
    # sentence, not its attribution
    pytest.param("The bridge fell in May. Kell mayor Ann Vale said: “We will rebuild it by next spring, whatever "
                 "it costs.” The council agreed.", "Ann Vale", id="introduced-then-a-new-sentence"),
    pytest.param("The bridge fell in May. As boos rose, the mayor Ann Vale says, “Please calm down.” Ivo Dane "
                 "shouted.", "Ann Vale", id="introduced-by-a-cue-and-a-comma"),
    pytest.param("The bridge fell in May. In a speech, “We will rebuild it by next spring, whatever it costs.” "
                 "Ann Vale said.", "Ann Vale", id="negative-no-cue-before"),
]


@pytest.mark.parametrize("text, speaker", SPEAKER_ROWS)
def test_speaker_of_last_quote(text, speaker):
    """The last quote of each made-up text gets the speaker the rule gives (or none)."""
    assert last(text) == speaker


@pytest.mark.parametrize("head, expected", [
    ("Ivo Dane said the rules were fair, but ", True),
    ("Ivo Dane said the rules were fair, and committee chairman ", True),
    ("Ivo Dane said the rules were fair, but the Kell Tennis chief ", True),
    # negative: a verb after the join (the name is its object's subject), no comma, no join
    ("Ivo Dane said the rules were fair, but suggested ", False),
    ("Ivo Dane said the rules were fair but ", False),
    ("Ivo Dane said the rules were fair, because ", False),
])
def test_joined_subject(head, expected):
    """A name right after ", and"/", but" (a description perhaps before it) opens a joined clause."""
    assert joined_subject(head) is expected


@pytest.mark.parametrize("text, weight", [
    # the subject of a clause joined on after the one who spoke keeps its weight as a subject ...
    ("Ivo Dane said the rules were fair, but committee chairman Tom Reed wants them changed.", 2.5),
    ("Ivo Dane said the rules were fair, but Tom Reed wants them changed.", 2.5),
    # ... not a name inside what was said
    ("Ivo Dane said the rules were fair, but suggested Tom Reed wants them changed.", 0.5),
    ("Ivo Dane said Tom Reed wants the rules changed.", 0.5),
])
def test_weight_of_a_joined_subject(text, weight):
    """The weight salience gives Tom Reed in a sentence where Ivo Dane speaks."""
    paras = paragraphs(text)
    mentions = Salience(text, Entities(text, paras), paras, []).mentions_in(0, 0)
    assert [w for _, e, w in mentions if e.name == "Tom Reed"] == [weight]
