"""Pages of one record: an article with its quotes marked (in parts when it is long), and a quote
as several outlets carried it (differences marked)."""
from __future__ import annotations

import bisect
import dataclasses

from flask import current_app, request, url_for

from indexer.results import ArticleDetail, ClusterDetail, csv_row
from indexer.search.diff import word_diff

from . import params
from .links import quote_links, safe_name, twin_urls
from .marks import mark_quotes
from .pages import ArticlePage, ComparedQuote, QuotePage, TextPart
from .twin import Reply, path_url, query_string, twin_path


def article_reply(found: ArticleDetail, aid: str) -> Reply:
    """One article: metadata and its text with every quote marked and attributed.

    A text longer than ARTICLE_PART_CHARS is shown in parts (`?part=N`, or `?at=OFFSET` for the
    part holding that character), cut at white space, each page with its part's quotes and links
    to its neighbours: a 50 MB article was one 53.6 MB page that took 12.9 s. The CSV twin lists
    every quote of the article.
    """
    text = found.text or ""
    bounds = part_bounds(text, current_app.config["ARTICLE_PART_CHARS"])
    at = params.integer("at", -1, 0, max(0, len(text) - 1)) if request.args.get("at") else -1
    n = bisect.bisect_right([b for b, _ in bounds], at) if at >= 0 else params.integer("part", 1, 1, len(bounds))
    start, end = bounds[n - 1]
    base = f"/article/{aid}"
    part = TextPart(n, len(bounds), start, end, len(text), len(found.quotes),
                    _part_url(base, n - 1) if n > 1 else None,
                    _part_url(base, n + 1) if n < len(bounds) else None)
    shown = found
    if len(bounds) > 1:
        mine = tuple(q for q in found.quotes if any(a < end and b > start for a, b in q.spans)
                     or (not q.spans and n == 1))
        shown = dataclasses.replace(found, text=text[start:end], quotes=mine)
    quotes = tuple(quote_links(q) for q in shown.quotes)
    page = ArticlePage(shown, quotes, twin_urls({"part": n} if n > 1 else {}, base=base), part)
    clipped = [{"spans": [(max(a, start) - start, min(b, end) - start) for a, b in q.spans if a < end and b > start]}
               for q in shown.quotes]
    return Reply(page, csv_rows=[csv_row(q) for q in found.quotes], csv_name=f"article-{safe_name(aid)}",
                 context={"segments": mark_quotes(text[start:end], clipped)})


def part_bounds(text: str, size: int) -> list[tuple[int, int]]:
    """[start, end) of each part of a text: at most `size` characters, cut after white space
    when there is some in the part's second half (the text unparted when it fits)."""
    bounds, start = [], 0
    while len(text) - start > size:
        end = start + size
        cut = max(text.rfind(" ", start + size // 2, end), text.rfind("\n", start + size // 2, end))
        end = cut + 1 if cut >= 0 else end
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _part_url(base: str, n: int) -> str:
    """The link to part n of an article, in this request's format."""
    return path_url(twin_path(base)) + query_string({"part": n} if n > 1 else {})


def quote_reply(found: ClusterDetail, cid: str) -> Reply:
    """One quote as carried by several outlets: wordings side by side, differences marked."""
    base_text = found.quotes[0].text if found.quotes else ""
    quotes = tuple(quote_links(q, ComparedQuote, diff=None if i == 0 else word_diff(base_text, q.text or ""))
                   for i, q in enumerate(found.quotes))
    speaker_url = url_for("pages.speaker_page", sid=found.speaker_id) if found.speaker_id else None
    page = QuotePage(found, quotes, speaker_url, twin_urls({}, base=f"/quote/{cid}"))
    return Reply(page, csv_rows=[csv_row(q) for q in found.quotes], csv_name=f"quote-{safe_name(cid)}")
