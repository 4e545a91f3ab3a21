"""A Whoosh document (`indexer.store.documents`) as a row of the PostgreSQL tables.

Each field is analysed by its own Whoosh field (`make_schema()[name].index(value)`): the terms,
their frequencies and positions are exactly what the Whoosh index holds, so a query term (already
analysed by the API) is a lexeme here. What Whoosh keeps for ranking is kept too: the term
frequency (`tf`, a JSON object "q:term" -> weight) and the field length, quantised to the byte
Whoosh stores (`byte_to_length(length_to_byte(n))`); the collection statistics (document count,
total field lengths) and the lexicon's document frequencies are counted while rows are made.

A tsvector keeps at most 256 positions per lexeme and positions up to 16,383: a document past
either (a long article and "the") is "lossy", and its term sequence per field is kept in `seqs`
so that phrases on it are checked exactly (`quote_index.has_phrase`).
"""
from __future__ import annotations

import json
from collections import Counter

from whoosh.util.numeric import byte_to_length, length_to_byte

from ..store.schema import make_schema
from .tables import FORMAT, ARTICLE_KEYS, ARTICLE_TEXT, QUOTE_KEYS, QUOTE_TEXT, TEXT_FIELDS, month_of

MAX_POSITION = 16383          # tsvector limits
MAX_POSITIONS = 256
MAX_TSV_POSITIONS = 100_000   # past this many a tsvector would near its 1 MB limit: lexemes only

SCHEMA = make_schema()
# Keyword fields whose indexed term differs from the stored value: the row holds both.
FOLDED = {"cue": "cue_key", "outlet": "outlet_key", "medium": "medium_key"}

ARTICLE_COLUMNS = (["seq", "id", "article", "file", "path", "title", "outlet", "outlet_key", "date", "year",
                    "author", "url", "dateline", "wire", "hash", "quote_count", "text"]
                   + [c for f in ARTICLE_TEXT for c in (f"tsv_{f}", f"len_{f}")] + ["tf", "seqs"])
QUOTE_COLUMNS = (["seq", "month", "id", "article", "file", "quote", "start", "title", "speaker_name",
                  "speaker_id", "role", "cue", "cue_key", "outlet", "outlet_key", "medium", "medium_key",
                  "date", "year", "cluster", "spans", "mention", "nested", "rule", "before", "after",
                  "speaker_kind", "confidence", "cluster_size"]
                 + [c for f in QUOTE_TEXT for c in (f"tsv_{f}", f"len_{f}")] + ["tf", "seqs"])
JSON_COLUMNS = {"spans", "mention", "tf", "seqs"}


class Stats:
    """What ranking needs of the whole collection: documents, total field lengths, lexicon counts."""

    def __init__(self):
        self.docs = 0
        self.lengths: Counter = Counter()     # field -> total length (unquantised, as Whoosh sums it)
        self.df: Counter = Counter()          # (field, term) -> documents holding it

    def to_json(self) -> dict:
        """The statistics a reader needs (the lexicon goes to its own table)."""
        return {"format": FORMAT, "docs": self.docs, "lengths": dict(self.lengths)}


def quote_row(seq: int, doc: dict, stats: Stats) -> tuple:
    """A quote document as a row of `quotes` (QUOTE_COLUMNS)."""
    return _row(seq, doc, stats, QUOTE_COLUMNS, QUOTE_TEXT, QUOTE_KEYS, {"month": month_of(doc.get("date"))})


def article_row(seq: int, doc: dict, stats: Stats) -> tuple:
    """An article document as a row of `articles` (ARTICLE_COLUMNS)."""
    return _row(seq, doc, stats, ARTICLE_COLUMNS, ARTICLE_TEXT, ARTICLE_KEYS, {})


def _row(seq: int, doc: dict, stats: Stats, columns, text_fields, keys, extra: dict) -> tuple:
    """Stored values, keyword terms, and per text field a tsvector literal and a length."""
    stats.docs += 1
    values = dict(extra, seq=seq)
    tf: dict = {}
    seqs: dict = {}
    for name in ("kind",) + tuple(keys):
        value = doc.get(name)
        if value is not None and value != "":
            for btext, _freq, _weight, _v in SCHEMA[name].index(value):
                term = btext.decode("utf-8")
                stats.df[(name, term)] += 1
                if name in FOLDED:
                    values[FOLDED[name]] = term
    for name in text_fields:
        value = doc.get(name)
        values[f"tsv_{name}"], values[f"len_{name}"] = _text_field(name, value, stats, tf, seqs) if value else (None, None)
    values["tf"] = tf or None
    values["seqs"] = seqs or None
    out = []
    for col in columns:
        v = values[col] if col in values else doc.get(col)
        if v == "" and col != "month":
            v = None                       # Whoosh stores no empty value (documents.drop_empty)
        out.append(json.dumps(v, ensure_ascii=False) if col in JSON_COLUMNS and v is not None else v)
    return tuple(out)


def _text_field(name: str, value: str, stats: Stats, tf: dict, seqs: dict) -> tuple:
    """(tsvector literal, quantised length) of one text field; its frequencies go to tf."""
    field = SCHEMA[name]
    code = TEXT_FIELDS[name]
    positional = field.format.supports("positions")
    length = 0
    lexemes = []
    lossy = False
    total = 0
    order: list = []
    for btext, freq, weight, vstring in field.index(value):
        term = btext.decode("utf-8")
        length += freq
        stats.df[(name, term)] += 1
        tf[f"{code}:{term}"] = weight
        if not term:
            continue                       # PostgreSQL has no empty lexeme
        if positional:
            poses = field.format.decode_positions(vstring)
            order.extend((p, term) for p in poses)
            total += len(poses)
            lossy = lossy or len(poses) > MAX_POSITIONS or poses[-1] + 1 > MAX_POSITION
            lexemes.append((term, poses))
        else:
            lexemes.append((term, ()))
    stats.lengths[name] += length
    if lossy or total > MAX_TSV_POSITIONS:
        order.sort()
        seqs[name] = [t for _, t in order]
    heavy = total > MAX_TSV_POSITIONS
    tsv = " ".join(lexeme(t) + ("" if heavy or not poses else ":" + ",".join(
        str(min(p + 1, MAX_POSITION)) for p in poses[:MAX_POSITIONS])) for t, poses in lexemes)
    return tsv, byte_to_length(length_to_byte(length))


def lexeme(term: str) -> str:
    """A term as a quoted tsvector/tsquery lexeme."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"
