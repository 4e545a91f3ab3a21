"""`build --from-records`: the index from an extraction job's records, without reading the articles.

    from indexer.ingest.records import build_from_records
    result = build_from_records("records/", ".quote-index")       # a BuildResult, like build()

A records directory (`quote-index extract --engine dask --output DIR`) holds every article with
its text, every quote, and what a build keeps of each source file (key, content hash, problems).
`source_files` turns it back into the per-file `Extracted` a build reads from the corpus, in the
same order, so the same writer loop (`run._write`: documents, speakers and clusters, side tables,
atomic swap) makes the same index, and a later `update` re-reads only the files changed since.
"""
from __future__ import annotations

import time
from typing import Callable, Iterator

from ..batch.layout import RecordsError, read_manifest
from ..batch.reader import iter_sources
from ..errors import BuildFailed
from ..settings import DEFAULTS
from ..store import layout as L, swap
from ..store.documents import context_after, context_before
from ..store.lock import LOCK_TIMEOUT, WriterLock
from . import run
from .progress import Phases
from .result import BuildResult, Log
from .sources import Extracted


def records_plan(directory: str) -> run._Plan:
    """The plan of a build from records: the corpus roots the job read (from its manifest)."""
    try:
        manifest = read_manifest(directory)
    except RecordsError as e:
        raise BuildFailed(str(e)) from None
    return run._Plan("build", list(manifest.get("corpus") or []), None, [])


def source_files(directory: str) -> Iterator[Extracted]:
    """Each source file of the records as a build reads it: key, hash, articles, quotes with
    their context, problems (in the order a build reads the corpus)."""
    try:
        for row, articles in iter_sources(directory):
            ex = Extracted(row["key"], row["hash"],
                           problems=[(p["path"], p["reason"], bool(p["warning"])) for p in row["problems"] or ()])
            for art, quotes in articles:
                ex.articles.append(art)
                ex.quotes.extend((q, context_before(art.text, q.start), context_after(art.text, q.end))
                                 for q in quotes)
            yield ex
    except RecordsError as e:
        raise BuildFailed(f"{e}; the index was left as it was") from None


def read_records(directory: str) -> Callable:
    """A `read` step for `run._write`: the records' files, counted as the files read."""
    def read(writer, plan: run._Plan, log: Log, phases) -> list:
        """Write each file's article documents; the quote rows for the corpus-level pass."""
        rows: list = []
        for ex in source_files(directory):
            plan.todo.append(ex.key)
            run._add(writer, ex, rows, plan.files, log)
        return rows
    return read


def build_from_records(directory: str, index_dir: str, *, progress: bool = False,
                       lock_timeout: float = LOCK_TIMEOUT, on_message: Callable = None,
                       memory_mb: int = DEFAULTS.writer_memory_mb) -> BuildResult:
    """Index the records under directory into a new directory and swap it in for index_dir atomically."""
    started, log, where = time.monotonic(), Log(on_message), L.Layout.of(index_dir)
    plan = records_plan(directory)
    with WriterLock(index_dir, lock_timeout, log.say):
        swap.recover(where, log.say)
        phases = Phases(progress)
        counts = run._write(where, plan, log, phases, memory_mb, read=read_records(directory))
    return log.result("build", index_dir, time.monotonic() - started, phases=phases.results(), **counts)
