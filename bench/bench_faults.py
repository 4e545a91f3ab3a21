"""SIGKILL at random points of `build` and `update`, and at every phase boundary: count the
survivals; then 18 kinds of damaged index (faults_damage.py) and the swap race (faults_race.py).

A run: a live index holds corpus state v1; a writer (a real `quote-index` process) builds or
updates towards v2 and is killed with SIGKILL, either after a random delay or at a chosen
point of its work (`--kill-at FUNCTION:WHEN`, see `killed_main`). Then:
- a reader opened before the writer started still answers, and so does a fresh reader;
- what both see is exactly v1 or exactly v2 (article ids and quote count), never a mix;
- the next writer run succeeds (reporting the stale lock it recovered) and leaves exactly v2,
  with no `.new-*` / `.old-*` directories left behind.
A kill "survived" when all of that holds.

    python bench/bench_faults.py                   # 40 random kills + every phase point, damage, race
    python bench/bench_faults.py --runs 100 --articles 300
    python bench/bench_faults.py --parts damage,race --swaps 80 --lookups 5000

Writes bench/out/bench_faults.json. Also usable as the killable writer itself:
    python bench/bench_faults.py --kill-at finish:before -- build CORPUS --index DIR
"""
from __future__ import annotations

import argparse
import functools
import glob
import json
import os
import pathlib
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

# Where a writer can be stopped: FUNCTION:WHEN, WHEN = before | after | N (the Nth call); FUNCTION
# is one of POINTS, each in the module the writer calls it through (indexer/ingest/run.py).
# "swap:between" kills inside the swap, after the first rename (if the swap is two renames).
POINTS = {"recover": "indexer.store.swap", "fresh_dir": "indexer.store.swap",
          "fsync_tree": "indexer.store.swap", "swap_in": "indexer.store.swap",
          "extract_file": "indexer.ingest.sources",
          "finish": "indexer.ingest.run", "commit": "indexer.ingest.run",
          "write_tables": "indexer.ingest.run"}
BUILD_POINTS = ["recover:after", "extract_file:3", "finish:before", "write_tables:before",
                "fsync_tree:after", "swap:between", "swap_in:after"]
UPDATE_POINTS = ["fresh_dir:after", "extract_file:2", "commit:before", "write_tables:before",
                 "swap:between", "swap_in:after"]


# ---------------------------------------------------------------------------------------------
# The killable writer (runs in the child process)


def _die() -> None:
    """SIGKILL this process: no cleanup handler, no finally block runs."""
    os.kill(os.getpid(), signal.SIGKILL)


def killed_main(point: str, argv: list[str]) -> None:
    """Run `quote-index argv`, killing this process at point (FUNCTION:WHEN)."""
    from quote_index import cli

    install_kill_point(point)
    sys.argv = ["quote-index", *argv]
    cli.main()


def install_kill_point(point: str) -> None:
    """Patch the writer so that this process SIGKILLs itself at point (FUNCTION:WHEN).

    "swap:between" dies inside the swap after its first rename (right after it when the swap is
    one atomic exchange); "fallback:between" does the same with the atomic exchange disabled.
    """
    import importlib

    from indexer.store import swap as swapping

    name, _, when = point.partition(":")
    if name == "fallback":
        swapping.exchange = lambda a, b: False
        name = "swap"
    if name == "swap":
        orig_swap = swapping.swap_in

        def swap(tmp, layout):
            """The real swap with os.rename killing us after its first rename."""
            real = os.rename

            def rename(a, b, *args, **kwargs):
                real(a, b, *args, **kwargs)
                _die()
            os.rename = rename
            try:
                orig_swap(tmp, layout)
            finally:
                os.rename = real
            _die()            # an atomic swap made no os.rename call: die right after it
        swapping.swap_in = swap
        return
    module = importlib.import_module(POINTS[name])
    orig = getattr(module, name)
    calls = [0]

    @functools.wraps(orig)
    def wrapper(*args, **kwargs):
        calls[0] += 1
        if when == "before" or (when.isdigit() and calls[0] == int(when)):
            _die()
        out = orig(*args, **kwargs)
        if when == "after":
            _die()
        return out
    setattr(module, name, wrapper)


# ---------------------------------------------------------------------------------------------
# Corpora v1 and v2 (generated; nothing read from ../shared)

_WORDS = ("council harbour budget library ferry storm winter bridge school river market tram "
          "museum stadium clinic tunnel garden").split()


def write_corpus(root: pathlib.Path, n: int, version: int, seed: int = 7) -> pathlib.Path:
    """n articles; version 2 edits a fifth of them, deletes a tenth and adds a fifth more."""
    rnd = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for i in range(n + (n // 5 if version == 2 else 0)):
        if version == 2 and i % 10 == 3:
            continue                                            # deleted in v2
        edited = version == 2 and i % 5 == 1
        words = " ".join(rnd.choice(_WORDS) for _ in range(40))
        tag = f"v2edit{i}" if edited else f"item{i}"
        speaker = ["Pat Lee", "Ana Ferreira", "Tom Baker", "Rosa Gallo"][i % 4]
        (root / f"a{i:04d}.txt").write_text(
            f"Story {i}\n\nTOWN: The council met on day {i}.\n\n"
            f"\"The {words} {tag} will be ready before the winter,\" {speaker} said.\n\n"
            f"\"We have waited long enough for this {tag},\" {speaker.split()[1]} added.\n\n"
            + "The weather stayed mild all week in the valley. " * 10 + "\n", encoding="utf-8")
    return root


def signature(index_dir: str) -> tuple:
    """What a fresh reader sees: (article ids, quote total), through the public search API."""
    from indexer import search as S

    ix = S.open_index(index_dir)
    return _sig(ix)


def _sig(ix) -> tuple:
    """(article ids, quote total) of an open Index."""
    from indexer import search as S

    arts = S.search(ix, "", scope="articles", per_page=100)
    ids, page = [h.id for h in arts.hits], 1
    while page < arts.pages:
        page += 1
        ids += [h.id for h in S.search(ix, "", scope="articles", per_page=100, page=page).hits]
    return tuple(sorted(ids)), S.search(ix, "").total


# ---------------------------------------------------------------------------------------------
# One kill and its checks


def writer_cmd(mode: str, corpus: str, index_dir: str, point: str | None = None) -> list[str]:
    """The command line of a build/update run (killable at point)."""
    args = ["build", corpus] if mode == "build" else ["update"]
    args += ["--index", index_dir, "--no-progress"]
    if point:
        return [sys.executable, str(pathlib.Path(__file__).resolve()), "--kill-at", point, "--", *args]
    return [sys.executable, "-m", "quote_index", *args]


def _env() -> dict:
    """The environment of a child writer: this checkout first on the path."""
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


class _Forked:
    """A writer run in a forked child of this process (no interpreter start-up: quick, for tests)."""

    def __init__(self, mode: str, corpus: str, index_dir: str, point: str | None):
        self.pid = os.fork()
        if self.pid == 0:                                   # the child: run the writer, never return
            code = 3
            try:
                fd = os.open(os.devnull, os.O_WRONLY)
                os.dup2(fd, 1)
                os.dup2(fd, 2)
                if point:
                    install_kill_point(point)
                from indexer import ingest
                if mode == "build":
                    ingest.build([corpus], index_dir, lock_timeout=60)
                else:
                    ingest.update(index_dir, lock_timeout=60)
                code = 0
            finally:
                os._exit(code)
        self.returncode = None

    def wait(self, timeout: float | None = None) -> int:
        """Wait for the child (raise subprocess.TimeoutExpired after timeout seconds)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
                break
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("fork", timeout)
            time.sleep(0.005)
        return self.returncode

    def send_signal(self, sig: int) -> None:
        """Signal the child."""
        os.kill(self.pid, sig)

    def communicate(self, timeout: float | None = None) -> tuple[str, str]:
        """Wait; the child's output went to /dev/null."""
        self.wait(timeout)
        return "", ""


def _recover_in_process(mode: str, corpus: str, index_dir: str) -> tuple[int, str]:
    """The next writer run in this process: (exit status, its messages as stderr would show them)."""
    from indexer import ingest

    lines: list[str] = []
    say = lambda m: lines.append(f"quote-index: {m}")      # noqa: E731
    try:
        if mode == "build":
            ingest.build([corpus], index_dir, on_message=say)
        else:
            ingest.update(index_dir, on_message=say)
        return 0, "\n".join(lines)
    except Exception as e:  # noqa: BLE001 - reported as a failed run
        return 1, "\n".join(lines + [f"{type(e).__name__}: {e}"])


def kill_once(mode: str, v1_index: str, work: pathlib.Path, corpus: pathlib.Path, sig1: tuple, sig2: tuple,
              point: str | None = None, delay: float | None = None, v2_corpus=None, fork: bool = False) -> dict:
    """Copy the v1 index, run a writer towards v2, kill it, check readers and recovery; a result dict."""
    from indexer import search as S
    from indexer.store import layout

    ix_dir = str(work / "ix")
    for p in glob.glob(ix_dir + "*"):
        shutil.rmtree(p, ignore_errors=True) if os.path.isdir(p) else os.unlink(p)
    shutil.copytree(v1_index, ix_dir)
    if mode == "update":
        # update re-reads the corpus the index was built from: point the copy's meta at v2
        meta = layout.read_json(ix_dir, "meta.json")
        meta["corpus"] = [str(v2_corpus)]
        layout.write_json(ix_dir, "meta.json", meta)
    early = S.open_index(ix_dir)                       # a reader open before the writer starts (a server)
    _sig(early)
    t0 = time.monotonic()
    if fork:
        proc = _Forked(mode, str(corpus), ix_dir, point)
    else:
        proc = subprocess.Popen(writer_cmd(mode, str(corpus), ix_dir, point), cwd=ROOT, env=_env(),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if delay is not None:
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=600)
    killed = proc.returncode == -signal.SIGKILL
    try:                           # did the writer die holding the lock (its record still there)?
        held = bool(pathlib.Path(ix_dir + ".lock").read_text().strip())
    except OSError:
        held = False
    result = {"mode": mode, "point": point, "delay": delay, "killed": killed, "returncode": proc.returncode,
              "pid": proc.pid, "ran_s": round(time.monotonic() - t0, 2)}
    problems = []
    # With the atomic exchange disabled, a writer killed between its two renames leaves no live
    # index until the next writer restores it: readers then fail by design (counted apart).
    gap = point is not None and point.startswith("fallback")
    in_between = result.setdefault("gap", []) if gap else problems
    if not killed and proc.returncode != 0:
        problems.append(f"writer failed without being killed: {err[-500:]}")
    try:
        seen_early = _sig(early)
        if seen_early not in (sig1, sig2):
            problems.append("the reader opened before the kill sees a mixed state")
    except Exception as e:  # noqa: BLE001 - counted, reported
        in_between.append(f"the reader opened before the kill fails: {type(e).__name__}: {e}")
    try:
        seen = signature(ix_dir)
        result["state"] = "old" if seen == sig1 else "new" if seen == sig2 else "MIXED"
        if seen not in (sig1, sig2):
            problems.append("a fresh reader sees a mixed state")
    except Exception as e:  # noqa: BLE001
        result["state"] = "NO ANSWER"
        in_between.append(f"a fresh reader fails after the kill: {type(e).__name__}: {e}")
    # the next run succeeds and reaches v2
    t1 = time.monotonic()
    if fork:
        rc, stderr = _recover_in_process(mode, str(corpus), ix_dir)
    else:
        nxt = subprocess.run(writer_cmd(mode, str(corpus), ix_dir), cwd=ROOT, env=_env(),
                             capture_output=True, text=True, timeout=600)
        rc, stderr = nxt.returncode, nxt.stderr
    result["recovery_s"] = round(time.monotonic() - t1, 2)
    result["messages"] = [line for line in stderr.splitlines() if "stale lock" in line
                          or "interrupted" in line or "restored" in line]
    if rc != 0:
        problems.append(f"the next {mode} failed: {stderr[-500:]}")
    elif held and not any(f"stale lock left by pid {proc.pid} " in m for m in result["messages"]):
        problems.append("the stale lock was not reported")
    result["held_lock"] = held
    try:
        if signature(ix_dir) != sig2:
            problems.append(f"after the next {mode} the index is not the new state")
        if _sig(early) != sig2:
            problems.append("the early reader did not move to the new state")
    except Exception as e:  # noqa: BLE001
        problems.append(f"reader fails after recovery: {type(e).__name__}: {e}")
    left = [os.path.basename(p) for p in glob.glob(ix_dir + ".new-*") + glob.glob(ix_dir + ".old-*")]
    if left:
        problems.append(f"leftovers after recovery: {left}")
    early.close()
    result["problems"] = problems
    result["survived"] = not problems
    return result


class Setup:
    """The v1 and v2 corpora and indexes a series of kills starts from."""

    def __init__(self, base: pathlib.Path, articles: int):
        from indexer import ingest

        self.base = base
        self.v1 = write_corpus(base / "v1", articles, 1)
        self.v2 = write_corpus(base / "v2", articles, 2)
        # A copy of v1 where update will run (update reads the v2 files it is pointed at).
        self.v1_index = str(base / "v1_index")
        ingest.build([str(self.v1)], self.v1_index)
        ingest.build([str(self.v2)], str(base / "v2_index"))
        self.sig1 = signature(self.v1_index)
        self.sig2 = signature(str(base / "v2_index"))
        assert self.sig1 != self.sig2
        self.work = base / "work"
        self.work.mkdir(exist_ok=True)

    def kill(self, mode: str, point: str | None = None, delay: float | None = None, fork: bool = False) -> dict:
        """One kill of a build (v1 -> v2 corpus) or an update (v1 index re-read against v2 files)."""
        return kill_once(mode, self.v1_index, self.work, self.v2, self.sig1, self.sig2,
                         point=point, delay=delay, v2_corpus=self.v2, fork=fork)

    def duration(self, mode: str, fork: bool = False) -> float:
        """Seconds an unkilled writer run takes here (to spread random kills over it)."""
        r = self.kill(mode, delay=None, fork=fork)
        assert r["survived"], r
        return r["ran_s"]


def main(argv=None) -> int:
    """Random kills and phase kills of build and update; figures to bench/out/bench_faults.json."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--kill-at"]:
        sep = argv.index("--")
        killed_main(argv[1], argv[sep + 1:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=40, help="random kills (half build, half update)")
    ap.add_argument("--articles", type=int, default=200, help="articles in the v1 corpus")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "bench_faults.json"))
    ap.add_argument("--parts", default="kills,damage,race",
                    help="what to run: kills (SIGKILLs), damage (18 kinds), race (swaps under readers)")
    ap.add_argument("--swaps", type=int, default=80, help="race: swaps at least")
    ap.add_argument("--lookups", type=int, default=5000, help="race: look-ups at least")
    args = ap.parse_args(argv)
    parts = set(args.parts.split(","))

    rnd = random.Random(args.seed)
    results = []
    extra: dict = {}
    with tempfile.TemporaryDirectory(prefix="qi-faults-") as tmp:
        setup = Setup(pathlib.Path(tmp), args.articles)
        if "damage" in parts:
            extra["damage"] = damage_runs(setup)
        if "race" in parts:
            extra["race"] = race_run(setup, args.swaps, args.lookups)
        if "kills" not in parts:
            return _report_extra(args, argv, extra)
        durations = {m: setup.duration(m) for m in ("build", "update")}
        print(f"unkilled run: build {durations['build']}s, update {durations['update']}s", flush=True)
        for mode, points in (("build", BUILD_POINTS), ("update", UPDATE_POINTS)):
            for point in points:
                r = setup.kill(mode, point=point)
                results.append(r)
                print(f"{mode:6s} at {point:22s} killed={r['killed']} state={r.get('state')} "
                      f"{'ok' if r['survived'] else 'FAILED ' + '; '.join(r['problems'])}", flush=True)
        for i in range(args.runs):
            mode = ("build", "update")[i % 2]
            delay = round(rnd.uniform(0.0, durations[mode]), 3)
            r = setup.kill(mode, delay=delay)
            results.append(r)
            print(f"{mode:6s} after {delay:6.3f}s killed={r['killed']} state={r.get('state')} "
                  f"{'ok' if r['survived'] else 'FAILED ' + '; '.join(r['problems'])}", flush=True)
    killed = [r for r in results if r["killed"]]
    out = {"name": "bench_faults", "date": time.strftime("%Y-%m-%d %H:%M:%S"),
           "machine": {"python": sys.version.split()[0], "cpus": os.cpu_count()},
           "command": "python bench/bench_faults.py " + " ".join(argv),
           "articles": args.articles, "unkilled_seconds": durations,
           "runs": len(results), "kills": len(killed),
           "survived": sum(r["survived"] for r in killed),
           "finished_before_kill": len(results) - len(killed),
           "killed_holding_lock": sum(bool(r.get("held_lock")) for r in killed),
           "stale_locks_recovered_with_message": sum(bool(r.get("held_lock")) and r["survived"] for r in killed),
           "states_after_kill": {s: sum(r.get("state") == s for r in killed)
                                 for s in ("old", "new", "MIXED", "NO ANSWER")},
           "phase_points": {"build": BUILD_POINTS, "update": UPDATE_POINTS},
           "max_recovery_s": max((r["recovery_s"] for r in results), default=None),
           "failures": [r for r in results if not r["survived"]],
           "note": "SIGKILL from outside (random delay) or from inside at a phase point; "
                   "timings noisy on a shared machine", **extra}
    pathlib.Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(args.out).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"kills survived: {out['survived']} of {out['kills']} "
          f"({out['finished_before_kill']} runs finished before their kill) -> {args.out}")
    return 0 if out["survived"] == out["kills"] and not out["failures"] and _extra_ok(extra) else 1


def damage_runs(setup: "Setup") -> dict:
    """Each of the 18 kinds of damage against real processes (bench/faults_damage.py)."""
    import faults_damage as fd

    pages = fd.entity_pages(setup.v1_index)
    cmd = [sys.executable, "-m", "quote_index"]
    runs = []
    for kind in fd.KINDS:
        r = fd.run_kind(kind, setup.v1_index, str(setup.v1), setup.work, pages, cmd, _env(), str(ROOT))
        runs.append(r)
        print(f"damage {kind:28s} serve {r['serve']:18s} tracebacks {r['tracebacks']} "
              f"5xx {r['server_errors']} {'ok' if r['ok'] else 'FAILED ' + '; '.join(r['problems'])}", flush=True)
    return {"kinds": len(runs), "tracebacks": sum(r["tracebacks"] for r in runs),
            "server_errors": sum(r["server_errors"] for r in runs),
            "serve_refused": sum(r["serve"].startswith("refused") for r in runs),
            "ok": sum(r["ok"] for r in runs), "runs": runs}


def race_run(setup: "Setup", swaps: int, lookups: int) -> dict:
    """Speaker look-ups pinned while the v1 and v2 generations swap (bench/faults_race.py)."""
    import faults_race as fr

    v2_index = str(setup.base / "v2_index")
    r = fr.race(str(setup.base / "race"), [setup.v1_index, v2_index], "pat-lee", swaps=swaps, lookups=lookups)
    print(f"race: {r['lookups'] + r['web_lookups']} look-ups ({r['web_lookups']} through the web app), "
          f"{r['fresh_opens']} fresh opens, {r['swaps']} swaps in {r['seconds']} s: "
          f"{r['mixed']} mixed, {r['errors']} errors", flush=True)
    return r


def _extra_ok(extra: dict) -> bool:
    """The damage and race parts found nothing wrong."""
    damage, race = extra.get("damage"), extra.get("race")
    return ((damage is None or damage["ok"] == damage["kinds"])
            and (race is None or (race["mixed"] == 0 and race["errors"] == 0)))


def _report_extra(args, argv: list, extra: dict) -> int:
    """Write the damage and race figures alone (no kills asked for)."""
    out = {"name": "bench_faults", "date": time.strftime("%Y-%m-%d %H:%M:%S"),
           "machine": {"python": sys.version.split()[0], "cpus": os.cpu_count()},
           "command": "python bench/bench_faults.py " + " ".join(argv), "articles": args.articles, **extra}
    pathlib.Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(args.out).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"-> {args.out}")
    return 0 if _extra_ok(extra) else 1


if __name__ == "__main__":
    sys.exit(main())
