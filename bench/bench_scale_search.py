"""The search part of bench_scale.py: index from records, and search on Whoosh vs PostgreSQL, same run.

    python3 bench/bench_scale.py --part search [--corpus DIR ...] [--queries 100] [--dsn DSN]

1. the corpus extracted once on Dask (1 worker, Parquet): `extract --engine dask`;
2. a full `build` of the corpus vs `build --from-records` of those records (each in a fresh
   process: wall, CPU, peak memory), and a check that both indexes export the same records;
3. `build --from-records --backend postgresql` into a private PostgreSQL 15 server on 127.0.0.1
   (tests/services/postgres.py: fsync off, shared_buffers 64 MB) or the database --dsn names;
   its size against the Whoosh directory's;
4. the query sets of bench_queries.py (the same generator, seed and counts), timed on both
   backends through the search API (parse, search, facets, highlighting, records) in this
   process, one warm-up pass then one timed pass, p50/p95; with how many answers agree.
Writes bench/out/bench_scale_search.json (no query text: it is corpus text).
"""
from __future__ import annotations

import json
import os
import pathlib
import platform
import shutil
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
KINDS = ("quote_phrase", "article_fulltext", "speaker_lookup", "filter_only", "broad_word")


def _calls(S, ix) -> dict:
    """What each kind of query runs against an open index (as bench_queries.py runs it)."""
    return {"quote_phrase": lambda q: S.search(ix, q, scope="quotes"),
            "article_fulltext": lambda q: S.search(ix, q, scope="articles"),
            "speaker_lookup": lambda q: S.find_speaker(ix, q),
            "filter_only": lambda kw: S.search(ix, **kw),
            "broad_word": lambda kw: S.search(ix, **kw)}


def _answer(S, result) -> tuple:
    """What must agree between the backends: the count and the ids of the page (a match's id)."""
    from indexer.results import SearchResult

    if isinstance(result, SearchResult):
        return result.total, tuple(h.id for h in result.hits)
    return (result.match.id if result.match else None,)


def _server(args, work: pathlib.Path):
    """(DSN, server info or None): --dsn, else a private PostgreSQL server started for the run."""
    if args.dsn:
        return args.dsn, None
    sys.path.insert(0, str(ROOT / "tests"))
    from services import postgres

    info = postgres.start_primary(str(work / "pg"))
    return info["dsn"], info


def _size(path: pathlib.Path) -> int:
    """Bytes of the files under path."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def run(args, measure) -> dict:
    """Run the search part; its figures (also written to bench/out/bench_scale_search.json)."""
    import bench_queries

    from indexer import search as S
    from indexer.serial import to_json

    work = pathlib.Path(tempfile.mkdtemp(prefix="bench-scale-search-"))
    py = [sys.executable, "-m", "quote_index"]
    rec, full, fromrec = work / "rec", work / "full", work / "fromrec"
    fig: dict = {"command": "python3 bench/bench_scale.py " + " ".join(sys.argv[1:]),
                 "date": time.strftime("%Y-%m-%d %H:%M"),
                 "machine": f"{platform.machine()}, {os.cpu_count()} CPU(s) visible, ~1 effective core shared",
                 "corpus": [os.path.relpath(c, ROOT) for c in args.corpus]}
    fig["extract_dask_1_worker"] = measure(py + ["extract", *args.corpus, "--engine", "dask", "--workers", "1",
                                                 "--output", str(rec)])
    fig["build_full"] = measure(py + ["build", *args.corpus, "--index", str(full), "--no-progress"])
    fig["build_from_records"] = measure(py + ["build", "--from-records", str(rec), "--index", str(fromrec),
                                              "--no-progress"])
    w = S.open_index(str(fromrec))
    fig["from_records_exports_equal_full_build"] = all(
        [to_json(r) for r in S.export(S.open_index(str(full)), k)] == [to_json(r) for r in S.export(w, k)]
        for k in S.EXPORT_KINDS)
    dsn, server = _server(args, work)
    try:
        fig["load_postgresql_from_records"] = measure(
            py + ["build", "--from-records", str(rec), "--backend", "postgresql", "--no-progress"],
            env={"QUOTE_INDEX_DSN": dsn})
        p = S.open_index(dsn)
        stats = S.stats(w)
        if S.stats(p).quotes != stats.quotes:
            raise RuntimeError("the PostgreSQL load did not give the records' quotes")
        fig["articles"], fig["quotes"] = stats.articles, stats.quotes
        fig["bytes"] = {"whoosh_index": stats.size_bytes, "postgresql_generation": S.stats(p).size_bytes,
                        "whoosh_per_quote": round(stats.size_bytes / stats.quotes),
                        "postgresql_per_quote": round(S.stats(p).size_bytes / stats.quotes),
                        "records_parquet_per_quote": round(_size(rec) / stats.quotes)}
        qs = bench_queries.make_queries(w, args.queries, 1234)
        fig["search"] = _latency(S, bench_queries, w, p, qs)
    finally:
        if server:
            sys.path.insert(0, str(ROOT / "tests"))
            from services import postgres
            postgres.stop(server)
        shutil.rmtree(work, ignore_errors=True)
    for k in ("extract_dask_1_worker", "build_full", "build_from_records", "load_postgresql_from_records"):
        fig[k] = {m: round(v, 2) for m, v in fig[k].items()}
    fig["note"] = ("search figures are the whole API call in one process (parse, search, facets over every "
                   "match, highlighting, records), warm; PostgreSQL runs on this machine over a local TCP "
                   "connection. Load CPU and memory are the client's (the server's are not counted).")
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench_scale_search.json").write_text(json.dumps(fig, indent=2) + "\n")
    print(json.dumps(fig, indent=2))
    return fig


def _latency(S, bench_queries, w, p, qs: dict) -> dict:
    """p50/p95 of each kind on both backends, and how many answers agree."""
    out = {}
    calls = {"whoosh": _calls(S, w), "postgresql": _calls(S, p)}
    for kind in KINDS:
        if not qs[kind]:
            continue                    # a corpus without titles has no article queries
        row = {}
        for name, fns in calls.items():
            row[name] = bench_queries.summary(bench_queries.timed(fns[kind], qs[kind]))
        agree = sum(_answer(S, calls["whoosh"][kind](q)) == _answer(S, calls["postgresql"][kind](q)) for q in qs[kind])
        row["answers_agree"] = f"{agree}/{len(qs[kind])}"
        row["p95_ratio_postgresql_to_whoosh"] = round(row["postgresql"]["p95_ms"] / row["whoosh"]["p95_ms"], 2)
        out[kind] = row
    return out
