"""Rules of the sixth round of attribution work, each a table of made-up sentences with the speaker
of their last quote: positive rows (the rule finds the speaker) and negative rows (it must not find
one, or must not find the wrong one). What each rule earned is in docs/ATTRIBUTION.md."""
from __future__ import annotations

import pytest

from indexer.extract import direct_quotations
from indexer.extract.entities import Entities
from quoted import last


SPEAKER_ROWS = [
    # a connective that opens the sentence is no name: the subject comes after it
    pytest.param('Ada Park-Hollis spoke. However, Park-Hollis said the plan to trim the ferry budget by a third over '
                 'nine long years was "far too timid."', "Ada Park-Hollis", id="however-opener"),
    # negative: a name that opens the sentence stays the subject
    pytest.param('Nora Vale spoke. Vale said the plan to trim the ferry budget by a third over nine long years was '
                 '"far too timid."', "Nora Vale", id="name-opener"),
    # an appositive that opens with a participle, a cue word among them, or a past participle
    pytest.param('Ann Hayot, writing in the journal Harbour Notes, said: "I used to sail every week."', "Ann Hayot",
                 id="writing-in-medium"),
    pytest.param('Carlo Mora won. And Mora, nicknamed Chato, admitted: "The trophy is my dream."', "Carlo Mora",
                 id="nicknamed"),
    # a long phrase set off by commas between the name and the cue
    pytest.param('Fisheries Minister Ada Vane, in a paper handed to the press as the nine donor states gathered at '
                 'The Hague, said, "The case for quotas is thin."', "Ada Vane", id="long-aside"),
    # an opening phrase, then a name and an appositive closed by a comma
    pytest.param('After the verdict Carla Fern, legal head of the charity Redwater, said: "It is not enough."',
                 "Carla Fern", id="closed-appositive-after-opener"),
    # negative: in an opening phrase, an outlet and then a role are not the speaker
    pytest.param('In a note to the Leeds Post, her senior aide, Ivo Lund, said: "She is well."', "Ivo Lund",
                 id="outlet-in-opener"),
    # two roles joined by "and"; a relative clause inside the appositive
    pytest.param('Otis Fern, a retired teacher and joint chair of the Vale Rowing Club, said: "We regret nothing."',
                 "Otis Fern", id="two-roles"),
    pytest.param('Stefan Axle, a former port official who is now deputy head of Norland Bank, said, "It is '
                 'unlikely."', "Stefan Axle", id="who-is-now"),
    # a role, an affiliation of the role, then the name
    pytest.param('Liberal Democrat spokeswoman for transport Sandra Gill said: "Drivers would welcome it."',
                 "Sandra Gill", id="role-for-then-name"),
    # negative: a person, then the firm he works at
    pytest.param('Analyst Vanko at the brokerage Morgan Stanley said: "Fine."', "Vanko", id="person-at-firm"),
    # a US party and state after the name
    pytest.param('Rep. Ann Lee, R-Texas, said: "No."', "Ann Lee", id="party-tag"),
    pytest.param('Chairman Dan Glick, D-Kan., said proof that "a few bad farmers" bent the rules was clear.',
                 "Dan Glick", id="party-tag-partial"),
    # a clause joined by "and" has its own subject
    pytest.param('Tom Dunmore was left out. Contract talks are under way and the full-back said: "I hope it gets '
                 'done soon."', "Tom Dunmore", id="and-clause-subject"),
    # "afterwards" after the name is no part of it
    pytest.param('It was a night for Rafa Nadar, who beat Rodd. "What a way to end the season," said Nadar '
                 'afterwards.', "Rafa Nadar", id="afterwards"),
    # an agent noun no list knows, for the person the sentence before is about
    pytest.param('Jean-Paul Grand is thrilled with his first cap. "It is unbelievable," the youngster said.',
                 "Jean-Paul Grand", id="agent-noun"),
    pytest.param('Ann Lee won again. "It was good," the record holder told the radio.', "Ann Lee",
                 id="agent-noun-compound"),
    # negative: someone described through something else is someone new; an indefinite one is unnamed;
    # one named far back is not meant
    pytest.param('Ann Lee made an advert. Then a bell rang, and the ad\'s narrator said, "It is late."', None,
                 id="agent-noun-of-something"),
    pytest.param('A youngster stood by the gate. "It is unbelievable," the youngster said.', None,
                 id="agent-noun-unnamed"),
    pytest.param('Ann Lee won. The race was long. The weather was cold. The track was wet. "It was good," the '
                 'announcer said.', None, id="agent-noun-too-far"),
    # an unnamed person who speaks for a named body stays unnamed: no speaker
    pytest.param('Answering the ruling, a Harbour Office spokesman told us: "The trial was brief."', None,
                 id="unnamed-org-spokesman"),
    pytest.param('A spokesman for the Leeds Film Board said: "It is a pity."', None,
                 id="unnamed-spokesman-for-org"),
    pytest.param('One Danish trader said, "There is much strain on prices."', None, id="unnamed-demonym-trader"),
    # negative: a named spokesman for a body is named
    pytest.param('Ivo Lund, a spokesman for the Leeds Film Board, said: "It is a pity."', "Ivo Lund",
                 id="named-spokesman-for-org"),
    pytest.param('The Leeds Film Board said: "It is a pity."', "Leeds Film Board", id="org-speaks"),
    # a second phrase quoted in one sentence hangs on the first one's verb when nothing new comes between
    pytest.param('Tess Mayne spoke. She said a new government would order a "full review" of the courts, as well '
                 'as making a "legal promise of shared parenting and mediation".', "Tess Mayne",
                 id="second-phrase-same-verb"),
    # negative: someone new with a verb of their own between the two phrases
    pytest.param('Ann Lee said it was "cheap", but Bob Hart called it "far too dear for us".', "Bob Hart",
                 id="second-phrase-new-subject"),
    # an organisation's description as the subject of a speech verb, for a phrase deep in what it said
    pytest.param('Harbour Bank Corp reported a rise. The bank said its loan write-offs ought to shrink next year '
                 '"though the return to normal levels may be slow."', "Harbour Bank Corp", id="org-description-said"),
    # negative: with no speech verb after it, the organisation's description is no speaker
    pytest.param('Harbour Bank Corp reported a rise. The bank saw its loan write-offs shrink this year "though the '
                 'return to normal levels may be slow."', None, id="org-description-no-cue"),
    # a firm's long name, then a known first name and a surname: the person
    pytest.param('Supplies could fall, senior analyst for Harbour Lynch Capital Markets Mario Vallet said. "Prices '
                 'have room to rise," Vallet said.', "Mario Vallet", id="long-run-firm-then-person"),
    # negative: three given names stay one person
    pytest.param('Hanns Christian Hollweg-Baum spoke. "It is weak," Hollweg-Baum said.', "Hanns Christian Hollweg-Baum",
                 id="long-person-name"),
    # a plural title before the first of two people
    pytest.param('He met Vice-Premiers Li Pang and Tian Jiyan. "We do not reject planning," Li said.',
                 "Li Pang", id="plural-title"),
    # a nickname in marks of two words, or in capitals, inside a name
    pytest.param('Snooker player Jim "the Storm " Whyte spoke. "We loved the game," Mr Whyte said.',
                 "Jim Whyte", id="nickname-two-words"),
    pytest.param('Anton "LB" Reade, chairman of the label, said: "Nobody fits better."', "Anton Reade",
                 id="nickname-capitals"),
    # any singular common noun as the subject of a speech verb is someone just named
    pytest.param('Dan Camp agreed the medal crowned a hard season for the hurdler. "I think it matters," said the '
                 'Derby-based athlete.', "Dan Camp", id="common-noun-description"),
    # negative: an organisation's kind or a document is no person
    pytest.param('Dan Camp spoke to the club. "We will appeal," said the club.', None, id="org-kind-no-person"),
    # a capitalised compound of lower-case words is a label before a name
    pytest.param('Rob Keen and Damon Duffy played. Man-of-the-match Duffy struck the post. "I should have scored," '
                 'said the Leeds star.', "Damon Duffy", id="compound-label"),
    # negative: a first name no list knows is no label ("Rakella Scoles" is not Kent Scoles)
    pytest.param('Kent Lamar Scoles was hurt. Rakella Scoles is heard shouting. "Do not hurt him," she says.',
                 "Rakella Scoles", id="unknown-first-name-is-no-label"),
    # after the quote: a description, then the name set off by commas
    pytest.param('"We won," the chairman of the Leeds Federation of Banks, Ann Lee, said.', "Ann Lee",
                 id="description-then-name-after-quote"),
    # negative: a participle before a nationality opens a clause, it names nobody
    pytest.param('Explaining European demand was slow, the firm added "we think the market is weak."', None,
                 id="participle-before-nationality"),
    # a surname with two letters swapped is the one person it nearly names
    pytest.param('Jarek Kodva formed a trio. "It is improvised," said Kovda.', "Jarek Kodva", id="swapped-letters"),
    # negative: a swap that fits nobody names no one known
    pytest.param('Jarek Kodva formed a trio. "It is improvised," said Dovka.', "Dovka", id="no-near-surname"),
    # "Oscar-nominated", "Minister-designate": compound adjectives and titles are no name words
    pytest.param('Clive Owan won. Celebrating his prize, the Oscar-nominated Owan told reporters: "All of it is new '
                 'to me."', "Clive Owan", id="compound-adjective"),
    pytest.param('Prime Minister-designate Noboru Takeshi said on the phone that "his first aim was calm trade."',
                 "Noboru Takeshi", id="title-designate"),
    # a description that repeats the head of an organisation's name is that organisation
    pytest.param('The Harbour Stock Exchange filed a plan. The exchange said, "We have long asked for it."',
                 "Harbour Stock Exchange", id="org-head-match"),
    pytest.param('Kiel College\'s Institute for Harbour Economics issued a report. "The risk is small," the '
                 'institute said.', "Institute for Harbour Economics", id="org-first-word-match"),
    # negative: a role noun is a person's, whatever the organisations named
    pytest.param('Mayor Bill de Blasio spoke in Chelsea. "We see no link," the mayor said.', "Bill de Blasio",
                 id="role-is-no-org-head"),
    # letters after a full name ("MP", "QC") are no part of it
    pytest.param('Paul Boa MP, the party\'s spokesman on the budget, told the hall: "Their figures are wrong."',
                 "Paul Boa", id="post-nominal-letters"),
    # negative: a role abbreviation after a place names no one ("Indiana Gov." then the name)
    pytest.param('Indiana Gov. Mike Pence said: "We are ready."', "Mike Pence", id="role-abbreviation-before-name"),
    # a hyphenated role ("co-chairman") before a name makes the name the subject
    pytest.param('Party co-chairman Liam Foxe opened the day with a speech on Ivo Lund\'s years in office. His rule '
                 'has been marked by "lost trust", Foxe told the hall.', "Liam Foxe", id="hyphenated-role"),
    # a name right before the kind of organisation names it, known or not
    pytest.param('It was a launch title. "This is the most important game ever," wrote the respected Edgeline '
                 'magazine in its review.', "Edgeline", id="name-before-kind"),
    # negative: a person's name before the kind is no organisation's
    pytest.param('Ann Lee ran it. "It is fine," the Lee magazine said.', None, id="person-before-kind"),
    # a poster or an advert speaks for whoever issued it, not for the person just named
    pytest.param('Labour said it would put up a new poster. Candidate Ann Mere called it "crude". The poster '
                 'shows two geese and says "the day their numbers work".', "Labour", id="poster-speaks-for-issuer"),
    # negative: an office in capitals is no common noun that anyone just named may fill
    pytest.param('Though he liked Dan Brownlee\'s novel, the Rabbi said its history was weak. Writing in the Echo, '
                 'the Rabbi said: "Plots like this are fun to read."', None, id="title-is-no-common-noun"),
    # negative: an opening phrase with no comma does not make a word in it a subject
    pytest.param('Ivo Reed, manager of the exchange, spoke. At a forum to mark next week\'s official launch, he '
                 'predicted growth. "But we must not forget small investors," he noted.', "Ivo Reed",
                 id="opener-without-comma"),
    # a description ending in a nationality or a party member, after "the": someone just named
    pytest.param('Senator Robert Dale spoke. "They ought to step aside," the Ohio Republican said.', "Robert Dale",
                 id="the-place-party-member"),
    pytest.param('Stefan Kobek failed a test. "I did nothing wrong," the 31-year-old Austrian told us.',
                 "Stefan Kobek", id="the-age-demonym"),
    # a title abbreviation with no full stop ("Chief Supt Dewes")
    pytest.param('Chief Supt Mick Dewes spoke. Chief Supt Dewes then added: "Fraud online is growing."',
                 "Mick Dewes", id="title-abbreviation"),
    # a pronoun right before the cue is the subject, whatever opens the sentence without a comma
    pytest.param('Gordon Browne spoke at the rally. Laying into the rival party\'s record in office he said: "We will '
                 'never go back."', "Gordon Browne", id="pronoun-before-cue"),
    # a one-of-a-kind role owned by a named body ("the Harbour Party's leader") brings in nobody new
    pytest.param('Nina Sturrock attacked the plan. The Harbour Party\'s parliamentary leader argued that ministers '
                 'signed it. She said: "They knew."', "Nina Sturrock", id="owned-role-is-no-new-person"),
    # negative: a spokesman owned by a named body is an unnamed person
    pytest.param('Nina Sturrock attacked the plan. The Harbour Party\'s spokesman argued that ministers signed '
                 'it. He said: "They knew."', None, id="owned-spokesman-is-unnamed"),
    # the last resort: the subject of the sentence right before, with no speech verb
    pytest.param('Fostering Trust director Robert Tapp criticised the system. "There is no logic to it."',
                 "Robert Tapp", id="recent-subject"),
    # negative: the subject is no one named, or no verb follows it
    pytest.param('Fans were angry. "It is a disgrace."', None, id="recent-subject-plural"),
    pytest.param('Katrin Kales.\n\nNew Haven.\n\nAt a dinner a friend said this. "For you, it matters."', None,
                 id="recent-subject-sign-off"),
]


@pytest.mark.parametrize("text,speaker", SPEAKER_ROWS)
def test_speaker_of_the_last_quote(text, speaker):
    assert last(text) == speaker


# organisations: an acronym in brackets spells the whole name (two runs joined by and/of/for), and
# makes it an organisation's; a plural head before "of"
@pytest.mark.parametrize("text,speaker,kind", [
    ("Norland's Ministry of Harbour Trade and Industry (MHTI) published a study. "
     '"The numbers are poor," MHTI said.', "Ministry of Harbour Trade and Industry", "organization"),
    ('The Northern Court of Appeal for Games (CAG) ruled. "He broke the code," said a CAG statement.',
     "Northern Court of Appeal for Games", "organization"),
    ('The British Harpsichord Institute (BHI) sued. "Every firm should check," the BHI said.',
     "British Harpsichord Institute", "organization"),
    ('The Leeds Chambers of Commerce welcomed it. "This is a fair deal for both sides," it said.',
     "Leeds Chambers of Commerce", "organization"),
    # negative: a person with initials in brackets stays a person
    ('Ann Lee (AL) spoke. "We are happy," Lee said.', "Ann Lee", "person"),
])
def test_acronyms_and_org_heads(text, speaker, kind):
    q = list(direct_quotations(text))[-1]
    assert (q.speaker, q.speaker_kind) == (speaker, kind)


def test_runs_joined_only_when_the_acronym_spells_them():
    """"Trade and Industry Board (IB)" joins nothing when the acronym spells only the last run."""
    words = {e.words for e in Entities("The Ministry of Trade and Industry Board (IB) met.").entities}
    assert ("Ministry", "of", "Trade") in words
