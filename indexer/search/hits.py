"""A backend's documents as the records users see: the speaker's display name, the cluster size
and the highlighting added."""
from __future__ import annotations

import math
import sys
from typing import Optional

from ..records import Mention
from ..results import ArticleHit, ArticleQuote, QuoteHit
from .backend import ArticleDoc, Generation, QuoteDoc
from .highlight import segments, snippet


def _quote_fields(gen: Generation, d: QuoteDoc, words, score: Optional[float]) -> tuple:
    """The fields of a QuoteHit, in order, from a stored quote document."""
    sid = d.speaker_id
    cid = d.cluster
    sp = gen.speakers.get(sid) if sid else None
    return (d.id, cid, d.text, segments(d.text, words), sp["name"] if sp else d.speaker_name, sid,
            d.role, d.cue, d.medium, d.outlet, d.date, d.article, d.title, d.before, d.after,
            d.nested, len(gen.clusters[cid]["articles"]) if cid in gen.clusters else 1, finite(score))


def quote_hit(gen: Generation, d: QuoteDoc, words=(), score: Optional[float] = None) -> QuoteHit:
    """A quote hit from a stored quote document (words: the quote words to mark)."""
    return QuoteHit(*_quote_fields(gen, d, words, score))


def article_quote(gen: Generation, d: QuoteDoc) -> ArticleQuote:
    """A quote on its article's page: the hit with its spans and the mention it rests on."""
    return ArticleQuote(*_quote_fields(gen, d, (), None), d.spans, mention(d))


def mention(d: QuoteDoc) -> Optional[Mention]:
    """The mention a quote's attribution rests on, as a record (built only where it is shown)."""
    return Mention(**d.mention) if d.mention else None


def article_hit(d: ArticleDoc, words, score: Optional[float]) -> ArticleHit:
    """An article hit from a stored article document (words: the body words to mark)."""
    return ArticleHit(d.id, d.title, d.outlet, d.date, d.dateline, d.wire, snippet(d.text, words),
                      d.quote_count if d.quote_count is not None else 0, finite(score))


def finite(score: Optional[float]) -> float:
    """A score JSON can carry: a boost of 10^999 scores Infinity (not JSON), clamped to the
    largest float; NaN and no score are 0."""
    if score is None or math.isnan(score):
        return 0.0
    return max(-sys.float_info.max, min(sys.float_info.max, float(score)))
