"""The package's word lists, each defined once, read from the data files beside this module.

Every `*.txt` file here holds sections `[name mode]`, then the words, white-space separated (or one
entry a line). `#` starts a comment line. The mode says how the code compares the list:

- `lower`: against lower-cased words, so every entry is lower case;
- `title`: against words as written, so every entry starts with a capital;
- `lines`: one entry per line (the media gazetteer: "Canonical | alias | alias").

The lists sit at the bottom of the house, beside the records: extraction reads them, and so do
`indexer.text` (honorifics, suffixes and particles fold names for search and identities).
`tests/test_lexicon.py` checks them: no duplicates, no entry that can never match (wrong case,
punctuation inside a word) and no word in two lists that contradict each other (`DISJOINT`).
"""
from __future__ import annotations

import pathlib
from dataclasses import dataclass
from typing import Optional

MODES = ("lower", "title", "lines")
_HERE = pathlib.Path(__file__).resolve().parent


@dataclass(frozen=True)
class WordList:
    """One section of a data file: its entries as written, in order, duplicates kept (for the tests)."""

    name: str
    mode: str
    file: str
    line: int                      # line of the section header, for messages
    entries: tuple[str, ...]


def _parse(path: pathlib.Path) -> list[WordList]:
    """The sections of one data file; a malformed header is an error naming the file and line."""
    out: list[WordList] = []
    head: Optional[tuple[str, str, int]] = None
    entries: list[str] = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            parts = line.strip("[]").split()
            if not line.endswith("]") or len(parts) != 2 or parts[1] not in MODES:
                raise ValueError(f"{path.name}:{n}: a section header is [name mode], mode one of {MODES}")
            if head:
                out.append(WordList(head[0], head[1], path.name, head[2], tuple(entries)))
            head, entries = (parts[0], parts[1], n), []
            continue
        if head is None:
            raise ValueError(f"{path.name}:{n}: words before the first [section]")
        entries.extend([line] if head[1] == "lines" else line.split())
    if head:
        out.append(WordList(head[0], head[1], path.name, head[2], tuple(entries)))
    return out


def _load() -> dict[str, WordList]:
    """Every section of every data file, by name; a name used twice is an error."""
    lists: dict[str, WordList] = {}
    for path in sorted(_HERE.glob("*.txt")):
        for wl in _parse(path):
            if wl.name in lists:
                raise ValueError(f"{path.name}:{wl.line}: list {wl.name!r} already defined in "
                                 f"{lists[wl.name].file}")
            lists[wl.name] = wl
    return lists


LISTS: dict[str, WordList] = _load()


def words(name: str) -> frozenset[str]:
    """The entries of one list as a set."""
    return frozenset(LISTS[name].entries)


# Lists whose entries contradict each other: no word may sit in both.
DISJOINT = (
    ("male_names", "female_names"),
    ("male_names", "unisex_names"),
    ("female_names", "unisex_names"),
    ("male_titles", "female_titles"),
    ("male_nouns", "female_nouns"),
    ("cue_verbs", "ing_nouns"),
    ("months", "months_also_names"),
    ("occupation_nouns", "office_nouns"),
    ("male_names", "not_name"),             # a first name is a name word
    ("female_names", "not_name"),
    ("male_names", "org_words"),
    ("female_names", "org_words"),
)

# ---- speech
CUE_WORDS = words("cue_verbs")
VOICE_CUES = words("voice_cues")
ADDRESSEE_VERBS = words("addressee_verbs")
CARRYING_PARTICIPLES = LISTS["carrying_participles"].entries
PHRASE_BASE = words("phrase_verbs_base")
PHRASE_VERBS = words("phrase_verbs") | PHRASE_BASE
# their -ing forms, made once from the base forms: "calling", "praising", "slamming", "labelling"
PHRASE_PARTICIPLES = frozenset(f for b in PHRASE_BASE for f in (
    b + "ing", b[:-1] + "ing" if b.endswith("e") else b + b[-1] + "ing"))
NAMING_VERBS = words("naming_verbs")

# ---- function words
SUBJECT_PRONOUNS = words("subject_pronouns")
DETERMINERS = words("determiners")
PREPOSITIONS = words("prepositions")
AFFILIATION = words("affiliation_prepositions")
CLAUSE_WORDS = words("clause_words")
NP_STOPS = CLAUSE_WORDS | PREPOSITIONS | words("np_stops")
AUXILIARIES = words("auxiliaries")
ADVERBS = words("adverbs")
INTRO_WORDS = PREPOSITIONS | words("intro_words")
PLACE_OPENERS = PREPOSITIONS | words("place_openers")
PLACE_PREPOSITIONS = words("place_prepositions")
PRONOUN_OPENERS = words("pronoun_openers")
QUANTIFIERS = words("quantifiers")
TIME_WORDS = words("time_words")
APPROXIMATORS = words("approximators")
ING_NOUNS = words("ing_nouns")
TITLE_SMALL_WORDS = words("title_small_words")
IRREGULAR_PLURALS = words("irregular_plurals")
COLLECTIVE_NOUNS = words("collective_nouns")

# ---- names
TITLES = words("titles")
PEERAGES = words("peerages")
TITLE_ABBREVIATIONS = words("title_abbreviations")
ROLE_ABBREVIATIONS = words("role_abbreviations")
# "Sen" -> ("senator",): the role nouns a title abbreviation stands for
TITLE_NOUNS = {forms[0]: tuple(forms[1:]) for forms in ([f.strip() for f in line.split("|")]
                                                        for line in LISTS["title_nouns"].entries)}
MALE_TITLES = words("male_titles")
FEMALE_TITLES = words("female_titles")
PERSONAL_TITLES = MALE_TITLES | FEMALE_TITLES   # titles that say a person ("Mr", "Lady"), never a firm
HONORIFICS = words("honorifics")
SUFFIXES = words("name_suffixes")
PARTICLES = words("name_particles")
COMPOUND_HEADS = words("compound_heads")
NAME_CONNECTORS = PARTICLES | words("name_connectors")
DAYS = words("days")
MONTHS = words("months")
DATE_WORDS = words("date_words")
OPENING_ADVERBS = words("opening_adverbs")
OPENING_VERBS = words("opening_verbs")
NOT_NAME = (words("not_name") | OPENING_VERBS | DAYS | MONTHS | words("months_also_names") | words("date_abbreviations")
            | DATE_WORDS | OPENING_ADVERBS)
TRAILING_DATES = DAYS | MONTHS | DATE_WORDS       # a date after a name is not part of it
OPENERS = words("openers")
ADJECTIVES = words("person_adjectives")
NATIONALITIES = words("nationalities")
DEMONYMS = NATIONALITIES | words("demonyms")    # "the American", "the Spaniard": a person of a nation
ING_NAMES = words("ing_names")
MALE_NAMES = words("male_names")
FEMALE_NAMES = words("female_names")
UNISEX_NAMES = words("unisex_names")

# ---- roles
OFFICE_NOUNS = words("office_nouns")
ROLE_NOUNS = OFFICE_NOUNS | words("occupation_nouns")
ROLE_END = words("role_end")
PERSON_NOUNS = words("person_nouns")
MALE_NOUNS = words("male_nouns")
FEMALE_NOUNS = words("female_nouns")
KIN_NOUNS = words("kin_nouns")
ORG_KINDS = words("org_kinds")
PUBLICATION_NOUNS = words("publication_nouns")
DOCUMENT_NOUNS = words("document_nouns")
SOURCE_NOUNS = words("source_nouns")

# ---- organisations
PLACE_WORDS = words("place_words")
ORG_WORDS = words("org_words") | PLACE_WORDS
ORG_HEADS = words("org_heads")
FIRM_TAILS = words("firm_tails")

# ---- media
MEDIA: dict[str, tuple[str, ...]] = {
    forms[0]: tuple(forms[1:])
    for forms in ([f.strip() for f in line.split("|")] for line in LISTS["media"].entries)}
MEDIA_HEADS = words("media_heads")

# ---- the sentence splitter
ABBREVIATIONS = words("abbreviations")
AMBIGUOUS_ABBREVIATIONS = words("ambiguous_abbreviations")


def _countries() -> frozenset[str]:
    """Country names from ISO 3166 (pycountry): the name, the common name and the official name
    ("Peru", "Republic of Peru"), those without commas or brackets ("Korea, Republic of")."""
    import pycountry
    out = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v and "," not in v and "(" not in v:
                out.add(v)
    return frozenset(out)


# A country that speaks is its government (an organisation); a he/she never refers to one.
COUNTRIES = _countries()
