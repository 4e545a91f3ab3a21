"""The corpus-level steps of a records directory on Dask: identities, then clusters, parts read once."""
from __future__ import annotations

from typing import Optional

from . import adapter, engine
from .clusters import clusters_on_dask
from .identities import resolve_on_dask
from .shuffle import load_parts


def corpus_tables_on_dask(directory: str, *, scheduler: Optional[str] = None, workers: Optional[int] = None,
                          buckets: Optional[int] = None) -> tuple[adapter.Resolution, dict[str, str]]:
    """(speaker identities, quote id -> cluster id) of a records directory, computed on Dask.

    Equal to adapter.single_process_tables over the same quotes. Without a scheduler address a
    local cluster is started for the call and closed after it.
    """
    with engine.dask_client(scheduler, workers) as client:
        parts = load_parts(client, directory)
        res = resolve_on_dask(client, parts, buckets)
        return res, clusters_on_dask(client, parts, res, buckets)
