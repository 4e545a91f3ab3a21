"""`build --backend postgresql`: the index loaded into PostgreSQL, from records or from a corpus.

    from indexer.ingest.pg_load import load
    result = load("postgresql://qi@db:5432/quotes", records="records/")     # or paths=["corpus/"]

The documents are made exactly as a Whoosh build makes them (the same reading loop `run._read`
or `records.read_records`, the same speakers and clusters `run.finish`), collected in memory in
the order Whoosh numbers them, then written by `indexer.pgstore.load` into a new schema and swapped
in, in one transaction. The database is reached (and the writers' lock taken) before the corpus
is read, so a database that is down is reported at once.
"""
from __future__ import annotations

import os
import time
from typing import Callable, Iterable, Optional

from ..corpus import discover
from ..errors import BuildFailed
from ..pgstore.connect import redact
from ..pgstore.load import load_generation, writer_connection
from ..settings import DEFAULTS
from ..store.lock import LOCK_TIMEOUT
from . import run
from .progress import Phases
from .records import read_records, records_plan
from .result import BuildResult, Log


class Collector:
    """Stands in for a Whoosh writer: keeps the documents in the order Whoosh would number them."""

    def __init__(self):
        self.articles: list = []
        self.quotes: list = []

    def add_document(self, **doc) -> None:
        """Keep one document."""
        (self.articles if doc["kind"] == "article" else self.quotes).append(doc)

    def update_document(self, **doc) -> None:
        """A load always starts afresh: nothing to update."""
        raise AssertionError("a PostgreSQL load writes a whole generation")

    def commit(self, optimize: bool = False) -> None:
        """Nothing to commit: the load writes the documents afterwards."""


def load(dsn: str, *, records: Optional[str] = None, paths: Optional[Iterable[str]] = None,
         progress: bool = False, lock_timeout: float = LOCK_TIMEOUT, on_message: Callable = None,
         max_bytes: Optional[int] = DEFAULTS.max_file_bytes, outlets: Optional[dict] = None) -> BuildResult:
    """Load the records under `records` (or the corpus under `paths`) into the database; a BuildResult.

    outlets: corpus path -> the outlet that published everything under it (as `ingest.build`).
    """
    started, log = time.monotonic(), Log(on_message)
    if records:
        plan, read = records_plan(records), read_records(records)
    else:
        roots = [os.path.abspath(p) for p in (paths or ["corpus"])]
        given = run.given_outlets(roots, outlets)
        plan = run._Plan("build", roots, max_bytes, discover(roots, log.problem, max_bytes), outlets=given)
        read = run._read
    conn = writer_connection(dsn, lock_timeout, log.say)
    try:
        docs = Collector()
        rows = read(docs, plan, log, Phases(progress))
        if not docs.articles:
            why = "; ".join(f"{p}: {r}" for p, r in log.skipped[:5])
            raise BuildFailed("no articles found in " + (records or ", ".join(plan.paths))
                              + (f" ({why})" if why else "") + "; the index in the database was left as it was")
        counts, tables, _state = run.finish(docs, rows, {})
        tables = tables + (run.outlet_table(plan.files),)
        meta = run.meta(plan, counts)
        load_generation(conn, dsn, docs.articles, docs.quotes, tables, meta, log.say)
    finally:
        conn.close()
    counts.update(articles=len(docs.articles), files=len(plan.todo))
    return log.result("build", redact(dsn), time.monotonic() - started, **counts)
