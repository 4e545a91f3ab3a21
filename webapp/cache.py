"""Answers that only change when the index does, kept until a writer swaps the index."""
from __future__ import annotations

import threading
from typing import Callable

from flask import current_app

_KEY = "quote_index_cache"
_LOCK = threading.Lock()


def per_generation(ix, name: str, compute: Callable[[], object]):
    """compute() once per index generation (its public id, `ix.generation().id`); later calls reuse it.

    The home page's newest-first listing, the index counts and the full speaker list cost
    hundreds of milliseconds on a large index yet stay the same until the index is rebuilt.
    A generation id is never reused (every build and update writes a new one).
    """
    generation = ix.generation().id
    store = current_app.extensions.setdefault(_KEY, {})
    hit = store.get(name)
    if hit is not None and hit[0] == generation:
        return hit[1]
    value = compute()
    with _LOCK:
        store[name] = (generation, value)
    return value
