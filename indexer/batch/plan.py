"""Splitting the listed corpus into partitions: the unit of work of one extraction task."""
from __future__ import annotations

from .adapter import SourceFile, id_prefix

FILES_PER_PARTITION = 100
# A partition also closes at this many bytes: one JSON feed of 1,000 records is one file, and
# a partition of 100 such files would leave every other worker idle.
BYTES_PER_PARTITION = 8 << 20


def plan_partitions(sources: list[SourceFile], files: int = FILES_PER_PARTITION,
                    max_bytes: int = BYTES_PER_PARTITION) -> list[list[SourceFile]]:
    """Consecutive runs of at most `files` sources (and about max_bytes), in the listed order.

    Sources whose article ids would collide (the same relative path under two roots) go to the
    partition of the first one, after it, so that the task drops the repeated ids exactly as the
    single-process reader does (the first one read wins).
    """
    if files < 1:
        raise ValueError(f"partition size must be at least 1 file, not {files}")
    parts: list[list[SourceFile]] = []
    owner: dict[str, int] = {}
    size = 0
    for src in sources:
        prefix = id_prefix(src)
        if prefix in owner:
            parts[owner[prefix]].append(src)
            continue
        if not parts or len(parts[-1]) >= files or (parts[-1] and size + src.size > max_bytes):
            parts.append([])
            size = 0
        parts[-1].append(src)
        size += src.size
        owner[prefix] = len(parts) - 1
    return parts
