"""`quote-index extract --engine dask`: list the corpus once, extract its partitions on Dask, swap the output in.

    report = run_extract(["corpus/"], "records/", fmt="parquet", partition_size=100,
                         scheduler=None, on_problem=print)

Problems (a bad file, a record without text, a task that failed after its retries) are reported
once each through on_problem, with the file and the reason, and the rest of the job goes on; the
report lists them, so a caller can exit with status 1 as the single-process extract does.
"""
from __future__ import annotations

import os
import shutil
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Iterable, Optional

from . import adapter, engine
from .extract_task import extract_partition
from .layout import FORMATS, RecordsError, staging_dir, swap_in, sweep_temporaries, write_manifest
from .plan import BYTES_PER_PARTITION, FILES_PER_PARTITION, plan_partitions

RETRIES = 2          # a task whose worker died is run again this many times before it is reported
TASK = extract_partition     # what each partition runs (a module attribute so tests can inject faults)


@dataclass
class JobReport:
    """What an extraction job did."""

    output: str
    fmt: str
    files: int = 0
    partitions: int = 0
    articles: int = 0
    quotes: int = 0
    problems: list = field(default_factory=list)   # [adapter.Problem], warnings included
    failed: list = field(default_factory=list)     # [{"partition", "files", "error"}]
    seconds: float = 0.0

    @property
    def skipped(self) -> list:
        """The problems that lost input (warnings left out): the exit status is 1 when any."""
        return [p for p in self.problems if not p.warning]


class _Problems:
    """Problems reported once each (sidecars are read by every task that needs them)."""

    def __init__(self, on_problem: Optional[Callable]):
        self.seen: set = set()
        self.items: list = []
        self.on_problem = on_problem or (lambda p: None)

    def add(self, p) -> None:
        """Report a problem unless it was reported already."""
        key = (p.path, p.reason, p.line, p.warning)
        if key not in self.seen:
            self.seen.add(key)
            self.items.append(p)
            self.on_problem(p)


def run_extract(paths: Iterable[str], output: str, *, fmt: str = "parquet",
                partition_size: int = FILES_PER_PARTITION, partition_bytes: int = BYTES_PER_PARTITION,
                scheduler: Optional[str] = None, workers: Optional[int] = None,
                on_problem: Optional[Callable] = None) -> JobReport:
    """Extract every article under paths on Dask into the records directory output (see module doc)."""
    if fmt not in FORMATS:
        raise RecordsError(f"unknown --format {fmt!r}; use parquet or jsonl")
    if partition_size < 1:
        raise RecordsError(f"--partition-size must be at least 1 file, not {partition_size}")
    started = time.monotonic()
    paths = [os.path.abspath(p) for p in paths]
    report = JobReport(os.path.abspath(output), fmt)
    problems = _Problems(on_problem)
    sources = adapter.discover(paths, problems.add)
    plan = plan_partitions(sources, partition_size, partition_bytes)
    report.files, report.partitions = len(sources), len(plan)
    staging = staging_dir(output)
    try:
        with engine.dask_client(scheduler, workers) as client:
            _run_tasks(client, plan, staging, fmt, report, problems)
        sweep_temporaries(staging)
        report.problems = problems.items
        write_manifest(staging, _manifest(report, paths, partition_size, partition_bytes))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, output)
    report.seconds = round(time.monotonic() - started, 3)
    return report


def _run_tasks(client, plan: list, staging: str, fmt: str, report: JobReport, problems: _Problems) -> None:
    """Submit one task per partition; count, and report problems, as each one completes."""
    from dask.distributed import as_completed

    job = uuid.uuid4().hex[:8]
    futures = {client.submit(TASK, k, part, staging, fmt, key=f"quote-index-extract-{job}-{k:05d}",
                             retries=RETRIES, pure=False): k for k, part in enumerate(plan)}
    for fut in as_completed(futures):
        k = futures[fut]
        if fut.status != "finished":
            err = fut.exception()
            files = [s.path for s in plan[k]]
            report.failed.append({"partition": k, "files": files, "error": f"{type(err).__name__}: {err}"})
            for path in files:
                problems.add(adapter.Problem(path, f"extraction task {k} failed after {RETRIES} retries "
                                                   f"({type(err).__name__}: {err}); file not extracted"))
            continue
        summary = fut.result()
        report.articles += summary["articles"]
        report.quotes += summary["quotes"]
        for path, reason, line, warning in summary["problems"]:
            problems.add(adapter.Problem(path, reason, line, warning))
        fut.release()


def _manifest(report: JobReport, paths: list, partition_size: int, partition_bytes: int) -> dict:
    """The manifest of a finished job: what was read, how it was split, what went wrong."""
    return {"format": report.fmt, "corpus": paths,
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "partition_size": partition_size, "partition_bytes": partition_bytes,
            "counts": {"files": report.files, "partitions": report.partitions,
                       "articles": report.articles, "quotes": report.quotes},
            "problems": [str(p) for p in report.problems],
            "failed": report.failed}
