"""One speaker's page: their quotes grouped by wording, newest first (or oldest, or most
carried), filtered by outlet, year, period, words and how sure the attribution is; a timeline
whose bars lead to their period."""
from __future__ import annotations

import itertools

from flask import current_app

from indexer import search as api
from indexer.results import SpeakerProfile, csv_row
from indexer.settings import DEFAULTS

from . import params
from .chart import timeline_chart
from .links import (choices, cluster_links, link, next_page, paged, pager, past_last, quote_links, safe_name,
                    twin_urls)
from .pages import ActiveFilter, FacetValue, SpeakerPage, SpeakerSearchPage
from .store import get_index
from .twin import Reply

CLUSTERS_PER_PAGE = DEFAULTS.clusters_per_page
SORTS = (("newest", "newest"), ("oldest", "oldest"), ("carried", "most carried"))
FILTERS = (("outlet", "Outlet"), ("year", "Year"), ("since", "From"), ("until", "Until"),
           ("min_confidence", "Sure at least"))
DEFAULTS_HERE = {"sort": "newest"}


def speaker_reply(found: SpeakerProfile, sid: str) -> Reply:
    """One speaker: quotes grouped by cluster (or searched within), outlets, years, timeline."""
    messages: list[str] = []
    q = params.text("q", messages=messages)
    sort = params.choice("sort", api.SPEAKER_SORTS + ("relevance",), "relevance" if q else "newest")
    page, per_page = params.listing(CLUSTERS_PER_PAGE, DEFAULTS.max_per_page, messages)
    filters = {"outlet": params.text("outlet", limit=200) or None, "year": params.text("year", limit=4) or None,
               "since": params.date("since"), "until": params.date("until"),
               "min_confidence": params.confidence()}
    ix = get_index()
    base = f"/speaker/{sid}"
    profile = api.speaker(ix, sid, sort=sort if sort != "relevance" else "newest", **filters)
    state = {"q": q, **{k: v for k, v in filters.items() if v is not None},
             "sort": None if sort == DEFAULTS_HERE["sort"] or (q and sort == "relevance") else sort,
             "per_page": None if per_page == CLUSTERS_PER_PAGE else per_page}
    state = {k: v for k, v in state.items() if v not in (None, "")}
    sorts = SORTS + ((("relevance", "best match"),) if q else ())
    head = (profile.speaker, q, sort, profile.filters, page)
    months, years = _period_links(state, base)
    tail = (profile.timeline,
            timeline_chart(profile.timeline, lambda unit, p: (years if unit == "year" else months).replace(_SLOT, p)),
            profile.quote_count)
    nav = (choices(state, "sort", sorts, sort, DEFAULTS_HERE, base),
           _facet(state, base, "outlet", profile.outlets, profile.filters.get("outlet")),
           _facet(state, base, "year", profile.years, profile.filters.get("year")),
           _active(state, base))
    urls = twin_urls({**state, **({"page": page} if page > 1 else {})}, base=base)
    if q:
        res = api.speaker_quotes(ix, sid, q, page=page, per_page=per_page, sort=sort, **filters)
        messages += res.messages
        past_last(messages, res.total, page, res.pages, "the quotes fill")
        nxt, next_url = next_page(state, page, res.pages, base)
        page_ = SpeakerSearchPage(*head, tuple(messages), *tail, res.total, res.pages, *nav,
                                  tuple(quote_links(h) for h in res.hits), res.suggestion,
                                  pager(base, state, page, res.pages), nxt, next_url, urls)
        rows = (csv_row(h) for h in res.hits)
    else:
        clusters = profile.clusters
        shown, pages = paged(clusters, page, per_page, messages, "the quotes fill")
        nxt, next_url = next_page(state, page, pages, base)
        page_ = SpeakerPage(*head, tuple(messages), *tail, len(clusters), pages, *nav,
                            tuple(cluster_links(c) for c in shown), pager(base, state, page, pages),
                            nxt, next_url, urls)
        # A generator: only the CSV twin walks every quote.
        rows = (csv_row(h) for c in clusters for h in c.quotes)
    return Reply(page_, csv_rows=itertools.islice(rows, current_app.config["MAX_CSV_ROWS"]),
                 csv_name=f"speaker-{safe_name(sid)}")


_SLOT = "0000-00"          # where a bar's period goes in its link (no real period looks like it)


def _period_links(state: dict, base: str) -> tuple[str, str]:
    """The link of a month's bar (since and until it) and of a year's, with _SLOT for the period:
    built once a page, not once a bar (a decade of months is 120 bars)."""
    cleared = {k: None for k in ("year", "since", "until")}
    return (link(state, base=base, defaults=DEFAULTS_HERE, **{**cleared, "since": _SLOT, "until": _SLOT}),
            link(state, base=base, defaults=DEFAULTS_HERE, **{**cleared, "year": _SLOT}))


def _facet(state: dict, base: str, name: str, values, chosen) -> tuple[FacetValue, ...]:
    """The speaker's outlets or years, each a link that filters by it (or removes the filter)."""
    return tuple(FacetValue(v.value, v.label, v.count, v.value == chosen,
                            link(state, base=base, defaults=DEFAULTS_HERE,
                                 **{name: None if v.value == chosen else v.value}))
                 for v in values)


def _active(state: dict, base: str) -> tuple[ActiveFilter, ...]:
    """The filters in use, each with the link that removes it."""
    return tuple(ActiveFilter(name, title, str(state[name]), str(state[name]),
                              link(state, base=base, defaults=DEFAULTS_HERE, **{name: None}))
                 for name, title in FILTERS if state.get(name) not in (None, ""))

