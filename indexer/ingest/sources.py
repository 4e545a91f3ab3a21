"""Reading one source file for a writer: its content hash, its articles and their quotes."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..corpus import MAX_FILE_BYTES, Problem, SidecarCache, SourceFile, fingerprint, read_bytes, read_source
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
    """The key a source file is known by across builds: its absolute path, escaped losslessly
    (corpus.names), so that a name that is not UTF-8 can be stored in Whoosh and files.json."""
    return src.key


__all__ = ["Extracted", "extract_file", "file_key", "fingerprint"]     # fingerprint: see corpus.source


def extract_file(src: SourceFile, sidecars: SidecarCache, sidecar_hashes: dict,
                 seen_ids: dict, max_bytes: Optional[int] = MAX_FILE_BYTES) -> Extracted:
    """Read one source file and extract its quotes; problems are recorded, never raised."""
    # Looked up at call time, as the `extract` command does: the extractor (and nltk) loads only
    # when a file is read, and a test that swaps `indexer.extract` is honoured.
    from ..extract import extract_quotes

    out = Extracted(file_key(src), "")
    report = lambda p: out.problems.append((p.path, p.reason, p.warning))   # noqa: E731
    # Read once, judged by its first bytes: a binary or oversized file is reported without being
    # read whole; the bytes of a text file give both the change-detection hash and the articles.
    data = read_bytes(src.path, report, max_bytes, json_array=src.rel.lower().endswith(".json"))
    try:
        out.hash = fingerprint(src, sidecar_hashes, data)
    except OSError as e:
        out.hash = f"unreadable:{e.errno}"
    if data is None:
        return out
    for art in read_source(src, report, sidecars, data=data, max_bytes=max_bytes):
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
