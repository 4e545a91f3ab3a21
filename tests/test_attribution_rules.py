"""Rules of the fourth round of attribution work, each a table of made-up sentences with the
speaker of their last quote: positive rows (the rule finds the speaker) and negative rows (it
must not find one, or must not find the wrong one)."""
from __future__ import annotations

import pytest

from indexer.extract import direct_quotations
from indexer.extract.furniture import caps_lines
from quoted import last


# all-caps headline lines: their capitals say nothing of which words are names
CAPS = [
    pytest.param('HARBOUR MINING SAYS OLAF BRUN TO QUIT\nHarbour Mining Corp said its chairman would leave. '
                 '"The board thanks him for his work," the company said.', "Harbour Mining Corp",
                 id="headline-run-does-not-swallow-the-firm"),
    pytest.param('TILE MAKER CUTS 300 JOBS, BRUN SAYS\n"We will cut 300 jobs," Olaf Brun said.', "Olaf Brun",
                 id="name-in-normal-case-counts"),
    pytest.param('OLAF BRUN TO LEAVE TILE MAKER\nThe chief of the tile maker said sales fell. '
                 '"We will grow again next year," he said.', None, id="headline-name-is-no-antecedent"),
    pytest.param('OLAF BRUN TO LEAVE TILE MAKER\n"We will grow again next year," Brun said.', "Brun",
                 id="headline-gives-no-full-name"),
]


@pytest.mark.parametrize("text,speaker", CAPS)
def test_caps_headlines(text, speaker):
    assert last(text) == speaker


@pytest.mark.parametrize("text,spans", [
    ("OLAF BRUN TO LEAVE TILE MAKER\nHe said so.", [(0, 29)]),
    ("U.S. RATES RISE\nx", [(0, 15)]),
    ("NEW YORK, May 3 - Tile Co said", []),          # a dateline has lower-case letters
    ("The IBM PC sold well.", []),
    ("ACME ONE\nx", []),                             # two words: too short to tell
])
def test_caps_lines(text, spans):
    assert caps_lines(text) == spans


# reported speech in the passive and "according to": the one quoted is the speaker
REPORTED = [
    pytest.param('The minister, Nia Holt, was quoted as saying: "We will not raise taxes this year."', "Nia Holt",
                 id="passive-with-apposition"),
    pytest.param('Finance minister Nia Holt was quoted by the state radio as saying: "Taxes stay as they are."',
                 "Nia Holt", id="passive-with-by"),
    pytest.param('Olaf Brun was cited as saying the deal "is finished and will not come back."', "Olaf Brun",
                 id="cited-as-saying"),
    pytest.param('"We will not raise taxes this year," Nia Holt was quoted as saying.', "Nia Holt",
                 id="after-the-quote"),
    pytest.param('The state radio quoted Olaf Brun as saying: "We will not raise taxes this year."', "Olaf Brun",
                 id="active-object-not-the-radio"),
    pytest.param('Vale News quoted Olaf Brun, the finance minister, as saying the tax "will stay as it is."',
                 "Olaf Brun", id="active-object-with-apposition"),
    pytest.param('According to Olaf Brun, the plan "will cost far more than anyone says."', "Olaf Brun",
                 id="according-to-then-comma"),
    pytest.param('"The plan will cost far more than anyone says," according to Olaf Brun.', "Olaf Brun",
                 id="according-to-after"),
    pytest.param('He was quoted as saying: "We will not raise taxes this year." Nia Holt met him later.', None,
                 id="negative-no-antecedent"),
    pytest.param('Mrs Nia Holt met Mr Olaf Brun. He was quoted by the radio as saying: "We will not raise taxes."',
                 "Olaf Brun", id="pronoun-subject-of-passive"),
]


@pytest.mark.parametrize("text,speaker", REPORTED)
def test_reported_speech(text, speaker):
    assert last(text) == speaker


# a document speaks for whoever the article says issued it
DOCUMENTS = [
    pytest.param('The Vale Monetary Agency has sent a circular to all banks.\n\n"The agency will now lend '
                 'against bills," the circular to banks states.', "Vale Monetary Agency", id="circular-states"),
    pytest.param('The Vale Monetary Agency has sent a circular to all banks. The circular, seen by the press, '
                 'said the old loans would end except "in rare and urgent cases."', "Vale Monetary Agency",
                 id="document-subject-of-reported-speech"),
    pytest.param('The Harbour Times covered the mine. Brightwater Tiles Ltd issued a statement on Monday.\n\n'
                 '"We will close the plant in June," the statement said.', "Brightwater Tiles Ltd",
                 id="statement-goes-to-its-issuer-not-the-paper"),
    pytest.param('In Leeds, Mayor Tom Reed released a statement on Monday. He said he had called the police.\n\n'
                 '"We stand with the families," the statement said.', "Tom Reed", id="issuer-not-the-place-before"),
    pytest.param('In a statement, Brightwater Tiles Ltd said sales fell.\n\n"Orders will pick up in spring," '
                 'the statement added.', "Brightwater Tiles Ltd", id="in-a-statement-x-said"),
    pytest.param('Brightwater Tiles Ltd said on Monday that it would sell a plant. A group of angry workers sent '
                 'a letter to the board.\n\n"We were never asked," the letter said.', None,
                 id="negative-letter-of-unnamed-people"),
    pytest.param('Voters in the northern states went to the polls. "We want change," one voter said.', None,
                 id="negative-states-is-a-noun"),
]


@pytest.mark.parametrize("text,speaker", DOCUMENTS)
def test_documents(text, speaker):
    assert last(text) == speaker


def last_kind(text):
    """(speaker, speaker_kind) of the last quote of text."""
    q = list(direct_quotations(text))[-1]
    return q.speaker, q.speaker_kind


# a place is never a speaker; a place that says something stands for a government: an organisation
PLACES = [
    pytest.param('Shares rose sharply in Port Essen on Monday. "We are pleased with the results," the company '
                 'said.', (None, None), id="place-is-not-the-company"),
    pytest.param('Shares rose sharply in Port Essen on Monday. "We are pleased with the results," it said.',
                 (None, None), id="place-is-not-it"),
    pytest.param('Trading was heavy. Traders in Port Essen said demand held.\n\n"The bank will act soon," he said.',
                 (None, None), id="place-of-unnamed-traders-is-not-he"),
    pytest.param('The firm is based in Lake Ordo, Vantaland.\n\n"We will grow," the company said.', (None, None),
                 id="place-of-an-unnamed-firm"),
    pytest.param('Talks in Vantaa stalled on Monday. "We will not accept these terms," Vantaa said.',
                 ("Vantaa", "organization"), id="capital-that-speaks-is-an-organisation"),
    pytest.param('Ivo Lund bought a stake in Brightwater Plc last year. "We will grow," the company said.',
                 ("Brightwater Plc", "organization"), id="negative-firm-after-in-is-no-place"),
    pytest.param('Trading was heavy in Port Essen.\n\nIvo Lund, a trader, said demand held. "The bank will act '
                 'soon," he said.', ("Ivo Lund", "person"), id="negative-named-trader-still-found"),
]


@pytest.mark.parametrize("text,expected", PLACES)
def test_places(text, expected):
    assert last_kind(text) == expected


@pytest.mark.parametrize("text,surface,place", [
    ("Shares rose in Port Essen.", "Port Essen", True),
    ("In Port Essen, shares rose.", "In Port Essen", True),
    ("PORT ESSEN, May 3 - Shares rose.", "PORT ESSEN", True),
    ("A stake in Acme's plant.", "Acme", False),
    ("Port Essen said it would act.", "Port Essen", False),
    ("An analyst at Acme said so.", "Acme", False),
])
def test_at_place(text, surface, place):
    from indexer.extract.entity import at_place
    assert at_place(text, text.index(surface), surface) is place


# a lead-in in capitals at a paragraph's start is a headline, not a speaker
SHOUTED = [
    pytest.param('RIVER WALK—"A gallery will open across from the park next spring," by Ann Lee.', None,
                 id="caps-lead-in-is-no-subject"),
    pytest.param('GOODBYE—"The club will close at the end of the month," wrote the paper.\n\nThe club opened in '
                 '1990.', None, id="one-caps-word-named-once"),
    pytest.param('Brightwater Tiles said on Monday it would grow. BRIGHTWATER is calling the plan "a fresh start '
                 'for the whole firm".', "Brightwater Tiles", id="negative-one-caps-word-named-again"),
    pytest.param('"We will grow," said ACME on Monday.', "ACME", id="negative-acronym-after-a-cue"),
]


@pytest.mark.parametrize("text,speaker", SHOUTED)
def test_shouted(text, speaker):
    assert last(text) == speaker


# the one spoken to ("He told Tom Reed") is never the speaker of a later "he said"
ADDRESSEE = [
    pytest.param('Peter Lund spoke on Monday. He told Tom Reed. "We will fight on," he said.', "Peter Lund",
                 id="told-a-name"),
    pytest.param('Peter Lund met the board on Monday.\n\nThe plan, he told Tom Reed, was dead.\n\n"We will fight '
                 'on," he said.', "Peter Lund", id="told-in-a-parenthesis"),
    pytest.param('Peter Lund met the press. He informed Tom Reed of the vote. "It was a hard call," he said.',
                 "Peter Lund", id="informed-a-name"),
    pytest.param('Ann Lee met Peter Lund. She told Mrs Ada Roos on Monday. "We will fight on," she said.',
                 "Ann Lee", id="told-a-woman"),
    pytest.param('"We will fight on," Peter Lund told Tom Reed.', "Peter Lund", id="told-after-the-quote"),
    pytest.param('Peter Lund spoke first. "We lost," noted Tom Reed.\n\n"We will fight on," he said.', "Tom Reed",
                 id="negative-inverted-cue-still-speaks"),
    pytest.param('Peter Lund spoke first, then Tom Reed. "We will fight on," he said.', "Tom Reed",
                 id="recent-subject-still-wins"),
]


@pytest.mark.parametrize("text,speaker", ADDRESSEE)
def test_addressee(text, speaker):
    assert last(text) == speaker


# an organisation's quote goes on with "it added" / "they said"; a short form of its name is the full one
GOING_ON = [
    pytest.param('The Harbour Times ran a story on Brightwater Tiles Ltd. "The firm has done well," the article '
                 'read. "It has brought work back to Port Essen," it added.', "Harbour Times",
                 id="it-goes-on-with-the-paper"),
    pytest.param('The Lake Ordo Water Board met on Monday. The Water Board issued a statement calling the leak '
                 '"a grave failure." "We will fix every pipe this year," they said.', "Lake Ordo Water Board",
                 id="they-goes-on-with-the-board-and-its-short-form"),
    pytest.param('Brightwater Tiles Ltd said sales fell. "Orders will pick up," it said.\n\nThe plant is old.\n\n'
                 'Acme Mining Corp said it bought the plant. "We will see," it said.', "Acme Mining Corp",
                 id="negative-the-firm-before-is-too-far"),
    pytest.param('Ann Lee and Tom Reed met the board. "We will stay," they said.', "Ann Lee and Tom Reed",
                 id="they-two-people-first"),
]


@pytest.mark.parametrize("text,speaker", GOING_ON)
def test_going_on(text, speaker):
    assert last(text) == speaker


# a title before a surname that is also a title word; a description's head before its phrase
DESCRIBED = [
    pytest.param('Sarah King spoke first.\n\n"We can win this," Mrs. King said.', "Sarah King",
                 id="mr-and-a-title-word-surname"),
    pytest.param('Ann Lee, the eldest daughter of the mayor, spoke. Asked why, the 41-year-old mother of two '
                 'replied, "It is meant to help mothers."', "Ann Lee", id="mother-of-two"),
    pytest.param('Tom Reed met Ann Lee. "It is meant to help," said the father of two.', "Tom Reed",
                 id="father-of-two"),
    pytest.param('Tom Reed met Ann Lee. "It is meant to help," said the head of the agency.', None,
                 id="negative-head-of-an-agency-is-no-person-noun"),
    pytest.param('Angela Vance, a builder and spokeswoman for the Harbour Coalition, which counts forty firms, '
                 'said the rules were fair.\n\n"People judge a place after the work is done," she said.',
                 "Angela Vance", id="a-coalition-is-no-woman"),
]


@pytest.mark.parametrize("text,speaker", DESCRIBED)
def test_described(text, speaker):
    assert last(text) == speaker


# speech verbs in the present tense, as a narrator describing a recording writes them
PRESENT = [
    pytest.param('Ann Lee films the street.\n\n"Stop the car," she yells.\n\nThe car stops.\n\n"Do not move," '
                 'she said.', "Ann Lee", id="yells-keeps-her-salient"),
    pytest.param('"What next?" Ann Lee responds to Tom Reed.', "Ann Lee", id="responds"),
    pytest.param('Ann Lee films the street. The cries "get louder by the minute" as the crowd grows.', None,
                 id="negative-cries-is-a-noun"),
]


@pytest.mark.parametrize("text,speaker", PRESENT)
def test_present_tense_cues(text, speaker):
    qs = list(direct_quotations(text))
    assert (qs[-1].speaker if qs else None) == speaker


# a relative clause between the speaker and the cue may name someone else
RELATIVE = [
    pytest.param('The singer Blue Fox, whose real name is Tom Reed, told the crowd: "This one is for my town."',
                 "Blue Fox", id="whose-real-name-is"),
    pytest.param('Ann Lee, who lost to Tom Reed last year, said on Monday that "the town deserves better."',
                 "Ann Lee", id="who-clause-names-a-rival"),
    pytest.param('Acme Mining Corp, whose chairman is Tom Reed, said: "We will grow."', "Acme Mining Corp",
                 id="whose-chairman-is"),
    pytest.param('The board met Ann Lee, who said: "We will grow."', "Ann Lee", id="negative-who-said-is-the-speaker"),
]


@pytest.mark.parametrize("text,speaker", RELATIVE)
def test_relative_clause(text, speaker):
    assert last(text) == speaker


# words reported at second hand belong to the inner reporter, not the sentence's subject
SECOND_HAND = [
    pytest.param('Brightwater Tiles Ltd reported that its auditing firm said the 1990 accounts "must not be '
                 'used by anyone."', None, id="its-auditors-unnamed"),
    pytest.param('Brightwater Tiles Ltd reported that Tom Reed said the 1990 accounts "must not be used '
                 'by anyone."', "Tom Reed", id="a-named-inner-reporter"),
    pytest.param('Tom Reed said that Ann Lee begged him for help and "would have done anything to win."', "Tom Reed",
                 id="negative-begged-is-no-report-of-words"),
]


@pytest.mark.parametrize("text,speaker", SECOND_HAND)
def test_second_hand(text, speaker):
    assert last(text) == speaker
