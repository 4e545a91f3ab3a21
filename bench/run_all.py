#!/usr/bin/env python3
"""Run the benchmark suites in bench/ and gather their JSON figures into docs/BENCHMARKS.md.

Each script `bench/<name>.py` writes its figures to `bench/out/<...>.json` (a JSON object; the
keys "command", "date" and "machine" are shown in the section heading). This script runs one
suite's scripts one after the other (never in parallel: the figures are timings), then renders
every JSON file in bench/out/ (whichever suite wrote it, and when) as a section with a table of its
figures, nested objects flattened to dotted keys; at the top, issue 10's targets with a met / not
met column computed from the JSON (targets.py).

- speed (`make bench`, ~35 minutes on a quiet machine): builds at 22,000 and 88,000 articles
  next to the baseline (commit fabbe3a) and the Datasette peer, queries, HTTP load with the
  answer caches off, server memory after 10,000 mixed requests, first request after start, the
  one-file update, extraction; the peer's scratch copy is prepared first (PyPI, once).
- reliability (`make bench-reliability`): faults, costs, slow clients, soak, linear time.

    python3 bench/run_all.py                         # the speed suite, then docs/BENCHMARKS.md
    python3 bench/run_all.py --suite reliability
    python3 bench/run_all.py --no-run                # only gather the JSON already in bench/out/
    python3 bench/run_all.py --only bench_web        # one script of the suite
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import platform
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))
import _trees  # noqa: E402
import targets  # noqa: E402

OUT = BENCH / "out"
DOC = ROOT / "docs" / "BENCHMARKS.md"
MAX_CELL = 300          # longer values are left out of the tables
INDEX = str(_trees.BENCH_DIR / "index")
PEER = str(_trees.PEER_DIR)
# Each suite: (script, arguments) in order; bench_build first (the others reuse its indexes).
# "{peer}" arguments are dropped when the peer cannot be prepared.
SUITES = {
    "speed": [
        ("bench_build", []),
        ("bench_queries", []),
        ("bench_web", ["--json", "--cold", "--peer", "{peer}"]),
        # As deployed (answer caches on: the workload's paths repeat, as a site's do), then once
        # with the caches of whole answers off (every request computed), to its own file.
        ("bench_memory", ["--baseline", "--peer", "{peer}"]),
        ("bench_memory", ["--baseline", "--cold", "--repeats", "1",
                          "--out", "bench/out/bench_memory_cold.json"]),
        ("bench_start", ["--baseline", "--peer", "{peer}"]),
        ("bench_update", []),
        ("bench_extract", []),
    ],
    "reliability": [
        ("bench_faults", []),
        ("bench_costs", ["--index", INDEX, "--costs-index", str(_trees.BENCH_DIR / "costs-index")]),
        ("bench_slow_clients", ["--index", INDEX]),
        ("bench_soak", []),
        ("bench_linear", []),
    ],
}


def arguments(args: list[str], peer: str | None) -> list[str]:
    """A script's arguments with the peer's directory filled in, or "--peer {peer}" dropped."""
    out: list[str] = []
    for a in args:
        if a == "{peer}":
            if peer:
                out.append(peer)
            elif out and out[-1] == "--peer":
                out.pop()
        else:
            out.append(a)
    return out


def run(script: str, args: list[str]) -> dict:
    """Run one script; its exit status and wall time."""
    print(f"run_all: {script} {' '.join(args)} ...", file=sys.stderr, flush=True)
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, str(BENCH / f"{script}.py"), *args], cwd=ROOT, stdout=subprocess.DEVNULL)
    seconds = round(time.perf_counter() - t, 1)
    print(f"run_all: {script} exited {proc.returncode} after {seconds}s", file=sys.stderr, flush=True)
    return {"script": f"{script}.py {' '.join(args)}".strip(), "returncode": proc.returncode, "seconds": seconds}


def peer_or_none() -> str | None:
    """The prepared peer copy (preparing it when missing), or None with the reason on stderr."""
    try:
        return str(_trees.prepare_peer())
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"run_all: the Datasette peer could not be prepared ({e}); its columns stay empty",
              file=sys.stderr)
        return None


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo, or the platform's processor string."""
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def flatten(data, prefix: str = "") -> list[tuple[str, object]]:
    """Nested dicts as (dotted key, value) pairs; lists of scalars joined, other lists as JSON."""
    out: list[tuple[str, object]] = []
    for k, v in data.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out += flatten(v, key + ".")
        elif isinstance(v, list):
            out.append((key, ", ".join(map(str, v)) if all(not isinstance(x, (dict, list)) for x in v)
                        else json.dumps(v, ensure_ascii=False)))
        else:
            out.append((key, v))
    return out


def load_all() -> dict:
    """Every readable JSON object in bench/out/, by file stem."""
    out = {}
    for path in sorted(OUT.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict):
            out[path.stem] = data
    return out


def render(runs: list[dict]) -> str:
    """docs/BENCHMARKS.md: how the figures were made, then one section per JSON file."""
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (`python3 bench/run_all.py`); do not edit by hand.",
        "",
        f"- Gathered: {time.strftime('%Y-%m-%d %H:%M %Z')}",
        f"- Machine: {cpu_model()} ({platform.machine()}), {os.cpu_count()} CPU(s) visible, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}",
        "- The machine is shared: figures measured while other work runs are noisy (timings can be "
        "off by a factor of 2 either way); compare ratios measured in the same run rather than "
        "absolute times across runs.",
        "- Corpora are read at run time from `../shared/corpora` and indexes are built under /tmp; no "
        "corpus text is copied here.",
        "",
    ]
    lines += targets.how_to_read(load_all())
    if runs:
        lines += ["## Scripts run", "", "| script | exit | seconds |", "|---|---|---|"]
        lines += [f"| `{r['script']}` | {r['returncode']} | {r['seconds']} |" for r in runs]
        lines.append("")
    for path in sorted(OUT.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            lines += [f"## {path.name}", "", f"Unreadable: {e}", ""]
            continue
        if not isinstance(data, dict):
            continue
        lines += [f"## {data.get('name', path.stem)}", ""]
        for key in ("command", "date", "machine"):
            if key in data:
                lines.append(f"- {key}: `{data[key]}`" if key == "command" else f"- {key}: {data[key]}")
        lines += ["", "| figure | value |", "|---|---|"]
        for k, v in flatten({k: v for k, v in data.items() if k not in ("name", "command", "date", "machine")}):
            if isinstance(v, str) and len(v) > MAX_CELL:
                # Long records (per-run details) stay in the JSON file; the table keeps figures.
                v = f"({len(v)} characters of detail in bench/out/{path.name})"
            lines.append(f"| {k} | {str(v).replace('|', '/')} |")
        lines.append("")
    return "\n".join(lines)


def main(argv=None) -> int:
    """Run a suite's scripts (unless --no-run) and write docs/BENCHMARKS.md."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-run", action="store_true", help="Only gather existing bench/out/*.json.")
    ap.add_argument("--suite", choices=sorted(SUITES), default="speed", help="Which scripts to run (default speed).")
    ap.add_argument("--only", action="append", default=[], help="Run only this script of the suite (stem); repeatable.")
    args = ap.parse_args(argv)
    runs = []
    if not args.no_run:
        todo = [(name, a) for name, a in SUITES[args.suite] if not args.only or name in args.only]
        peer = peer_or_none() if any("{peer}" in a or name == "bench_build" for name, a in todo) else None
        for name, a in todo:
            runs.append(run(name, arguments(a, peer)))
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(render(runs), encoding="utf-8")
    print(f"run_all: wrote {DOC.relative_to(ROOT)}", file=sys.stderr)
    return 1 if any(r["returncode"] for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
