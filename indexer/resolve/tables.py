"""The corpus-level tables, computed from every quote row of the index: who each speaker is
across articles (identities), which quotes are one (clusters), and the quote vocabulary."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterable

from . import identities
from ..text import fold
from . import clusters as clustering


def corpus_tables(rows: list[dict]) -> tuple[dict, dict, dict, dict]:
    """From every quote row: identities, clusters, per-quote (speaker id, cluster), tables to save.

    Returns (assignment, speakers_table, clusters_table, resolution) where assignment maps a quote
    id to (speaker_id, display, aliases, cluster).
    """
    res = identities.resolve(r.get("speaker_name") for r in rows)
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

    per_speaker: dict[str, dict] = {}
    per_cluster: dict[str, list] = defaultdict(list)
    for r in rows:
        sid, display, aliases, cid = assignment[r["id"]]
        if not r.get("nested"):
            per_cluster[cid].append(r)
        if not sid:
            continue
        s = per_speaker.setdefault(sid, {"id": sid, "name": display, "aliases": aliases,
                                         "quote_count": 0, "outlets": Counter(), "dates": [],
                                         "articles": set(), "kinds": Counter()})
        s["quote_count"] += 1
        if r.get("speaker_kind"):
            s["kinds"][r["speaker_kind"]] += 1
        s["articles"].add(r["article"])
        if r.get("outlet"):
            s["outlets"][r["outlet"]] += 1
        if r.get("date"):
            s["dates"].append(r["date"])
    speakers = {}
    for sid in sorted(per_speaker):
        s = per_speaker[sid]
        speakers[sid] = {"id": sid, "name": s["name"], "aliases": s["aliases"],
                         "quote_count": s["quote_count"], "article_count": len(s["articles"]),
                         "outlets": sorted(s["outlets"], key=lambda o: (-s["outlets"][o], o)),
                         "first_date": min(s["dates"]) if s["dates"] else None,
                         "last_date": max(s["dates"]) if s["dates"] else None,
                         # person or organization: what most of their quotes say (ties: person)
                         "kind": min(s["kinds"], key=lambda k: (-s["kinds"][k], k != "person"))
                         if s["kinds"] else None}
    clusters = {}
    for cid in sorted(per_cluster):
        members = per_cluster[cid]
        arts = sorted({r["article"] for r in members})
        if len(arts) < 2:
            continue
        dates = [r["date"] for r in members if r.get("date")]
        sids = sorted({assignment[r["id"]][0] for r in members} - {None})
        # The report that carried it first (undated ones after every dated one), for "first
        # 2016-03-02 in The New York Times" on grouped results and check-a-quote.
        first = min(members, key=lambda r: (r.get("date") or "9999", r["article"], r["id"]))
        clusters[cid] = {"id": cid, "quotes": sorted(r["id"] for r in members), "articles": arts,
                         "outlets": sorted({r["outlet"] for r in members if r.get("outlet")}),
                         "first_date": min(dates) if dates else None,
                         "first_quote": first["id"], "first_article": first["article"],
                         "first_outlet": first.get("outlet") or None,
                         "speaker_id": sids[0] if sids else None,
                         "wordings": sorted({r["quote"] for r in members})}
    return assignment, speakers, clusters, res


def vocabulary(texts: Iterable[str]) -> dict:
    """Folded words of the quotes with their counts: the word list "did you mean" picks from."""
    counts: Counter = Counter()
    for t in texts:
        counts.update(w for w in _WORD.findall(fold(t)) if len(w) > 2 and not w.isdigit())
    return dict(sorted(counts.items()))


_WORD = re.compile(r"[^\W_]+")
