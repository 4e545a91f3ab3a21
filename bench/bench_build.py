#!/usr/bin/env python3
"""Benchmark: a full build over the ~22,000 articles of ../shared/corpora, against SQLite FTS5.

Builds the Whoosh index end to end (read, extract, resolve speakers and clusters, index, swap)
into /tmp, then indexes the same articles and quotes in SQLite FTS5 in the same run as a
reference. Writes bench/out/build.json; bench_queries.py reuses both indexes.

    python3 bench/bench_build.py                      # the full corpus
    python3 bench/bench_build.py --limit-files 2000   # a quicker partial run
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import platform
import resource
import shutil
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer import ingest  # noqa: E402
from indexer import search as S  # noqa: E402
from indexer.serial import to_json  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
# PolNeAR from its root so that metadata.tsv (the sidecar) applies; its .ann files are not read.
CORPUS = [CORPORA / "polnear", CORPORA / "bbc", CORPORA / "reuters21578" / "json-data"]
WORK = pathlib.Path(os.environ.get("QUOTE_INDEX_BENCH_DIR", "/tmp/quote-index-bench"))
INDEX = WORK / "index"
FTS = WORK / "fts5.sqlite"
OUT = ROOT / "bench" / "out"


def dir_size(path: pathlib.Path) -> int:
    """Bytes of the files in a directory (or of one file)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build_fts(ix_path: pathlib.Path, db_path: pathlib.Path) -> dict:
    """The same articles and quotes, with the same stored fields and filter columns, in SQLite
    FTS5 (bench/_fts5.py: porter stemmer, diacritics folded); timings."""
    import _fts5
    from indexer.text import fold

    if db_path.exists():
        db_path.unlink()
    ix = S.open_index(str(ix_path))
    t0 = time.perf_counter()
    arts = [to_json(a) for a in S.export(ix, "articles")]
    texts = {a.id: a.text for a in ix.view().documents("article")}
    for a in arts:
        a["text"] = texts.get(a["id"], "")
    quotes = [to_json(q) for q in S.export(ix, "quotes")]
    speakers = [(s.id, s.name, fold(s.name)) for s in S.export(ix, "speakers")]
    read_s = time.perf_counter() - t0
    built = _fts5.build(quotes, arts, speakers, db_path)
    return {"seconds": built["seconds"], "read_back_seconds": round(read_s, 2), "bytes": dir_size(db_path)}


def main(argv=None) -> int:
    """Build both indexes and write bench/out/build.json."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit-files", type=int, default=0, help="Index only the first N source files.")
    args = ap.parse_args(argv)
    missing = [str(p) for p in CORPUS if not p.exists()]
    if missing:
        print(f"bench_build: corpus not found: {', '.join(missing)}", file=sys.stderr)
        return 1
    WORK.mkdir(parents=True, exist_ok=True)
    paths = [str(p) for p in CORPUS]
    if args.limit_files:
        from indexer.corpus import discover
        paths = [s.path for s in discover(paths)][: args.limit_files]
    if INDEX.exists():
        shutil.rmtree(INDEX)
    t0, c0 = time.perf_counter(), time.process_time()
    report = ingest.build(paths, str(INDEX), progress=sys.stderr.isatty())
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    stats = to_json(S.stats(S.open_index(str(INDEX))))
    fts = build_fts(INDEX, FTS)
    size = dir_size(INDEX)
    corpus_bytes = sum(dir_size(pathlib.Path(p)) for p in paths)
    figures = {
        "name": "build",
        "command": "python3 bench/bench_build.py" + (f" --limit-files {args.limit_files}" if args.limit_files else ""),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU(s) visible, Python {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "corpus": [str(p) for p in CORPUS], "files": report.files,
        "articles": report.articles, "quotes": report.quotes, "speakers": report.speakers,
        "clusters": report.clusters, "skipped_inputs": len(report.skipped),
        "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2),
        "articles_per_second": round(report.articles / seconds, 1),
        "articles_per_cpu_second": round(report.articles / cpu, 1),
        "target_articles_per_second": 150, "peak_rss_mb": peak_mb,
        "load_average_after": round(os.getloadavg()[0], 2),
        "index_bytes": size, "corpus_bytes": corpus_bytes,
        "index_to_corpus_ratio": round(size / corpus_bytes, 2) if corpus_bytes else None,
        "fts5_seconds": fts["seconds"], "fts5_bytes": fts["bytes"],
        "size_ratio_whoosh_to_fts5": round(size / fts["bytes"], 2) if fts["bytes"] else None,
        "note_cpu": "articles_per_cpu_second is the one-core rate (process CPU time); "
                    "articles_per_second is wall time and falls when other work shares the machine "
                    "(see load_average_after).",
        "note": "FTS5 time covers inserting already-extracted articles and quotes only (no reading or "
                "extraction), so the ratio compares indexing cost, not the end-to-end build.",
        "stats": {k: stats[k] for k in ("articles", "quotes", "speakers", "clusters", "outlets")},
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "build.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
