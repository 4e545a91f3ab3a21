"""Sieve `continuation`: a quote with no attribution of its own carries on the quote before it."""
from __future__ import annotations

import re
from typing import Optional

from ...lexicon import CARRYING_PARTICIPLES
from .base import Attr, Window

# Between two quotes, a participle that carries the first speaker on: `"A," adding, "B"`.
ADDING = re.compile(r"[\s,;:—–-]*(?:and\s+|before\s+|then\s+)?"
                    r"(?:" + "|".join(CARRYING_PARTICIPLES) + r")[\s,:—–-]*")


def find(w: Window) -> Optional[Attr]:
    """A quotation that opens the paragraph right after a quote by X, or opens a sentence after X's
    quote in the same paragraph (or follows it after "adding,"), is X's too."""
    prev = w.prev
    if prev is None or prev.quote.speaker_mention is None:
        return None
    first = w.first
    if first.open == w.para_start and first.para - prev.para == 1:
        pass
    elif not (first.para == prev.para and (w.starts_sentence or (
            prev.close is not None and first.open - prev.close < 40
            and ADDING.fullmatch(w.text, prev.close + 1, first.open)))):
        return None
    q = prev.quote
    return Attr(q.speaker_mention, None, None, q.role, None, None, "continuation", carried=q)
