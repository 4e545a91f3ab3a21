"""Names without a tagger: split a capitalised run into role and name words, and tell people
from organisations, places and sentence openers.

`split_name` is the name parser of the extractor: "Treasury Secretary James Baker" -> role
("Treasury", "Secretary"), name ("James", "Baker"). `NAME_RUN` finds the capitalised runs of an
article; `gender_of` and `PRONOUNS` give the agreement features pronoun resolution needs.
"""
from __future__ import annotations

import functools
import re
from typing import Optional

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..lexicon import (ABBREVIATIONS, ADJECTIVES, COMPOUND_HEADS, CUE_WORDS, DEMONYMS, FEMALE_NAMES, FEMALE_TITLES,
                       FIRM_TAILS, ING_NAMES, MALE_NAMES, MALE_TITLES, NAME_CONNECTORS, NATIONALITIES, NOT_NAME,
                       OFFICE_NOUNS, OPENERS, OPENING_VERBS, ORG_HEADS, ORG_KINDS, ORG_WORDS, PARTICLES, PERSON_NOUNS,
                       PLACE_WORDS, ROLE_ABBREVIATIONS, ROLE_END, ROLE_NOUNS, SUFFIXES, TITLES, TITLE_ABBREVIATIONS,
                       TRAILING_DATES, UNISEX_NAMES)
from ..text import COMBINING, MOJIBAKE_TAILS, class_ranges, irregular_plural, words_back
from .media import canonical
from .namekeys import of_before


def is_participle(word: str) -> bool:
    """A capitalised -ing word opening a participle clause ("Addressing", "Adding"), not a name."""
    return (len(word) >= 6 and word.endswith("ing") and word[:1].isupper() and word[1:].islower()
            and word not in ING_NAMES and not first_name(word))


# Before a run: "Secretary of ", "Chancellor of the ", "manager for ", "Office of Management and " (5 words at most)
# (a look at the word before "of"/"to"/"for" first, before the many nouns are tried one by one)
OFFICE_BEFORE = re.compile(
    r"\b(?=[\w-]+\s+(?:of|to|for)\s)(?:" + "|".join(sorted(ROLE_NOUNS, key=len, reverse=True)) +
    r"|Secretary|Minister|Office|Department|Ministry)s?\s+(of|to|for)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+(?:and|of)\s+)?$",
    re.IGNORECASE)

_AGENT_NOUN = re.compile(r"[A-Z][a-z]{2,}(?:er|or|ist)$")


def _office_before(before: str) -> bool:
    """OFFICE_BEFORE.search(before[-80:]) for "of"/"to", after a test of the word it must end with (most texts
    before a name end otherwise), from its fifth word from the end (the search is slow at every word)."""
    if not before.rstrip()[-3:].lower().endswith(("of", "to", "the", "and")):
        return False
    m = OFFICE_BEFORE.search(before[-80:], words_back(before[-80:], 5))
    return m is not None and m.group(1).lower() != "for"    # ("MP for Leeds and North Hull": a seat)


def gender_of(words: tuple[str, ...], surface: str = "") -> Optional[str]:
    """"m", "f" or None for a name (from a title in the surface form or a listed first name)."""
    title = surface.split()[0].rstrip(".") if surface.split() else ""
    if title in MALE_TITLES:
        return "m"
    if title in FEMALE_TITLES:
        return "f"
    if len(words) >= 2:
        first = words[0]
        if first in MALE_NAMES:
            return "m"
        if first in FEMALE_NAMES:
            return "f"
    return None


def is_person_description(np: str) -> bool:
    """"the 23-year-old", "the Italian coach", "the former senator": a description of a person."""
    words = np.split()
    if len(words) < 2 or len(words) > 4 or words[0].lower() != "the":
        return False
    head = words[-1].lower()
    return head in PERSON_NOUNS or head.endswith("-year-old")


PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "they": "p", "it": "n", "we": "p",
            "i": "1", "me": "1", "us": "p", "you": "2"}

# name particles and connectors, and "St." inside a name ("Georges St. Pierre")
# an organisation's head word and its plural: "Bank", "Chambers", "Societies"
ORG_HEAD_FORMS = frozenset(ORG_HEADS) | {h[:-1] + "ies" if h.endswith("y") else h + "s" for h in ORG_HEADS}
_CONNECT = (r"(?:" + "|".join(sorted(NAME_CONNECTORS, key=len, reverse=True)) + r"|St\.?"
            # "of", "on", "for" (and "the") after the head of an organisation's name: "Association
            # of Flight Attendants", "Commission on Presidential Debates", "Bank of England"
            # (and after its plural: "British Chambers of Commerce"); a look at "o"/"fo" first spares the
            # look-behinds, one for each length of head word (faster than one for each word)
            + r"|(?=o[fn]|fo)(?:" + "|".join(rf"(?<=\b(?:{'|'.join(sorted(h for h in ORG_HEAD_FORMS if len(h) == n))}) )"
                                             for n in sorted({len(h) for h in ORG_HEAD_FORMS})) + r")(?:of|on|for)(?: the|))")

# Capital and small letters of the Latin, Greek and Cyrillic scripts, accented Latin Extended too ("Łukasz",
# "Nguyễn"); small ones also the Latin-1 bytes of UTF-8 read wrongly ("FranÃ§ois"), as character-class contents.
_LETTERS = [chr(c) for c in [*range(0x41, 0x530), *range(0x1E00, 0x1F00)]]
# (as ranges, "A-Z": NAME_RUN holds these classes some sixty times, and compiles faster at every import)
_UP = class_ranges([c for c in _LETTERS if c.isupper() and c.isalpha()])
_LOW = (class_ranges([c for c in _LETTERS if c.islower() and c.isalpha()]) + "".join(map(chr, MOJIBAKE_TAILS))
        + COMBINING)
# "Australian-born", "Leeds-based" (lexicon.COMPOUND_HEADS) describe someone: no name word
_COMPOUND_HEADS = r"(?:" + "|".join(sorted(COMPOUND_HEADS)) + r")\b"
# One name word: an initial ("J.", "J.K.", "B ." as some texts space it), a word with capitals inside
# ("DuVernay", "MacDougall"), a word with an apostrophe or hyphens ("O'Neill", "Ki-moon"), or an acronym.
# (_TAIL: what follows its first capital, each alternative of _WORD without its leading [{_UP}]; "(?:X|)"
# for "(?:X)?", "X(?:X)*" for "(?:X)+": re sets up no repeat for them, most words not having them)
_HYPHENED = rf"-(?!{_COMPOUND_HEADS})(?:[{_UP}]['’][{_UP}][{_LOW}]+|[{_UP}]?[{_LOW}]+)"
_TAIL = (rf"(?:\.(?:[{_UP}]\.){{0,2}}(?=\s)| \.(?=\s)"
         rf"|[{_LOW}]++[{_UP}][{_LOW}]+(?:[{_UP}][{_LOW}]+)*(?:['’]s|)"
         rf"|[{_LOW}]*(?:['’][{_UP}]?[{_LOW}]+|)(?:{_HYPHENED}(?:{_HYPHENED})*|)"
         rf"(?:['’](?:s|(?<=s.)(?![\w'’]))|)"          # "Gervais' new show": a bare possessive mark after an s
         rf"|[{_UP}]+)")
_WORD = rf"[{_UP}]{_TAIL}"
# a surname with a joined particle inside a run: Abdel Omar al-Fassi, Valery d'Estaing
_PARTICLE_WORD = (r"(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + r")"
                  rf"(?:-|['’])[{_UP}][{_LOW}]+(?:['’][{_LOW}]+)?(?:['’]s)?")   # (an apostrophe inside: al-Rifa'i)
# a nickname in marks between the words of a name: Robert C. "Bobby" Scott, Ali 'Bo' Demir
# (or two, an article, capitals, a stray space: Jim "the Storm " Whyte, Anton "LB" Reade)
_NICK = rf"(?:[\"“](?:the )?[{_UP}][{_UP}{_LOW}]+(?: [{_UP}][{_LOW}]+)? ?[\"”]|['‘][{_UP}][{_UP}{_LOW}]+['’])"

# white space inside a name: a hard line wrap is fine, a blank line (new paragraph) is not
_GAP = r"(?:[ \t\u00a0]+\n?[ \t\u00a0]*|\n[ \t\u00a0]*)"

# A run of capitalised words, allowing name particles (two: "Cor van der Klugt"), a nickname in marks
# and a pair of parentheses round a first name ("(Kalidou) Koulibaly", "(referee Marco) Guida").
# (It opens with the class of its first character, a capital or "(", so that re skips fast to where a
# run can start (a pattern opening with a look-around is tried at every position); the look-behind,
# two wide, then reads the character before it, and which one it was picks "(" word ")" or word. After
# white space, a look at the next character first: most runs end at a word no name goes on with.)
_GOES_ON = "".join(sorted({w[0] for w in NAME_CONNECTORS | PARTICLES} | set("Sof")))   # a connector's first letter
NAME_RUN = re.compile(
    rf"[({_UP}](?<![\w'’-].)(?:(?<!\(){_TAIL}\)?|(?<=\()[{_UP}]{_TAIL}\))"
    rf"(?:{_GAP}(?=[(\"“'‘{_UP}{_GOES_ON}])(?:{_CONNECT}{_GAP}(?:{_CONNECT}{_GAP}|)|{_NICK}{_GAP}|)"
    rf"(?:\({_WORD}\)|{_WORD}\)?|{_PARTICLE_WORD}))*(?![\w'’])")

POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")


def clean_words(surface: str, before: str = "", caps: bool = False) -> tuple[str, ...]:
    """The words of a name mention without parentheses, titles, roles or a possessive ending."""
    return split_name(surface, before, caps)[1]


def _mid_sentence(before: str) -> bool:
    """Whether the text before a run ends inside a sentence (after a lower-case word or a comma)."""
    tail = before.rstrip()
    if tail[-1:] in ('"', "”", "’", "'"):
        tail = tail.rstrip("\"”’' ")              # '"...," Will Norton said': after the quote's comma
    return bool(tail) and (tail[-1] == "," or tail[-1].isalpha() and tail[-1].islower())


# a capitalised compound of lower-case words is a label, not a name: "Man-of-the-match", "Player-of-the-year"
_COMPOUND_LABEL = re.compile(r"^[A-Z][a-z]+(?:-[a-z]+){2,}$")


def split_name(surface: str, before: str = "", caps: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(role words, name words) of a capitalised run: "Treasury Secretary James Baker" ->
    (("Treasury", "Secretary"), ("James", "Baker")).

    `before` is the text just before the run; "Secretary of " before "Commerce Malcolm Baldrige"
    says the leading words name a department, not the person. With `caps`, an all-caps name of
    two or more words ("HILLARY CLINTON:", a transcript label) comes back in title case.

    Long on purpose: the steps peel words off the run in a fixed order.
    """
    words = [w.strip("()") for w in surface.split()] if "(" in surface or ")" in surface else surface.split()
    if "'" in surface or "’" in surface:         # (most runs: no possessive mark to take off)
        words = [POSSESSIVE.sub("", w) if w.endswith(("'s", "’s", "s'", "s’")) and not irregular_plural(w) else w
                 for w in words if w]
    words = [w for w in words if w]
    role: list[str] = []
    # An all-caps name ("HILLARY CLINTON", a transcript label) is the same name in title case;
    # short all-caps words stay (initials, "JR", an acronym inside a longer name).
    # Only when the first word is a known first name: an all-caps headline ("IOWA POLLS") must
    # not turn into something that looks like a person.
    if caps and len(words) >= 2 and all(w.isupper() and len(w.rstrip(".")) > 2 for w in words) \
            and first_name(title_case(words[0])):
        words = [title_case(w) for w in words]
    # a date after a name is not part of it: "Netflix Friday", "Ada Park Tuesday"
    # ("Mike Friday" stays: what is left would be a bare first name)
    while len(words) > 1 and words[-1] in TRAILING_DATES and not (len(words) == 2 and first_name(words[0])):
        words.pop()
    # "General Motors (Corp)": a firm's name, its first word no title
    firm = bool(words) and (words[-1] in FIRM_TAILS or len(words) >= 2 and words[0] in TITLES
                            and words[0] not in MALE_TITLES and words[0] not in FEMALE_TITLES
                            and not first_name(words[1]) and words[-1] in ORG_WORDS)
    while len(words) > 1 and not firm and (words[0].rstrip(".") in TITLES or words[0].rsplit("-", 1)[-1] in TITLES
                              or words[0].rstrip(".") in TITLE_ABBREVIATIONS and words[0] not in ("St", "Jr", "Sr")
                              or "-" in words[0] and _COMPOUND_LABEL.match(words[0])     # "Man-of-the-match Duffy"
                              or words[0][-1:] == "s" and words[0][:-1].rsplit("-", 1)[-1] in TITLES   # "Vice-Premiers"
                              and len(words) > 2
                              or words[0] in NOT_NAME and not first_name(words[0])
                              and not (words[0] in OPENING_VERBS and _mid_sentence(before))
                              or words[0] in OPENERS or is_role_noun(words[0])
                              or words[0].lower() in CUE_WORDS and not words[0].endswith("ing")   # "Continued Lee:"
                              and not first_name(words[0])
                              or qualifier(words[0], words[1:])):
        role.append(words.pop(0))
    # "Addressing Argentine fans, ..." / "Adding that ...": a participle opens a clause, and
    # what it governs up to a name is not the speaker; dropped, not kept as role
    # (a lone -ing word may be a surname, "Ebeling": the extractor judges that with the article)
    # ("Housing Minister Kit Hale", "Building Society": a noun before a title or an organisation
    # word is no participle)
    if len(words) >= 2 and is_participle(words[0]) and not before.endswith(("of ", "for ")) \
            and not (words[1].rstrip(".") in TITLES or is_role_noun(words[1])
                                                             or words[1] in ORG_WORDS and words[1] not in NATIONALITIES
                     or words[1] in ADJECTIVES and looks_like_person(tuple(words[2:]))):   # "Ranking Democrat Ann Vole"
        words = []
    if words and not firm and (words[0].rstrip(".") in TITLES or words[0] in NOT_NAME and not (len(words) > 1 and first_name(words[0]))
                  and not (len(words) > 1 and words[0] in OPENING_VERBS and _mid_sentence(before))
                  or words[0] in OPENERS or is_role_noun(words[0])):
        role.append(words.pop(0))                   # a lone "The" or "Former" is no name at all
    # a capitalised role ends at its last role word: "White House Press Secretary Josh Earnest",
    # "Finance Minster Gerhard Stoltenberg" (a one-letter slip in the role noun still counts);
    # a suffix is not the name ("Martin Luther King Jr": King is the surname)
    last = len(words) - 2 - (len(words) > 2 and words[-1].rstrip(".").lower() in SUFFIXES)
    # ("Senate Intelligence Ranking Democrat Ann Vole": a party word before a person's name ends it too)
    for j in range(-1 if firm else last, -1, -1):         # (a firm's name has no role in it)
        if words[j].rstrip(".") in TITLES or is_role_noun(words[j]) \
                or j and words[j] in ADJECTIVES and looks_like_person(tuple(words[j + 1:])):
            role.extend(words[: j + 1])
            words = words[j + 1:]
            break
    # "Goalscorer Jim Hale", "New Yorker Dick Vole": a capitalised noun for one who does something
    # (or comes from somewhere) right before a known first name is a role no list holds
    at = next((i for i in range(1, len(words) - 1) if first_name(words[i])), None) \
        if len(words) >= 3 and not firm and not first_name(words[0]) else None
    if at and _AGENT_NOUN.match(words[at - 1]) and words[at - 1] not in ORG_WORDS and looks_like_person(tuple(words[at:])):
        role.extend(words[:at])
        words = words[at:]
    # "Secretary of Commerce Malcolm Baldrige", "Chancellor of the Exchequer Nigel Lawson": after
    # "<role noun> of (the)", the capitalised words up to the person's first name are the office.
    # Any capitalised "<Word> of" will do when a known first name shows where the person starts
    # ("Security of State Hillary Clinton", a misprint); otherwise a role noun must say so.
    if len(words) >= 3 and before.rstrip().endswith(("of", "to", "for", "the", "and")) and of_before(before):
        keep = next((i for i in range(1, len(words) - 1) if first_name(words[i])), None)
        if keep is None and OFFICE_BEFORE.search(before[-80:], words_back(before[-80:], 5)) and looks_like_person(tuple(words[-2:])):
            keep = len(words) - 2             # not "of the Washington Restaurant Association"
        if keep:
            role.extend(words[:keep])
            words = words[keep:]
    elif len(words) == 2 and not first_name(words[0]) and words[1] not in ORG_WORDS and not role \
            and _office_before(before):             # (not "consultant to Sir Clive Woodward")
        role.append(words.pop(0))             # "Minister of Mines and Energy Subroto": one name
    # "ACME Philippe Camarra", "Green MSP Mark Ballard": an acronym (a firm, a post), then a person's
    # known first name and surname (when it is not known, the acronym must come right before two words)
    k = next((i for i in range(len(words) - 3, -1, -1) if words[i].isupper() and len(words[i]) > 1
              and "." not in words[i]), None) if len(words) >= 3 else None
    if k is not None:
        cut = next((i for i in range(k + 1, len(words) - 1) if first_name(words[i])),
                   k + 1 if k == len(words) - 3 else 0)
        if cut and looks_like_person(tuple(words[cut:])) and not org_like(tuple(words[cut:])):
            role.extend(words[:cut])
            words = words[cut:]
    # "National Review Ian Tuttle": organisation words, then a known first name and a surname
    # (or, in a long run, four words or more before a known first name and one surname: "Harbour
    # Lynch Capital Markets Mario Vallet")
    long_run = len(words) >= 6 and first_name(words[-2]) and not any(w.lower() in PARTICLES for w in words)
    if len(words) >= 3 and any(w in ORG_WORDS for w in words[:-2]) or long_run:
        first = next((i for i in range(1, len(words) - 1) if first_name(words[i])
                      and not any(w in ORG_WORDS for w in words[i:])), None) if not long_run else len(words) - 2
        if first:
            role.extend(words[:first])
            words = words[first:]
    # "Paul Boa MP", "Ann Lee QC": letters after a full name are no part of it ("Ivo Gallo III" is)
    # (any name before the letters of an office, "Ivo Dane MP", though no list knows "Ivo"; not
    # after "the": "the Kell Vale MP" is a seat's)
    if len(words) >= 3 and words[-1].isupper() and 2 <= len(words[-1]) <= 4 and words[-1].lower() not in SUFFIXES \
            and (first_name(words[0]) or words[-1].lower() in ROLE_END and before[-4:].lower() != "the ") \
            and looks_like_person(tuple(words[:-1])):
        role.append(words.pop())
    # "Indiana Gov." (the name follows after the full stop): a role, no name
    if len(words) >= 2 and (words[-1].rstrip(".") in ROLE_ABBREVIATIONS or words[-1].lower() in ROLE_END):
        role.extend(words)
        words = []
    # a title written without its full stop ("Mr Blair", "Dr Lee") stays: it gives the gender
    return tuple(w for w in role if w not in NOT_NAME or w in TITLES) if role else (), tuple(words)


def title_case(word: str) -> str:
    """"CLINTON" -> "Clinton", "O'NEIL" -> "O'Neil", "HOLDEN-BROWN" -> "Holden-Brown"."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group()[0] + m.group()[1:].lower(), word)


def first_name(word: str, _names: frozenset = MALE_NAMES | FEMALE_NAMES | UNISEX_NAMES) -> bool:   # (one look-up)
    """A word the hand-written first-name lists know."""
    return word in _names


def qualifier(word: str, rest: list[str]) -> bool:
    """An adjective before a name: "Billionaire Donald Trump", "Democrat Clinton"; a nationality
    or "Real" only before a full name ("American Express", "Real Madrid" stay whole), and never
    before an organisation ("Republican National Committee")."""
    if word in ADJECTIVES and len(rest) == 1 and rest[0] not in ORG_WORDS and rest[0] not in NOT_NAME:
        return True
    return (word in ADJECTIVES or word in NATIONALITIES or word == "Real") and looks_like_person(tuple(rest))


# Long role nouns that reporters misspell; one slip still makes them a role ("Secertary").
# Only office words slip-match: "surgeon" is one letter from "Sturgeon", a surname.
SLIP_ROLES = frozenset(r for r in ROLE_NOUNS if len(r) >= 7 and r in OFFICE_NOUNS) - {"marshal", "justice"}
_SLIP_ROLES = sorted(SLIP_ROLES)          # (rapidfuzz's extractOne compares them in C, in a fixed order)


@functools.lru_cache(maxsize=1 << 16)          # (asked of every capitalised word, again and again)
def is_role_noun(word: str) -> bool:
    """A role noun, or a word one letter-slip away from a long one ("Secertary", "Minster")."""
    w = word.rstrip(".").lower()
    if w in ROLE_NOUNS or "-" in w and w.rsplit("-", 1)[1] in ROLE_NOUNS and len(w.rsplit("-", 1)[0]) <= 6:
        return True                    # (and "co-chairman", "vice-president", "ex-minister")
    if len(w) < 7 or not word[:1].isupper():
        return False
    # OSA counts a swap of two neighbouring letters as one edit ("Secertary")
    return not first_name(word) and process.extractOne(w, _SLIP_ROLES, scorer=OSA.distance, score_cutoff=1) is not None


def initials(words) -> str:
    """The capital letters an acronym of these name words would have ("UK Independence Party" ->
    "UKIP"; small words and "The" left out)."""
    return "".join([w if w.isupper() else w[0] for w in words if w[:1].isupper() and w != "The"])


def org_headed(words) -> bool:
    """Whether an organisation's head word (or its plural) comes before of/on/for in these words:
    "Chambers of Commerce", "Commission on Debates"."""
    return any(nxt in ("of", "on", "for") and w in ORG_HEAD_FORMS for w, nxt in zip(words, words[1:]))


_COMPASS = frozenset({"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central",
                      "Northeast", "Northwest", "Southeast", "Southwest", "Latin", "and", "US", "UK"})


def nation_only(words: tuple[str, ...]) -> bool:
    """Words of a nation as an adjective or for its people ("Japanese", "West German", "Latin
    American", "Americans", "U.S. and Canadian"): no one of the article, whatever noun follows."""
    nation = False
    for w in words:
        bare = w[:-1] if w.endswith("s") and w[:-1] in DEMONYMS else w
        if bare in DEMONYMS:
            nation = True
        elif w.replace(".", "") not in _COMPASS:
            return False
    return nation


_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")


def initials_only(word: str) -> bool:
    """A person's initials ("A.W."), not a place's abbreviation ("U.S.", "N.Y.")."""
    return _INITIALS.fullmatch(word) is not None and word.lower().rstrip(".") not in ABBREVIATIONS


@functools.lru_cache(maxsize=1 << 14)          # (pure, and asked of the same words again and again)
def looks_like_person(words: tuple[str, ...]) -> bool:
    """A guess without a tagger: 2-4 capitalised words none of which is an org/place word (a
    suffix last is no acronym: "Brent Vole III", nor are initials: "A.W. Tallis")."""
    last = len(words) - 1
    if not words or any(w in ORG_WORDS or w.isupper() and len(w.rstrip(".")) > 1 and not initials_only(w)
                        and not (i == last and w.rstrip(".").lower() in SUFFIXES) for i, w in enumerate(words)) \
            or org_headed(words) or any(w[:1].islower() and re.split("[-'’]", w)[0] not in PARTICLES for w in words) \
            or len(words[-1]) > 4 and words[-1].endswith("s") and is_role_noun(words[-1][:-1]):
        return False                   # ("J." is an initial; "of Banks", "Harbour Support Officers" are no one)
    return 2 <= len(words) <= 4


# ---- organisations, and split_name remembered

@functools.lru_cache(maxsize=1 << 14)          # (pure, and asked of the same words again and again)
def org_like(words: tuple[str, ...]) -> bool:
    """Words that name an organisation: a medium, an organisation word, a firm's last word."""
    name = " ".join(words)
    if canonical(name):
        return True
    if words[-1] in FIRM_TAILS or words[0] in ORG_HEADS or org_headed(words) or "&" in words:
        return True                            # (and "Marsh & Lennan": two names joined by "&" are a firm's)
    if first_name(words[0]) and len(words) <= 3 and (words[-1] not in ORG_WORDS or words[-1] in PLACE_WORDS):
        return False                           # "George Washington", "Ivo German", "Jeremy Paris"
    # "Harbour Coalition", "Harbour Foundation": a kind of organisation as the last word
    return any(w in ORG_WORDS for w in words) or len(words) > 1 and words[-1].lower() in ORG_KINDS


_SPLITS: dict[tuple[str, str], tuple] = {}


def split_cached(surface: str, before: str) -> tuple:
    """split_name, remembered: the same names come back again and again. The text before only
    matters after "<Word> of" ("Secretary of Commerce Malcolm Baldrige")."""
    tail = before[-8:].rstrip()
    of = tail.endswith(("of", "to", "for", "the", "and")) and of_before(before)
    first = surface.split(None, 1)[:1]
    if not of and first and first[0] in OPENING_VERBS and _mid_sentence(before):
        k = (surface, " ,")                   # "is Will Tarrant": what matters is that it is mid-sentence
    else:
        k = (surface, before[-80:] if of else "")
    got = _SPLITS.get(k)
    if got is None:
        got = split_name(*k)
        if len(_SPLITS) < 50_000:
            _SPLITS[k] = got
    return got
