"""Rules of the ninth round of attribution work, each a table of made-up sentences with the speaker
of a quote: positive rows (the rule finds the speaker) and negative rows (it must not find one, or
must not find the wrong one). What each rule earned is in docs/ATTRIBUTION.md."""
from __future__ import annotations

import pytest

from indexer.extract import direct_quotations
from indexer.extract.agreement import learn_genders
from indexer.extract.entity import PERSON, Entity
from indexer.extract.names import split_name
from indexer.extract.tokens import tokens
from quoted import found, last


SPEAKER_ROWS = [
    # a subject pronoun with its clitic ("He’s predicting") is a pronoun
    pytest.param('Dora Lenz spoke in Reno. Lenz says she is "back to work tomorrow." She’s predicting she will '
                 'take "most of the seats" in the next vote.', "Dora Lenz", id="pronoun-with-clitic"),
    pytest.param("Maria Lenz spoke in Reno. He's sure the vote was \"a close call all along.\"", None,
                 id="negative-clitic-pronoun-still-agrees"),
    # a pronoun after an abbreviation's full stop opens the next sentence ("at 9 p.m. He says")
    pytest.param('Ivo Marsh voted at noon. The count starts at 9 p.m. He says "the night will be a long one for '
                 'all of us."', "Ivo Marsh", id="pronoun-after-abbreviation"),
    # "from Bexley, New Kent" inside an appositive: the comma is the place's
    pytest.param('Dean Orwell, a 55-year-old grocer from Bexley, New Kent, says the party will "leave the town '
                 'with momentum."', "Dean Orwell", id="city-and-state-in-appositive"),
    pytest.param('Dean Orwell, a grocer from Bexley, says the party will "leave the town with momentum."',
                 "Dean Orwell", id="negative-no-state-after-the-place"),
    # a name with a joined particle ("al-Oteiba") is a person, and its bare surname is the same person
    pytest.param('Khalid al-Rumani, sales director at the Gulf Refining Co, spoke to the staff magazine. '
                 'Rumani said the firm "will keep its customers whatever the market does."',
                 "Khalid al-Rumani", id="particle-surname"),
    pytest.param('Khalid al-Rumani, sales director at the Gulf Refining Co, spoke to the staff magazine. '
                 '"The company will keep its customers," he said.', "Khalid al-Rumani", id="particle-name-is-a-person"),
    # a suffix is part of the name ("Nils Garrow III"), letters after a name are not ("Ada Lowe MP")
    pytest.param('"We will appeal," said Nicholas Garrow III, the chairman.', "Nicholas Garrow III", id="suffix-kept"),
    pytest.param('"We will appeal," said Anna Lowe MP, the chairwoman.', "Anna Lowe", id="negative-post-letters"),
    # an organisation's head noun takes "of" / "for" and a name: "the Labour Party of Harbourland"
    pytest.param('On Friday the Labour Party of Harbourland announced the date. "We will fight for every seat in '
                 'the north," the party said.', "Labour Party of Harbourland", id="party-of-a-place"),
    pytest.param('The Trust for Harbour Parks said that "the park will stay open all year."', "Trust for Harbour Parks",
                 id="trust-for-a-name"),
    pytest.param('The Harbour Monetary Fund on Tuesday said that "growth will slow in the second half."',
                 "Harbour Monetary Fund", id="negative-a-day-after-a-head-noun"),
    # an irregular plural owns no one: "the People's Courier" is one name, "Harbourland's Tomas Vidal" two
    pytest.param('"Prices must rise slowly and in small steps," the People\'s Courier said in an editorial.',
                 "People's Courier", id="irregular-plural-owner"),
    pytest.param('Harbourland\'s Tomas Vidal said the plan was "a costly mistake from the start."', "Tomas Vidal",
                 id="negative-an-owner-then-a-person"),
    # a letter read wrongly from UTF-8 ("Ã©" for "é"), composed or not, is a letter of the name
    pytest.param('Minister Jos\u00c3\u00a9 Marrero opened the bridge. "It will carry trains by May," said Marrero.',
                 "Jos\u00c3\u00a9 Marrero", id="mojibake-letter"),
    pytest.param('Minister JosA\u0303\u00a9 Marrero opened the bridge. "It will carry trains by May," said Marrero.',
                 "JosA\u0303\u00a9 Marrero", id="mojibake-letter-decomposed"),
    pytest.param('Minister Jose\u0301 Marrero opened the bridge. "It will carry trains by May," said Marrero.',
                 "Jose\u0301 Marrero", id="combining-accent"),
    # a "-man" role noun does not overrule a woman's first name
    pytest.param('Tariffs would not help, said Martha Quill, chairman of the Harbour Energy Board. "I firmly '
                 'believe that buyers would not be served by it," she said.', "Martha Quill",
                 id="chairman-is-said-of-women-too"),
    pytest.param('Tariffs would not help, said Robin Quill, spokesman for the Harbour Energy Board. Ann Lee '
                 'disagreed. "I firmly believe that buyers would not be served by it," he said.', "Robin Quill",
                 id="negative-spokesman-still-gives-a-man"),
]


# a person's campaign speaks as an organisation named for the person
CAMPAIGN_ROWS = [
    pytest.param('Dora Lenz spoke on Monday. The Lenz campaign said the speech would be "about jobs and the '
                 'harbour."', ("Dora Lenz campaign", "organization"), id="the-name-campaign"),
    pytest.param('Ivo Marsh spoke on Monday. "We will not debate on that day," his campaign said.',
                 ("Ivo Marsh campaign", "organization"), id="his-campaign"),
    pytest.param('Ivo Marsh spoke on Monday. Marsh\'s campaign shrugged it off, telling reporters, "Nobody on '
                 'the team has asked for it."', ("Ivo Marsh campaign", "organization"), id="owner-s-campaign"),
    # negatives: someone who works for a campaign, and the person himself
    pytest.param('Dora Lenz spoke on Monday. A Lenz campaign spokesman said the ad was "a lie from start to '
                 'finish."', (None, None), id="negative-a-campaign-spokesman"),
    pytest.param('Dora Lenz spoke on Monday. "We will win the state," Lenz said.', ("Dora Lenz", "person"),
                 id="negative-the-person"),
]


@pytest.mark.parametrize("text,expected", CAMPAIGN_ROWS)
def test_campaign_speaks(text, expected):
    q = list(direct_quotations(text))[-1]
    assert (q.speaker, q.speaker_kind) == expected


# a suit speaks for whoever brings it
SUIT_ROWS = [
    pytest.param('Actor Dane Ivers is suing Harbour Studios over an injury.\n\nThe film did poorly. According to '
                 'the lawsuit, the injury came in a stunt. The lawsuit said Ivers has endured "extreme pain for many '
                 'months."', "Dane Ivers", id="the-one-suing"),
    # negatives: the one sued, and a suit nobody is said to bring
    pytest.param('Harbour Studios was sued by a stunt rider over an injury.\n\nThe lawsuit said the rider has '
                 'endured "extreme pain for many months."', None, id="negative-the-one-sued"),
    pytest.param('Dane Ivers made a film in Leeds.\n\nThe lawsuit said the studio had "no plan at all for the '
                 'stunts."', None, id="negative-nobody-suing"),
]


# a capitalised word that only a sentence's start capitalises is no name
COMMON_WORD_ROWS = [
    pytest.param('Prices rose in May, he said. Specifically, "the cost of bread went up by a third."', None,
                 id="sentence-adverb"),
    pytest.param('Many shops closed. Good bread is "harder and harder to find in this town."', None,
                 id="adjective-opening-a-sentence"),
    # negatives: a speaker at a sentence's start ("Keating said"), a name capitalised inside a
    # sentence too, a medium the lexicon knows
    pytest.param('Ostrava said the club would meet, but said, "It is time we changed."', "Ostrava",
                 id="negative-subject-of-a-cue"),
    pytest.param('The fund was run by Tomsk. Tomsk then wrote that "the money is safe and always was."', "Tomsk",
                 id="negative-capitalised-inside-a-sentence-too"),
    pytest.param('Politico reported on an email from the campaign, "just to pick up two delegates in a state '
                 'he lost."', "Politico", id="negative-a-known-medium"),
    pytest.param('"It was the wrong call," Bruckner said. "We will look at it again," Bruckner added.', "Bruckner",
                 id="negative-after-a-closing-mark"),
]


# gender from the possessive or reflexive that follows a name no list knows
GENDER_ROWS = [
    # (a long appositive: no sign of a person but the "her" after the name; before, the woman who
    # spoke before took the quote)
    pytest.param('"You attacked her instead," Erica Vance said. Sandy Morrow, who lost her daughter Ellen in the '
                 'fire at the old mill on the river road in the winter of 2012, said that the mayor had treated '
                 'them badly. "Nobody came to see us," she said.', "Sandy Morrow", id="possessive-after-the-name"),
    # negatives: a pronoun after a gendered noun, an object pronoun, a he/she of what was said
    pytest.param('My parents, Idris and Olwen Price, were no fools: my father took his degree at nineteen. '
                 'Olwen Price was a nurse. "Of course I believe in it," she said.', "Olwen Price",
                 id="negative-after-a-gendered-noun"),
]


@pytest.mark.parametrize("text,speaker", SPEAKER_ROWS + SUIT_ROWS + COMMON_WORD_ROWS + GENDER_ROWS)
def test_speaker_of_the_last_quote(text, speaker):
    """Every speaker table of the round: the speaker of the text's last quote."""
    assert last(text) == speaker


def person(words, gender=None):
    """A person of the entity table, with the gender a title or a listed first name gave it (if any)."""
    return Entity(PERSON, words, words[0].lower(), words[-1].lower(), gender=gender)


# (text, mentions as (start, words, known gender), quote spans, genders after learn_genders)
LEARNED = [
    pytest.param("Sandy Morrow lost her bag. Chris Dale found his way.", [(0, ("Sandy", "Morrow"), None),
                 (27, ("Chris", "Dale"), "f")], [], ["f", "f"], id="only-an-unknown-gender"),
    pytest.param("Jody Kestrel, a supporter of Tom Reed who lives in Leeds, finds herself in a similar job.",
                 [(0, ("Jody", "Kestrel"), None), (29, ("Tom", "Reed"), "m")], [], ["f", "m"],
                 id="a-reflexive-past-a-man"),
    pytest.param("Dara Quinn, who made me think again when she called him a fraud, spoke last.",
                 [(0, ("Dara", "Quinn"), None)], [], [None], id="no-object-pronoun"),
    pytest.param('Sandy Morrow said "his plan failed" on Monday.', [(0, ("Sandy", "Morrow"), None)], [(18, 35)],
                 [None], id="no-pronoun-inside-quotes"),
]


@pytest.mark.parametrize("text,mentions,quotes,genders", LEARNED)
def test_learn_genders(text, mentions, quotes, genders):
    people = [(start, start + len(" ".join(words)), person(words, g)) for start, words, g in mentions]
    sentences = [(0, len(text))] if ". " not in text else [(0, text.index(". ") + 1), (text.index(". ") + 2, len(text))]
    learn_genders(text, people, sentences, quotes)
    assert [e.gender for _, _, e in people] == genders


# continuation:clause -- a later phrase of the same sentence with no speaker of its own
CLAUSE_ROWS = [
    pytest.param('Rolf Anker spoke on Monday. Anker said he favoured a "slow and steady path" on '
                 'rates, chiefly because "prices could run away from us."',
                 [("slow", "Rolf Anker", "before:partial"), ("prices", "Rolf Anker", "continuation:clause")],
                 id="because-clause"),
    pytest.param('Mira Holt said the banks had been "careless," remarking that it is "odd that no banker ever '
                 'went to court."',
                 [("careless,", "Mira Holt", "before:deep"), ("odd", "Mira Holt", "continuation:clause")],
                 id="noting-that"),
    # negatives: a clause with its own subject, a sentence end, a quote far on
    pytest.param('Ivo Lund said his rival "had a silly plan that failed," and a poll of voters found '
                 '"nothing at all to like in it."',
                 [("had", "Ivo Lund", "before:partial"), ("nothing", None, "unattributed")], id="negative-new-subject"),
    pytest.param('Ivo Lund called his rival "a failed candidate." Rivals fired back at once, with '
                 '"the noise, the posturing, the rudeness" of the campaign.',
                 [("a", "Ivo Lund", "before:phrase"), ("the", None, "subject")], id="negative-sentence-end"),
]


@pytest.mark.parametrize("text,expected", CLAUSE_ROWS)
def test_continuation_in_the_clause(text, expected):
    assert found(text) == expected


def test_clitic_is_a_token_of_its_own():
    text = "He’s sure they're done, Clinton’s aide said"
    assert [t.s for t in tokens(text, 0, len(text))] == \
        ["He", "’s", "sure", "they", "'re", "done", ",", "Clinton’s", "aide", "said"]


def test_guillemets_and_no_break_spaces_are_no_letters():
    text = "a \u00abquote\u00bb and Leeds\u00a0Town, 30\u00b0C"
    assert [t.s for t in tokens(text, 0, len(text))] == \
        ["a", "\u00ab", "quote", "\u00bb", "and", "Leeds", "Town", ",", "30", "\u00b0", "C"]


def test_suffix_is_no_post_nominal_letters():
    assert split_name("Nicholas Garrow III") == ((), ("Nicholas", "Garrow", "III"))
    assert split_name("Anna Lowe MP") == (("MP",), ("Anna", "Lowe"))
