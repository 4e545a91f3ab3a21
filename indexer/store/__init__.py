"""The index on disk: where every file lives (layout), the writer lock, the atomic swap, the
Whoosh schema and the documents written into it. Writers (`indexer.ingest`) and readers
(`indexer.search`) both take names and paths from here, never spell them themselves."""
