"""The corpus-level tables, computed from every quote row of the index: who each speaker is
across articles (identities), which quotes are one (clusters), and the quote vocabulary."""
from __future__ import annotations

import contextlib
import re
from collections import Counter, defaultdict
from typing import Iterable

from . import identities
from ..text import fold
from . import clusters as clustering


def corpus_tables(rows: list[dict], timed=None) -> tuple[dict, dict, dict, dict]:
    """From every quote row: identities, clusters, per-quote (speaker id, cluster), tables to save.

    Returns (assignment, speakers_table, clusters_table, resolution) where assignment maps a quote
    id to (speaker_id, display, aliases, cluster). timed(name) times a phase (ingest.progress).
    """
    timed = timed or (lambda name: contextlib.nullcontext())
    with timed("identities"):
        res = identities.resolve(r.get("speaker_name") for r in rows)
    with timed("clusters"):
        # A nested quote is part of the report that carries it: it joins its enclosing quote's
        # cluster instead of forming one of its own (the seeds: four clusters, not five).
        top = [r for r in rows if not r.get("nested")]
        items = [clustering.Item(r["id"], r["article"], r["quote"], res.speaker_id(r.get("speaker_name")))
                 for r in top]
        cl = clustering.assign(items)
        cl.update(clustering.nested_clusters([r for r in rows if r.get("nested")], top, cl))
    assignment = {}
    for r in rows:
        sid = res.speaker_id(r.get("speaker_name"))
        assignment[r["id"]] = (sid, res.names.get(sid), res.aliases.get(sid, []), cl[r["id"]])

    by_speaker: dict[str, list] = defaultdict(list)
    per_cluster: dict[str, list] = defaultdict(list)
    for r in rows:
        sid, display, aliases, cid = assignment[r["id"]]
        if not r.get("nested"):
            per_cluster[cid].append(r)
        if sid:
            by_speaker[sid].append(r)
    speakers = {sid: speaker_row(sid, res.names[sid], res.aliases.get(sid, []), by_speaker[sid])
                for sid in sorted(by_speaker)}
    clusters = {}
    for cid in sorted(per_cluster):
        row = cluster_row(cid, per_cluster[cid], lambda r: assignment[r["id"]][0])
        if row:
            clusters[cid] = row
    return assignment, speakers, clusters, res


def speaker_row(sid: str, name: str, aliases: list, quotes: list[dict]) -> dict:
    """One identity's row of the speakers table, from every quote attributed to it."""
    outlets: Counter = Counter(r["outlet"] for r in quotes if r.get("outlet"))
    kinds: Counter = Counter(r["speaker_kind"] for r in quotes if r.get("speaker_kind"))
    dates = [r["date"] for r in quotes if r.get("date")]
    return {"id": sid, "name": name, "aliases": aliases, "quote_count": len(quotes),
            "article_count": len({r["article"] for r in quotes}),
            "outlets": sorted(outlets, key=lambda o: (-outlets[o], o)),
            "first_date": min(dates) if dates else None,
            "last_date": max(dates) if dates else None,
            # person or organization: what most of their quotes say (ties: person)
            "kind": min(kinds, key=lambda k: (-kinds[k], k != "person")) if kinds else None}


def cluster_row(cid: str, members: list[dict], speaker_of) -> dict | None:
    """One cluster's row of the clusters table from its (top-level) quotes; None when it is
    carried by fewer than two articles (such clusters are not listed)."""
    arts = sorted({r["article"] for r in members})
    if len(arts) < 2:
        return None
    dates = [r["date"] for r in members if r.get("date")]
    sids = sorted({speaker_of(r) for r in members} - {None})
    # The report that carried it first (undated ones after every dated one), for "first
    # 2016-03-02 in The New York Times" on grouped results and check-a-quote.
    first = min(members, key=lambda r: (r.get("date") or "9999", r["article"], r["id"]))
    return {"id": cid, "quotes": sorted(r["id"] for r in members), "articles": arts,
            "outlets": sorted({r["outlet"] for r in members if r.get("outlet")}),
            "first_date": min(dates) if dates else None,
            "first_quote": first["id"], "first_article": first["article"],
            "first_outlet": first.get("outlet") or None,
            "speaker_id": sids[0] if sids else None,
            "wordings": sorted({r["quote"] for r in members})}


def vocabulary(texts: Iterable[str]) -> dict:
    """Folded words of the quotes with their counts: the word list "did you mean" picks from."""
    counts: Counter = Counter()
    for t in texts:
        counts.update(w for w in _WORD.findall(fold(t)) if len(w) > 2 and not w.isdigit())
    return dict(sorted(counts.items()))


_WORD = re.compile(r"[^\W_]+")
