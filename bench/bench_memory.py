"""Server memory and throughput under mixed requests: `quote-index serve` from one or more source
trees (this checkout, or another, e.g. an export of main) over one index, in turns.

For each tree and repeat: start the server (its own process, 4 waitress threads), send the same
N mixed requests (searches, listings, speaker, article and quote pages, JSON twins, CSV, name
completion) from 8 client threads in this process, then read the server's VmRSS, RssAnon and
RssFile from /proc. Reports requests/s and RSS per run, min and median per tree.

    python bench/bench_memory.py --index /tmp/rel-bench/index --tree . --tree /tmp/main-src \\
        --requests 10000 --repeats 3

Writes bench/out/bench_memory.json. The speed engineer's reworked bench_web.py and soak record
RSS as well; this is the small measurement the reader change needed first.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import pathlib
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from urllib.parse import quote

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out" / "bench_memory.json"
SEED = 20261202


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


def rss(pid: int) -> dict:
    """VmRSS, RssAnon and RssFile of a process, in MB."""
    out = {}
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "RssAnon", "RssFile", "VmHWM"):
            out[key] = round(int(value.split()[0]) / 1024, 1)
    return out


def serve(tree: pathlib.Path, index_dir: str, port: int, threads: int):
    """Start `quote-index serve` from a source tree; return the process once it answers."""
    log = tempfile.TemporaryFile()
    env = {**os.environ, "PYTHONPATH": str(tree)}
    proc = subprocess.Popen([sys.executable, "-m", "quote_index", "serve", "--index", index_dir,
                             "--port", str(port), "--threads", str(threads)],
                            cwd=str(tree), env=env, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            raise SystemExit(f"server from {tree} exited: {log.read().decode()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc, log
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"server from {tree} did not start")


def drive(port: int, paths: list[str], n: int, clients: int) -> dict:
    """n requests over `clients` keep-alive connections; seconds taken and statuses seen."""
    statuses: dict = {}
    lock = threading.Lock()
    counter = iter(range(n))

    def client():
        """One keep-alive connection taking the next request number until none are left."""
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        mine: dict = {}
        for i in counter:
            try:
                conn.request("GET", paths[i % len(paths)])
                resp = conn.getresponse()
                resp.read()
                mine[resp.status] = mine.get(resp.status, 0) + 1
            except (OSError, http.client.HTTPException) as e:
                mine[type(e).__name__] = mine.get(type(e).__name__, 0) + 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        conn.close()
        with lock:
            for k, v in mine.items():
                statuses[k] = statuses.get(k, 0) + v

    workers = [threading.Thread(target=client) for _ in range(clients)]
    t0 = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return {"seconds": time.perf_counter() - t0, "statuses": statuses}


def one_run(tree: pathlib.Path, index_dir: str, paths: list[str], n: int, clients: int, threads: int) -> dict:
    """Serve from tree, warm it, send n requests, read the server's memory."""
    port = free_port()
    proc, log = serve(tree, index_dir, port, threads)
    try:
        drive(port, paths[:20], 20, 1)
        start_rss = rss(proc.pid)
        ran = drive(port, paths, n, clients)
        end_rss = rss(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
    return {"requests": n, "seconds": round(ran["seconds"], 1), "rps": round(n / ran["seconds"], 1),
            "statuses": {str(k): v for k, v in sorted(ran["statuses"].items(), key=str)},
            "rss_after_warmup_mb": start_rss, "rss_after_mb": end_rss}


def main() -> int:
    """Runs from each tree in turn, repeated; figures to bench/out/bench_memory.json."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--tree", action="append", help="source tree to serve from (repeatable; default .)")
    ap.add_argument("--requests", type=int, default=10_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    trees = [pathlib.Path(t).resolve() for t in (args.tree or ["."])]
    paths = workload(args.index)
    runs: dict = {str(t): [] for t in trees}
    for r in range(args.repeats):
        for t in trees:                     # in turns, so that both see the same machine load
            res = one_run(t, args.index, paths, args.requests, args.clients, args.threads)
            runs[str(t)].append(res)
            print(f"{t}: {res['rps']} req/s, RSS {res['rss_after_warmup_mb']['VmRSS']} -> "
                  f"{res['rss_after_mb']['VmRSS']} MB (anon {res['rss_after_mb']['RssAnon']}, "
                  f"file {res['rss_after_mb']['RssFile']}), {res['statuses']}", flush=True)
    summary = {}
    for t, rs in runs.items():
        rps = [r["rps"] for r in rs]
        mem = [r["rss_after_mb"]["VmRSS"] for r in rs]
        summary[t] = {"rps_min": min(rps), "rps_median": statistics.median(rps),
                      "rss_mb_min": min(mem), "rss_mb_median": statistics.median(mem),
                      "rss_mb_max": max(mem)}
    report = {"name": "bench_memory", "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
              "command": "python bench/bench_memory.py " + " ".join(sys.argv[1:]),
              "index": args.index, "distinct_paths": len(paths), "clients": args.clients,
              "threads": args.threads, "runs": runs, "summary": summary,
              "note": "one shared core: clients and server compete; compare trees within this run"}
    pathlib.Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(args.out).write_text(json.dumps(report, indent=1) + "\n")
    for t, s in summary.items():
        print(f"{t}: req/s min {s['rps_min']} median {s['rps_median']}; RSS MB min {s['rss_mb_min']} "
              f"median {s['rss_mb_median']} max {s['rss_mb_max']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
