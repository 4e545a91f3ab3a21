"""What the corpus-level steps share: quote parts held by the workers, and hash buckets.

The steps are map-reduce rounds written with dask.delayed: a map task returns its output split
into `n` buckets by a stable hash of the key, and reduce task b receives piece b of every map
output. Dask moves the pieces between workers; nothing is gathered on the client but the small
final results.
"""
from __future__ import annotations

import os
import zlib
from typing import Callable

from .layout import part_files, read_manifest
from .parts import read_part
from .schema import QUOTES


class Box:
    """An opaque holder for what tasks pass each other.

    distributed serializes a plain dict or list inside a message item by item: a dict of 200,000
    shingles took 4.3 s to send against 0.4 s for the same dict in a Box, pickled in one go.
    """

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __reduce__(self):
        return (Box, (self.value,))


def unbox(boxes: list) -> list:
    """The values of a list of Boxes."""
    return [b.value for b in boxes]


def bucket(key: str, n: int) -> int:
    """A stable bucket of a key (Python's hash() differs between worker processes)."""
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % n


def split(items, key: Callable, n: int, add: Callable) -> list:
    """Items into n boxed bucket dicts: add(dict, item) files an item under key(item)'s bucket."""
    out: list[dict] = [{} for _ in range(n)]
    for it in items:
        add(out[bucket(key(it), n)], it)
    return [Box(d) for d in out]


def quote_rows(paths: list[str]) -> Box:
    """Quotes parts as a Box of (quote id, article, text, speaker, nested, spans) tuples."""
    out = []
    for path in paths:
        for r in read_part(path):
            spans = [tuple(s) for s in r["spans"]]
            out.append((f"{r['article']}@{spans[0][0]}", r["article"], r["text"], r.get("speaker"),
                        bool(r.get("nested")), spans))
    return Box(out)


def load_parts(client, directory: str, groups: int | None = None) -> list:
    """Futures of the (boxed) quotes of a records directory, read on (and held by) the workers.

    The part files are read in `groups` tasks (default: two per worker) of about equal size:
    every later round moves groups x buckets pieces between workers, and on a busy worker each
    transfer waits for the running task, so fewer, larger pieces go faster.
    """
    read_manifest(directory)
    files = part_files(directory, QUOTES)
    n = max(1, min(len(files), groups or default_buckets(client)))
    load: list[tuple[int, list]] = [(0, []) for _ in range(n)]
    for path in sorted(files, key=lambda p: -os.path.getsize(p)):
        size, members = min(load, key=lambda g: g[0])
        load[load.index((size, members))] = (size + os.path.getsize(path), members + [path])
    return client.map(quote_rows, [sorted(m) for _, m in load if m], pure=False)


def default_buckets(client) -> int:
    """Reduce tasks per round: two per worker, so that every worker has work and one can lag."""
    return max(2, 2 * len(client.scheduler_info().get("workers", {})))


def share(client, value):
    """A future of one boxed value held by every worker."""
    return client.scatter([Box(value)], broadcast=True)[0]
