"""Rules of the eleventh round of attribution work, each a table of made-up sentences with the speaker
of a quote: positive rows (the rule finds the speaker) and negative rows (it must not find one, or
must not find the wrong one). What each rule earned is in docs/ATTRIBUTION.md."""
from __future__ import annotations

import pytest

from indexer.extract.names import nation_only
from quoted import last


SPEAKER_ROWS = [
    # a suffix last is no acronym: "Brent Vole III" is a person with no known first name
    pytest.param("“We will win,” Brent Vole III, head of the Harbour Forum, told the paper. Vole has led the "
                 "forum since 2001; his father, Brent Vole Jr., founded it.\n\n“It is our year,” Vole said.",
                 "Brent Vole III", id="suffix-iii-is-no-acronym"),
    pytest.param("“We will win,” Brent Vole, head of the Harbour Forum, told the paper.\n\n“It is our year,” "
                 "Vole said.", "Brent Vole", id="negative-no-suffix"),
    # words of a nation are no one: "One Japanese trader" does not make "Japanese" what an "it" means
    pytest.param("The Harbour Daily newspaper said output will fall. One Japanese trader said demand is weak.\n"
                 "    “Mills are old and output has dropped,” it said.", "Harbour Daily",
                 id="nationality-is-no-antecedent"),
    pytest.param("One West German dealer said rates would rise. “The market is thin,” it said.", None,
                 id="negative-compass-and-nationality-is-no-one"),
    pytest.param("Mark Cuban spoke on Monday. “We will not sell,” Cuban said.", "Mark Cuban",
                 id="negative-a-surname-that-is-a-nationality"),
    # a surname with its particle, capitalised, is the person whose full name ends with it
    pytest.param("De Vorse: keep the harbour open.\n\nMayor Tom de Vorse said on Monday the port must stay open.\n\n"
                 "De Vorse said: “We will not close the harbour.”", "Tom de Vorse",
                 id="capitalised-particle-surname"),
    pytest.param("Dr. Van Arlen said on Monday the port must stay open.\n\n"
                 "Van Arlen said: “We will not close the harbour.”", "Van Arlen",
                 id="negative-particle-surname-with-no-full-name"),
    # "Ken Vale" and "Kenneth Vale": one person, named by the longer first name
    pytest.param("Kenneth Vale, the counsel, met the board.\n\nLater Ken Vale told reporters the talks went well.\n\n"
                 "“We are close,” Vale said.", "Kenneth Vale", id="short-first-name-is-the-long-one"),
    pytest.param("Dana Vale, the counsel, met her brother Dan Vale. Later Dan Vale told reporters the talks went "
                 "well.\n\n“We are close,” Dan Vale said.", "Dan Vale", id="negative-first-names-of-two-genders"),
    # two runs joined by "and" when an acronym of the text spells both
    pytest.param("Growth will slow, the Institute for Harbour Planning and Development said.\n"
                 "    The IHPD, in its yearly report, said: “Trade will shrink.”",
                 "Institute for Harbour Planning and Development", id="acronym-spells-runs-joined-by-and"),
    pytest.param("The Institute for Harbour Planning and Ivo Lund met on Monday.\n"
                 "    The IHP said: “Trade will shrink.”", "Institute for Harbour Planning",
                 id="negative-and-a-person"),
    # an acronym of a firm's name leaves out its "Corp"
    pytest.param("General Harbour Utilities Corp said it would pay a dividend.\n"
                 "    “We are pleased,” GHU said.", "General Harbour Utilities Corp", id="acronym-without-corp"),
    pytest.param("General Harbour Utilities Corp said it would pay a dividend.\n"
                 "    “We are pleased,” GHX said.", "GHX", id="negative-acronym-of-someone-else"),
    # a surname ending in "-ing" is a name where the article gives it in full, not a participle
    pytest.param("Nora Vesling, 68, has been Ann Roe’s friend since school.\n\nThe friendship matters for Roe, "
                 "unlike many of her rich donors, Vesling lives a quiet life where she works on housing.\n\n"
                 "“It has been part of my life,” she said.", "Nora Vesling", id="ing-surname-is-a-name"),
    pytest.param("Ann Roe has been a friend of many since school.\n\nSpeaking to the crowd, she thanked "
                 "them.\n\n“It has been part of my life,” she said.", "Ann Roe",
                 id="negative-a-participle-is-no-name"),
    # "he said Ryan.": the name ending the sentence after a cue is what was said, no subject
    pytest.param("Ivo Dane softened his tone on Monday. Asked who leads the party, he said Tom Vale. “I would "
                 "say Tom for now,” he said.", "Ivo Dane", id="name-said-is-no-subject"),
    pytest.param("Ivo Dane softened his tone on Monday. Asked about the port, aides said Tom Vale will decide "
                 "soon. “We will see,” he said.", "Tom Vale", id="negative-name-as-the-said-subject"),
    # "Sen. Ann Vole of Ohio, the panel's chair, who said ...": the one speaking
    pytest.param("Ann Roe’s plan was backed on Friday by Sen. Dina Vole of Ohio, the ranking member on the "
                 "harbour panel, who said none of the files came from Roe.\n\n“It never made sense to blame "
                 "Ann Roe,” she said in a statement.", "Dina Vole", id="who-said-after-apposition"),
    pytest.param("Ann Roe’s plan was backed on Friday by Sen. Dina Vole of Ohio, who voted against it.\n\n"
                 "“It never made sense to me,” she said in a statement.", "Ann Roe",
                 id="negative-who-and-no-cue"),
    # a document's name says whose it is: "until the Harbour Commission report came out"
    pytest.param("Ivo Dane, who said he opposed the plan, was praised until the Harbour "
                 "Commission report came out.\n\n“They did far too little,” the report said.", "Harbour Commission",
                 id="document-named-by-its-issuer"),
    pytest.param("Brazil halted its payments, and a Ministry statement put out late on Friday said the halt "
                 "would go on. "
                 "The statement said a payment “will be made when there is progress.”", "Brazil",
                 id="negative-a-bare-org-word-names-no-issuer"),
    # "the senator" agrees with no one the article gives another office ("Gov. Tim Vole")
    pytest.param("Sen. Ann Roe of Ohio spoke in Leeds on Monday. Gov. Tim Vole was there as well.\n\n"
                 "“We will carry this state,” the Ohio senator said.", "Ann Roe", id="office-agreement"),
    pytest.param("Ann Roe of Ohio spoke in Leeds on Monday. Tim Vole was there as well.\n\n"
                 "“We will carry this state,” the senator said.", "Tim Vole", id="negative-no-office-known"),
    # two roles joined by "and" describe one person: the first role finds them
    pytest.param("Sen. Ann Roe of Ohio spoke in Leeds on Monday. Gov. Tim Vole was there as well.\n\n"
                 "“We will carry this state,” the Ohio senator and party presidential candidate said.", "Ann Roe",
                 id="two-roles-joined-by-and"),
    pytest.param("Sen. Ann Roe of Ohio spoke in Leeds on Monday. Gov. Tim Vole was there as well.\n\n"
                 "“We will carry this state,” the Ohio senator and her many loyal friends in the party said.",
                 None, id="negative-a-role-and-others"),
    # "as follows" gives no role: a capitalised noun opening a paragraph stays no one
    pytest.param("Gov. Tim Vole spoke in Leeds after the count.\n\nRecord as follows:\n\n"
                 "“Tonight we arrived in Leeds and went to a cafe.”", None, id="as-follows-is-no-role"),
    pytest.param("Gov. Tim Vole spoke in Leeds after the count.\n\nHenry Vane, as spokesman for the count, "
                 "said:\n\n“Tonight we arrived in Leeds and went to a cafe.”", "Henry Vane",
                 id="negative-as-a-role-noun"),
    # a cue verb or "Neither" opening a sentence is no part of the name after it
    pytest.param("Roger Vane spoke on Monday about the vote.\n\nContinued Vane: “So I think it is a real "
                 "problem.”", "Roger Vane", id="cue-verb-opening-a-run"),
    pytest.param("Ted Lamb and Ann Roe spoke. Neither Lamb nor Roe came to the vote. “This is an epidemic,” "
                 "Lamb said.", "Ted Lamb", id="neither-opening-a-run"),
    pytest.param("Warren Lamb spoke on Monday about the vote.\n\n“So I think it is a real problem,” Warren Lamb "
                 "said.", "Warren Lamb", id="negative-a-first-name-that-is-no-cue"),
    # a party tag is no one
    pytest.param("Polls show rival Sen. Ted Lamb, R-Ohio, leading the race, and a story by the Harbour Daily "
                 "says that “many delegates will leave him.”", None, id="party-tag-is-no-one"),
    pytest.param("Polls show rival Sen. Ted Lamb, R-Ohio, leading the race. “Many delegates will leave him,” "
                 "Lamb said.", "Ted Lamb", id="negative-a-name-beside-its-tag"),
    pytest.param("Talks on the tram line went on.\n\n“We are here,” O-Neil said.", "O-Neil",
                 id="negative-a-hyphenated-name-is-no-tag"),
    # an owner's document that speaks makes the owner the one "it" goes on with
    pytest.param("The Harbourbank urged the government to cut spending.\n"
                 "    The Harbourbank's yearly report said the cuts were wise. “There will be "
                 "consequences for spending,” it said.", "Harbourbank", id="owners-report-says"),
    pytest.param("The Harbourbank urged the government to cut spending.\n"
                 "    The Harbourbank's 1986 annual profit rose. “There will be consequences for spending,” "
                 "it said.", None, id="negative-owners-profit-says-nothing"),
    # a lone word inside one firm's name, before its tail, is that firm
    pytest.param("Eastman Vodar Co said it will sell three new cameras.\n"
                 "    “Our camera arm alone would be a large firm,” Vodar said.",
                 "Eastman Vodar Co", id="word-inside-a-firm-name"),
    pytest.param("Eastman Vodar Co said it would buy North Vodar Corp, a rival.\n"
                 "    “Our camera arm alone would be a large firm,” Vodar said.", "Vodar",
                 id="negative-word-inside-two-firm-names"),
    # a title before a first name and a place-like surname makes a person: "Rep. Ed Israel"
    pytest.param("Rep. Anna Israel (D-Ohio) said the vote was close. “Members will need to fill the empty chairs,” "
                 "Israel said.", "Anna Israel", id="titled-first-name-and-place-word"),
    pytest.param("Talks with Lebanon went on. “Members will need to fill the empty chairs,” Lebanon said.",
                 "Lebanon", id="negative-the-place-alone"),
    # "The Journal" after "the Harbour Street Journal": the medium, by its last word
    pytest.param("A headline from the Harbour Street Journal board reads badly. The Journal notes that Lee "
                 "tweeted. “Is this the same mayor we met last year?” the Journal writes.",
                 "Harbour Street Journal", id="medium-by-its-last-word"),
    pytest.param("A headline from the Harbour Street Journal and the Leeds Evening Journal reads badly. “Is "
                 "this the same mayor we met last year?” the Journal writes.", "Journal",
                 id="negative-two-media-end-with-the-word"),
    # the first of two surnames, alone, is the person named with both: "Javier Nogales Iturri"
    pytest.param("The plan is likely to pass, central bank governor Tomas Vidal Arenas said.\n"
                 "    “We are not seeking a universal solution,” Vidal said.", "Tomas Vidal Arenas",
                 id="first-of-two-surnames"),
    pytest.param("The plan is likely to pass, said Ann Vidal Show, a talk host.\n"
                 "    “We are not seeking a universal solution,” Vidal said.", "Vidal",
                 id="negative-a-programme-title-is-no-surname"),
]


@pytest.mark.parametrize("text, speaker", SPEAKER_ROWS)
def test_speaker_of_last_quote(text, speaker):
    """The last quote of each made-up text gets the speaker the rule gives (or none)."""
    assert last(text) == speaker


@pytest.mark.parametrize("words, nation", [
    (("Japanese",), True), (("West", "German"), True), (("Latin", "American"), True), (("Americans",), True),
    (("U.S.", "and", "Canadian"), True), (("Swiss", "Bank", "Corp"), False), (("Pan", "American"), False),
    (("Mark", "Cuban"), False), (("West",), False),
])
def test_nation_only(words, nation):
    """Words of a nation, with compass words and "and", and nothing else, are no one."""
    assert nation_only(words) is nation
