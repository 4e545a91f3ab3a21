"""Opening an index and searching it: the calls the CLI and the web app make first.

All functions take an open `Index` (see `open_index`) and return small frozen records, never
engine objects. Text that comes from articles is returned raw (never HTML); highlighting is
returned as `segments` (see highlight.py).

Every answer is a record of `indexer.results` (SearchResult, QuoteHit, ...); `indexer.serial`
turns any of them into JSON.
"""
from __future__ import annotations

import dataclasses
import math
from types import MappingProxyType
from typing import Optional

from ..corpus import path_from_id, readable_path
from ..errors import BadParameter, IndexDamaged, IndexNotFound
from ..results import Facets, IndexCheck, SearchResult
from ..settings import DEFAULTS, INDEX_ENV
from .backend import Filters, Generation, QueryFailed, SearchOutcome, SearchRequest, View
from .backends import open_backend
from .facets import SCOPE_FACETS, labelled
from .hits import article_hit, quote_hit
from .names import resolve_name
from .outlets import outlet_terms, resolve_outlet
from .params import check_confidence, check_date, check_year, validate
from .query import parse, parse_plain
from .recent import Recent
from .spelling import suggest

_LISTINGS = 256     # filter-only listings whose facets are kept per generation
_RECENT = 512       # recent search answers kept per generation (each one page of hits)


class Index:
    """An open index as the search functions take it: one backend, shared by every thread.

    Each call reads the generation current at that moment; `pin()` gives an Index whose every
    call reads one generation, whatever writers swap in meanwhile (one per request or command).
    """

    def __init__(self, backend):
        self.backend = backend
        self.path = backend.location

    def generation(self) -> Generation:
        """The current generation (its `id` changes with every build and update)."""
        return self.backend.generation()

    def view(self) -> View:
        """The backend's answers from the current generation."""
        return self.backend.view()

    def pin(self) -> "PinnedIndex":
        """This index held at its current generation: every answer from the same one."""
        return PinnedIndex(self.backend, self.backend.generation())

    def verify(self) -> list[str]:
        """Every problem found checking every part of the index ([] when sound)."""
        return self.backend.verify()

    def close(self) -> None:
        """Release what this thread holds."""
        self.backend.close()


class PinnedIndex(Index):
    """An Index held at one generation, for one thread (a request, a command): its view is made
    once and reused, so that a page's several calls share one searcher."""

    def __init__(self, backend, generation: Generation):
        super().__init__(backend)
        self._generation = generation
        self._view: Optional[View] = None

    def generation(self) -> Generation:
        """The generation this index is held at."""
        return self._generation

    def view(self) -> View:
        """The answers from the generation held (one view, made on first use)."""
        if self._view is None:
            self._view = self.backend.view(self._generation)
        return self._view

    def pin(self) -> "PinnedIndex":
        """Already pinned."""
        return self


def open_index(location: str, backend: Optional[str] = None) -> Index:
    """Open the index at location read-only; raises IndexNotFound (a clear message) when there is
    none, IndexDamaged (naming the part) when it cannot be read.

    backend: "whoosh" (a directory) or "postgresql" (a DSN); by default, PostgreSQL for a location
    that is a DSN and the settings' backend otherwise (see `backends.choose`).
    """
    if not location:
        raise IndexNotFound(f"No index directory given (use --index or set ${INDEX_ENV}).")
    return Index(open_backend(backend, location))


def check_index(location: str, backend: Optional[str] = None) -> IndexCheck:
    """Check every part of the index at location: what is wrong with it, if anything.

    Opening checks meta.json, the side tables, Whoosh's table of contents and the segments'
    structure; then every part is checked against the checksums recorded when it was written,
    and every stored document and column is read. Raises IndexNotFound when there is no index.
    """
    try:
        ix = open_index(location, backend)
    except IndexDamaged as e:
        return IndexCheck(location, False, (e.problem,), str(e))
    problems = tuple(ix.verify())
    if not problems:
        return IndexCheck(ix.path, True, (), f"the index at {ix.path} is sound")
    roots = [readable_path(path_from_id(p)) for p in ix.generation().meta.get("corpus", [])]
    damage = IndexDamaged(ix.path, "; ".join(problems), roots)
    return IndexCheck(ix.path, False, problems, str(damage))


def search(ix: Index, q: str = "", *, scope: str = DEFAULTS.default_scope, speaker: Optional[str] = None,
           outlet: Optional[str] = None, medium: Optional[str] = None, year: Optional[str] = None,
           since: Optional[str] = None, until: Optional[str] = None, sort: str = DEFAULTS.default_sort,
           page: int = 1, per_page: int = DEFAULTS.default_per_page, raw: bool = False,
           min_confidence: Optional[float] = None, group: bool = True,
           seconds: float = DEFAULTS.search_seconds, max_expansion: int = DEFAULTS.max_expansion) -> SearchResult:
    """Full-text search of quotes or articles with filters and facets: one page of hits.

    `q` is escaped by default: words and "phrases", AND/OR/NOT and field:value work, anything that
    does not parse is searched as plain words with a message. `raw=True` passes Whoosh syntax
    through. `speaker` is a speaker id (slug) or a name (resolved like `find_speaker`); `outlet`
    a slug or a name. An empty `q` lists everything that matches the filters (newest first).
    Quotes are grouped by cluster (`group`): one hit per quote however many articles carried it,
    and the total and facets count such quotes. `sort`: relevance, newest, oldest, carried.
    `min_confidence` keeps quotes whose attribution is at least that sure (0-1). Bad parameter
    values (page < 1, unknown scope or sort, a date that does not parse) raise BadParameter (a
    ValueError) naming it. Every search is bounded (`seconds`, `max_expansion`: see
    `SearchRequest`); `partial` says when its time ran out.
    """
    sort = validate(scope, sort, page, per_page)
    args = (q, scope, speaker, outlet, medium, year, since, until, sort, page, per_page, raw,
            (min_confidence, group), (seconds, max_expansion))
    # Recent answers are kept per generation (dropped with it after a swap): a repeated search,
    # a page's JSON twin, going back a page, cost a dictionary look-up. A search stopped by its
    # time budget is not kept (its answer depends on the machine's load, not on the index).
    recent = ix.generation().memo("recent_results", lambda: Recent(_RECENT))
    try:
        result = recent.get(args)
    except TypeError:           # a parameter of an odd type: answered (and refused) uncached
        return _search(ix, *args)
    if result is None:
        result = _search(ix, *args)
        if not result.partial:
            recent.put(args, result)
    return result


def search_rows(ix: Index, q: str = "", *, limit: int = DEFAULTS.max_csv_rows, **params) -> SearchResult:
    """The first `limit` hits of a search (same parameters as `search`, no page) in one bounded
    search: a CSV download, where a search per page of 100 cost up to 50 full searches."""
    params = {"scope": DEFAULTS.default_scope, "speaker": None, "outlet": None, "medium": None,
              "year": None, "since": None, "until": None, "sort": DEFAULTS.default_sort, "raw": False,
              "min_confidence": None, "group": True,
              "seconds": DEFAULTS.search_seconds, "max_expansion": DEFAULTS.max_expansion, **params}
    sort = validate(params["scope"], params["sort"], 1, 1)
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise BadParameter(f"limit: {limit!r} must be a whole number >= 1")
    p = params
    return _search(ix, q, p["scope"], p["speaker"], p["outlet"], p["medium"], p["year"], p["since"],
                   p["until"], sort, 1, limit, p["raw"], (p["min_confidence"], p["group"]),
                   (p["seconds"], p["max_expansion"]))


def _search(ix: Index, q: str, scope: str, speaker, outlet, medium, year, since, until, sort: str,
            page: int, per_page: int, raw: bool, quotes: tuple, bounds: tuple) -> SearchResult:
    """`search` with scope, sort, page and per_page already checked; quotes: (min_confidence,
    group); bounds: (seconds, max_expansion)."""
    min_confidence, group = quotes
    since_d, until_d = check_date("since", since, False), check_date("until", until, True)
    year, min_confidence = check_year(year), check_confidence(min_confidence)
    group = bool(group) and scope == "quotes"
    view = ix.view()
    gen = view.generation
    query, messages = parse(q, scope, raw)
    query = outlet_terms(gen, query)
    speaker_id = None
    if speaker:
        ids = resolve_name(gen, speaker)
        if len(ids) != 1:
            messages.append(f"No speaker matches {speaker!r}." if not ids else
                            f"{speaker!r} may be several speakers: "
                            + ", ".join(gen.speakers[i]["name"] for i in ids[:5]) + "; pick one.")
            return SearchResult(q, scope, group, 0, 0, 0, page, per_page, 1, (), Facets(), MappingProxyType(
                {"speaker": speaker}), tuple(messages), None, sort)
        speaker_id = ids[0]
    applied = Filters(speaker_id, resolve_outlet(gen, outlet), medium or None, year, since_d, until_d,
                      min_confidence if scope == "quotes" else None)
    order = "newest" if query is None and sort == "relevance" else sort
    request = SearchRequest(scope, query, applied, order, (page - 1) * per_page, page * per_page,
                            SCOPE_FACETS[scope], group, bounds[1], bounds[0])
    outcome, facets = _outcome(view, request, q, messages)
    if scope == "quotes":
        words = outcome.terms.get("quote", ())
        hits = tuple(quote_hit(gen, h.doc, words, h.score) for h in outcome.hits)
    else:
        words = outcome.terms.get("text", ())
        hits = tuple(article_hit(gen, h.doc, words, h.score) for h in outcome.hits)
    messages.extend(outcome.notes)
    if outcome.partial:
        messages.append(f"This search took longer than {request.seconds:g} s and was stopped: "
                        "the results are those found by then. A narrower query finds all of them.")
    suggestion = suggest(gen, q) if outcome.total == 0 and q and not raw else None
    return SearchResult(q, scope, group, outcome.total, outcome.reports, outcome.undated, page, per_page,
                        max(1, math.ceil(outcome.total / per_page)), hits, facets, _applied(applied),
                        tuple(messages), suggestion, order, outcome.partial)


def _outcome(view: View, request: SearchRequest, q: str, messages: list):
    """The backend's outcome and the labelled facets.

    Filter-only listings (the home page, ?outlet=..., a speaker's quotes) repeat often: their
    facets and counts are kept per generation, and not counted again (a partial outcome's are
    not kept).
    """
    gen = view.generation
    key = (request.scope, request.filters, request.group)
    listings = gen.memo("listings", lambda: Recent(_LISTINGS)) if request.query is None else None
    kept = listings.get(key) if listings is not None else None
    if kept is not None:
        outcome = _run(view, dataclasses.replace(request, facets=()), q, messages)
        return dataclasses.replace(outcome, undated=kept[1], reports=kept[2]), kept[0]
    outcome = _run(view, request, q, messages)
    facets = labelled(gen, outcome.facets, request.scope)
    if listings is not None and not outcome.partial:
        listings.put(key, (facets, outcome.undated, outcome.reports))
    return outcome, facets


def _applied(f: Filters) -> MappingProxyType:
    """The filters applied, by their parameter names, in a fixed order (empty ones left out)."""
    pairs = (("speaker", f.speaker_id), ("outlet", f.outlet), ("medium", f.medium), ("year", f.year),
             ("since", f.since), ("until", f.until),
             ("min_confidence", None if f.min_confidence is None else str(f.min_confidence)))
    return MappingProxyType({k: v for k, v in pairs if v})


def _run(view: View, request: SearchRequest, q: str, messages: list) -> SearchOutcome:
    """The backend's outcome; a query the engine cannot run is retried as plain words (with a message)."""
    try:
        return view.search(request)
    except QueryFailed as e:
        messages.append(f"Your query could not be run ({e.kind}); searched as plain words.")
        return view.search(dataclasses.replace(request, query=parse_plain(q, request.scope)))


def speaker_quotes(ix: Index, speaker_id: str, q: str = "", *, page: int = 1,
                   per_page: int = DEFAULTS.clusters_per_page, sort: Optional[str] = None,
                   **filters) -> SearchResult:
    """Search within one speaker's quotes: a SearchResult restricted to that speaker (filters:
    outlet, year, since, until, min_confidence, as `search` takes them)."""
    return search(ix, q, scope="quotes", speaker=speaker_id, page=page, per_page=per_page,
                  sort=sort or ("relevance" if q else "newest"), **filters)
