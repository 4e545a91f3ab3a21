"""Rules of the fifteenth round of attribution work, each a table of made-up sentences with the
speaker of a quote: positive rows (the rule finds the speaker) and negative rows (it must not find
one, or must not find the wrong one). What each rule earned is in docs/ATTRIBUTION.md."""
from __future__ import annotations

import pytest

from indexer.extract import direct_quotations
from quoted import found, last


SPEAKER_ROWS = [
    # a relative clause set off by commas may hold a name of its own set off by its own comma ("the
    # port town, Kellby,"): the speaker is still the one before "who"
    pytest.param("Ivo Lund, who farms a plot outside the port town, Kellby, said he still “hopes the mill "
                 "reopens in May.”",
                 "Ivo Lund", id="relative-clause-holds-a-name"),
    pytest.param("Ivo Lund farms near the port. Outside the port town, Kellby, Ada Vane said she still “hopes "
                 "the mill reopens in May.”",
                 "Ada Vane", id="negative-no-relative-clause"),
    # ... and the one before "which" may be a description: "The firm, which ..., said" is the firm
    pytest.param("Varro Tools Ltd makes drills. The firm, which is based in Kellby, said it “has broken no "
                 "rule at all.”",
                 "Varro Tools Ltd", id="description-before-which"),
    pytest.param("Varro Tools Ltd makes drills. Critics mocked its new logo, which Harbour Weekly called “a "
                 "drill bit in a fog.”",
                 "Harbour Weekly", id="negative-which-has-its-own-subject"),
    # "<role> for <place> <name>": after an office and "for", a country or city opens the office,
    # not the name, when the last two words look like a person's
    pytest.param("Varro Tools general manager for Canada Kenji Morosawa told us of the plan. “This is "
                 "a first step,” Morosawa said.",
                 "Kenji Morosawa", id="office-for-a-place-then-a-name"),
    pytest.param("The Kell Council named a manager for the Harbour Fishing Association. “This is a first "
                 "step,” the association said.",
                 "Harbour Fishing Association", id="negative-for-an-organisation"),
    # a party word inside a run ends the role before a person's name ("Harbour Ranking Democrat
    # Ann Vole"), and a participle before it opens no clause ("Ranking Democrat Ann Vole")
    pytest.param("Harbour Board Ranking Democrat Dalia Vorne spoke first. “I knew nothing,” Vorne said.",
                 "Dalia Vorne", id="party-word-in-a-run"),
    pytest.param("Ranking Democrat Dalia Vorne spoke first. “I knew nothing,” Vorne said.",
                 "Dalia Vorne", id="participle-before-a-party-word"),
    pytest.param("Addressing Republican voters, Dalia Vorne spoke first. “I knew nothing,” Vorne said.",
                 "Dalia Vorne", id="negative-a-participle-clause"),
    # a capitalised agent noun right before a known first name is a role ("Drummer Larry Osk")
    pytest.param("Drummer Larry Osk Jr spoke first. “We want big singles,” Osk said.",
                 "Larry Osk Jr", id="agent-noun-before-a-first-name"),
    pytest.param("New Yorker Dick Vole spoke first. “We want big singles,” Vole said.",
                 "Dick Vole", id="demonym-before-a-first-name"),
    pytest.param("Mary Jo Vole spoke first. “We want big singles,” Vole said.",
                 "Mary Jo Vole", id="negative-two-first-names"),
    # "From the report:" / "- More from Vole:": the source a clause names before its colon
    pytest.param("The Kell Institute issued a report on port jobs. What it means - Not all ports are alike. "
                 "From the report: “In general, big ports hire more.”",
                 "Kell Institute", id="from-the-report-colon"),
    pytest.param("Ann Vole and Ivo Lund run a firm. The signs were plain - More from Vole: "
                 "“Data from our firm helps confirm it.”",
                 "Ann Vole", id="more-from-a-name-colon"),
    pytest.param("Ann Vole won. From early spring until May: “prices rose”.",
                 None, id="negative-from-a-time"),
    # two appositives after a name, the first holding a firm: the name speaks, not the firm
    pytest.param("But John Lund, a trade expert at Kell Institution, a research body, said “tariffs "
                 "hurt everyone.”",
                 "John Lund", id="two-appositives"),
    pytest.param("John Lund, president of Harbour Securities, a local broking firm with Leeds ties, told "
                 "us, “You can bet on the market.”",
                 "John Lund", id="two-appositives-with-an-ing-word"),
    pytest.param("He guarded the votes in 1976, in what Bay Lund, treasurer for Ronald Vole's campaign, "
                 "called “trench warfare.”",
                 "Bay Lund", id="negative-a-phrase-before-the-name"),
    pytest.param("Acme Corp, the firm run by Ann Lee, a former nurse, said “we can bet on the market.”",
                 "Acme Corp", id="negative-the-appositive-holds-the-name"),
    # "Said Ann Lee, an analyst at Acme, "...": the appositive keeps its commas
    pytest.param("Said John Lund, vice-president of Nesbo Tomson Inc, “When rates stop falling, there "
                 "will be trouble.”",
                 "John Lund", id="said-name-appositive"),
    pytest.param("Said Nesbo Tomson Inc, the maker of drills: “When rates stop falling, there will be "
                 "trouble.”",
                 "Nesbo Tomson Inc", id="said-firm-appositive"),
    # an -ing word of a role is no participle phrase: "Kell Bank managing director John Lund told"
    pytest.param("Kell Bank managing director John Lund told us, “All our deals were closed.”",
                 "John Lund", id="managing-director"),
    pytest.param("Ann Vole, speaking to reporters in Kell, said “we can win.”", "Ann Vole",
                 id="negative-a-participle-phrase"),
    # an opening phrase opens the first part only: "In testimony today, John Lund, director of ... said"
    pytest.param("In testimony today, John Lund, director of affairs for the Kell Farmers Association said "
                 "“the Congress must be tough.”",
                 "John Lund", id="opening-phrase-then-name-and-appositive"),
    # ... and a named object after "in the" keeps its old reading: "A review in the Kell Times dubbed it"
    pytest.param("A kinder review in the Kell Times called the film “pleasantly slight”.",
                 "Kell Times", id="negative-in-a-named-paper"),
    # "police" (a group with no plural -s) says the quote after it: no one named, not the one arrested
    pytest.param("Peter Vole was arrested on Monday. “He is being held in a cell,” police said.", None,
                 id="police-said"),
    pytest.param("Peter Vole was arrested on Monday. “He is being held in a cell,” Vole said.", "Peter Vole",
                 id="negative-a-name-said"),
    # an age and a place set off after a name are the name's: "John Lund, 34, from Kellby, said"
    pytest.param("John Lund, 34, from Kellby, said: “We were poor.”", "John Lund", id="name-age-place"),
    pytest.param("Mary Vole, 41, of Kellby, told the inquest: “He was a loving son.”", "Mary Vole",
                 id="name-age-of-place"),
    pytest.param("Ann Lee, 34, a teacher from Kellby, said: “We were poor.”", "Ann Lee",
                 id="name-age-description"),
    # an adverb opening an appositive is no part of it: "Melamed, also the head of Acme, told"
    pytest.param("Leo Melvo runs the exchange. Melvo, also the head of Dellby Funds Ltd, told reporters on "
                 "Monday that the state would “open its markets”.",
                 "Leo Melvo", id="adverb-before-an-appositive"),
    # "told" reports its subject's words, deep in its clause too; "were told" reports no one's
    pytest.param("Prosecutor Mary Vole told jurors the defendant had “lied from the start”.", "Mary Vole",
                 id="told-someone-a-deep-quote"),
    pytest.param("For the Greens, Simon Hale said that students who were told there would be no fees “have "
                 "got the reverse of it”.",
                 "Simon Hale", id="negative-were-told"),
    # wire copy's "&lt;" is one mark, as "<" is: the scan goes on over it
    pytest.param("Walt Banner, general manager of &lt;Kell Corp Ltd> in Hong Kong, said the statement was "
                 "“reasonably accurate.”",
                 "Walt Banner", id="escaped-angle-bracket"),
    pytest.param("Walt Banner, general manager of <Kell Corp Ltd> in Hong Kong, said the statement was "
                 "“reasonably accurate.”",
                 "Walt Banner", id="negative-plain-angle-bracket"),
    # a first name joined by "and" to a full name shares its surname: "Mary and Ivo Lund" are two Lunds
    pytest.param("Mary and Ivo Lund run a farm. “It was a hard year,” Mary said.", "Mary Lund",
                 id="first-name-and-full-name"),
    pytest.param("Mary and John Vole run a farm. “It was a hard year,” Mrs Vole said.", "Mary Vole",
                 id="coordinated-first-names-title"),
    pytest.param("Mary met Ivo Lund at the farm. “It was a hard year,” Mary said.", "Mary",
                 id="negative-no-and"),
    # ... and a title's gender picks the one of a surname known to agree over one of unknown gender
    pytest.param("Mary Lund and Ivo Lund run a farm. “It was a hard year,” Mrs Lund said.", "Mary Lund",
                 id="title-picks-the-agreeing-one"),
    pytest.param("Victor Lund and Viktor Lund run a farm. “It was a hard year,” Mr Lund said.", "Viktor Lund",
                 id="negative-one-name-spelt-two-ways"),
    # two firms each named whole and joined by "and" are two firms
    pytest.param("Kell Ltd and Dane Corp both cut jobs. “It was a hard year,” Kell said.", "Kell Ltd",
                 id="two-firms-joined"),
    pytest.param("The Kell Bonds and Exchange Commission met. “It was a hard year,” the commission said.",
                 "Kell Bonds and Exchange Commission", id="negative-one-body-with-and"),
    # a surname in the plural is the people of that surname, together
    pytest.param("Natalie Koeth and Paul Koeth own 9% of Acme. The Koeths said they would “maximise the "
                 "value of the shares”.",
                 "Natalie Koeth and Paul Koeth", id="plural-surname"),
    # "a lawyer for Mary Vole", "a broker at Kell Ltd": an unnamed person who speaks for them, as
    # "a spokesman for" already was -- unless a name is set off after it
    pytest.param("Mary Vole lost the case. “We will fight on,” a lawyer for Mary Vole said.", None,
                 id="a-role-for-someone"),
    pytest.param("“Prices will rise,” a broker at Kell Securities Ltd said.", None, id="a-role-at-a-firm"),
    pytest.param("“Prices will rise,” one broker at Kell Securities Ltd, Ivo Lund, said.", "Ivo Lund",
                 id="negative-a-name-after-the-role"),
    # "A lawyer in the firm said": the one in the firm speaks (unnamed here), not the firm
    pytest.param("Ivo Lund sued Varro Tools Ltd over a drill. A lawyer in the company said that “a heavy "
                 "penalty is due.”",
                 None, id="someone-in-something"),
    pytest.param("Ivo Lund sued Varro Tools Ltd over a drill. Ada Vane in the capital said that “a heavy "
                 "penalty is due.”",
                 "Ada Vane", id="negative-a-name-in-a-place"),
]


@pytest.mark.parametrize("text, speaker", SPEAKER_ROWS)
def test_speaker_of_last_quote(text, speaker):
    """The last quote of each made-up text gets the speaker the rule gives (or none)."""
    assert last(text) == speaker


def test_a_seat_is_no_office():
    """"MP for Kellby and North Vale": after "for", two words are a seat, not "North" and a Mr Vale."""
    assert last("But the Harbour MP for Kellby and North Vale admitted the role “cannot be frozen.”") != "Vale"


def test_a_short_quote_police_said_is_kept():
    """A short quote that police say is a quote of theirs (no one named), not dropped as a phrase."""
    assert found("Peter Vole was arrested. “He is being held,” police said.") == [("He", None, "after:name-cue")]


@pytest.mark.parametrize("author, speaker", [
    ("Nora Quill, Kell Times", "Nora Quill"),
    ("By Nora Quill | Kell Times", "Nora Quill"),
    ("Nora Quill - Kell Times", "Nora Quill"),
    ("Nora Quill and Ivo Dane", "Nora Quill and Ivo Dane"),    # negative: two writers stay two
    ("Nora Quill", "Nora Quill"),                              # negative: a bare name is the name
])
def test_a_first_person_piece_is_its_writer_not_the_byline(author, speaker):
    """"I said" in a first-person piece is the writer the byline names, without its outlet."""
    text = "I asked him about the plan. “I am fine, thank you,” I said."
    assert [q.speaker for q in direct_quotations(text, "x", None, author=author)] == [speaker]
