"""Every record of a kind in a stable order: `quote-index export`, and the update == build tests."""
from __future__ import annotations

from ..errors import BadParameter
from .api import Index
from .hits import quote_hit
from .names import speaker_dict

EXPORT_KINDS = ("quotes", "articles", "speakers", "clusters")
QUOTE_COLUMNS = ("id", "article", "spans", "text", "speaker", "speaker_id", "speaker_name",
                 "speaker_mention", "role", "cue", "outlet", "medium", "date", "nested", "rule",
                 "cluster", "cluster_size")
ARTICLE_COLUMNS = ("id", "title", "outlet", "date", "author", "url", "dateline", "wire", "hash",
                   "quote_count")


def export(ix: Index, what: str = "quotes"):
    """Every record of a kind as plain dicts in a stable order (quotes by article and offset)."""
    if what not in EXPORT_KINDS:
        raise BadParameter(f"what: {what!r} is not one of {', '.join(EXPORT_KINDS)}")
    return _export(ix, what)


def _export(ix: Index, what: str):
    """The records of a checked kind, one at a time."""
    if what == "speakers":
        gen = ix.generation()
        for sid in sorted(gen.speakers):
            sp = gen.speakers[sid]
            yield {**speaker_dict(sp), "article_count": sp.get("article_count", 0)}
        return
    if what == "clusters":
        gen = ix.generation()
        for cid in sorted(gen.clusters):
            yield dict(gen.clusters[cid])
        return
    view = ix.view()
    kind = "quote" if what == "quotes" else "article"
    key = (lambda d: (d.article, d.start if d.start is not None else -1, d.id)) if kind == "quote" \
        else (lambda d: (d.id, -1, d.id))
    for d in sorted(view.documents(kind), key=key):
        if kind == "article":
            yield {c: getattr(d, c) for c in ARTICLE_COLUMNS}
            continue
        hit = quote_hit(view.generation, d, (), None)
        yield {"id": d.id, "article": d.article, "spans": d.spans, "text": d.text,
               "speaker": hit["speaker"], "speaker_id": hit["speaker_id"],
               "speaker_name": d.speaker_name, "speaker_mention": d.mention,
               "role": d.role, "cue": d.cue, "outlet": hit["outlet"],
               "medium": d.medium, "date": hit["date"], "nested": hit["nested"],
               "rule": d.rule, "cluster": hit["cluster"], "cluster_size": hit["cluster_size"]}
