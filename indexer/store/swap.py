"""Atomic replacement of the live index: a writer's private directory, the swap, and recovery.

Writers (build, update) never touch the live directory: they write `<index>.new-<pid>` beside it,
fsync it, and swap it in (one atomic exchange where the kernel has it; else rename the live one to
`<index>.old-<pid>` and the new one in), then delete the old. Readers that opened the old
directory keep their open files (Linux keeps renamed and deleted files alive while open) and
reopen when they notice the swap. Writers call these functions through the module (`swap.x()`),
so that the fault benchmark can stop a writer at any of them.
"""
from __future__ import annotations

import os
import shutil
from typing import Callable, Optional

from ..durable import exchange, fsync_tree, replace_dir  # noqa: F401 - used as swap.fsync_tree
from .layout import Layout


# Whoosh writes a segment file once, under a new random name, and never opens one for writing
# again (a merge writes a new segment and deletes the old files): an update's copy may share
# these with the live index (hard links) instead of copying them. Everything else (side tables,
# the TOC) is copied, since writers rewrite those names.
WRITE_ONCE = ".seg"


def fresh_dir(layout: Layout, copy_from: Optional[str] = None, skip: tuple = ()) -> str:
    """The writer's private directory `<index>.new-<pid>` (a copy of the live index for update:
    its write-once segment files hard-linked, the rest copied but for the names in skip, which
    the writer reads from the live index and writes anew)."""
    tmp = layout.new()
    shutil.rmtree(tmp, ignore_errors=True)
    if copy_from:
        shutil.copytree(copy_from, tmp, ignore=shutil.ignore_patterns("*_WRITELOCK", *skip),
                        copy_function=_link_or_copy)
    else:
        os.makedirs(tmp)
    return tmp


def _link_or_copy(src: str, dst: str) -> str:
    """Hard-link a write-once segment file (146 MB at 22,000 articles), copy anything else (and
    a segment where links are not possible: another file system, a file system without them)."""
    if src.endswith(WRITE_ONCE):
        try:
            os.link(src, dst)
            return dst
        except OSError:
            pass
    return shutil.copy2(src, dst)


def shared_parts(tmp: str, live: str, recorded: dict) -> dict:
    """The live index's recorded parts (meta.json "parts": name -> bytes and CRC-32) that tmp
    still shares with it (the same file, linked by fresh_dir), so that their checksums, verified
    when the update opened the live index, need not be computed again."""
    out = {}
    for name, rec in (recorded or {}).items():
        try:
            if name.endswith(WRITE_ONCE) and os.path.samefile(os.path.join(tmp, name), os.path.join(live, name)):
                out[name] = rec
        except OSError:
            continue
    return out


def abandon(writer, layout: Layout) -> None:
    """After a failed build/update: cancel the writer and delete its `<index>.new-<pid>`.

    The files are emptied before they are deleted: a failed Whoosh writer (ENOSPC in the middle
    of a commit) keeps some of them open, and a deleted file that is still open keeps its disk
    space, so in a long-lived process the disk would stay full after the failure. A file with
    other links is only unlinked: it is a segment shared with the live index (fresh_dir), and
    emptying it would empty the live one.
    """
    if writer is not None:
        try:
            writer.cancel()
        except Exception:   # noqa: BLE001 - the writer is broken already (e.g. the same ENOSPC)
            pass
    tmp = layout.new()
    for folder, _dirs, names in os.walk(tmp):
        for name in names:
            path = os.path.join(folder, name)
            try:
                if os.lstat(path).st_nlink == 1:
                    os.truncate(path, 0)
            except OSError:
                pass
    shutil.rmtree(tmp, ignore_errors=True)


def swap_in(tmp: str, layout: Layout) -> None:
    """Put the new index in place of the live one, then delete the old one (`durable.replace_dir`:
    one atomic exchange where the kernel has it, else two renames that `recover` can repair)."""
    # exchange looked up here at call time: the fault benchmark disables it to test the fallback
    replace_dir(tmp, layout.live, layout.old(), exchange)


def recover(layout: Layout, say: Callable) -> None:
    """Under the lock: clean what killed writers left (their .new-*), restore a live index
    renamed away by a writer killed between its two renames."""
    for tmp in layout.leftovers("new"):
        shutil.rmtree(tmp, ignore_errors=True)
        say(f"removed {os.path.basename(tmp)}, left by an interrupted build")
    olds = sorted(layout.leftovers("old"), key=os.path.getmtime)
    if olds and not os.path.exists(layout.live):
        newest = olds.pop()
        os.rename(newest, layout.live)
        say(f"restored the live index from {os.path.basename(newest)}, "
            "left by a build interrupted while swapping")
    for old in olds:
        shutil.rmtree(old, ignore_errors=True)
