"""JSON-only endpoints: name completion for the search-as-you-type box, and the OpenAPI document."""
from __future__ import annotations

import os

from flask import Blueprint, current_app, send_from_directory, url_for

from indexer import search as api
from indexer.serial import to_json

from . import params
from .store import get_index
from .twin import negotiate

bp = Blueprint("api", __name__)


@bp.route("/api/names")
def names():
    """Speakers whose name words start with ?q=, most quoted first (at most ?limit=, <= 20)."""
    negotiate("json")
    q = params.text("q", limit=100)
    limit = params.integer("limit", 10, 1, 20, clamp_high=True)
    found = to_json(api.complete_names(get_index(), q, limit=limit)) if q else []
    return current_app.json.response({
        "ok": True, "query": q,
        "names": [{"id": s["id"], "name": s["name"], "quote_count": s.get("quote_count", 0),
                   "url": url_for("pages.speaker_page", sid=s["id"])} for s in found[:limit]],
    })


@bp.route("/openapi.json")
def openapi():
    """The OpenAPI 3.1 description of the JSON twins and endpoints."""
    negotiate("json")
    return send_from_directory(os.path.join(current_app.root_path, "static"), "openapi.json",
                               mimetype="application/json", max_age=300)
