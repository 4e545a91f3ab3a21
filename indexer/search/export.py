"""Every record of a kind in a stable order: `quote-index export`, and the update == build tests."""
from __future__ import annotations

from typing import Iterator

from ..errors import BadParameter
from ..records import Cluster
from ..results import EXPORTS, ArticleRow, QuoteRow
from ..serial import columns
from .api import Index
from .hits import mention, quote_hit
from .names import speaker_records

EXPORT_KINDS = tuple(EXPORTS)         # quotes, articles, speakers, clusters
QUOTE_COLUMNS = columns(QuoteRow)
ARTICLE_COLUMNS = columns(ArticleRow)


def export(ix: Index, what: str = "quotes") -> Iterator:
    """Every record of a kind in a stable order (quotes by article and offset); see results.EXPORTS."""
    if what not in EXPORT_KINDS:
        raise BadParameter(f"what: {what!r} is not one of {', '.join(EXPORT_KINDS)}")
    return _export(ix, what)


def _export(ix: Index, what: str) -> Iterator:
    """The records of a checked kind, one at a time."""
    if what == "speakers":
        records = speaker_records(ix.generation())
        yield from (records[sid] for sid in sorted(records))
        return
    if what == "clusters":
        gen = ix.generation()
        for cid in sorted(gen.clusters):
            row = gen.clusters[cid]
            yield Cluster(row["id"], tuple(row["quotes"]), tuple(row["articles"]), tuple(row["outlets"]),
                          row.get("first_date"), row.get("speaker_id"), tuple(row["wordings"]))
        return
    view = ix.view()
    if what == "articles":
        for d in sorted(view.documents("article"), key=lambda d: d.id):
            yield ArticleRow(*(getattr(d, f) for f in ARTICLE_COLUMNS))
        return
    gen = view.generation
    key = lambda d: (d.article, d.start if d.start is not None else -1, d.id)   # noqa: E731
    for d in sorted(view.documents("quote"), key=key):
        h = quote_hit(gen, d)
        yield QuoteRow(d.id, d.article, d.spans, d.text, h.speaker, h.speaker_id, d.speaker_name, mention(d),
                       h.speaker_kind, h.confidence, d.role, d.cue, h.outlet, h.outlet_name, d.medium, h.date,
                       h.title, h.nested, d.rule, h.cluster, h.cluster_size, h.outlet_count, h.first_date,
                       h.first_outlet, h.first_article)
