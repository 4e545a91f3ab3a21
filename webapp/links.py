"""The links pages carry: this page with a parameter changed, its twins, pages, and the links of
hits, speakers and clusters. Links follow the request's format (a JSON twin links JSON twins)."""
from __future__ import annotations

import re
from typing import Optional

from flask import current_app, g, request

from indexer.records import Speaker
from indexer.settings import DEFAULTS
from indexer.results import ArticleHit, ClusterGroup, QuoteHit

from . import params
from .pages import (Choice, LinkedArticle, LinkedCluster, LinkedQuote, LinkedSpeaker, PageGap, PageLink,
                    Pager, Pagination, Twins)
from .twin import path_url, query_string, split_format, twin_path


_SEARCH_DEFAULTS = {"page": 1, "scope": DEFAULTS.default_scope, "sort": DEFAULTS.default_sort}
_RANK = {k: i for i, k in enumerate(params.ORDER)}     # parameters in this order, others after them


def link(state: dict, base: Optional[str] = None, defaults: Optional[dict] = None, **changes) -> str:
    """This page's URL with some parameters changed (None removes one); the page resets to 1.
    Parameters at their default value (defaults: the page's own, if not a search's) are left out."""
    s = dict(state)
    s.pop("page", None)
    defaults = defaults or _SEARCH_DEFAULTS
    for k, v in changes.items():
        s[k] = None if defaults.get(k) == v else v
    if base is None:
        base = "/search" if request.path == "/" else request.path
    # sorted() is stable: parameters outside params.ORDER keep their own order, after the others
    ordered = dict(sorted(s.items(), key=lambda kv: _RANK.get(kv[0], len(_RANK))))
    return _base_url(base) + query_string(ordered)


def _base_url(base: str) -> str:
    """path_url(twin_path(base)), made once per request and base: a search page builds ~40 links."""
    made = g.setdefault("_base_urls", {})
    url = made.get(base)
    if url is None:
        url = made[base] = path_url(twin_path(base))
    return url


def twin_urls(state: dict, base: Optional[str] = None) -> Twins:
    """Links to this page as HTML, JSON and CSV (with the same parameters, page kept)."""
    base, _ = split_format(base or request.path)
    qs = query_string(state)
    return Twins(path_url(base) + qs, path_url(base + ".json") + qs, path_url(base + ".csv") + qs)


def pagination(state: dict, page: int, pages: int) -> Pagination:
    """Previous/next and a window of page links: 1 … 4 5 [6] 7 8 … 20."""
    pages = min(pages, current_app.config["MAX_PAGE"])
    shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)} - {0})
    items, prev = [], 0
    for n in shown:
        if n - prev > 1:
            items.append(PageGap())
        items.append(PageLink(n, link(state, page=n), n == page))
        prev = n
    return Pagination(link(state, page=page - 1) if 1 < page <= pages + 1 else None,
                      link(state, page=page + 1) if page < pages else None,
                      tuple(items) if pages > 1 else ())


def choices(state: dict, name: str, options, chosen: Optional[str], defaults: Optional[dict] = None,
            base: Optional[str] = None) -> tuple[Choice, ...]:
    """One link per value of a parameter (an order, a kind): (value, label) pairs; "" is none."""
    return tuple(Choice(value, label, value == (chosen or ""),
                        link(state, base=base, defaults=defaults, **{name: value or None}))
                 for value, label in options)


def next_page(state: dict, page: int, pages: int, base: Optional[str] = None) -> tuple[Optional[str], Optional[str]]:
    """Datasette's (next, next_url) of a list page: the token `_next` takes, and the next page's
    link in this request's format; (None, None) on the last page."""
    if page >= min(pages, current_app.config["MAX_PAGE"]):
        return None, None
    s = {k: v for k, v in state.items() if k not in ("page", "_next")}
    s["_next"] = str(page + 1)
    base = base or ("/search" if request.path == "/" else request.path)
    return str(page + 1), path_url(twin_path(base)) + query_string(s)


def past_last(messages: list, total: int, page: int, pages: int, what: str) -> None:
    """Say so when the page asked for is past the last one ("the quotes fill 3 page(s)")."""
    if total and page > pages:
        messages.append(f"There is no page {page}: {what} {pages} page(s).")


def paged(items, page: int, per_page: int, messages: list, what: str) -> tuple:
    """(the items on page `page`, the number of pages: at least 1) of a list the page holds
    whole; a page past the last is said in messages."""
    pages = max(1, -(-len(items) // per_page))
    past_last(messages, len(items), page, pages, what)
    return items[(page - 1) * per_page: page * per_page], pages


def pager(base: str, state: dict, page: int, pages: int) -> Pager:
    """Previous/next links for pages that are not searches (speakers list, a speaker's quotes)."""
    def to(n):
        """The link to page n."""
        s = {k: v for k, v in state.items() if v}
        if n > 1:
            s["page"] = n
        return path_url(twin_path(base)) + query_string(s)
    return Pager(to(page - 1) if 1 < page <= pages + 1 else None, to(page + 1) if page < pages else None,
                 page, pages, path_url(base))


def page_url(kind: str, ident: str) -> str:
    """The HTML page of one record: /article/<id>, /speaker/<id> or /quote/<id>, the id
    percent-encoded as the routes decode it (a page lists hundreds: url_for cost 0.1 ms each)."""
    return path_url(f"/{kind}/{ident}")


def quote_links(hit: QuoteHit, cls=LinkedQuote, **extra):
    """A quote with the links the page shows (speaker, article at the quote, quote page, the
    article that carried it first)."""
    start = hit.id.rpartition("@")[2]
    article = page_url("article", hit.article)
    # Long articles are shown in parts: a quote far enough in may lie beyond the first one.
    far = start.isdigit() and int(start) >= current_app.config["ARTICLE_PART_CHARS"] // 2
    return cls(hit, f"q-{start}", (f"{article}?at={start}" if far else article) + (f"#q-{start}" if start else ""),
               page_url("speaker", hit.speaker_id) if hit.speaker_id else None,
               page_url("quote", hit.cluster) if hit.cluster else None,
               article if hit.first_article == hit.article else page_url("article", hit.first_article), **extra)


def hit_links(hit):
    """A quote or article hit with its links."""
    if isinstance(hit, ArticleHit):
        return LinkedArticle(hit, page_url("article", hit.id))
    return quote_links(hit)


def speaker_links(sp: Speaker) -> LinkedSpeaker:
    """A speaker with the link to their page."""
    return LinkedSpeaker(sp, page_url("speaker", sp.id))


def cluster_links(c: ClusterGroup) -> LinkedCluster:
    """A speaker's cluster with links to its quote page and to each article carrying it."""
    return LinkedCluster(c, tuple(quote_links(h) for h in c.quotes),
                         page_url("quote", c.cluster) if c.cluster else None)


def safe_name(value: str) -> str:
    """A string made safe for a download file name."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", value)[:80] or "export"
