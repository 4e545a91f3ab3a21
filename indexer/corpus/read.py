"""Reading a corpus: every article under some paths, or the articles of one file."""
from __future__ import annotations

import json
import os
from typing import Iterable, Iterator, Optional

from ..records import Article
from .decode import decode_text
from .facts import article_from_text
from .jsonrecords import json_articles, jsonl_articles
from .sidecars import SidecarCache
from .source import TEXT_EXT, OnProblem, Problem, SourceFile, file_hash, os_reason
from .walk import discover, source_file


def iter_articles(paths: Iterable[str], on_problem: OnProblem = None) -> Iterator[Article]:
    """Every article under paths, in a deterministic order; problems go to on_problem, once each."""
    report = on_problem or (lambda p: None)
    seen: dict[str, str] = {}
    sidecars = SidecarCache(report)
    for src in discover(paths, report):
        for art in read_source(src, report, sidecars):
            if art.id in seen:
                report(Problem(art.path, f"duplicate article id {art.id!r} (already read from {seen[art.id]}); skipped"))
                continue
            seen[art.id] = art.path
            yield art


def read_file(path: str, root: Optional[str] = None, on_problem: OnProblem = None) -> Iterator[Article]:
    """The articles of one file; ids relative to root (default: the file's directory)."""
    root = os.path.dirname(path) if root is None else root
    rel = os.path.relpath(path, root or ".").replace(os.sep, "/")
    report = on_problem or (lambda p: None)
    try:
        st = os.stat(path)
    except OSError as e:
        report(Problem(path, os_reason(e, path)))
        return
    yield from read_source(source_file(root, rel, path, st), report)


def read_source(src: SourceFile, on_problem: OnProblem = None,
                sidecars: Optional["SidecarCache"] = None,
                data: Optional[bytes] = None) -> Iterator[Article]:
    """The articles of one discovered file (its bytes, when the caller has read them already)."""
    report = on_problem or (lambda p: None)
    if data is None:
        try:
            with open(src.path, "rb") as f:
                data = f.read()
        except OSError as e:
            report(Problem(src.path, os_reason(e, src.path)))
            return
    if not data or data.isspace():
        report(Problem(src.path, "empty file; skipped"))
        return
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # A UTF-16 BOM: Windows tools write text this way; it is text despite its NUL bytes.
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            pass
    nul = data.find(b"\0")
    if nul >= 0:
        report(Problem(src.path, f"binary file (NUL byte at offset {nul}), not text; skipped"))
        return
    text = decode_text(data, src.path, report)
    if text is None:
        return
    if src.rel.lower().endswith(TEXT_EXT):
        sidecars = sidecars or SidecarCache(report)
        meta = sidecars.lookup(src)
        h = file_hash(data + (json.dumps(meta, sort_keys=True).encode() if meta else b""))
        yield article_from_text(src.rel, src.path, text, meta, h)
    elif src.rel.lower().endswith(".jsonl"):
        yield from jsonl_articles(src, text, report)
    else:
        yield from json_articles(src, text, report)
