"""Reading one source file for a writer: its content hash, its articles and their quotes."""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from typing import Optional

from ..corpus import MAX_FILE_BYTES, Problem, SidecarCache, SourceFile, read_once
from ..store.documents import context_after, context_before


@dataclass
class Extracted:
    """One source file's contribution: its articles and their quotes, ready to index."""

    key: str
    hash: str
    articles: list = field(default_factory=list)   # [Article]
    quotes: list = field(default_factory=list)     # [(Quote, before, after)]
    problems: list = field(default_factory=list)   # [(path, reason, warning)]
    stamp: Optional[str] = None                    # size and mtime, when trusted (see `stamp`)


def file_key(src: SourceFile) -> str:
    """The key a source file is known by across builds: its absolute path, escaped losslessly
    (corpus.names), so that a name that is not UTF-8 can be stored in Whoosh and files.json."""
    return src.key


# A file changed less than this long before it was read keeps no stamp: a second change within
# the file system's timestamp granularity would leave size and mtime as they were ("racily
# clean", as git calls it), so such a file is hashed by the next update instead.
RACY_NS = 2_000_000_000


def stamp(src: SourceFile) -> str:
    """Size and mtime_ns of a source file and of its sidecars, as one string: what an update
    compares before hashing (equal stamps: the file is taken as unchanged, as make and rsync do)."""
    own = f"{src.size}:{src.mtime_ns}"
    if not src.sidecars:
        return own
    # Sidecar paths may hold bytes that are not UTF-8: recorded as a digest, never as names.
    return own + ":" + hashlib.blake2b(repr(src.sidecars).encode("utf-8", "surrogateescape"),
                                       digest_size=8).hexdigest()


def trusted_stamp(src: SourceFile, now_ns: Optional[int] = None) -> Optional[str]:
    """The stamp to record for a file read now, or None when it changed too recently to trust."""
    newest = max([src.mtime_ns] + [m for _p, _s, m in src.sidecars])
    now_ns = time.time_ns() if now_ns is None else now_ns
    return stamp(src) if now_ns - newest >= RACY_NS else None


__all__ = ["Extracted", "extract_file", "file_key", "stamp", "trusted_stamp"]


def extract_file(src: SourceFile, sidecars: SidecarCache, sidecar_hashes: dict,
                 seen_ids: dict, max_bytes: Optional[int] = MAX_FILE_BYTES) -> Extracted:
    """Read one source file and extract its quotes; problems are recorded, never raised."""
    # Looked up at call time, as the `extract` command does: the extractor (and nltk) loads only
    # when a file is read, and a test that swaps `indexer.extract` is honoured.
    from ..extract import extract_quotes

    out = Extracted(file_key(src), "", stamp=trusted_stamp(src))
    report = lambda p: out.problems.append((p.path, p.reason, p.warning))   # noqa: E731
    out.hash, articles = read_once(src, report, sidecars, sidecar_hashes, seen_ids, max_bytes)
    for art in articles:
        out.articles.append(art)
        try:
            found = extract_quotes(art)
        except Exception as e:   # noqa: BLE001 - one bad article must not stop a 22,000-article build
            report(Problem(art.path, f"quote extraction failed on {art.id}: {type(e).__name__}: {e}"))
            continue
        for q in found:
            out.quotes.append((q, context_before(art.text, q.start), context_after(art.text, q.end)))
    return out
