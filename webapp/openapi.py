"""The OpenAPI document of the JSON twins, built from the page records and the settings.

    python3 -m webapp.openapi > webapp/static/openapi.json

writes the file the app serves at /openapi.json; tests/test_openapi.py checks that the file is
what this module builds and that the app's answers validate against it. The schemas are read
from the records' fields (`indexer.serial`), the limits from `indexer.settings`.
"""
from __future__ import annotations

import json
import sys

from indexer import search as api
from indexer.results import QUOTE_CSV, Segments
from indexer.serial import REF, schemas
from indexer.settings import DEFAULTS

from . import pages as P

INFO = {"title": "quote-index", "version": "0.1.0",
        "description": "Read-only JSON twins of the quote-index web pages: who said what, where. "
                       "Every page is also served as HTML at the same path without the suffix; the "
                       "JSON twin is asked for with the `.json` suffix, `?_format=json` or `Accept: "
                       "application/json`; list pages also have a `.csv` suffix. List pages share Datasette's "
                       "shape: `rows`, `count`, `next` / `next_url`, and take `_size`, `_next` and "
                       "`_shape=objects|arrays`. Every CSV of quotes has the same columns in the same order "
                       "(the quote row layout). Pages of other origins may read the JSON and CSV only when "
                       "the operator allows them (CORS: `QUOTE_INDEX_CORS`, `serve --cors`)."}
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
# A list page asked for with _shape=arrays: its fields, with `rows` as arrays in `columns` order.
ARRAYS = {"description": "A list page with _shape=arrays: each row an array of the values named in `columns`.",
          "type": "object", "required": ["ok", "rows", "columns", "count"],
          "properties": {"ok": {"type": "boolean"}, "count": {"type": "integer"},
                         "columns": {"type": "array", "items": {"type": "string"}},
                         "rows": {"type": "array", "items": {"type": "array"}},
                         "next": {"type": ["string", "null"]}, "next_url": {"type": ["string", "null"]}}}


def _param(name: str, description: str, schema: dict, where: str = "query") -> dict:
    """One parameter of an operation."""
    return {"name": name, "in": where, "required": where == "path", "description": description,
            "schema": schema}


def _listing(size: int, maximum: int, what: str = "rows") -> list:
    """Datasette's list parameters: _size, _next, _shape (and the older page / per_page)."""
    return [
        _param("_size", f"{what.capitalize()} per page (larger values are cut to {maximum} with a message).",
               {"type": "integer", "minimum": 1, "maximum": maximum, "default": size}),
        _param("per_page", "The same as _size.", {"type": "integer", "minimum": 1, "maximum": maximum}),
        _param("_next", "The `next` token of the previous page.", {"type": "string", "pattern": r"^\d+$"}),
        _param("page", "Page number (the same as _next).", {"type": "integer", "minimum": 1,
                                                             "maximum": DEFAULTS.max_page, "default": 1}),
        _param("_shape", "objects: each row an object; arrays: each row an array, in the order of `columns`.",
               {"type": "string", "enum": ["objects", "arrays"], "default": "objects"}),
    ]


def _csv_params() -> list:
    """What every CSV twin takes besides its page's parameters."""
    return [_param("_excel", "1: UTF-8 with a byte-order mark, as Excel wants it.",
                   {"type": "string", "enum": ["0", "1"]})]


def _confidence() -> list:
    """The filters that hide unsure attributions."""
    low = DEFAULTS.low_confidence
    return [_param("min_confidence", "Only quotes whose attribution is at least this sure (0-1); "
                                     "quotes without a speaker drop out.",
                   {"type": "number", "minimum": 0, "maximum": 1}),
            _param("hide_unsure", f"1: the same as min_confidence={low} (see docs/ATTRIBUTION.md).",
                   {"type": "string", "enum": ["0", "1"]})]


def _search_params() -> list:
    """The parameters of a search (the web page's: validated by webapp/params.py)."""
    d = DEFAULTS
    return [
        _param("q", 'Words, "phrases", AND/OR/NOT, field:value. Escaped unless _raw=1; cut at '
                    f"{d.max_query_length} characters.", {"type": "string", "maxLength": d.max_query_length}),
        _param("scope", "What to search.", {"type": "string", "enum": list(api.SCOPES), "default": d.default_scope}),
        _param("speaker", "Speaker id (slug) or name.", {"type": "string"}),
        _param("outlet", 'Outlet slug ("wash-post") or name ("The Washington Post").', {"type": "string"}),
        _param("medium", 'Where the quote was given ("DAZN"), as in the medium facet.', {"type": "string"}),
        _param("year", "Four-digit year.", {"type": "string", "pattern": r"^\d{4}$"}),
        _param("since", "Earliest date: YYYY-MM-DD, YYYY-MM or YYYY.", {"type": "string", "pattern": DATE}),
        _param("until", "Latest date: YYYY-MM-DD, YYYY-MM or YYYY.", {"type": "string", "pattern": DATE}),
        _param("sort", "Order of the hits: relevance, newest, oldest (undated last), carried (quotes "
                       "most articles carried first; quotes only). `date` is newest.",
               {"type": "string", "enum": list(api.SORTS) + ["date"], "default": d.default_sort}),
        _param("group", "0: one row per article carrying a quote, instead of each quote once.",
               {"type": "string", "enum": ["0", "1"], "default": "1"}),
        *_confidence(),
        _param("_raw", "1 passes Whoosh query syntax through unescaped.", {"type": "string", "enum": ["0", "1"]}),
        *_listing(d.default_per_page, d.max_per_page, "hits"),
    ]


def _speakers_params() -> list:
    """The parameters of the speakers list."""
    d = DEFAULTS
    return [_param("q", "Name (or alias, or name word) prefix; a name nobody has lists the closest.",
                   {"type": "string", "maxLength": 100}),
            _param("sort", "count: most quoted first (default); name: A-Z.",
                   {"type": "string", "enum": list(api.SPEAKER_ORDERS), "default": "count"}),
            _param("kind", "person or organization.", {"type": "string", "enum": list(api.KINDS)}),
            _param("outlet", "Only those this outlet quoted (slug or name); counts become theirs there.",
                   {"type": "string"}),
            _param("since", "Only those quoted since: YYYY-MM-DD, YYYY-MM or YYYY.", {"type": "string", "pattern": DATE}),
            _param("until", "Only those quoted until then.", {"type": "string", "pattern": DATE}),
            _param("letter", "First letter (A-Z, or # for others).", {"type": "string", "maxLength": 1}),
            *_listing(d.speakers_per_page, d.max_speakers_per_page, "speakers")]


def _speaker_params() -> list:
    """The parameters of one speaker's page."""
    d = DEFAULTS
    return [_param("id", "Speaker id (slug).", {"type": "string"}, "path"),
            _param("q", "Search within this speaker's quotes.", {"type": "string"}),
            _param("sort", "newest (default), oldest, carried (most articles first); relevance with q.",
                   {"type": "string", "enum": list(api.SPEAKER_SORTS) + ["relevance"]}),
            _param("outlet", "Only this outlet's (slug or name).", {"type": "string"}),
            _param("year", "Only this year's.", {"type": "string", "pattern": r"^\d{4}$"}),
            _param("since", "From: YYYY-MM-DD, YYYY-MM or YYYY.", {"type": "string", "pattern": DATE}),
            _param("until", "Until: YYYY-MM-DD, YYYY-MM or YYYY.", {"type": "string", "pattern": DATE}),
            *_confidence(),
            *_listing(d.clusters_per_page, d.max_per_page, "quotes")]


def _op(op_id: str, summary: str, params: list, schema: dict, errors=(400, 503), **extra) -> dict:
    """A GET operation answering JSON (schema) or one of the error responses."""
    responses = {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}}
    names = {400: "BadRequest", 404: "NotFound", 503: "NoIndex"}
    responses.update({str(e): {"$ref": f"#/components/responses/{names[e]}"} for e in errors})
    return {"get": {"summary": summary, "operationId": op_id, **extra, "parameters": params,
                    "responses": responses}}


def _list_op(op_id: str, summary: str, params: list, page, errors=(400, 503), **extra) -> dict:
    """A GET operation answering a list page: its record, or with _shape=arrays its rows as arrays."""
    schema = {"anyOf": [_ref(page) if not isinstance(page, dict) else page, {"$ref": REF + "ArraysShape"}]}
    return _op(op_id, summary, params, schema, errors, **extra)


def _csv_op(op_id: str, summary: str, params: list, errors=(400,)) -> dict:
    """A GET operation answering CSV: the one quote row layout for quotes (see the description)."""
    names = {400: "BadRequest", 404: "NotFound"}
    return {"get": {"summary": summary, "operationId": op_id, "parameters": params + _csv_params(), "responses": {
        "200": {"description": "CSV", "content": {"text/csv": {"schema": {"type": "string"}}}},
        **{str(e): {"$ref": f"#/components/responses/{names[e]}"} for e in errors}}}}


def _ref(cls) -> dict:
    """A reference to a record's schema."""
    return {"$ref": REF + cls.__name__}


def paths() -> dict:
    """Every JSON route of the app, and every CSV twin."""
    cap = DEFAULTS.max_csv_rows
    quote_csv = ", ".join(QUOTE_CSV)
    by_id = _speaker_params()
    article_id = [_param("id", "Article id (its path in the corpus, #N for a JSON record).", {"type": "string"}, "path")]
    cluster_id = [_param("cluster", "Cluster id.", {"type": "string"}, "path")]
    names = [_param("q", "Start of any word of a name (accents, apostrophes and a typo are fine).",
                    {"type": "string", "maxLength": 100}),
             _param("limit", f"At most this many names (cut to {DEFAULTS.max_names}).",
                    {"type": "integer", "minimum": 1, "maximum": DEFAULTS.max_names,
                     "default": DEFAULTS.names_limit}),
             _param("_size", "The same as limit.", {"type": "integer", "minimum": 1, "maximum": DEFAULTS.max_names}),
             _param("_shape", "objects or arrays.", {"type": "string", "enum": ["objects", "arrays"]})]
    check = [_param("q", f"The text to check (1 to {DEFAULTS.max_check_length} characters, with a word).",
                    {"type": "string", "minLength": 1, "maxLength": DEFAULTS.max_check_length}),
             _param("_shape", "objects or arrays.", {"type": "string", "enum": ["objects", "arrays"]})]
    return {
        "/.json": _op("home", "The home page: most quoted speakers, latest quotes, query examples", [],
                      _ref(P.HomePage)),
        "/search.json": _list_op("search", "Search quotes (each once, however many articles carried it) or articles",
                                 _search_params(), P.SearchPage,
                                 description="Hits, facets (with toggle_url links), pagination and suggestions. "
                                             f"`/search.csv` exports every hit up to {cap} rows."),
        "/search.csv": _csv_op("searchCsv", f"Search results as CSV (up to {cap} rows); quotes in the "
                                            f"quote row layout: {quote_csv}", _search_params()),
        "/check.json": _list_op("check", "Check a quote: the quotes a text may be, who said them, who ran "
                                         "them first, the text against the real wording", check, P.CheckPage,
                                description="An empty text, one over the length limit or one without words "
                                            "is a 400 that says which."),
        "/speakers.json": _list_op("speakers", "Speakers, most quoted first or A-Z", _speakers_params(),
                                   P.SpeakersPage),
        "/speakers.csv": _csv_op("speakersCsv", "Speakers as CSV", _speakers_params()),
        "/speaker/{id}.json": _list_op("speaker", "One speaker: quotes grouped by cluster, timeline", by_id,
                                       {"oneOf": [_ref(P.SpeakerPage), _ref(P.SpeakerSearchPage)]}, (400, 404, 503)),
        "/speaker/{id}.csv": _csv_op("speakerCsv", f"One speaker's quotes as CSV (quote row layout: {quote_csv})",
                                     by_id, (400, 404)),
        "/article/{id}.json": _op("article", "One article: metadata, full text, every quote with spans",
                                  article_id, _ref(P.ArticlePage), (400, 404, 503)),
        "/article/{id}.csv": _csv_op("articleCsv", "One article's quotes as CSV (quote row layout)", article_id,
                                     (400, 404)),
        "/quote/{cluster}.json": _op("quote", "One quote across outlets, with word differences",
                                     cluster_id, _ref(P.QuotePage), (400, 404, 503)),
        "/quote/{cluster}.csv": _csv_op("quoteCsv", "One quote's every report as CSV (quote row layout)",
                                        cluster_id, (400, 404)),
        "/api/names": _list_op("names", "Name completion", names, P.NamesPage),
        "/openapi.json": _op("openapi", "This document", [], {"type": "object"}, ()),
    }


def document() -> dict:
    """The OpenAPI 3.1 document."""
    roots = (P.HomePage, P.SearchPage, P.CheckPage, P.SpeakersPage, P.SpeakerPage, P.SpeakerSearchPage,
             P.ArticlePage, P.QuotePage, P.NamesPage, P.ErrorPage)
    error = {"content": {"application/json": {"schema": _ref(P.ErrorPage)}}}
    return {"openapi": "3.1.0", "info": INFO, "paths": paths(), "components": {
        "responses": {"BadRequest": {"description": "A parameter is wrong; `error` names it.", **error},
                      "NotFound": {"description": "Unknown id.", **error},
                      "NoIndex": {"description": "The server has no index to read.", **error}},
        "schemas": {**schemas(*roots, named={Segments: "Segments"}), "ArraysShape": ARRAYS}}}


if __name__ == "__main__":
    json.dump(document(), sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
