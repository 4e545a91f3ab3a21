"""What the service starters share: free ports, waiting, stopping a process by its pid, the state file."""
from __future__ import annotations

import json
import os
import signal
import socket
import time
from typing import Callable

STATE = "services.json"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port: int) -> bool:
    """True when something accepts connections on 127.0.0.1:port."""
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_for(check: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    """Poll check() until it is true; RuntimeError naming `what` after timeout seconds."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not happen within {timeout:g}s")
        time.sleep(0.2)


def alive(pid: int) -> bool:
    """True while process pid exists (and is not a zombie of ours)."""
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)   # reap it if it is our child
        if done == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ", 1)[1][:1] != "Z"
    except OSError:
        return True


def stop_pid(pid: int, sig: int = signal.SIGTERM, timeout: float = 30.0, group: bool = False) -> bool:
    """Signal one process (or the process group it leads) and wait for it; SIGKILL after timeout.

    Returns False when it was not running. Only the pid we started is signalled, never by name.
    """
    if not alive(pid):
        return False
    send = os.killpg if group else os.kill
    try:
        send(pid, sig)
    except ProcessLookupError:
        return False
    try:
        wait_for(lambda: not alive(pid), f"exit of pid {pid}", timeout)
    except RuntimeError:
        try:
            send(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        wait_for(lambda: not alive(pid), f"exit of pid {pid} after SIGKILL", 10)
    return True


def read_state(state_dir: str) -> dict:
    """The services started into state_dir ({} when none)."""
    try:
        with open(os.path.join(state_dir, STATE), encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return {}


def write_state(state_dir: str, state: dict) -> None:
    """Record the started services (pids, ports, directories) in state_dir."""
    os.makedirs(state_dir, exist_ok=True)
    tmp = os.path.join(state_dir, STATE + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(state, f, indent=1)
    os.replace(tmp, os.path.join(state_dir, STATE))
