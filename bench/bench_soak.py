"""Soak: a real `quote-index serve` (waitress) under a steady request rate, with builds and updates.

For `--minutes` the server gets `--rate` requests per second (a mix of ordinary pages, JSON
twins, CSV exports, name completion and hostile requests: markup, syntax, traversal, huge
pages), while a writer swaps the index every `--rebuild-every` seconds (alternately a full
`build` to corpus state v2 and an `update` back to v1). Reported: requests, errors (status >= 500,
connection failures, timeouts), answers showing a mixed state, latency p50/p95/p99/max per kind
of request, and the server's resident memory (VmRSS) at the start, every 30 s and at the end.

    python bench/bench_soak.py --minutes 10              # the figure for docs/RELIABILITY.md
    python bench/bench_soak.py --seconds 20 --rate 10    # a quick look
    python bench/bench_soak.py --minutes 10 --index /tmp/big-index --rebuild-every 0

Writes bench/out/bench_soak.json. Everything is generated (nothing read from ../shared) unless
--index points at an index built elsewhere (then no writer runs and no state check is made).
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
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
import urllib.error
import urllib.parse
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_faults as bf  # noqa: E402  (corpus generator shared with the fault bench)

HOSTILE = ["/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/search.json?q=%22%22%22(((", "/search?q=*",
           "/search?q=a*", "/search.json?q=AND%20OR%20NOT", "/search?page=999999", "/search?page=-1",
           "/search.json?per_page=100000", "/search?since=2020-02-30", "/search?q=%ff%fe%00",
           "/search.json?_raw=1&q=text:(a%20OR", "/search?q=" + "x" * 600, "/article/..%2F..%2Fetc%2Fpasswd",
           "/article/%00", "/quote/../../setup.cfg", "/speaker/%3Cimg%20src%3Dx%3E", "/static/../../setup.cfg",
           "/api/names?q=%E2%80%AE", "/search.csv?q=%3D1%2B1", "/search?scope=nothing", "/nowhere",
           # the most expensive queries there are: wildcards and fuzzy terms expand over the lexicon
           "/search.json?q=s*", "/search.json?_raw=1&q=*e*", "/search.json?q=said~2",
           "/search.json?_raw=1&q=government~99999", "/search.json?scope=articles&q=t*%20OR%20a*%20OR%20s*"]


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid: int) -> int:
    """Resident memory of a process in kB (VmRSS), 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _get(url: str, timeout: float = 30.0) -> tuple[int, bytes, float]:
    """(status, body, seconds) of a GET; status 0 when the connection failed."""
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            body = r.read()
            return r.status, body, time.perf_counter() - t0
    except urllib.error.HTTPError as e:
        return e.code, e.read(), time.perf_counter() - t0
    except Exception as e:  # noqa: BLE001 - a failed connection is an error to count
        return 0, repr(e).encode(), time.perf_counter() - t0


def _urls(base: str) -> list[tuple[str, str]]:
    """(kind, path) of the ordinary requests, taken from what the index holds."""
    speakers = json.loads(_get(base + "/speakers.json")[1])["rows"]
    arts = json.loads(_get(base + "/search.json?scope=articles&per_page=50")[1])["rows"]
    quotes = json.loads(_get(base + "/search.json?per_page=50")[1])["rows"]
    words = sorted({w for h in quotes for w in h["text"].split() if w.isalpha() and len(w) > 4})[:40] or ["said"]
    out = [("search", "/search?q=" + urllib.parse.quote(w)) for w in words]
    out += [("search_json", "/search.json?q=" + urllib.parse.quote(w) + "&sort=date") for w in words[:10]]
    out += [("search_json", '/search.json?q=%22' + urllib.parse.quote(" ".join(h["text"].split()[:3])) + '%22')
            for h in quotes[:10]]
    out += [("speaker", "/speaker/" + urllib.parse.quote(s["id"])) for s in speakers[:20]]
    out += [("speaker", "/speaker/" + urllib.parse.quote(s["id"]) + ".json") for s in speakers[:5]]
    out += [("article", "/article/" + urllib.parse.quote(h["id"])) for h in arts[:20]]
    out += [("quote", "/quote/" + urllib.parse.quote(h["cluster"])) for h in quotes[:10] if h.get("cluster")]
    out += [("list", "/speakers"), ("list", "/"), ("csv", "/search.csv?q=said"), ("names", "/api/names?q=pa")]
    return out


def run(seconds: float, rate: float, articles: int = 200, rebuild_every: float = 60.0, index: str | None = None,
        threads: int = 4, quiet: bool = False, seed: int = 3) -> dict:
    """One soak; returns the figures (see the module docstring)."""
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, flush=True))
    rnd = random.Random(seed)
    tmp = tempfile.TemporaryDirectory(prefix="qi-soak-")
    base_dir = pathlib.Path(tmp.name)
    valid: dict = {}
    if index is None:
        from indexer import ingest
        v1 = bf.write_corpus(base_dir / "v1", articles, 1)
        v2 = bf.write_corpus(base_dir / "v2", articles, 2)
        for name, corpus in (("v1", v1), ("v2", v2)):
            ingest.build([str(corpus)], str(base_dir / f"{name}_ix"))
            valid[name] = bf.signature(str(base_dir / f"{name}_ix"))
        index = str(base_dir / "ix")
        ingest.build([str(v1)], index)
    else:
        rebuild_every = 0
    port = free_port()
    # The server's log goes to a file: a pipe nobody reads fills up and then blocks the server.
    log = open(base_dir / "server.log", "w+", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "quote_index", "serve", "--index", index, "--port", str(port),
                               "--threads", str(threads)], cwd=ROOT, env=bf._env(),
                              stdout=subprocess.DEVNULL, stderr=log, text=True)
    base = f"http://127.0.0.1:{port}"
    results: list = []
    lock = threading.Lock()
    stop = threading.Event()
    writer_runs, writer_failures, mixed = [0], [], [0]
    rss: list = []
    try:
        deadline = time.monotonic() + 60
        while _get(base + "/", timeout=5)[0] != 200:
            assert server.poll() is None, (base_dir / "server.log").read_text()
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)
        urls = _urls(base)
        articles_probe = "/search.json?scope=articles&per_page=100"
        for kind, path in urls[:30]:                        # warm-up (first-request costs, caches)
            _get(base + path)
        rss.append({"t": 0.0, "kb": rss_kb(server.pid)})
        say(f"serving {index} on {base}; {len(urls)} ordinary URLs, {len(HOSTILE)} hostile; "
            f"RSS {rss[0]['kb']} kB")

        def writer():
            """Swap the index back and forth while the requests go on."""
            flip = 0
            while not stop.wait(rebuild_every):
                args = (["build", str(base_dir / "v2")] if flip == 0 else ["update", str(base_dir / "v1")])
                r = subprocess.run([sys.executable, "-m", "quote_index", *args, "--index", index, "--no-progress"],
                                   cwd=ROOT, env=bf._env(), capture_output=True, text=True, timeout=900)
                writer_runs[0] += 1
                if r.returncode != 0:
                    writer_failures.append(r.stderr[-300:])
                flip ^= 1

        def one(kind: str, path: str) -> None:
            """One request, recorded; the articles probe also checks the state it shows."""
            status, body, secs = _get(base + path)
            bad_state = False
            if kind == "state" and status == 200 and valid:
                # The total names the state (v1 and v2 differ in size); every article on the page
                # must belong to that same state, and the page must be full.
                d = json.loads(body)
                ids = {h["id"] for h in d["rows"]}
                same = [v for v in valid.values() if len(v[0]) == d["count"]]
                bad_state = not same or not ids <= set(same[0][0]) or len(ids) != min(100, d["count"])
            with lock:
                results.append((kind, status, secs, path if status >= 500 or status == 0 else None))
                if bad_state:
                    mixed[0] += 1

        wt = threading.Thread(target=writer, daemon=True) if rebuild_every > 0 else None
        if wt:
            wt.start()
        t0 = time.monotonic()
        n = int(seconds * rate)
        next_rss = 30.0
        with cf.ThreadPoolExecutor(max_workers=16) as pool:
            for i in range(n):
                due = t0 + i / rate
                pause = due - time.monotonic()
                if pause > 0:
                    time.sleep(pause)
                r = rnd.random()
                if r < 0.10:
                    kind, path = "hostile", rnd.choice(HOSTILE)
                elif r < 0.15:
                    kind, path = "state", articles_probe
                else:
                    kind, path = rnd.choice(urls)
                pool.submit(one, kind, path)
                elapsed = time.monotonic() - t0
                if elapsed >= next_rss:
                    rss.append({"t": round(elapsed, 1), "kb": rss_kb(server.pid)})
                    say(f"{elapsed:6.0f}s  {len(results)} answered, RSS {rss[-1]['kb']} kB")
                    next_rss += 30.0
        stop.set()
        if wt:
            wt.join(timeout=900)
        rss.append({"t": round(time.monotonic() - t0, 1), "kb": rss_kb(server.pid)})
        wall = time.monotonic() - t0
    finally:
        stop.set()
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.seek(0)
        server_log = log.read()
        log.close()
        tmp.cleanup()

    def pct(xs, p):
        """The p-th percentile of xs in milliseconds."""
        if not xs:
            return None
        xs = sorted(xs)
        return round(1000 * xs[min(len(xs) - 1, int(p / 100 * len(xs)))], 1)

    lat = [s for _, _, s, _ in results]
    by_kind = {}
    for kind in sorted({k for k, _, _, _ in results}):
        xs = [s for k, _, s, _ in results if k == kind]
        by_kind[kind] = {"n": len(xs), "p50_ms": pct(xs, 50), "p95_ms": pct(xs, 95), "max_ms": pct(xs, 100)}
    errors = [(k, st, p) for k, st, _, p in results if st >= 500 or st == 0]
    exceptions = server_log.count("unexpected error")          # tracebacks the app logged
    return {"name": "bench_soak", "seconds": round(wall, 1), "rate_per_s": rate, "requests": len(results),
            "achieved_rate_per_s": round(len(results) / wall, 1) if wall else None,
            "errors": len(errors), "error_samples": errors[:10], "mixed_states": mixed[0],
            "server_exceptions_logged": exceptions,
            "server_log_tail": server_log[-2000:] if exceptions or errors else "",
            "status_counts": {str(s): sum(1 for _, st, _, _ in results if st == s)
                              for s in sorted({st for _, st, _, _ in results})},
            "latency_ms": {"p50": pct(lat, 50), "p95": pct(lat, 95), "p99": pct(lat, 99), "max": pct(lat, 100),
                           "mean": round(1000 * statistics.mean(lat), 1) if lat else None},
            "by_kind": by_kind, "writer_runs": writer_runs[0], "writer_failures": writer_failures,
            "rss_kb": {"start": rss[0]["kb"], "end": rss[-1]["kb"], "max": max(r["kb"] for r in rss),
                       "samples": rss},
            "server_threads": threads, "articles": articles if valid else None, "index": None if valid else index}


def main(argv=None) -> int:
    """Parse options, soak, write bench/out/bench_soak.json."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--seconds", type=float, help="duration in seconds (overrides --minutes)")
    ap.add_argument("--rate", type=float, default=20.0, help="requests per second (steady)")
    ap.add_argument("--articles", type=int, default=200, help="articles in the generated corpus")
    ap.add_argument("--rebuild-every", type=float, default=60.0, help="seconds between writer runs (0: none)")
    ap.add_argument("--index", help="serve this index instead of a generated one (no writer)")
    ap.add_argument("--threads", type=int, default=4, help="waitress threads")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "bench_soak.json"))
    args = ap.parse_args(argv)
    seconds = args.seconds if args.seconds is not None else args.minutes * 60
    out = run(seconds, args.rate, args.articles, args.rebuild_every, args.index, args.threads)
    out["date"] = time.strftime("%Y-%m-%d %H:%M:%S")
    out["machine"] = {"python": sys.version.split()[0], "cpus": os.cpu_count()}
    out["command"] = "python bench/bench_soak.py " + " ".join(sys.argv[1:] if argv is None else argv)
    out["note"] = "one shared core, other work running: latencies are noisy upper bounds"
    pathlib.Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(args.out).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    r = out["rss_kb"]
    print(f"{out['requests']} requests in {out['seconds']}s ({out['achieved_rate_per_s']}/s), "
          f"{out['errors']} errors, {out['mixed_states']} mixed states, p95 {out['latency_ms']['p95']} ms, "
          f"max {out['latency_ms']['max']} ms; {out['writer_runs']} writer runs; "
          f"RSS {r['start']} -> {r['end']} kB (max {r['max']}) -> {args.out}")
    return 0 if (out["errors"] == 0 and out["mixed_states"] == 0 and not out["writer_failures"]
                 and out["server_exceptions_logged"] == 0) else 1


if __name__ == "__main__":
    sys.exit(main())
