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
this shingle" by bisection on sorted "shingle<TAB>quote id" lines (on the file's bytes), so a
region is found without reading the other quotes; the quotes in it are read one by one
(`Region.fetch`).
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
    """Sorted "shingle<TAB>quote id" lines: a shingle's quotes by bisection, edited as an overlay.

    The lines stay the bytes of `shingles.txt` (29 MB, 420,000 lines at 22,000 articles): a
    look-up bisects byte offsets, so a one-file update neither splits nor decodes the table.
    Edits are kept beside it (lines removed, lines added) and spliced in by `to_bytes`.
    """

    def __init__(self, data: bytes):
        # every line ends with a newline in memory (the file has none after its last line)
        self.data = data + b"\n" if data and not data.endswith(b"\n") else data
        self.removed: set = set()              # base lines (str) no longer in the table
        self.added: list = []                  # sorted lines (str) not in the base
        self._found: dict = {}                 # shingle -> its lines, until the next edit

    @classmethod
    def of_lines(cls, lines: list) -> "ShingleTable":
        """A table of sorted lines (what a build computes with `table_lines`)."""
        return cls("\n".join(lines).encode("utf-8"))

    def _seek(self, key: bytes) -> int:
        """Byte offset of the first base line >= key (len(data) when none)."""
        data = self.data
        lo, hi = 0, len(data)                  # lo is always a line start; the answer lies in [lo, hi]
        while lo < hi:
            mid = (lo + hi) // 2
            nl = data.rfind(b"\n", lo, mid)
            start = lo if nl < 0 else nl + 1
            end = data.find(b"\n", start)
            if data[start:end] < key:
                lo = end + 1
            else:
                hi = start
        return lo

    def _lines(self, sh: str) -> list:
        """The lines holding shingle sh, edits applied (memoised: df and holders ask in turn)."""
        got = self._found.get(sh)
        if got is None:
            got = self._found[sh] = self._look_up(sh)
        return got

    def _look_up(self, sh: str) -> list:
        """The lines holding shingle sh, edits applied."""
        key = sh + "\t"
        lo = self._seek(key.encode("utf-8"))
        hi = self._seek((key + "\uffff").encode("utf-8")) if lo < len(self.data) else lo
        base = self.data[lo:hi].decode("utf-8").split("\n")[:-1] if hi > lo else []
        if self.removed:
            base = [line for line in base if line not in self.removed]
        if self.added:
            i = bisect.bisect_left(self.added, key)
            j = bisect.bisect_left(self.added, key + "\uffff", i)
            base = sorted(base + self.added[i:j]) if j > i else base
        return base

    def df(self, sh: str) -> int:
        """How many quotes hold sh."""
        return len(self._lines(sh))

    def holders(self, sh: str) -> list[str]:
        """The quotes that hold sh."""
        cut = len(sh) + 1
        return [_unescape(line[cut:]) for line in self._lines(sh)]

    def _in_base(self, line: str) -> bool:
        """Whether the base holds a line."""
        b = line.encode("utf-8")
        i = self._seek(b)
        return self.data.startswith(b + b"\n", i)

    def remove(self, qid: str, text: str) -> None:
        """Drop a quote's lines."""
        words = normalize(text).split()
        if len(words) < C.MIN_WORDS:
            return
        q = _escape(qid)
        self._found.clear()
        for sh in shingles(words):
            line = f"{sh}\t{q}"
            i = bisect.bisect_left(self.added, line)
            if i < len(self.added) and self.added[i] == line:
                del self.added[i]
            elif line not in self.removed and self._in_base(line):
                self.removed.add(line)

    def add(self, items: list[Item]) -> None:
        """Add quotes' lines."""
        self._found.clear()
        kept = []
        for line in table_lines(items):
            if line in self.removed:
                self.removed.discard(line)
            else:
                kept.append(line)
        self.added.extend(kept)
        self.added.sort()                      # both runs sorted already: one merge

    def copy(self) -> "ShingleTable":
        """A table with the same lines, edited independently (the base bytes are shared)."""
        table = ShingleTable(self.data)
        table.removed, table.added = set(self.removed), list(self.added)
        return table

    def to_bytes(self) -> memoryview:
        """The table as `shingles.txt` holds it: sorted lines, newline-separated (a view: the
        unchanged stretches of the base are not copied twice)."""
        data = memoryview(self.data)
        if not self.removed and not self.added:
            return data[:-1]
        edits = []                             # (offset, 0: insert / 1: skip, line bytes)
        for line in self.removed:
            b = line.encode("utf-8")
            edits.append((self._seek(b), 1, b + b"\n"))
        for line in self.added:
            b = line.encode("utf-8")
            edits.append((self._seek(b), 0, b + b"\n"))
        edits.sort()
        parts, pos = [], 0
        for off, skip, b in edits:
            parts.append(data[pos:off])
            if skip:
                pos = off + len(b)
            else:
                parts.append(b)
                pos = off
        parts.append(data[pos:])
        out = memoryview(b"".join(parts))
        return out[:-1] if out[-1:] == b"\n" else out

    @property
    def lines(self) -> list[str]:
        """Every line (decoded: for tests and inspection, not the update's path)."""
        text = bytes(self.to_bytes()).decode("utf-8")
        return text.split("\n") if text else []


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
