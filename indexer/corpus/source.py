"""What a corpus file is: the extensions read, a found file (SourceFile), a Problem with one input."""
from __future__ import annotations

import errno
import hashlib
import os
from dataclasses import dataclass, field
from typing import Callable, Optional

TEXT_EXT = ".txt"
RECORD_EXTS = (".json", ".jsonl")
EXTENSIONS = (TEXT_EXT,) + RECORD_EXTS
# Corpus documentation that sits beside the articles (bbc/README.TXT): not an article.
NOT_ARTICLES = frozenset({"readme", "license", "licence", "copying", "changelog", "notice"})
SIDECARS = ("metadata.tsv", "metadata.csv")


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input: which file (and line), why; `warning` when nothing was skipped."""

    path: str
    reason: str
    line: Optional[int] = None
    warning: bool = False

    def __str__(self) -> str:
        """ "path:line: reason", with "warning: " in front when nothing was skipped."""
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{'warning: ' if self.warning else ''}{where}: {self.reason}"


OnProblem = Optional[Callable[[Problem], None]]


@dataclass(frozen=True)
class SourceFile:
    """One corpus file found by `discover`: where it is, and a cheap stamp to tell whether it changed."""

    root: str                 # the directory (or file) given, as given
    rel: str                  # path relative to root with "/" separators (the id prefix)
    path: str                 # root joined with rel, as given (Article.path)
    size: int
    mtime_ns: int
    sidecars: tuple[tuple[str, int, int], ...] = field(default=())  # (path, size, mtime_ns) that may apply

    @property
    def stamp(self) -> tuple:
        """Changes when the file or a sidecar that may describe it changes (size or mtime)."""
        return (self.size, self.mtime_ns, self.sidecars)


def os_reason(e: OSError, path: str) -> str:
    """A short human reason for an OSError (without repeating the path)."""
    if e.errno == errno.ELOOP:
        return "symlink loop; not followed"
    if e.errno == errno.ENOENT:
        return "broken symlink (target missing)" if os.path.islink(path) else "no such file or directory"
    if e.errno == errno.EACCES:
        return "cannot read: permission denied"
    return f"cannot read: {e.strerror or e}"


def sidecar_dirs(root: str, rel: str) -> list[str]:
    """The file's directory and its ancestors up to the corpus root, nearest first."""
    parts = rel.split("/")[:-1]
    return [os.path.join(root, *parts[:i]) if i else (root or ".") for i in range(len(parts), -1, -1)]


def file_hash(data: bytes) -> str:
    """Content hash used to detect changed articles (blake2b, 16 bytes, hex)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()
