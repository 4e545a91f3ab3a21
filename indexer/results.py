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
    """A quote as a search (or a speaker, article or cluster page) shows it. In a grouped search
    it stands for its cluster: the same quote as every article carried it."""

    kind: str = field(default="quote", init=False)
    id: str = field(metadata=doc("<article id>@<start>"))
    cluster: Optional[str] = field(metadata=doc("The cluster: the same quote in other articles."))
    text: str
    segments: Segments = field(metadata=doc("The text, highlighted."))
    speaker: Optional[str] = field(metadata=doc("Display name (or the article's own wording)."))
    speaker_id: Optional[str]
    speaker_kind: Optional[str] = field(metadata=doc('"person" or "organization".'))
    confidence: Optional[float] = field(metadata=doc(
        "How sure the attribution is, 0 to 1 (see docs/ATTRIBUTION.md); null without a speaker."))
    role: Optional[str]
    cue: Optional[str] = field(metadata=doc('"said", "told", "admitted", ...'))
    medium: Optional[str] = field(metadata=doc('Where the quote was given: "DAZN".'))
    outlet: Optional[str] = field(metadata=doc('Who published the article: its slug ("wash-post").'))
    outlet_name: Optional[str] = field(metadata=doc('The outlet\'s name ("The Washington Post").'))
    date: Optional[str] = field(metadata=doc("YYYY-MM-DD"))
    article: str
    title: Optional[str]
    before: str = field(metadata=doc("Article text just before the quote (about 200 characters)."))
    after: str = field(metadata=doc("Article text just after the quote."))
    nested: bool
    cluster_size: int = field(metadata=doc("Articles carrying this quote."))
    outlet_count: int = field(metadata=doc("Outlets carrying this quote (those of unknown outlet not counted)."))
    first_date: Optional[str] = field(metadata=doc("The earliest date it was carried."))
    first_outlet: Optional[str] = field(metadata=doc("The outlet of the article that carried it first (slug)."))
    first_outlet_name: Optional[str]
    first_article: str = field(metadata=doc("The article that carried it first (undated ones count last)."))
    score: float = field(metadata=doc("Relevance; 0 when not ordered by relevance."))


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
    outlet: Optional[str] = field(metadata=doc("Slug."))
    outlet_name: Optional[str]
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
    grouped: bool = field(metadata=doc(
        "Quotes grouped by cluster: each hit is one quote however many articles carried it, and "
        "`total` and the facets count such quotes, not reports."))
    total: int = field(metadata=doc("Matching quotes (clusters when grouped) or articles."))
    reports: int = field(metadata=doc("Matching quote documents (one per article carrying a quote)."))
    undated: int = field(metadata=doc("Of the total, how many have no date (listed last by date)."))
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
class SpeakerCandidate(Speaker):
    """A speaker a typed name may mean, with how alike the name is."""

    similarity: float = field(default=0.0, metadata=doc(
        "0-100: the typed words against the name, the surname or the first name (100: an exact name)."))


@frozen
class SpeakerMatch:
    """A typed name resolved: `match` when one speaker is clearly meant, else the candidates,
    ranked by similarity, then quote count."""

    match: Optional[Speaker]
    candidates: tuple[SpeakerCandidate, ...]
    sure: bool = field(metadata=doc("False: the name may mean any of the candidates; ask again."))
    message: Optional[str] = field(metadata=doc('How the name was read ("No speaker named ...; closest: ...").'))


@frozen
class ClusterGroup:
    """One of a speaker's quotes, with every article that carried it."""

    cluster: str
    text: str = field(metadata=doc("The first wording."))
    outlets: tuple[str, ...] = field(metadata=doc("Slugs."))
    outlet_names: tuple[str, ...] = field(metadata=doc("The same outlets by name, in the same order."))
    articles: tuple[str, ...]
    first_date: Optional[str]
    last_date: Optional[str]
    quotes: tuple[QuoteHit, ...]


@frozen
class TimelinePoint:
    """How often someone was quoted in one month."""

    period: str = field(metadata=doc("YYYY-MM"))
    count: int


@frozen
class SpeakerProfile:
    """One speaker: their quotes grouped by wording in the order asked, a timeline of all of
    them, and the outlets and years that filter them."""

    speaker: Speaker
    sort: str = field(metadata=doc('"newest", "oldest" or "carried" (articles carrying it).'))
    filters: Mapping[str, str] = field(metadata=doc("The filters applied (outlet as a slug)."))
    quote_count: int = field(metadata=doc("Their quotes that pass the filters."))
    clusters: tuple[ClusterGroup, ...]
    timeline: tuple[TimelinePoint, ...] = field(metadata=doc("Every quote of theirs, filters aside."))
    outlets: tuple[FacetCount, ...] = field(metadata=doc("The outlets quoting them, most often first."))
    years: tuple[FacetCount, ...] = field(metadata=doc("The years they were quoted, newest first."))


@frozen
class ArticleMeta:
    """What the corpus says about an article (its path, its text or its metadata)."""

    id: str = field(metadata=doc("Its path in the corpus, plus #N for the Nth record of a JSON file."))
    title: Optional[str]
    outlet: Optional[str] = field(metadata=doc("Who published it (slug)."))
    outlet_name: Optional[str]
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
    outlets: tuple[str, ...] = field(metadata=doc("Slugs."))
    outlet_names: tuple[str, ...] = field(metadata=doc("The same outlets by name, in the same order."))
    unknown_outlet: int = field(metadata=doc("Articles carrying it whose outlet is unknown."))
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
    first_date: Optional[str] = field(metadata=doc("The oldest article date."))
    last_date: Optional[str] = field(metadata=doc("The newest article date."))


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
    """A quote as `export` writes it: every stored fact (its CSV: the one quote row layout)."""

    id: str
    article: str
    spans: tuple[Span, ...]
    text: str
    speaker: Optional[str]
    speaker_id: Optional[str]
    speaker_name: Optional[str] = field(metadata=doc("The name as the article gives it."))
    speaker_mention: Optional[Mention]
    speaker_kind: Optional[str]
    confidence: Optional[float]
    role: Optional[str]
    cue: Optional[str]
    outlet: Optional[str]
    outlet_name: Optional[str]
    medium: Optional[str]
    date: Optional[str]
    title: Optional[str]
    nested: bool
    rule: Optional[str] = field(metadata=doc("The attribution rule that found the speaker."))
    cluster: Optional[str]
    cluster_size: int
    outlet_count: int
    first_date: Optional[str]
    first_outlet: Optional[str]
    first_article: str


@frozen
class ArticleRow(ArticleMeta):
    """An article as `export` writes it (its text left out)."""

    hash: Optional[str] = field(metadata=doc("Content hash of its source, for `update`."))
    quote_count: Optional[int]


@frozen
class DiffSegment:
    """A run of words that two wordings share, or that one of them lacks."""

    text: str
    op: str = field(metadata=doc('"equal", "insert" (only this wording), "delete" (only the first), '
                                 'or "outside" (the rest of a quote the text covers only part of)'))


@frozen
class WordDiff:
    """How a wording differs from the first one, word by word."""

    segments: tuple[DiffSegment, ...]
    ratio: float = field(metadata=doc("Share of the same words, 0 to 1."))


@frozen
class CheckMatch:
    """A quote of the index that a checked text may be: who said it, who ran it first, how many
    outlets carried it, and the text against its closest real wording."""

    cluster: str
    score: int = field(metadata=doc("0-100: how close the text is to the real wording."))
    how: str = field(metadata=doc('"same words", "reordered", "part of the quote" or "reworded".'))
    speaker: Optional[str]
    speaker_id: Optional[str]
    text: str = field(metadata=doc("The closest real wording."))
    diff: WordDiff = field(metadata=doc("The checked text against that wording: `insert` words are "
                                        "only in the checked text, `delete` words only in the quote."))
    first: QuoteHit = field(metadata=doc("The report that carried it first."))
    outlets: tuple[str, ...] = field(metadata=doc("Slugs of the outlets that carried it."))
    outlet_names: tuple[str, ...]
    outlet_count: int
    article_count: int
    first_date: Optional[str]


@frozen
class CheckResult:
    """Check a quote: the quotes of the index closest to a pasted text, best first."""

    query: str = field(metadata=doc("The text as checked."))
    verdict: str = field(metadata=doc('"found" (a close match), "similar" (only looser ones) or "none".'))
    message: str = field(metadata=doc("The answer in a sentence."))
    matches: tuple[CheckMatch, ...]


@frozen
class QueryExample:
    """An example of the query syntax that finds something in this index."""

    query: str
    what: str = field(metadata=doc("What the syntax does."))
    total: int = field(metadata=doc("How many quotes it finds here."))


EXPORTS = {"quotes": QuoteRow, "articles": ArticleRow, "speakers": Speaker, "clusters": Cluster}


# The one quote row layout: every CSV of quotes (the web's .csv twins, `search --csv`,
# `speaker --csv`, `check --csv` and `export --format csv`) has these columns in this order.
QUOTE_CSV = ("id", "text", "speaker", "speaker_id", "speaker_kind", "confidence", "role", "cue",
             "medium", "outlet", "outlet_name", "date", "article", "title", "nested", "cluster",
             "cluster_size", "outlet_count", "first_date", "first_outlet", "first_article")

# The columns of a CSV row of each record (the CLI's --csv and the web's .csv twins), in order.
CSV_COLUMNS = {
    QuoteHit: QUOTE_CSV,
    QuoteRow: QUOTE_CSV,
    ArticleHit: ("id", "title", "outlet", "outlet_name", "date", "dateline", "wire", "quote_count", "score"),
    Speaker: ("id", "name", "kind", "quote_count", "outlets", "aliases", "first_date", "last_date"),
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
