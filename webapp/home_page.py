"""The home page: who is quoted most, the latest quotes, and ways in (search, check a quote)."""
from __future__ import annotations

from indexer import search as api

from .cache import per_generation
from .links import link, quote_links, speaker_links, twin_urls
from .pages import HomePage
from .search_page import date_range, examples, stats
from .store import get_index
from .twin import Reply

TOP_SPEAKERS = 12
LATEST = 10


def reply() -> Reply:
    """The home page; its lists stay the same until the index is rebuilt."""
    ix = get_index()
    top = per_generation(ix, "home_speakers", lambda: api.speakers(ix, sort="count", limit=TOP_SPEAKERS))
    latest = per_generation(ix, "home_latest", lambda: api.search(ix, sort="newest", per_page=LATEST))
    page = HomePage(stats(ix) or {}, tuple(speaker_links(s) for s in top), link({}, base="/speakers"),
                    tuple(quote_links(h) for h in latest.hits), latest.reports, link({}, base="/search", sort="newest"),
                    examples(ix), date_range(ix), twin_urls({}, base="/"))
    return Reply(page)
