"""Opening the Whoosh index for reading: one generation at a time, pinned, shared by every thread.

A generation is the index directory as one writer left it, opened once (`store.pinned`): its
meta.json, side tables, Whoosh table of contents and segment files, all read relative to one
directory descriptor and held open. A writer that swaps a new directory in (or deletes the old
one) changes nothing for a request that holds the old generation; the next request sees the new
one. If the new one cannot be opened (damaged, or gone with nothing in its place) the backend
keeps answering from the generation it has.

Every thread shares the generation's files (one descriptor each, read with pread at each
reader's own position) and its column tables; what is not safe to share, a Whoosh reader (its
matchers move file positions), is one per thread and generation, with nothing copied. Before this, each
thread's searcher copied the compound segment's parts into memory (~100 MB a searcher on the
22,000-article index) and the server grew from 50 to 1,180 MB.
"""
from __future__ import annotations

import logging
import os
import pickle
import struct
import threading
import zlib
from typing import Optional

from whoosh.searching import Searcher

from ...errors import IndexDamaged, IndexNotFound, QuoteIndexError
from ...store import layout as L
from ...store.pinned import Pinned, open_generation
from ..backend import Generation, QueryFailed
from .view import WhooshView

log = logging.getLogger(__name__)
# What reading a damaged segment raises (a truncated or garbled part): on an index without
# recorded checksums these are taken for damage; with checksums the checksums decide.
DECODE_ERRORS = (struct.error, zlib.error, EOFError, pickle.UnpicklingError, UnicodeDecodeError,
                 OverflowError, MemoryError)


class Snapshot(Generation):
    """One generation of the index directory: its pinned files and what is derived from them once."""

    def __init__(self, pinned: Pinned):
        meta, tables = pinned.meta, pinned.tables
        super().__init__(meta.get("build_id") or repr(pinned.stamp), meta, tables[L.SPEAKERS],
                         tables[L.CLUSTERS], tables[L.WORDS], tables[L.OUTLETS])
        self.pinned = pinned
        self.stamp = pinned.stamp
        self.path = pinned.path
        self.schema = pinned.toc.schema
        # Column tables (facets, date order, filter sets) of this generation, shared by every
        # thread; see columns.table.
        self.tables: dict = {}
        self.tables_lock = threading.Lock()
        self._verdict: Optional[list] = None
        # Each thread's searcher: made once per thread and generation (making one reads the
        # term index's header, ~0.8 ms), dropped with the generation.
        self._local = threading.local()

    def searcher(self) -> Searcher:
        """This thread's searcher over this generation (made on first use: a reader has file
        positions of its own and may not be shared between threads; the files are shared)."""
        s = getattr(self._local, "searcher", None)
        if s is None:
            s = self._local.searcher = Searcher(self.pinned.reader())
        return s

    def damage(self, error: BaseException) -> Optional[IndexDamaged]:
        """The IndexDamaged to raise for an engine error, or None when the index is sound (a bug).

        Checks the recorded checksums of every part held (once per generation: ~0.2 s per
        150 MB). An index without checksums cannot tell damage from a bug: decoding errors are
        taken for damage there.
        """
        if isinstance(error, (QuoteIndexError, QueryFailed)):
            return None
        if self._verdict is None:
            self._verdict = self.pinned.verify()
        if self._verdict:
            more = f" (and {len(self._verdict) - 1} more problem(s))" if len(self._verdict) > 1 else ""
            return self.pinned.damaged(self._verdict[0] + more)
        if not self.pinned.recorded and isinstance(error, DECODE_ERRORS):
            return self.pinned.damaged(f"a segment cannot be read ({type(error).__name__}: {error})")
        return None


class WhooshBackend:
    """The index in a directory: the current generation, and views on any generation it opened."""

    def __init__(self, path: str):
        self.location = self.path = os.path.abspath(path)
        self._lock = threading.Lock()
        self._snap = Snapshot(open_generation(self.path))
        self._refused = None            # the stamp of a generation that failed to open

    def generation(self) -> Snapshot:
        """The current generation: the one at the path now, or the last one that opened."""
        snap = self._snap
        stamp = L.generation_stamp(self.path)
        if stamp is None or stamp == snap.stamp or stamp == self._refused:
            # None: no meta.json at the path (a swap in progress, or the directory deleted):
            # keep answering from the generation held.
            return snap
        with self._lock:
            if self._snap.stamp != stamp and stamp != self._refused:
                try:
                    self._snap = Snapshot(open_generation(self.path))
                except IndexNotFound as e:
                    # A damaged or vanished successor: keep the sound generation, say why once.
                    self._refused = stamp
                    log.error("keeping the index generation already open: %s", e)
            return self._snap

    def view(self, generation: Optional[Snapshot] = None) -> WhooshView:
        """A view on a generation (by default the current one) with this thread's searcher."""
        snap = generation or self.generation()
        return WhooshView(snap, snap.searcher())

    def verify(self) -> list[str]:
        """Every problem found checking the current generation's parts against their checksums
        and reading every stored document and column (what `check-index` reports)."""
        snap = self._snap
        problems = snap.pinned.verify(everything=True)
        if not problems:
            problems = _walk(snap)
        return problems

    def close(self) -> None:
        """Drop this thread's searcher on the current generation (others go with their generation)."""
        self._snap._local.searcher = None


def _walk(snap: Snapshot) -> list[str]:
    """Read every stored document and every column of a generation; the problems met."""
    problems = []
    reader = snap.pinned.reader()
    try:
        for _ in reader.iter_docs():
            pass
        for seg, _offset in reader.leaf_readers():
            for field in snap.schema.names():
                if seg.has_column(field):
                    for _ in seg.column_reader(field, translate=False):
                        pass
            for field in seg.indexed_field_names():
                for _ in seg.lexicon(field):
                    pass
    except Exception as e:      # noqa: BLE001 - reported to the user as the problem found
        problems.append(f"reading the segments failed ({type(e).__name__}: {e})")
    return problems
