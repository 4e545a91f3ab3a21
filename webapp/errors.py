"""Error pages and their JSON twins: a clear message and the right status, never a traceback."""
from __future__ import annotations

from flask import Flask, Response, current_app, g
from markupsafe import escape
from werkzeug.exceptions import HTTPException

from indexer.errors import BadParameter, IndexDamaged, IndexNotFound

from .exceptions import HttpError
from .pages import ErrorPage
from .store import IndexUnavailable
from .twin import Reply, current_format, render

TITLES = {400: "Bad request", 404: "Not found", 405: "Method not allowed",
          413: "Request too large", 414: "Address too long", 500: "Something went wrong",
          503: "No index to search"}


def init_app(app: Flask) -> None:
    """Install the handlers that turn every failure into an error page or JSON error."""
    app.register_error_handler(HttpError, lambda e: error_response(e.status, e.message))
    app.register_error_handler(IndexUnavailable, _index_unavailable)
    app.register_error_handler(IndexNotFound, _index_unavailable)
    # A library call refused a parameter: its message names it, which is what a 400 should say.
    app.register_error_handler(BadParameter, lambda e: error_response(400, str(e)))
    app.register_error_handler(HTTPException, _http_exception)
    app.register_error_handler(Exception, _unexpected)


def _index_unavailable(e: Exception):
    """503 without the server's paths: the details go to the log, for the operator."""
    cause = e.__cause__
    current_app.logger.error("index unavailable: %s%s", e, f" ({type(cause).__name__}: {cause})" if cause else "")
    if isinstance(e, IndexDamaged) or getattr(e, "damaged", False):
        return error_response(503, "The search index is damaged. The site's operator can rebuild "
                                   "it with `quote-index build` (the server log names the damaged part).")
    return error_response(503, "The search index is not available. The site's operator can build "
                               "it with `quote-index build` (the server log says where it looked).")


def error_response(status: int, message: str):
    """The error as a page, or as {"ok": false, "status", "title", "error"} on the JSON twin."""
    page = ErrorPage(status, TITLES.get(status, "Error"), message)
    try:
        fmt = current_format()
    except Exception:           # a request too broken to negotiate still gets a page
        fmt = "html"
    if fmt == "csv":            # an error is no table: answer it as JSON
        g.fmt = "json"
    try:
        return render("error.html", Reply(page, status=status))
    except Exception:
        # A request Werkzeug could not route at all (a Host header it refuses) has no URL
        # adapter, so the page template cannot build its links: answer a bare page instead.
        return _bare_page(page)


def _bare_page(page: ErrorPage) -> Response:
    """The error as a minimal page that needs no URL building."""
    title, message = escape(page.title), escape(page.error)
    body = (f'<!doctype html><html lang="en"><meta charset="utf-8"><title>{title}</title>'
            f"<h1>{title}</h1><p>{message}</p></html>")
    return Response(body, status=page.status, mimetype="text/html")


def _http_exception(e: HTTPException):
    """Werkzeug's own errors (unknown URL, wrong method, body too large) in our format."""
    if e.code is None or e.code < 400:
        return e
    messages = {404: "There is no page at this address.",
                405: "This site only answers GET requests."}
    return error_response(e.code, messages.get(e.code, e.description or TITLES.get(e.code, "Error")))


def _unexpected(e: Exception):
    """Anything unforeseen: log the traceback for the operator, show the user a plain 500."""
    if isinstance(e, HTTPException):
        return _http_exception(e)
    current_app.logger.exception("unexpected error")
    return error_response(500, "The server failed to answer this request. It has been logged; "
                               "try a simpler query or come back later.")
