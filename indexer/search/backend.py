"""The narrow interface between the search API and an index engine (Whoosh today).

The API (the other modules of this package) validates parameters, parses the user's query once
into a tree of `whoosh.query` nodes whose words are already analysed (folded, stemmed: the index's
own language, `indexer.store.schema`), resolves speaker names, and turns what a backend returns
into the records users see: hits with highlighting, labelled facets, pages, entity pages. A
backend only stores and finds documents. `backend.generation()` is the current generation of the
index (what a reader sees between two swaps: its public id and small tables); documents are read
through a `View`, bound to one generation, with these calls and the records below:

    view.generation                    -> Generation: public id, meta, speakers, clusters, words,
                                          outlets
    view.search(SearchRequest)         -> SearchOutcome: one page of scored documents (or, with
                                          `group`, one per cluster), the total, facet counts over
                                          every match, the matched words, how many have no date;
                                          within the request's bounds (expansion, seconds)
    view.similar(words, limit)         -> [Scored]  quotes sharing the most of these words, best
                                          first: the candidates check-a-quote scores
    view.quotes(by, value)             -> [QuoteDoc]  by "speaker_id" | "article" | "cluster"
    view.article(article_id)           -> ArticleDoc or None
    view.documents(kind)               -> iterator of QuoteDoc ("quote") or ArticleDoc ("article")
    view.outlet_count()                -> distinct outlets of the live articles
    view.size_bytes()                  -> bytes the index takes

A second backend (PostgreSQL: tsvector and GIN for the words, SQL aggregation for facets)
implements `Backend` and `View`, compiles the query tree and the `Filters`, and registers itself
in `indexer.search.backends`; the API, the CLI and the web app do not change.
"""
from __future__ import annotations

import math
import threading
from collections import Counter
from typing import Callable, Iterator, Mapping, Optional, Protocol, Union

from whoosh import query as Q

from ..results import ArticleRow
from ..serial import frozen
from ..store.schema import bigrams
from ..settings import DEFAULTS

QUOTE_KEYS = ("speaker_id", "article", "cluster")   # what `View.quotes` looks quotes up by
# Check a quote (`View.similar`): at most this many words and pairs look for a pasted quote,
# with at most this many postings between them, whatever the paste.
MAX_TERMS = 16
POSTINGS_BUDGET = 4000
MAX_EDITS = 2              # a fuzzy word with more allowed edits matches most of the lexicon



def similar_terms(words) -> list[tuple[str, str]]:
    """What `View.similar` looks a paste up by: its words and adjacent word pairs, as (field, term)."""
    return sorted({("quote", w) for w in words} | {("quote_pairs", p) for p in bigrams(list(words))})


def rarest_terms(df: dict, n: int) -> list[tuple[tuple[str, str], float]]:
    """The terms `View.similar` scores by, each with its weight: the rarest first (df > 0) while
    their postings stay under POSTINGS_BUDGET (at most MAX_TERMS), each worth
    log((n + 1) / (df + 0.5)) to the quotes holding it; n the quotes of the generation. One choice
    for every backend, so that they find and score the same quotes."""
    chosen, spent = [], 0
    for i, t in enumerate(sorted((t for t in df if df[t]), key=lambda t: (df[t], t))):
        if i and (spent + df[t] > POSTINGS_BUDGET or i == MAX_TERMS):
            break
        spent += df[t]
        chosen.append((t, math.log((n + 1) / (df[t] + 0.5))))
    return chosen

def shown(node: Q.MultiTerm) -> str:
    """An expanding leaf as the user wrote it, near enough (field:text), for the notes."""
    return f"{node.field()}:{node}".replace(f"{node.field()}:{node.field()}:", f"{node.field()}:")


def expansion_note(node: Q.MultiTerm, max_terms: int) -> str:
    """The note of a search whose expanding leaf stood for more indexed words than it may."""
    return (f"{shown(node)} matches more than {max_terms} words; only the first {max_terms} "
            "(in alphabetical order) were searched.")


def fuzzy_note(node: Q.FuzzyTerm) -> str:
    """The note of a fuzzy word that allowed more than MAX_EDITS edits."""
    return f"A fuzzy word allows at most {MAX_EDITS} edits; {node.text!r} was searched with {MAX_EDITS}."


class QueryFailed(Exception):
    """The engine could not run a parsed query (e.g. a phrase on a keyword field).

    `kind` names the engine's own error (shown to the user, who is then served plain words).
    """

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


class Generation:
    """One generation of an index: its public id and the small tables loaded with it.

    The API keeps what it derives from these tables (the name look-up table, cached listings) in
    `memo`, so that it is computed once per generation and dropped with it after a swap.
    """

    def __init__(self, gen_id: str, meta: Mapping, speakers: Mapping, clusters: Mapping,
                 words: Mapping, outlets: Optional[Mapping] = None):
        self.id = gen_id              # changes with every build and update; never reused
        self.meta = meta              # meta.json: format, build time, corpus roots, counts
        self.speakers = speakers      # speaker id -> table row (id, name, aliases, counts, kind, ...)
        self.clusters = clusters      # cluster id -> table row, for clusters of 2+ articles
                                      # (with first_quote, first_article, first_outlet: who ran it first)
        self.words = words            # folded quote word -> count ("did you mean")
        self.outlets = outlets or {}  # outlet slug -> display name ("nyt" -> "The New York Times")
        self._memo: dict = {}
        self._memo_lock = threading.Lock()

    def memo(self, key, compute: Callable[[], object]):
        """compute() once for this generation; later calls (from any thread) get the same value.

        Computed outside the lock, so that one memo may use another: two threads arriving at
        once may both compute, and the first value stored is the one everybody gets.
        """
        try:
            return self._memo[key]
        except KeyError:
            pass
        value = compute()
        with self._memo_lock:
            return self._memo.setdefault(key, value)


@frozen
class Filters:
    """The filters of a search, validated and resolved (a speaker is an id here)."""

    speaker_id: Optional[str] = None
    outlet: Optional[str] = None       # as typed: the backend matches it case- and accent-blind
    medium: Optional[str] = None
    year: Optional[str] = None         # YYYY
    since: Optional[str] = None        # YYYY-MM-DD, inclusive
    until: Optional[str] = None        # YYYY-MM-DD, inclusive
    min_confidence: Optional[float] = None   # quotes whose attribution is at least this sure
                                             # (0-1); quotes without a speaker drop out


# How a search orders its hits (the backend's words; the API's sorts map onto them).
ORDERS = ("relevance", "newest", "oldest", "carried")


@frozen
class SearchRequest:
    """One search as a backend runs it."""

    scope: str                          # "quotes" or "articles"
    query: Optional[Q.Query]            # the parsed query; None lists everything that passes
    filters: Filters
    order: str                          # one of ORDERS: "relevance" by score (a query is needed);
                                        # "newest" / "oldest" by date, undated ones last; "carried"
                                        # by cluster_size (articles carrying it), then newest.
                                        # Ties in index order.
    start: int                          # the page: hits [start, stop) of the ranked list
    stop: int
    facets: tuple[str, ...] = ()        # facet names to count over every match ("speaker", ...)
    group: bool = False                 # quotes: one hit per cluster, the first of its matches in
                                        # the order; `total`, the page and the facets count
                                        # clusters (a facet value: the clusters with a match that
                                        # has it)
    # The bounds every search keeps: an expanding word (prefix, wildcard, range, fuzzy) matches
    # at most max_expansion indexed words; after `seconds` the backend stops and answers with
    # what it found (SearchOutcome.partial), and says what it cut (SearchOutcome.notes).
    max_expansion: int = DEFAULTS.max_expansion
    seconds: float = DEFAULTS.search_seconds


@frozen
class QuoteDoc:
    """A stored quote document (missing values are None)."""

    id: str
    article: str
    text: str
    start: Optional[int] = None
    title: Optional[str] = None
    speaker_name: Optional[str] = None  # the name as the article gives it
    speaker_id: Optional[str] = None
    role: Optional[str] = None
    cue: Optional[str] = None
    outlet: Optional[str] = None        # a slug; its name is in Generation.outlets
    medium: Optional[str] = None
    date: Optional[str] = None
    cluster: Optional[str] = None
    spans: tuple[tuple[int, int], ...] = ()   # (start, end) of each piece in the article text
    mention: Optional[Mapping] = None   # the words the attribution rests on, as stored: {text, start, end}
    nested: bool = False
    rule: Optional[str] = None
    before: str = ""                    # article text just before and after the quote
    after: str = ""
    speaker_kind: Optional[str] = None  # "person" or "organization"
    confidence: Optional[float] = None  # 0-1, how sure the attribution is


@frozen
class ArticleDoc(ArticleRow):
    """A stored article document: what `export` writes of it, and its text."""

    text: str


Doc = Union[QuoteDoc, ArticleDoc]


@frozen
class Scored:
    """A document on the page of a search, with its score (None when not ordered by score)."""

    doc: Doc
    score: Optional[float]
    matched: int = 1                    # grouped: how many matches its cluster holds


@frozen
class SearchOutcome:
    """What a backend found: the page, the number of matches, facet counts, matched words."""

    hits: tuple[Scored, ...]
    total: int
    facets: Mapping[str, Counter]       # facet name -> Counter of values (empty values left out)
    terms: Mapping[str, frozenset]      # field ("quote", "text", ...) -> matched indexed words
    undated: int = 0                    # matches (clusters when grouped) without a date, when
                                        # the "year" facet was counted
    reports: int = 0                    # matching documents (grouped: total counts clusters)
    partial: bool = False               # the time budget ran out: hits, total and facets are what was found by then
    notes: tuple[str, ...] = ()         # what was cut (an expansion over its bound), for the user


class View(Protocol):
    """A backend's answers, all from one generation of the index."""

    generation: Generation

    def search(self, request: SearchRequest) -> SearchOutcome:
        """Run a search within the request's bounds; raises QueryFailed when the engine cannot
        run the query, IndexDamaged when the index turns out damaged."""

    def similar(self, words: tuple[str, ...], limit: int) -> list[Scored]:
        """Up to `limit` quotes that share the most of these words (analysed the index's way,
        repeats allowed), best first by the engine's relevance: the candidates check-a-quote
        scores. Must not read every quote: the rarest words are enough to find a quote."""

    def quotes(self, by: str, value: str) -> list[QuoteDoc]:
        """Every quote whose `by` (one of QUOTE_KEYS) is value, in no particular order."""

    def article(self, article_id: str) -> Optional[ArticleDoc]:
        """One article, or None."""

    def documents(self, kind: str) -> Iterator[Doc]:
        """Every document of a kind ("quote" or "article"), in no particular order."""

    def outlet_count(self) -> int:
        """How many distinct outlets the live articles have."""

    def size_bytes(self) -> int:
        """The size of the index."""


class Backend(Protocol):
    """An open index of one engine, shared by every thread of a process.

    Opening raises IndexNotFound when there is no index, IndexDamaged (naming the part) when
    one of its parts cannot be read. A generation, once handed out, stays readable for as long
    as anyone holds it, whatever writers do meanwhile (the API pins one per request: every
    answer of a request comes from one generation). When the index is replaced by one that
    cannot be opened, or removed, `generation()` keeps returning the last one it opened.
    """

    location: str                       # what the user named (a directory, a database URL)

    def generation(self) -> Generation:
        """The current generation, cheaply (no searcher): for name look-ups and caches."""

    def view(self, generation: Optional[Generation] = None) -> View:
        """A view on a generation this backend handed out (by default the current one)."""

    def verify(self) -> list[str]:
        """Check every part of the current generation (checksums, every stored document);
        the problems found, [] when it is sound (`quote-index check-index`)."""

    def close(self) -> None:
        """Release what this thread holds."""
