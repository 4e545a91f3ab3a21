"""The one open index an app reads, opened lazily and shared by every request thread."""
from __future__ import annotations

import threading

from flask import Flask, current_app

from indexer import search as api

_KEY = "quote_index"


class IndexUnavailable(Exception):
    """The configured index cannot be opened; the message says which path and how to build it."""


def init_app(app: Flask) -> None:
    """Reserve the app's slot for the open index; opening waits for the first request."""
    # Opening lazily lets `flask --app webapp run` start before an index exists.
    app.extensions[_KEY] = {"index": None, "lock": threading.Lock()}


def get_index() -> api.Index:
    """The app's open Index; raises IndexUnavailable when there is none at INDEX_DIR."""
    slot = current_app.extensions[_KEY]
    ix = slot["index"]
    if ix is not None:
        return ix
    with slot["lock"]:
        if slot["index"] is None:
            path = current_app.config["INDEX_DIR"]
            try:
                slot["index"] = api.open_index(path)
            except api.IndexNotFound as e:
                raise IndexUnavailable(str(e)) from None
            except NotImplementedError:
                raise IndexUnavailable("The search library is not implemented yet.") from None
            except Exception as e:      # a damaged index must give a page, not a traceback
                current_app.logger.exception("cannot open index at %s", path)
                raise IndexUnavailable(f"The index at {path} cannot be opened ({type(e).__name__}).") from None
        return slot["index"]
