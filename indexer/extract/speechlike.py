"""The speech gate: a quotation rather than a scare quote, a title or a nickname in marks.

Applied after the attribution sieves and before the `subject` sieve: how many words a quote needs
depends on how it is attributed (a cue before "Probably." makes it speech; nothing makes "fake
news" speech).
"""
from __future__ import annotations

import re
from typing import Optional

from ..lexicon import NAMING_VERBS, TITLE_SMALL_WORDS, VOICE_CUES
from .sieves.base import Attr
from .tokens import count_words


_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+\S")


def title_like(body: str) -> bool:
    """Title Case words only ("Fox and Friends", "Face the Nation"): a name in marks, not speech."""
    # (the words are read up to the first that is not a title's, nine at most: more is no title,
    # and most quotes show a lower-case word within their first few)
    n = 0
    for m in _TITLE_WORD.finditer(body):
        w = m.group()
        if not (w[0].isupper() or n and w.lower() in TITLE_SMALL_WORDS) or n == 8:
            return False
        n += 1
    return n > 0 and not _SENTENCE_BREAK.search(body)


def speechlike(body: str, attr: Optional[Attr], inherited: bool, starts_sentence: bool = False,
               lead: str = "") -> bool:
    """A quotation rather than a scare quote, a title or a nickname in marks.

    `starts_sentence`: the quote opens its sentence; `lead`: the character before the opening mark.
    """
    n = count_words(body, most=6)            # its words, up to the six the tests below read
    if title_like(body) and not said_not_named(body, attr, starts_sentence, lead):
        return False
    ends = body.rstrip()[-1:] in ".!?…"
    comma = ends or body.rstrip()[-1:] == ","
    if attr is not None:
        if attr.rule.endswith("phrase"):
            return n >= 1
        if attr.rule.endswith("partial"):
            return n >= 3 or comma
        return n >= 2 or comma                   # "Denver," he answered.
    if inherited:
        return n >= 3 or comma
    # unattributed: a sentence in marks, not a phrase ("targeted employment area,")
    return n >= 6 or (n >= 2 and ends)


def said_not_named(body: str, attr: Optional[Attr], starts_sentence: bool, lead: str) -> bool:
    """Whether a Title Case body ("Quiet," "Probably." "What a Great Night!") is still speech: a
    speech cue frames it the way speech is framed, not the way a title is named.

    - `"Quiet," he demanded` -- it opens its sentence and the cue follows it (a title in that
      place would be the subject: "Face the Nation" airs ...);
    - `Lee said, "Probably."` / `Lee said: "Never."` -- the cue, then a comma or colon, then marks;
    - `She declared "What a day!"` -- a cue, and the words end in ! or ? (titles rarely do).
    """
    if attr is None or attr.cue is None:
        return False
    if attr.tight and attr.rule.startswith(("after", "split")):
        return True
    stop = body.rstrip()[-1:]
    if attr.rule.startswith(("after", "split")):
        return starts_sentence and stop in ",!?"
    if attr.rule.startswith("before"):
        if attr.rule.endswith("phrase"):          # a nickname: called Rubio "Little Marco"
            return attr.cue in NAMING_VERBS
        return lead in ",:" or stop in "!?" or (attr.adjacent and attr.cue in VOICE_CUES)
    return False
