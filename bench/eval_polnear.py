#!/usr/bin/env python3
"""Score the quote extractor on PolNeAR direct quotes (dev or train split).

Runs `indexer.quotes.direct_quotations` over <polnear>/<split>/text/*.txt, writes the predictions
to bench/out/polnear_<split>.jsonl, runs the shared scorer (../shared/tools/polnear_score.py) and
saves its figures as JSON in bench/out/eval_polnear_<split>.json.

    python3 bench/eval_polnear.py --split dev
    python3 bench/eval_polnear.py --split train --polnear /path/to/polnear
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.quotes import direct_quotations  # noqa: E402

DEFAULT_POLNEAR = ROOT.parent / "shared" / "corpora" / "polnear"
DEFAULT_SCORER = ROOT.parent / "shared" / "tools" / "polnear_score.py"


def predict(polnear: pathlib.Path, split: str, out_path: pathlib.Path) -> tuple[int, int, float]:
    """Extract quotes from every article of the split into out_path; (articles, quotes, seconds)."""
    files = sorted(glob.glob(str(polnear / split / "text" / "*.txt")))
    if not files:
        raise SystemExit(f"eval_polnear: no articles under {polnear / split / 'text'}")
    n_quotes = 0
    t0 = time.perf_counter()
    with open(out_path, "w", encoding="utf-8") as out:
        for path in files:
            with open(path, encoding="utf-8") as f:
                text = f.read()
            stem = os.path.splitext(os.path.basename(path))[0]
            for q in direct_quotations(text, stem):
                out.write(json.dumps(q.to_json(), ensure_ascii=False) + "\n")
                n_quotes += 1
    return len(files), n_quotes, time.perf_counter() - t0


def main(argv=None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "train"), default="dev")
    ap.add_argument("--polnear", type=pathlib.Path, default=DEFAULT_POLNEAR,
                    help="PolNeAR root (default: ../shared/corpora/polnear beside the repo)")
    ap.add_argument("--scorer", type=pathlib.Path, default=DEFAULT_SCORER)
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "bench" / "out")
    args = ap.parse_args(argv)
    if not args.scorer.exists():
        print(f"eval_polnear: scorer not found at {args.scorer}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    pred = args.out / f"polnear_{args.split}.jsonl"
    n_art, n_q, secs = predict(args.polnear, args.split, pred)
    res = subprocess.run([sys.executable, str(args.scorer), str(args.polnear), args.split, str(pred), "--json"],
                         capture_output=True, text=True, check=False)
    if res.returncode != 0:
        print(f"eval_polnear: scorer failed:\n{res.stderr}", file=sys.stderr)
        return 1
    figures = json.loads(res.stdout.strip().splitlines()[-1])
    figures.update({"split": args.split, "predicted_quotes": n_q, "extract_seconds": round(secs, 2),
                    "command": f"python3 bench/eval_polnear.py --split {args.split}"})
    (args.out / f"eval_polnear_{args.split}.json").write_text(json.dumps(figures, indent=2) + "\n")
    for k, v in figures.items():
        print(f"{k:22} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
