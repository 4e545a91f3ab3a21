"""The Whoosh backend: the index directory written by `indexer.ingest`, read through Whoosh.

    backend.py    opening, generations, one searcher per thread (reopened, never refreshed)
    view.py       the answers of `indexer.search.backend.View`
    translate.py  the API's query tree and filters as Whoosh queries (quote phrases as pairs)
    matching.py   filter sets, set algebra on postings, the scoring pass, matched words
    columns.py    facet and date columns read once per generation
    enginefix.py  a fix to Whoosh's AndMaybe matcher (ranked pages lost body-word scores)
"""
from . import enginefix  # noqa: F401 - installs the fix before any search runs
from .backend import WhooshBackend

__all__ = ["WhooshBackend"]
