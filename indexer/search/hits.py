"""A backend's documents as the records users see: the speaker's display name, the outlet's name,
where the quote was carried first and how widely, and the highlighting added."""
from __future__ import annotations

import math
import sys
from typing import Optional

from ..records import Mention
from ..results import ArticleHit, ArticleQuote, QuoteHit
from .backend import ArticleDoc, Generation, QuoteDoc
from .highlight import segments, snippet


def outlet_name(gen: Generation, slug: Optional[str]) -> Optional[str]:
    """An outlet's display name (its slug when the index names it nowhere; None when unknown)."""
    return gen.outlets.get(slug, slug) if slug else None


def _quote_fields(gen: Generation, d: QuoteDoc, words, score: Optional[float]) -> tuple:
    """The fields of a QuoteHit, in order, from a stored quote document."""
    sid = d.speaker_id
    cid = d.cluster
    sp = gen.speakers.get(sid) if sid else None
    row = gen.clusters.get(cid) if cid else None
    if row is not None:
        size, outlets = len(row["articles"]), len(row["outlets"])
        first = (row.get("first_date"), row.get("first_outlet"), row.get("first_article") or d.article)
    else:                               # a quote alone in its cluster is where it was first
        size, outlets, first = 1, 1 if d.outlet else 0, (d.date, d.outlet, d.article)
    return (d.id, cid, d.text, segments(d.text, words), sp["name"] if sp else d.speaker_name, sid,
            d.speaker_kind, d.confidence, d.role, d.cue, d.medium, d.outlet, outlet_name(gen, d.outlet),
            d.date, d.article, d.title, d.before, d.after, d.nested, size, outlets,
            first[0], first[1], outlet_name(gen, first[1]), first[2], finite(score))


def quote_hit(gen: Generation, d: QuoteDoc, words=(), score: Optional[float] = None) -> QuoteHit:
    """A quote hit from a stored quote document (words: the quote words to mark)."""
    return QuoteHit(*_quote_fields(gen, d, words, score))


def article_quote(gen: Generation, d: QuoteDoc) -> ArticleQuote:
    """A quote on its article's page: the hit with its spans and the mention it rests on."""
    return ArticleQuote(*_quote_fields(gen, d, (), None), d.spans, mention(d))


def mention(d: QuoteDoc) -> Optional[Mention]:
    """The mention a quote's attribution rests on, as a record (built only where it is shown)."""
    return Mention(**d.mention) if d.mention else None


def article_hit(gen: Generation, d: ArticleDoc, words, score: Optional[float]) -> ArticleHit:
    """An article hit from a stored article document (words: the body words to mark)."""
    return ArticleHit(d.id, d.title, d.outlet, outlet_name(gen, d.outlet), d.date, d.dateline, d.wire,
                      snippet(d.text, words), d.quote_count if d.quote_count is not None else 0,
                      finite(score))


def finite(score: Optional[float]) -> float:
    """A score JSON can carry: a boost of 10^999 scores Infinity (not JSON), clamped to the
    largest float; NaN and no score are 0."""
    if score is None or math.isnan(score):
        return 0.0
    return max(-sys.float_info.max, min(sys.float_info.max, float(score)))
