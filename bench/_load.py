"""HTTP load from a separate process, with the server's CPU per request and RSS: shared by
bench_web.py, bench_memory.py and bench_start.py (a private helper: run_all.py does not run it).

`load()` drives a server on 127.0.0.1 with `wrk` (Debian's package; closed loop, one thread,
`wrk_rotate.lua` rotating through the paths, optionally stopping after N responses) or, when wrk
is not installed, with a generator of worker processes (one keep-alive connection each; never
threads of the benchmark's own process, which would share its interpreter lock). Either way the
answer says which generator ran. The server's CPU time is read from /proc/<pid>/stat (utime +
stime of the whole process, every thread included) before and after, and its RSS after.
"""
from __future__ import annotations

import http.client
import json
import multiprocessing
import os
import pathlib
import shutil
import signal
import subprocess
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
LUA = HERE / "wrk_rotate.lua"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def wrk_path() -> str | None:
    """The wrk executable on PATH, or None ($QUOTE_INDEX_BENCH_NO_WRK=1 forces the fallback)."""
    return None if os.environ.get("QUOTE_INDEX_BENCH_NO_WRK") else shutil.which("wrk")


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process (all its threads), in seconds, from /proc/<pid>/stat."""
    raw = pathlib.Path(f"/proc/{pid}/stat").read_text()
    fields = raw[raw.rindex(")") + 2:].split()     # after "pid (comm) ": comm may hold spaces
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def rss_mb(pid: int) -> dict:
    """VmRSS, VmHWM (peak), RssAnon and RssFile of a process, in MB, from /proc/<pid>/status."""
    out = {}
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
            out[key] = round(int(value.split()[0]) / 1024, 1)
    return out


def parse_wrk(text: str) -> dict:
    """The figures of wrk_rotate.lua's RESULT line in wrk's output; ValueError when there is none."""
    for line in text.splitlines():
        if line.startswith("RESULT "):
            r = json.loads(line[len("RESULT "):])
            r["errors"] = sum(r.pop(k) for k in ("err_connect", "err_read", "err_write", "err_status", "err_timeout"))
            r["rps"] = round(r["requests"] / r["duration_s"], 1) if r["duration_s"] else 0.0
            return r
    raise ValueError(f"no RESULT line in wrk's output: {text[-500:]!r}")


def percentile(sorted_ms: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of sorted values, 0.0 when there are none."""
    if not sorted_ms:
        return 0.0
    return round(sorted_ms[min(len(sorted_ms) - 1, max(0, int(round(p / 100 * len(sorted_ms))) - 1))], 2)


def load(port: int, paths: list[str], *, connections: int = 8, duration: float = 30.0,
         requests: int = 0, pid: int | None = None) -> dict:
    """Load 127.0.0.1:port with the paths for `duration` seconds (or until `requests` answers);
    req/s, latency percentiles, errors, and the server's CPU-ms per request and RSS when pid is given."""
    cpu0 = cpu_seconds(pid) if pid else None
    exe = wrk_path()
    if exe:
        r = _wrk(exe, port, paths, connections, duration, requests)
    else:
        r = _processes(port, paths, connections, duration, requests)
    if pid:
        used = cpu_seconds(pid) - cpu0
        r["server_cpu_s"] = round(used, 2)
        r["server_cpu_ms_per_request"] = round(1000 * used / max(1, r["requests"]), 2)
        r["server_rss_mb"] = rss_mb(pid)
    r["connections"] = connections
    r["distinct_paths"] = len(set(paths))
    return r


def _wrk(exe: str, port: int, paths: list[str], connections: int, duration: float, requests: int) -> dict:
    """One wrk run (one thread, closed loop) over a file of the paths."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(paths) + "\n")
    # With a request count the duration is only a bound: the script stops wrk at the count.
    secs = max(1, int(round(duration))) if not requests else 3600
    argv = [exe, "-t1", f"-c{connections}", f"-d{secs}s", "--timeout", "30s", "-s", str(LUA),
            f"http://127.0.0.1:{port}", "--", f.name] + ([str(requests)] if requests else [])
    try:
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if requests:
            # wrk sleeps for all of -d even when the script stopped its thread: SIGINT at the count.
            for line in proc.stderr:
                if line.startswith("LIMIT"):
                    proc.send_signal(signal.SIGINT)
                    break
        out, err = proc.communicate(timeout=secs + 120)
    finally:
        os.unlink(f.name)
    if proc.returncode != 0 and "RESULT " not in out:
        raise RuntimeError(f"wrk exited {proc.returncode}: {err[-500:]}")
    r = parse_wrk(out)
    r["generator"] = "wrk"
    return r


def _client(args) -> tuple[list[float], int, list[str]]:
    """One worker process: a keep-alive connection requesting its share of the paths."""
    port, paths, k, step, stop_at, left = args
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    times, errors, samples, i = [], 0, [], k
    while time.time() < stop_at:
        if left is not None:
            with left.get_lock():
                if left.value <= 0:
                    break
                left.value -= 1
        path = paths[i % len(paths)]
        i += step
        t0 = time.perf_counter()
        try:
            conn.request("GET", path)
            resp = conn.getresponse()
            resp.read()
            if resp.status >= 400:
                errors += 1
                samples.append(f"{resp.status} {path}")
        except (OSError, http.client.HTTPException) as e:
            errors += 1
            samples.append(f"{type(e).__name__} {path}")
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        times.append(1000 * (time.perf_counter() - t0))
    conn.close()
    return times, errors, samples[:3]


_LEFT = None


def _init(left) -> None:
    """Pool initializer: hand the shared request counter to the worker."""
    global _LEFT
    _LEFT = left


def _client_shared(args):
    """_client with the pool's shared counter (a multiprocessing.Value cannot travel in map's args)."""
    return _client(args[:-1] + (_LEFT if args[-1] else None,))


def _processes(port: int, paths: list[str], connections: int, duration: float, requests: int) -> dict:
    """The fallback generator: `connections` worker processes, each a keep-alive client."""
    ctx = multiprocessing.get_context("fork")
    left = ctx.Value("l", requests) if requests else None
    stop_at = time.time() + (duration if not requests else 3600)
    jobs = [(port, paths, k, connections, stop_at, bool(requests)) for k in range(connections)]
    t0 = time.perf_counter()
    with ctx.Pool(connections, initializer=_init, initargs=(left,)) as pool:
        parts = pool.map(_client_shared, jobs)
    elapsed = time.perf_counter() - t0
    ms = sorted(t for p in parts for t in p[0])
    return {"requests": len(ms), "duration_s": round(elapsed, 3), "rps": round(len(ms) / elapsed, 1),
            "p50_ms": percentile(ms, 50), "p90_ms": percentile(ms, 90), "p95_ms": percentile(ms, 95),
            "p99_ms": percentile(ms, 99), "mean_ms": round(sum(ms) / len(ms), 2) if ms else 0.0,
            "max_ms": round(ms[-1], 2) if ms else 0.0, "errors": sum(p[1] for p in parts),
            "error_samples": [s for p in parts for s in p[2]][:5], "generator": "processes"}


def wait_listening(port: int, proc: subprocess.Popen, timeout: float = 120.0, step: float = 0.005) -> float:
    """Poll until the port accepts a connection; the perf_counter time it first did.
    SystemExit when the process exits or the timeout passes."""
    import socket
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with status {proc.returncode} before listening on {port}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return time.perf_counter()
        except OSError:
            time.sleep(step)
    proc.kill()
    raise SystemExit(f"server did not listen on {port} within {timeout:.0f} s")


def get(port: int, path: str, timeout: float = 60.0) -> tuple[int, bytes]:
    """One GET on a new connection: status and body."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()
