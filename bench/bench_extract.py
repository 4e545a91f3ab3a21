#!/usr/bin/env python3
"""Extraction throughput on one core: articles/s and chars/s over the BBC corpus.

    python3 bench/bench_extract.py [--corpus ../shared/corpora/bbc] [--repeat 1] [--profile]
    python3 bench/bench_extract.py --vs OTHER_CHECKOUT [--pairs 9]
    .venv/bin/python bench/bench_extract.py --vs-python python3 [--pairs 9]

Reads <corpus>/*/*.txt (UTF-8, cp1252 fallback) into memory first, then times only the
extraction. Writes the figures to bench/out/bench_extract.json. Figures taken while other work
runs on the machine are noisy; so `--vs` compares two versions of the code the way a shared
machine allows: this checkout and another one (a git worktree of an older commit), each run as a
whole process in turn (A B A B ...), with the ratio taken pair by pair, so a drift of the
machine's speed hits both sides of each pair (figures in bench/out/bench_extract_paired.json).
`--vs-python` compares two interpreters the same way, on this checkout (or on --vs). Every figure
names the interpreter it was taken on: the same code runs about 1.2x faster on a CPython built with
profile-guided optimisation and a static libpython (Debian's, which `make` installs into) than on a
default source build (pyenv's); docs/SPEED.md, "Round 4".
"""
from __future__ import annotations

import argparse
import glob
import json
import pathlib
import platform
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.extract import direct_quotations  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc"


def read(path: str) -> str:
    """A file as text: UTF-8, else cp1252 (one BBC file is Latin-1)."""
    data = pathlib.Path(path).read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def interpreter() -> str:
    """The interpreter the figures were taken on: version, executable, how libpython is linked."""
    try:
        maps = pathlib.Path("/proc/self/maps").read_text()
        linked = "shared libpython" if "libpython" in maps else "static libpython"
    except OSError:
        linked = "libpython linking unknown"
    return f"CPython {platform.python_version()} ({sys.executable}, {linked})"


def main(argv=None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=pathlib.Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=1, help="passes over the corpus (best one counts)")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of one pass")
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "bench" / "out")
    ap.add_argument("--vs", type=pathlib.Path, help="another checkout to compare with, pair by pair")
    ap.add_argument("--vs-python", help="another interpreter to compare with, pair by pair (on --vs or this checkout)")
    ap.add_argument("--pairs", type=int, default=9, help="with --vs: how many alternated pairs (default 9)")
    args = ap.parse_args(argv)
    if args.vs is not None or args.vs_python is not None:
        return paired(args)
    files = sorted(glob.glob(str(args.corpus / "*" / "*.txt")))
    if not files:
        print(f"bench_extract: no articles under {args.corpus}", file=sys.stderr)
        return 2
    texts = [read(f) for f in files]
    chars = sum(len(t) for t in texts)
    if args.profile:
        import cProfile
        import pstats
        prof = cProfile.Profile()
        prof.enable()
        for t in texts:
            list(direct_quotations(t))
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    best = best_cpu = None
    quotes = 0
    for _ in range(max(1, args.repeat)):
        t0, c0 = time.perf_counter(), time.process_time()
        quotes = sum(len(list(direct_quotations(t))) for t in texts)
        secs, cpu = time.perf_counter() - t0, time.process_time() - c0
        best = secs if best is None else min(best, secs)
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
    # wall time counts the moments the process waits for the core while others use it; CPU time
    # is what the extraction itself takes of one core (both are shown: on a shared machine they part)
    figures = {"articles": len(texts), "chars": chars, "quotes": quotes, "seconds": round(best, 3),
               "articles_per_s": round(len(texts) / best, 1), "chars_per_s": round(chars / best),
               "cpu_seconds": round(best_cpu, 3), "articles_per_cpu_s": round(len(texts) / best_cpu, 1),
               "command": "python3 bench/bench_extract.py", "python": interpreter(),
               "note": "one process, one core; noisy when others share the machine"}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench_extract.json").write_text(json.dumps(figures, indent=2) + "\n")
    for k, v in figures.items():
        print(f"{k:16} {v}")
    return 0


def _one_run(checkout: pathlib.Path, args, python: str = sys.executable) -> tuple[float, float]:
    """(articles/s, whole-process wall seconds) of one run of a checkout's bench_extract.py."""
    with tempfile.TemporaryDirectory() as out:
        cmd = [python, str(checkout / "bench" / "bench_extract.py"), "--corpus", str(args.corpus),
               "--repeat", str(args.repeat), "--out", out]
        t0 = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True)
        wall = time.perf_counter() - t0
        if done.returncode:
            raise SystemExit(f"bench_extract: {checkout} failed:\n{done.stderr.strip()}")
        return json.loads((pathlib.Path(out) / "bench_extract.json").read_text())["articles_per_s"], wall


def paired(args) -> int:
    """This checkout on this interpreter (A) against --vs and/or --vs-python (B), alternated after
    one warm-up each; ratios pair by pair."""
    other = args.vs.resolve() if args.vs is not None else ROOT
    if not (other / "bench" / "bench_extract.py").is_file():
        print(f"bench_extract: --vs {args.vs}: no bench/bench_extract.py there", file=sys.stderr)
        return 2
    python = args.vs_python or sys.executable
    _one_run(ROOT, args), _one_run(other, args, python)      # warm-ups: file cache, byte code
    pairs = []
    for n in range(args.pairs):
        a, b = _one_run(ROOT, args), _one_run(other, args, python)
        pairs.append({"a_articles_per_s": a[0], "b_articles_per_s": b[0], "wall_ratio_a_over_b": round(a[1] / b[1], 3)})
        print(f"pair {n + 1}: A {a[0]} B {b[0]} articles/s, wall A/B {a[1] / b[1]:.3f}", flush=True)

    def spread(key: str) -> dict:
        """min, median, max of one figure over the pairs."""
        xs = [p[key] for p in pairs]
        return {"min": min(xs), "median": round(statistics.median(xs), 3), "max": max(xs)}

    figures = {"a": str(ROOT), "b": str(other), "a_python": sys.executable, "b_python": python,
               "pairs": pairs, "repeat": args.repeat,
               "a_articles_per_s": spread("a_articles_per_s"), "b_articles_per_s": spread("b_articles_per_s"),
               "wall_ratio_a_over_b": spread("wall_ratio_a_over_b"),
               "command": "python3 bench/bench_extract.py" + (f" --vs {args.vs}" if args.vs else "")
               + (f" --vs-python {args.vs_python}" if args.vs_python else "") + f" --pairs {args.pairs}"}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench_extract_paired.json").write_text(json.dumps(figures, indent=2) + "\n")
    for k in ("a_articles_per_s", "b_articles_per_s", "wall_ratio_a_over_b"):
        print(f"{k:22} {figures[k]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
