#!/usr/bin/env python3
"""Past one process: extraction on Dask, `build --from-records`, and search on Whoosh vs PostgreSQL.

    python3 bench/bench_scale.py [--corpus DIR ...] [--repeat 3] [--workers 1 2] [--part extract|search|all]
    python3 bench/bench_scale.py --part search [--queries 100] [--dsn DSN]

The search part (bench_scale_search.py: records on Dask, full `build` vs `build --from-records`,
the PostgreSQL load, search latency of bench_queries.py's query sets on both backends in the same
run) writes bench/out/bench_scale_search.json; the extraction part is described below.

Over the shared corpora (polnear, bbc, reuters21578/json-data: ~22,000 articles) it runs, each in
a fresh process tree: `python3 -m quote_index extract --format jsonl` (single process), and
the job's partition tasks one after the other in one process without Dask (Parquet: what the
writing costs), and `run_extract` on a LocalCluster of 1 and 2 workers (Parquet; once more as
JSONL). For each run:
wall time, CPU seconds of every process of the tree (getrusage of the reaped children), quotes
per CPU-second, and peak memory (sum of the RSS of all processes of the tree, sampled every
0.1 s). Then the size of the records per quote (Parquet vs JSONL), a check that the Dask records
equal the single-process ones, and identities and clusters on Dask (2 workers) against the
single-process ones. Writes bench/out/bench_scale.json. Timings are noisy when other work shares
the machine: each figure is the min and median over --repeat runs.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
SHARED = ROOT.parent / "shared" / "corpora"
DEFAULT_CORPUS = [SHARED / "polnear", SHARED / "bbc", SHARED / "reuters21578" / "json-data"]


def _child_cpu() -> float:
    """CPU seconds (user + system) of all reaped children of this process so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


class PeakRSS(threading.Thread):
    """Samples the summed RSS of a process and all its descendants; keeps the peak."""

    def __init__(self, pid: int, every: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.every, self.peak, self.done = pid, every, 0, threading.Event()

    def run(self) -> None:
        """Sample until stopped."""
        import psutil

        try:
            top = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self.done.is_set():
            total = 0
            try:
                for p in [top] + top.children(recursive=True):
                    try:
                        total += p.memory_info().rss
                    except psutil.NoSuchProcess:
                        pass
            except psutil.NoSuchProcess:
                break
            self.peak = max(self.peak, total)
            self.done.wait(self.every)


def measure(cmd: list[str], stdout=subprocess.DEVNULL, env=None) -> dict:
    """Run cmd in a fresh process tree: wall seconds, CPU seconds of the tree, peak summed RSS."""
    cpu0, t0 = _child_cpu(), time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=stdout, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})
    sampler = PeakRSS(proc.pid)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    sampler.done.set()
    sampler.join()
    if proc.returncode not in (0, 1):       # 1: some inputs were skipped (reported), as expected here
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {err[-2000:]}")
    return {"wall_s": wall, "cpu_s": _child_cpu() - cpu0, "peak_rss_mb": sampler.peak / 2**20}


def child_dask(args) -> int:
    """In a child process: one Dask extraction job on a local cluster, its counts as JSON on stdout."""
    from indexer.batch.extract_job import run_extract

    report = run_extract(args.corpus, args.out, fmt=args.fmt, workers=args.workers)
    print(json.dumps({"quotes": report.quotes, "articles": report.articles, "partitions": report.partitions}))
    return 0


def child_inproc(args) -> int:
    """In a child process: the job's partitions run one after the other here, no Dask (the same writes)."""
    from indexer.batch import adapter
    from indexer.batch.extract_task import extract_partition
    from indexer.batch.plan import plan_partitions

    plan = plan_partitions(adapter.discover([os.path.abspath(c) for c in args.corpus], lambda p: None))
    os.makedirs(args.out)
    quotes = sum(extract_partition(k, part, args.out, args.fmt)["quotes"] for k, part in enumerate(plan))
    print(json.dumps({"quotes": quotes, "partitions": len(plan)}))
    return 0


def child_tables(args) -> int:
    """In a child process: identities and clusters on Dask vs single process, equality and times."""
    from collections import Counter

    from indexer.batch import adapter
    from indexer.batch.reader import load_quotes
    from indexer.batch.steps import corpus_tables_on_dask

    t0 = time.perf_counter()
    res, cl = corpus_tables_on_dask(args.out, workers=args.workers)
    dask_s = time.perf_counter() - t0
    quotes = load_quotes(args.out)
    t0 = time.perf_counter()
    want_res, want = adapter.single_process_tables(quotes)
    single_s = time.perf_counter() - t0
    print(json.dumps({"dask_s": dask_s, "single_s": single_s, "speakers": len(res.names),
                      "clusters_2plus": sum(1 for n in Counter(cl.values()).values() if n > 1),
                      "identities_equal": (res.ids, res.names, res.aliases) == (want_res.ids, want_res.names, want_res.aliases),
                      "clusters_equal": cl == want}))
    return 0


def _size(path: pathlib.Path) -> int:
    """Bytes of the files under path."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _summary(runs: list[dict], quotes: int) -> dict:
    """min and median of each figure over runs, with quotes per CPU-second."""
    out = {}
    for k in ("wall_s", "cpu_s", "peak_rss_mb"):
        vals = [r[k] for r in runs]
        out[k] = {"min": round(min(vals), 2), "median": round(statistics.median(vals), 2)}
    rates = [quotes / r["cpu_s"] for r in runs]
    out["quotes_per_cpu_s"] = {"max": round(max(rates), 1), "median": round(statistics.median(rates), 1)}
    return out


def main(argv=None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", nargs="+", default=[str(p) for p in DEFAULT_CORPUS])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "bench" / "out")
    ap.add_argument("--part", choices=["extract", "search", "all"], default="all",
                    help="extract: single process vs Dask; search: build from records, Whoosh vs PostgreSQL.")
    ap.add_argument("--queries", type=int, default=100, help="search part: queries of each kind.")
    ap.add_argument("--dsn", help="search part: a PostgreSQL database to load (default: a private server).")
    ap.add_argument("--child", choices=["dask", "inproc", "tables"], help=argparse.SUPPRESS)
    ap.add_argument("--fmt", default="parquet", help=argparse.SUPPRESS)
    ap.add_argument("--records", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        args.out, args.workers = args.records, args.workers[0]
        return {"dask": child_dask, "inproc": child_inproc, "tables": child_tables}[args.child](args)
    if args.part in ("search", "all"):
        import bench_scale_search

        bench_scale_search.run(args, measure)
        if args.part == "search":
            return 0
    from indexer.batch import schema
    from indexer.batch.reader import load_quotes, quote_sort_key

    me = [sys.executable, str(pathlib.Path(__file__).resolve())]
    started = time.strftime("%Y-%m-%d %H:%M")
    work = pathlib.Path(tempfile.mkdtemp(prefix="bench-scale-"))
    single_out = work / "single.jsonl"
    figures: dict = {"corpus": [os.path.relpath(c, ROOT) for c in args.corpus], "repeat": args.repeat,
                     "machine": f"{os.cpu_count()} CPUs visible, ~1 effective core shared with other work",
                     "runs": {}}
    runs = []
    for _ in range(args.repeat):
        with open(single_out, "w") as f:
            runs.append(measure([sys.executable, "-m", "quote_index", "extract", *args.corpus, "--format", "jsonl"], f))
    lines = single_out.read_text(encoding="utf-8").splitlines()
    quotes = len(lines)
    figures["quotes"] = quotes
    figures["runs"]["single"] = _summary(runs, quotes)
    runs = [measure(me + ["--child", "inproc", "--records", str(work / f"inproc{k}"), "--corpus", *args.corpus])
            for k in range(args.repeat)]
    figures["runs"]["partitions_in_one_process_no_dask"] = _summary(runs, quotes)
    for w in args.workers:
        runs = [measure(me + ["--child", "dask", "--workers", str(w), "--records", str(work / f"pq{w}"),
                              "--corpus", *args.corpus]) for _ in range(args.repeat)]
        figures["runs"][f"dask_{w}_workers"] = _summary(runs, quotes)
    w = max(args.workers)
    measure(me + ["--child", "dask", "--workers", str(w), "--fmt", "jsonl", "--records", str(work / "jl"),
                  "--corpus", *args.corpus])
    single = sorted((schema.quote_from_row(json.loads(x)) for x in lines), key=quote_sort_key)
    figures["records_equal_single_process"] = load_quotes(str(work / f"pq{w}")) == single == load_quotes(str(work / "jl"))
    figures["bytes_per_quote"] = {
        "parquet_quotes": round(_size(work / f"pq{w}" / "quotes") / quotes, 1),
        "jsonl_quotes": round(_size(work / "jl" / "quotes") / quotes, 1),
        "extract_stdout_jsonl": round(single_out.stat().st_size / quotes, 1),
        "parquet_articles_per_quote": round(_size(work / f"pq{w}" / "articles") / quotes, 1),
        "jsonl_articles_per_quote": round(_size(work / "jl" / "articles") / quotes, 1)}
    out = subprocess.run(me + ["--child", "tables", "--workers", str(w), "--records", str(work / f"pq{w}")],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    figures["corpus_tables"] = json.loads(out.stdout.strip().splitlines()[-1])
    figures["command"] = "python3 bench/bench_scale.py " + " ".join(sys.argv[1:] if argv is None else argv)
    figures["date"] = started
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench_scale.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))
    import shutil
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
