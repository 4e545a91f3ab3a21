"""The one open index an app reads, opened lazily and shared by every request thread; each
request holds it at one generation (`get_index`), so every answer of a page comes from one
generation even while a writer swaps a new one in."""
from __future__ import annotations

import threading

from flask import Flask, current_app, g

from indexer import search as api

_KEY = "quote_index"


class IndexUnavailable(Exception):
    """The configured index cannot be opened; the message says which path and how to build it.

    `damaged` is True when an index is there but a part of it cannot be read.
    """

    def __init__(self, message: str, damaged: bool = False):
        super().__init__(message)
        self.damaged = damaged


def init_app(app: Flask) -> None:
    """Reserve the app's slot for the open index; opening waits for the first request."""
    # Opening lazily lets `flask --app webapp run` start before an index exists.
    app.extensions[_KEY] = {"index": None, "lock": threading.Lock()}


# Pages asked once at start (through the app, as a reader would): they fill the pages' own
# per-generation answers (the search page's query examples and counts, the home page's listings)
# and Flask's first dispatch, which otherwise cost the first reader ~150 ms on 22,000 articles.
WARM_PATHS = ("/search.json", "/")


def warm(app: Flask) -> None:
    """Open the app's index and do what every request needs now, so that the first request is
    served without that pause (`serve` calls this before it listens)."""
    with app.app_context():
        api.warm(_shared())
    client = app.test_client()
    for path in WARM_PATHS:
        resp = client.get(path)
        if resp.status_code != 200:     # the server starts anyway; its pages will say what is wrong
            app.logger.warning("warm-up: %s answered %s", path, resp.status_code)


def get_index() -> api.Index:
    """The app's index held at one generation for this request; raises IndexUnavailable when
    there is none at INDEX_DIR (or it is damaged)."""
    ix = g.get(_KEY)
    if ix is None:
        ix = g.quote_index = _shared().pin()
    return ix


def _shared() -> api.Index:
    """The app's open Index, shared by every thread (opened on first use)."""
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
                raise IndexUnavailable(str(e), isinstance(e, api.IndexDamaged)) from None
        return slot["index"]
