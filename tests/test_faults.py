"""Faults: SIGKILL at every phase and at random points of build and update, a full disk.

Extends tests/test_build_faults.py (one kill of a CLI build, lock contention): here every phase
boundary of both writers is hit on purpose (a kill point patched into a forked writer, so no
interpreter start-up per kill), plus seeded random kills from outside, the two-rename fallback
swap, and ENOSPC. After each kill: a reader opened before the writer and a fresh reader both
answer with exactly the old or the new state, the next run succeeds, reports the stale lock, and
leaves the new state with nothing behind. bench/bench_faults.py runs the same with 40+ kills of
real `quote-index` processes.
"""
from __future__ import annotations

import errno
import glob
import importlib.util
import os
import pathlib
import random
import subprocess

import pytest

from conftest import ROOT, write_mini_corpus
from indexer import ingest
from indexer import search as S
from quote_index.cli import cli

pytestmark = pytest.mark.slow

_spec = importlib.util.spec_from_file_location("bench_faults", ROOT / "bench" / "bench_faults.py")
bf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bf)


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    """Corpora v1 and v2 (30 articles) and the v1 index each kill starts from."""
    return bf.Setup(tmp_path_factory.mktemp("faults"), 30)


def _assert_survived(r: dict) -> None:
    """The kill happened and every check after it held; the stale lock named the dead writer."""
    assert r["killed"], r
    assert r["survived"], r["problems"]
    assert any(f"stale lock left by pid {r['pid']} " in m for m in r["messages"]), r["messages"]


@pytest.mark.parametrize("point", bf.BUILD_POINTS)
def test_build_killed_at_each_phase(setup, point):
    r = setup.kill("build", point=point, fork=True)
    _assert_survived(r)
    # before the swap the old state is live; from the swap on, the new one
    assert r["state"] == ("new" if "swap" in point else "old"), r


@pytest.mark.parametrize("point", bf.UPDATE_POINTS)
def test_update_killed_at_each_phase(setup, point):
    r = setup.kill("update", point=point, fork=True)
    _assert_survived(r)
    assert r["state"] == ("new" if "swap" in point else "old"), r


def test_random_kills_of_build_and_update(setup):
    rnd = random.Random(5)
    spans = {m: setup.duration(m, fork=True) for m in ("build", "update")}
    results: list = []
    # Six kills: a run that finished before its delay (the machine is shared, so durations vary)
    # is still checked, and another is tried, up to 14 runs.
    while sum(r["killed"] for r in results) < 6 and len(results) < 14:
        mode = ("build", "update")[len(results) % 2]
        results.append(setup.kill(mode, delay=rnd.uniform(0, 0.9 * spans[mode]), fork=True))
    for r in results:
        assert r["survived"], r
    assert sum(r["killed"] for r in results) >= 3, results


def test_a_kill_between_the_two_renames_of_the_fallback_swap_is_repaired(setup):
    # Where the atomic exchange is unavailable the swap is two renames; a writer killed between
    # them leaves the live path empty until the next writer puts the old index back.
    r = setup.kill("build", point="fallback:between", fork=True)
    assert r["killed"] and r["survived"], r
    assert any("restored the live index" in m for m in r["messages"]), r["messages"]


def test_the_cli_writer_killed_mid_swap(setup):
    # Once through the real command line (a separate interpreter), at the most delicate point.
    r = setup.kill("update", point="swap:between")
    _assert_survived(r)


# ---------------------------------------------------------------- a full disk (ENOSPC)


def _mount_tmpfs(path: pathlib.Path, size: str) -> bool:
    """Mount a tiny tmpfs at path (needs root and a kernel that allows it); False when impossible."""
    path.mkdir(parents=True, exist_ok=True)
    try:
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                           capture_output=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return r.returncode == 0


@pytest.fixture
def full_disk(tmp_path, monkeypatch):
    """A directory on a 400 kB file system: a real tmpfs when it can be mounted, else a simulation.

    The simulation makes every Whoosh file write beyond 300 kB in the directory raise ENOSPC.
    Yields (directory, how) with how = "tmpfs" or "simulated".
    """
    disk = tmp_path / "disk"
    if _mount_tmpfs(disk, "400k"):
        try:
            yield disk, "tmpfs"
        finally:
            subprocess.run(["umount", "-l", str(disk)], capture_output=True, timeout=20)
        return
    from whoosh.filedb import structfile

    written = {"n": 0}
    real = structfile.StructFile.write

    def write(self, data, *a, **k):
        """Count bytes; past the budget behave like a full disk."""
        written["n"] += len(data)
        if written["n"] > 300_000:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(self, data, *a, **k)
    disk.mkdir()
    monkeypatch.setattr(structfile.StructFile, "write", write)
    yield disk, "simulated"


@pytest.mark.parametrize("mode", ["build", "update"])
def test_a_full_disk_leaves_the_live_index_intact(full_disk, tmp_path, runner, mode):
    disk, how = full_disk
    ix = str(disk / "ix")
    small = write_mini_corpus(tmp_path / "mini")
    ingest.build([str(small)], ix)
    before = bf.signature(ix)
    big = bf.write_corpus(tmp_path / "big", 150, 1)
    if mode == "build":
        r = runner.invoke(cli, ["build", str(big), "--index", ix, "--no-progress"])
    else:
        for p in big.iterdir():                       # new files in the indexed corpus
            (small / p.name).write_bytes(p.read_bytes())
        r = runner.invoke(cli, ["update", "--index", ix, "--no-progress"])
    assert r.exit_code == 1, (how, r.output)
    assert "No space left on device" in r.output and "live index was left as it was" in r.output, r.output
    assert "Traceback" not in r.output and not isinstance(r.exception, OSError)
    assert bf.signature(ix) == before                 # still answers, still the old state
    assert not glob.glob(ix + ".new-*"), os.listdir(disk)   # the half-written copy is gone: space is back
    for p in big.iterdir():
        (small / p.name).unlink(missing_ok=True)
    ok = runner.invoke(cli, ["build", str(small), "--index", ix, "--no-progress"])
    assert ok.exit_code == 0, ok.output                   # and the next run that fits succeeds
    assert S.stats(S.open_index(ix)).articles == 4


def test_a_run_without_progress_takes_no_tqdm_lock(monkeypatch):
    """tqdm's write lock is shared with forked processes: a forked writer killed while holding it
    once blocked this process for good. With progress off, no tqdm bar (nor its lock) is made."""
    import tqdm

    def taken(cls):
        raise AssertionError("tqdm's lock was taken")
    monkeypatch.setattr(tqdm.tqdm, "get_lock", classmethod(taken))
    from indexer.ingest.progress import Phases
    with Phases(progress=False).bar("writing", 3, "quote") as bar:
        bar.update(1)
        bar.set_postfix(quotes=1)
