"""The PostgreSQL backend: the index loaded by `build --backend postgresql` (`indexer.pgstore`).

    backend.py    the live generation (quote_index.live), one connection per thread
    view.py       the answers of `indexer.search.backend.View`: SQL over one generation's tables
    compile.py    the API's query tree as SQL: Whoosh's matches, Whoosh's BM25F scores, expansions capped
    page.py       one search as one statement: order, page, groups by cluster, facet counts
    similar.py    check a quote: the quotes sharing a paste's rarest words
    verify.py     check-index on a DSN: tables, indexes, counts, lexicon, every row read
"""
from .backend import PgBackend

__all__ = ["PgBackend"]
