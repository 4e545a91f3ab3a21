"""The index in PostgreSQL: the tables of one generation, how documents become rows, the connection.

The same documents as the Whoosh index (`indexer.store.documents`), analysed by the same field
analyzers (`indexer.store.schema`), stored one generation per schema:

    quote_index.live            one row: the schema and build id readers use now
    quote_index.generations     every loaded generation (the live one and the one before it)
    qi_<id>.articles            one row per article: stored fields, a tsvector per text field
    qi_<id>.quotes              the same for quotes, PARTITION BY LIST (month), 'YYYY-MM' or ''
    qi_<id>.lexicon             (field, term, document frequency): term look-ups, wildcards, idf
    qi_<id>.speakers, clusters, words, outlets, meta    the side tables of the Whoosh index directory

A word's tsvector lexeme is its analysed term (folded, stemmed by the project's analyzer, not by
a PostgreSQL dictionary), so a query term matches exactly what Whoosh would match; positions give
phrases, GIN indexes find the documents, and term frequencies and field lengths (kept as Whoosh
keeps them) let the backend rank with Whoosh's BM25F.

    connect.py    DSNs: connecting with a clear error (host and port, never the password)
    tables.py     names, the DDL of a generation, which column holds which field
    analyse.py    a document as a row: tsvector literals, term frequencies, lengths, lexicon counts
    load.py       one load: a new schema filled with COPY and swapped in, in one transaction
"""
