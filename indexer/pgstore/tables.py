"""The tables of the index in PostgreSQL: their names, their DDL, and which column holds which field.

Each load writes a new schema `qi_<generation>`; `quote_index.live` names the one readers use.
Text columns that are compared or sorted as Whoosh compares terms (ids, dates, terms) are
COLLATE "C": byte order, whatever the database's locale.
"""
from __future__ import annotations

from psycopg import sql

CONTROL = "quote_index"                  # the schema of the live pointer
PREFIX = "qi_"                           # generation schemas: qi_<16 hex digits>
LOCK_KEY = 0x71756F7465                  # pg_advisory_lock key of the writers ("quote")
FORMAT = 2                               # bumped when the tables change; readers refuse others
# 2: quotes hold speaker_kind, confidence and cluster_size; outlets are slugs named in `outlets`

# Whoosh text fields (analysed, scored with BM25F): the key prefix of their term frequencies in
# the `tf` column; the tsvector is tsv_<field> and the length len_<field>.
TEXT_FIELDS = {"quote": "q", "quote_pairs": "p", "title": "t", "speaker": "s", "role": "r", "text": "x"}
QUOTE_TEXT = ("quote", "quote_pairs", "title", "speaker", "role")
ARTICLE_TEXT = ("text", "title")
# Whoosh keyword fields: the column holding the indexed term (cue, outlet and medium folded).
QUOTE_KEYS = {"id": "id", "article": "article", "file": "file", "speaker_id": "speaker_id",
              "speaker_kind": "speaker_kind", "cue": "cue_key",
              "outlet": "outlet_key", "medium": "medium_key", "date": "date", "year": "year", "cluster": "cluster"}
ARTICLE_KEYS = {"id": "id", "article": "article", "file": "file", "outlet": "outlet_key", "date": "date",
                "year": "year"}
# Stored fields, as the backend reads them back (column = Whoosh stored field name).
QUOTE_STORED = ("id", "article", "quote", "start", "title", "speaker_name", "speaker_id", "role", "cue",
                "outlet", "medium", "date", "cluster", "spans", "mention", "nested", "rule", "before", "after",
                "speaker_kind", "confidence")
ARTICLE_STORED = ("id", "title", "outlet", "date", "author", "url", "dateline", "wire", "hash", "quote_count",
                  "text")
SCOPES = {"quotes": ("quotes", QUOTE_TEXT, QUOTE_KEYS), "articles": ("articles", ARTICLE_TEXT, ARTICLE_KEYS)}

C = 'text COLLATE "C"'


def _cols(text_fields) -> str:
    """The search columns of a table: a tsvector and a length per text field, term frequencies,
    and the analysed term sequences of the documents whose tsvector cannot hold every position."""
    return ", ".join([f"tsv_{f} tsvector, len_{f} integer" for f in text_fields] + ["tf jsonb, seqs jsonb"])


ARTICLES = f"""
CREATE TABLE {{s}}.articles (
  seq integer PRIMARY KEY, id {C} NOT NULL UNIQUE, article {C}, file {C}, path text, title text,
  outlet text, outlet_key {C}, date {C}, year {C}, author text, url text, dateline text, wire text,
  hash text, quote_count integer, text text, {_cols(ARTICLE_TEXT)})"""
QUOTES = f"""
CREATE TABLE {{s}}.quotes (
  seq integer NOT NULL, month {C} NOT NULL, id {C} NOT NULL, article {C}, file {C}, quote text,
  start integer, title text, speaker_name text, speaker_id {C}, role text, cue text, cue_key {C},
  outlet text, outlet_key {C}, medium text, medium_key {C}, date {C}, year {C}, cluster {C},
  spans jsonb, mention jsonb, nested boolean, rule text, before text, after text, speaker_kind {C},
  confidence float8, cluster_size integer, {_cols(QUOTE_TEXT)}
) PARTITION BY LIST (month)"""
SIDE = [
    f"CREATE TABLE {{s}}.lexicon (field {C}, term {C}, df integer NOT NULL, PRIMARY KEY (field, term))",
    f"CREATE TABLE {{s}}.speakers (id {C} PRIMARY KEY, data jsonb NOT NULL)",
    f"CREATE TABLE {{s}}.clusters (id {C} PRIMARY KEY, data jsonb NOT NULL)",
    f"CREATE TABLE {{s}}.words (word {C} PRIMARY KEY, n integer NOT NULL)",
    f"CREATE TABLE {{s}}.outlets (slug {C} PRIMARY KEY, name text NOT NULL)",
    "CREATE TABLE {s}.meta (meta jsonb NOT NULL, stats jsonb NOT NULL)",
]
# Built after the COPY (faster than maintaining them row by row). Quote indexes are partitioned.
INDEXES = (
    [f"CREATE INDEX ON {{s}}.articles USING gin (tsv_{f})" for f in ARTICLE_TEXT]
    + [f"CREATE INDEX ON {{s}}.quotes USING gin (tsv_{f})" for f in QUOTE_TEXT]
    + [f"CREATE INDEX ON {{s}}.articles ({c})" for c in ("outlet_key", "date", "year")]
    + [f"CREATE INDEX ON {{s}}.quotes ({c})" for c in ("seq", "id", "article", "speaker_id", "cluster",
                                                        "outlet_key", "medium_key", "cue_key", "date", "year")]
)
CONTROL_DDL = [
    f"CREATE SCHEMA IF NOT EXISTS {CONTROL}",
    f"""CREATE TABLE IF NOT EXISTS {CONTROL}.live (
          one boolean PRIMARY KEY DEFAULT true CHECK (one), schema text NOT NULL, build_id text NOT NULL,
          swapped_at timestamptz NOT NULL DEFAULT now())""",
    f"""CREATE TABLE IF NOT EXISTS {CONTROL}.generations (
          schema text PRIMARY KEY, build_id text NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now())""",
    # A phrase on a document whose tsvector lost positions (analyse.py): its term sequence, each
    # word 1..slop places after the one before (Whoosh's ordered SpanNear2).
    f"""CREATE OR REPLACE FUNCTION {CONTROL}.has_phrase(seq jsonb, words text[], slop integer) RETURNS boolean
          LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
          DECLARE
            toks text[] := ARRAY(SELECT jsonb_array_elements_text(seq));
            cur integer[];
          BEGIN
            cur := ARRAY(SELECT i FROM generate_subscripts(toks, 1) i WHERE toks[i] = words[1]);
            FOR k IN 2 .. cardinality(words) LOOP
              EXIT WHEN cardinality(cur) = 0;
              cur := ARRAY(SELECT DISTINCT q FROM unnest(cur) p, generate_series(p + 1, p + slop) q
                           WHERE q <= cardinality(toks) AND toks[q] = words[k]);
            END LOOP;
            RETURN cardinality(cur) > 0;
          END $$""",
]


def schema_name(build_id: str) -> str:
    """The schema of the generation with this build id."""
    return f"{PREFIX}{build_id[:16]}"


def partition_name(month: str) -> str:
    """The quotes partition of a month (YYYY-MM) or of the undated quotes ('')."""
    return f"quotes_{month.replace('-', '_')}" if month else "quotes_undated"


def month_of(date) -> str:
    """The partition key of a date: YYYY-MM, or '' when undated (or not a date)."""
    return date[:7] if date and len(date) >= 7 and date[:4].isdigit() and date[5:7].isdigit() else ""


def statements(ddl, schema: str):
    """Each DDL string of a generation as SQL, the schema name filled in as an identifier."""
    for stmt in ([ddl] if isinstance(ddl, str) else ddl):
        yield sql.SQL(stmt).format(s=sql.Identifier(schema))


def partition_ddl(schema: str, month: str):
    """The DDL of one month's quotes partition."""
    return sql.SQL("CREATE TABLE {s}.{p} PARTITION OF {s}.quotes FOR VALUES IN ({m})").format(
        s=sql.Identifier(schema), p=sql.Identifier(partition_name(month)), m=sql.Literal(month))
