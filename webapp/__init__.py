"""The quote-index web site: Flask app factory."""
from __future__ import annotations

import os

from flask import Flask


def create_app(test_config=None):
    """Create the Flask app reading the index named by config INDEX_DIR (env QUOTE_INDEX_DIR)."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(INDEX_DIR=os.environ.get("QUOTE_INDEX_DIR", ".quote-index"))
    if test_config is not None:
        app.config.update(test_config)
    return app
