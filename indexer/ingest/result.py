"""What a build or update did: one frozen record, returned once the writer has finished."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Callable, Optional

Problem = tuple[str, str]       # (path, reason)


@dataclass(frozen=True, slots=True)
class BuildResult:
    """A writer's summary: counts of the index it left live, what it read, skipped and said."""

    mode: str                          # "build" or "update"
    articles: int = 0
    quotes: int = 0
    speakers: int = 0
    clusters: int = 0                  # clusters carried by two or more articles
    files: int = 0                     # source files read (update: re-read)
    added: int = 0                     # update: new, changed and deleted source files
    changed: int = 0
    deleted: int = 0
    rewritten: int = 0                 # update: unchanged quotes whose speaker/cluster changed
    skipped: tuple[Problem, ...] = ()  # inputs not indexed, with the reason
    warnings: tuple[Problem, ...] = ()  # inputs read, with a remark
    messages: tuple[str, ...] = ()     # lock recovery, leftovers cleaned, "up to date"
    seconds: float = 0.0
    index: str = ""
    phases: tuple = ()                 # ((name, seconds, cpu seconds, {count: n}), ...) in order

    def to_json(self) -> dict:
        """The result as a plain dict (problems as [path, reason] lists)."""
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}


def _plain(value):
    """Tuples as lists, all the way down."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return {k: _plain(v) for k, v in value.items()} if isinstance(value, dict) else value


@dataclass
class Log:
    """What a writer meets while it runs (problems, messages); frozen into the BuildResult at the end."""

    on_message: Optional[Callable[[str], None]] = None
    skipped: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    messages: list = field(default_factory=list)

    def note(self, path: str, reason: str, warning: bool = False) -> None:
        """Record a corpus problem: a skipped input, or a warning about one that was read."""
        (self.warnings if warning else self.skipped).append((path, reason))

    def problem(self, p) -> None:
        """Record a corpus.Problem (the callback `discover` and `SidecarCache` take)."""
        self.note(p.path, p.reason, p.warning)

    def say(self, message: str) -> None:
        """Record a message and pass it on to the caller's callback."""
        self.messages.append(message)
        if self.on_message:
            self.on_message(message)

    def result(self, mode: str, index: str, seconds: float, **counts) -> BuildResult:
        """The frozen summary of the run."""
        return BuildResult(mode, skipped=tuple(self.skipped), warnings=tuple(self.warnings),
                           messages=tuple(self.messages), seconds=round(seconds, 3), index=index,
                           **counts)
