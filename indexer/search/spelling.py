"""'Did you mean': a query's unknown words replaced by the closest words the quotes contain."""
from __future__ import annotations

import re
from typing import Optional

from rapidfuzz import fuzz, process

from ..text import fold
from .backend import Generation
from .query import OPERATORS


def suggest(gen: Generation, q: str) -> Optional[str]:
    """q with each word no quote contains replaced by the closest quoted word; None if none changed."""
    if ":" in q or len(q) > 100:
        return None
    words = gen.words
    word_list = gen.memo("word_list", lambda: list(words))
    changed = False

    def fix(m: re.Match) -> str:
        """The closest known word to one query word (rapidfuzz over the quote vocabulary)."""
        nonlocal changed
        w = m.group(0)
        key = fold(w)
        if key in words or w in OPERATORS or len(key) < 3 or key.isdigit():
            return w
        best = process.extractOne(key, word_list, scorer=fuzz.ratio, score_cutoff=75)
        if not best:
            return w
        changed = True
        return best[0]

    fixed = re.sub(r"[^\W_]+", fix, q)
    return fixed if changed else None
