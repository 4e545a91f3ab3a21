"""The quote-index web site: Flask app factory."""
from __future__ import annotations

import os

from flask import Flask
from werkzeug.routing import PathConverter

from indexer import settings

from . import api, cors, errors, security, store, views


class IdConverter(PathConverter):
    """A path that may hold any character, a newline included (ids of indexes built before ids
    were escaped held them; werkzeug's own path converter stops at a newline)."""

    regex = "[^/](?s:.*?)"


def create_app(test_config=None):
    """Create the Flask app reading the index named by config INDEX_DIR (env QUOTE_INDEX_DIR)."""
    app = Flask(__name__, instance_relative_config=True)
    cfg = settings.load()
    app.config.from_mapping(
        INDEX_DIR=cfg.index_dir,
        # Forms are GET-only and nothing is written, but Flask wants a key for its session helpers.
        SECRET_KEY=os.environ.get(settings.SECRET_ENV, os.urandom(16).hex()),
        # Bounds that keep one request cheap whatever the query string says.
        MAX_QUERY_LENGTH=cfg.max_query_length,
        MAX_PAGE=cfg.max_page,
        MAX_PER_PAGE=cfg.max_per_page,
        MAX_CSV_ROWS=cfg.max_csv_rows,
        ARTICLE_PART_CHARS=cfg.article_part_chars,
        SEARCH_SECONDS=cfg.search_seconds,
        MAX_EXPANSION=cfg.max_expansion,
        # The index holds no uploads: refuse request bodies outright.
        MAX_CONTENT_LENGTH=cfg.max_content_length,
        # Origins whose pages may read the JSON and CSV answers (CORS): none unless set.
        CORS_ORIGINS=cfg.cors_origins,
    )
    if test_config is not None:
        app.config.update(test_config)
    app.url_map.converters["id"] = IdConverter
    app.json.sort_keys = False            # keep the order the views build, it reads better
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    # Below this confidence an attribution is marked "unsure" (and hidden by hide_unsure=1).
    app.jinja_env.globals["LOW_CONFIDENCE"] = cfg.low_confidence
    app.jinja_env.globals["MAX_CHECK"] = cfg.max_check_length

    store.init_app(app)
    security.init_app(app)
    cors.init_app(app, app.config["CORS_ORIGINS"])
    errors.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    return app
