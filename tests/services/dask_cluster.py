"""A Dask scheduler and workers on 127.0.0.1 as separate processes (the `dask` command from PyPI).

Each is started in its own session, so that stopping it by its pid's process group also stops
the worker processes its nanny spawned. Workers import quote-index (and the tests' helpers) from the repository.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys

from .common import free_port, listening, stop_pid, wait_for

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _dask(args: list[str], log: str) -> subprocess.Popen:
    """Start `dask ARGS` in its own session with the repository importable; output to log."""
    # the `dask` of this interpreter's environment first: another one on PATH may be another Python's
    here = os.path.join(os.path.dirname(sys.executable), "dask")
    exe = here if os.access(here, os.X_OK) else shutil.which("dask") or here
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [REPO, os.path.join(REPO, "tests"), os.environ.get("PYTHONPATH")]))}
    with open(log, "ab") as out:
        return subprocess.Popen([exe] + args, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env=env, cwd=REPO, start_new_session=True)


def start(base: str, workers: int = 2) -> dict:
    """A scheduler and `workers` single-threaded worker processes; pids, address, logs."""
    os.makedirs(base, exist_ok=True)
    port = free_port()
    sched = _dask(["scheduler", "--host", "127.0.0.1", "--port", str(port),
                   "--dashboard-address", "127.0.0.1:0"],
                  os.path.join(base, "dask-scheduler.log"))
    address = f"tcp://127.0.0.1:{port}"
    info = {"scheduler_pid": sched.pid, "address": address, "workers": workers, "worker_pid": None,
            "base": base}
    try:
        wait_for(lambda: listening(port), f"Dask scheduler listening on {address}", 60)
        work = _dask(["worker", address, "--nworkers", str(workers), "--nthreads", "1", "--host", "127.0.0.1",
                      "--dashboard-address", "127.0.0.1:0", "--local-directory", os.path.join(base, "dask-worker-space")],
                     os.path.join(base, "dask-worker.log"))
        info["worker_pid"] = work.pid
        wait_for(lambda: _registered(address) >= workers, f"{workers} Dask workers registered at {address}", 90)
    except BaseException:
        stop(info)
        raise
    return info


def _registered(address: str) -> int:
    """How many workers the scheduler at address knows."""
    from dask.distributed import Client

    with Client(address, timeout="10s") as c:
        return len(c.scheduler_info().get("workers", {}))


def stop(info: dict) -> None:
    """Stop the workers, then the scheduler, each by its pid (its process group)."""
    if info.get("worker_pid"):
        stop_pid(info["worker_pid"], signal.SIGTERM, timeout=30, group=True)
    stop_pid(info["scheduler_pid"], signal.SIGTERM, timeout=30, group=True)
