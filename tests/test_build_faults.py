"""Builds that are killed, overlap or run under readers, in real subprocesses (indexer/ingest)."""
from __future__ import annotations

import glob
import os
import pathlib
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT, write_mini_corpus
from indexer import ingest
from indexer.store import lock
from indexer import search as S

pytestmark = pytest.mark.slow


def _big_corpus(root: pathlib.Path, n: int = 600) -> pathlib.Path:
    """n articles written here, long enough for a build that holds the lock for a few seconds
    (a second writer has to start, and find it locked, meanwhile)."""
    root.mkdir(parents=True)
    for i in range(n):
        (root / f"g{i:04d}.txt").write_text(
            f"Story number {i}\n\nTOWN: The council met again on day {i}.\n\n"
            f"\"We will finish road {i} before the winter comes back to the valley,\" mayor Pat Lee said.\n\n"
            + "A sentence about the weather in the valley. " * 400 + "\n", encoding="utf-8")
    return root


@pytest.fixture
def setup(tmp_path):
    """A live index over the MINI corpus, and a big corpus for slow builds."""
    path = str(tmp_path / "ix")
    ingest.build([str(write_mini_corpus(tmp_path / "mini"))], path)
    return path, _big_corpus(tmp_path / "big")


def _cli(*args, wait=True, **kw):
    """Run `quote-index ARGS` in a subprocess (its own Python), return the Popen or CompletedProcess."""
    cmd = [sys.executable, "-m", "quote_index", *args]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if wait:
        return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, **kw)
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(predicate, timeout=60.0):
    """Poll until predicate() is true; fail the test after timeout seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


def _mini_answers(path):
    """The live index still answers from the MINI corpus."""
    ix = S.open_index(path)
    return S.search(ix, '"autumn storms"').reports == 2 and S.stats(ix).articles == 4


def test_a_killed_build_leaves_the_previous_index_and_the_next_build_succeeds(setup):
    path, big = setup
    proc = _cli("build", str(big), "--index", path, wait=False)
    _wait_for(lambda: glob.glob(path + ".new-*") or proc.poll() is not None)
    time.sleep(0.3)
    assert proc.poll() is None, "the build finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert _mini_answers(path)
    assert glob.glob(path + ".new-*")                       # its half-written directory is still there
    done = _cli("build", str(big), "--index", path)
    assert done.returncode == 0, done.stderr
    assert "stale lock" in done.stderr and "interrupted build" in done.stderr
    assert S.stats(S.open_index(path)).articles == 600
    assert sorted(os.listdir(os.path.dirname(path))) == ["big", "ix", "ix.lock", "mini"]


def test_a_search_during_a_build_answers_from_the_previous_index(setup):
    path, big = setup
    ix = S.open_index(path)                                 # a reader open before the build (like a server)
    proc = _cli("build", str(big), "--index", path, wait=False)
    try:
        _wait_for(lambda: glob.glob(path + ".new-*") or proc.poll() is not None)
        assert proc.poll() is None
        assert S.search(ix, '"autumn storms"').reports == 2      # old index, through the open reader
        r = _cli("search", '"autumn storms"', "--json", "--index", path)   # and from a fresh process
        assert r.returncode == 0 and '"reports": 2' in r.stdout
    finally:
        proc.wait(timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert S.search(ix, '"winter comes back"').reports == 600   # the open reader moves to the new index
    assert S.search(ix, '"autumn storms"').total == 0


def test_a_second_build_during_a_build_stops_with_a_clear_message(setup):
    path, big = setup
    proc = _cli("build", str(big), "--index", path, wait=False)
    try:
        _wait_for(lambda: lock.lock_holder(path) or proc.poll() is not None)
        assert proc.poll() is None
        second = _cli("build", str(big), "--index", path, "--lock-timeout", "0")
        assert second.returncode == 1
        assert f"locked by another writer (pid {proc.pid} on" in second.stderr
        assert "Traceback" not in second.stderr
        upd = _cli("update", "--index", path, "--lock-timeout", "0")
        assert upd.returncode == 1 and "locked by another writer" in upd.stderr
    finally:
        proc.wait(timeout=300)
    assert proc.returncode == 0
    assert S.stats(S.open_index(path)).articles == 600


def test_a_second_build_with_a_timeout_waits_for_the_first(setup):
    path, big = setup
    first = _cli("build", str(big), "--index", path, wait=False)
    _wait_for(lambda: lock.lock_holder(path) or first.poll() is not None)
    second = _cli("update", str(big), "--index", path, "--lock-timeout", "120")
    first.wait(timeout=300)
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    assert "up to date" in second.stderr                 # it ran after the first build finished
