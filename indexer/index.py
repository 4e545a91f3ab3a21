"""The pickled name of the index's analyzers (nothing else lives here).

Whoosh stores the schema, analyzers included, in each index by module path: every index of
format 3 names `indexer.index.FoldStemTokenizer` and `indexer.index.BigramTokenizer`. The classes
live in `indexer.store.schema`; this module keeps that path importable, so that existing indexes
open without a rebuild. Code imports from `indexer.store.schema`, never from here.
"""
from .store.schema import BigramTokenizer, FoldStemTokenizer  # noqa: F401
