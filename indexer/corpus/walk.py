"""Finding corpus files: the paths given, directories walked recursively, symlink loops reported."""
from __future__ import annotations

import os
import stat
from typing import Iterable, Optional

from .source import (EXTENSIONS, MAX_FILE_BYTES, NOT_ARTICLES, SIDECARS, TEXT_EXT, OnProblem, Problem,
                     SourceFile, os_reason, sidecar_dirs, within_limit)


def discover(paths: Iterable[str], on_problem: OnProblem = None,
             max_bytes: Optional[int] = MAX_FILE_BYTES) -> list[SourceFile]:
    """The corpus files under paths, in argument order then sorted by relative path.

    A file over max_bytes is reported here, once, and left out: whoever reads the list never opens it.
    """
    report = on_problem or (lambda p: None)
    out: list[SourceFile] = []
    for given in paths:
        try:
            st = os.stat(given)
        except OSError as e:
            report(Problem(given, os_reason(e, given)))
            continue
        if stat.S_ISDIR(st.st_mode):
            found: list[tuple[str, os.stat_result]] = []
            _walk(given, "", {_inode(st)}, found, report)
            found.sort(key=lambda x: x[0].split("/"))
            seen: dict = {}            # sidecar path -> its stamp: one stat per folder, not per file
            srcs = [source_file(given, rel, os.path.join(given, *rel.split("/")), fst, seen) for rel, fst in found]
        elif stat.S_ISREG(st.st_mode):
            name = os.path.basename(given)
            if not name.lower().endswith(EXTENSIONS):
                report(Problem(given, "not a .txt, .json or .jsonl file; ignored"))
                continue
            srcs = [source_file(os.path.dirname(given), name, given, st)]
        else:
            report(Problem(given, "not a regular file or directory; ignored"))
            continue
        out.extend(src for src in srcs if within_limit(src.size, max_bytes, src.path, report))
    return out


def _walk(top: str, rel: str, ancestors: set, found: list, report) -> None:
    """Collect (rel, stat) of corpus files below top/rel; ancestors holds the directories above, for loops."""
    here = os.path.join(top, *rel.split("/")) if rel else top
    try:
        entries = sorted(os.scandir(here), key=lambda e: e.name)
    except OSError as e:
        report(Problem(here, os_reason(e, here)))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        sub = f"{rel}/{entry.name}" if rel else entry.name
        try:
            st = entry.stat()          # follows symlinks
        except OSError as e:
            if entry.name.lower().endswith(EXTENSIONS) or entry.is_symlink():
                report(Problem(entry.path, os_reason(e, entry.path)))
            continue
        if stat.S_ISDIR(st.st_mode):
            key = _inode(st)
            if key in ancestors:
                report(Problem(entry.path, "symlink loop (points back to a directory above it); not followed"))
                continue
            _walk(top, sub, ancestors | {key}, found, report)
        elif (stat.S_ISREG(st.st_mode) and entry.name.lower().endswith(EXTENSIONS)
              and os.path.splitext(entry.name)[0].lower() not in NOT_ARTICLES):
            found.append((sub, st))
        elif not stat.S_ISREG(st.st_mode) and entry.name.lower().endswith(EXTENSIONS):
            # A FIFO, socket or device named like an article: opening a FIFO would block forever.
            report(Problem(entry.path, "not a regular file (FIFO, socket or device); skipped"))


def _inode(st: os.stat_result) -> tuple[int, int]:
    """A directory's identity, to notice when a symlink leads back to it."""
    return (st.st_dev, st.st_ino)


def source_file(root: str, rel: str, path: str, st: os.stat_result, seen: Optional[dict] = None) -> SourceFile:
    """A SourceFile with the stamps of the sidecars that may apply to it (seen: sidecar stamps
    found already in this walk, by path; a folder of 3,000 files stats its sidecars once)."""
    sidecars = []
    seen = {} if seen is None else seen
    if rel.lower().endswith(TEXT_EXT):
        for d in sidecar_dirs(root, rel):
            for name in SIDECARS:
                p = os.path.join(d, name)
                if p not in seen:
                    try:
                        s = os.stat(p)
                        seen[p] = (p, s.st_size, s.st_mtime_ns)
                    except OSError:
                        seen[p] = None
                if seen[p] is not None:
                    sidecars.append(seen[p])
    return SourceFile(root, rel, path, st.st_size, st.st_mtime_ns, tuple(sidecars))
