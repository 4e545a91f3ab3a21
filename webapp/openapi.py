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
from indexer.results import Segments
from indexer.serial import REF, schemas
from indexer.settings import DEFAULTS

from . import pages as P

INFO = {"title": "quote-index", "version": "0.1.0",
        "description": "Read-only JSON twins of the quote-index web pages: who said what, where. "
                       "Every page is also served as HTML at the same path without the suffix; the "
                       "JSON twin is asked for with the `.json` suffix, `?_format=json` or `Accept: "
                       "application/json`; list pages also have a `.csv` suffix."}
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _param(name: str, description: str, schema: dict, where: str = "query") -> dict:
    """One parameter of an operation."""
    return {"name": name, "in": where, "required": where == "path", "description": description,
            "schema": schema}


def _search_params() -> list:
    """The parameters of a search (the web page's: validated by webapp/params.py)."""
    d = DEFAULTS
    return [
        _param("q", 'Words, "phrases", AND/OR/NOT, field:value. Escaped unless _raw=1; cut at '
                    f"{d.max_query_length} characters.", {"type": "string", "maxLength": d.max_query_length}),
        _param("scope", "What to search.", {"type": "string", "enum": list(api.SCOPES), "default": d.default_scope}),
        _param("speaker", "Speaker id (slug) or name.", {"type": "string"}),
        _param("outlet", "Outlet name, as in the outlet facet.", {"type": "string"}),
        _param("medium", 'Where the quote was given ("DAZN"), as in the medium facet.', {"type": "string"}),
        _param("year", "Four-digit year.", {"type": "string", "pattern": r"^\d{4}$"}),
        _param("since", "Earliest date: YYYY-MM-DD, YYYY-MM or YYYY.", {"type": "string", "pattern": DATE}),
        _param("until", "Latest date: YYYY-MM-DD, YYYY-MM or YYYY.", {"type": "string", "pattern": DATE}),
        _param("sort", "Order of the hits.", {"type": "string", "enum": list(api.SORTS), "default": d.default_sort}),
        _param("page", "Page number.", {"type": "integer", "minimum": 1, "maximum": d.max_page, "default": 1}),
        _param("per_page", f"Hits per page; larger values are cut to {d.max_per_page} with a message.",
               {"type": "integer", "minimum": 1, "maximum": d.max_per_page, "default": d.default_per_page}),
        _param("_raw", "1 passes Whoosh query syntax through unescaped.", {"type": "string", "enum": ["0", "1"]}),
    ]


def _speakers_params() -> list:
    """The parameters of the speakers list."""
    d = DEFAULTS
    return [_param("q", "Name (or alias) prefix.", {"type": "string", "maxLength": 100}),
            _param("letter", "First letter (A-Z, or # for others).", {"type": "string", "maxLength": 1}),
            _param("page", "Page number.", {"type": "integer", "minimum": 1, "default": 1}),
            _param("per_page", f"Speakers per page (cut to {d.max_speakers_per_page}).",
                   {"type": "integer", "minimum": 1, "maximum": d.max_speakers_per_page,
                    "default": d.speakers_per_page})]


def _op(op_id: str, summary: str, params: list, schema: dict, errors=(400, 503), **extra) -> dict:
    """A GET operation answering JSON (schema) or one of the error responses."""
    responses = {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}}
    names = {400: "BadRequest", 404: "NotFound", 503: "NoIndex"}
    responses.update({str(e): {"$ref": f"#/components/responses/{names[e]}"} for e in errors})
    return {"get": {"summary": summary, "operationId": op_id, **extra, "parameters": params,
                    "responses": responses}}


def _csv_op(op_id: str, summary: str, params: list) -> dict:
    """A GET operation answering CSV."""
    return {"get": {"summary": summary, "operationId": op_id, "parameters": params, "responses": {
        "200": {"description": "CSV", "content": {"text/csv": {"schema": {"type": "string"}}}},
        "400": {"$ref": "#/components/responses/BadRequest"}}}}


def _ref(cls) -> dict:
    """A reference to a record's schema."""
    return {"$ref": REF + cls.__name__}


def paths() -> dict:
    """Every JSON route of the app (and the CSV twins of the list pages)."""
    cap = DEFAULTS.max_csv_rows
    by_id = [_param("id", "Speaker id (slug).", {"type": "string"}, "path"),
             _param("q", "Search within this speaker's quotes.", {"type": "string"}),
             _param("page", f"Page of clusters ({DEFAULTS.clusters_per_page} a page) or hits.",
                    {"type": "integer", "minimum": 1, "default": 1})]
    names = [_param("q", "Start of a first name or surname.", {"type": "string", "maxLength": 100}),
             _param("limit", f"At most this many names (cut to {DEFAULTS.max_names}).",
                    {"type": "integer", "minimum": 1, "maximum": DEFAULTS.max_names,
                     "default": DEFAULTS.names_limit})]
    return {
        "/search.json": _op("search", "Search quotes or articles", _search_params(), _ref(P.SearchPage),
                            description="Hits, facets (with toggle_url links), pagination and suggestions. "
                                        f"`/search.csv` exports every hit up to {cap} rows."),
        "/search.csv": _csv_op("searchCsv", f"Search results as CSV (up to {cap} rows)", _search_params()),
        "/speakers.json": _op("speakers", "Speakers A-Z with quote counts", _speakers_params(),
                              _ref(P.SpeakersPage)),
        "/speakers.csv": _csv_op("speakersCsv", "Speakers as CSV", _speakers_params()[:2]),
        "/speaker/{id}.json": _op("speaker", "One speaker: quotes grouped by cluster, timeline", by_id,
                                  {"oneOf": [_ref(P.SpeakerPage), _ref(P.SpeakerSearchPage)]}, (400, 404, 503)),
        "/article/{id}.json": _op("article", "One article: metadata, full text, every quote with spans",
                                  [_param("id", "Article id (its path in the corpus, #N for a JSON record).",
                                          {"type": "string"}, "path")], _ref(P.ArticlePage), (400, 404, 503)),
        "/quote/{cluster}.json": _op("quote", "One quote across outlets, with word differences",
                                     [_param("cluster", "Cluster id.", {"type": "string"}, "path")],
                                     _ref(P.QuotePage), (400, 404, 503)),
        "/api/names": _op("names", "Name completion", names, _ref(P.NamesPage)),
        "/openapi.json": _op("openapi", "This document", [], {"type": "object"}, ()),
    }


def document() -> dict:
    """The OpenAPI 3.1 document."""
    roots = (P.SearchPage, P.SpeakersPage, P.SpeakerPage, P.SpeakerSearchPage, P.ArticlePage,
             P.QuotePage, P.NamesPage, P.ErrorPage)
    error = {"content": {"application/json": {"schema": _ref(P.ErrorPage)}}}
    return {"openapi": "3.1.0", "info": INFO, "paths": paths(), "components": {
        "responses": {"BadRequest": {"description": "A parameter is wrong; `error` names it.", **error},
                      "NotFound": {"description": "Unknown id.", **error},
                      "NoIndex": {"description": "The server has no index to read.", **error}},
        "schemas": schemas(*roots, named={Segments: "Segments"})}}


if __name__ == "__main__":
    json.dump(document(), sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
