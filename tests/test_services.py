"""The services the tests start: PostgreSQL primary and streaming standby on 127.0.0.1, stopped by pid."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest

from conftest import ROOT
from services import postgres
from services.common import alive
from services.fixtures import missing

SCRIPT = ROOT / "tests" / "services" / "services.py"


def _sql(dsn: str, sql: str) -> str:
    """Run one SQL command with psql against a DSN; its unaligned output."""
    psql = os.path.join(postgres.bindir() or "", "psql")
    out = subprocess.run([psql, dsn, "-XAtqc", sql], capture_output=True, text=True, timeout=30,
                         env={**os.environ, "PGCONNECT_TIMEOUT": "5"})
    if out.returncode:
        raise RuntimeError(out.stderr.strip())
    return out.stdout.strip()


def _eventually(fn, timeout: float = 20.0):
    """fn() once it stops raising (replication takes a moment)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return fn()
        except (RuntimeError, AssertionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.mark.postgres
def test_primary_and_standby_replicate_on_loopback(postgres_primary, postgres_standby):
    for info in (postgres_primary, postgres_standby):
        assert urlsplit(info["dsn"]).hostname == "127.0.0.1"
    _sql(postgres_primary["dsn"], "DROP TABLE IF EXISTS probe; CREATE TABLE probe (x int); INSERT INTO probe VALUES (42)")
    assert _eventually(lambda: _sql(postgres_standby["dsn"], "SELECT x FROM probe")) == "42"
    assert _sql(postgres_standby["dsn"], "SELECT pg_is_in_recovery()") == "t"
    with pytest.raises(RuntimeError, match="read-only"):
        _sql(postgres_standby["dsn"], "INSERT INTO probe VALUES (1)")
    assert _sql(postgres_primary["dsn"], "SHOW wal_level") == "replica"


@pytest.mark.postgres
def test_services_script_starts_and_stops_by_pid(tmp_path):
    if not postgres.bindir():
        missing("PostgreSQL is not installed; run `python3 tests/services/services.py install`")
    state = str(tmp_path / "state")
    out = subprocess.run([sys.executable, str(SCRIPT), "start", "--state", state, "--postgres", "--standby"],
                         capture_output=True, text=True, timeout=180)
    try:
        assert out.returncode == 0, out.stderr
        env = dict(line.removeprefix("export ").split("=", 1) for line in out.stdout.splitlines())
        dsn = env["QUOTE_INDEX_TEST_DSN"].strip("'")
        assert set(env) == {"QUOTE_INDEX_TEST_DSN", "QUOTE_INDEX_TEST_STANDBY_DSN"}
        assert _sql(dsn, "SELECT current_database()") == "quote_index"
        status = subprocess.run([sys.executable, str(SCRIPT), "status", "--state", state],
                                capture_output=True, text=True, timeout=30).stdout
        pids = [int(line.split()[2]) for line in status.splitlines()]
        assert len(pids) == 2 and all(alive(p) for p in pids), status
    finally:
        stop = subprocess.run([sys.executable, str(SCRIPT), "stop", "--state", state],
                              capture_output=True, text=True, timeout=120)
    assert stop.returncode == 0 and "stopped postgresql primary" in stop.stderr
    assert not any(alive(p) for p in pids)


@pytest.mark.parametrize("ci, outcome", [("true", "Failed"), ("", "Skipped"), ("false", "Skipped")])
def test_a_missing_service_fails_in_ci_and_skips_elsewhere(monkeypatch, ci, outcome):
    monkeypatch.setenv("CI", ci)
    with pytest.raises(BaseException) as caught:
        missing("no such service")
    assert type(caught.value).__name__ == outcome and "no such service" in str(caught.value)
