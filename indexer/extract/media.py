"""Outlets and media: tells "told DAZN" and "said on Fox News" from "told reporters".

The gazetteer (canonical name and other surface forms) is the `media` list of `indexer/lexicon`.
"""
from __future__ import annotations

import functools
import re
from typing import Optional

from ..lexicon import MEDIA, MEDIA_HEADS

_ALIAS: dict[str, str] = {}
for _canon, _aliases in MEDIA.items():
    for _form in (_canon,) + _aliases:
        _ALIAS[_form] = _canon
        _ALIAS[_form.lower()] = _canon if _form.lower() != _form else _canon

_THE = re.compile(r"^[Tt]he\s+")
_NAME = r"[A-Z0-9][\w&'’!.-]*"
_PHRASE = re.compile(rf"(?:[Tt]he\s+)?{_NAME}(?:\s+(?:&|and|of|the|dello|della|de|di|am|for|\d+|{_NAME}))*")


@functools.lru_cache(maxsize=1 << 14)
def canonical(name: str) -> Optional[str]:
    """The gazetteer's canonical name for an outlet or medium, or None when not a known one."""
    name = name.strip().rstrip(".,;:")
    if name in _ALIAS:
        return _ALIAS[name]
    bare = _THE.sub("", name) if name[:3] in ("The", "the") else name   # (most names: no article to drop)
    return _ALIAS.get(bare) or _ALIAS.get("The " + bare)


def _longest_medium(phrase: str) -> Optional[str]:
    """The medium named by the longest prefix of a capitalised phrase, or None."""
    words = [w.group() for w in re.finditer(r"\S+", phrase)]
    for k in range(len(words), 0, -1):
        cand = re.sub(r"(?:['’]s)?[.,;:]*$", "", " ".join(words[:k]))
        c = canonical(cand)
        if c:
            return c
        # an unlisted capitalised name ending in a media head word ("the Boston Globe")
        if k >= 2 and cand.split()[-1] in MEDIA_HEADS:
            return re.sub(r"^the\s+", "", cand)
    return None


# Where a quote was given: "told X", "said on X", "in an interview with X", "speaking to X", "wrote in X".
_MEDIUM_CUE = re.compile(
    r"\b(?:told|tells|telling|speaking\s+to|speaking\s+on|spoke\s+to|spoke\s+on|"
    r"(?:in\s+)?an?\s+(?:\w+\s+){0,2}?(?:interview|appearance|op-ed|column|article|post|broadcast|"
    r"podcast|statement)\s+(?:with|on|to|for|in|published\s+by|aired\s+by)|"
    r"(?:said|says|saying|added|explained|admitted|insisted|wrote|writes|argued|claimed|noted|"
    r"told\s+\w+|appeared|appearing|posted|tweeted)\s+(?:on|in|to)|on|in)\s+")


def medium_in(clause: str) -> Optional[str]:
    """The medium an attribution clause names ("Inzaghi admitted to DAZN" -> "DAZN"), or None.

    Only a known outlet or a capitalised name ending in a media word counts: "told reporters",
    "told a crowd" and "told Smith" give None.
    """
    for m in _MEDIUM_CUE.finditer(clause):
        rest = clause[m.end():]
        p = _PHRASE.match(rest)
        if not p:
            continue
        found = _longest_medium(p.group())
        if found:
            return found
    return None
