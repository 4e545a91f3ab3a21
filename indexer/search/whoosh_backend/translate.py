"""The API's query tree and filters as Whoosh queries: quote phrases as pair look-ups, filters as
term and range conditions on the index's keyword fields."""
from __future__ import annotations

from whoosh import query as Q

from ..backend import Filters
from . import columns


def term(schema, field: str, value: str) -> Q.Query:
    """A term query on a keyword field, with the value analysed the way the field indexes it."""
    words = list(schema[field].process_text(str(value), mode="query"))
    return Q.Term(field, words[0]) if words else Q.NullQuery


def conditions(snap, s, scope: str, f: Filters) -> list:
    """The filter of a search as Whoosh conditions, all of which a document must meet."""
    conds = [Q.Term("kind", "quote" if scope == "quotes" else "article")]
    if f.speaker_id:
        if scope == "quotes":
            conds.append(Q.Term("speaker_id", f.speaker_id))
        else:
            arts = columns.speaker_articles(snap, s, f.speaker_id)
            conds.append(Q.Or([Q.Term("id", a) for a in arts]) if arts else Q.NullQuery)
    for name, value in (("outlet", f.outlet), ("medium", f.medium)):
        if value:
            conds.append(term(snap.schema, name, value))
    if f.year:
        conds.append(Q.Term("year", str(f.year)))
    if f.since or f.until:
        conds.append(Q.TermRange("date", f.since or "0000", f.until or "9999"))
    if f.min_confidence is not None and scope == "quotes":
        conds.append(Q.NumericRange("confidence", float(f.min_confidence), None))
    return conds
