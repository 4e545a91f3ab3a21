"""JSON-only endpoints: name completion for the search-as-you-type box, and the OpenAPI document."""
from __future__ import annotations

import os

from flask import Blueprint, current_app, send_from_directory, url_for

from indexer import search as api
from indexer.settings import DEFAULTS

from . import params
from .pages import NameLink, NamesPage
from .store import get_index
from .twin import Reply, page

bp = Blueprint("api", __name__)


@bp.route("/api/names")
@page(None, json_only=True)
def names():
    """Speakers whose name words start with ?q= (give or take a typo), most quoted first (at most
    ?limit= or ?_size=, <= 20)."""
    q = params.text("q", limit=100)
    size = "_size" if params.text("_size") else "limit"
    limit = params.integer(size, DEFAULTS.names_limit, 1, DEFAULTS.max_names, clamp_high=True)
    found = api.complete_names(get_index(), q, limit=limit) if q else []
    rows = tuple(NameLink(s.id, s.name, s.quote_count, url_for("pages.speaker_page", sid=s.id)) for s in found[:limit])
    return Reply(NamesPage(q, rows, len(rows), None, None))


@bp.route("/openapi.json")
@page(None, json_only=True)
def openapi():
    """The OpenAPI 3.1 description of the JSON twins and endpoints (written by webapp/openapi.py)."""
    return send_from_directory(os.path.join(current_app.root_path, "static"), "openapi.json",
                               mimetype="application/json", max_age=300)
