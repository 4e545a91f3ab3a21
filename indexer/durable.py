"""Making writes durable: fsync a directory (so renames in it are on disk) or every file in one,
and replace a directory by a finished one atomically."""
from __future__ import annotations

import os
import shutil
from typing import Callable, Optional


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


def replace_dir(new: str, live: str, old: str, swap_paths: Optional[Callable[[str, str], bool]] = None) -> None:
    """Put the finished directory new in place of live, then delete the previous one.

    Where the kernel can exchange two paths atomically (Linux renameat2 RENAME_EXCHANGE), the
    live path always names a complete directory: a writer killed at any instant leaves the old or
    the new one there, never nothing. Elsewhere: rename live away to old, then new in (a writer
    killed between the two renames leaves old for its caller's recovery to put back).
    """
    swap_paths = swap_paths or exchange
    if os.path.isdir(live) and not os.path.islink(live) and swap_paths(new, live):
        fsync_dir(os.path.dirname(live))
        shutil.rmtree(new, ignore_errors=True)         # new now holds the previous directory
        return
    if os.path.lexists(live):
        os.rename(live, old)
    os.rename(new, live)
    fsync_dir(os.path.dirname(live))
    shutil.rmtree(old, ignore_errors=True)


def exchange(a: str, b: str) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE); False where that is not available."""
    import ctypes       # only writers swap: readers and the web app never load ctypes
    import errno

    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):        # not glibc >= 2.28 / not Linux
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EPERM):
        return False                         # the kernel or file system cannot exchange
    raise OSError(err, os.strerror(err), b)
