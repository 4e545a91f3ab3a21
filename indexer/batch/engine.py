"""The Dask engine: a client of a running scheduler, or of a local cluster started for one job.

Without a scheduler address a `dask.distributed.LocalCluster` of worker processes bound to
127.0.0.1 is started, and closed when the job ends. Worker processes are started with the
"spawn" method, so a script that runs a job must do so under `if __name__ == "__main__":`.
Workers of a remote scheduler must have quote-index installed and see the corpus and the output
directory at the same paths (a shared file system).
"""
from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from typing import Iterator, Optional

from .layout import RecordsError

CONNECT_TIMEOUT = "20s"


def available() -> Optional[str]:
    """None when dask.distributed and pyarrow can be imported, else what to install."""
    try:
        import dask.distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError as e:
        return (f"the Dask engine needs dask[distributed] and pyarrow ({e}); "
                "install them with: pip install 'quote-index[scale]'")
    return None


def default_workers() -> int:
    """Worker processes of a local cluster: one per CPU this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def dask_client(scheduler: Optional[str] = None, workers: Optional[int] = None) -> Iterator:
    """A distributed.Client: of the scheduler at `scheduler`, or of a new local cluster (closed after)."""
    missing = available()
    if missing:
        raise RecordsError(missing)
    from dask.distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as e:
            raise RecordsError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
        try:
            yield client
        finally:
            client.close()
        return
    with tempfile.TemporaryDirectory(prefix="quote-index-dask-") as scratch:
        cluster = LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1,
                               processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0",
                               local_directory=scratch, silence_logs=logging.ERROR)
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
