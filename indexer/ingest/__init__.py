"""Writing the index: `build` (everything) and `update` (changed files only), one shared loop.

    from indexer.ingest import build, update
    result = build(["corpus/"], ".quote-index")      # a BuildResult
"""
from .result import BuildResult
from .run import build, update

__all__ = ["BuildResult", "build", "update"]
