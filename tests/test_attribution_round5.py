"""Rules of the fifth round of attribution work, each a table of made-up sentences with the speaker
of their last quote: positive rows (the rule finds the speaker) and negative rows (it must not find
one, or must not find the wrong one). What each rule earned is in docs/ATTRIBUTION.md."""
from __future__ import annotations

import pytest

from indexer.extract import direct_quotations
from indexer.extract.entities import Entities
from indexer.extract.names import NAME_RUN
from quoted import last


# the sentences of a quote count as one step back for a pronoun: however long the quote, the
# subject of the sentence before it is the nearest antecedent
QUOTE_SENTENCES = [
    pytest.param('Premier Ivo Tanaka spoke first. Under Chairman Olek Brun-Hala\'s rule, the state borrowed '
                 'little, insisting on thrift. Tanaka took the opposite view. "We must borrow. We can repay. '
                 'We have good credit," he said.', "Ivo Tanaka", id="subject-before-a-long-quote"),
    pytest.param('Ada Park spoke first. "We must borrow. We can repay. We have good credit," she said.', "Ada Park",
                 id="one-candidate"),
    # negative: a possessive owner is no subject, even with a participle of speech after it
    pytest.param('Nora Vale ran the plant. Under Olek Brun\'s rule, the firm grew, insisting on thrift. '
                 '"It worked," she said.', "Nora Vale", id="owner-is-no-subject"),
]


# a run cut after an owner's possessive: "Harbourland's Tomas Vidal" is Tomas Vidal
OWNERS = [
    pytest.param('The champion beat Harbourland\'s Tomas Vidal, the third seed. "I missed my chances," admitted '
                 'Vidal.', "Tomas Vidal", id="country-owner"),
    pytest.param('"I like it," said Jan Korda of Pell Norton and Co. Pell Norton\'s Korda said costs would fall. '
                 '"The stock is a laggard," he said.', "Jan Korda", id="firm-owner-then-he"),
    # negative: the owner is not the one who speaks
    pytest.param('Harbourland\'s Tomas Vidal lost in the final. "I missed my chances," he said.', "Tomas Vidal",
                 id="owner-is-not-he"),
]


# an appositive between the name and the cue: the name speaks, the appositive is its role
APPOSITIVES = [
    pytest.param('Lord Vane, Minister for Harbour Works, said he was "still disappointed with the delays".',
                 "Lord Vane", id="titled-surname-before-an-office"),
    pytest.param('Ada Park, chair of the Harbour Board, said the plan was "a good start".', "Ada Park",
                 id="lower-case-role"),
    # negative: a list of names is no appositive
    pytest.param('Ada Park, Ivo Lund and Nora Vale said the plan was "a good start".', None, id="list-of-names"),
]


@pytest.mark.parametrize("text,speaker", APPOSITIVES)
def test_appositive(text, speaker):
    assert last(text) in ((speaker,) if speaker else (None, "Nora Vale"))


# a sentence that reports speech before the quote, its own quoted fragment included
SAID_SENTENCE = [
    pytest.param('Ivo Lund spoke first. Mr Vale said players were "hungry" for better games. '
                 '"They want more detail in every scene."', "Vale", id="fragment-inside-the-said-sentence"),
    pytest.param('"Rates fell fast," said Ivo Lund of Pell Bank. "Nobody saw it." Finance chief Nora Vale put '
                 'the figures, saying they showed strong growth. "The economy is growing fast."',
                 "Nora Vale", id="participle-after-a-full-quote"),
    pytest.param('"Rates fell fast," said Ivo Lund of Pell Bank.\n\nFinance chief Nora Vale shrugged off '
                 'the news, saying it showed strong growth.\n\n"The economy is growing fast."', "Nora Vale",
                 id="paragraph-before"),
    # negative: a quote that ends in a comma is attributed by what follows, not what follows that
    pytest.param('"Rates fell," Ivo Lund said Friday. "Nobody saw it."', "Ivo Lund", id="after-cue-still-wins"),
    # a participle that reports no speech says nothing; the last resort (recent-subject) then
    # takes the one the sentence is about
    pytest.param('Nora Vale left early, hoping for rain. "The crops need water."', "Nora Vale", id="no-speech-participle"),
    # negative: nobody named is the subject
    pytest.param('The farmers left early, hoping for rain. "The crops need water."', None, id="no-named-subject"),
]


# a place after an unnamed person says where that person is: the place does not speak
PLACE_AFTER = [
    pytest.param('Rates rose on Tuesday. One bond trader in Port Essen said, "Nobody expected it."', None,
                 id="unnamed-in-a-place"),
    pytest.param('Rates rose on Tuesday. Ada Park in Port Essen said, "Nobody expected it."', "Ada Park",
                 id="named-in-a-place"),
    # negative: a time after "in", then a comma and the speaker
    pytest.param('During an interview in October, Ada Park said, "Nobody expected it."', "Ada Park",
                 id="time-then-comma"),
]


# "it said" goes on with the body that spoke last in the paragraph
IT_SAID = [
    pytest.param('Ivo Lund of Harbour Media called the feature a "bad idea". Later on Monday Google confirmed the '
                 'feature was only a test. It said: "People may turn it off whenever they like."', "Google",
                 id="one-word-firm"),
    # negative: a person who spoke last is no "it"
    pytest.param('Ivo Lund of Harbour Media confirmed the feature was only a test. It said: "People may turn it '
                 'off whenever they like."', "Harbour Media", id="person-is-no-it"),
]


@pytest.mark.parametrize("text,runs", [
    ("Under Chairman Olek Brun-Hala's rule", ["Under Chairman Olek Brun-Hala's"]),
    ("Governor Abdel Omar al-Fassi said", ["Governor Abdel Omar al-Fassi"]),
    ("Tom O'Neill's plan", ["Tom O'Neill's"]),
    # negative: a compound adjective is no name word
    ("the Harbourland-born actress", ["Harbourland"]),
    ("the Leeds-based firm", ["Leeds"]),
])
def test_name_runs(text, runs):
    assert [m.group() for m in NAME_RUN.finditer(text)] == runs


@pytest.mark.parametrize("text,name,is_person", [
    # a name taken up again by its surname alone is a person's
    ("Ivo Tarkan plays Olek Varsh in the final. Varsh won in three sets.", "Olek Varsh", True),
    # a hyphenated title is a title
    ("Vice-Premier Tian Juro told reporters the debt was small.", "Tian Juro", True),
    # negative: named once, with nothing to say it is a person
    ("Shares of Olek Varsh rose.", "Olek Varsh", False),
])
def test_person_evidence(text, name, is_person):
    e = next(e for e in Entities(text).entities if e.name == name)
    assert (e.evidence > 0) is is_person


def test_peerage_title_is_no_first_name():
    text = 'Ivo Vane became Baron Vane of Harbourton. "It is a fine place to argue," said Baron Vane.'
    assert last(text) == "Ivo Vane"


# "said X of ...": an "of" phrase that is no firm is what X spoke of, not part of X's name
SAID_OF = [
    pytest.param('"That clears the road for a higher price," said Pell analyst Lou Marck of Acme\'s sale of its stake.',
                 "Lou Marck", id="of-what-he-spoke-of"),
    # negative: an "of" firm stays with the person, as the role
    pytest.param('"That clears the road for a higher price," said Lou Marck of Pell Norton and Co.', "Lou Marck",
                 id="of-a-firm"),
]


# a country is a state: it may speak (an organisation), but a he/she never refers to one
COUNTRIES = [
    pytest.param('Peru shipped more copper this spring. "Our mines cannot keep giving it away," he told '
                 'reporters.', None, id="he-is-no-country"),
    pytest.param('Minister Ana Ruiz spoke first. Peru shipped more copper this spring. "Our mines cannot keep giving '
                 'it away," she told reporters.', "Ana Ruiz", id="she-past-the-country"),
    pytest.param('"We will not sell at these prices," Peru said in a statement.', "Peru", id="a-country-speaks"),
    # negative: a surname that is also a country's name stays the person's
    pytest.param('Michael Jordan spoke after the game. "We played hard," Jordan said.', "Michael Jordan",
                 id="surname-like-a-country"),
]


def test_country_speaks_as_an_organisation():
    (q,) = direct_quotations('"We will not sell at these prices," Peru said in a statement.')
    assert q.speaker_kind == "organization"


# pronouns: after a short adverbial ("At first he said"); a he/she opening a sentence keeps its
# referent in view ("He did so in a long speech ... He said: "...""); a copula gives a role
PRONOUNS = [
    pytest.param('The reporters asked Ivo Lund about the row. At first he said only: "My view has not changed '
                 'since spring."', "Ivo Lund", id="at-first-he"),
    pytest.param('Mayor Tom Varga owned up to an error on Monday. He did so in a long speech that praised the work '
                 'of his deputy Ned Olsen on the budget. He said: "Olsen warned me to wait."', "Tom Varga",
                 id="he-keeps-his-referent"),
    pytest.param('The minister Ivo Brand said the plan would pay for nurses. Piers Freeman is chief shop steward '
                 'at the depot gate in Leeds. He said: "Hardly anyone turned up for work today."',
                 "Piers Freeman", id="copula-role"),
    # negative: "it" is no adverbial's subject
    pytest.param('At first it rained. Ivo Lund arrived late. "We got wet," he said.', "Ivo Lund", id="at-first-it"),
]


# a second phrase quoted in one sentence has that sentence's subject when it hangs on the same
# verb; a plural noun after a determiner is no cue ("in some reports")
SECOND_PHRASE = [
    pytest.param('Ivo Lund told the council the bridge was meant for "buses and bicycles only" and that the cost '
                 'given in some reports "looked about right to him."', "Ivo Lund", id="and-that"),
    pytest.param('Ivo Lund says "the league has lost its way" because "the owners keep changing the rules every '
                 'season."', "Ivo Lund", id="because"),
    # negative: a clause with a subject of its own
    pytest.param('Ivo Lund said his rival "had a silly plan that failed," and a poll of voters found "nothing at all '
                 'to like in it."', None, id="own-subject"),
]


@pytest.mark.parametrize("text,first", [
    ("is Will Tarrant, the creator", "Will"),
    ("The show's host is Can Dundar of Leeds", "Can"),
    # negative: opening a sentence, the verb is a verb
    ("Will Tarrant come? Nobody knows.", None),
])
def test_first_names_that_look_like_verbs(text, first):
    e = [e for e in Entities(text).entities if e.kind == "person"]
    assert (e[0].words[0] if e and len(e[0].words) > 1 else None) == first


# a full stop lost between a place and a known surname: the place, then the person
LOST_STOP = [
    pytest.param('Capt. Ivo R. Dane, head of the pilots\' union, told executives meeting in\nLeeds Dane said the '
                 'union had a contract. "We have had a hard time with the airline," Dane said.', "Ivo R. Dane",
                 id="place-then-surname"),
    # negative: a place with a first name is a person's full name
    pytest.param('Ann Dane spoke first. The board put its trust in Ann Dane. "We had a hard time," Dane said.',
                 "Ann Dane", id="first-name-after-place"),
]


# "said the American": a person of a nation describes someone named before; a first name and a
# nationality word are a person's name ("Ivo German"); a firm's first word is no title
NATIONS = [
    pytest.param('Ivo Marr lost both his singles. "I never found my rhythm on that clay," said the American.',
                 "Ivo Marr", id="said-the-american"),
    pytest.param('Maria Lopez won in two sets. "I played well today," the Spaniard said.', "Maria Lopez",
                 id="the-spaniard"),
    pytest.param('Tom German, the party leader, spoke first. "We will win," German said.', "Tom German",
                 id="nationality-as-surname"),
    pytest.param('"Sales will rise," General Motors Corp said.', "General Motors Corp", id="firm-not-a-general"),
    # negative: a title before a person's name stays a title
    pytest.param('"We hold the line," said General Ivo Varga.', "Ivo Varga", id="a-general"),
]


# "the agency quoted him as saying": the one quoted speaks, not the medium
QUOTED_AS = [
    pytest.param('The sale ruined the firm, said founder Ivo Korda. "It was sold in the worst way," the Harbour '
                 'news agency quoted him as saying.', "Ivo Korda", id="after-quoted-him-as-saying"),
    pytest.param('Harbour Radio quoted the ports minister Ali Omar Rassan as saying that the strike was "close to '
                 'ending by Friday."', "Ali Omar Rassan", id="partial-quoted-as-saying"),
    # negative: the passive keeps its subject
    pytest.param('"It was sold in the worst way," Ivo Korda was quoted as saying.', "Ivo Korda", id="passive"),
]


# auxiliaries between a subject and its cue are no part of the subject ("the leader will argue")
AUXILIARIES = [
    pytest.param('Ivo Hart spoke to the party. The Harbour leader Ivo Hart will speak against tolls, saying they '
                 'are "unfair and out of date".', "Ivo Hart", id="will-argue"),
]


def test_auxiliary_invents_no_person():
    # negative: with no leader named, no person is made up from "Harbour Party leader will"
    (q,) = direct_quotations('But the Harbour Party leader will speak against tolls, saying they are "unfair and '
                             'out of date".')
    assert q.speaker_kind != "person"


# a peer named only by title keeps it; a person, lower-case role words, then "at" + a firm; a
# person's name, then the body they speak for, without the closing comma
LATE_ROWS = [
    pytest.param('Lord Harwood gave his advice on the plan. "It was lawful," Lord Harwood said. "I stand by it," '
                 'Harwood added.', "Lord Harwood", id="peer-by-title"),
    pytest.param('"It is a disgrace," said Sir Olaf Brun. "I will say no more," Brun added.', "Olaf Brun",
                 id="knight-with-first-name"),
    pytest.param('"Our boats will all be electric," Dr Mark Tuffo fleet engineering director at ferry firm Acme '
                 'told the Harbour Times.', "Mark Tuffo", id="role-words-then-at"),
    pytest.param('Nina Osk, Harbour Bakers Association said: "We kept the ovens on all night."', "Nina Osk",
                 id="name-then-body"),
    # negative: an organisation after an opening phrase speaks for itself
    pytest.param('In the end, Acme Motors Corp said: "We will stay."', "Acme Motors Corp", id="body-alone"),
]


# a name in a list inside a clause ("eight players, including captain Ann Lee") is no subject
NAMES_IN_A_LIST = [
    pytest.param('Coach Ivo Marr spoke to the press. Now he worries about the final, with five of the squad, '
                 'including captain Olek Brun and Sam Ray, still injured. "We need everyone fit," he added.',
                 "Ivo Marr", id="including-captain"),
    # negative: an opening phrase and a comma, then the subject
    pytest.param('Ivo Marr spoke first. During the meeting, captain Olek Brun stood up. "We will play," he said.',
                 "Olek Brun", id="opening-phrase-then-subject"),
]


# name forms: an initial before a name is no acronym; a hyphenated surname with an apostrophe;
# "Ambassador to X" is an office; an acronym before a full name is the firm
@pytest.mark.parametrize("text,name", [
    ("A statement by Pell Co chairman J.\nHugo Larrick said the offer was low.", "J. Hugo Larrick"),
    ("Cardinal Ivo Murray-O'Brien spoke at the abbey.", "Ivo Murray-O'Brien"),
    ("Harbourland's Ambassador to China Octavio Vallo said talks went on.", "Octavio Vallo"),
    ("The co-head of ACME Philippe Camarra is to leave his post.", "Philippe Camarra"),
    # negative: an acronym before one word stays one name ("BBC Radio")
    ("He spoke on BBC Radio Harbour today.", None),
])
def test_name_forms(text, name):
    people = [e.name for e in Entities(text).entities if e.kind == "person"]
    assert (people[0] if people else None) == name


# "said Vanko of Pell Norton": a lone surname, then its firm
SURNAME_OF_FIRM = [
    pytest.param('"The industry has grown fast," said Vanko of Pell Norton.', "Vanko", id="surname-of-firm"),
    # negative: an organisation of several words, then its officer
    pytest.param('Confederation of Harbour Industry President Ivo Nand said "This budget is good".', "Ivo Nand",
                 id="org-then-officer"),
]


# organisations: a name joined by "and" ("Securities and Exchange Commission"), an acronym of it,
# an acronym named alone
@pytest.mark.parametrize("text,speaker,kind", [
    ('The Harbour Safety and Standards Board opened an inquiry. "We are looking at the ferries," the HSSB said.',
     "Harbour Safety and Standards Board", "organization"),
    ('"We will appeal the ruling," NASA said.', "NASA", "organization"),
    # negative: a person and a firm joined by "and" stay two
    ('Ann Lee and Acme Corp signed a deal. "We are happy," Lee said.', "Ann Lee", "person"),
])
def test_joined_and_acronyms(text, speaker, kind):
    q = list(direct_quotations(text))[-1]
    assert (q.speaker, q.speaker_kind) == (speaker, kind)


# a firm's role as an appositive; "X likened ... and said ..."
OWNED_ROLE_AND_SAID = [
    pytest.param('Ivo Lund spoke first. Adam Jolly, Acme\'s world-wide software strategy manager, told staff the '
                 'change was '
                 'a real attempt to help. "We believe this will speed things up."', "Adam Jolly", id="owned-role"),
    pytest.param('Mr Jolly compared the plan to the way roads were built and said everyone could gain. "The '
                 'benefits are there for all."', "Jolly", id="and-said"),
    # negative: "and" joining two names keeps both out of a subject guess
    pytest.param('Costs rose and fell. "The benefits are there for all."', None, id="no-subject"),
]


# a bare possessive mark after an s ("Gervais' new show"): the name, then what it owns
BARE_POSSESSIVE = [
    pytest.param('Stars have joined Ricky Gervans\' new comedy. "We wanted actors people know," Gervans told the '
                 'Harbour Times.', "Ricky Gervans", id="bare-possessive"),
    pytest.param('The elders met. As a result, Harbour Futures\' Olek Noll said, "there was much selling."',
                 "Olek Noll", id="firm-bare-possessive-then-person"),
    # negative: a plural common noun's possessive makes no name
    pytest.param('The players\' union met. "We will strike," said Ivo Lund.', "Ivo Lund", id="plural-noun"),
]


# an acronym with a shorter acronym inside ("UK Independence Party": UKIP); a title word before an
# organisation word is a firm's name ("General Motors"), not a title
ACRONYMS_AND_FIRM_TITLES = [
    pytest.param('UK Harbour Party leader Roger Knap spoke. "We want out," UKHP said.', "UK Harbour Party",
                 id="acronym-inside-acronym"),
    pytest.param('Workers at General Motors met on Friday. "We will keep the plant open," GM said.', "General Motors",
                 id="general-motors"),
    # negative: an honorific before a media name stays an honorific ("Mr Fox" is a person)
    pytest.param('Ivo Fox spoke first. "We must be ready," Mr Fox said.', "Ivo Fox", id="honorific"),
]


# a monarch named only by title keeps it; "an Acme statement" is Acme's; a participle after a
# parenthesis hangs on the name before it
TITLE_DOCUMENT_PARENTHESIS = [
    pytest.param('King Olaf opened the bridge. "It is a fine day for the city," King Olaf said.', "King Olaf",
                 id="monarch-by-title"),
    pytest.param('The Harbour Football Association will look at the match. "Nobody here can say how many cards he was '
                 'shown," said an HFA statement.', "Harbour Football Association", id="an-acronym-statement"),
    pytest.param('The film showed Mr Nattan, plainly angry about the vote, telling the meeting: "The losers here '
                 'do not care."', "Nattan", id="participle-after-parenthesis"),
    # negative: a clause between the commas is no parenthesis (the one booed did not speak)
    pytest.param('The crowd booed Ivo Marr, and Ann Lee left the hall, saying: "We must go."', None,
                 id="clause-not-parenthesis"),
]


# a role noun right before a run says a person follows, whatever organisation word the name holds
ROLE_BEFORE_A_NAME = [
    pytest.param('Harbour forward Milan Barosz is unsure of his place. "I do not know why I sat out," Barosz said.',
                 "Milan Barosz", id="forward-then-name"),
    # negative: a role noun before a firm's name keeps the firm
    pytest.param('Shares of Leeds broker Harbour Securities Co rose. "We beat the forecast," Harbour Securities Co '
                 'said.', "Harbour Securities Co", id="broker-then-firm"),
]


# Every table above of (text, speaker of its last quote), in one test.
SPEAKER_ROWS = [
    *QUOTE_SENTENCES, *OWNERS, *SAID_SENTENCE, *PLACE_AFTER, *IT_SAID, *SAID_OF, *COUNTRIES, *PRONOUNS,
    *SECOND_PHRASE, *LOST_STOP, *NATIONS, *QUOTED_AS, *LATE_ROWS, *AUXILIARIES, *NAMES_IN_A_LIST,
    *SURNAME_OF_FIRM, *OWNED_ROLE_AND_SAID, *BARE_POSSESSIVE, *ACRONYMS_AND_FIRM_TITLES,
    *TITLE_DOCUMENT_PARENTHESIS, *ROLE_BEFORE_A_NAME
]


@pytest.mark.parametrize("text,speaker", SPEAKER_ROWS)
def test_speaker_of_the_last_quote(text, speaker):
    assert last(text) == speaker
