"""The records datasets' fields: Parquet schemas, and records to and from plain rows.

A quote row has exactly the fields of `extract --format jsonl` (Quote.to_json): spans as a list of
[start, end] lists, speaker_mention as a struct. An article row is Article.to_json plus its text,
so that an index can be built from the records without reading the articles again. A file row
says what a build records of each source file (`files.json`): its key, content hash, the ids of
its articles in reading order and its problems, with its place in the listed corpus (partition,
position), so that `build --from-records` writes the documents in the order a build would and
a later `update` re-reads only the files that changed.
"""
from __future__ import annotations

import pyarrow as pa

from .adapter import Article, Mention, Quote, quote_json

QUOTES = "quotes"
ARTICLES = "articles"
FILES = "files"
KINDS = (QUOTES, ARTICLES)          # the datasets laid out by year and month (files: one folder)

_OFFSET = pa.int32()       # offsets into one article's text

QUOTE_SCHEMA = pa.schema([
    ("article", pa.string()),
    ("spans", pa.list_(pa.list_(_OFFSET))),
    ("text", pa.string()),
    ("speaker", pa.string()),
    ("speaker_mention", pa.struct([("text", pa.string()), ("start", _OFFSET), ("end", _OFFSET)])),
    ("role", pa.string()),
    ("cue", pa.string()),
    ("outlet", pa.string()),
    ("medium", pa.string()),
    ("nested", pa.bool_()),
    ("rule", pa.string()),
    ("speaker_kind", pa.string()),
    ("confidence", pa.float64()),
])

ARTICLE_FIELDS = ("id", "path", "text", "title", "outlet", "date", "author", "url", "dateline",
                  "wire", "hash")
ARTICLE_SCHEMA = pa.schema([(name, pa.string()) for name in ARTICLE_FIELDS])

FILE_SCHEMA = pa.schema([
    ("key", pa.string()),
    ("path", pa.string()),
    ("hash", pa.string()),
    ("partition", pa.int32()),
    ("position", pa.int32()),
    ("articles", pa.list_(pa.string())),
    ("problems", pa.list_(pa.struct([("path", pa.string()), ("reason", pa.string()),
                                     ("warning", pa.bool_())]))),
])

SCHEMAS = {QUOTES: QUOTE_SCHEMA, ARTICLES: ARTICLE_SCHEMA, FILES: FILE_SCHEMA}


def quote_row(q: Quote) -> dict:
    """A quote as a row of the quotes dataset (the extract contract's dict)."""
    return quote_json(q)


def article_row(a: Article) -> dict:
    """An article as a row of the articles dataset: its metadata and its text."""
    return {name: getattr(a, name) for name in ARTICLE_FIELDS}


def quote_from_row(row: dict) -> Quote:
    """The Quote a row of the quotes dataset (Parquet or JSONL) was written from."""
    m = row.get("speaker_mention")
    return Quote(article=row["article"], spans=tuple((int(s[0]), int(s[1])) for s in row["spans"]),
                 text=row["text"], speaker=row.get("speaker"), speaker_kind=row.get("speaker_kind"),
                 confidence=row.get("confidence"),
                 speaker_mention=Mention(m["text"], int(m["start"]), int(m["end"])) if m else None,
                 role=row.get("role"), cue=row.get("cue"), outlet=row.get("outlet"),
                 medium=row.get("medium"), nested=bool(row.get("nested")), rule=row.get("rule") or "")


def article_from_row(row: dict) -> Article:
    """The Article a row of the articles dataset was written from."""
    return Article(**{name: row.get(name) for name in ARTICLE_FIELDS if name != "hash"},
                   hash=row.get("hash") or "")
