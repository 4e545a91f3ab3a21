"""A small thread-safe table of the most recently used answers, kept per index generation.

Every cache of the search package is one of these, made with `Generation.memo` (or held by a
backend's per-generation table), so that it is bounded, shared by the server's threads and
dropped with its generation after a swap.
"""
from __future__ import annotations

import threading
from collections import OrderedDict


class Recent:
    """The most recently used answers, at most `size` of them (thread-safe)."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """How many answers are kept."""
        return len(self._items)

    def get(self, key):
        """The answer kept for key (now the most recent), or None."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def clear(self) -> None:
        """Forget every answer (a benchmark timing searches with the cache cold)."""
        with self._lock:
            self._items.clear()

    def put(self, key, value) -> None:
        """Keep an answer, dropping the least recently used one beyond the size."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get_or_make(self, key, make):
        """The answer kept for key, or make() kept and returned (made outside the lock: two
        threads may both make it, and either value is right)."""
        value = self.get(key)
        if value is None:
            value = make()
            self.put(key, value)
        return value
