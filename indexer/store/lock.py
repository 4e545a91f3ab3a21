"""The writer lock: flock() on `<index>.lock`, recording who holds it; the kernel drops it when
its holder dies, so a lock left by a killed build is recovered (and said so) by the next writer."""
from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from datetime import datetime, timezone
from typing import Callable, Optional

from ..errors import LockTimeout
from ..settings import DEFAULTS
from .layout import Layout

LOCK_TIMEOUT = DEFAULTS.lock_timeout


class WriterLock:
    """flock()-based lock beside the index, recording its holder; released by the kernel on death."""

    def __init__(self, index_dir: str, timeout: float = LOCK_TIMEOUT, on_message: Callable = None):
        self.path = Layout.of(index_dir).lock
        self.timeout = timeout
        self.on_message = on_message or (lambda m: None)
        self.fd: Optional[int] = None

    def __enter__(self) -> "WriterLock":
        os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + max(0.0, self.timeout)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = describe_holder(_read_holder(fd))
                    os.close(fd)
                    raise LockTimeout(f"index {self.path[:-5]} is locked by another writer ({holder}); "
                                      f"waited {self.timeout:g}s. Try again when it has finished.")
                time.sleep(0.1)
        previous = _read_holder(fd)
        if previous:
            # We got the lock, so whoever wrote this is gone without releasing it.
            self.on_message(f"recovered a stale lock left by {describe_holder(previous)}, "
                            "which is no longer running")
        info = {"pid": os.getpid(), "host": socket.gethostname(),
                "started": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode(), 0)
        os.fsync(fd)
        self.fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            # Empty the record before unlocking: a non-empty record under a free lock means a crash.
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def _read_holder(fd: int) -> dict:
    """The holder record in the lock file ({} when empty or unreadable)."""
    try:
        data = os.pread(fd, 4096, 0)
        return json.loads(data) if data.strip() else {}
    except (OSError, ValueError):
        return {"pid": "?", "host": "?", "started": "?"}


def describe_holder(info: dict) -> str:
    """'pid 123 on host, started 2024-...' for messages."""
    if not info:
        return "unknown holder"
    return f"pid {info.get('pid')} on {info.get('host')}, started {info.get('started')}"


def lock_holder(index_dir: str) -> Optional[dict]:
    """Who holds the writer lock of index_dir now, or None when it is free."""
    try:
        fd = os.open(Layout.of(index_dir).lock, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    except BlockingIOError:
        return _read_holder(fd)
    finally:
        os.close(fd)
