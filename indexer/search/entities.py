"""Entity pages: one speaker, one article, one cluster (the same quote in several outlets), and
the index's counts. A speaker's, an article's and a cluster's quotes are term look-ups."""
from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Optional

from ..corpus import path_from_id, readable_path
from ..results import (ArticleDetail, ArticleMeta, ClusterDetail, ClusterGroup, SpeakerProfile, Stats,
                       TimelinePoint)
from .api import Index
from .hits import article_quote, quote_hit
from .api import search
from .names import names, speaker_records, speakers


def _by_date(d) -> tuple:
    """Oldest first, then article and position (quotes without a date last)."""
    return (d.date or "9999", d.article, d.start or 0)


def speaker(ix: Index, speaker_id: str) -> Optional[SpeakerProfile]:
    """One speaker by id with their quotes grouped by cluster and a timeline; None if unknown."""
    view = ix.view()
    gen = view.generation
    sp = speaker_records(gen).get(speaker_id)
    if sp is None:
        return None
    docs = sorted(view.quotes("speaker_id", speaker_id), key=_by_date)
    groups: dict[str, list] = {}
    for d in docs:
        groups.setdefault(d.cluster, []).append(quote_hit(gen, d))
    clusters = []
    for cid, hits in groups.items():
        dates = [h.date for h in hits if h.date]
        clusters.append(ClusterGroup(cid, hits[0].text, tuple(sorted({h.outlet for h in hits if h.outlet})),
                                     tuple(sorted({h.article for h in hits})),
                                     min(dates) if dates else None, tuple(hits)))
    clusters.sort(key=lambda c: (c.first_date or "9999", c.cluster))
    periods = Counter(d.date[:7] for d in docs if d.date)
    return SpeakerProfile(sp, tuple(clusters),
                          tuple(TimelinePoint(p, n) for p, n in sorted(periods.items())))


def article(ix: Index, article_id: str) -> Optional[ArticleDetail]:
    """One article: metadata, full text and every quote (spans, speaker) in it; None if unknown."""
    view = ix.view()
    d = view.article(article_id)
    if d is None:
        return None
    docs = sorted(view.quotes("article", article_id), key=lambda x: (x.start or 0, x.id))
    meta = (getattr(d, f.name) for f in dataclasses.fields(ArticleMeta))
    return ArticleDetail(*meta, d.text, tuple(article_quote(view.generation, qd) for qd in docs))


def cluster(ix: Index, cluster_id: str) -> Optional[ClusterDetail]:
    """One cluster: each outlet's wording side by side (one per article, oldest first); None if unknown."""
    view = ix.view()
    gen = view.generation
    docs = view.quotes("cluster", cluster_id)
    if not docs:
        return None
    # Wordings side by side are the reports themselves; quotes nested in them ride along.
    docs = [d for d in docs if not d.nested] or docs
    docs.sort(key=_by_date)
    hits = tuple(quote_hit(gen, d) for d in docs)
    sid = next((h.speaker_id for h in hits if h.speaker_id), None)
    dates = [h.date for h in hits if h.date]
    name = gen.speakers[sid]["name"] if sid in gen.speakers else next((h.speaker for h in hits if h.speaker), None)
    return ClusterDetail(cluster_id, name, sid, min(dates) if dates else None,
                         tuple(sorted({h.outlet for h in hits if h.outlet})), hits)


def stats(ix: Index) -> Stats:
    """Counts: articles, quotes, speakers, clusters, outlets, built_at, index path and size."""
    view = ix.view()
    gen = view.generation
    counts = dict(gen.meta.get("counts", {}))
    return Stats(counts.get("articles", 0), counts.get("quotes", 0),
                 counts.get("speakers", len(gen.speakers)), counts.get("clusters", len(gen.clusters)),
                 view.outlet_count(), counts.get("files", 0), counts.get("skipped_files", 0),
                 gen.meta.get("built_at"), gen.meta.get("mode"),
                 tuple(readable_path(path_from_id(p)) for p in gen.meta.get("corpus", [])),
                 ix.path, view.size_bytes())


def warm(ix: Index) -> None:
    """Do once, before a server listens, what its first requests would otherwise each pay for:
    open the generation and a searcher, build the name tables and the A-Z list, and answer the
    home page's listing with its facets (kept in the generation's caches)."""
    ix = ix.pin()
    gen = ix.generation()
    stats(ix)
    names(gen)
    speaker_records(gen)
    speakers(ix, limit=1)
    search(ix, "")
    search(ix, "", scope="articles")
