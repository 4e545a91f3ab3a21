"""One load of the index into PostgreSQL: a new schema filled with COPY and swapped in, atomically.

Everything a load writes happens in ONE transaction: the new schema `qi_<build id>`, its tables
and month partitions, the COPY of every row, the indexes, and last the swap (the row of
`quote_index.live` pointed at the new schema). A load that dies at any point (killed, the
connection lost, the disk full) is rolled back by the server: the live pointer, and so every
reader, stays on the old tables, and nothing of the failed load is left behind. Readers that
started on the previous generation keep it until the next load, which drops every generation but
the live one and the one before it.

Writers take a session advisory lock first (released by the server if a writer dies), so two
loads never interleave; a second one waits up to its lock timeout, then names the holder.
"""
from __future__ import annotations

import os
import socket
import time
from typing import Callable, Iterable

import psycopg

from ..errors import BuildFailed, LockTimeout
from .analyse import ARTICLE_COLUMNS, QUOTE_COLUMNS, Stats, article_row, quote_row
from .connect import connect, describe, reason
from .tables import (CONTROL, CONTROL_DDL, INDEXES, LOCK_KEY, QUOTES, ARTICLES, SIDE, month_of,
                     partition_ddl, schema_name, statements)
from psycopg import sql

KEEP = 2                 # generations kept: the live one and the one before (pinned requests)
DROP_LOCK_TIMEOUT = "2s"  # an old generation still read by a long request is dropped next time


def writer_connection(dsn: str, lock_timeout: float, say: Callable) -> psycopg.Connection:
    """A connection to the primary holding the writers' lock; BuildFailed/LockTimeout saying why not."""
    conn = connect(dsn, BuildFailed,
                   application_name=f"quote-index load (pid {os.getpid()} on {socket.gethostname()})"[:63])
    try:
        if conn.execute("SELECT pg_is_in_recovery()").fetchone()[0]:
            raise BuildFailed(f"PostgreSQL at {describe(dsn)} is a read-only standby; load into its primary "
                              "(a standby serves the index with `serve --dsn`)")
        deadline = time.monotonic() + max(0.0, lock_timeout)
        while not conn.execute("SELECT pg_try_advisory_lock(%s)", (LOCK_KEY,)).fetchone()[0]:
            if time.monotonic() >= deadline:
                raise LockTimeout(f"the index at {describe(dsn)} is being loaded by another writer "
                                  f"({_holder(conn)}); waited {lock_timeout:g}s. Try again when it has finished.")
            time.sleep(0.2)
    except BaseException:
        conn.close()
        raise
    return conn


def _holder(conn) -> str:
    """Who holds the writers' lock: its application name and start time."""
    row = conn.execute(
        "SELECT a.application_name, a.backend_start FROM pg_locks l JOIN pg_stat_activity a USING (pid) "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %s AND l.objid = %s",
        (LOCK_KEY >> 32, LOCK_KEY & 0xFFFFFFFF)).fetchone()
    return f"{row[0]}, started {row[1]:%Y-%m-%dT%H:%M:%S%z}" if row else "unknown holder"


def load_generation(conn, dsn: str, articles: list, quotes: list, tables: tuple, meta: dict,
                    say: Callable) -> str:
    """Write one generation and swap it in, in one transaction; its schema. Old generations are dropped."""
    schema = schema_name(meta["build_id"])
    stats = Stats()
    try:
        with conn.transaction():
            for stmt in CONTROL_DDL:
                conn.execute(stmt)
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
            for stmt in statements([ARTICLES, QUOTES] + SIDE, schema):
                conn.execute(stmt)
            for month in sorted({month_of(d.get("date")) for d in quotes}):
                conn.execute(partition_ddl(schema, month))
            _copy(conn, schema, "articles", ARTICLE_COLUMNS,
                  (article_row(seq, d, stats) for seq, d in enumerate(articles)))
            _copy(conn, schema, "quotes", QUOTE_COLUMNS,
                  (quote_row(len(articles) + i, d, stats) for i, d in enumerate(quotes)))
            _side_tables(conn, schema, tables, meta, stats)
            for stmt in statements(INDEXES, schema):
                conn.execute(stmt)
            for table in ("articles", "quotes", "lexicon"):
                conn.execute(sql.SQL("ANALYZE {}.{}").format(sql.Identifier(schema), sql.Identifier(table)))
            conn.execute(f"INSERT INTO {CONTROL}.generations (schema, build_id) VALUES (%s, %s)",
                         (schema, meta["build_id"]))
            conn.execute(f"INSERT INTO {CONTROL}.live (schema, build_id) VALUES (%s, %s) ON CONFLICT (one) "
                         "DO UPDATE SET schema = excluded.schema, build_id = excluded.build_id, swapped_at = now()",
                         (schema, meta["build_id"]))
    except psycopg.Error as e:
        # Rolled back: the connection lost, the server's disk full, a value it refused.
        raise BuildFailed(f"loading into PostgreSQL at {describe(dsn)} failed: {type(e).__name__}: "
                          f"{reason(e, dsn)}; the index in the database was left as it was") from None
    _drop_old(conn, say)
    return schema


def _copy(conn, schema: str, table: str, columns: list, rows: Iterable[tuple]) -> None:
    """COPY rows into a table of the generation."""
    stmt = sql.SQL("COPY {}.{} ({}) FROM STDIN").format(
        sql.Identifier(schema), sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns)))
    with conn.cursor() as cur, cur.copy(stmt) as copy:
        for row in rows:
            copy.write_row(row)


def _side_tables(conn, schema: str, tables: tuple, meta: dict, stats: Stats) -> None:
    """The lexicon, speakers, clusters, words, outlets and meta of the generation."""
    import json

    speakers, clusters, words, outlets = tables
    _copy(conn, schema, "lexicon", ["field", "term", "df"], ((f, t, n) for (f, t), n in stats.df.items()))
    _copy(conn, schema, "speakers", ["id", "data"], ((k, json.dumps(v, ensure_ascii=False)) for k, v in speakers.items()))
    _copy(conn, schema, "clusters", ["id", "data"], ((k, json.dumps(v, ensure_ascii=False)) for k, v in clusters.items()))
    _copy(conn, schema, "words", ["word", "n"], words.items())
    _copy(conn, schema, "outlets", ["slug", "name"], outlets.items())
    conn.execute(sql.SQL("INSERT INTO {}.meta (meta, stats) VALUES (%s, %s)").format(sql.Identifier(schema)),
                 (json.dumps(meta, ensure_ascii=False), json.dumps(stats.to_json())))


def _drop_old(conn, say: Callable) -> None:
    """Drop every generation but the KEEP newest; one still in use (locked) waits for the next load."""
    old = [r[0] for r in conn.execute(f"SELECT schema FROM {CONTROL}.generations "
                                      "ORDER BY loaded_at DESC, schema OFFSET %s", (KEEP,))]
    for schema in old:
        try:
            with conn.transaction():
                conn.execute(f"SET LOCAL lock_timeout = '{DROP_LOCK_TIMEOUT}'")
                conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))
                conn.execute(f"DELETE FROM {CONTROL}.generations WHERE schema = %s", (schema,))
        except psycopg.errors.LockNotAvailable:
            say(f"kept the old generation {schema}: a reader still uses it; the next load drops it")
