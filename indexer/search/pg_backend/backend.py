"""Opening the index in PostgreSQL for reading: the live generation, one connection per thread.

`quote_index.live` names the schema of the live generation; `generation()` reads it (one small
query, at most every RECHECK seconds: a search asks for the generation several times) and loads a
new generation's side tables when a load swapped it. A generation is a schema that no load
changes once written, so a view on it reads the same documents whatever is swapped in meanwhile
(a load keeps the generation before the live one; see `pgstore.load`). Each answer runs in one
read-only REPEATABLE READ transaction (`run`): one snapshot, and the tables it reads cannot be
dropped under it. The DSN may name a read-only streaming standby: readers never write.

A connection that broke (the server restarted, a standby was promoted) is replaced once; a
database that cannot be reached is an IndexNotFound naming its host and port, which the CLI and
the web app show as such (never the password). A generation whose tables are missing or that
the server reports corrupt is an IndexDamaged naming the table; when the live pointer moves to
a generation that cannot be opened, or is removed, the backend keeps the one it has.
"""
from __future__ import annotations

import logging
import shlex
import threading
import time
from typing import Callable, Optional

import psycopg
from psycopg import sql

from ...corpus import path_from_id, readable_path
from ...errors import IndexDamaged, IndexNotFound
from ...pgstore.connect import connect, describe, reason, redact
from ...pgstore.tables import CONTROL, FORMAT
from ..backend import Generation
from .verify import verify
from .view import PgView

log = logging.getLogger(__name__)
# What the server says when the data it reads is damaged (SQLSTATE XX001, XX002), or when a
# table of a generation that is still live has gone (dropped by hand).
CORRUPT = (psycopg.errors.DataCorrupted, psycopg.errors.IndexCorrupted)
GONE = (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName, psycopg.errors.UndefinedColumn)


class PgGeneration(Generation):
    """One loaded generation: its schema, collection statistics and the side tables."""

    def __init__(self, conn, schema: str, build_id: str, where: str):
        s = sql.Identifier(schema)
        row = conn.execute(sql.SQL("SELECT meta, stats FROM {}.meta").format(s)).fetchone()
        if row is None:
            raise IndexDamaged(where, f"the table {schema}.meta is empty")
        meta, stats = row
        if stats.get("format") != FORMAT:
            raise IndexNotFound(f"The index in PostgreSQL at {where} was loaded by another version of "
                                f"quote-index (format {stats.get('format')}, this one reads {FORMAT}). "
                                "Load it again with `quote-index build --backend postgresql`.")
        speakers = dict(conn.execute(sql.SQL("SELECT id, data FROM {}.speakers").format(s)).fetchall())
        clusters = dict(conn.execute(sql.SQL("SELECT id, data FROM {}.clusters").format(s)).fetchall())
        words = dict(conn.execute(sql.SQL("SELECT word, n FROM {}.words ORDER BY word").format(s)).fetchall())
        outlets = dict(conn.execute(sql.SQL("SELECT slug, name FROM {}.outlets ORDER BY slug").format(s)).fetchall())
        super().__init__(build_id, meta, speakers, clusters, words, outlets)
        self.schema = schema
        self.table = s.as_string(conn)          # the quoted schema name, for SQL text
        self.stats = stats


class PgBackend:
    """The index in a PostgreSQL database: hands out views on the live generation (or one held)."""

    recheck = 0.5            # seconds a generation is used before the live pointer is read again

    def __init__(self, dsn: str):
        self.dsn = dsn
        self.location = redact(dsn)
        self.where = describe(dsn)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._gen = None
        self._refused = None                 # the schema of a generation that failed to open
        self._checked = 0.0
        self.generation()                    # fail now, with the reason, rather than on a request

    def _conn(self):
        """This thread's connection (a new one when there is none or it broke); its transactions
        are read-only REPEATABLE READ: every statement of one answer sees one snapshot."""
        conn = getattr(self._local, "conn", None)
        if conn is None or conn.closed or conn.broken:
            conn = connect(self.dsn, IndexNotFound, application_name="quote-index reader")
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            conn.read_only = True
            self._local.conn = conn
        return conn

    def run(self, fn: Callable, schema: Optional[str] = None):
        """fn(connection) in one read-only transaction, retried once on a fresh connection when the
        connection failed (or a standby cancelled it to replay its primary's changes).

        schema: the generation fn reads, to tell a table that is gone because two loads replaced
        it (IndexNotFound: try again) from one missing from a live generation (IndexDamaged).
        A statement cancelled by the request's clock (psycopg.errors.QueryCanceled) is raised as is.
        """
        for attempt in (1, 2):
            conn = self._conn()
            try:
                with conn.transaction():
                    return fn(conn)
            except psycopg.errors.QueryCanceled:
                raise
            except CORRUPT as e:
                raise self.damaged(f"the server reports damaged data ({reason(e, self.dsn)})") from None
            except GONE as e:
                raise self._gone(schema, e) from None
            except psycopg.errors.SerializationFailure as e:
                if attempt == 2:
                    raise IndexNotFound(f"The index in PostgreSQL at {self.where} cannot be read now: "
                                        f"{reason(e, self.dsn)}; try again.") from None
            except psycopg.OperationalError as e:
                if not conn.broken and not conn.closed or attempt == 2:
                    raise IndexNotFound(f"The index in PostgreSQL at {self.where} cannot be read: "
                                        f"{reason(e, self.dsn)}") from None
                self._local.conn = None

    def _gone(self, schema: Optional[str], e: psycopg.Error) -> IndexNotFound:
        """The error for a table or column that is not there: damage when its generation is still
        listed (someone dropped part of it), a replaced generation otherwise."""
        what = e.diag.message_primary or str(e)
        if schema is None:
            return self.damaged(what)
        listed = self.run(lambda c: c.execute(
            f"SELECT EXISTS (SELECT 1 FROM {CONTROL}.generations WHERE schema = %s) "
            f"OR EXISTS (SELECT 1 FROM {CONTROL}.live WHERE schema = %s)", (schema, schema)).fetchone()[0])
        if listed:
            return self.damaged(f"{what} (in the generation {schema})")
        return IndexNotFound(f"The index in PostgreSQL at {self.where} was replaced twice while "
                             "this request ran; try again.")

    def damaged(self, problem: str) -> IndexDamaged:
        """IndexDamaged for this database, with the command that loads it again."""
        gen = self._gen
        roots = [readable_path(path_from_id(p)) for p in (gen.meta.get("corpus", []) if gen else [])]
        e = IndexDamaged(self.location, problem, roots)
        words = " ".join(shlex.quote(r) for r in roots) or "CORPUS"
        e.args = (f"{e.summary}; run `quote-index build {words} --backend postgresql --dsn ...` "
                  "to load it again",)
        return e

    def generation(self) -> PgGeneration:
        """The live generation (its side tables loaded again after a load swapped it); the one
        held when the live pointer is gone or names a generation that cannot be opened."""
        gen = self._gen
        now = time.monotonic()
        if gen is not None and now - self._checked < self.recheck:
            return gen
        try:
            row = self.run(self._live)
        except IndexNotFound as e:
            if gen is None:
                raise
            log.error("keeping the index generation already open: %s", e)
            self._checked = now
            return gen
        self._checked = now
        if gen is not None and (gen.schema == row[0] or row[0] == self._refused):
            return gen
        with self._lock:
            if self._gen is None or self._gen.schema != row[0]:
                try:
                    self._gen = self.run(lambda c: PgGeneration(c, row[0], row[1], self.where), schema=row[0])
                except IndexNotFound as e:
                    if self._gen is None:
                        raise
                    self._refused = row[0]
                    log.error("keeping the index generation already open: %s", e)
            return self._gen

    def _live(self, conn) -> tuple:
        """(schema, build id) of the live generation; IndexNotFound when nothing was loaded."""
        try:
            with conn.transaction():         # a savepoint: the table may not exist yet
                row = conn.execute(f"SELECT schema, build_id FROM {CONTROL}.live").fetchone()
        except psycopg.errors.UndefinedTable:
            row = None
        if row is None:
            raise IndexNotFound(f"No index in PostgreSQL at {self.where}. Load one with "
                                "`quote-index build CORPUS --backend postgresql --dsn ...`.")
        return row

    def view(self, generation: Optional[PgGeneration] = None) -> PgView:
        """A view on a generation this backend handed out (by default the live one)."""
        return PgView(self, generation or self.generation())

    def verify(self) -> list[str]:
        """Every problem found checking the live generation: its tables and indexes there, the
        counts meta records, every row read whole (what `check-index` reports)."""
        return verify(self, self.generation())

    def close(self) -> None:
        """Close this thread's connection."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
