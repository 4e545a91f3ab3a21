"""Text helpers shared by extraction, identities, the index and search: folding and name keys.

`fold` makes text case- and accent-insensitive; `name_tokens` and `name_key` reduce a person's
name to the folded words that identify them (honorifics, initials and suffixes dropped), so that
"Mr. George W. Bush" and "george bush" meet; `surname` keeps the particles of a surname ("van
persie"); `slugify` makes URL-safe ids.
"""
from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from typing import Iterator

from .lexicon import HONORIFICS, IRREGULAR_PLURALS, PARTICLES, SUFFIXES

# The second character of a two-byte UTF-8 letter read as Latin-1 ("Ã§" for "ç", "Ã±" for "ñ"):
# U+0080 to U+00BF, but the no-break space and the guillemets, which stand for themselves. (Some
# copy then decomposes the "Ã" too: "A", a combining tilde, "§".)
MOJIBAKE_TAILS = tuple(c for c in range(0x80, 0xC0) if c not in (0xA0, 0xAB, 0xBB))
COMBINING = "\u0300-\u036f"            # combining marks, a character-class range: "e\u0301" is "é" decomposed


def class_ranges(chars: list[str]) -> str:
    """Characters in code point order as class contents, a run of consecutive ones written "first-last"."""
    # (fewer items than one character each: a big class compiles faster)
    runs = [[c for _, c in g] for _, g in itertools.groupby(enumerate(chars), lambda ic: ord(ic[1]) - ic[0])]
    return "".join(r[0] + "-" + r[-1] if len(r) > 1 else r[0] for r in runs)


__all__ = ["COMBINING", "HONORIFICS", "MOJIBAKE_TAILS", "PARTICLES", "SUFFIXES", "class_ranges", "fold",
           "irregular_plural", "name_key", "name_tokens", "one_edit", "slugify", "surname", "word_starts",
           "words_back"]


def words_back(s: str, n: int) -> int:
    """The offset where the last n words of s (runs without white space) start; 0 when it has fewer."""
    at = len(s)
    for _ in range(n):
        head = s[:at].rstrip()
        at = len(head) - len(head.rsplit(None, 1)[-1]) if head else 0
    return at


def word_starts(text: str, word: str, before: str = "_", after: str = "_") -> Iterator[int]:
    r"""Where `word` stands in text as a word of its own: the starts that
    re.finditer(rf"(?<![\w{before}]){re.escape(word)}(?![\w{after}])", text) gives (\w a letter or a
    digit here; "_" by default, as in re), without compiling a pattern for each word."""
    i, n = text.find(word), len(word)
    while i >= 0:
        c = text[i - 1] if i else ""
        d = text[i + n:i + n + 1]
        if not (c.isalnum() or c and c in before) and not (d.isalnum() or d and d in after):
            yield i
            i = text.find(word, i + n)
        else:
            i = text.find(word, i + 1)


def irregular_plural(word: str) -> bool:
    """An irregular plural, with or without its possessive ("People's", "Children"): it owns no one,
    so "People's Daily" is one name."""
    return (word[:-2] if word.endswith(("'s", "’s")) else word) in IRREGULAR_PLURALS


# Letters that carry their "accent" in the glyph itself, so NFKD does not decompose them.
_UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "æ": "ae",
                               "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "ħ": "h"})


def fold(text: str) -> str:
    """Case- and accent-insensitive form of text: NFKD, combining marks dropped, casefolded."""
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


_NON_WORD = re.compile(r"[^\w\s-]+|_|(?<!\w)-|-(?!\w)")    # inner hyphens stay: "holden-brown"
_POSSESSIVE = re.compile(r"'s\b")


# Memoised: an update re-resolves every speaker name of the index (6,448 at 22,000 articles),
# asking for the tokens of each form several times; the answer is an immutable tuple.
@functools.lru_cache(maxsize=1 << 16)
def name_tokens(name: str) -> tuple[str, ...]:
    """The folded words of a name that identify the person (honorifics, initials, suffixes dropped)."""
    # "O'Neil" -> "oneil" (one word), "Holden-Brown" stays one word, "Torino's" -> "torino".
    t = _POSSESSIVE.sub("", fold(name).replace("’", "'")).replace("'", "")
    words = _NON_WORD.sub(" ", t).split()
    while words and words[0] in HONORIFICS and len(words) > 1:
        words = words[1:]
    while words and words[-1] in SUFFIXES and len(words) > 1:
        words = words[:-1]
    kept = [w for w in words if len(w) > 1 or len(words) == 1]
    return tuple(kept or words)


def name_key(name: str) -> str:
    """The folded key two spellings of one name share ("Sánchez" and "sanchez" -> "sanchez")."""
    return " ".join(name_tokens(name))


def surname(tokens: tuple[str, ...]) -> str:
    """The surname part of folded name tokens, particles included ("van persie")."""
    if not tokens:
        return ""
    i = len(tokens) - 1
    while i > 0 and tokens[i - 1] in PARTICLES:
        i -= 1
    return " ".join(tokens[i:])


def slugify(name: str) -> str:
    """A URL-safe ascii slug of a display name ("Simone Inzaghi" -> "simone-inzaghi")."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")
    return slug or "speaker"


def one_edit(a: str, b: str) -> bool:
    """True when a and b differ by at most one insertion, deletion or substitution."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]
