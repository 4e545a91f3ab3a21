"""Slow clients against `quote-index serve` with its default limits: N connections that send a
request's first bytes and then one byte every --every seconds (never a whole request), and one
ordinary request sent meanwhile. How long the ordinary request waits, and how long the slow
connections are kept open, per source tree (e.g. this checkout and an export of main).

    python bench/bench_slow_clients.py --index DIR --tree . --tree /tmp/main-src --clients 99

Writes bench/out/bench_slow_clients.json.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import pathlib
import socket
import subprocess
import sys
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "bench_slow_clients.json"


def run(tree: pathlib.Path, index_dir: str, clients: int, every: float, limit: float) -> dict:
    """One server from tree, `clients` slow connections, one ordinary request; the timings."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "quote_index", "serve", "--index", index_dir, "--port", str(port)],
                            cwd=str(tree), env={**os.environ, "PYTHONPATH": str(tree)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    slow: list = []
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        for _ in range(clients):
            c = socket.socket()
            c.settimeout(5)
            c.connect(("127.0.0.1", port))           # beyond the limit: waits in the backlog
            c.sendall(b"GET /search?q=")
            slow.append(c)
        started = time.monotonic()
        stop = threading.Event()
        closed_at: dict = {}

        def trickle():
            """A byte on every open slow connection every `every` seconds; note when each closes."""
            while not stop.is_set():
                for i, c in enumerate(slow):
                    if i in closed_at:
                        continue
                    try:
                        c.sendall(b"a")
                        c.setblocking(False)
                        try:
                            if c.recv(1) == b"":
                                closed_at[i] = time.monotonic() - started
                        except BlockingIOError:
                            pass
                        finally:
                            c.setblocking(True)
                    except OSError:
                        closed_at[i] = time.monotonic() - started
                stop.wait(every)
        t = threading.Thread(target=trickle)
        t.start()
        time.sleep(1)
        t0 = time.monotonic()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=limit)
            conn.request("GET", "/search.json?q=said")
            status = conn.getresponse().status
        except (OSError, http.client.HTTPException) as e:
            status = type(e).__name__
        waited = round(time.monotonic() - t0, 1)
        while time.monotonic() - started < limit and len(closed_at) < len(slow):
            time.sleep(1)
        stop.set()
        t.join()
        return {"tree": str(tree), "clients": clients, "every_s": every, "ordinary_request": status,
                "ordinary_waited_s": waited, "slow_closed": len(closed_at),
                "last_closed_after_s": round(max(closed_at.values()), 1) if closed_at else None,
                "observed_for_s": limit}
    finally:
        for c in slow:
            c.close()
        proc.terminate()
        proc.wait(timeout=20)


def main() -> int:
    """Each tree in turn; figures to bench/out/bench_slow_clients.json."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--tree", action="append")
    ap.add_argument("--clients", type=int, action="append", help="slow connections (repeatable; default 99)")
    ap.add_argument("--every", type=float, default=20.0, help="seconds between two bytes of a slow client")
    ap.add_argument("--limit", type=float, default=90.0, help="seconds to wait for anything")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    results = []
    for n in args.clients or [99]:
        for tree in [pathlib.Path(t).resolve() for t in (args.tree or ["."])]:
            r = run(tree, args.index, n, args.every, args.limit)
            results.append(r)
            print(json.dumps(r), flush=True)
    report = {"name": "bench_slow_clients", "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
              "command": "python bench/bench_slow_clients.py " + " ".join(sys.argv[1:]), "results": results}
    pathlib.Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(args.out).write_text(json.dumps(report, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
