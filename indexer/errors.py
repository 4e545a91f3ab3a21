"""The errors a user meets, under one base class; each message says what failed and what to do.

The CLI turns any `QuoteIndexError` into a `click.ClickException` (the message, exit status 1);
the web app turns `IndexNotFound` into its 503 page and `BadParameter` into a 400. Anything else
that escapes is a bug and is reported as one (a traceback in the log, a plain 500 on the web).
"""
from __future__ import annotations


class QuoteIndexError(Exception):
    """A failure a user can act on; the message is shown to them as is."""


class IndexNotFound(QuoteIndexError):
    """No usable index at the given path; the message says which path and how to build one."""


class BuildFailed(QuoteIndexError):
    """A build or update could not be done; the live index was left as it was."""


class LockTimeout(BuildFailed):
    """Another writer holds the index lock; the message names it (pid, host, start time)."""


class BadParameter(QuoteIndexError, ValueError):
    """A parameter of a library call is out of range or malformed; the message starts with its name.

    Also a ValueError, which is what the search functions documented raising for bad values.
    """
