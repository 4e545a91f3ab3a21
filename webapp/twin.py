"""JSON and CSV twins: one view builds a dict, and this module renders it as HTML, JSON or CSV.

A page's twin is asked for with a `.json` / `.csv` suffix on its path, `?_format=json`, or an
`Accept: application/json` header; every other parameter stays the same, so the twin of any
shared link is that link plus `.json`.
"""
from __future__ import annotations

import csv
import io
from typing import Iterable, Optional
from urllib.parse import quote, urlencode

from flask import Response, current_app, g, render_template, request

FORMATS = ("html", "json", "csv")
SUFFIXES = {".json": "json", ".csv": "csv"}
# Characters left alone when a decoded path is turned back into a URL; everything else
# ('#', '?', '%', spaces, non-ASCII) is percent-encoded.
_PATH_SAFE = "/@:,;=+!$&'()*~"
# Spreadsheets run cells that start with these: prefix a quote mark so an article cannot.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def split_format(value: str) -> tuple[str, Optional[str]]:
    """Split a trailing `.json` / `.csv` off a path value: ("a.txt.json") -> ("a.txt", "json")."""
    for suffix, fmt in SUFFIXES.items():
        if value.endswith(suffix) and len(value) > len(suffix):
            return value[: -len(suffix)], fmt
    return value, None


def negotiate(suffix_fmt: Optional[str] = None) -> str:
    """The format this request wants: path suffix, then ?_format=, then the Accept header."""
    fmt = suffix_fmt or request.args.get("_format", "").lower()
    if fmt not in FORMATS:
        best = request.accept_mimetypes.best_match(["text/html", "application/json"])
        fmt = "json" if best == "application/json" else "html"
    g.fmt = fmt
    g.suffixed = suffix_fmt is not None
    return fmt


def current_format() -> str:
    """The format chosen for this request (from the path when the view never negotiated)."""
    fmt = g.get("fmt")
    if fmt:
        return fmt
    _, suffix = split_format(request.path)
    return negotiate(suffix)


def path_url(path: str) -> str:
    """A decoded path (as Flask hands it over) made into a URL path under this app's root."""
    return request.script_root + quote(path, safe=_PATH_SAFE)


def twin_path(path: str) -> str:
    """A page path in the format of this request: links in a JSON twin lead to JSON twins."""
    base, _ = split_format(path)
    return base + ".json" if current_format() == "json" else base


def query_string(args: dict) -> str:
    """`?a=1&b=2` from a dict, leaving out empty values; '' when nothing is left."""
    pairs = [(k, v) for k, v in args.items() if v not in (None, "", False)]
    return ("?" + urlencode(pairs)) if pairs else ""


def render(template: str, data: dict, *, csv_rows: Optional[Iterable[dict]] = None,
           csv_name: str = "export", status: int = 200, **context) -> Response:
    """Render the view's dict in the negotiated format; HTML templates get it as `d`."""
    fmt = current_format()
    if fmt == "json":
        resp = current_app.json.response(data)
        resp.status_code = status
        return resp
    if fmt == "csv":
        if csv_rows is None:
            from .errors import HttpError
            raise HttpError(404, "This page has no CSV export; try its .json twin.")
        return csv_response(csv_rows, csv_name, status)
    return Response(render_template(template, d=data, **context), status=status,
                    mimetype="text/html")


def csv_response(rows: Iterable[dict], name: str, status: int = 200) -> Response:
    """A CSV download of rows (dicts with the same keys), cells safe to open in a spreadsheet."""
    buf = io.StringIO()
    writer = None
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(buf, fieldnames=list(row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow({k: _cell(v) for k, v in row.items()})
    resp = Response(buf.getvalue(), status=status, mimetype="text/csv")
    resp.headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return resp


def _cell(value) -> str:
    """One CSV cell: lists joined with '; ', None empty, formula-looking text defused."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    value = str(value)
    if value.startswith(_FORMULA_START):
        value = "'" + value
    return value
