"""Name words as the entity table compares and shows them: a run cleaned of its "(R-Utah)", inner
possessive and nickname (`clean_run`), the title abbreviation or "<Word> of" before it (`title_before`,
`of_before`), the words that identify a person (`name_words`), a word's comparison key (`key`) and the
display form (`clean_display`, "Charles B. Rangel")."""
from __future__ import annotations

import functools
import re

from ..lexicon import SUFFIXES, TITLES
from ..text import fold, words_back


_SPACED_INITIAL = re.compile(r"^([A-ZÀ-Þ]) ?\.$")


def clean_display(words: tuple[str, ...]) -> str:
    """Words joined, an initial written "B." whatever the spacing, no marks or brackets left."""
    out: list[str] = []
    for w in words:
        w = w.strip("()\"“”")
        if w == "." and out:
            out[-1] += "."                     # "B ." -> "B."
        elif w:
            out.append(_SPACED_INITIAL.sub(r"\1.", w) if " ." in w else w)   # (only "B ." changes)
    return " ".join(out)


@functools.lru_cache(maxsize=1 << 16)
def key(word: str) -> str:
    """A word as entities compare it: folded, one kind of apostrophe, no final full stop, no
    possessive mark after an s ("Motors'" is "Motors")."""
    k = fold(word).replace("’", "'").rstrip(".")
    return k[:-1] if k.endswith("s'") else k


def name_words(words: tuple[str, ...]) -> list[str]:
    """The words that identify a person: no initials, no suffix at the end ("Jr.", "III")."""
    return list(_name_words(words))        # (a new list each time: the same words are asked again and again)


@functools.lru_cache(maxsize=1 << 14)
def _name_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """name_words, remembered (pure)."""
    names = [w for w in words if len(w.replace(" ", "").rstrip(".")) > 1]   # (is_initial, inline: asked often)
    while len(names) > 2 and names[-1].rstrip(".").lower() in SUFFIXES:
        names.pop()
    return tuple(names)


def is_initial(word: str) -> bool:
    """"J.", "J", "B ." -- a one-letter initial (or the full stop of one, written apart)."""
    return len(word.replace(" ", "").rstrip(".")) <= 1


_PAREN_TAG = re.compile(r"\s*\([^()]*\)$")          # "Jason Chaffetz (R-Utah)" -> the name
_POSSESSIVE_INSIDE = re.compile(r"(\S)['’]s\s+\S")


# a nickname in single marks inside a run, a word with white space on both sides: Ali 'Bo' Demir
_SINGLE_NICK = re.compile(r"\s+['‘]([A-Z][\w-]+)['’](?=\s)")


def clean_run(surface: str) -> tuple[str, list[str]]:
    """A run without a trailing "(R-Utah)", cut at a possessive inside it ("Tim Kaine's Senate"
    -> "Tim Kaine"), and its nickname in marks taken out: (surface, nicknames)."""
    if surface[-1] == ")":
        surface = _PAREN_TAG.sub("", surface)
    if "s " in surface:
        cut = _POSSESSIVE_INSIDE.search(surface)
        if cut:
            surface = surface[:cut.start() + len(cut.group(1))]
    nick: list[str] = []
    if '"' in surface or "“" in surface:
        nick = re.findall(r"[\"“]([^\"“”]+)[\"”]", surface)
        surface = re.sub(r"\s*[\"“][^\"“”]+[\"”]", "", surface)
    if " '" in surface or " ‘" in surface:
        nick += _SINGLE_NICK.findall(surface)           # Ali 'Bo' Demir
        surface = _SINGLE_NICK.sub("", surface)
    return surface, nick


def title_before(before: str) -> str:
    """A title abbreviation right before a run ("Rep. ", "Mrs. "), which NAME_RUN leaves out of it;
    "" when there is none."""
    if not before[-1:].isspace():
        return ""
    last = before[-10:].split()[-1:]
    word = last[0][:-1] if last and last[0].endswith(".") else ""
    return word if word in TITLES else ""


# "Secretary of ", "Chancellor of the ", "according to ", "Office of Management and " (5 words at most)
OF_BEFORE = re.compile(r"\b[A-Za-z][\w'’-]*\s+(?:of|to|for)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+(?:and|of)\s+)?$")
_OF_END = re.compile(r"(?:of|to|for)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+(?:and|of)\s+)?$")     # how OF_BEFORE ends


def of_before(before: str) -> bool:
    """Whether OF_BEFORE finds "<Word> of" in the 80 characters before a run: after a test of how they end
    (re tries a pattern that opens with a word at every character), from their fifth word from the end."""
    return _OF_END.search(before[-80:]) is not None and OF_BEFORE.search(before[-80:], words_back(before[-80:], 5)) is not None
