#!/usr/bin/env python3
"""First request after start: this checkout, the baseline and the Datasette peer, started N times each.

Each start: spawn the server, poll its port every 2 ms until it accepts a connection ("listening"),
then at once send the first request, a search answered as JSON (ours and the baseline:
/search.json?q=WORD, the peer: /db/quotes.json?_search=WORD), then a second search of another
word (a warm request, for comparison). Reports per server, min and median over the starts:
spawn -> listening, listening -> first answer (the issue's "first request after start"), spawn ->
first answer, and the second request. Ours and the baseline serve the answer caches off, so no
answer comes from a cache. Writes bench/out/bench_start.json.

    python3 bench/bench_start.py --baseline --peer /tmp/quote-index-bench/peer    # make bench
    python3 bench/bench_start.py --starts 3 --index /tmp/x/index
"""
from __future__ import annotations

import argparse
import json
import pathlib
import statistics
import sys
import time
from urllib.parse import quote

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import _load  # noqa: E402
import _trees  # noqa: E402
from bench_memory import _articles, free_port  # noqa: E402

OUT = ROOT / "bench" / "out" / "bench_start.json"
TARGET_MS = 50                        # issue 10: first request after start
WORDS = ("minister", "election")      # the first and the second search (in every corpus part)


def one_start(server: dict) -> dict:
    """Start a server, time listening, its first and second answers; stop it."""
    port = free_port()
    t0 = time.perf_counter()
    if server["kind"] == "peer":
        proc, log = _trees.start_peer(server["tree"], port)
        first, second = (f"/db/quotes.json?_search={quote(w)}" for w in WORDS)
    else:
        proc, log = _trees.start_server(server["tree"], server["index"], port, 4, cold=True)
        first, second = (f"/search.json?q={quote(w)}" for w in WORDS)
    try:
        try:
            listening = _load.wait_listening(port, proc, step=0.002)
        except SystemExit as e:
            raise SystemExit(f"bench_start: {server['name']}: {e}\n{_trees.log_tail(log)}")
        status1, _ = _load.get(port, first)
        answered = time.perf_counter()
        status2, _ = _load.get(port, second)
        second_ms = 1000 * (time.perf_counter() - answered)
    finally:
        _trees.stop(proc, log)
    return {"listen_ms": round(1000 * (listening - t0), 1), "first_ms": round(1000 * (answered - listening), 1),
            "spawn_to_first_ms": round(1000 * (answered - t0), 1), "second_ms": round(second_ms, 1),
            "statuses": [status1, status2]}


def main() -> int:
    """N starts of each server in turns; min and median; bench/out/bench_start.json."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", default=str(_trees.BENCH_DIR / "index"))
    ap.add_argument("--starts", type=int, default=5)
    ap.add_argument("--baseline", action="store_true", help="also the baseline over the index its code built")
    ap.add_argument("--peer", help="a prepared scratch copy of the Datasette peer")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    todo = [{"name": "ours", "kind": "tree", "tree": ROOT, "index": args.index}]
    if args.baseline:
        todo.append({"name": "baseline", "kind": "tree", "tree": _trees.baseline_tree(),
                     "index": str(_trees.BASELINE_INDEX)})
    if args.peer:
        todo.append({"name": "peer", "kind": "peer", "tree": pathlib.Path(args.peer)})
    runs: dict = {s["name"]: [] for s in todo}
    for _ in range(args.starts):
        for s in todo:
            r = one_start(s)
            runs[s["name"]].append(r)
            print(f"{s['name']}: listening after {r['listen_ms']} ms; first answer {r['first_ms']} ms later "
                  f"(second {r['second_ms']} ms), statuses {r['statuses']}", flush=True)
    summary = {}
    for name, rs in runs.items():
        summary[name] = {f"{k}_{f.__name__}": round(f(r[k] for r in rs), 1)
                         for k in ("listen_ms", "first_ms", "spawn_to_first_ms", "second_ms")
                         for f in (min, statistics.median)}
        summary[name]["non_200"] = sum(s != 200 for r in rs for s in r["statuses"])
    report = {"name": "bench_start", "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
              "command": "python3 bench/bench_start.py " + " ".join(sys.argv[1:]),
              "index": args.index, "articles": _articles(args.index), "starts": args.starts, "target_first_ms": TARGET_MS,
              "target_met": summary["ours"]["first_ms_median"] <= TARGET_MS and summary["ours"]["non_200"] == 0,
              "summary": summary, "runs": runs,
              "note": "first_ms: from the moment the port accepts a connection to the first answer (a "
                      "search as JSON, on a new connection). Ours warms before it listens, so its "
                      "listen_ms includes opening the index; the baseline opens lazily on the first request."}
    pathlib.Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(args.out).write_text(json.dumps(report, indent=1) + "\n")
    for name, s in summary.items():
        print(f"{name}: first answer min {s['first_ms_min']} median {s['first_ms_median']} ms; "
              f"listening after median {s['listen_ms_median']} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
