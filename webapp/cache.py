"""Answers that only change when the index does, kept until a rebuild swaps the index."""
from __future__ import annotations

import threading
from typing import Callable

from flask import current_app

_KEY = "quote_index_cache"
_LOCK = threading.Lock()


def per_generation(ix, name: str, compute: Callable[[], object]):
    """compute() once per index generation (what `ix.snapshot()` returns); later calls reuse it.

    The home page's newest-first listing, the index counts and the full speaker list cost
    hundreds of milliseconds on a large index yet stay the same until the index is rebuilt.
    An Index without `snapshot()` is never cached.
    """
    snapshot = getattr(ix, "snapshot", None)
    if snapshot is None:
        return compute()
    generation = snapshot()
    store = current_app.extensions.setdefault(_KEY, {})
    hit = store.get(name)
    if hit is not None and hit[0] is generation:     # `is`: an id could be reused after a swap
        return hit[1]
    value = compute()
    with _LOCK:
        store[name] = (generation, value)
    return value
