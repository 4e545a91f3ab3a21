"""pytest fixtures for real services: a Dask cluster and PostgreSQL (primary, streaming standby).

A test that needs a service uses its fixture and carries its marker (`dask`, `postgres`). The
fixture takes the service the CI script started (QUOTE_INDEX_TEST_* variables), or starts one
itself for the session and stops it by its pid afterwards. When a service cannot be had, the test
is skipped on a developer's machine but FAILS in CI (CI=true): a CI run never passes by skipping.
"""
from __future__ import annotations

import os
import tempfile

import pytest

from . import postgres


def missing(reason: str):
    """Skip the test for a missing service; fail it in CI."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"service missing in CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def dask_scheduler():
    """Address of a Dask scheduler with 2 workers: the CI script's, or a LocalCluster on 127.0.0.1."""
    address = os.environ.get("QUOTE_INDEX_TEST_SCHEDULER")
    if address:
        yield address
        return
    try:
        from dask.distributed import LocalCluster
    except ImportError as e:
        missing(f"dask.distributed is not installed ({e}); pip install 'quote-index[test]'")
    with tempfile.TemporaryDirectory(prefix="qi-dask-") as scratch:
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address="127.0.0.1:0", local_directory=scratch) as cluster:
            yield cluster.scheduler_address


@pytest.fixture(scope="session")
def dask_client(dask_scheduler):
    """A distributed.Client of the session's Dask scheduler."""
    from dask.distributed import Client

    with Client(dask_scheduler, timeout="30s") as client:
        yield client


@pytest.fixture(scope="session")
def postgres_primary():
    """A PostgreSQL primary: {"dsn", "port", "pid", ...} (pid and port only when started here)."""
    dsn = os.environ.get("QUOTE_INDEX_TEST_DSN")
    if dsn:
        yield {"dsn": dsn}
        return
    if not postgres.bindir():
        missing("PostgreSQL is not installed; run `python3 tests/services/services.py install`")
    with tempfile.TemporaryDirectory(prefix="qi-pg-") as base:
        info = postgres.start_primary(base)
        try:
            yield info
        finally:
            postgres.stop(info)


@pytest.fixture(scope="session")
def postgres_standby(postgres_primary):
    """A streaming read-only standby of the primary: {"dsn", ...}."""
    dsn = os.environ.get("QUOTE_INDEX_TEST_STANDBY_DSN")
    if dsn:
        yield {"dsn": dsn}
        return
    if "pid" not in postgres_primary:
        missing("QUOTE_INDEX_TEST_DSN is set but QUOTE_INDEX_TEST_STANDBY_DSN is not; "
                "start the services with --standby")
    info = postgres.start_standby(os.path.dirname(postgres_primary["datadir"]), postgres_primary)
    try:
        yield info
    finally:
        postgres.stop(info)


__all__ = ["dask_scheduler", "dask_client", "postgres_primary", "postgres_standby", "missing"]
