"""Server memory and throughput after N mixed requests: `quote-index serve` from this checkout,
from the baseline (today's code, commit fabbe3a, exported from git history, serving the index its
own code built) and the Datasette peer, in turns, in the same run.

For each server and repeat: start it (its own process; 4 waitress threads for ours), warm it with
20 requests, then send the same N mixed requests (searches, listings, speaker, article and quote
pages, JSON twins, CSV, name completion; the peer: all its scenarios' URLs mixed) from a separate
process (bench/_load.py: wrk stopping after N answers, or worker processes), 8 connections;
then read the server's VmRSS, RssAnon and RssFile from /proc and its CPU time per request.
Reports req/s and RSS per run, min and median per server, and the ratios to the baseline.

    python3 bench/bench_memory.py --baseline --peer /tmp/quote-index-bench/peer    # make bench
    python3 bench/bench_memory.py --index /tmp/x/index --tree /tmp/other-src --requests 2000 --repeats 1

--cold serves ours with the caches of whole answers sized 0 (bench/_trees.py) (the workload's ~600 paths
repeat, so with caches on most of the N requests would be cache hits and req/s would not be
that of computed requests; the caches are bounded, so RSS moves little).
Writes bench/out/bench_memory.json.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import random
import socket
import statistics
import sys
import time
from urllib.parse import quote

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import _load  # noqa: E402
import _trees  # noqa: E402

OUT = ROOT / "bench" / "out" / "bench_memory.json"
SEED = 20261202
DEFAULT_INDEX = str(_trees.BENCH_DIR / "index")
TARGET_RSS_MB = 150              # issue 10: after 10,000 mixed requests
TARGET_RPS_TO_BASELINE = 0.90    # no more than 10% below today's


def workload(index_dir: str, n: int = 600) -> list[str]:
    """Fixed-seed paths: every kind of page the site serves, in a shuffled mix."""
    from indexer import search

    ix = search.open_index(index_dir).pin()
    rng = random.Random(SEED)
    people = [s for s in search.speakers(ix) if s.quote_count > 0]
    chosen = rng.sample(people, min(len(people), n // 6))
    words, articles, clusters = [], [], []
    for s in chosen[:80]:
        profile = search.speaker(ix, s.id)
        for c in profile.clusters[:2]:
            toks = [w.lower() for w in c.text.split() if w.isalpha() and len(w) > 4]
            words += rng.sample(toks, min(2, len(toks)))
            articles += list(c.articles[:1])
            if len(c.articles) > 1:
                clusters.append(c.cluster)
    outlets = [v.value for v in search.search(ix, "", scope="articles").facets.outlet]
    paths = []
    for w in words:
        paths += [f"/search?q={quote(w)}", f"/search.json?q={quote(w)}&scope=articles",
                  f"/search?q={quote(w)}&sort=date&page=2"]
    paths += [f"/speaker/{quote(s.id)}" for s in chosen] + [f"/speaker/{quote(s.id)}.json" for s in chosen[:40]]
    paths += [f"/article/{quote(a, safe='')}" for a in articles]
    paths += [f"/quote/{quote(c, safe='')}" for c in clusters]
    paths += [f"/search?outlet={quote(o)}" for o in outlets] + ["/", "/speakers", "/speakers?letter=M"]
    paths += [f"/api/names?q={quote(s.name[:3])}" for s in chosen[:40]]
    paths += [f"/search.csv?q={quote(w)}" for w in words[:10]]
    rng.shuffle(paths)
    return paths


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peer_paths(peer: pathlib.Path) -> list[str]:
    """Every scenario's URLs of the peer, shuffled with the same seed: its mixed workload."""
    paths = [p for f in sorted((peer / "urls").glob("*.txt")) for p in f.read_text().splitlines() if p]
    random.Random(SEED).shuffle(paths)
    return paths


def one_run(server: dict, paths: list[str], n: int, clients: int, threads: int, cold: bool) -> dict:
    """Start one server, warm it, send n requests from a separate process, read its memory."""
    port = free_port()
    if server["kind"] == "peer":
        proc, log = _trees.start_peer(server["tree"], port)
    else:
        proc, log = _trees.start_server(server["tree"], server["index"], port, threads, cold)
    try:
        try:
            _load.wait_listening(port, proc)
        except SystemExit as e:
            raise SystemExit(f"bench_memory: {server['name']}: {e}\n{_trees.log_tail(log)}")
        _load.load(port, paths[:20], connections=1, requests=20)
        start_rss = _load.rss_mb(proc.pid)
        r = _load.load(port, paths, connections=clients, requests=n, pid=proc.pid)
    finally:
        _trees.stop(proc, log)
    r["rss_after_warmup_mb"] = start_rss
    return r


def servers(args) -> list[dict]:
    """What to compare: this checkout (or --tree trees) over --index, the baseline over its own index, the peer."""
    out = [{"name": "ours" if t == ROOT else str(t), "kind": "tree", "tree": t, "index": args.index}
           for t in ([pathlib.Path(t).resolve() for t in args.tree] if args.tree else [ROOT])]
    if args.baseline:
        if not _trees.BASELINE_INDEX.is_dir() or not any(_trees.BASELINE_INDEX.iterdir()):
            raise SystemExit(f"bench_memory: no baseline index at {_trees.BASELINE_INDEX}: run bench/bench_build.py first")
        out.append({"name": "baseline", "kind": "tree", "tree": _trees.baseline_tree(),
                    "index": str(_trees.BASELINE_INDEX)})
    if args.peer:
        out.append({"name": "peer", "kind": "peer", "tree": pathlib.Path(args.peer)})
    return out


def main() -> int:
    """Runs of each server in turn, repeated; figures to bench/out/bench_memory.json."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", default=DEFAULT_INDEX)
    ap.add_argument("--tree", action="append", help="source tree to serve --index from (repeatable; default this checkout)")
    ap.add_argument("--baseline", action="store_true", help="also the baseline tree over the index its code built")
    ap.add_argument("--peer", help="a prepared scratch copy of the Datasette peer: load it too")
    ap.add_argument("--requests", type=int, default=10_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--cold", action="store_true", help="answer caches off in ours and the baseline")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    todo = servers(args)
    paths = workload(args.index)
    mixed = {s["name"]: peer_paths(s["tree"]) if s["kind"] == "peer" else paths for s in todo}
    runs: dict = {s["name"]: [] for s in todo}
    for _ in range(args.repeats):
        for s in todo:                     # in turns, so that each sees the same machine load
            r = one_run(s, mixed[s["name"]], args.requests, args.clients, args.threads, args.cold)
            runs[s["name"]].append(r)
            print(f"{s['name']}: {r['rps']} req/s, p95 {r['p95_ms']} ms, RSS {r['rss_after_warmup_mb']['VmRSS']} -> "
                  f"{r['server_rss_mb']['VmRSS']} MB (anon {r['server_rss_mb']['RssAnon']}, file "
                  f"{r['server_rss_mb']['RssFile']}), CPU {r['server_cpu_ms_per_request']} ms/req, "
                  f"errors {r['errors']} ({r['generator']})", flush=True)
    summary = summarize(runs)
    report = {"name": "bench_memory", "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
              "command": "python3 bench/bench_memory.py " + " ".join(sys.argv[1:]),
              "index": args.index, "articles": _articles(args.index), "baseline_index": str(_trees.BASELINE_INDEX) if args.baseline else None,
              "distinct_paths": len(paths), "requests": args.requests, "clients": args.clients,
              "threads": args.threads, "answer_caches": "off" if args.cold else "on",
              "generator": next(iter(runs.values()))[0]["generator"],
              "summary": summary, "runs": runs,
              "target": {"rss_mb": TARGET_RSS_MB, "rps_ratio_to_baseline": TARGET_RPS_TO_BASELINE},
              "note": "One shared core: the load generator and the server compete; compare servers within "
                      "this run. The baseline serves the index its own code built (same corpus). The "
                      "peer's mixed workload is its own URL lists (Datasette's table, FTS and SQL pages)."}
    pathlib.Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(args.out).write_text(json.dumps(report, indent=1) + "\n")
    for name, s in summary.items():
        print(f"{name}: req/s min {s['rps_min']} median {s['rps_median']}; RSS MB min {s['rss_mb_min']} "
              f"median {s['rss_mb_median']} max {s['rss_mb_max']}; to baseline {s.get('to_baseline')}")
    return 0


def _articles(index_dir: str) -> int:
    """How many articles the index holds (the corpus size of these figures)."""
    from indexer import search
    return search.stats(search.open_index(index_dir)).articles


def summarize(runs: dict) -> dict:
    """Min and median of req/s and RSS per server; the medians' ratios to the baseline's."""
    out = {}
    for name, rs in runs.items():
        rps = [r["rps"] for r in rs]
        mem = [r["server_rss_mb"]["VmRSS"] for r in rs]
        out[name] = {"rps_min": min(rps), "rps_median": statistics.median(rps), "rss_mb_min": min(mem),
                     "rss_mb_median": statistics.median(mem), "rss_mb_max": max(mem),
                     "cpu_ms_per_request_median": statistics.median(r["server_cpu_ms_per_request"] for r in rs),
                     "errors": sum(r["errors"] for r in rs)}
    base = out.get("baseline")
    for name, s in out.items():
        if base and name != "baseline":
            s["to_baseline"] = {"rps": round(s["rps_median"] / base["rps_median"], 2),
                                "rss": round(s["rss_mb_median"] / base["rss_mb_median"], 2)}
    return out


if __name__ == "__main__":
    sys.exit(main())
