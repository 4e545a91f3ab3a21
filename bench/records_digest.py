#!/usr/bin/env python3
"""A digest of every quote record the extractor makes over the shared corpora: a change meant to
keep the output (a speed-up, a move of code) must keep it.

    python3 bench/records_digest.py                 # this checkout: "<records> <digest>"
    python3 bench/records_digest.py --vs OTHER      # and another checkout (a git worktree, any commit)
    python3 bench/records_digest.py --out recs.jsonl   # the records too, one JSON line each

The articles are read as the index build reads them (`corpus.iter_articles`), in its order; each
record is `Quote.to_json()` with sorted keys, one line; the digest is the first 16 hex digits of
the SHA-256 of those lines. It does not depend on PYTHONHASHSEED or the interpreter (checked on
Debian's and pyenv's CPython 3.11). About 15 s of CPU over some 22,000 articles.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
PARTS = ("polnear", "bbc", "reuters21578")


def digest(root: pathlib.Path, corpora: pathlib.Path, out: str = "") -> tuple[int, str]:
    """(records, digest) of the extractor of the checkout at root over the corpora; the records
    written to `out` when given."""
    sys.path.insert(0, str(root))
    from indexer import corpus
    from indexer.extract import extract_quotes
    roots = [corpora / p for p in PARTS]
    missing = [str(r) for r in roots if not r.exists()]
    if missing:
        raise SystemExit(f"records_digest: corpus not found: {', '.join(missing)} (--corpora)")
    h, n = hashlib.sha256(), 0
    sink = open(out, "w", encoding="utf-8") if out else None
    try:
        for art in corpus.iter_articles([str(r) for r in roots]):
            for q in extract_quotes(art):
                line = json.dumps(q.to_json(), sort_keys=True) + "\n"
                h.update(line.encode())
                n += 1
                if sink is not None:
                    sink.write(line)
    finally:
        if sink is not None:
            sink.close()
    return n, h.hexdigest()[:16]


def main(argv=None) -> int:
    """Command line entry point: print the digest (and another checkout's, compared)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vs", metavar="CHECKOUT", help="another checkout whose digest to compare with")
    ap.add_argument("--out", default="", help="also write the records here (JSON lines)")
    ap.add_argument("--corpora", default=str(CORPORA), help="the shared corpora (default: %(default)s)")
    ap.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)   # (the checkout --vs runs)
    args = ap.parse_args(argv)
    root = pathlib.Path(args.root).resolve()
    n, d = digest(root, pathlib.Path(args.corpora), args.out)
    print(f"{n} {d}  {root}")
    if not args.vs:
        return 0
    other = pathlib.Path(args.vs).resolve()
    if not (other / "indexer" / "extract").is_dir():
        raise SystemExit(f"records_digest: --vs {args.vs}: not a checkout of quote-index (no indexer/extract)")
    # (a process of its own: two versions of the package cannot be imported into one)
    got = subprocess.run([sys.executable, __file__, "--root", str(other), "--corpora", args.corpora], capture_output=True, text=True)
    if got.returncode != 0:
        raise SystemExit(f"records_digest: --vs {args.vs} failed: {got.stderr.strip()}")
    print(got.stdout.strip())
    same = got.stdout.split()[:2] == [str(n), d]
    print("same records" if same else "DIFFERENT records")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
