"""The errors a user meets, under one base class; each message says what failed and what to do.

The CLI turns any `QuoteIndexError` into a `click.ClickException` (the message, exit status 1);
the web app turns `IndexNotFound` (`IndexDamaged` too) into its 503 page and `BadParameter` into
a 400. Anything else that escapes is a bug and is reported as one (a traceback in the log, a
plain 500 on the web).
"""
from __future__ import annotations


class QuoteIndexError(Exception):
    """A failure a user can act on; the message is shown to them as is."""


class IndexNotFound(QuoteIndexError):
    """No usable index at the given path; the message says which path and how to build one."""


class IndexDamaged(IndexNotFound):
    """The index is there but a part of it is missing or unreadable (truncated, garbled, deleted).

    One message whatever the part: "the index at X is damaged: Y; run `quote-index build ...` to
    rebuild it". `problem` is Y alone (what `check-index` lists).
    """

    def __init__(self, path: str, problem: str, corpus=None):
        self.path, self.problem = path, problem
        self.summary = f"the index at {path} is damaged: {problem}"      # without the advice
        roots = " ".join(_shell_word(c) for c in corpus or ()) or "CORPUS"
        super().__init__(f"{self.summary}; run `quote-index build {roots} --index {_shell_word(path)}` "
                         "to rebuild it")


def _shell_word(s: str) -> str:
    """A path as a user would type it in a shell (quoted when it holds odd characters)."""
    import shlex
    return shlex.quote(s)


class BuildFailed(QuoteIndexError):
    """A build or update could not be done; the live index was left as it was."""


class LockTimeout(BuildFailed):
    """Another writer holds the index lock; the message names it (pid, host, start time)."""


class BadParameter(QuoteIndexError, ValueError):
    """A parameter of a library call is out of range or malformed; the message starts with its name.

    Also a ValueError, which is what the search functions documented raising for bad values.
    """
