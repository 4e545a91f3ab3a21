"""The list of speakers: everyone, or those whose name starts with a prefix, of one kind, quoted
by one outlet or in one period; by quote count or by name."""
from __future__ import annotations

import dataclasses
from typing import Optional

from ..errors import BadParameter
from ..records import Speaker
from ..text import fold
from .backend import Filters, SearchRequest
from .names import names, speaker_records
from .outlets import resolve_outlet
from .params import check_date
from .recent import Recent

SPEAKER_ORDERS = ("count", "name")        # most quoted first, or A-Z
KINDS = ("person", "organization")
_KIND_SPELLINGS = {"organisation": "organization", "org": "organization", "people": "person"}
_COUNTS = 64                               # filters whose speaker counts are kept per generation


def speakers(ix, prefix: Optional[str] = None, *, limit: Optional[int] = None, sort: str = "name",
             kind: Optional[str] = None, outlet: Optional[str] = None, since: Optional[str] = None,
             until: Optional[str] = None) -> list[Speaker]:
    """Speakers (those whose name, an alias or a name word starts with prefix), by quote count
    (`sort="count"`, most first) or A-Z (`"name"`). `kind`: person or organization. `outlet`
    (slug or name), `since`, `until` (YYYY, YYYY-MM or YYYY-MM-DD): only those quoted there and
    then, and each speaker's `quote_count` is then their quotes that pass those filters."""
    if sort not in SPEAKER_ORDERS:
        raise BadParameter(f"sort: {sort!r} is not one of {', '.join(SPEAKER_ORDERS)}")
    kind = _kind(kind)
    gen = ix.generation()
    records = speaker_records(gen)
    rows = list(records.values()) if not prefix else [records[i] for i in names(gen).prefixed(prefix)]
    if kind:
        rows = [sp for sp in rows if sp.kind == kind]
    filters = Filters(outlet=resolve_outlet(gen, outlet), since=check_date("since", since, False),
                      until=check_date("until", until, True))
    if filters != Filters():
        counts = _counts_in(ix, filters)
        rows = [dataclasses.replace(sp, quote_count=counts[sp.id]) for sp in rows if counts.get(sp.id)]
    if sort == "count":
        rows.sort(key=lambda sp: (-sp.quote_count, fold(sp.name), sp.id))
    else:
        rows.sort(key=lambda sp: (fold(sp.name), sp.id))
    return rows[:limit]


def _kind(kind: Optional[str]) -> Optional[str]:
    """A kind filter as stored ("organisation" -> "organization"); BadParameter when unknown."""
    if not kind:
        return None
    k = _KIND_SPELLINGS.get(kind.strip().lower(), kind.strip().lower())
    if k not in KINDS:
        raise BadParameter(f"kind: {kind!r} is not one of {', '.join(KINDS)}")
    return k


def _counts_in(ix, filters: Filters) -> dict:
    """speaker id -> quotes passing the filters: the speaker facet of a filter-only listing,
    kept per generation for the last _COUNTS filters."""
    view = ix.view()
    kept = view.generation.memo("speaker_counts", lambda: Recent(_COUNTS))
    return kept.get_or_make(filters, lambda: dict(view.search(
        SearchRequest("quotes", None, filters, "newest", 0, 0, ("speaker",))).facets.get("speaker", {})))
