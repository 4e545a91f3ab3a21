"""The search page (and the home page): hits, Datasette-style facets, filters in use, pages, CSV."""
from __future__ import annotations

from typing import Optional

from flask import current_app, request

from indexer import search as api
from indexer.results import FacetCount, SearchResult, csv_row
from indexer.serial import to_json

from . import params
from .cache import per_generation
from .links import hit_links, link, pagination, twin_urls
from .pages import ActiveFilter, FacetValue, FacetValues, HelpLink, SearchPage, Suggestion
from .store import get_index
from .twin import Reply, current_format

FACETS = (("speaker", "Speaker"), ("outlet", "Outlet"), ("medium", "Medium"), ("year", "Year"))
DATES = (("since", "From"), ("until", "Until"))


def reply() -> Reply:
    """Search quotes or articles with the request's parameters."""
    messages: list[str] = []
    p = params.search_params(messages)
    ix = get_index()
    if current_format() == "csv":                # the download is its own single search
        return Reply(None, csv_rows=_csv_rows(ix, p), csv_name="search")
    if params.state(p):
        res = _search(ix, p)
    else:
        # The bare listing (home page) sorts every quote by date: the same until a rebuild.
        res = per_generation(ix, "newest", lambda: _search(ix, p))
    stats = None
    if request.path == "/" and not params.state(p):
        stats = per_generation(ix, "stats", lambda: _stats(ix))
    return Reply(context(res, p, messages, stats), csv_rows=_csv_rows(ix, p), csv_name="search")


def _search(ix, p: dict, **changes) -> SearchResult:
    """The library's search with the page's parameters (a BadParameter becomes a 400)."""
    args = dict(p, **changes)
    return api.search(ix, args["q"], scope=args["scope"], speaker=args["speaker"],
                      outlet=args["outlet"], medium=args["medium"], year=args["year"],
                      since=args["since"], until=args["until"], sort=args["sort"],
                      page=args["page"], per_page=args["per_page"], raw=args["raw"], **_bounds())


def _bounds() -> dict:
    """The app's bounds on one search: seconds, and words an expanding word may stand for."""
    return {"seconds": current_app.config["SEARCH_SECONDS"], "max_expansion": current_app.config["MAX_EXPANSION"]}


def _stats(ix) -> Optional[dict]:
    """Index counts for the home page; None when the library cannot give them."""
    try:
        # Server paths (the index directory, the corpus roots) are nobody's business on the web.
        return {k: v for k, v in to_json(api.stats(ix)).items() if k not in ("path", "corpus")}
    except Exception:       # counts are a nicety: the search page must not fail for them
        current_app.logger.exception("stats failed")
        return None


def context(res: SearchResult, p: dict, messages: list[str], stats: Optional[dict] = None) -> SearchPage:
    """The search page: the SearchResult plus every link the page shows."""
    state = params.state(p)
    total, page, per_page, pages = res.total, res.page, res.per_page, res.pages
    hits = tuple(hit_links(h) for h in res.hits)
    first = (page - 1) * per_page + 1 if hits else 0
    last = first + len(hits) - 1 if hits else 0
    messages = messages + list(res.messages)
    if total and not hits and page > 1:
        messages.append(f"There is no page {page}: the results fill {pages} page(s).")
    facets = FacetValues(**{name: _facet(name, getattr(res.facets, name), p, state, total, res.filters)
                            for name, _title in FACETS})
    active = _active(p, state, facets)
    suggestion = res.suggestion
    base = "/search" if request.path == "/" else None
    return SearchPage(
        p["q"], p["scope"], res.sort or p["sort"], p["raw"], p["since"], p["until"],
        {name: p[name] for name, _ in FACETS if p.get(name)},
        total, page, per_page, pages, first, last,
        f"results {first}\u2013{last} of {total}" if hits else ("no results" if total == 0 else f"{total} results"),
        tuple(messages), Suggestion(suggestion, link(state, q=suggestion)) if suggestion else None,
        active, _help(state, active) if total == 0 and active else (), hits, facets,
        pagination(state, page, pages), {s: link(state, sort=s) for s in api.SORTS},
        {s: link(state, scope=s) for s in api.SCOPES}, twin_urls(state, base=base), stats, res.partial)


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
    args = {k: p[k] for k in ("scope", "speaker", "outlet", "medium", "year", "since", "until", "sort", "raw")}
    res = api.search_rows(ix, p["q"], limit=current_app.config["MAX_CSV_ROWS"], **args, **_bounds())
    for h in res.hits:
        yield csv_row(h)
