"""Rules of the seventh round of attribution work, each a table of made-up sentences with the speaker
of their last quote: positive rows (the rule finds the speaker) and negative rows (it must not find
one, or must not find the wrong one). What each rule earned is in docs/ATTRIBUTION.md."""
from __future__ import annotations

import pytest

from indexer.extract import direct_quotations
from indexer.extract.entities import Entities
from indexer.extract.names import NAME_RUN, split_name
from quoted import last


def speakers(text):
    """(first words, speaker) of every quote of text."""
    return [(q.text.split()[0], q.speaker) for q in direct_quotations(text)]


SPEAKER_ROWS = [
    # an acronym (a post, a firm) before a known first name: the name starts there
    pytest.param('Green MSP Mark Ballow fears voters may miss out.\n\nMr Ballow said: "Turnout decides how the '
                 'tram line gets built."', "Mark Ballow", id="acronym-post-then-name"),
    # a role's complement after "of"/"for", a capitalised participle included, then the person
    pytest.param('Kellway Director of Trading James Morrow reported brisk orders.\n\nMorrow added, "buyers '
                 'came back after lunch."', "James Morrow", id="director-of-trading"),
    pytest.param('Minister for Trade Ann Lowry spoke.\n\nLowry said: "We will sign the deal this year."',
                 "Ann Lowry", id="minister-for"),
    # negative: a spokeswoman for a body is no office before a name: the body stays whole
    pytest.param('Angela Vorn, a builder and spokeswoman for the Harbour Coalition, which counts forty firms, '
                 'said the rules were fair.\n\n"People judge a place after the work is done," she said.',
                 "Angela Vorn", id="negative-spokeswoman-for-a-body"),
    # a role title in the run makes a person of a first name and a word that names bodies too
    pytest.param('Ashmoor Oil Inc is seeking a deal, Chairman John Hall said. "We are looking at units of '
                 'other companies," Hall told Reuters.', "John Hall", id="chairman-first-name-hall"),
    # negative: with no role before it, a place's hall stays a building
    pytest.param('The concert moved to Leeds Town Hall. "It was packed," said Ivo Dane.', "Ivo Dane",
                 id="negative-town-hall"),
    # a title peeled from the run is not taken for an office's complement
    pytest.param('Ivo Campton will act as a consultant to Sir Clive Woodfall\'s squad.\n\n"It is a huge '
                 'tour," said Woodfall, the coach of the touring side.', "Clive Woodfall", id="consultant-to-sir"),
    # a name with two particles is one name
    pytest.param('Philips president Cor van der Kluit said the firm would grow. Van der Kluit pointed to the '
                 'venture. "Only the largest firms can do this," he said.', "Cor van der Kluit",
                 id="two-particles"),
    # a document named with its issuer, and the same document taken up again
    pytest.param('Acme Athletics Union has suspended two runners. An Acme statement said: "The board found the '
                 'decision wrong."\n\nThe statement continued: "Both cases will go to arbitration."',
                 "Acme Athletics Union", id="statement-continued"),
    pytest.param('About nine million homes will lose out, forecasts the report by cable group KTL. Hopes that '
                 'prices will fall are "a fantasy", the report concludes.', "KTL",
                 id="report-by-telecoms-giant"),
    # negative: a statement nobody issued by name stays without a speaker
    pytest.param('The mood was grim. The statement continued: "Both cases will go to arbitration."', None,
                 id="negative-statement-of-nobody"),
    # "the Dunmore man", with no man brought in unnamed, is someone named
    pytest.param('Ivo Rask was hit by a lorry last year. He spent a month in hospital.\n\n"My leg hurt for weeks," '
                 'says the Dunmore man.', "Ivo Rask", id="the-place-man"),
    # negative: "the man" after "a man" is that unnamed man
    pytest.param('Ivo Rask spoke first. A man was stopped near the bridge. "I did nothing wrong," the man said.',
                 None, id="negative-the-man-after-a-man"),
    # an agent noun for someone named two sentences back, a she in between keeping her in view
    pytest.param('Lena Ost is suing Brightcast over its show. She said watching it made her ill. The legal '
                 'assistant said Brightcast was "sending the wrong message".', "Lena Ost",
                 id="agent-noun-through-a-pronoun"),
    # the subject of a clause joined by "and" is salient for the he that follows
    pytest.param('Dane Ruiz praised the side. Leeds won on Sunday and Ivo Moro is confident they can stay top. He '
                 'added: "We had several chances."', "Ivo Moro", id="and-clause-subject-salient"),
    # "The Acme executive said": the person noun after the body is the subject, not the body
    pytest.param('Ivo Pell is head of sales at Kestrel Motor Co. The Kestrel executive said falling shares would '
                 'have "a very quick impact on car makers."', "Ivo Pell", id="the-body-executive"),
    pytest.param('Kestrel Motor Co had a bad year. But a Kestrel official said the firm hopes to act "in a '
                 'spirit of cooperation."', None, id="an-unnamed-body-official"),
    # a second phrase after "although he", the sentence's subject again
    pytest.param('Ivo Rask runs the grain firm. He said nobody had "formally told" him about the fine, though '
                 'he was "hardly surprised by it."', "Ivo Rask", id="second-phrase-same-subject"),
    # a participle cue after the quote: the subject of the quote's sentence spoke, not what follows
    pytest.param('Ivo Rask spoke to Radio Harbour. He said the wording looked "quite fair" and "plain," adding it '
                 'would pass.', "Ivo Rask", id="adding-it-was-fair"),
    # a passive subject is what is described, not who describes it
    pytest.param('The Kestrel tour was hailed as "a marvel of light and sound on every night".', None,
                 id="passive-subject"),
    # negative: a passive report of one's own words keeps its subject
    pytest.param('Ann Lee was quoted as saying the plan was "a disgrace to all of us".', "Ann Lee",
                 id="negative-quoted-as-saying"),
    # a cue closing with a colon brings in the next quote, not the phrase before
    # an affiliation with a "-based" compound before the firm
    pytest.param('"I would be very cautious about stock levels," Ivo Rask of London-based brokers Kestrel Grant '
                 'said.', "Ivo Rask", id="of-london-based-brokers"),
    # an organisation's kind before its name, then "the firm", "the newspaper"
    pytest.param('Pirates copy discs despite locks made by security firm Macroview. Macroview says '
                 'its tool will work. "It is designed to reduce copying," said the firm.', "Macroview",
                 id="firm-x-then-the-firm"),
    pytest.param('The government daily Izvestok said wheat fields need resowing. The Soviet Union has said '
                 'little. In its report, the newspaper said: "Much of the wheat must be sown again."',
                 "Izvestok", id="daily-x-then-the-newspaper"),
    # negative: a country is no organisation for "the organisation"
    pytest.param('Villagers called on Norway to act. "The authorities are making an example of him," the '
                 'organisation said.', None, id="negative-country-is-no-organisation"),
    # "his lawyer", given no name, is not the one he stands for
    pytest.param('Stan Ledd, 82, has won his case. He created the hero in 1962. Of the money he is now owed, his '
                 'lawyer said: "It could be millions."', None, id="his-lawyer-unnamed"),
    # negative: a possessive description of someone the article named with that role
    pytest.param('A judge has upheld the demand of Stan Ledd. Lawyer Ann Cole said it was fair. "It could be '
                 'millions," his lawyer said.', "Ann Cole", id="negative-his-lawyer-named"),
    # an appositive's firm, then a place, then the cue with no comma: the person of the appositive
    pytest.param('The dollar fell. Giles Keller, economist with Credit Bank Ltd in London said "The cautious '
                 'central bank gave way."', "Giles Keller", id="appositive-firm-place-no-comma"),
    # negative: a person in a place is still that person
    pytest.param('The dollar fell. Ann Lee in Leeds said "The central bank gave way."', "Ann Lee",
                 id="negative-person-in-a-place"),
    # two people named in full, joined by "and" before one cue, speak together
    pytest.param('Their success came late. "Every band should take a knock first," singer Gary Lightman and '
                 'drummer Jon Quill said.', "Gary Lightman and Jon Quill", id="joined-speakers"),
    pytest.param('Less impressed were fellow students Ryan Crabb and Gordon Renney, who observed, "They are still '
                 'not very inspiring."', "Ryan Crabb and Gordon Renney", id="joined-speakers-who"),
    # negative: a firm before "and" is no second speaker
    pytest.param('Ann Lee met Acme Corp and Tom Ray said: "Fine."', "Tom Ray", id="negative-firm-and-person"),
    # a stock ticker in angle brackets after a firm's name is that firm
    pytest.param('Budget cuts are too small, the Harbour Banking Group Ltd <HBG.S> said. Cuts of that size would '
                 'not do, it said. "The plan is too timid," it said.', "Harbour Banking Group Ltd", id="ticker"),
    # "commented" is a cue
    pytest.param('"Nothing has really changed," Mark Brett, an economist, said. "This is a fuss about little," '
                 'a dealer with a British bank commented.', None, id="commented"),
]


@pytest.mark.parametrize("text,speaker", SPEAKER_ROWS)
def test_speaker_of_the_last_quote(text, speaker):
    """Each rule, row by row: the speaker of the last quote."""
    assert last(text) == speaker


def test_a_cue_with_a_colon_brings_in_the_next_quote():
    """'"a stalking horse" to win bids, but Ann Lee explained: "..."': the phrase is his, the quote hers."""
    text = ('Tom Vale got frustrated by failed bids. He also accused Harbour of treating him as "a pawn in the game" to '
            'lure other buyers, but Ann Lee explained: "Tom was never used."')
    assert speakers(text) == [("a", "Tom Vale"), ("Tom", "Ann Lee")]


@pytest.mark.parametrize("run,name", [
    ("Green MSP Mark Ballow", ("Mark", "Ballow")),
    ("ACME Philippe Camarra", ("Philippe", "Camarra")),
    ("UN Secretary General Kofi Annan", ("Kofi", "Annan")),
    # negatives: an acronym inside an organisation's name, two acronyms
    ("IBM Corp", ("IBM", "Corp")),
    ("AFL CIO", ("AFL", "CIO")),
])
def test_acronym_before_a_name(run, name):
    """An acronym before a person's first name and surname is no part of the name."""
    assert split_name(run)[1] == name


def test_two_particles_make_one_run():
    """"Cor van der Kluit" is one run, "Ann Lee and Ivo Dane" two."""
    assert [m.group() for m in NAME_RUN.finditer("Today Cor van der Kluit spoke.")] == ["Today Cor van der Kluit"]
    assert [m.group() for m in NAME_RUN.finditer("Ann Lee and Ivo Dane spoke.")] == ["Ann Lee", "Ivo Dane"]


@pytest.mark.parametrize("text,name,kind", [
    ("Fans cheered New Zealand on.", "New Zealand", "organization"),
    ("The advert was made by security firm Macroview for the shops.", "Macroview", "organization"),
    # negative: a first name after "company" is a person ("the company Ann Lee founded")
    ("The company Ann Lee founded grew.", "Ann Lee", "person"),
])
def test_entity_kinds(text, name, kind):
    """A country named in two words is no person; "firm X" makes X a firm."""
    table = Entities(text)
    e = table.resolve(tuple(name.split()), text.index(name)).entity
    assert e is not None and e.kind == kind
