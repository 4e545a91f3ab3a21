"""Facets: which ones a scope has, and a backend's counts as labelled values, most frequent first."""
from __future__ import annotations

from typing import Mapping

from ..settings import DEFAULTS
from .backend import Generation

FACETS = ("speaker", "outlet", "medium", "year")
SCOPE_FACETS = {"quotes": FACETS, "articles": ("outlet", "year")}   # articles have no speaker or medium
FACET_LIMIT = DEFAULTS.facet_limit                     # values per facet returned


def labelled(gen: Generation, counts: Mapping, scope: str) -> dict:
    """{facet: [{"value", "label", "count"}, ...]} for every facet (empty where the scope has none).

    A speaker is counted by id and labelled with their name; values are ordered by count, then
    label, and cut at FACET_LIMIT.
    """
    out = {f: [] for f in FACETS}
    speakers = gen.speakers
    for f in SCOPE_FACETS[scope]:
        vals = []
        for value, count in counts.get(f, {}).items():
            label = speakers.get(value, {}).get("name", value) if f == "speaker" else value
            vals.append({"value": value, "label": label, "count": count})
        vals.sort(key=lambda v: (-v["count"], v["label"]))
        out[f] = vals[:FACET_LIMIT]
    return out
