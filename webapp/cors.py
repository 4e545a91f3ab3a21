"""CORS, opt-in: the JSON and CSV answers may be read by pages of other origins only when the
operator says which (settings.cors_origins, `$QUOTE_INDEX_CORS` or `serve --cors`)."""
from __future__ import annotations

from flask import Flask, Response, request

_READABLE = ("application/json", "text/csv")


def init_app(app: Flask, origins: str) -> None:
    """Allow the given origins ("*", or origins separated by spaces) to read JSON and CSV."""
    allowed = frozenset(origins.split())
    if not allowed:
        return

    def add_header(response: Response) -> Response:
        """Access-Control-Allow-Origin on a JSON or CSV answer to an allowed origin."""
        if response.mimetype not in _READABLE:
            return response
        if "*" in allowed:
            response.headers["Access-Control-Allow-Origin"] = "*"
        else:
            origin = request.headers.get("Origin", "")
            if origin in allowed:
                response.headers["Access-Control-Allow-Origin"] = origin
            response.vary.add("Origin")
        return response
    app.after_request(add_header)
