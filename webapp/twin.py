"""JSON and CSV twins: every page view wears `@page`, returns a `Reply` holding its typed page
context, and is rendered here as HTML, JSON or CSV.

A page's twin is asked for with a `.json` / `.csv` suffix on its path, `?_format=json`, or an
`Accept: application/json` header; every other parameter stays the same, so the twin of any
shared link is that link plus `.json`. A list page's JSON takes Datasette's `_shape=arrays`
(each row an array, in the order of `columns`); a CSV takes `_excel=1` (UTF-8 with a byte-order
mark, which Excel needs to read anything but ASCII). The format is settled before the view builds its links
(links in a JSON twin lead to JSON twins): from the route's `fmt` (`/search.json`), or, on a page
of one record (`/article/<id>`), from the id once it is looked up, since an id may itself end in
`.json`.
"""
from __future__ import annotations

import csv
import functools
import io
import itertools
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping, Optional
from urllib.parse import quote, urlencode

from flask import Response, current_app, g, render_template, request

from indexer.results import csv_cell
from indexer.serial import to_json

from .exceptions import HttpError
from .params import flag, shape

FORMATS = ("html", "json", "csv")
SUFFIXES = {".json": "json", ".csv": "csv"}
# Characters left alone when a decoded path is turned back into a URL; everything else
# ('#', '?', '%', spaces, non-ASCII) is percent-encoded.
_PATH_SAFE = "/@:,;=+!$&'()*~"


@dataclass(frozen=True)
class Reply:
    """A view's answer: its page context (a record of webapp.pages) and what other formats need."""

    page: object
    csv_rows: Optional[Iterable] = None      # records or dicts; None: the page has no CSV twin
    csv_name: str = "export"
    context: Mapping = field(default_factory=dict)   # extra template values, not in the JSON
    status: int = 200


def page(template: Optional[str], *, lookup: Optional[Callable] = None, missing: str = "",
         json_only: bool = False):
    """Make a view a page with twins: negotiate the format, call the view, render its Reply.

    lookup: the page shows one record: lookup(id) fetches it (None when unknown) and the view is
    called with (record, id); `missing` is the 404 message ({id} is filled in). json_only: an
    endpoint with no HTML page. A view may also answer with a ready Response (a static file).
    """
    def wrap(view):
        @functools.wraps(view)
        def run(fmt: Optional[str] = None, **kwargs):
            if json_only:
                negotiate("json")
            elif lookup is not None:
                (name, ident), = kwargs.items()
                found, ident = _find(lookup, ident, missing)
                kwargs = {"found": found, name: ident}
            else:
                negotiate(fmt)
            result = view(**kwargs)
            return result if isinstance(result, Response) else render(template, result)
        return run
    return wrap


def _find(lookup: Callable, ident: str, missing: str):
    """(record, id) for a page of one record, its format negotiated; a 404 naming the id if unknown."""
    found = lookup(ident)
    fmt = None
    if found is None:
        # Only now read a .json/.csv ending as a twin request: an id may itself end in .json.
        base, fmt = split_format(ident)
        if fmt:
            found, ident = lookup(base), base
    negotiate(fmt)
    if found is None:
        raise HttpError(404, missing.format(id=ident))
    return found, ident


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
    return fmt


def current_format() -> str:
    """The format chosen for this request (from the path when no view negotiated)."""
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


def render(template: Optional[str], reply: Reply) -> Response:
    """A Reply in the negotiated format; HTML templates get the page's JSON as `d`."""
    fmt = current_format()
    if fmt == "csv":
        if reply.csv_rows is None:
            raise HttpError(404, "This page has no CSV export; try its .json twin.")
        return csv_response(reply.csv_rows, reply.csv_name, reply.status)
    data = to_json(reply.page)
    rows_shape = shape() if "rows" in data else None      # a wrong _shape is a 400 in every format
    if fmt == "json" or template is None:
        if rows_shape == "arrays":
            data = arrays(data)
        resp = current_app.json.response(data)
        resp.status_code = reply.status
        return resp
    return Response(render_template(template, d=data, **reply.context), status=reply.status,
                    mimetype="text/html")


def arrays(data: dict) -> dict:
    """A list page's JSON with each row an array of its values, in the order of `columns`."""
    rows = data["rows"]
    columns = list(dict.fromkeys(k for row in rows for k in row))
    out = {k: v for k, v in data.items() if k != "rows"}
    out["columns"] = columns
    out["rows"] = [[row.get(c) for c in columns] for row in rows]
    return out


def csv_response(rows: Iterable, name: str, status: int = 200) -> Response:
    """A CSV download of rows (records or dicts with the same keys), cells safe in a spreadsheet;
    with `_excel=1`, a byte-order mark first so that Excel reads it as UTF-8.

    The first row is made before answering (so that the search behind the rows runs, and fails
    with a proper error page, before any byte is sent); the rest is streamed row by row.
    """
    rows = iter(rows)
    first = next(rows, None)
    bom = "\ufeff" if flag("_excel") else ""        # read now: the stream outlives the request

    def lines():
        """The header, then one CSV line per row."""
        if first is None:
            return
        buf = io.StringIO()
        buf.write(bom)
        row = to_json(first)
        writer = csv.DictWriter(buf, fieldnames=list(row), extrasaction="ignore")
        writer.writeheader()
        for row in itertools.chain([row], map(to_json, rows)):
            writer.writerow({k: csv_cell(v) for k, v in row.items()})
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    resp = Response(lines(), status=status, mimetype="text/csv")
    resp.headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return resp
