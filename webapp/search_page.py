"""The search page: hits (a quote once, however many articles carried it), Datasette-style
facets, filters in use, pages, the orders, query help with examples from this index, CSV."""
from __future__ import annotations

from typing import Optional

from flask import current_app

from indexer import search as api
from indexer.results import FacetCount, SearchResult, csv_row
from indexer.serial import to_json

from . import params
from .cache import per_generation
from .links import choices, hit_links, link, next_page, pagination, past_last, twin_urls
from .pages import (ActiveFilter, DateRange, FacetValue, FacetValues, HelpLink, LinkedExample, SearchPage,
                    Suggestion)
from .store import get_index
from .twin import Reply, current_format

FACETS = (("speaker", "Speaker"), ("outlet", "Outlet"), ("medium", "Medium"), ("year", "Year"))
DATES = (("since", "From"), ("until", "Until"))
SORT_LABELS = (("relevance", "best match"), ("newest", "newest"), ("oldest", "oldest"),
               ("carried", "most carried"))


def reply() -> Reply:
    """Search quotes or articles with the request's parameters."""
    messages: list[str] = []
    p = params.search_params(messages)
    ix = get_index()
    if current_format() == "csv":                # the download is its own single search
        return Reply(None, csv_rows=_csv_rows(ix, p), csv_name="search")
    state = params.state(p)
    if state:
        res = _search(ix, p)
    else:
        # The bare listing sorts every quote by date: the same until a rebuild.
        res = per_generation(ix, "newest", lambda: _search(ix, p))
    return Reply(context(res, p, messages, state))


def _search(ix, p: dict, **changes) -> SearchResult:
    """The library's search with the page's parameters (a BadParameter becomes a 400)."""
    args = dict(p, **changes)
    return api.search(ix, args["q"], scope=args["scope"], speaker=args["speaker"],
                      outlet=args["outlet"], medium=args["medium"], year=args["year"],
                      since=args["since"], until=args["until"], sort=args["sort"],
                      page=args["page"], per_page=args["per_page"], raw=args["raw"],
                      min_confidence=args["min_confidence"], group=args["group"], **_bounds())


def _bounds() -> dict:
    """The app's bounds on one search: seconds, and words an expanding word may stand for."""
    return {"seconds": current_app.config["SEARCH_SECONDS"], "max_expansion": current_app.config["MAX_EXPANSION"]}


def stats(ix) -> Optional[dict]:
    """Index counts and dates for the pages (kept per generation); None when the library cannot
    give them."""
    def compute():
        """The counts, without server paths."""
        try:
            # Server paths (the index directory, the corpus roots) are nobody's business on the web.
            return {k: v for k, v in to_json(api.stats(ix)).items() if k not in ("path", "corpus")}
        except Exception:       # counts are a nicety: a page must not fail for them
            current_app.logger.exception("stats failed")
            return None
    return per_generation(ix, "stats", compute)


def examples(ix) -> tuple[LinkedExample, ...]:
    """The query-syntax examples of this index, each with its search."""
    return per_generation(ix, "examples", lambda: tuple(
        LinkedExample(e, link({}, base="/search", q=e.query)) for e in api.query_examples(ix)))


def date_range(ix) -> DateRange:
    """The dates of the oldest and newest articles (the date fields' defaults)."""
    s = stats(ix) or {}
    return DateRange(s.get("first_date"), s.get("last_date"))


def context(res: SearchResult, p: dict, messages: list[str], state: dict) -> SearchPage:
    """The search page: the SearchResult plus every link the page shows (state: params.state(p))."""
    ix = get_index()
    total, page, per_page, pages = res.total, res.page, res.per_page, res.pages
    hits = tuple(hit_links(h) for h in res.hits)
    first = (page - 1) * per_page + 1 if hits else 0
    last = first + len(hits) - 1 if hits else 0
    messages = messages + list(res.messages)
    if not hits:
        past_last(messages, total, page, pages, "the results fill")
    facets = FacetValues(**{name: _facet(name, getattr(res.facets, name), p, state, total, res.filters)
                            for name, _title in FACETS})
    active = _active(p, state, facets)
    suggestion = res.suggestion
    nxt, next_url = next_page(state, page, pages)
    sorts = SORT_LABELS if p["scope"] == "quotes" else SORT_LABELS[:3]
    return SearchPage(
        p["q"], p["scope"], res.sort or p["sort"], p["raw"], res.grouped, p["since"], p["until"],
        p["min_confidence"], {name: p[name] for name, _ in FACETS if p.get(name)},
        total, res.reports, res.undated, page, per_page, pages, first, last, _range_text(res, first, last),
        _order_note(res), tuple(messages), Suggestion(suggestion, link(state, q=suggestion)) if suggestion else None,
        active, _help(state, active) if total == 0 and active else (), hits, facets,
        pagination(state, page, pages), choices(state, "sort", sorts, res.sort),
        {s: link(state, scope=s) for s in api.SCOPES},
        link(state, group=None if not res.grouped else "0"), date_range(ix), examples(ix),
        nxt, next_url, twin_urls(state, base="/search"), res.partial)


def _range_text(res: SearchResult, first: int, last: int) -> str:
    """"quotes 1–10 of 87" (quotes grouped: each counted once, however many articles carried it)."""
    what = "quotes" if res.scope == "quotes" else "articles"
    if not res.hits:
        return f"no {what}" if res.total == 0 else f"{res.total} {what}"
    return f"{what} {first}\u2013{last} of {res.total}"


def _order_note(res: SearchResult) -> Optional[str]:
    """What a date order does with results that have no date ("newest first" must say so)."""
    if not res.undated or res.sort not in ("newest", "oldest", "carried"):
        return None
    what = "quotes" if res.scope == "quotes" else "articles"
    if res.undated >= res.total:
        return f"None of these {what} has a date: they are listed in index order."
    return (f"{res.undated} of these {res.total} {what} have no date (their articles give none); "
            f"they come after the dated ones.")


def _facet(name: str, values: tuple[FacetCount, ...], p: dict, state: dict, total: int,
           applied) -> tuple[FacetValue, ...]:
    """One facet in Datasette style: {value, label, count, selected, toggle_url} per value."""
    chosen = p.get(name)
    # The library may resolve a typed speaker name to its id: either one counts as chosen.
    chosen_set = {c for c in (chosen, applied.get(name)) if c}
    out = []
    for v in values:
        value = str(v.value)
        selected = value in chosen_set or str(v.label) in chosen_set
        out.append(FacetValue(value, v.label or value, int(v.count or 0), selected,
                              link(state, **{name: None if selected else value})))
    if chosen and not any(v.selected for v in out):
        # A filter the facet list does not show (no hits, or beyond its top values): keep it
        # visible so it can be switched off.
        out.insert(0, FacetValue(chosen, chosen, total, True, link(state, **{name: None})))
    return tuple(out)


def _active(p: dict, state: dict, facets: FacetValues) -> tuple[ActiveFilter, ...]:
    """The filters in use, each with the link that removes it."""
    active = []
    for name, title in FACETS:
        if p.get(name):
            label = next((v.label for v in getattr(facets, name) if v.selected), p[name])
            active.append(ActiveFilter(name, title, p[name], label, link(state, **{name: None})))
    for name, title in DATES:
        if p.get(name):
            active.append(ActiveFilter(name, title, p[name], p[name], link(state, **{name: None})))
    return tuple(active)


def _help(state: dict, active: tuple[ActiveFilter, ...]) -> tuple[HelpLink, ...]:
    """Nothing matches under filters: a link that removes each, and one that removes them all."""
    links = [HelpLink(f"Remove {a.title.lower()}: {a.label}", a.remove_url) for a in active]
    links.append(HelpLink("Search without any filter", link(state, **{a.name: None for a in active})))
    return tuple(links)


def _csv_rows(ix, p: dict):
    """CSV rows for a search: its first MAX_CSV_ROWS hits, from one bounded search (run when the
    first row is asked for: HTML and JSON answers never run it)."""
    args = {k: p[k] for k in ("scope", "speaker", "outlet", "medium", "year", "since", "until", "sort", "raw",
                              "min_confidence", "group")}
    res = api.search_rows(ix, p["q"], limit=current_app.config["MAX_CSV_ROWS"], **args, **_bounds())
    for h in res.hits:
        yield csv_row(h)
