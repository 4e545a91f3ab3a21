"""Entity pages: one speaker, one article, one cluster (the same quote in several outlets), and
the index's counts. A speaker's, an article's and a cluster's quotes are term look-ups."""
from __future__ import annotations

import dataclasses
from collections import Counter
from types import MappingProxyType
from typing import Optional

from ..corpus import path_from_id, readable_path
from ..errors import BadParameter
from ..results import (ArticleDetail, ArticleMeta, ClusterDetail, ClusterGroup, FacetCount, SpeakerProfile,
                       Stats, TimelinePoint)
from .api import Index, search
from .hits import article_quote, outlet_name, quote_hit
from .names import names, speaker_records
from .outlets import resolve_outlet
from .params import check_confidence, check_date, check_year

SPEAKER_SORTS = ("newest", "oldest", "carried")   # a speaker's quotes; newest first by default


def _by_date(d) -> tuple:
    """Oldest first, then article and position (quotes without a date last)."""
    return (d.date or "9999", d.article, d.start or 0)


def speaker(ix: Index, speaker_id: str, *, sort: str = "newest", outlet: Optional[str] = None,
            year: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
            min_confidence: Optional[float] = None) -> Optional[SpeakerProfile]:
    """One speaker by id: their quotes grouped by cluster in the order asked (newest, oldest, or
    carried: by the articles carrying it), those that pass the filters (outlet: slug or name;
    year; since/until: YYYY, YYYY-MM or YYYY-MM-DD; min_confidence 0-1); a timeline of all of
    them, and the outlets and years they were quoted in. None if unknown."""
    if sort not in SPEAKER_SORTS:
        raise BadParameter(f"sort: {sort!r} is not one of {', '.join(SPEAKER_SORTS)}")
    since_d, until_d = check_date("since", since, False), check_date("until", until, True)
    year, min_confidence = check_year(year), check_confidence(min_confidence)
    view = ix.view()
    gen = view.generation
    sp = speaker_records(gen).get(speaker_id)
    if sp is None:
        return None
    every = sorted(view.quotes("speaker_id", speaker_id), key=_by_date)
    slug = resolve_outlet(gen, outlet)
    docs = [d for d in every
            if (slug is None or d.outlet == slug) and (year is None or (d.date or "")[:4] == year)
            and (since_d is None or (d.date or "") >= since_d) and (until_d is None or "" < (d.date or "") <= until_d)
            and (min_confidence is None or (d.confidence is not None and d.confidence >= min_confidence))]
    groups: dict[str, list] = {}
    for d in docs:
        groups.setdefault(d.cluster, []).append(quote_hit(gen, d))
    clusters = [_group(gen, cid, hits) for cid, hits in groups.items()]
    clusters.sort(key=lambda c: (c.first_date or "9999", c.cluster))          # oldest, undated last
    if sort != "oldest":
        dated = [c for c in clusters if c.last_date]
        dated.sort(key=lambda c: c.last_date, reverse=True)                  # stable: ties oldest first
        clusters = dated + [c for c in clusters if not c.last_date]
        if sort == "carried":
            clusters.sort(key=lambda c: -len(c.articles))
    periods = Counter(d.date[:7] for d in every if d.date)
    outlets = Counter(d.outlet for d in every if d.outlet)
    years = Counter(d.date[:4] for d in every if d.date)
    applied = {"outlet": slug, "year": year, "since": since_d, "until": until_d,
               "min_confidence": None if min_confidence is None else str(min_confidence)}
    return SpeakerProfile(
        sp, sort, MappingProxyType({k: v for k, v in applied.items() if v}), len(docs), tuple(clusters),
        tuple(TimelinePoint(p, n) for p, n in sorted(periods.items())),
        tuple(FacetCount(o, outlet_name(gen, o), n) for o, n in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))),
        tuple(FacetCount(y, y, n) for y, n in sorted(years.items(), reverse=True)))


def _group(gen, cid: str, hits: list) -> ClusterGroup:
    """One cluster of a speaker's quotes (hits oldest first)."""
    dates = [h.date for h in hits if h.date]
    outlets = sorted({h.outlet for h in hits if h.outlet})
    return ClusterGroup(cid, hits[0].text, tuple(outlets), tuple(outlet_name(gen, o) for o in outlets),
                        tuple(sorted({h.article for h in hits})), min(dates) if dates else None,
                        max(dates) if dates else None, tuple(hits))


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
    outlets = sorted({h.outlet for h in hits if h.outlet})
    return ClusterDetail(cluster_id, name, sid, min(dates) if dates else None, tuple(outlets),
                         tuple(outlet_name(gen, o) for o in outlets), sum(1 for h in hits if not h.outlet), hits)


def stats(ix: Index) -> Stats:
    """Counts: articles, quotes, speakers, clusters, outlets, built_at, index path and size, and
    the dates of the oldest and the newest article."""
    view = ix.view()
    gen = view.generation
    counts = dict(gen.meta.get("counts", {}))
    first, last = gen.memo("date_range", lambda: _date_range(ix))
    return Stats(counts.get("articles", 0), counts.get("quotes", 0),
                 counts.get("speakers", len(gen.speakers)), counts.get("clusters", len(gen.clusters)),
                 view.outlet_count(), counts.get("files", 0), counts.get("skipped_files", 0),
                 gen.meta.get("built_at"), gen.meta.get("mode"),
                 tuple(readable_path(path_from_id(p)) for p in gen.meta.get("corpus", [])),
                 ix.path, view.size_bytes(), first, last)


def _date_range(ix: Index) -> tuple[Optional[str], Optional[str]]:
    """The dates of the oldest and the newest dated article (two one-hit listings)."""
    ends = [search(ix, scope="articles", sort=s, per_page=1).hits for s in ("oldest", "newest")]
    return tuple(hits[0].date if hits else None for hits in ends)


def warm(ix: Index) -> None:
    """Do once, before a server listens, what its first requests would otherwise each pay for:
    open the generation and a searcher, build the name tables, and answer the home page's
    listings with their facets (kept in the generation's caches)."""
    ix = ix.pin()
    gen = ix.generation()
    stats(ix)
    names(gen)
    speaker_records(gen)
    search(ix, "")
    search(ix, "", scope="articles")
