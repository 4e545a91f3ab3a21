"""Rules of the twelfth round of attribution work, each a table of made-up sentences with the speaker
of a quote: positive rows (the rule finds the speaker) and negative rows (it must not find one, or
must not find the wrong one). What each rule earned is in docs/ATTRIBUTION.md."""
from __future__ import annotations

import pytest

from indexer.extract.namekeys import key
from quoted import last


SPEAKER_ROWS = [
    # "talks in Oslo with Finance Secretary Tove Marum": a titled person, not a firm "of/at/with" a place
    pytest.param("The bank met in Oslo with Finance Secretary Tove Marum on Monday. “No deal,” Marum said.",
                 "Tove Marum", id="titled-person-after-with"),
    pytest.param("Talks opened in Geneva with President Lars Regen on trade. “We want a deal,” Regen said.",
                 "Lars Regen", id="president-after-with"),
    pytest.param("Harry Lamb of Tucker Anthony said prices would rise. “Buy,” Lamb said.", "Harry Lamb",
                 id="negative-person-of-a-firm"),
    pytest.param("Dan Roe, an analyst with Harbour Vale Partners, was upbeat. “Buy,” Harbour Vale Partners said.",
                 "Harbour Vale Partners", id="negative-firm-after-with"),
    # "General Motors said" after "General Motors Corp": the firm, not a general named Motors
    pytest.param("General Harbour Motors Corp said it would close a plant. “We regret it,” General Harbour "
                 "Motors said.", "General Harbour Motors Corp", id="title-word-opening-a-known-firm"),
    pytest.param("General Harbour Motors Corp said it would close a plant. At that time, General\nHarbour "
                 "Motors said the line would close “by August.”", "General Harbour Motors Corp",
                 id="title-word-opening-a-known-firm-across-a-line"),
    pytest.param("Gen. Tom Harl of the Army said the base would close. “It is done,” General Harl said.",
                 "Tom Harl", id="negative-a-general"),
    # "Mr Pound" is no "MP", though the article says "MP": a personal title opens no acronym
    pytest.param("Meanwhile backbencher Stephen Pike spoke. The MP for Kellmoor said it was wrong. “They are "
                 "in it for the money,” Mr Pike told the radio.", "Stephen Pike", id="mr-surname-is-no-acronym"),
    pytest.param("Harbour Power said prices would rise. “We are sorry,” HP said.", "Harbour Power",
                 id="negative-a-firm-and-its-acronym"),
    # "Exchange" and "Incorporated" are words of an organisation's name
    pytest.param("The Kell Stock Exchange opened late. It said: “Trading resumes today.”", "Kell Stock Exchange",
                 id="exchange-is-an-organisation"),
    pytest.param("Prices fell, Tom Lee of Harbour Management and Research Incorporated said. “It is a "
                 "bad day,” he said.", "Tom Lee", id="incorporated-ends-a-firm"),
    # "the automaker said": a firm's kind, like "the company"
    pytest.param("Kellmoor Motors Corp closed a plant. At its Kell plant, “as many as 900 jobs may go,” the automaker "
                 "said.", "Kellmoor Motors Corp", id="automaker-is-a-firm"),
    pytest.param("Kellmoor Motors Corp closed a plant. “As many as 900 jobs may go,” the worker said.", None,
                 id="negative-a-worker-is-no-firm"),
    # "the Norwegian company": a nation's word before an organisation's kind is no name
    pytest.param("Harbour Bourse met Kell Ventures Corp on Monday. The Norwegian company said it had held "
                 "\"open, warm and useful\" talks.", "Kell Ventures Corp",
                 id="nationality-before-a-kind-is-no-name"),
    pytest.param("Harbour Bourse met Kell Ventures Corp on Monday. The Harbour company said it had held "
                 "\"open, warm and useful\" talks.", "Harbour Bourse",
                 id="negative-a-name-before-a-kind"),
    # "was quoted as saying": the one quoted speaks; the paper that quotes only reports
    pytest.param("Union leader Ivo Dane said the strike would go on.\n    The head of the port authority, Tarvin"
                 "\nSelok, was quoted in today’s Folha Kellera newspaper as saying prices would fall.\n"
                 "    “We expect a hard year,” he said.\n", "Tarvin Selok", id="quoted-in-a-paper-as-saying"),
    pytest.param("Union leader Ivo Dane said the strike would go on.\n    The head of the port authority, Tarvin"
                 "\nSelok, was seen in Kell on Monday.\n    “We expect a hard year,” he said.\n", "Ivo Dane",
                 id="negative-seen-is-not-quoted"),
    pytest.param("Port Board governor Tarvin Selok spoke in Kell. Kelnara quoted him as saying exports matter. "
                 "Kelnara reported that Selok said the port would grow.\n    “We expect a good year,” he said.",
                 "Tarvin Selok", id="a-medium-quoting-him-is-no-speaker"),
    pytest.param("Port Board governor Tarvin Selok spoke in Kell. Kelnara quoted Selok as saying the port "
                 "would grow. “We expect a good year,” he said.", "Tarvin Selok",
                 id="a-medium-quoting-someone-is-no-speaker"),
    pytest.param("Port Board governor Tarvin Selok spoke. Kelnara said Selok had been in Kell.\n    Kelnara "
                 "reported that Selok said the port would grow.\n    “We expect a good year,” he said.",
                 "Tarvin Selok", id="a-medium-reporting-what-he-said-is-no-speaker"),
    # two firm names joined by "of": "Kell Power Co of Ohio Inc" is one firm
    pytest.param("Kell Power Co of Ohio Inc\nwill cut what it charges homes by a tenth from May, the state\n"
                 "governor told a news briefing on Monday in the capital.\n    Kell Power said the cut "
                 "follows smaller tax bills and cheaper\nloans for the firm in the years ahead.\n    It "
                 "added that \"cheaper coal has brought bills\ndown for all of our households.\"\n",
                 "Kell Power Co of Ohio Inc", id="firm-of-place-firm"),
    pytest.param("Ann Lee of Harbour Power Inc said prices would rise. \"We are sorry for it,\" Lee said.",
                 "Ann Lee", id="negative-person-of-a-firm-inc"),
    # a lone word "the" goes before where it speaks is an organisation ("the Bundesbank said")
    pytest.param("Holding the krone inside a narrow band by buying it in the Harbour Exchange Pact may do "
                 "harm, the Kellbank said.\n    \"Such buying can make a weak money weaker still over "
                 "time,\" it said.\n", "Kellbank", id="the-lone-word-speaks"),
    pytest.param("The Vanning plan was debated on Monday. \"Such buying can make a weak money weaker still,\" "
                 "it said.", None, id="negative-the-lone-word-modifies-a-noun"),
    # initials and a surname are a person ("A.W. Clausen"); "U.S. Oil" is no one's initials
    pytest.param("\"Talks will be slow and hard, but a deal should come this year,\" said A.W. "
                 "Tallis, the bank's chairman. \"Until then we will wait and watch how things "
                 "go,\" he said.", "A.W. Tallis", id="initials-and-surname"),
    pytest.param("Prices will fall, said Ann Vole of Kell Oil. U.S. Oil refiners agreed. \"The cartel has "
                 "held up better than we thought,\" she said.", "Ann Vole", id="negative-a-place-abbreviation"),
    # a plural role noun last is a group, not a person ("Harbour Support Officers")
    pytest.param("Harbour Federation chairman Jan Barry said the new wardens would be the \"first line\" "
                 "of the patrol. Harbour Support Officers lack the gear. \"Sending them into a fight is "
                 "wrong,\" she said.", None, id="plural-role-is-a-group"),
    # "the board": the organisation whose name holds that kind
    pytest.param("The Kell Board of Elections met on Monday. Tom Vale cited the Constitution, and the Harbour "
                 "Party objected. The board rejected both objections. \"The candidate is eligible under the "
                 "law of the state,\" the board said.", "Kell Board of Elections", id="kind-in-the-name"),
    # a run that starts a firm named before, with no first name, is that firm
    pytest.param("J.P. Vanner and Co Inc won approval. J.P. Vanner also appealed, the spokesman said.\n"
                 "    \"Until the court rules we will not sell those bonds,\" the J.P. Vanner spokesman "
                 "said.", None, id="firm-prefix-is-the-firm"),
    pytest.param("Kell Oil Corp cut prices on Monday. Kell Oil said \"the market is weak and getting weaker.\"",
                 "Kell Oil Corp", id="firm-prefix-speaks"),
    # "Alderman" is an office: "Kell Alderman Jo Ervo" is Jo Ervo
    pytest.param("\"The wards are restless,\" said Kell Alderman Jason C. Ervo, who spoke at city hall.",
                 "Jason C. Ervo", id="alderman-is-an-office"),
    pytest.param("\"The wards are restless,\" said one alderman, who spoke at city hall.", None,
                 id="negative-an-unnamed-alderman"),
    pytest.param("Port director Wim Olsen spoke in Kell. Later Ivo Dane said the port would grow. “We expect "
                 "a good year,” he said.", "Ivo Dane", id="negative-the-last-speaker"),
]


@pytest.mark.parametrize("text, speaker", SPEAKER_ROWS)
def test_speaker_of_last_quote(text, speaker):
    """The last quote of each made-up text gets the speaker the rule gives (or none)."""
    assert last(text) == speaker


@pytest.mark.parametrize("word, want", [
    ("Motors'", "motors"), ("Motors’", "motors"), ("Jones'", "jones"), ("O'Neil", "o'neil"), ("Lee.", "lee"),
    ("D'", "d'"),
])
def test_key_drops_possessive_after_s(word, want):
    """A possessive mark after an s is no part of a name's key; an apostrophe inside one is."""
    assert key(word) == want
