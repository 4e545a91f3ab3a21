"""Extraction tasks with injected failures, for the batch tests (imported by the Dask workers)."""
from __future__ import annotations

import os

from indexer.batch.extract_task import extract_partition


def fail_once_after_writing(number: int, sources: list, staging: str, fmt: str) -> dict:
    """Partition 1 writes its parts, then fails on its first attempt (Dask retries it)."""
    result = extract_partition(number, sources, staging, fmt)
    marker = os.path.join(staging, f".fault-{number}")
    if number == 1 and not os.path.exists(marker):
        open(marker, "w").close()
        raise RuntimeError("injected failure after the parts were written")
    return result


def always_fail_partition_one(number: int, sources: list, staging: str, fmt: str) -> dict:
    """Partition 1 fails on every attempt; the others run as usual."""
    if number == 1:
        raise RuntimeError("injected failure of partition 1")
    return extract_partition(number, sources, staging, fmt)
