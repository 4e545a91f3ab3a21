"""The extraction task: one partition of source files in, its part files out (runs on a worker).

A task reads its files in the listed order with the single-process reader and extractor, then
writes one quotes part and one articles part per year/month folder it has articles for, and one
files part (each source file's key, content hash, articles and problems: what a build keeps in
files.json). It has no
state outside its arguments and its own file names, so Dask may run it again (a retry after a
lost worker, or a repeated job) and the rerun replaces the same files.
"""
from __future__ import annotations

import os
from collections import defaultdict

from . import adapter
from .layout import date_folder, part_name
from .parts import write_part
from .schema import ARTICLES, FILES, QUOTES, article_row, quote_row


def extract_partition(number: int, sources: list, staging: str, fmt: str) -> dict:
    """Extract partition `number` into staging; a summary with counts, files written and problems."""
    problems: list = []
    report = problems.append
    sidecars = adapter.sidecar_cache(report)
    seen: dict = {}
    folders: dict[str, dict[str, list]] = defaultdict(lambda: {QUOTES: [], ARTICLES: []})
    files: list[dict] = []
    sidecar_hashes: dict = {}
    articles = quotes = 0
    for position, src in enumerate(sources):
        mine: list = []            # this file's problems (sidecar problems are the task's)

        def report_file(p, mine=mine):
            """Record a problem of this file, and report it with the task's."""
            mine.append(p)
            report(p)
        digest, read = _read_whole_file(src, sidecars, sidecar_hashes, seen, report_file)
        for art, found in read:
            rows = folders[date_folder(art.date)]
            rows[ARTICLES].append(article_row(art))
            rows[QUOTES].extend(quote_row(q) for q in found)
            articles += 1
            quotes += len(found)
        files.append(_file_row(src, number, position, [art.id for art, _ in read], mine, digest))
    written = []
    for folder in sorted(folders):
        for kind, rows in folders[folder].items():
            if rows:
                rel = f"{kind}/{folder}/{part_name(number, fmt)}"
                write_part(os.path.join(staging, rel), kind, rows, fmt)
                written.append(rel)
    # Last: a files part says that the partition's other parts are all there.
    rel = f"{FILES}/{part_name(number, fmt)}"
    write_part(os.path.join(staging, rel), FILES, files, fmt)
    written.append(rel)
    return {"partition": number, "files": len(sources), "articles": articles, "quotes": quotes,
            "written": written,
            "problems": [(p.path, p.reason, p.line, p.warning) for p in problems]}


def _file_row(src, number: int, position: int, article_ids: list, problems: list, digest: str) -> dict:
    """What a build records of one source file (files.json), with its place in the listed corpus."""
    return {"key": src.key, "path": src.shown, "hash": digest,
            "partition": number, "position": position, "articles": article_ids,
            "problems": [{"path": p.path, "reason": p.reason, "warning": p.warning} for p in problems]}


def _read_whole_file(src, sidecars, sidecar_hashes: dict, seen: dict, report) -> tuple[str, list]:
    """(content hash, (article, quotes) of each article) of one source, read once; a file the
    reader fails on is reported and dropped whole (its hash recorded, as for any file read)."""
    before = len(seen)
    try:
        return adapter.read_and_extract(src, sidecars, sidecar_hashes, seen, report)
    except Exception as e:   # noqa: BLE001 - one unreadable file must not lose the partition
        for art_id in list(seen)[before:]:      # dicts keep insertion order: these are this file's
            del seen[art_id]
        report(adapter.Problem(src.path, f"reading failed: {type(e).__name__}: {e}; file skipped"))
        return adapter.recorded_hash(src, sidecar_hashes), []
