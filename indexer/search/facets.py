"""Facets: which ones a scope has, and a backend's counts as labelled values, most frequent first."""
from __future__ import annotations

import heapq
from typing import Mapping

from ..results import FacetCount, Facets
from ..settings import DEFAULTS
from .backend import Generation

FACETS = ("speaker", "outlet", "medium", "year")     # the fields of results.Facets
SCOPE_FACETS = {"quotes": FACETS, "articles": ("outlet", "year")}   # articles have no speaker or medium
FACET_LIMIT = DEFAULTS.facet_limit                     # values per facet returned


def labelled(gen: Generation, counts: Mapping, scope: str) -> Facets:
    """Every facet of the scope as FacetCounts (a speaker counted by id, labelled with their name;
    an outlet by slug, labelled with its name), ordered by count, then label, cut at FACET_LIMIT."""
    speakers = gen.speakers
    out = {}
    for f in SCOPE_FACETS[scope]:
        values = counts.get(f, {}).items()
        if f == "speaker":
            rows = [(value, speakers.get(value, {}).get("name", value), count) for value, count in values]
        elif f == "outlet":
            rows = [(value, gen.outlets.get(value, value), count) for value, count in values]
        else:
            rows = [(value, value, count) for value, count in values]
        # Records only for the values shown: a broad search counts hundreds of speakers.
        top = heapq.nsmallest(FACET_LIMIT, rows, key=lambda r: (-r[2], r[1]))
        out[f] = tuple(FacetCount(*r) for r in top)
    return Facets(**out)
