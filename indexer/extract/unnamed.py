"""Unnamed people: the ones an article speaks of without a name ("a Western banker", "the
official", "his spokesman", "the unidentified delegate").

News writing keeps a source unnamed on purpose, then goes on with "the banker said" and "he
added". Salience must see these people as candidates, or a pronoun after them goes to the last
named person. `unnamed_mentions` finds, in one paragraph, the singular noun phrases headed by a
person noun with a determiner ("a", "one", "another", "the", "his", "Mr Lee's"), leaving out
those that are a named person's title or apposition ("spokesman Ivo Lund", "Ivo Lund, a
spokesman, said", "the spokesman, Ivo Lund,") and predicates ("Lee is a banker").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..lexicon import (CLAUSE_WORDS, CUE_WORDS, FEMALE_NOUNS, MALE_NOUNS, NOT_NAME, PERSON_NOUNS, PREPOSITIONS,
                       ROLE_NOUNS, SOURCE_NOUNS, TITLES)
from ..text import word_starts

INDEFINITE = frozenset({"a", "an", "one", "another"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their"})
UNNAMED_WORDS = frozenset({"unidentified", "unnamed", "anonymous"})
# the word before the determiner that makes the phrase a predicate, not a person who acts
_PREDICATE = frozenset({"is", "was", "are", "were", "be", "been", "being", "became", "become", "becomes", "as",
                        "like", "than", "named", "appointed", "hired"})
_HEADS = frozenset(SOURCE_NOUNS | ROLE_NOUNS | PERSON_NOUNS)
# the heads of one word as UTF-8, and a table that turns every byte but a-z into a space: the
# pieces of a paragraph split there hold every head that stands in it as a word ("co-worker" holds
# "worker": more heads than stand there alone, which `_head_spans` then does not find)
_WORD_HEADS = frozenset(h.encode() for h in _HEADS if h.isascii() and h.isalpha())
_OTHER_HEADS = tuple(h for h in _HEADS if not (h.isascii() and h.isalpha()))   # "scrum-half", "full-back"
_OTHER_MARKS = frozenset(next(c for c in h if not "a" <= c <= "z") for h in _OTHER_HEADS)   # "-": one of each
_LETTERS_ONLY = bytes(c if 0x61 <= c <= 0x7A else 0x20 for c in range(256))
_WORD = re.compile(r"[\w'’.-]+|[^\w\s]")
# a name right after the head: "spokesman Ivo Lund", "the spokesman, Ivo Lund,", "a spokesman for
# the firm, Ivo Lund,"
_NAME_AFTER = re.compile(r"(?:\s+(?:for|of|at|with|from)\s+[^,.;:\"“”]{1,60}?,|,)?[ \t]+([A-Z][\w'’.-]*)")
# a full name (or a title and a name), perhaps an age, and a comma right before the determiner: an
# apposition ("Ivo Lund, 39, a Leeds man")
_NAME_BEFORE = re.compile(r"[A-Z][\w'’.-]*\s+[A-Z][\w'’.-]*\s*(?:\([^()]{0,40}\)\s*)?,\s*(?:\d{1,3},\s*)?$")
MODIFIERS_MAX = 4


@dataclass(frozen=True)
class Unnamed:
    """One mention of an unnamed person: where, its head noun, its determiner's kind
    ("indefinite", "definite", "possessive"), whether it says it is unnamed, and its gender."""

    start: int
    end: int
    head: str
    det: str
    unnamed: bool
    gender: Optional[str]


def unnamed_mentions(text: str, a: int, b: int) -> list[Unnamed]:
    """The unnamed-person mentions of text[a:b], in text order."""
    out = []
    # one alternation of every head noun is slow on every paragraph: look only for those present
    seg = text[a:b].lower()
    present = _present(seg)
    if not present:
        return out
    for hs, he in _head_spans(text, a, b, present, seg):
        head = text[hs:he].lower()
        if text[hs].isupper() and hs > a and text[hs - 1] == "\n":
            continue                                     # a heading or a byline, not a phrase
        got = _determiner(text, a, hs)
        if got is None:
            continue
        start, det, mods = got
        after = _NAME_AFTER.match(text, he, min(b, he + 40))
        if after and (after.group(1) not in NOT_NAME or after.group(1) in TITLES) \
                and not after.group(1).endswith(("'s", "’s")):
            continue                                     # "spokesman Ivo Lund": a title
        if _NAME_BEFORE.search(text, max(a, start - 80), start):
            continue                                     # "Ivo Lund, a spokesman for ...": his role
        out.append(Unnamed(start, he, head, det, bool(UNNAMED_WORDS & mods), head_gender(head)))
    return out


def _present(seg: str) -> set[str]:
    """The heads that may stand in a lower-cased paragraph as words: every one that does (a
    superset is enough: `_head_spans` reads each where it stands), found without re."""
    found = {h.decode() for h in _WORD_HEADS.intersection(seg.encode().translate(_LETTERS_ONLY).split())}
    if any(mark in seg for mark in _OTHER_MARKS):        # (most paragraphs: none of their marks)
        found.update(h for h in _OTHER_HEADS if h in seg)
    return found


def _head_spans(text: str, a: int, b: int, heads: set, seg: str) -> list[tuple[int, int]]:
    """Where these head nouns stand in text[a:b] (seg: it lower-cased) as whole words, in any case,
    in text order."""
    if len(seg) != b - a:                                # a letter whose lower case is longer: no offsets
        seg = "".join(c.lower() if len(c.lower()) == 1 else c for c in text[a:b])
    # ("co-worker", "worker's" are not "worker": a letter, a digit, _ ' ’ - on either side joins the word)
    return sorted((a + i, a + i + len(h)) for h in heads for i in word_starts(seg, h, "_'’-", "_'’-"))


def possessive(word: str) -> bool:
    """"his", "their", "Blair's", "minister's": a word that says whose."""
    return word.lower() in POSSESSIVE_PRONOUNS or word.endswith(("'s", "’s"))


def is_person_head(word: str) -> bool:
    """A noun that heads a phrase about a person ("official", "spokeswoman", "coach")."""
    return word in _HEADS


def head_gender(head: str) -> Optional[str]:
    """"m" for "spokesman" or "man", "f" for "spokeswoman" or "woman", else None."""
    return "m" if head in MALE_NOUNS or head == "man" else "f" if head in FEMALE_NOUNS or head == "woman" else None


def _determiner(text: str, a: int, head_start: int) -> Optional[tuple[int, str, frozenset]]:
    """(start, kind, modifier words) of the determiner a few words before a head noun, or None
    when there is none, or when the phrase is a predicate ("is a banker")."""
    # the words of the 80 characters before the head: those of the last 48 when seven stand there (the
    # loop reads the last six, and only the first of a window may be a piece of a word)
    lo = head_start - 80 if head_start - 80 > a else a      # (max(), without the call: once for each head)
    toks = list(_WORD.finditer(text, head_start - 48 if head_start - 48 > lo else lo, head_start))
    if len(toks) < MODIFIERS_MAX + 3 and head_start - 48 > lo:
        toks = list(_WORD.finditer(text, lo, head_start))
    mods = []
    for n in range(len(toks) - 1, max(-1, len(toks) - 2 - MODIFIERS_MAX), -1):
        word = toks[n].group()
        low = word.lower()
        if low in INDEFINITE or low == "the" or low in POSSESSIVE_PRONOUNS or low.endswith(("'s", "’s")):
            kind = ("indefinite" if low in INDEFINITE else "definite" if low == "the" else "possessive")
            start = toks[n].start()
            if low.endswith(("'s", "’s")) and n > 0 and toks[n - 1].group().lower() == "the":
                start = toks[n - 1].start()              # "the company's spokesman"
            elif n > 0 and toks[n - 1].group().lower() in _PREDICATE:
                return None
            return start, kind, frozenset(mods)
        if not word[0].isalnum() or low in CLAUSE_WORDS or low in PREPOSITIONS or low in CUE_WORDS:
            return None
        mods.append(low)
    return None
