"""A backend's documents as the hits users see: the speaker's display name, the cluster size and
the highlighting added."""
from __future__ import annotations

from typing import Optional

from .backend import ArticleDoc, Generation, QuoteDoc
from .facets import FACETS
from .highlight import segments, snippet


def quote_hit(gen: Generation, d: QuoteDoc, words, score: Optional[float]) -> dict:
    """The contract's quote hit from a stored quote document (words: the quote words to mark)."""
    sid = d.speaker_id
    cid = d.cluster
    sp = gen.speakers.get(sid) if sid else None
    return {"kind": "quote", "id": d.id, "cluster": cid, "text": d.text,
            "segments": segments(d.text, words),
            "speaker": sp["name"] if sp else d.speaker_name, "speaker_id": sid,
            "role": d.role, "cue": d.cue, "medium": d.medium,
            "outlet": d.outlet, "date": d.date,
            "article": d.article, "title": d.title,
            "before": d.before, "after": d.after,
            "nested": d.nested,
            "cluster_size": len(gen.clusters[cid]["articles"]) if cid in gen.clusters else 1,
            "score": float(score) if score is not None else 0.0}


def article_hit(d: ArticleDoc, words, score: Optional[float]) -> dict:
    """The contract's article hit from a stored article document (words: the body words to mark)."""
    return {"kind": "article", "id": d.id, "title": d.title,
            "outlet": d.outlet, "date": d.date,
            "dateline": d.dateline, "wire": d.wire,
            "snippet_segments": snippet(d.text, words),
            "quote_count": d.quote_count if d.quote_count is not None else 0,
            "score": float(score) if score is not None else 0.0}


def empty_result(q, scope, page, per_page, sort, messages, filters) -> dict:
    """A SearchResult with no hits."""
    return {"query": q, "scope": scope, "total": 0, "page": page, "per_page": per_page, "pages": 1,
            "hits": [], "facets": {f: [] for f in FACETS}, "filters": filters,
            "messages": messages, "suggestion": None, "sort": sort}
