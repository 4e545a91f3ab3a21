"""Pages of one record: an article with its quotes marked, and a quote as several outlets carried it."""
from __future__ import annotations

from flask import url_for

from indexer.results import ArticleDetail, ClusterDetail, csv_row

from indexer.search.diff import word_diff
from .links import quote_links, safe_name, twin_urls
from .marks import mark_quotes
from .pages import ArticlePage, ComparedQuote, QuotePage
from .twin import Reply


def article_reply(found: ArticleDetail, aid: str) -> Reply:
    """One article: metadata and the full text with every quote marked and attributed."""
    quotes = tuple(quote_links(q) for q in found.quotes)
    page = ArticlePage(found, quotes, twin_urls({}, base=f"/article/{aid}"))
    segments = mark_quotes(found.text or "", [{"spans": q.spans} for q in found.quotes])
    return Reply(page, csv_rows=[csv_row(q) for q in found.quotes], csv_name=f"article-{safe_name(aid)}",
                 context={"segments": segments})


def quote_reply(found: ClusterDetail, cid: str) -> Reply:
    """One quote as carried by several outlets: wordings side by side, differences marked."""
    base_text = found.quotes[0].text if found.quotes else ""
    quotes = tuple(quote_links(q, ComparedQuote, diff=None if i == 0 else word_diff(base_text, q.text or ""))
                   for i, q in enumerate(found.quotes))
    speaker_url = url_for("pages.speaker_page", sid=found.speaker_id) if found.speaker_id else None
    page = QuotePage(found, quotes, speaker_url, twin_urls({}, base=f"/quote/{cid}"))
    return Reply(page, csv_rows=[csv_row(q) for q in found.quotes], csv_name=f"quote-{safe_name(cid)}")
