#!/usr/bin/env python3
"""Benchmark: incremental update against a full rebuild, on a /tmp copy of the BBC corpus.

Builds an index over the copy, then changes 1, 10 and 100 files (appending a sentence written
here), deletes one and adds one, runs `update` after each step and times it; at the end a fresh
build of the same files must export exactly the same records. Writes bench/out/update.json.

    python3 bench/bench_update.py
"""
from __future__ import annotations

import json
import os
import pathlib
import platform
import shutil
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer import ingest  # noqa: E402
from indexer import search as S  # noqa: E402

SOURCE = ROOT.parent / "shared" / "corpora" / "bbc"
WORK = pathlib.Path(os.environ.get("QUOTE_INDEX_BENCH_DIR", "/tmp/quote-index-bench")) / "update"
ADDED = '\n"We will look at this again next week," Ada Example said.\n'


def export(path: pathlib.Path) -> dict:
    """Every record of an index, for the update == build check."""
    ix = S.open_index(str(path))
    return {k: list(S.export(ix, k)) for k in S.EXPORT_KINDS}


def main() -> int:
    """Time build, then updates after growing numbers of changed files; write update.json."""
    if not SOURCE.exists():
        print(f"bench_update: corpus not found: {SOURCE}", file=sys.stderr)
        return 1
    shutil.rmtree(WORK, ignore_errors=True)
    corpus = WORK / "bbc"
    shutil.copytree(SOURCE, corpus)
    live = WORK / "index"
    files = sorted(p for p in corpus.rglob("*.txt") if p.name != "README.TXT")
    t = time.perf_counter()
    built = ingest.build([str(corpus)], str(live))
    figures = {"name": "update", "command": "python3 bench/bench_update.py",
               "machine": f"{platform.machine()}, {os.cpu_count()} CPU(s) visible, Python {platform.python_version()}",
               "date": time.strftime("%Y-%m-%d %H:%M"), "corpus": "a /tmp copy of ../shared/corpora/bbc",
               "articles": built.articles, "build_seconds": round(time.perf_counter() - t, 2)}
    t = time.perf_counter()
    ingest.update(str(live))
    figures["noop_update_seconds"] = round(time.perf_counter() - t, 2)
    done = 0
    for n in (1, 10, 100):
        for p in files[done:done + n]:
            with open(p, "a", encoding="utf-8") as f:
                f.write(ADDED)
        done += n
        t = time.perf_counter()
        r = ingest.update(str(live))
        figures[f"update_{n}_changed"] = {"seconds": round(time.perf_counter() - t, 2), "files_read": r.files,
                                          "quotes_relinked": r.rewritten}
    files[-1].unlink()
    (corpus / "added.txt").write_text("A new story\n" + ADDED, encoding="utf-8")
    t = time.perf_counter()
    r = ingest.update(str(live))
    figures["update_1_added_1_deleted"] = {"seconds": round(time.perf_counter() - t, 2), "files_read": r.files}
    fresh = WORK / "fresh"
    t = time.perf_counter()
    ingest.build([str(corpus)], str(fresh))
    figures["rebuild_seconds"] = round(time.perf_counter() - t, 2)
    figures["update_equals_rebuild"] = export(live) == export(fresh)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "update.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))
    shutil.rmtree(WORK, ignore_errors=True)
    return 0 if figures["update_equals_rebuild"] else 1


if __name__ == "__main__":
    sys.exit(main())
