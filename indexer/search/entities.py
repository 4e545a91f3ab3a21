"""Entity pages: one speaker, one article, one cluster (the same quote in several outlets), and
the index's counts. A speaker's, an article's and a cluster's quotes are term look-ups."""
from __future__ import annotations

from collections import Counter
from typing import Optional

from .api import Index
from .hits import quote_hit
from .names import speaker_dict


def _by_date(d) -> tuple:
    """Oldest first, then article and position (quotes without a date last)."""
    return (d.date or "9999", d.article, d.start or 0)


def speaker(ix: Index, speaker_id: str) -> Optional[dict]:
    """One speaker by id with their quotes grouped by cluster and a timeline; None if unknown.

    {"speaker": Speaker dict, "clusters": [{"cluster": id, "text": a wording, "outlets": [...],
      "articles": [...], "first_date", "quotes": [quote hit, ...]}, ...],
     "timeline": [{"period": "YYYY-MM", "count": int}, ...]}
    """
    view = ix.view()
    gen = view.generation
    sp = gen.speakers.get(speaker_id)
    if sp is None:
        return None
    docs = sorted(view.quotes("speaker_id", speaker_id), key=_by_date)
    groups: dict[str, list] = {}
    for d in docs:
        groups.setdefault(d.cluster, []).append(quote_hit(gen, d, (), None))
    clusters = []
    for cid, hits in groups.items():
        dates = [h["date"] for h in hits if h["date"]]
        clusters.append({"cluster": cid, "text": hits[0]["text"],
                         "outlets": sorted({h["outlet"] for h in hits if h["outlet"]}),
                         "articles": sorted({h["article"] for h in hits}),
                         "first_date": min(dates) if dates else None, "quotes": hits})
    clusters.sort(key=lambda c: (c["first_date"] or "9999", c["cluster"]))
    periods = Counter(d.date[:7] for d in docs if d.date)
    return {"speaker": speaker_dict(sp), "clusters": clusters,
            "timeline": [{"period": p, "count": n} for p, n in sorted(periods.items())]}


def article(ix: Index, article_id: str) -> Optional[dict]:
    """One article: metadata, full text and every quote (spans, speaker) in it; None if unknown.

    {"id", "title", "outlet", "date", "author", "url", "dateline", "wire", "text",
     "quotes": [quote hit + {"spans": [[s, e], ...], "speaker_mention": {...} or None}, ...]}
    """
    view = ix.view()
    gen = view.generation
    d = view.article(article_id)
    if d is None:
        return None
    quotes = []
    for qd in sorted(view.quotes("article", article_id), key=lambda x: (x.start or 0, x.id)):
        hit = quote_hit(gen, qd, (), None)
        hit["spans"] = [list(p) for p in qd.spans or []]
        hit["speaker_mention"] = qd.mention
        quotes.append(hit)
    return {"id": d.id, "title": d.title, "outlet": d.outlet, "date": d.date, "author": d.author,
            "url": d.url, "dateline": d.dateline, "wire": d.wire, "text": d.text, "quotes": quotes}


def cluster(ix: Index, cluster_id: str) -> Optional[dict]:
    """One cluster: each outlet's wording side by side; None if unknown.

    {"id", "speaker", "speaker_id", "first_date", "outlets": [...],
     "quotes": [quote hit, ...] (one per article, oldest first)}
    """
    view = ix.view()
    gen = view.generation
    docs = view.quotes("cluster", cluster_id)
    if not docs:
        return None
    # Wordings side by side are the reports themselves; quotes nested in them ride along.
    docs = [d for d in docs if not d.nested] or docs
    docs.sort(key=_by_date)
    hits = [quote_hit(gen, d, (), None) for d in docs]
    sid = next((h["speaker_id"] for h in hits if h["speaker_id"]), None)
    dates = [h["date"] for h in hits if h["date"]]
    return {"id": cluster_id, "speaker": gen.speakers[sid]["name"] if sid in gen.speakers else
            next((h["speaker"] for h in hits if h["speaker"]), None),
            "speaker_id": sid, "first_date": min(dates) if dates else None,
            "outlets": sorted({h["outlet"] for h in hits if h["outlet"]}), "quotes": hits}


def stats(ix: Index) -> dict:
    """Counts: articles, quotes, speakers, clusters, outlets, built_at, index path and size."""
    view = ix.view()
    gen = view.generation
    counts = dict(gen.meta.get("counts", {}))
    return {"articles": counts.get("articles", 0), "quotes": counts.get("quotes", 0),
            "speakers": counts.get("speakers", len(gen.speakers)),
            "clusters": counts.get("clusters", len(gen.clusters)), "outlets": view.outlet_count(),
            "files": counts.get("files", 0), "skipped_files": counts.get("skipped_files", 0),
            "built_at": gen.meta.get("built_at"), "mode": gen.meta.get("mode"),
            "corpus": gen.meta.get("corpus", []), "path": ix.path, "size_bytes": view.size_bytes()}
