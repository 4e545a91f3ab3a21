"""Reading one source file for a writer: its content hash, its articles and their quotes."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from typing import Optional

from ..corpus import Problem, SidecarCache, SourceFile, read_source
from ..store.documents import context_after, context_before


@dataclass
class Extracted:
    """One source file's contribution: its articles and their quotes, ready to index."""

    key: str
    hash: str
    articles: list = field(default_factory=list)   # [Article]
    quotes: list = field(default_factory=list)     # [(Quote, before, after)]
    problems: list = field(default_factory=list)   # [(path, reason, warning)]


def file_key(src: SourceFile) -> str:
    """The key a source file is known by across builds: its absolute path."""
    return os.path.abspath(src.path)


def fingerprint(src: SourceFile, sidecar_hashes: dict, data: Optional[bytes] = None) -> str:
    """Content hash of a source file (its bytes, when already read) and of its sidecars."""
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


def extract_file(src: SourceFile, sidecars: SidecarCache, sidecar_hashes: dict,
                 seen_ids: dict) -> Extracted:
    """Read one source file and extract its quotes; problems are recorded, never raised."""
    # Looked up at call time, as the `extract` command does: the extractor (and nltk) loads only
    # when a file is read, and a test that swaps `indexer.quotes` is honoured.
    from ..quotes import extract_quotes

    try:
        # Read once: the same bytes give the change-detection hash and the articles.
        with open(src.path, "rb") as f:
            data: Optional[bytes] = f.read()
        digest = fingerprint(src, sidecar_hashes, data)
    except OSError as e:
        data, digest = None, f"unreadable:{e.errno}"   # read_source reports why
    out = Extracted(file_key(src), digest)
    report = lambda p: out.problems.append((p.path, p.reason, p.warning))   # noqa: E731
    for art in read_source(src, report, sidecars, data=data):
        if art.id in seen_ids:
            report(Problem(art.path, f"duplicate article id {art.id!r} (already read from "
                                     f"{seen_ids[art.id]}); skipped"))
            continue
        seen_ids[art.id] = art.path
        out.articles.append(art)
        try:
            found = extract_quotes(art)
        except Exception as e:   # noqa: BLE001 - one bad article must not stop a 22,000-article build
            report(Problem(art.path, f"quote extraction failed on {art.id}: {type(e).__name__}: {e}"))
            continue
        for q in found:
            out.quotes.append((q, context_before(art.text, q.start), context_after(art.text, q.end)))
    return out
