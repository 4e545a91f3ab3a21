"""The documents written into the index: one per article and one per quote (field `kind`).

A quote document is built in two steps: `quote_row` holds what the article says (kept as is by
`update` for unchanged files), `quote_doc` adds the corpus-level facts (speaker identity,
cluster) and a hash of them, so that update rewrites a quote only when those facts change.
"""
from __future__ import annotations

import hashlib
import json
from typing import Optional

from ..records import Article, Quote, quote_id

CONTEXT = 200            # characters of article text kept before and after each quote


def context_before(text: str, start: int) -> str:
    """Up to CONTEXT characters before start, beginning at a word boundary."""
    a = max(0, start - CONTEXT)
    if a > 0:
        space = text.find(" ", a, start)
        a = space + 1 if space >= 0 else a
    return text[a:start]


def context_after(text: str, end: int) -> str:
    """Up to CONTEXT characters after end, ending at a word boundary."""
    b = min(len(text), end + CONTEXT)
    if b < len(text):
        space = text.rfind(" ", end, b)
        b = space if space > end else b
    return text[end:b]


def article_doc(a: Article, key: str, quote_count: int) -> dict:
    """The Whoosh document of an article (its outlet already a slug, see resolve/outlets.py)."""
    doc = {"kind": "article", "id": a.id, "file": key, "article": a.id, "text": a.text,
           "title": a.title or "", "outlet": a.outlet or "", "date": a.date or "",
           "year": (a.date or "")[:4], "quote_count": quote_count, "path": a.path,
           "author": a.author, "url": a.url, "dateline": a.dateline, "wire": a.wire, "hash": a.hash}
    return drop_empty(doc)


def quote_row(q: Quote, a: Article, key: str, before: str, after: str) -> dict:
    """The stored part of a quote document: what the article says, independent of the corpus.

    The outlet is the article's (a slug, see resolve/outlets.py): the publisher of the article
    is the outlet of every quote in it.
    """
    return {"kind": "quote", "id": quote_id(q), "file": key, "article": q.article, "quote": q.text,
            "title": a.title or "", "speaker_name": q.speaker, "role": q.role, "cue": q.cue,
            "speaker_kind": q.speaker_kind if q.speaker else None,
            "confidence": q.confidence if q.speaker else None,
            "outlet": a.outlet or "", "medium": q.medium, "date": a.date or "",
            "start": q.start, "spans": [list(s) for s in q.spans],
            "mention": q.speaker_mention.to_json() if q.speaker_mention else None,
            "nested": bool(q.nested), "rule": q.rule, "before": before, "after": after}


def quote_doc(row: dict, speaker_id: Optional[str], display: Optional[str], aliases: list,
              cluster: str, cluster_size: int = 1) -> dict:
    """The full Whoosh document of a quote: its stored row plus the corpus-level facts
    (cluster_size: the articles carrying its cluster, for the "most carried" order)."""
    doc = {k: v for k, v in row.items() if k != "derived"}
    doc["speaker_id"] = speaker_id or ""
    doc["speaker"] = " ".join([display or ""] + list(aliases)) if speaker_id else ""
    doc["cluster"] = cluster
    doc["cluster_size"] = cluster_size
    doc["quote_pairs"] = row["quote"]
    doc["year"] = (row.get("date") or "")[:4]
    doc["derived"] = derived_hash(speaker_id, display, aliases, cluster, cluster_size)
    return drop_empty(doc)


def derived_hash(speaker_id, display, aliases, cluster, cluster_size: int = 1) -> str:
    """A short hash of a quote's corpus-level facts; update rewrites a quote when it changes."""
    return hashlib.blake2b(json.dumps([speaker_id, display, list(aliases), cluster, cluster_size]).encode(),
                           digest_size=8).hexdigest()


def drop_empty(doc: dict) -> dict:
    """Whoosh rejects None values; empty strings index nothing and waste space in ID fields."""
    return {k: v for k, v in doc.items() if v is not None and v != ""}
