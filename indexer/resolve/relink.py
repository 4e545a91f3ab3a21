"""Re-clustering after an update: only the region of the quote graph that new, changed, deleted
(or re-attributed) quotes can touch is linked again; every other quote keeps its cluster.

`clusters.assign` links quotes along candidate pairs, best first. A pair is a candidate when the
two quotes share a shingle that is among the BLOCKS rarest (1 < df <= MAX_DF) of either quote, and
exact duplicates are pairs too. Each connected component of that graph is linked on its own (a
link decision only looks at the clusters of its component), so a component whose pairs did not
change keeps its clusters. A pair changes only when it touches

- a new or deleted quote, or
- a quote holding a shingle whose document frequency changed (its rarest shingles may differ):
  the holders of the new and deleted quotes' shingles that are eligible before or after;

and a quote whose speaker changed links under other constraints. The region is the union of the
old components of those quotes (in the graph before the update) and the new components (after):
any quote outside it is in a component that is the same before and after, with the same pairs.

The shingle table (`ShingleTable`, the index's `shingles.txt`) answers df and "which quotes hold
this shingle" by bisection on sorted "shingle<TAB>quote id" lines, so a region is found without
reading the other quotes; the quotes in it are read one by one (`Region.fetch`).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from . import clusters as C
from .clusters import Item, link, normalize, shingles, similarity

_ESCAPES = (("%", "%25"), ("\t", "%09"), ("\n", "%0A"))


def _escape(qid: str) -> str:
    """A quote id safe inside one tab-separated line."""
    for a, b in _ESCAPES:
        qid = qid.replace(a, b)
    return qid


def _unescape(text: str) -> str:
    """The quote id of a line."""
    for a, b in reversed(_ESCAPES):
        text = text.replace(b, a)
    return text


def table_lines(items: Iterable[Item]) -> list[str]:
    """The sorted lines of the shingle table for quotes (those of MIN_WORDS words or more)."""
    lines = []
    for it in items:
        words = normalize(it.text).split()
        if len(words) >= C.MIN_WORDS:
            q = _escape(it.id)
            lines.extend(f"{sh}\t{q}" for sh in shingles(words))
    lines.sort()
    return lines


class ShingleTable:
    """Sorted "shingle<TAB>quote id" lines: a shingle's quotes by bisection, edited in place."""

    def __init__(self, lines: list[str]):
        self.lines = lines

    def _range(self, sh: str) -> tuple[int, int]:
        """The slice of lines holding shingle sh."""
        lo = bisect.bisect_left(self.lines, sh + "\t")
        return lo, bisect.bisect_left(self.lines, sh + "\t\uffff", lo)

    def df(self, sh: str) -> int:
        """How many quotes hold sh."""
        lo, hi = self._range(sh)
        return hi - lo

    def holders(self, sh: str) -> list[str]:
        """The quotes that hold sh."""
        lo, hi = self._range(sh)
        cut = len(sh) + 1
        return [_unescape(line[cut:]) for line in self.lines[lo:hi]]

    def remove(self, qid: str, text: str) -> None:
        """Drop a quote's lines."""
        words = normalize(text).split()
        if len(words) < C.MIN_WORDS:
            return
        q = _escape(qid)
        for sh in shingles(words):
            line = f"{sh}\t{q}"
            i = bisect.bisect_left(self.lines, line)
            if i < len(self.lines) and self.lines[i] == line:
                del self.lines[i]

    def add(self, items: list[Item]) -> None:
        """Add quotes' lines (one sort when there are many, else an insertion each)."""
        new = table_lines(items)
        if len(new) > 2000:
            self.lines.extend(new)
            self.lines.sort()
        else:
            for line in new:
                bisect.insort(self.lines, line)

    def copy(self) -> "ShingleTable":
        """A table with the same lines, edited independently."""
        return ShingleTable(list(self.lines))


@dataclass(frozen=True)
class Quoted:
    """What clustering needs of one quote."""

    item: Item
    norm: str
    words: int
    shingles: frozenset

    @classmethod
    def of(cls, item: Item) -> "Quoted":
        """The normalised form of an item."""
        norm = normalize(item.text)
        words = norm.split()
        return cls(item, norm, len(words), frozenset(shingles(words)))


class Graph:
    """The candidate-pair graph of one state of the corpus, explored from a few quotes.

    `table` holds the shingles of every quote of that state; `fetch(qid)` returns its Quoted.
    """

    def __init__(self, table: ShingleTable, fetch: Callable[[str], Quoted]):
        self.table, self.fetch = table, fetch
        self._df: dict = {}
        self._rare: dict = {}

    def df(self, sh: str) -> int:
        """Document frequency of a shingle (memoised)."""
        n = self._df.get(sh)
        if n is None:
            n = self._df[sh] = self.table.df(sh)
        return n

    def eligible(self, sh: str) -> bool:
        """Whether a shingle can block (rare enough, and shared)."""
        return 1 < self.df(sh) <= C.MAX_DF

    def rare(self, qid: str) -> frozenset:
        """The BLOCKS rarest eligible shingles of a quote (as clusters.similar_pairs picks them)."""
        r = self._rare.get(qid)
        if r is None:
            q = self.fetch(qid)
            if q.words < C.MIN_WORDS:
                r = frozenset()
            else:
                ok = [sh for sh in q.shingles if self.eligible(sh)]
                r = frozenset(sorted(ok, key=lambda sh: (self.df(sh), sh))[:C.BLOCKS])
            self._rare[qid] = r
        return r

    def edges(self, qid: str) -> dict:
        """Every candidate pair of a quote: {(a, b): -score} with a < b (exact duplicates too)."""
        q = self.fetch(qid)
        out: dict = {}
        if q.words < C.MIN_WORDS:
            return out
        mine = self.rare(qid)
        shared = [sh for sh in q.shingles if self.eligible(sh)]
        for sh in shared:
            for other in self.table.holders(sh):
                if other == qid or (sh not in mine and sh not in self.rare(other)):
                    continue
                o = self.fetch(other)
                if o.item.article == q.item.article or o.norm == q.norm:
                    continue
                a, b = min(qid, other), max(qid, other)
                if (a, b) not in out:
                    score = similarity(self.fetch(a).norm, self.fetch(b).norm,
                                       self.fetch(a).words, self.fetch(b).words)
                    if score:
                        out[(a, b)] = -score
        for other in self.duplicates(qid):
            out[(min(qid, other), max(qid, other))] = -C.EXACT     # the group's link is set in relink
        return out

    def duplicates(self, qid: str) -> list[str]:
        """The other quotes with the same normalised text (found among the holders of its rarest
        shingle: they hold every shingle it holds)."""
        q = self.fetch(qid)
        if q.words < C.MIN_WORDS or not q.shingles:
            return []
        sh = min(q.shingles, key=lambda s: (self.df(s), s))
        return [o for o in self.table.holders(sh) if o != qid and self.fetch(o).norm == q.norm]

    def closure(self, seeds: Iterable[str]) -> tuple[set, dict]:
        """The quotes connected to the seeds, and every candidate pair among them."""
        region, pairs = set(), {}
        todo = [s for s in seeds]
        while todo:
            qid = todo.pop()
            if qid in region:
                continue
            region.add(qid)
            for (a, b), score in self.edges(qid).items():
                pairs[(a, b)] = score
                for other in (a, b):
                    if other not in region:
                        todo.append(other)
        return region, pairs


def relink(graph: Graph, region: set, pairs: dict, speaker_of: Callable[[str], Optional[str]]) -> dict[str, str]:
    """Quote id -> cluster id for the region, linked exactly as `clusters.assign` links it."""
    ids = sorted(region)
    index = {qid: i for i, qid in enumerate(ids)}
    items = [Item(qid, graph.fetch(qid).item.article, graph.fetch(qid).item.text, speaker_of(qid)) for qid in ids]
    out = []
    groups: dict = {}
    for (a, b), score in pairs.items():
        if score == -C.EXACT:
            for qid in (a, b):
                groups.setdefault(graph.fetch(qid).norm, set()).add(qid)
        else:
            out.append((score, index[a], index[b]))
    # Exact duplicates: every quote of a text linked to the text's first quote (clusters.exact_pairs).
    for members in groups.values():
        first, *rest = sorted(members, key=index.__getitem__)
        out.extend((-C.EXACT, index[first], index[j]) for j in rest)
    return link(items, out)


def recluster(old: Graph, new: Graph, deleted: set, added: set, respoken: set,
              speaker_of: Callable[[str], Optional[str]]) -> tuple[set, dict[str, str]]:
    """The region an update touches and its clusters: (quote ids, quote id -> cluster id).

    old and new are the graphs before and after the update; deleted and added are the quotes
    removed and (re)written (a quote of a changed file is both), respoken the kept quotes whose
    speaker changed. Quotes outside the region keep their clusters.
    """
    changed = set()
    for qid in deleted:
        changed |= old.fetch(qid).shingles
    for qid in added:
        changed |= new.fetch(qid).shingles
    touched = set()
    for sh in changed:
        if old.eligible(sh) or new.eligible(sh):
            touched.update(new.table.holders(sh))
    existed = lambda qid: qid in deleted or qid not in added   # noqa: E731
    alive = lambda qid: qid not in deleted or qid in added     # noqa: E731
    before, _ = old.closure(q for q in touched | deleted | respoken if existed(q))
    region, pairs = new.closure(q for q in touched | added | respoken | before if alive(q))
    return region, relink(new, region, pairs, speaker_of)
