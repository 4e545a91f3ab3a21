"""Every name and path of an index, in one place: the live directory, the files inside it, and
the siblings writers make beside it (`<index>.new-<pid>`, `<index>.old-<pid>`, `<index>.lock`).

An index directory (swapped as a whole):
- Whoosh index "MAIN" holding two kinds of documents (field `kind`): `article` and `quote`.
  One index rather than two side by side, so that a single searcher, a single commit and a
  single rename keep articles and quotes consistent with each other.
- `speakers.json`: every identity (id, name, aliases, counts, outlets, first/last date) and
  `clusters.json`: every cluster carried by two or more articles. Small tables loaded once per
  opened index: speaker look-ups and name completion are dict/rapidfuzz look-ups in memory,
  never a scan of the quote documents. A quote alone in its cluster is not listed there; its
  cluster is found through the `cluster` field of the quote documents.
- `files.json`: per source file its content hash and the ids of the articles it gave, so that
  `update` re-reads only new and changed files; everything else comes from stored fields.
- `words.json`: the words of the quotes with counts, for "did you mean" suggestions.
- `names.json`: every speaker name as quotes give it, with its number of quotes, and
  `shingles.txt`: sorted "shingle<TAB>quote id" lines of the quotes that can cluster. The state
  `update` re-resolves identities and re-links clusters from without reading every stored quote
  (indexer/resolve/relink.py); an index without them is updated the slow way once, and gets them.
- `outlets.json`: every outlet's slug -> display name ("wash-post" -> "The Washington Post").
- `meta.json`: format, build id, time, corpus roots, counts. Written last, before the swap.
"""
from __future__ import annotations

import glob
import json
import os
from dataclasses import dataclass
from typing import Optional

# Bumped when the schema or side tables change; readers refuse others. 4: quotes store
# speaker_kind, confidence and cluster_size, outlets are slugs named in outlets.json.
FORMAT = 4
INDEX_NAME = "MAIN"      # the Whoosh index name inside the directory
META = "meta.json"       # written last: its presence says the directory is complete
SPEAKERS = "speakers.json"
CLUSTERS = "clusters.json"
FILES = "files.json"
WORDS = "words.json"
NAMES = "names.json"
SHINGLES = "shingles.txt"
OUTLETS = "outlets.json"

_NEW, _OLD, _LOCK = ".new-", ".old-", ".lock"


@dataclass(frozen=True, slots=True)
class Layout:
    """The paths of one index, from the directory a user named: its real path (absolute, links
    resolved), so that two names of one index (a symlink and its target) share one lock, and a
    writer swaps the real directory, leaving a symlink the user made a symlink."""

    live: str

    @classmethod
    def of(cls, index_dir: str) -> "Layout":
        """The layout of the index at index_dir (its real path, resolved now)."""
        return cls(os.path.realpath(index_dir).rstrip("/") or "/")

    @property
    def lock(self) -> str:
        """The writers' lock file, beside the directory (it outlives every swap)."""
        return self.live + _LOCK

    def new(self, pid: Optional[int] = None) -> str:
        """The private directory a writer builds in (this process's unless pid is given)."""
        return f"{self.live}{_NEW}{os.getpid() if pid is None else pid}"

    def old(self, pid: Optional[int] = None) -> str:
        """Where a two-rename swap parks the live directory for an instant."""
        return f"{self.live}{_OLD}{os.getpid() if pid is None else pid}"

    def leftovers(self, kind: str) -> list[str]:
        """Directories other writers left beside the index: kind "new" or "old"."""
        return glob.glob(glob.escape(self.live) + (_NEW if kind == "new" else _OLD) + "*")

    def swapping(self) -> bool:
        """True when a writer is between renaming the old index away and the new one in."""
        return bool(self.leftovers("old"))

    def path(self, name: str, directory: Optional[str] = None) -> str:
        """A file of the index (in the live directory, or in a writer's directory)."""
        return os.path.join(directory or self.live, name)


def read_json(index_dir: str, name: str):
    """A side table of an index directory, or None when missing."""
    try:
        with open(os.path.join(index_dir, name), encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return None


def read_json_or(index_dir: str, name: str, default=None):
    """A side table, or default when it is missing, unreadable or not JSON (a damaged index)."""
    try:
        return read_json(index_dir, name)
    except (OSError, ValueError):
        return default


def write_json(index_dir: str, name: str, data) -> None:
    """Write a side table (compact UTF-8 JSON)."""
    # json.dumps, not json.dump: only the one-shot call uses the C encoder (json.dump streams
    # through the pure-Python one, ~1 s of a one-file update's writing at 22,000 articles).
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    with open(os.path.join(index_dir, name), "w", encoding="utf-8") as f:
        f.write(text)


def generation_stamp(index_dir: str):
    """What changes when a writer swaps the directory: the identity of meta.json (None if absent)."""
    try:
        st = os.stat(os.path.join(index_dir, META))
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def read_bytes(index_dir: str, name: str) -> Optional[bytes]:
    """A side table's bytes (the shingle table: UTF-8 lines, parsed where it is used), or None when missing."""
    try:
        with open(os.path.join(index_dir, name), "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


def write_bytes(index_dir: str, name: str, data) -> None:
    """Write a side table given as bytes (or a memoryview)."""
    with open(os.path.join(index_dir, name), "wb") as f:
        f.write(data)


def size_bytes(index_dir: str) -> int:
    """Bytes of the files in an index directory (files that vanish meanwhile count nothing)."""
    size = 0
    for name in os.listdir(index_dir):
        try:
            size += os.path.getsize(os.path.join(index_dir, name))
        except OSError:
            pass
    return size
