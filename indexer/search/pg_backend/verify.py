"""Checking a generation in PostgreSQL part by part (`quote-index check-index` on a DSN).

The server keeps its own checksums and crash safety; what can still go wrong with the index is a
table or an index dropped or left invalid by hand, rows deleted or added outside a load, and
data the server can no longer read. So: every table and index of a generation is there and
valid, the row counts are the ones meta recorded at load time, each text field's lexicon
frequencies add up to the words its tsvectors hold, and every row is read whole (every column,
TOAST included), which makes the server report a damaged page.
"""
from __future__ import annotations

from ...errors import IndexNotFound
from ...pgstore.tables import ARTICLE_TEXT, INDEXES, QUOTE_TEXT

TABLES = ("articles", "quotes", "lexicon", "speakers", "clusters", "words", "outlets", "meta")
COUNTED = {"articles": "articles", "quotes": "quotes", "speakers": "speakers", "clusters": "clusters"}


def verify(backend, gen) -> list[str]:
    """The problems found in a generation ([] when it is sound)."""
    def rows(stmt: str, params=()) -> list:
        """The rows of one statement on the generation."""
        return backend.run(lambda c: c.execute(stmt, params).fetchall(), schema=gen.schema)

    s = gen.table
    present = {r[0] for r in rows("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                  "WHERE n.nspname = %s AND c.relkind IN ('r', 'p')", (gen.schema,))}
    problems = [f"the table {gen.schema}.{t} is missing" for t in TABLES if t not in present]
    if problems:
        return problems
    problems += _indexes(rows, gen.schema)
    counts = gen.meta.get("counts", {})
    for table, key in COUNTED.items():
        n = rows(f"SELECT count(*) FROM {s}.{table}")[0][0]
        if key in counts and n != counts[key]:
            problems.append(f"{gen.schema}.{table} holds {n} rows where the load wrote {counts[key]}")
    for field in sorted(set(ARTICLE_TEXT) | set(QUOTE_TEXT)):
        tables = [t for t, fields in (("articles", ARTICLE_TEXT), ("quotes", QUOTE_TEXT)) if field in fields]
        held = sum(rows(f"SELECT coalesce(sum(length(tsv_{field})), 0) FROM {s}.{t}")[0][0] for t in tables)
        listed = rows(f"SELECT coalesce(sum(df), 0) FROM {s}.lexicon WHERE field = %s", (field,))[0][0]
        if held != listed:
            problems.append(f"the lexicon of {field!r} counts {listed} words where the documents hold {held}")
    for table in TABLES:
        try:
            # Every column of every row as text: the server reads (and detoasts) all of it.
            rows(f"SELECT count(*), sum(length(t::text)) FROM {s}.{table} t")
        except IndexNotFound as e:
            problems.append(getattr(e, "problem", str(e)))
    return problems


def _indexes(rows, schema: str) -> list[str]:
    """The indexes a load makes that are missing or not valid."""
    found = rows("SELECT i.indisvalid AND i.indisready, c.relname FROM pg_index i "
                 "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
                 "JOIN pg_namespace n ON n.oid = t.relnamespace "
                 "WHERE n.nspname = %s AND t.relname IN ('articles', 'quotes') AND NOT i.indisprimary "
                 "AND NOT i.indisunique", (schema,))
    problems = [f"the index {schema}.{name} is not valid" for ok, name in found if not ok]
    if len(found) < len(INDEXES):
        problems.append(f"{len(INDEXES) - len(found)} of the {len(INDEXES)} indexes of {schema}.articles "
                        "and .quotes are missing")
    return problems
