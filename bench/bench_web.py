"""Load benchmark of the served web app: concurrent clients against `quote-index serve` (waitress).

Starts the real server in a subprocess on 127.0.0.1, then for each page kind (search: grouped
quote results; listing; speaker; check: check-a-quote with reworded pastes) runs N keep-alive
clients for D seconds and reports requests/s, latency p50/p95/p99 and errors.
Writes bench/out/bench_web.json. Not a test: figures on a shared machine are noisy.

    python bench/bench_web.py [--index /tmp/quote-index-bench/index] [--duration 30] [--clients 8]

The index is the one bench/bench_build.py builds over the ~22,000 shared articles; when it is
missing this script runs bench_build.py (or, for another --index path, builds one itself).

With `--peer DIR` (a scratch copy of the Datasette peer, `shared/peers/datasette`, after its
build.py, gen_queries.py and make_urls.py ran: DIR/venv, DIR/db.db, DIR/urls/*.txt), the same
clients then load the peer's `datasette serve` in the same run, each page kind against the
peer's nearest JSON scenario (PEER_SCENARIOS), and the report puts both side by side.

`--cold` serves with the per-generation answer caches of search and check sized 0: the workload's
paths repeat (a few hundred per kind), so without it most answers after the first pass are cache
hits, and the figures would not be those of a computed request.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import pathlib
import platform
import random
import re
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
OUT = ROOT / "bench" / "out" / "bench_web.json"
# bench_build.py builds into $QUOTE_INDEX_BENCH_DIR/index (default /tmp/quote-index-bench/index).
BENCH_DIR = pathlib.Path(os.environ.get("QUOTE_INDEX_BENCH_DIR", "/tmp/quote-index-bench"))
DEFAULT_INDEX = str(BENCH_DIR / "index")
CORPORA = ROOT.parent / "shared" / "corpora"
TARGET = {"rps": 100, "p95_ms": 100}
# Issue 11's targets per page kind: requests/s and p95 (ms).
TARGETS = {"speaker": (250, 100), "search": (150, 100), "check": (None, 150)}
SEED = 20240521
# The Datasette scenario (a URL list of make_urls.py) nearest to each page kind of ours.
PEER_SCENARIOS = {
    "search": "b_quotes_json",          # FTS5 phrase search of the quotes table (not grouped)
    "listing": "a_articles_json",       # a table search of the articles, Datasette's default page
    "speaker": "c_speaker_json",        # the quotes of one speaker (an indexed equality filter)
    "check": "x_articles_ranked_sql",   # FTS5 ranked top 20 with snippets (no wording tolerance)
}


def ensure_index(path: str) -> None:
    """Build the benchmark index when it is not there (bench_build.py's corpus list and layout)."""
    from indexer import search
    try:
        search.open_index(path)
        return
    except search.IndexNotFound:
        pass
    target = pathlib.Path(path)
    script = ROOT / "bench" / "bench_build.py"
    if script.exists() and target.name == "index":
        print(f"bench_web: no index at {path}; running {script.name} to build it", file=sys.stderr)
        subprocess.run([sys.executable, str(script)], check=True, cwd=str(ROOT),
                       env=dict(os.environ, QUOTE_INDEX_BENCH_DIR=str(target.parent)))
        return
    from indexer import ingest
    print(f"bench_web: no index at {path}; building one over {CORPORA}", file=sys.stderr)
    ingest.build([str(CORPORA / "polnear"), str(CORPORA / "bbc"),
                 str(CORPORA / "reuters21578" / "json-data")], path)


def workload(index_dir: str, n: int = 300) -> dict:
    """Fixed-seed request paths: speaker pages of speakers with quotes, searches of words they used."""
    from indexer import search
    from indexer.serial import to_json

    ix = search.open_index(index_dir)
    rng = random.Random(SEED)
    people = [s for s in search.speakers(ix) if s.quote_count > 0]
    busiest = sorted(people, key=lambda s: -s.quote_count)[:20]
    chosen = busiest + rng.sample(people, min(len(people), n - len(busiest)))
    speaker_paths = [f"/speaker/{quote(s.id)}" for s in chosen]
    words: list[str] = []
    for s in rng.sample(chosen, min(len(chosen), 60)):
        profile = search.speaker(ix, s.id)
        for c in (profile.clusters if profile else ())[:3]:
            toks = [w for w in re.findall(r"[A-Za-z]{5,}", c.text)]
            if toks:
                words.append(rng.choice(toks).lower())
            if len(toks) >= 2:
                i = rng.randrange(len(toks) - 1)
                words.append(f'"{toks[i]} {toks[i + 1]}"'.lower())
    search_paths = []
    for w in words[:n]:
        extra = rng.choice(["", "", "&sort=date", "&scope=articles", "&page=2"])
        search_paths.append(f"/search?q={quote(w)}{extra}")
    # Filter-only listings (newest first, facets over every match): the home page, an outlet,
    # a year, a speaker's quotes, in both scopes and on later pages.
    outlets = [v.value for v in search.search(ix, "", scope="articles").facets.outlet]
    years = [v.value for v in search.search(ix, "", scope="articles").facets.year]
    listing_paths = ["/search"]
    while len(listing_paths) < n:
        name, pool = rng.choice([("outlet", outlets), ("year", years), ("speaker", [s.id for s in chosen])])
        if pool:
            extra = rng.choice(["", "", "&scope=articles", "&page=2", "&page=3"])
            listing_paths.append(f"/search?{name}={quote(rng.choice(pool))}{extra}")
    check_paths = [f"/check?q={quote(t)}" for t in _pastes(ix, rng, chosen, n)]
    stats = to_json(search.stats(ix))
    return {"search": search_paths, "speaker": speaker_paths, "listing": listing_paths, "check": check_paths,
            "index": {k: stats.get(k) for k in ("articles", "quotes", "speakers", "clusters", "size_bytes")}}


def _pastes(ix, rng, people, n: int) -> list[str]:
    """Quotes of the index as a reader would paste them: a word changed, a part of it, its two
    halves swapped, or curly marks for straight ones (fixed seed)."""
    from indexer import search
    from indexer.settings import DEFAULTS

    out: list[str] = []
    for s in people:
        for c in (search.speaker(ix, s.id).clusters if len(out) < n else ())[:2]:
            w = c.text.split()
            if len(w) < 8:
                continue
            k = rng.randrange(4)
            if k == 0:
                w[len(w) // 2] = "something"
            elif k == 1:
                w = w[1:min(len(w), 12)]
            elif k == 2:
                w = w[len(w) // 2:] + w[:len(w) // 2]
            text = " ".join(w).replace("'", "\u2019") if k == 3 else " ".join(w)
            # A paste within the page's length limit (a longer one is refused with a 400).
            out.append(text if len(text) <= DEFAULTS.max_check_length else text[:DEFAULTS.max_check_length].rsplit(" ", 1)[0])
    return out[:n]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# `--cold`: the same server with the per-generation answer caches of search and check sized 0,
# so that every request is computed (the workload's paths repeat, and would mostly be cache hits).
_COLD = ("import sys, indexer.search.api as a, indexer.search.check as c; a._RECENT = c._RECENT = 0; "
         "from quote_index.cli import main; sys.argv[0] = 'quote-index'; main()")


def start_server(index_dir: str, port: int, threads: int, cold: bool = False) -> subprocess.Popen:
    """Run `quote-index serve` in a subprocess (answer caches off when cold) and wait until it answers."""
    head = [sys.executable, "-c", _COLD] if cold else [sys.executable, "-m", "quote_index"]
    return _started(head + ["serve", "--index", index_dir, "--host", "127.0.0.1",
                            "--port", str(port), "--threads", str(threads)], str(ROOT), port,
                    "/speakers.json?per_page=1", "server")


def start_peer(peer: str, port: int) -> subprocess.Popen:
    """Run the peer's `datasette serve` over its db.db and wait until it answers."""
    return _started([os.path.join(peer, "venv", "bin", "datasette"), "serve", os.path.join(peer, "db.db"),
                     "-h", "127.0.0.1", "-p", str(port), "--setting", "sql_time_limit_ms", "5000"],
                    peer, port, "/db.json", "datasette")


def _started(argv: list, cwd: str, port: int, probe: str, what: str) -> subprocess.Popen:
    """Start a server process and wait (60 s at most) until `probe` answers on the port."""
    # stderr goes to a file, not a pipe: waitress logs a line each time its task queue backs up,
    # and an unread pipe fills up and freezes the server mid-run.
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            log.seek(0)
            raise SystemExit(f"bench_web: {what} exited: {log.read().decode()[-2000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.request("GET", probe)
            conn.getresponse().read()
            conn.close()
            return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit(f"bench_web: {what} did not answer within 60 s")


def run_peer(peer: str, clients: int, duration: float) -> dict:
    """Each of PEER_SCENARIOS' URL lists against the peer, with the same clients as ours."""
    port = free_port()
    proc = start_peer(peer, port)
    out = {}
    try:
        for kind, scenario in PEER_SCENARIOS.items():
            paths = [p for p in pathlib.Path(peer, "urls", scenario + ".txt").read_text().splitlines() if p]
            run_phase(port, paths[:20], min(2, clients), 2.0)               # warm caches, not counted
            r = out[kind] = dict(run_phase(port, paths, clients, duration), scenario=scenario)
            print(f"peer {kind:8s} {r['rps']:7.1f} req/s  p50 {r['p50_ms']:6.1f} ms  p95 {r['p95_ms']:6.1f} ms  "
                  f"errors {r['errors']}  ({scenario})")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return out


def run_phase(port: int, paths: list[str], clients: int, duration: float) -> dict:
    """`clients` keep-alive connections requesting paths round-robin for `duration` seconds."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = time.perf_counter()
    stop = start + duration

    def client(k: int) -> None:
        """One client: its own connection, its own slice of the paths."""
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad, i = [], [], k
        while time.perf_counter() < stop:
            path = paths[i % len(paths)]
            i += clients
            t0 = time.perf_counter()
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                resp.read()
                if resp.status != 200:
                    bad.append(f"{resp.status} {path} at +{t0 - start:.1f}s")
            except (OSError, http.client.HTTPException) as e:
                bad.append(f"{type(e).__name__} {path} at +{t0 - start:.1f}s")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append(time.perf_counter() - t0)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors.extend(bad)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    ms = sorted(x * 1000 for x in latencies)

    def pct(p: float) -> float:
        """The p-th percentile in ms (nearest rank)."""
        return round(ms[min(len(ms) - 1, max(0, int(round(p / 100 * len(ms))) - 1))], 1) if ms else 0.0

    return {"requests": len(ms), "seconds": round(elapsed, 1), "rps": round(len(ms) / elapsed, 1),
            "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99),
            "mean_ms": round(statistics.fmean(ms), 1) if ms else 0.0,
            "errors": len(errors), "error_samples": errors[:5], "distinct_paths": len(set(paths))}


def main() -> None:
    """Build the workload, serve, load each page kind, write the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", default=DEFAULT_INDEX, help=f"index directory (default {DEFAULT_INDEX})")
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of load per page kind")
    ap.add_argument("--clients", type=int, default=8, help="concurrent keep-alive clients")
    ap.add_argument("--threads", type=int, default=4, help="waitress request threads")
    ap.add_argument("--json", action="store_true", help="load the JSON twins instead of the HTML pages")
    ap.add_argument("--out", default=str(OUT), help="where to write the figures")
    ap.add_argument("--cold", action="store_true", help="serve with the answer caches off (every request computed)")
    ap.add_argument("--peer", help="a prepared scratch copy of the Datasette peer: load it too, same run")
    args = ap.parse_args()

    ensure_index(args.index)
    work = workload(args.index)
    port = free_port()
    proc = start_server(args.index, port, args.threads, args.cold)
    results = {}
    try:
        for kind in ("search", "listing", "speaker", "check"):
            paths = work[kind]
            if args.json:
                paths = [re.sub(r"^(/[^?]*)", r"\1.json", p) for p in paths]
            run_phase(port, paths[:20], min(2, args.clients), 2.0)         # warm caches, not counted
            results[kind] = run_phase(port, paths, args.clients, args.duration)
            r = results[kind]
            print(f"{kind:8s} {r['rps']:7.1f} req/s  p50 {r['p50_ms']:6.1f} ms  p95 {r['p95_ms']:6.1f} ms  "
                  f"errors {r['errors']}  ({r['requests']} requests, {r['distinct_paths']} paths)")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    peer = run_peer(args.peer, args.clients, args.duration) if args.peer else None
    sp = results["speaker"]
    report = {
        "name": "bench_web",
        "command": "python bench/bench_web.py " + " ".join(sys.argv[1:]),
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(), "load_avg": os.getloadavg()},
        "index": work["index"], "index_dir": args.index,
        "server": {"waitress_threads": args.threads, "answer_caches": "off" if args.cold else "on"}, "clients": args.clients,
        "duration_s": args.duration, "format": "json" if args.json else "html",
        "results": results,
        "target": {"speaker_rps": TARGET["rps"], "speaker_p95_ms": TARGET["p95_ms"], "errors": 0,
                   "issue_11": {k: {"rps": r, "p95_ms": p} for k, (r, p) in TARGETS.items()}},
        "target_met": sp["rps"] >= TARGET["rps"] and sp["p95_ms"] <= TARGET["p95_ms"]
                      and all(r["errors"] == 0 for r in results.values()),
        "issue_11_met": {k: (rps is None or results[k]["rps"] >= rps) and results[k]["p95_ms"] <= p95
                         and results[k]["errors"] == 0 for k, (rps, p95) in TARGETS.items()},
        "peer": peer,
        "note": "Client and server share the machine (one core for both, plus other work): "
                "the figures are a lower bound and noisy.",
    }
    pathlib.Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(args.out).write_text(json.dumps(report, indent=1) + "\n")
    print(f"wrote {args.out}; target met: {report['target_met']}")


if __name__ == "__main__":
    main()
