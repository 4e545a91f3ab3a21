"""The links pages carry: this page with a parameter changed, its twins, pages, and the links of
hits, speakers and clusters. Links follow the request's format (a JSON twin links JSON twins)."""
from __future__ import annotations

import re
from typing import Optional

from flask import current_app, request, url_for

from indexer.records import Speaker
from indexer.settings import DEFAULTS
from indexer.results import ArticleHit, ClusterGroup, QuoteHit

from . import params
from .pages import (LinkedArticle, LinkedCluster, LinkedQuote, LinkedSpeaker, PageGap, PageLink,
                    Pager, Pagination, Twins)
from .twin import path_url, query_string, split_format, twin_path


def link(state: dict, base: Optional[str] = None, **changes) -> str:
    """This page's URL with some parameters changed (None removes one); the page resets to 1."""
    s = dict(state)
    s.pop("page", None)
    defaults = {"page": 1, "scope": DEFAULTS.default_scope, "sort": DEFAULTS.default_sort}
    for k, v in changes.items():
        s[k] = None if defaults.get(k) == v else v
    ordered = {k: s[k] for k in params.ORDER if s.get(k) not in (None, "")}
    if base is None:
        base = "/search" if request.path == "/" else request.path
    return path_url(twin_path(base)) + query_string(ordered)


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


def quote_links(hit: QuoteHit, cls=LinkedQuote, **extra):
    """A quote with the links the page shows (speaker, article at the quote, quote page)."""
    start = hit.id.rpartition("@")[2]
    # Long articles are shown in parts: a quote far enough in may lie beyond the first one.
    far = start.isdigit() and int(start) >= current_app.config["ARTICLE_PART_CHARS"] // 2
    return cls(hit, f"q-{start}",
               url_for("pages.article_page", aid=hit.article, **({"at": start} if far else {}))
               + (f"#q-{start}" if start else ""),
               url_for("pages.speaker_page", sid=hit.speaker_id) if hit.speaker_id else None,
               url_for("pages.quote_page", cid=hit.cluster) if hit.cluster else None, **extra)


def hit_links(hit):
    """A quote or article hit with its links."""
    if isinstance(hit, ArticleHit):
        return LinkedArticle(hit, url_for("pages.article_page", aid=hit.id))
    return quote_links(hit)


def speaker_links(sp: Speaker) -> LinkedSpeaker:
    """A speaker with the link to their page."""
    return LinkedSpeaker(sp, url_for("pages.speaker_page", sid=sp.id))


def cluster_links(c: ClusterGroup) -> LinkedCluster:
    """A speaker's cluster with links to its quote page and to each article carrying it."""
    return LinkedCluster(c, tuple(quote_links(h) for h in c.quotes),
                         url_for("pages.quote_page", cid=c.cluster) if c.cluster else None)


def safe_name(value: str) -> str:
    """A string made safe for a download file name."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", value)[:80] or "export"
