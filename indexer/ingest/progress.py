"""The phases of a writer run: their time (wall and CPU) and counts for the BuildResult, and a
progress bar for each while it runs.

A build lists the files (reading), reads and extracts them (one bar over files, with the
articles and quotes so far), resolves identities and clusters, writes the quote documents (a bar
over quotes) and commits (a bar over the index terms written, then the side tables and fsync).
An update first checks the live index (checksums), hashes the files (reading), copies the live
index and loads its state. Phases that interleave (extracting a file, writing its article
documents) accumulate their time across entries, so the summary still splits the time between
them.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Optional

# The order phases are reported in (a phase that did not run is left out).
ORDER = ("checking", "reading", "copying", "loading", "extracting", "identities", "clusters", "writing",
         "committing")


@dataclass
class _Phase:
    """Time and counts of one phase so far."""

    seconds: float = 0.0
    cpu: float = 0.0
    counts: dict = field(default_factory=dict)


class Phases:
    """Times the phases of one writer run and shows a progress bar while each runs."""

    def __init__(self, progress: bool = False):
        self.progress = progress
        self._phases: dict[str, _Phase] = {}

    @contextmanager
    def timed(self, name: str):
        """Add the time spent inside the block to phase `name`."""
        ph = self._phases.setdefault(name, _Phase())
        w, c = time.perf_counter(), time.process_time()
        try:
            yield ph
        finally:
            ph.seconds += time.perf_counter() - w
            ph.cpu += time.process_time() - c

    def count(self, name: str, **counts) -> None:
        """Set counts of a phase (files, articles, quotes, speakers, terms, ...)."""
        self._phases.setdefault(name, _Phase()).counts.update(counts)

    def bar(self, label: str, total: Optional[int], unit: str):
        """A tqdm bar for a phase; with progress off (e.g. not on a terminal) a bar that does
        nothing. tqdm is not made at all then: even a disabled bar takes tqdm's lock, which is
        shared with forked processes, and a child killed while holding it would block this one."""
        if not self.progress:
            return _NO_BAR
        from tqdm import tqdm
        return tqdm(total=total, unit=unit, desc=label, dynamic_ncols=True, leave=False, mininterval=0.5)

    def results(self) -> tuple:
        """((name, seconds, cpu seconds, counts), ...) in ORDER, for the BuildResult."""
        names = sorted(self._phases, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))
        return tuple((n, round(self._phases[n].seconds, 3), round(self._phases[n].cpu, 3),
                      dict(self._phases[n].counts)) for n in names)


class _NoBar:
    """The progress bar of a run with progress off: the calls a phase makes, doing nothing."""

    def __enter__(self):
        """Itself."""
        return self

    def __exit__(self, *exc) -> None:
        """Nothing to close."""

    def update(self, n: int = 1) -> None:
        """Nothing to show."""

    def set_postfix(self, **kwargs) -> None:
        """Nothing to show."""


_NO_BAR = _NoBar()
