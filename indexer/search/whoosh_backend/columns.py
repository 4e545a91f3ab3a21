"""Facet and date columns read once per index generation, so facets and date order cost a
Counter and a rank look-up per match.

Facets and date order do not use Whoosh's groupedby/sortedby (which decode a column value per
match per facet on every search: ~0.2-0.45 s for the empty query on the ~22,000-article bench
index). The sortable columns (speaker_id, outlet, medium, year, date) are read once per index
generation into lists by doc number (`Table`, shared by all threads); a search collects its
matching doc numbers, counts facets with Counter() and pages a date order by rank. Filter sets,
a speaker's article list and the outlet count are cached in the same table, so a rebuild (a new
generation) starts afresh.
"""
from __future__ import annotations

import bisect
import heapq
import itertools
import threading
from collections import Counter
from typing import Optional

from ..recent import Recent


# Facet name -> the column (sortable field) it is counted on; "date" orders date sorts,
# "cluster" groups quotes, "cluster_size" orders "most carried".
COLUMNS = {"speaker": "speaker_id", "outlet": "outlet", "medium": "medium", "year": "year",
           "date": "date", "cluster": "cluster", "cluster_size": "cluster_size"}
# Above this many matches, facets and date order read the generation's full column lists
# (read once, ~0.3 s on the bench index); below it, the column readers doc by doc (no set-up).
LARGE = 2000


class Table:
    """One reader generation's facet and date columns as lists indexed by doc number.

    Whoosh's groupedby/sortedby decode a column value per match per facet on every search (a
    quarter of a second for the empty query on the bench index); here each column is read and
    decoded once, so facets are Counter()s over list look-ups and a date sort is a rank look-up.
    """

    def __init__(self, reader):
        """An empty table over reader; columns are read on first use."""
        self.reader = reader
        self.lock = threading.Lock()
        # Bounded: a filter's doc set can hold every document of the index.
        self.filters = Recent(64)                  # (scope, Filters) -> set of doc numbers (never mutated)
        self.counts: dict = {}                     # small answers of this generation (outlet count)
        self.speaker_articles = Recent(1024)       # speaker id -> ids of the articles quoting them
        self._cols: dict = {}
        self._orders: dict = {}                    # order name -> (doc numbers in order, rank of each)

    def column(self, field: str) -> list:
        """Every document's value of a column field as str ("" when it has none), by doc number."""
        col = self._cols.get(field)
        if col is None:
            with self.lock:
                col = self._cols.get(field)
                if col is None:
                    col = self._cols[field] = _read_column(self.reader, field)
        return col

    def ranked(self, order: str) -> tuple[list, list]:
        """(every doc number in an order, each doc number's position in it): see `sort_docs`."""
        got = self._orders.get(order)
        if got is None:
            cols = {name: self.column(name) for name in _ORDER_COLUMNS[order]}
            with self.lock:
                got = self._orders.get(order)
                if got is None:
                    ordered = sort_docs(range(len(cols["date"])), order, lambda f: cols[f].__getitem__)
                    rank = [0] * len(ordered)
                    for i, d in enumerate(ordered):
                        rank[d] = i
                    got = self._orders[order] = (ordered, rank)
        return got

    def has_ranks(self, order: str) -> bool:
        """True when the order was already computed for this generation."""
        return order in self._orders


_ORDER_COLUMNS = {"newest": ("date",), "oldest": ("date",), "carried": ("date", "cluster_size")}


def sort_docs(docs, order: str, get) -> list:
    """Doc numbers sorted in an order ("newest", "oldest", "carried"); ties in doc-number order,
    undated documents after every dated one. get(field) -> doc number -> column value."""
    ordered = sorted(docs)
    date = get("date")
    if order == "oldest":
        ordered.sort(key=lambda d: (date(d) == "", date(d)))
        return ordered
    # Newest first: a stable sort keeps equal dates in doc-number order, as Whoosh's sortedby.
    ordered.sort(key=date, reverse=True)
    if order == "carried":
        size = get("cluster_size")
        ordered.sort(key=lambda d: -int(size(d) or 1))
    return ordered


def _leaves(reader, field: str) -> list:
    """[(first doc number, segment's column reader or None, segment's doc count)] per segment.

    Segment by segment because Whoosh's multi-segment column reader drops the segments that
    lack the column and then maps later doc numbers into the wrong segment.
    """
    out = []
    for seg, offset in reader.leaf_readers():
        col = seg.column_reader(field, translate=False) if seg.has_column(field) else None
        out.append((offset, col, seg.doc_count_all()))
    return out


def _read_column(reader, field: str) -> list:
    """A column as a list of str (numbers stay numbers), each distinct value decoded once
    (columns hold few distinct ones)."""
    decoded: dict = {}

    def dec(b):
        """One raw column value as text."""
        v = decoded.get(b)
        if v is None:
            v = decoded[b] = b.decode("utf-8", "replace") if isinstance(b, bytes) else b
        return v
    out: list = []
    for _, col, n in _leaves(reader, field):
        out.extend(map(dec, col) if col is not None else [""] * n)
    return out


def table(snap, s) -> Table:
    """The column table of a generation (made on first use, then shared by every thread).

    It reads through a Whoosh reader of its own: a reader is not safe to share between threads
    (its matchers move file positions), and the table outlives the request that made it.
    """
    t = snap.tables.get("columns")
    if t is None:
        with snap.tables_lock:
            t = snap.tables.get("columns")
            if t is None:
                t = snap.tables["columns"] = Table(snap.pinned.reader())
    return t


def getter(tab: Table, s, field: str, many: bool):
    """doc number -> column value: the table's list for many docs, a column reader for a few."""
    if many or field in tab._cols:
        return tab.column(field).__getitem__
    leaves = _leaves(s.reader(), field)
    starts = [offset for offset, _, _ in leaves]

    def get(d):
        """One doc's value, read from its segment's column."""
        offset, col, _ = leaves[bisect.bisect_right(starts, d) - 1]
        if col is None:
            return ""
        v = col[d - offset]
        return v.decode("utf-8", "replace") if isinstance(v, bytes) else v
    return get


def count_facets(snap, s, docs, names: tuple, group: bool = False) -> tuple[dict, int]:
    """(facet name -> Counter of the values of every matching doc, documents without one left
    out; how many have no year when "year" is among names). group: count clusters instead, a
    value once per cluster holding a match with it."""
    tab = table(snap, s)
    many = len(docs) > LARGE
    cluster = getter(tab, s, "cluster", many) if group else None
    out, undated = {}, 0
    for f in names:
        get = getter(tab, s, COLUMNS[f], many)
        if group:
            pairs = {(get(d), cluster(d)) for d in docs}
            counts = Counter(v for v, _ in pairs)
            if f == "year":         # clusters none of whose matches has a date
                undated = len({c for _, c in pairs} - {c for v, c in pairs if v})
        else:
            counts = Counter(map(get, docs))
            if f == "year":
                undated = counts.get("", 0)
        counts.pop("", None)
        out[f] = counts
    return out, undated


def in_order(snap, s, docs, order: str, k: Optional[int] = None):
    """docs in an order ("newest", "oldest", "carried"; see sort_docs), as doc numbers: the first
    k, or (k None) an iterator over them all, for grouping."""
    tab = table(snap, s)
    if len(docs) > LARGE or tab.has_ranks(order):
        ordered, rank = tab.ranked(order)
        if len(docs) * 8 > len(ordered):
            # A large share of the index: walk the global order, keeping the docs asked for.
            docs = docs if isinstance(docs, (set, frozenset)) else set(docs)
            walk = (d for d in ordered if d in docs)
            return walk if k is None else list(itertools.islice(walk, k))
        if k is not None:
            return heapq.nsmallest(k, docs, key=rank.__getitem__)
        return iter(sorted(docs, key=rank.__getitem__))
    ordered = sort_docs(docs, order, lambda f: getter(tab, s, f, False))
    return iter(ordered) if k is None else ordered[:k]


def speaker_articles(snap, s, sid: str) -> list[str]:
    """Article ids in which a speaker is quoted (cached per generation: reading every stored
    quote of a busy speaker took 15 ms a page)."""
    return table(snap, s).speaker_articles.get_or_make(
        sid, lambda: sorted({d["article"] for d in s.documents(speaker_id=sid)}))
