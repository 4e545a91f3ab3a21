"""Sieve `continuation`: a quote with no attribution of its own carries on the quote before it."""
from __future__ import annotations

import re
from typing import Optional

from ...lexicon import CARRYING_PARTICIPLES
from .base import Attr, Previous, Window

# Between two quotes, a participle that carries the first speaker on: `"A," adding, "B"`.
ADDING = re.compile(r"[\s,;:—–-]*(?:and\s+|before\s+|then\s+)?"
                    r"(?:" + "|".join(CARRYING_PARTICIPLES) + r")[\s,:—–-]*")
# a sentence ending between two quotes: "... " then ". The" (not "U.S. officials")
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+[\"“‘']?[A-Z]")
# a clause with a subject of its own between the two: "..., and a poll of voters found "...""
_NEW_CLAUSE = re.compile(r"\b(?:and|but|while|whereas|although|though|yet)\s+(?:the|a|an|this|that|these|those|[A-Z])")
# how far on in its sentence a second phrase still goes with the first one's speaker, in characters
CLAUSE_REACH = 200


def find(w: Window) -> Optional[Attr]:
    """A quotation that opens the paragraph right after a quote by X, or opens a sentence after X's
    quote in the same paragraph (or follows it after "adding,"), is X's too (rule continuation);
    so is a phrase later in the sentence of X's quote with no speaker of its own ("Lee said he was
    "wary" of it, not least because "the rates are high"": rule continuation:clause)."""
    prev = w.prev
    if prev is None or prev.quote.speaker_mention is None:
        return None
    rule = _carried_by(w, prev)
    if rule is None:
        return None
    q = prev.quote
    return Attr(q.speaker_mention, None, None, q.role, None, None, rule, carried=q)


def _carried_by(w: Window, prev: Previous) -> Optional[str]:
    """The rule by which the quote before carries its speaker on to this one; None if it does not."""
    first = w.first
    if first.open == w.para_start and first.para - prev.para == 1:
        return "continuation"
    if first.para != prev.para:
        return None
    if w.starts_sentence or prev.close is not None and first.open - prev.close < 40 \
            and ADDING.fullmatch(w.text, prev.close + 1, first.open):
        return "continuation"
    # (the before sieve, run earlier, found no speaker of its own in the words between)
    if prev.close is not None and 0 < first.open - prev.close < CLAUSE_REACH \
            and prev.quote.rule.startswith(("before", "subject", "after")) \
            and not _SENTENCE_END.search(w.text, prev.close - 1, first.open) \
            and not _NEW_CLAUSE.search(w.text, prev.close, first.open):
        return "continuation:clause"
    return None
