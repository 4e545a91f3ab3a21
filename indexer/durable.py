"""Making writes durable: fsync a directory (so renames in it are on disk) or every file in one."""
from __future__ import annotations

import os


def fsync_tree(path: str) -> None:
    """fsync every file in a directory, then the directory itself."""
    for name in os.listdir(path):
        p = os.path.join(path, name)
        if os.path.isfile(p):
            fd = os.open(p, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    fsync_dir(path)


def fsync_dir(path: str) -> None:
    """fsync a directory so that renames in it are on disk."""
    fd = os.open(path or ".", os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
