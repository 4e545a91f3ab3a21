"""What the corpus-level steps share: quote parts held by the workers, and hash buckets.

The steps are map-reduce rounds written with dask.delayed: a map task returns its output split
into `n` buckets by a stable hash of the key, and reduce task b receives piece b of every map
output. Dask moves the pieces between workers; nothing is gathered on the client but the small
final results.
"""
from __future__ import annotations

import zlib
from typing import Callable

from .layout import part_files, read_manifest
from .parts import read_part
from .schema import QUOTES


def bucket(key: str, n: int) -> int:
    """A stable bucket of a key (Python's hash() differs between worker processes)."""
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % n


def split(items, key: Callable, n: int, add: Callable) -> list:
    """Items into n bucket dicts: add(dict, item) files an item under key(item)'s bucket."""
    out: list[dict] = [{} for _ in range(n)]
    for it in items:
        add(out[bucket(key(it), n)], it)
    return out


def quote_rows(path: str) -> list[tuple]:
    """One quotes part as (quote id, article, text, speaker, nested, spans) tuples."""
    out = []
    for r in read_part(path):
        spans = [tuple(s) for s in r["spans"]]
        out.append((f"{r['article']}@{spans[0][0]}", r["article"], r["text"], r.get("speaker"),
                    bool(r.get("nested")), spans))
    return out


def load_parts(client, directory: str) -> list:
    """Futures of every quotes part of a records directory, read on (and held by) the workers."""
    read_manifest(directory)
    return client.map(quote_rows, part_files(directory, QUOTES), pure=False)


def default_buckets(client) -> int:
    """Reduce tasks per round: two per worker, so that every worker has work and one can lag."""
    return max(2, 2 * len(client.scheduler_info().get("workers", {})))
