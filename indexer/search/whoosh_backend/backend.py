"""Opening the Whoosh index for reading: one generation at a time, one searcher per thread.

An open index is shared by every thread of a server: each thread gets its own Whoosh searcher
(Whoosh readers are not safe to share between threads), never `refresh()`ed: a new one is opened
when a writer swapped the directory (new meta.json) or when Whoosh says it is not up to date.
A searcher opened before a swap keeps reading the old files until dropped, so a request that
started before a swap finishes on the old index. Side tables are immutable per generation.
"""
from __future__ import annotations

import os
import threading
import time

from whoosh import index as windex

from ...errors import IndexNotFound
from ...store import layout as L
from ..backend import Generation
from .view import WhooshView


class Snapshot(Generation):
    """One generation of the index directory: the Whoosh index and the side tables loaded with it."""

    def __init__(self, path: str):
        stamp = L.generation_stamp(path)
        meta = L.read_json(path, L.META) or {}
        if meta.get("format") != L.FORMAT:
            raise IndexNotFound(f"The index at {path} was built by another version of quote-index "
                                f"(format {meta.get('format')}, this one reads {L.FORMAT}). "
                                f"Rebuild it with `quote-index build CORPUS --index {path}`.")
        super().__init__(meta.get("build_id") or repr(stamp), meta,
                         L.read_json(path, L.SPEAKERS) or {}, L.read_json(path, L.CLUSTERS) or {},
                         L.read_json(path, L.WORDS) or {}, L.read_json(path, L.OUTLETS) or {})
        self.stamp = stamp
        self.path = path
        self.ix = windex.open_dir(path, indexname=L.INDEX_NAME)
        # FileIndex.schema re-reads the TOC file on every access (0.6 ms a search): read it once.
        self.schema = self.ix.schema
        # Column tables (facets, date order, filter sets), one per reader generation: shared by
        # every thread's searcher, since they all read the same immutable segment files.
        self.tables: dict = {}
        self.tables_lock = threading.Lock()


class WhooshBackend:
    """The index in a directory: hands out views on the current generation, each thread its searcher."""

    def __init__(self, path: str):
        self.location = self.path = os.path.abspath(path)
        self._layout = L.Layout.of(self.path)
        self._lock = threading.Lock()
        self._local = threading.local()
        self._snap = self._open()

    def _open(self) -> Snapshot:
        """Open the current generation, waiting out the instant between a build's two renames."""
        deadline = time.monotonic() + 2.0
        while True:
            try:
                if windex.exists_in(self.path, indexname=L.INDEX_NAME):
                    return Snapshot(self.path)
            except (OSError, windex.EmptyIndexError):
                pass
            if time.monotonic() > deadline or not self._layout.swapping():
                raise IndexNotFound(f"No index at {self.path}. Build one with "
                                    f"`quote-index build CORPUS --index {self.path}`.")
            time.sleep(0.05)

    def generation(self) -> Snapshot:
        """The current generation (reopened when a build swapped the directory)."""
        snap = self._snap
        stamp = L.generation_stamp(self.path)
        if stamp == snap.stamp or stamp is None:
            # None: the directory is being swapped right now; keep answering from the old one.
            return snap
        with self._lock:
            if self._snap.stamp != stamp:
                try:
                    self._snap = self._open()
                except IndexNotFound:
                    pass
            return self._snap

    def searcher(self, snap: Snapshot = None):
        """This thread's searcher on the given (by default the current) generation."""
        snap = snap or self.generation()
        local = self._local
        s = getattr(local, "searcher", None)
        if s is None or local.snap is not snap or not s.up_to_date():
            local.searcher = s = snap.ix.searcher()
            local.snap = snap
        return s

    def view(self) -> WhooshView:
        """The current generation and this thread's searcher on it."""
        snap = self.generation()
        return WhooshView(snap, self.searcher(snap))

    def close(self) -> None:
        """Close this thread's searcher (others close when their threads drop them)."""
        s = getattr(self._local, "searcher", None)
        if s is not None:
            s.close()
            self._local.searcher = None
