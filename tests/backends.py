"""The same corpus indexed on each backend, for the tests that run the search API on both.

`BACKENDS` parametrises a fixture: Whoosh (a directory) and PostgreSQL (a fresh database on the
test primary; those tests carry the `postgres` marker, so a missing server skips them on a
developer's machine and fails them in CI).
"""
from __future__ import annotations

import math

import pytest

BACKENDS = ["whoosh", pytest.param("postgresql", marks=pytest.mark.postgres)]


def fresh_database(dsn: str, name: str) -> str:
    """An empty database called name on the server of dsn (dropped first if it exists); its DSN."""
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import make_conninfo

    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return make_conninfo(dsn, dbname=name)


def same_server(dsn: str, other: str) -> str:
    """The DSN of other's server with dsn's database (a standby's view of a database made on its primary)."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    return make_conninfo(other, dbname=conninfo_to_dict(dsn)["dbname"])


def on_standby(dsn: str, standby: str, seconds: float = 30) -> str:
    """dsn's database as its streaming standby serves it, once the standby has replayed its creation."""
    import time

    import psycopg

    replica = same_server(dsn, standby)
    deadline = time.monotonic() + seconds
    while True:
        try:
            psycopg.connect(replica, connect_timeout=5).close()
            return replica
        except psycopg.OperationalError:
            assert time.monotonic() < deadline, "the standby did not replay the database's creation"
            time.sleep(0.2)


def index_on(request, backend: str, paths: list, name: str, tmp_path_factory) -> str:
    """The corpus under paths indexed on backend; the location to open (a directory or a DSN)."""
    if backend == "whoosh":
        from indexer import ingest

        path = str(tmp_path_factory.mktemp(name) / "index")
        ingest.build(paths, path)
        return path
    from indexer.ingest.pg_load import load

    dsn = fresh_database(request.getfixturevalue("postgres_primary")["dsn"], f"qi_test_{name}")
    load(dsn, paths=paths)
    return dsn


def assert_close(a, b, path="") -> None:
    """Assert two JSON answers are equal, floats to 1e-9 (relative)."""
    if isinstance(a, float) and isinstance(b, float):
        assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12), f"{path}: {a} != {b}"
    elif isinstance(a, dict) and isinstance(b, dict):
        assert a.keys() == b.keys(), f"{path}: {sorted(a)} != {sorted(b)}"
        for k in a:
            assert_close(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list) and isinstance(b, list):
        assert len(a) == len(b), f"{path}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            assert_close(x, y, f"{path}[{i}]")
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"
