"""What each page shows: typed page contexts, one per page, whose JSON is the page's JSON twin and
the HTML template's `d` (see `indexer.serial` for how fields become JSON).

Hits and entities come from the search API's records (`indexer.results`) with the links a page
adds: a nested record marked `flatten` is spliced in, and a later field of the same name (the
linked quotes of an article) takes its place in the JSON, where the record had it.
"""
from __future__ import annotations

from dataclasses import field
from typing import Mapping, Optional, Union

from indexer.records import Speaker
from indexer.results import (ArticleDetail, ArticleHit, ClusterDetail, ClusterGroup, QuoteHit,
                             TimelinePoint, doc)
from indexer.serial import frozen, record

FLAT = {"flatten": True}


def ok_flag(value: bool = True):
    """The "ok" field every page's JSON carries: true, or false on an error page."""
    return field(default=value, init=False)


# Small records are declared on one line (indexer.serial.record), the larger ones as classes.
Twins = record("Twins", "This page as HTML, JSON and CSV (same parameters).", html=str, json=str, csv=str)


# ---------------------------------------------------------------------------------------------
# Hits, speakers and clusters with their links


@frozen
class LinkedQuote:
    """A quote with links to its speaker, its article (at the quote) and its quote page."""

    hit: QuoteHit = field(metadata=FLAT)
    anchor: str = field(metadata=doc("The id of the quote's mark on its article page."))
    article_url: str
    speaker_url: Optional[str]
    quote_url: Optional[str]


@frozen
class LinkedArticle:
    """An article hit with a link to its page."""

    hit: ArticleHit = field(metadata=FLAT)
    url: str


LinkedHit = Union[LinkedQuote, LinkedArticle]


DiffSegment = record("DiffSegment", "A run of words that two wordings share, or that one of them lacks.",
                     text=str, op=(str, field(metadata=doc(
                         '"equal", "insert" (only this wording) or "delete" (only the first)'))))
WordDiff = record("WordDiff", "How a wording differs from the first one, word by word.",
                  segments=tuple[DiffSegment, ...],
                  ratio=(float, field(metadata=doc("Share of the same words, 0 to 1."))))


@frozen
class ComparedQuote(LinkedQuote):
    """One outlet's wording on a quote page, compared with the first wording (None on the first)."""

    diff: Optional[WordDiff]


@frozen
class LinkedSpeaker:
    """A speaker with a link to their page."""

    speaker: Speaker = field(metadata=FLAT)
    url: str


@frozen
class LinkedCluster:
    """One of a speaker's quotes with links to its quote page and to each article carrying it."""

    group: ClusterGroup = field(metadata=FLAT)
    quotes: tuple[LinkedQuote, ...]
    url: Optional[str]


# ---------------------------------------------------------------------------------------------
# Navigation


PageLink = record("PageLink", "A numbered page link.", page=int, url=str, current=bool)
PageGap = record("PageGap", "The … between page links.", gap=(bool, field(default=True)))
Pagination = record("Pagination", "Previous, next and a window of page links: 1 … 4 5 [6] 7 8 … 20.",
                    prev_url=Optional[str], next_url=Optional[str], items=tuple[Union[PageLink, PageGap], ...])
Pager = record("Pager", "Previous and next on pages that are not searches.", prev_url=Optional[str],
               next_url=Optional[str], page=int, pages=int, base_url=str)


# ---------------------------------------------------------------------------------------------
# The search page


@frozen
class FacetValue:
    """A facet value in Datasette's shape: following toggle_url switches the filter on or off."""

    value: str
    label: str
    count: int
    selected: bool
    toggle_url: str = field(metadata=doc("This search with the filter switched on (or off when selected)."))


@frozen
class FacetValues:
    """The facets of a search page."""

    speaker: tuple[FacetValue, ...]
    outlet: tuple[FacetValue, ...]
    medium: tuple[FacetValue, ...]
    year: tuple[FacetValue, ...]


ActiveFilter = record("ActiveFilter", "A filter in use, with the link that removes it.", name=str, title=str,
                      value=str, label=str, remove_url=str)
HelpLink = record("HelpLink", "A way out of an empty result.", label=str, url=str)
Suggestion = record("Suggestion", "'Did you mean': the corrected query and its search.", query=str, url=str)


@frozen
class SearchPage:
    """The search page (and the home page): hits, facets, filters in use, pages."""

    ok: bool = ok_flag()
    query: str
    scope: str
    sort: str = field(metadata=doc("The order used: an empty query lists newest first."))
    raw: bool
    since: Optional[str]
    until: Optional[str]
    filters: Mapping[str, str] = field(metadata=doc("The filters as asked for."))
    total: int
    page: int
    per_page: int
    pages: int
    first: int
    last: int
    range_text: str = field(metadata=doc("results 11–20 of 87"))
    messages: tuple[str, ...]
    suggestion: Optional[Suggestion]
    active: tuple[ActiveFilter, ...]
    help: tuple[HelpLink, ...]
    hits: tuple[LinkedHit, ...]
    facets: FacetValues
    pagination: Pagination
    sort_urls: Mapping[str, str]
    scope_urls: Mapping[str, str]
    urls: Twins
    stats: Optional[Mapping[str, Union[int, str, None]]] = field(
        default=None, metadata={"omit_none": True, "doc": "The index's counts (home page only)."})
    partial: bool = field(default=False, metadata=doc(
        "True when the search ran out of its time budget: hits, total and facets are those found by then."))


# ---------------------------------------------------------------------------------------------
# Speakers


LetterLink = record("LetterLink", "A letter of the A-Z bar.", letter=str, url=str, current=bool)
LetterGroup = record("LetterGroup", "The speakers of one page filed under one letter.", letter=str,
                     speakers=tuple[LinkedSpeaker, ...])


@frozen
class SpeakersPage:
    """Every speaker A-Z with quote counts, by letter or name prefix."""

    ok: bool = ok_flag()
    query: str
    letter: Optional[str]
    total: int
    page: int
    per_page: int
    pages: int
    messages: tuple[str, ...]
    letters: tuple[LetterLink, ...]
    speakers: tuple[LinkedSpeaker, ...]
    groups: tuple[LetterGroup, ...]
    candidates: tuple[LinkedSpeaker, ...] = field(metadata=doc("Close names when a prefix finds nobody."))
    pagination: Pager
    urls: Twins


Bar = record("Bar", "One bar of the quotes-over-time chart (SVG coordinates).", period=str, count=int,
             x=int, y=int, w=int, h=int)
Chart = record("Chart", "The quotes-over-time chart: months with gaps filled (years over ten years).",
               bars=tuple[Bar, ...], unit=str, max=int, width=int, height=int)


@frozen
class SpeakerHead:
    """What every speaker page shows first."""

    ok: bool = ok_flag()
    speaker: Speaker
    query: str
    page: int
    messages: tuple[str, ...]
    timeline: tuple[TimelinePoint, ...]
    chart: Chart
    cluster_count: int
    total: int
    pages: int


@frozen
class SpeakerPage(SpeakerHead):
    """One speaker: their quotes grouped by wording."""

    clusters: tuple[LinkedCluster, ...]
    pagination: Pager
    urls: Twins


@frozen
class SpeakerSearchPage(SpeakerHead):
    """One speaker: their quotes that match ?q=."""

    hits: tuple[LinkedQuote, ...]
    suggestion: Optional[str]
    pagination: Pager
    urls: Twins


# ---------------------------------------------------------------------------------------------
# Article, quote, names, errors


TextPart = record("TextPart", "Which part of a long article's text the page holds ([start, end) of its "
                  "characters, and the quotes in them); the others are at prev_url and next_url.",
                  part=int, parts=int, start=int, end=int,
                  length=(int, field(metadata=doc("Characters in the whole text."))),
                  quotes=(int, field(metadata=doc("Quotes in the whole article."))),
                  prev_url=Optional[str], next_url=Optional[str])
ArticlePage = record("ArticlePage", "One article with every quote marked and linked; a long text in parts.",
                     article=(ArticleDetail, field(metadata=FLAT)), quotes=tuple[LinkedQuote, ...],
                     ok=(bool, ok_flag()), urls=Twins, text_part=TextPart)
QuotePage = record("QuotePage", "One quote as carried by several outlets: each wording, differences marked.",
                   cluster=(ClusterDetail, field(metadata=FLAT)), quotes=tuple[ComparedQuote, ...],
                   ok=(bool, ok_flag()), speaker_url=Optional[str], urls=Twins)
NameLink = record("NameLink", "A completion: a speaker's name and page.", id=str, name=str, quote_count=int,
                  url=str)
NamesPage = record("NamesPage", "Name completion for the search-as-you-type box.", ok=(bool, ok_flag()),
                   query=str, names=tuple[NameLink, ...])
ErrorPage = record("ErrorPage", "An error as a page or JSON: what went wrong and what to change.",
                   ok=(bool, ok_flag(False)), status=int, title=str, error=str)
