#!/usr/bin/env python3
"""Start and stop the services the tests need, each on 127.0.0.1 with its own port and directory.

    python3 tests/services/services.py install                 # Debian's PostgreSQL when missing (root)
    eval "$(python3 tests/services/services.py start --state DIR --postgres [--standby] [--dask 2])"
    python3 tests/services/services.py status --state DIR
    python3 tests/services/services.py stop --state DIR        # by the pids recorded in DIR

`start` prints shell `export` lines for the test fixtures: QUOTE_INDEX_TEST_DSN (the primary),
QUOTE_INDEX_TEST_STANDBY_DSN (a streaming standby) and QUOTE_INDEX_TEST_SCHEDULER (a Dask
scheduler). Without them the fixtures start what they need themselves.
"""
from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from services import dask_cluster, postgres  # noqa: E402
from services.common import alive, read_state, write_state  # noqa: E402

ENV = {"primary": "QUOTE_INDEX_TEST_DSN", "standby": "QUOTE_INDEX_TEST_STANDBY_DSN",
       "dask": "QUOTE_INDEX_TEST_SCHEDULER"}


def start(state_dir: str, pg: bool, standby: bool, dask_workers: int) -> dict:
    """Start what was asked, recording each service in state_dir as soon as it runs."""
    state = read_state(state_dir)
    if any(alive(s.get("pid") or s.get("scheduler_pid")) for s in state.values()):
        raise SystemExit(f"services already running from {state_dir}; stop them first")
    state = {"base": tempfile.mkdtemp(prefix="quote-index-services-")}
    write_state(state_dir, state)
    try:
        if pg or standby:
            state["primary"] = postgres.start_primary(os.path.join(state["base"], "pg"))
            write_state(state_dir, state)
        if standby:
            state["standby"] = postgres.start_standby(os.path.join(state["base"], "pg"), state["primary"])
            write_state(state_dir, state)
        if dask_workers:
            state["dask"] = dask_cluster.start(os.path.join(state["base"], "dask"), dask_workers)
            write_state(state_dir, state)
    except BaseException:
        stop(state_dir)
        raise
    return state


def exports(state: dict) -> str:
    """Shell export lines for the running services."""
    lines = []
    for name, var in ENV.items():
        if name in state:
            value = state[name]["address"] if name == "dask" else state[name]["dsn"]
            lines.append(f"export {var}={shlex.quote(value)}")
    return "\n".join(lines)


def stop(state_dir: str) -> list[str]:
    """Stop every service recorded in state_dir by its pid (standby before primary); what was stopped."""
    state = read_state(state_dir)
    done = []
    if "dask" in state:
        dask_cluster.stop(state["dask"])
        done.append("dask")
    for name in ("standby", "primary"):
        if name in state and postgres.stop(state[name]):
            done.append(f"postgresql {name} (pid {state[name]['pid']})")
    if state.get("base"):
        shutil.rmtree(state["base"], ignore_errors=True)
    write_state(state_dir, {})
    return done


def main(argv=None) -> int:
    """Command line: install, start, status, stop."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["install", "start", "status", "stop"])
    ap.add_argument("--state", default=os.path.join(tempfile.gettempdir(), "quote-index-services"),
                    help="directory recording what was started (pids, ports)")
    ap.add_argument("--postgres", action="store_true", help="a PostgreSQL primary")
    ap.add_argument("--standby", action="store_true", help="and a streaming standby of it")
    ap.add_argument("--dask", type=int, default=0, metavar="N", help="a Dask scheduler with N workers")
    args = ap.parse_args(argv)
    if args.command == "install":
        print(f"PostgreSQL binaries in {postgres.install()}", file=sys.stderr)
    elif args.command == "start":
        print(exports(start(args.state, args.postgres, args.standby, args.dask)))
    elif args.command == "status":
        state = read_state(args.state)
        for name in ENV:
            if name in state:
                pid = state[name].get("pid") or state[name].get("scheduler_pid")
                print(f"{name}: pid {pid} {'running' if alive(pid) else 'NOT running'}")
    else:
        for what in stop(args.state):
            print(f"stopped {what}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
