"""A bounded cost per search: every expanding word (prefix, wildcard, range, fuzzy term) becomes
at most `max_expansion` indexed words, and matching stops when the search's time budget is
spent, keeping what it found by then (the outcome says so).

Before this, `text:[a TO z]` over the BBC articles expanded to every word of every article and
held a server thread for 583 s (45.6 s of CPU); a raw `*e*` scanned the whole lexicon. Whoosh
expands such queries itself while it builds its matchers, with no limit and no clock, so they
are expanded here first, lazily and under both bounds, into plain term look-ups.
"""
from __future__ import annotations

import itertools
import time

from whoosh import query as Q
from whoosh.collectors import FilterCollector, TimeLimit, WrappingCollector
from whoosh.searching import SearchContext

from ..backend import MAX_EDITS, expansion_note, fuzzy_note

CHECK_EVERY = 256          # matches (or expanded words) between two looks at the clock


class Budget:
    """The time a search may take (CPU and waiting alike: a monotonic clock), and what was cut."""

    def __init__(self, seconds: float, max_terms: int):
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.max_terms = max_terms
        self.spent = False                  # the clock ran out: the outcome is partial
        self.notes: list[str] = []          # what was cut, for the user

    def over(self) -> bool:
        """True (from now on) once the deadline has passed."""
        if not self.spent and time.monotonic() > self.deadline:
            self.spent = True
        return self.spent

    def note(self, message: str) -> None:
        """Remember a cut (each message once)."""
        if message not in self.notes:
            self.notes.append(message)


def expand(query: Q.Query, reader, budget: Budget) -> Q.Query:
    """The query with every expanding leaf replaced by at most max_terms term look-ups."""
    def rewrite(node):
        """One node of the tree: expanding leaves become an Or of terms; the rest stays."""
        if isinstance(node, Q.Every) and node.fieldname not in (None, "", "*"):
            # Every("text") unions the postings of every word of the field (Whoosh says: "SLOW
            # for large indexes"); every document is what it means here.
            return Q.Every(boost=node.boost)
        if isinstance(node, Q.MultiTerm):
            return _expanded(node, reader, budget)
        return node
    return query.accept(rewrite)


def _expanded(node: Q.MultiTerm, reader, budget: Budget) -> Q.Query:
    """One expanding leaf as an Or of at most max_terms of its words, read lazily from the lexicon."""
    field = node.field()
    if field not in reader.schema:
        return Q.NullQuery
    if isinstance(node, Q.FuzzyTerm) and node.maxdist > MAX_EDITS:
        budget.note(fuzzy_note(node))
        node = Q.FuzzyTerm(field, node.text, node.boost, MAX_EDITS, node.prefixlength, node.constantscore)
    fieldobj = reader.schema[field]
    words = []
    for n, btext in enumerate(node._btexts(reader)):
        if len(words) >= budget.max_terms:
            budget.note(expansion_note(node, budget.max_terms))
            break
        if not n % CHECK_EVERY and budget.over():
            break
        # A fuzzy term's words come as text (Whoosh's automaton walk), the others as bytes.
        words.append(btext if isinstance(btext, str) else fieldobj.from_bytes(btext))
    if not words:
        return Q.NullQuery
    # Prefixes, wildcards and ranges score every match alike in Whoosh (constantscore): keep that.
    cls = ConstantOr if getattr(node, "constantscore", False) else Q.Or
    return cls([Q.Term(field, w) for w in words], boost=node.boost)


class ConstantOr(Q.Or):
    """The words an expanding leaf stands for, scored as Whoosh scores the leaf itself: every
    match alike (Whoosh's ConstantScoreQuery would list every match first, with no clock)."""

    def matcher(self, searcher, context=None):
        """Or's matcher, told that scores do not matter (what MultiTerm.matcher does)."""
        context = context.set(weighting=None) if context else SearchContext(weighting=None)
        return super().matcher(searcher, context)


class Deadline(WrappingCollector):
    """A collector that stops matching (raising TimeLimit) once the budget is spent.

    Whoosh's TimeLimitCollector starts a timer thread per search and, on Unix, signals the
    process (which only works in the main thread); this one looks at the clock every
    CHECK_EVERY matches, in whichever thread runs the search. Wrap the innermost collector, so
    that a FilterCollector around it still filters.
    """

    def __init__(self, child, budget: Budget):
        self.child = child
        self.budget = budget

    def matches(self):
        """The child's matches, until the clock runs out."""
        n = 0
        for sub_docnum in self.child.matches():
            n += 1
            if not n % CHECK_EVERY and self.budget.over():
                raise TimeLimit()
            yield sub_docnum


def scored(searcher, query: Q.Query, allow, limit, budget: Budget):
    """Whoosh's ranked Results for query among the allowed doc numbers (top `limit`, or all
    when None), cut short when the budget runs out."""
    if budget.over():
        query = Q.NullQuery
    inner = Deadline(searcher.collector(limit=limit), budget)
    outer = FilterCollector(inner, allow=allow) if allow is not None else inner
    try:
        searcher.search_with_collector(query, outer)
    except TimeLimit:
        pass
    return outer.results()


def docs(searcher, query: Q.Query, budget: Budget) -> set:
    """Doc numbers matching query, as many as the budget allows (taken in runs, so that the
    clock costs nothing per document)."""
    out: set = set()
    found = searcher.docs_for_query(query)
    while not budget.over():
        run = list(itertools.islice(found, CHECK_EVERY * 16))
        out.update(run)
        if len(run) < CHECK_EVERY * 16:
            break
    return out
