"""What each page shows: typed page contexts, one per page, whose JSON is the page's JSON twin and
the HTML template's `d` (see `indexer.serial` for how fields become JSON).

Hits and entities come from the search API's records (`indexer.results`) with the links a page
adds: a nested record marked `flatten` is spliced in, and a later field of the same name (the
linked quotes of an article) takes its place in the JSON, where the record had it.

List pages (search, speakers, a speaker, name completion, check a quote) share Datasette's
shape: the listed items are `rows`, their number `count`, and `next` / `next_url` lead to the
next page (null on the last); `_size`, `_next` and `_shape=objects|arrays` are read by every one.
"""
from __future__ import annotations

from dataclasses import field
from typing import Mapping, Optional, Union

from indexer.records import Speaker
from indexer.results import (ArticleDetail, ArticleHit, CheckMatch, ClusterDetail, ClusterGroup, QueryExample,
                             QuoteHit, SpeakerCandidate, TimelinePoint, WordDiff, doc)
from indexer.serial import frozen, record

FLAT = {"flatten": True}


def ok_flag(value: bool = True):
    """The "ok" field every page's JSON carries: true, or false on an error page."""
    return field(default=value, init=False)


def next_token():
    """The `next` field of a list page."""
    return field(metadata=doc("Pass as `_next` for the next page; null on the last page."))


def next_link():
    """The `next_url` field of a list page."""
    return field(metadata=doc("The next page in this format; null on the last page."))


# Small records are declared on one line (indexer.serial.record), the larger ones as classes.
Twins = record("Twins", "This page as HTML, JSON and CSV (same parameters).", html=str, json=str, csv=str)


# ---------------------------------------------------------------------------------------------
# Hits, speakers and clusters with their links


@frozen
class LinkedQuote:
    """A quote with links to its speaker, its article (at the quote), its quote page and the
    article that carried it first."""

    hit: QuoteHit = field(metadata=FLAT)
    anchor: str = field(metadata=doc("The id of the quote's mark on its article page."))
    article_url: str
    speaker_url: Optional[str]
    quote_url: Optional[str]
    first_url: str = field(metadata=doc("The page of the article that carried it first."))


@frozen
class LinkedArticle:
    """An article hit with a link to its page."""

    hit: ArticleHit = field(metadata=FLAT)
    url: str


LinkedHit = Union[LinkedQuote, LinkedArticle]


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
class LinkedCandidate:
    """A speaker a typed name may mean, with a link to their page."""

    speaker: SpeakerCandidate = field(metadata=FLAT)
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
Choice = record("Choice", "One way to order or narrow a list, with its link.", value=str, label=str,
                selected=bool, url=str)


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
LinkedExample = record("LinkedExample", "A query-syntax example that finds something here, and its search.",
                       example=(QueryExample, field(metadata=FLAT)), url=str)
DateRange = record("DateRange", "The dates of the index's oldest and newest articles.",
                   first=Optional[str], last=Optional[str])


@frozen
class SearchPage:
    """The search page: hits (one per quote, however many articles carried it), facets, filters
    in use, pages, query help."""

    ok: bool = ok_flag()
    query: str
    scope: str
    sort: str = field(metadata=doc("The order used: an empty query lists newest first."))
    raw: bool
    grouped: bool = field(metadata=doc("Quotes grouped by cluster; `count` and the facets count quotes."))
    since: Optional[str]
    until: Optional[str]
    min_confidence: Optional[float] = field(metadata=doc("Attributions less sure than this are hidden."))
    filters: Mapping[str, str] = field(metadata=doc("The filters as asked for."))
    count: int = field(metadata=doc("Matching quotes (grouped) or articles."))
    reports: int = field(metadata=doc("Matching quote documents: one per article carrying a quote."))
    undated: int = field(metadata=doc("Of `count`, those without a date (listed last by date)."))
    page: int
    per_page: int
    pages: int
    first: int
    last: int
    range_text: str = field(metadata=doc("quotes 11–20 of 87"))
    order_note: Optional[str] = field(metadata=doc('What the order does with undated results.'))
    messages: tuple[str, ...]
    suggestion: Optional[Suggestion]
    active: tuple[ActiveFilter, ...]
    help: tuple[HelpLink, ...]
    rows: tuple[LinkedHit, ...]
    facets: FacetValues
    pagination: Pagination
    sorts: tuple[Choice, ...]
    scope_urls: Mapping[str, str]
    group_url: str = field(metadata=doc("This search grouped by quote, or one row per article if it is."))
    dates: DateRange
    examples: tuple[LinkedExample, ...]
    next: Optional[str] = next_token()
    next_url: Optional[str] = next_link()
    urls: Twins
    partial: bool = field(default=False, metadata=doc(
        "True when the search ran out of its time budget: hits, total and facets are those found by then."))


@frozen
class HomePage:
    """The home page: the most quoted speakers, the latest quotes, and ways in."""

    ok: bool = ok_flag()
    stats: Mapping[str, Union[int, str, None]] = field(metadata=doc("The index's counts and dates."))
    speakers: tuple[LinkedSpeaker, ...] = field(metadata=doc("The most quoted speakers."))
    speakers_url: str
    latest: tuple[LinkedQuote, ...] = field(metadata=doc("The latest quotes, one per quote."))
    listed: int = field(metadata=doc(
        "Quote documents behind `latest` (every quote of every article), counted from the documents "
        "of the same generation as `stats` (counted when the index was written)."))
    latest_url: str
    examples: tuple[LinkedExample, ...]
    dates: DateRange
    urls: Twins


# ---------------------------------------------------------------------------------------------
# Speakers


LetterLink = record("LetterLink", "A letter of the A-Z bar.", letter=str, url=str, current=bool)
LetterGroup = record("LetterGroup", "The speakers of one page filed under one letter.", letter=str,
                     speakers=tuple[LinkedSpeaker, ...])


@frozen
class SpeakersPage:
    """Speakers, most quoted first (or A-Z), by kind, outlet, period, letter or name."""

    ok: bool = ok_flag()
    query: str
    letter: Optional[str]
    sort: str = field(metadata=doc('"count" (most quoted first) or "name" (A-Z).'))
    kind: Optional[str]
    outlet: Optional[str]
    since: Optional[str]
    until: Optional[str]
    count: int
    page: int
    per_page: int
    pages: int
    messages: tuple[str, ...]
    letters: tuple[LetterLink, ...]
    rows: tuple[LinkedSpeaker, ...] = field(metadata=doc(
        "quote_count: their quotes in the outlet and period asked for, if any."))
    groups: tuple[LetterGroup, ...] = field(metadata=doc("The rows by initial (A-Z order only)."))
    candidates: tuple[LinkedCandidate, ...] = field(metadata=doc(
        "When no name starts so: the closest names, most alike first, then most quoted."))
    sure: bool = field(metadata=doc("The first candidate is clearly the one meant."))
    sorts: tuple[Choice, ...]
    kinds: tuple[Choice, ...]
    outlets: tuple[Choice, ...]
    pagination: Pager
    next: Optional[str] = next_token()
    next_url: Optional[str] = next_link()
    urls: Twins


Bar = record("Bar", "One bar of the quotes-over-time chart (SVG coordinates) and the quotes of its period.",
             period=str, count=int, x=int, y=int, w=int, h=int, url=str)
Chart = record("Chart", "The quotes-over-time chart: months with gaps filled (years over ten years).",
               bars=tuple[Bar, ...], unit=str, max=int, width=int, height=int)


@frozen
class SpeakerHead:
    """What every speaker page shows first."""

    ok: bool = ok_flag()
    speaker: Speaker
    query: str
    sort: str = field(metadata=doc('"newest" (default), "oldest", "carried", or "relevance" with words.'))
    filters: Mapping[str, str] = field(metadata=doc("outlet (slug), year, since, until, min_confidence."))
    page: int
    messages: tuple[str, ...]
    timeline: tuple[TimelinePoint, ...]
    chart: Chart
    quote_count: int = field(metadata=doc("Their quotes that pass the filters."))
    count: int = field(metadata=doc("Distinct quotes listed (clusters), or hits for words."))
    pages: int
    sorts: tuple[Choice, ...]
    outlets: tuple[FacetValue, ...] = field(metadata=doc("Their outlets; toggle_url filters by one."))
    years: tuple[FacetValue, ...]
    active: tuple[ActiveFilter, ...]


@frozen
class SpeakerPage(SpeakerHead):
    """One speaker: their quotes grouped by wording."""

    rows: tuple[LinkedCluster, ...]
    pagination: Pager
    next: Optional[str] = next_token()
    next_url: Optional[str] = next_link()
    urls: Twins


@frozen
class SpeakerSearchPage(SpeakerHead):
    """One speaker: their quotes that match ?q=."""

    rows: tuple[LinkedQuote, ...]
    suggestion: Optional[str]
    pagination: Pager
    next: Optional[str] = next_token()
    next_url: Optional[str] = next_link()
    urls: Twins


# ---------------------------------------------------------------------------------------------
# Check a quote


@frozen
class LinkedMatch:
    """A quote a checked text may be, with links to its speaker, its quote page and the article
    that carried it first."""

    match: CheckMatch = field(metadata=FLAT)
    speaker_url: Optional[str]
    quote_url: str
    first_url: str


@frozen
class CheckPage:
    """Check a quote: the quotes closest to a pasted text, who said them, where they ran first."""

    ok: bool = ok_flag()
    query: str
    verdict: Optional[str] = field(metadata=doc(
        '"found", "similar" or "none"; "invalid" on the page of a text that cannot be checked (its '
        'JSON twin is a 400 error); null before a check.'))
    message: Optional[str]
    max_length: int
    rows: tuple[LinkedMatch, ...]
    count: int
    next: Optional[str] = next_token()
    next_url: Optional[str] = next_link()
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
                   query=str, rows=tuple[NameLink, ...], count=int, next=(Optional[str], next_token()),
                   next_url=(Optional[str], next_link()))
ErrorPage = record("ErrorPage", "An error as a page or JSON: what went wrong and what to change.",
                   ok=(bool, ok_flag(False)), status=int, title=str, error=str)
