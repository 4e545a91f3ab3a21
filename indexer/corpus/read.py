"""Reading a corpus: every article under some paths, or the articles of one file."""
from __future__ import annotations

import json
import os
from typing import Iterable, Iterator, Optional

from ..records import Article
from .decode import decode_text, read_bytes
from .facts import article_from_text
from .jsonrecords import json_articles, jsonl_articles
from .sidecars import SidecarCache
from .source import MAX_FILE_BYTES, TEXT_EXT, OnProblem, Problem, SourceFile, file_hash, os_reason, recorded_hash
from .walk import discover, source_file


def iter_articles(paths: Iterable[str], on_problem: OnProblem = None,
                  max_bytes: Optional[int] = MAX_FILE_BYTES) -> Iterator[Article]:
    """Every article under paths, in a deterministic order; problems go to on_problem, once each."""
    report = on_problem or (lambda p: None)
    seen: dict[str, str] = {}
    sidecars = SidecarCache(report, max_bytes)
    for src in discover(paths, report, max_bytes):
        yield from unique(read_source(src, report, sidecars, max_bytes=max_bytes), seen, report)


def unique(articles: Iterable[Article], seen: dict, report) -> Iterator[Article]:
    """The articles whose id was not read before (seen: id -> path, updated); a repeated id is
    reported and skipped, so that one corpus never holds two articles of one id."""
    for art in articles:
        if art.id in seen:
            report(Problem(art.path, f"duplicate article id {art.id!r} (already read from {seen[art.id]}); skipped"))
            continue
        seen[art.id] = art.path
        yield art


def read_once(src: SourceFile, report, sidecars: SidecarCache, sidecar_hashes: dict, seen: dict,
              max_bytes: Optional[int] = MAX_FILE_BYTES) -> tuple[str, Iterator[Article]]:
    """One source file read once: (the hash files.json records for it, its new articles).

    Judged by its first bytes: a binary or oversized file is reported without being read whole;
    a text file's bytes give both the change-detection hash and the articles (`unique` against
    seen). The articles are read as the iterator is consumed.
    """
    data = read_bytes(src.path, report, max_bytes, json_array=src.rel.lower().endswith(".json"))
    digest = recorded_hash(src, sidecar_hashes, data)
    if data is None:
        return digest, iter(())
    return digest, unique(read_source(src, report, sidecars, data=data, max_bytes=max_bytes), seen, report)


def read_file(path: str, root: Optional[str] = None, on_problem: OnProblem = None,
              max_bytes: Optional[int] = MAX_FILE_BYTES) -> Iterator[Article]:
    """The articles of one file; ids relative to root (default: the file's directory)."""
    root = os.path.dirname(path) if root is None else root
    rel = os.path.relpath(path, root or ".").replace(os.sep, "/")
    report = on_problem or (lambda p: None)
    try:
        st = os.stat(path)
    except OSError as e:
        report(Problem(path, os_reason(e, path)))
        return
    yield from read_source(source_file(root, rel, path, st), report, max_bytes=max_bytes)


def read_source(src: SourceFile, on_problem: OnProblem = None,
                sidecars: Optional[SidecarCache] = None,
                data: Optional[bytes] = None, max_bytes: Optional[int] = MAX_FILE_BYTES) -> Iterator[Article]:
    """The articles of one discovered file (its bytes, when the caller has read them already).

    A file over max_bytes, or binary from its first bytes, is reported and skipped without being
    read whole (when data is None); see decode.read_bytes.
    """
    report = on_problem or (lambda p: None)
    kind = src.rel.lower()
    data = read_bytes(src.path, report, max_bytes, json_array=kind.endswith(".json"), data=data)
    decoded = decode_text(data, src.path, report) if data is not None else None
    if decoded is None:
        return
    data, text = decoded
    if kind.endswith(TEXT_EXT):
        sidecars = sidecars or SidecarCache(report, max_bytes)
        meta = sidecars.lookup(src)
        h = file_hash(data + (json.dumps(meta, sort_keys=True).encode() if meta else b""))
        yield article_from_text(src.id, src.shown, text, meta, h)
    elif kind.endswith(".jsonl"):
        yield from jsonl_articles(src, text, report)
    else:
        yield from json_articles(src, text, report)
