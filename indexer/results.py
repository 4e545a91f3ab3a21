"""What the search API returns: small frozen records, defined once.

The CLI's rows and JSON, the web app's JSON twins and CSV columns, and the OpenAPI schema are
all read from these fields (`indexer.serial`). Text from articles is raw (never HTML);
highlighting is `Segments`: (text, is_match) pairs whose texts, joined, give the whole field, so
each surface escapes it its own way (Jinja autoescape, ANSI bold, *stars*).
"""
from __future__ import annotations

from dataclasses import field
from typing import Mapping, Optional, Union

from .records import Cluster, Mention, Speaker
from .serial import frozen, to_json

Segments = tuple[tuple[str, bool], ...]
Span = tuple[int, int]


def doc(text: str) -> dict:
    """Field metadata carrying a description for the schema."""
    return {"doc": text}


@frozen
class QuoteHit:
    """A quote as a search (or a speaker, article or cluster page) shows it."""

    kind: str = field(default="quote", init=False)
    id: str = field(metadata=doc("<article id>@<start>"))
    cluster: Optional[str] = field(metadata=doc("The cluster: the same quote in other articles."))
    text: str
    segments: Segments = field(metadata=doc("The text, highlighted."))
    speaker: Optional[str] = field(metadata=doc("Display name (or the article's own wording)."))
    speaker_id: Optional[str]
    role: Optional[str]
    cue: Optional[str] = field(metadata=doc('"said", "told", "admitted", ...'))
    medium: Optional[str] = field(metadata=doc('Where the quote was given: "DAZN".'))
    outlet: Optional[str] = field(metadata=doc("Who published the article."))
    date: Optional[str] = field(metadata=doc("YYYY-MM-DD"))
    article: str
    title: Optional[str]
    before: str = field(metadata=doc("Article text just before the quote (about 200 characters)."))
    after: str = field(metadata=doc("Article text just after the quote."))
    nested: bool
    cluster_size: int = field(metadata=doc("Articles carrying this quote."))
    score: float = field(metadata=doc("Relevance; 0 when ordered by date."))


@frozen
class ArticleQuote(QuoteHit):
    """A quote on its article's page: where it stands in the text and what it is attributed to."""

    spans: tuple[Span, ...] = field(metadata=doc("[start, end] of each piece in the article text."))
    speaker_mention: Optional[Mention] = field(metadata=doc("The words the attribution rests on."))


@frozen
class ArticleHit:
    """An article as a search shows it."""

    kind: str = field(default="article", init=False)
    id: str
    title: Optional[str]
    outlet: Optional[str]
    date: Optional[str]
    dateline: Optional[str]
    wire: Optional[str]
    snippet_segments: Segments = field(metadata=doc("Text around the first match, highlighted."))
    quote_count: int
    score: float


Hit = Union[QuoteHit, ArticleHit]


@frozen
class FacetCount:
    """One value of a facet and how many matches have it."""

    value: str
    label: str = field(metadata=doc("What to show: a speaker's name for their id."))
    count: int


@frozen
class Facets:
    """The facets of a search, each most frequent first (empty where the scope has none)."""

    speaker: tuple[FacetCount, ...] = ()
    outlet: tuple[FacetCount, ...] = ()
    medium: tuple[FacetCount, ...] = ()
    year: tuple[FacetCount, ...] = ()


@frozen
class SearchResult:
    """One page of a search, with facets over every match."""

    query: str = field(metadata=doc("As given."))
    scope: str
    total: int
    page: int
    per_page: int
    pages: int
    hits: tuple[Hit, ...]
    facets: Facets
    filters: Mapping[str, str] = field(metadata=doc("The filters applied (a speaker as an id)."))
    messages: tuple[str, ...] = field(metadata=doc("How the query was read."))
    suggestion: Optional[str] = field(metadata=doc('"Did you mean": a corrected query.'))
    sort: str = field(metadata=doc("The order used: an empty query lists newest first."))
    partial: bool = field(default=False, metadata=doc(
        "True when the search ran out of its time budget: hits, total and facets are those found "
        "by then (a message says so)."))


@frozen
class SpeakerMatch:
    """A typed name resolved: `match` when one speaker is clearly meant, else the candidates."""

    match: Optional[Speaker]
    candidates: tuple[Speaker, ...]


@frozen
class ClusterGroup:
    """One of a speaker's quotes, with every article that carried it."""

    cluster: str
    text: str = field(metadata=doc("The first wording."))
    outlets: tuple[str, ...]
    articles: tuple[str, ...]
    first_date: Optional[str]
    quotes: tuple[QuoteHit, ...]


@frozen
class TimelinePoint:
    """How often someone was quoted in one month."""

    period: str = field(metadata=doc("YYYY-MM"))
    count: int


@frozen
class SpeakerProfile:
    """One speaker: their quotes grouped by wording, oldest first, and a timeline."""

    speaker: Speaker
    clusters: tuple[ClusterGroup, ...]
    timeline: tuple[TimelinePoint, ...]


@frozen
class ArticleMeta:
    """What the corpus says about an article (its path, its text or its metadata)."""

    id: str = field(metadata=doc("Its path in the corpus, plus #N for the Nth record of a JSON file."))
    title: Optional[str]
    outlet: Optional[str] = field(metadata=doc("Who published it."))
    date: Optional[str] = field(metadata=doc("YYYY-MM-DD"))
    author: Optional[str]
    url: Optional[str]
    dateline: Optional[str] = field(metadata=doc('"MILAN", "WASHINGTON"'))
    wire: Optional[str] = field(metadata=doc('The wire agency: "AFP", "AP", "Reuters".'))


@frozen
class ArticleDetail(ArticleMeta):
    """One article: metadata, full text, every quote in it."""

    text: str
    quotes: tuple[ArticleQuote, ...]


@frozen
class ClusterDetail:
    """One quote as carried by several articles: each wording, oldest first."""

    id: str
    speaker: Optional[str]
    speaker_id: Optional[str]
    first_date: Optional[str]
    outlets: tuple[str, ...]
    quotes: tuple[QuoteHit, ...]


@frozen
class Stats:
    """The counts of an index, when and from what it was built, where it lives and its size."""

    articles: int
    quotes: int
    speakers: int
    clusters: int = field(metadata=doc("Quotes carried by two or more articles."))
    outlets: int
    files: int
    skipped_files: int
    built_at: Optional[str]
    mode: Optional[str] = field(metadata=doc('"build" or "update".'))
    corpus: tuple[str, ...]
    path: str
    size_bytes: int


@frozen
class IndexCheck:
    """What `check-index` found: whether every part of the index could be read and matched its
    checksum, and if not, what is wrong."""

    path: str
    ok: bool
    problems: tuple[str, ...] = field(metadata=doc("Each part that is missing, unreadable or changed."))
    message: str = field(metadata=doc("One line: sound, or damaged and how to rebuild it."))


@frozen
class QuoteRow:
    """A quote as `export` writes it: every stored fact."""

    id: str
    article: str
    spans: tuple[Span, ...]
    text: str
    speaker: Optional[str]
    speaker_id: Optional[str]
    speaker_name: Optional[str] = field(metadata=doc("The name as the article gives it."))
    speaker_mention: Optional[Mention]
    role: Optional[str]
    cue: Optional[str]
    outlet: Optional[str]
    medium: Optional[str]
    date: Optional[str]
    nested: bool
    rule: Optional[str] = field(metadata=doc("The attribution rule that found the speaker."))
    cluster: Optional[str]
    cluster_size: int


@frozen
class ArticleRow(ArticleMeta):
    """An article as `export` writes it (its text left out)."""

    hash: Optional[str] = field(metadata=doc("Content hash of its source, for `update`."))
    quote_count: Optional[int]


EXPORTS = {"quotes": QuoteRow, "articles": ArticleRow, "speakers": Speaker, "clusters": Cluster}


# The columns of a CSV row of each record (the CLI's --csv and the web's .csv twins), in order.
CSV_COLUMNS = {
    QuoteHit: ("id", "text", "speaker", "speaker_id", "role", "cue", "medium", "outlet", "date",
               "article", "title", "cluster", "cluster_size", "score"),
    ArticleHit: ("id", "title", "outlet", "date", "dateline", "wire", "quote_count", "score"),
    Speaker: ("id", "name", "quote_count", "outlets", "aliases", "first_date", "last_date"),
}


def csv_row(record) -> dict:
    """A record as a CSV row: its CSV_COLUMNS (those of the nearest class that has some)."""
    data = to_json(record)
    for cls in type(record).__mro__:
        if cls in CSV_COLUMNS:
            return {c: data[c] for c in CSV_COLUMNS[cls]}
    raise TypeError(f"no CSV columns for {type(record).__name__}")


# Spreadsheets run a cell that starts with one of these as a formula (=HYPERLINK(...), +cmd|...,
# -2+3, @SUM(...); tab and CR start one too in some): every CSV the product writes prefixes such
# a cell with a quote mark, unless asked for the raw values.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value, defuse: bool = True) -> str:
    """One CSV cell: lists joined with '; ', None empty; text that a spreadsheet would run as a
    formula gets a leading ' (unless defuse is False)."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):         # a number is no formula (-1.5 stays -1.5)
        return str(value)
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    value = str(value)
    if defuse and value.startswith(FORMULA_START):
        value = "'" + value
    return value
