"""Load benchmark of the served web app: concurrent clients against `quote-index serve` (waitress).

Starts the real server in a subprocess on 127.0.0.1, then for each page kind (search: grouped
quote results; listing; speaker; check: check-a-quote with reworded pastes) loads it from a
separate process (bench/_load.py: wrk rotating through the kind's fixed-seed random paths, or
worker processes when wrk is missing; the output names the generator) with N keep-alive
connections for D seconds, and reports requests/s, latency p50/p95/p99, errors, the server's
CPU-ms per request (utime + stime of all its threads) and its RSS after the kind's run.
Writes bench/out/bench_web.json. Not a test: figures on a shared machine are noisy.

    python3 bench/bench_web.py [--index /tmp/quote-index-bench/index] [--duration 30] [--clients 8]
    python3 bench/bench_web.py --json --cold --peer /tmp/quote-index-bench/peer    # make bench

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
import json
import os
import pathlib
import platform
import random
import re
import socket
import subprocess
import sys
import time
from urllib.parse import quote

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import _load  # noqa: E402
import _trees  # noqa: E402

OUT = ROOT / "bench" / "out" / "bench_web.json"
# bench_build.py builds into $QUOTE_INDEX_BENCH_DIR/index (default /tmp/quote-index-bench/index).
BENCH_DIR = pathlib.Path(os.environ.get("QUOTE_INDEX_BENCH_DIR", "/tmp/quote-index-bench"))
DEFAULT_INDEX = str(BENCH_DIR / "index")
CORPORA = ROOT.parent / "shared" / "corpora"
# Issue 10's targets for the JSON twins at 8 connections, cache cold: requests/s and p95 (ms).
TARGETS = {"search": (150, 100), "speaker": (450, None)}
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
        subprocess.run([sys.executable, str(script), "--no-baseline", "--no-88k", "--no-peer"], check=True, cwd=str(ROOT),
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


def answering(proc, log, port: int, probe: str, what: str) -> None:
    """Wait until the server listens and `probe` answers 200; SystemExit with its log otherwise."""
    try:
        _load.wait_listening(port, proc)
        status, _ = _load.get(port, probe)
    except (SystemExit, OSError) as e:
        tail = _trees.log_tail(log)
        _trees.stop(proc, log)
        raise SystemExit(f"bench_web: {what} did not answer: {e}\n{tail}")
    if status != 200:
        _trees.stop(proc, log)
        raise SystemExit(f"bench_web: {what} answered {probe} with {status}")


def run_kinds(port: int, pid: int, kinds: dict, clients: int, duration: float, label: str) -> dict:
    """Each page kind's paths loaded in turn (after a short warm-up, not counted); figures per kind."""
    out = {}
    for kind, paths in kinds.items():
        _load.load(port, paths[:20], connections=min(2, clients), duration=2.0)   # warm-up
        r = out[kind] = _load.load(port, paths, connections=clients, duration=duration, pid=pid)
        print(f"{label} {kind:8s} {r['rps']:7.1f} req/s  p50 {r['p50_ms']:6.1f} ms  p95 {r['p95_ms']:6.1f} ms  "
              f"errors {r['errors']}  CPU {r['server_cpu_ms_per_request']:.1f} ms/req  "
              f"RSS {r['server_rss_mb']['VmRSS']} MB  ({r['generator']}, {r['requests']} requests)", flush=True)
    return out


def run_peer(peer: str, clients: int, duration: float) -> dict:
    """Each of PEER_SCENARIOS' URL lists against the peer, loaded as ours is, in the same run."""
    port = free_port()
    proc, log = _trees.start_peer(pathlib.Path(peer), port)
    answering(proc, log, port, "/db.json", "datasette")
    try:
        kinds = {kind: [p for p in pathlib.Path(peer, "urls", sc + ".txt").read_text().splitlines() if p]
                 for kind, sc in PEER_SCENARIOS.items()}
        out = run_kinds(port, proc.pid, kinds, clients, duration, "peer")
        for kind, sc in PEER_SCENARIOS.items():
            out[kind]["scenario"] = sc
    finally:
        _trees.stop(proc, log)
    return out


def main() -> None:
    """Build the workload, serve, load each page kind, then the peer; write the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", default=DEFAULT_INDEX, help=f"index directory (default {DEFAULT_INDEX})")
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of load per page kind")
    ap.add_argument("--clients", type=int, default=8, help="concurrent keep-alive connections")
    ap.add_argument("--threads", type=int, default=4, help="waitress request threads")
    ap.add_argument("--json", action="store_true", help="load the JSON twins instead of the HTML pages")
    ap.add_argument("--out", default=str(OUT), help="where to write the figures")
    ap.add_argument("--cold", action="store_true", help="serve with the answer caches off (every request computed)")
    ap.add_argument("--peer", help="a prepared scratch copy of the Datasette peer: load it too, same run")
    args = ap.parse_args()

    ensure_index(args.index)
    work = workload(args.index)
    kinds = {}
    for kind in ("search", "listing", "speaker", "check"):
        kinds[kind] = [re.sub(r"^(/[^?]*)", r"\1.json", p) for p in work[kind]] if args.json else work[kind]
    port = free_port()
    proc, log = _trees.start_server(ROOT, args.index, port, args.threads, args.cold)
    answering(proc, log, port, "/speakers.json?per_page=1", "server")
    try:
        results = run_kinds(port, proc.pid, kinds, args.clients, args.duration, "ours")
    finally:
        _trees.stop(proc, log)
    peer = run_peer(args.peer, args.clients, args.duration) if args.peer else None
    fmt = "json" if args.json else "html"
    report = {
        "name": "bench_web",
        "command": "python3 bench/bench_web.py " + " ".join(sys.argv[1:]),
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(), "load_avg": os.getloadavg()},
        "index": work["index"], "index_dir": args.index,
        "generator": results["search"]["generator"],
        "server": {"waitress_threads": args.threads, "answer_caches": "off" if args.cold else "on"},
        "clients": args.clients, "duration_s": args.duration, "format": fmt,
        "results": results,
        "target": {k: {"rps": r, "p95_ms": p} for k, (r, p) in TARGETS.items()},
        "target_met": {k: results[k]["rps"] >= r and (p is None or results[k]["p95_ms"] <= p)
                       and results[k]["errors"] == 0 for k, (r, p) in TARGETS.items()} if args.json else None,
        "peer": peer,
        "ratio_to_peer_rps": {k: round(results[k]["rps"] / peer[k]["rps"], 2) for k in results
                              if peer and peer.get(k, {}).get("rps")} if peer else None,
        "note": "The load generator (wrk, or worker processes when wrk is missing) and the server share "
                "the machine's one effective core: the figures are a lower bound and noisy. Peer "
                "scenarios are the nearest Datasette JSON endpoints (PEER_SCENARIOS), not the same work.",
    }
    pathlib.Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(args.out).write_text(json.dumps(report, indent=1) + "\n")
    print(f"wrote {args.out}; target met: {report['target_met']}")


if __name__ == "__main__":
    main()
