"""What a corpus file is: the extensions read, a found file (SourceFile), a Problem with one input."""
from __future__ import annotations

import errno
import hashlib
import os
from dataclasses import dataclass, field
from typing import Callable, Optional

from ..settings import DEFAULTS
from .names import path_id, readable_path

TEXT_EXT = ".txt"
RECORD_EXTS = (".json", ".jsonl")
EXTENSIONS = (TEXT_EXT,) + RECORD_EXTS
# Corpus documentation that sits beside the articles (bbc/README.TXT): not an article.
NOT_ARTICLES = frozenset({"readme", "license", "licence", "copying", "changelog", "notice"})
SIDECARS = ("metadata.tsv", "metadata.csv")
# The largest file read (articles, JSON/JSONL feeds, sidecars), in bytes; None reads any size.
# A file is held in memory whole while its articles are read (JSON has no streaming parser here),
# as text of up to four times its size, so the cap bounds the memory one file can take. 64 MB is
# far above any article (a long one is under 1 MB) and holds a feed of ~30,000 articles; bigger
# feeds are split, or the cap raised (settings.max_file_bytes; `max_bytes` of discover, read_source,
# iter_articles).
MAX_FILE_BYTES = DEFAULTS.max_file_bytes


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input: which file (and line), why; `warning` when nothing was skipped."""

    path: str                 # shown readably (names.readable_path): printing it never fails
    reason: str
    line: Optional[int] = None
    warning: bool = False

    def __post_init__(self) -> None:
        """Make the path printable here, once, whoever reports: a name may hold undecodable bytes."""
        object.__setattr__(self, "path", readable_path(self.path))

    def __str__(self) -> str:
        """ "path:line: reason", with "warning: " in front when nothing was skipped."""
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{'warning: ' if self.warning else ''}{where}: {self.reason}"


OnProblem = Optional[Callable[[Problem], None]]


@dataclass(frozen=True)
class SourceFile:
    """One corpus file found by `discover`: where it is, and a cheap stamp to tell whether it changed."""

    root: str                 # the directory (or file) given, as given
    rel: str                  # path relative to root with "/" separators, as the os module names it
    path: str                 # root joined with rel, as given: what open() takes
    size: int
    mtime_ns: int
    sidecars: tuple[tuple[str, int, int], ...] = field(default=())  # (path, size, mtime_ns) that may apply

    @property
    def stamp(self) -> tuple:
        """Changes when the file or a sidecar that may describe it changes (size or mtime)."""
        return (self.size, self.mtime_ns, self.sidecars)

    @property
    def id(self) -> str:
        """The article id (the prefix of its records' ids): rel, escaped losslessly (names.path_id)."""
        return path_id(self.rel)

    @property
    def shown(self) -> str:
        """The path to show (Article.path): readable, printable, unchanged for ordinary names."""
        return readable_path(self.path)

    @property
    def key(self) -> str:
        """The absolute path, escaped losslessly: a valid-Unicode key for the file across builds."""
        return path_id(os.path.abspath(self.path))


def os_reason(e: OSError, path: str) -> str:
    """A short human reason for an OSError (without repeating the path)."""
    if e.errno == errno.ELOOP:
        return "symlink loop; not followed"
    if e.errno == errno.ENOENT:
        return "broken symlink (target missing)" if os.path.islink(path) else "no such file or directory"
    if e.errno == errno.EACCES:
        return "cannot read: permission denied"
    return f"cannot read: {e.strerror or e}"


def within_limit(size: int, max_bytes: Optional[int], path: str, on_problem: OnProblem,
                 outcome: str = "skipped", warning: bool = False) -> bool:
    """True when a file of size bytes is within the cap max_bytes; else it is reported ("file is N MB,
    over the limit of M MB; skipped") and False."""
    if max_bytes is None or size <= max_bytes:
        return True
    have, cap = f"{size / 2**20:.1f}".removesuffix(".0"), f"{max_bytes / 2**20:.1f}".removesuffix(".0")
    if have == cap:                       # 64 MB and one byte: say it in bytes
        have, cap, unit = size, max_bytes, "bytes"
    else:
        unit = "MB"
    if on_problem:
        on_problem(Problem(path, f"file is {have} {unit}, over the limit of {cap} {unit}; {outcome}",
                           warning=warning))
    return False


def sidecar_dirs(root: str, rel: str) -> list[str]:
    """The file's directory and its ancestors up to the corpus root, nearest first."""
    parts = rel.split("/")[:-1]
    return [os.path.join(root, *parts[:i]) if i else (root or ".") for i in range(len(parts), -1, -1)]


def file_hash(data: bytes) -> str:
    """Content hash used to detect changed articles (blake2b, 16 bytes, hex)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def fingerprint(src: SourceFile, sidecar_hashes: dict, data: Optional[bytes] = None) -> str:
    """Content hash of a source file (its bytes, when already read) and of its sidecars: what
    `update` compares to decide that a file changed (sidecar_hashes caches each sidecar's hash)."""
    h = hashlib.blake2b(digest_size=16)
    if data is not None:
        h.update(data)
    else:
        with open(src.path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    for path, _size, _mtime in src.sidecars:
        if path not in sidecar_hashes:
            with open(path, "rb") as f:
                sidecar_hashes[path] = hashlib.blake2b(f.read(), digest_size=16).hexdigest()
        h.update(sidecar_hashes[path].encode())
    return h.hexdigest()


def recorded_hash(src: SourceFile, sidecar_hashes: dict, data: Optional[bytes] = None) -> str:
    """What files.json records for a source file: its `fingerprint`, or "unreadable:<errno>" when
    the file or a sidecar cannot be read (a hash that never matches, so the next update retries)."""
    try:
        return fingerprint(src, sidecar_hashes, data)
    except OSError as e:
        return f"unreadable:{e.errno}"
