#!/usr/bin/env python3
"""Extraction throughput on one core: articles/s and chars/s over the BBC corpus.

    python3 bench/bench_extract.py [--corpus ../shared/corpora/bbc] [--repeat 1] [--profile]

Reads <corpus>/*/*.txt (UTF-8, cp1252 fallback) into memory first, then times only the
extraction. Writes the figures to bench/out/bench_extract.json. Figures taken while other work
runs on the machine are noisy.
"""
from __future__ import annotations

import argparse
import glob
import json
import pathlib
import sys
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


def main(argv=None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=pathlib.Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=1, help="passes over the corpus (best one counts)")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of one pass")
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "bench" / "out")
    args = ap.parse_args(argv)
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
    best = None
    quotes = 0
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        quotes = sum(len(list(direct_quotations(t))) for t in texts)
        secs = time.perf_counter() - t0
        best = secs if best is None else min(best, secs)
    figures = {"articles": len(texts), "chars": chars, "quotes": quotes, "seconds": round(best, 3),
               "articles_per_s": round(len(texts) / best, 1), "chars_per_s": round(chars / best),
               "command": "python3 bench/bench_extract.py",
               "note": "one process, one core; noisy when others share the machine"}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench_extract.json").write_text(json.dumps(figures, indent=2) + "\n")
    for k, v in figures.items():
        print(f"{k:16} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
