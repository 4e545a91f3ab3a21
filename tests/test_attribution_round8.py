"""Rules of the eighth round of attribution work, each a table of made-up sentences with the speaker
of a quote: positive rows (the rule finds the speaker) and negative rows (it must not find one, or
must not find the wrong one). What each rule earned is in docs/ATTRIBUTION.md."""
from __future__ import annotations

import pytest

from indexer.extract.weight import subject_after
from quoted import found, last


SPEAKER_ROWS = [
    # the subject of a sentence since the quote before weighs more than the one who spoke before it
    pytest.param('Ola Brandt said the track was slow. "We never found a rhythm," she said. But Mary Holt was '
                 'in upbeat mood before her next race. "I have raced on this surface before," she said.',
                 "Mary Holt", id="fresh-subject-after-a-quote"),
    # negative: with nobody new since the quote before, the speaker of that quote goes on
    pytest.param('Ola Brandt said the track was slow. "We never found a rhythm," she said. The wind rose in '
                 'the afternoon. "It was hard to hold a line," she said.', "Ola Brandt",
                 id="negative-nobody-new-since-the-quote"),
    # an owner, then a role no list holds, then the name: the sentence's subject
    pytest.param('Tom Reed said the final was close. "We were lucky," he said. But Harbour United\'s coach '
                 'Peter Marstal was in no mood to agree. He said: "We gave the game away in ten minutes."',
                 "Peter Marstal", id="owner-role-then-name"),
    # a firm's name of words that a title opens, and its acronym used later in the article
    pytest.param('Shares in General Turbine rose on Monday. GE-style conglomerates are rare now. GT said its '
                 'orders were up, "with growth in every region".', "General Turbine", id="acronym-used-later"),
    # a quoted phrase deep in what someone said ("said that if ..., the plan "...""): that someone
    pytest.param('Ann Lowry said that if the vote went ahead as planned, the scheme was "doomed from the '
                 'start".', "Ann Lowry", id="deep-in-reported-speech"),
    pytest.param('Ivo Dane said he would say nothing about the plan yet but "the gist of the report is '
                 'right".', "Ivo Dane", id="deep-after-but"),
    # "president and chief executive of X" with no comma before the cue: the name before the roles
    pytest.param('Anton Rees, president and chief executive of Harbour Growers stated, "It is not a political '
                 'problem; it is a sum."', "Anton Rees", id="two-roles-no-closing-comma"),
    # the one spoken to is not the one speaking ("he told Rubens")
    pytest.param('Mark Rubens met the voters in Leeds. Ivo Kell asked him about visas first. "Workers like me '
                 'have been badly let down by the scheme," he told Rubens.', "Ivo Kell",
                 id="he-told-someone-is-not-that-someone"),
    # negative: "he told reporters" bars nobody
    pytest.param('Mark Rubens met the voters in Leeds. "Workers like me have been let down," he told reporters.',
                 "Mark Rubens", id="negative-told-reporters"),
    # "And even Obama ...": a focus word before the subject
    pytest.param('The three leaders were careful. Both Ivo Dane and Ana Vale gave assurances. And even Obama '
                 'tried to help them, noting that he would do the same. "On trips abroad, commenting on '
                 'candidates is not my role," he said.', "Obama", id="and-even-subject"),
    # a firm's short name after its full name is the same firm
    pytest.param('Harbour Trust Investment Corp Ltd said profits rose. Harbour Trust, 39 pct owned by Vale PLC, '
                 'reported that income rose. The bank said its losses would decline "although it may take some '
                 'time."', "Harbour Trust Investment Corp Ltd", id="firm-short-name-is-its-full-name"),
    # a second "that" clause of the same verb carries the first phrase's speaker
    pytest.param('At the debate, Ann Lowry said her aides "made a bad call" in reading the files, but '
                 'that the party\'s later ban on its access was "an unfair act."', "Ann Lowry",
                 id="but-that-same-verb"),
    # negative: a second clause with a cue of its own is not the first speaker's
    pytest.param('Ann Lowry said her aides "made a bad call" in reading the files, but Tom Reed argued '
                 'that the ban was "an unfair act."', "Tom Reed", id="negative-but-another-cue"),
    # after a quote, a description ending in its body's name, then the person
    pytest.param('Talks went on. "The mood has calmed," the standing trade envoy of the Harbour Union Ivo '
                 'Dane told reporters.', "Ivo Dane", id="envoy-of-body-then-name"),
    # a closed quote, then a sentence of its own that ends on a cue: that cue is not the quote's
    pytest.param('The talks ended. Ann Lee said: "They are going to test the rules soon." The trade data may '
                 'provide the trigger, dealers said.', "Ann Lee", id="closed-quote-then-a-sentence-of-its-own"),
    # negative: a name and its appositive after a closed quote still attribute it
    pytest.param('The talks ended. "They are going to test the rules soon." Ann Lee, a dealer at Harbour Bank, '
                 'said.', "Ann Lee", id="negative-closed-quote-then-name-and-appositive"),
    # an aside between dashes after the name: the name speaks, not the one named in the aside
    pytest.param('"We used to see hustlers do this," Andrei Volkov - then economic adviser to President Ivan '
                 'Petrov - told a press conference.', "Andrei Volkov", id="dash-aside-after-the-quote"),
    pytest.param('The row grew. Mr Dane - himself a former director at rival Harbour Motors - said the car was '
                 'the firm\'s "most affordable model ever".', "Dane", id="dash-aside-before-the-quote"),
    # negative: a dash that opens no aside ("- said" after a list) changes nothing
    pytest.param('Ann Lee said: "We will sign it - and soon."', "Ann Lee", id="negative-dash-inside-quote"),
    # a hyphenated role before a name ("co-chairman") is a sign of a person, as "chairman" is
    pytest.param('Delegates met in Leeds. Harbour co-chairman Liam Vosk opened with a speech criticising Tony '
                 'Blair\'s record. The party\'s rule has been "a failure", he told the conference.', "Liam Vosk",
                 id="hyphenated-role-is-a-person"),
    # a surname two people share: the one the article named first, when the other was not just named
    pytest.param('Ana Lowry spoke in Leeds on Monday. She was asked about trade. The host then raised Ivo '
                 'Lowry\'s record as mayor in the 1990s. The crowd cheered, and the hall grew loud for a while. '
                 'Questions on jobs, on schools and on the new rail line in the north of the city followed, one '
                 'after another. "I have made it clear that we will not sign a bad deal," Lowry said.', "Ana Lowry",
                 id="surname-shared-first-named"),
    # negative: the other one was named in the sentence before: that one
    pytest.param('Vera Holm lost in Paris. Nina Holm won her match on Monday. "I felt strong today," Holm said.',
                 "Nina Holm", id="negative-surname-shared-just-named"),
    # a transcript in marks: each line's label is its speaker, and a labelled paragraph starts a new quote
    pytest.param('Ann Vale spoke to the host, Ivo Dane, on Friday.\n\n"DANE: Did you know the plan would fail?\n\n'
                 '"VALE: I knew it was a risk, and I said so at the time."', "Ann Vale", id="transcript-label"),
    # negative: a label nobody is named by, used once, names nobody
    pytest.param('The film opens on a street.\n\n"VIDEO: a crowd runs past the camera and shouts at the '
                 'police."', None, id="negative-label-no-name"),
    # "the senator from Vermont": a description of a person, not the place
    pytest.param('Ann Vale spoke at the debate. "It is easy to promise things," Vale said. The senator from '
                 'Ohio said the system was "rigged against us."', "Ann Vale", id="senator-from-place"),
    # the state after a city ("in Aurora, Colorado,") is a place, not a person who speaks
    pytest.param('Mary Holt, who lost her son during the storm in Lydd, Kent, in July 2012, said the council '
                 'had been slow. "They promised to meet us," she said.', "Mary Holt", id="city-then-state"),
    # negative: verb of asking inside the report is not the one whose words they are
    pytest.param('Tom Reed said that Ann Lee urged him to wait and "would have done anything to win."',
                 "Tom Reed", id="negative-deep-not-the-one-urging"),
]


@pytest.mark.parametrize("text,speaker", SPEAKER_ROWS)
def test_round8_speakers(text, speaker):
    assert last(text) == speaker


@pytest.mark.parametrize("head,after,expected", [
    ("The Harbour Times' music critic ", " felt that", True),
    ("But Reed's Danish counterpart ", " was in no mood", True),
    # negatives: a verb before the name (the name is its object), no owner, no verb after the name
    ("The board met ", " and Sam Hart", False),
    ("The match against ", " was", False),
    ("The Harbour Times' music critic ", " and her editor", False),
])
def test_owned_role_subject(head, after, expected):
    assert subject_after(head, after) is expected


def test_acronym_alone_makes_no_firm_of_a_person():
    """A first name opens the run: "Ann Lee ... AL" is no firm's acronym."""
    text = 'Ann Lee spoke first. AL ratings rose. "We did well," said Ann Lee.'
    assert last(text) == "Ann Lee"


def test_deep_quote_is_found_and_attributed():
    """A phrase deep in reported speech is now kept as a quote of the one reporting it (it was dropped
    as unattributed before)."""
    got = found('Ann Lowry said that if the vote went ahead as planned, the scheme was "doomed from the '
                'start".')
    assert got == [("doomed", "Ann Lowry", "before:deep")]
