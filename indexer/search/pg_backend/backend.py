"""Opening the index in PostgreSQL for reading: the live generation, one connection per thread.

`quote_index.live` names the schema of the live generation; `generation()` reads it (one small
query, at most every RECHECK seconds: a search asks for the generation several times) and loads a
new generation's side tables when a load swapped it. A view holds its
generation, so a request that started before a swap finishes on the old tables (a load keeps the
previous generation). The DSN may name a read-only streaming standby: readers never write.

A connection that broke (the server restarted, a standby was promoted) is replaced once; a
database that cannot be reached is an IndexNotFound naming its host and port, which the CLI and
the web app show as such (never the password).
"""
from __future__ import annotations

import threading
import time
from typing import Callable

import psycopg
from psycopg import sql

from ...errors import IndexNotFound
from ...pgstore.connect import connect, describe, reason, redact
from ...pgstore.tables import CONTROL, FORMAT
from ..backend import Generation
from .view import PgView


class PgGeneration(Generation):
    """One loaded generation: its schema, collection statistics and the side tables."""

    def __init__(self, conn, schema: str, build_id: str, where: str):
        s = sql.Identifier(schema)
        meta, stats = conn.execute(sql.SQL("SELECT meta, stats FROM {}.meta").format(s)).fetchone()
        if stats.get("format") != FORMAT:
            raise IndexNotFound(f"The index in PostgreSQL at {where} was loaded by another version of "
                                f"quote-index (format {stats.get('format')}, this one reads {FORMAT}). "
                                "Load it again with `quote-index build --backend postgresql`.")
        speakers = dict(conn.execute(sql.SQL("SELECT id, data FROM {}.speakers").format(s)).fetchall())
        clusters = dict(conn.execute(sql.SQL("SELECT id, data FROM {}.clusters").format(s)).fetchall())
        words = dict(conn.execute(sql.SQL("SELECT word, n FROM {}.words ORDER BY word").format(s)).fetchall())
        super().__init__(build_id, meta, speakers, clusters, words)
        self.schema = schema
        self.table = s.as_string(conn)          # the quoted schema name, for SQL text
        self.stats = stats


class PgBackend:
    """The index in a PostgreSQL database: hands out views on the live generation."""

    recheck = 0.5            # seconds a generation is used before the live pointer is read again

    def __init__(self, dsn: str):
        self.dsn = dsn
        self.location = redact(dsn)
        self.where = describe(dsn)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._gen = None
        self._checked = 0.0
        self.generation()                    # fail now, with the reason, rather than on a request

    def _conn(self):
        """This thread's connection (a new one when there is none or it broke)."""
        conn = getattr(self._local, "conn", None)
        if conn is None or conn.closed or conn.broken:
            conn = self._local.conn = connect(self.dsn, IndexNotFound, application_name="quote-index reader")
        return conn

    def run(self, fn: Callable):
        """fn(connection), retried once on a fresh connection when the connection failed."""
        for attempt in (1, 2):
            conn = self._conn()
            try:
                return fn(conn)
            except (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName):
                raise IndexNotFound(f"The index in PostgreSQL at {self.where} was replaced twice while "
                                    "this request ran; try again.") from None
            except psycopg.OperationalError as e:
                if not conn.broken and not conn.closed or attempt == 2:
                    raise IndexNotFound(f"The index in PostgreSQL at {self.where} cannot be read: "
                                        f"{reason(e, self.dsn)}") from None
                self._local.conn = None

    def generation(self) -> PgGeneration:
        """The live generation (its side tables loaded again after a load swapped it)."""
        gen = self._gen
        now = time.monotonic()
        if gen is not None and now - self._checked < self.recheck:
            return gen
        row = self.run(self._live)
        self._checked = now
        if gen is not None and gen.schema == row[0]:
            return gen
        with self._lock:
            if self._gen is None or self._gen.schema != row[0]:
                self._gen = self.run(lambda c: PgGeneration(c, row[0], row[1], self.where))
            return self._gen

    def _live(self, conn) -> tuple:
        """(schema, build id) of the live generation; IndexNotFound when nothing was loaded."""
        try:
            row = conn.execute(f"SELECT schema, build_id FROM {CONTROL}.live").fetchone()
        except psycopg.errors.UndefinedTable:
            row = None
        if row is None:
            raise IndexNotFound(f"No index in PostgreSQL at {self.where}. Load one with "
                                "`quote-index build CORPUS --backend postgresql --dsn ...`.")
        return row

    def view(self) -> PgView:
        """A view on the live generation."""
        return PgView(self, self.generation())

    def close(self) -> None:
        """Close this thread's connection."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
