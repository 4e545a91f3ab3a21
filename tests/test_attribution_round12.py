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
    pytest.param("Kellmoor Motors Corp closed a plant. At Flint, “layoffs could reach 2,000,” the automaker "
                 "said.", "Kellmoor Motors Corp", id="automaker-is-a-firm"),
    pytest.param("Kellmoor Motors Corp closed a plant. “Layoffs could reach 2,000,” the worker said.", None,
                 id="negative-a-worker-is-no-firm"),
    # "the Norwegian company": a nation's word before an organisation's kind is no name
    pytest.param("Harbour Bourse met Kell Ventures Corp on Monday. The Norwegian company said it had held "
                 "\"constructive, professional and friendly\" talks.", "Kell Ventures Corp",
                 id="nationality-before-a-kind-is-no-name"),
    pytest.param("Harbour Bourse met Kell Ventures Corp on Monday. The Harbour company said it had held "
                 "\"constructive, professional and friendly\" talks.", "Harbour Bourse",
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
