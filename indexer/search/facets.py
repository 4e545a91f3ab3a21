"""Facets: which ones a scope has, and a backend's counts as labelled values, most frequent first."""
from __future__ import annotations

from typing import Mapping

from ..results import FacetCount, Facets
from ..settings import DEFAULTS
from .backend import Generation

FACETS = ("speaker", "outlet", "medium", "year")     # the fields of results.Facets
SCOPE_FACETS = {"quotes": FACETS, "articles": ("outlet", "year")}   # articles have no speaker or medium
FACET_LIMIT = DEFAULTS.facet_limit                     # values per facet returned


def labelled(gen: Generation, counts: Mapping, scope: str) -> Facets:
    """Every facet of the scope as FacetCounts (a speaker counted by id, labelled with their name),
    ordered by count, then label, and cut at FACET_LIMIT."""
    speakers = gen.speakers
    out = {}
    for f in SCOPE_FACETS[scope]:
        vals = []
        for value, count in counts.get(f, {}).items():
            label = speakers.get(value, {}).get("name", value) if f == "speaker" else value
            vals.append(FacetCount(value, label, count))
        vals.sort(key=lambda v: (-v.count, v.label))
        out[f] = tuple(vals[:FACET_LIMIT])
    return Facets(**out)
