"""Finding the matching documents: filter sets cached per generation, set algebra on postings
where it is cheaper than Whoosh's matchers, one scoring pass where it is not."""
from __future__ import annotations

import itertools
from collections import Counter, defaultdict

from whoosh import query as Q

from . import bounds, columns


def _plain_terms(q) -> bool:
    """True when q is Terms joined by And/Or/Not only (its doc set is set algebra on postings)."""
    if type(q) is Q.Term:
        return True
    if type(q) is Q.Not:
        return _plain_terms(q.query)
    if type(q) in (Q.And, Q.Or) and not getattr(q, "minmatch", 0):
        return all(_plain_terms(c) for c in q.subqueries)
    return False


def docset(s, q, budget: bounds.Budget) -> set:
    """Doc numbers matching q; deleted ones may be included (callers keep only live filter docs).

    Whoosh's union matcher costs ~20 µs a document in Python: a plain word searched in title and
    body of ~5,000 articles took 100 ms to enumerate, against a few ms for set algebra on each
    term's postings. Anything but Terms under And/Or/Not (phrases, ranges, wildcards) is left to
    Whoosh, whose matchers check positions only where every other condition already holds.
    Every enumeration stops when the budget is spent (the budget then says so).
    """
    whole = lambda: bounds.docs(s, q, budget)       # noqa: E731 - Whoosh matches all of q
    if not _plain_terms(q) or type(q) in (Q.Term, Q.Not):
        return whole()
    if type(q) is Q.Or:
        out: set = set()
        for c in q.subqueries:
            if type(c) is Q.Not:
                return whole()                      # "a OR NOT b": rare, leave it to Whoosh
            out |= docset(s, c, budget)
        return out
    pos = [c for c in q.subqueries if type(c) is not Q.Not]
    if not pos or len(pos) == len(q.subqueries) and all(type(c) is Q.Term for c in pos):
        # Only terms: Whoosh's intersection skips through the postings (quicker than sets of
        # each, "year:1987 oil" reads 20,000 year postings as a set); Not made it crawl.
        return whole()
    sets = sorted((docset(s, c, budget) for c in pos), key=len)
    out = sets[0].intersection(*sets[1:])
    for c in q.subqueries:
        if type(c) is Q.Not:
            out -= docset(s, c.query, budget)
    return out


def run(snap, s, query, fdocs, k: int, order: str, budget: bounds.Budget, group: bool = False):
    """The first k hits as (doc number, score or None, matches in its cluster), every matching
    doc, the query run, and the total (matching docs, or their clusters when grouped).

    query None lists every document passing the filter (by date when the order is relevance).
    Facets and orders come from the generation's column table instead of Whoosh's
    groupedby/sortedby (see `columns.Table`). Grouped, the hits are the first match of each
    cluster in the order. Matching stops when the budget is spent: the hits and matches are
    those found by then (with no time left to rank, the first matches found, unranked).
    """
    live = fdocs - {-1} if -1 in fdocs else fdocs
    by_score = order == "relevance" and query is not None
    if by_score and not _cheap_docset(query):
        # Phrases and all-word intersections cost most in matching itself: one pass that scores
        # every match (and keeps their doc numbers for the facets) beats matching twice.
        results = bounds.scored(s, query, fdocs, None, budget)
        matched = results.docs()
        ranked = ((results.docnum(i), results.score(i)) for i in range(results.scored_length()))
    else:
        # Every match without scoring, as sets; then Whoosh scores only what it must for the top k.
        matched = live if query is None else sorted(d for d in docset(s, query, budget) if d in live)
        if by_score and budget.over():
            ranked = ((d, None) for d in matched)
        elif by_score:
            ranked = _scored(s, query, fdocs, k, len(matched), budget)
        else:
            dated = "newest" if order == "relevance" else order
            if not group:
                return [(d, None, 1) for d in columns.in_order(snap, s, matched, dated, k)], matched, query, len(matched)
            ranked = ((d, None) for d in columns.in_order(snap, s, matched, dated))
    if not group:
        return [(d, score, 1) for d, score in itertools.islice(ranked, k)], matched, query, len(matched)
    hits, total = _groups(snap, s, ranked, matched, k)
    return hits, matched, query, total


def _scored(s, query, fdocs, k: int, total: int, budget: bounds.Budget):
    """(doc number, score) best first, scoring only as many as the caller reads: Whoosh ranks
    the top `limit`, and a caller that wants more (grouping skips the other matches of a
    cluster it has) gets the next ones from a search with a limit four times larger (while the
    budget lasts)."""
    limit, done = max(4 * k, 40), 0
    while True:
        results = bounds.scored(s, query, fdocs, limit, budget)
        n = results.scored_length()
        for i in range(done, n):
            yield results.docnum(i), results.score(i)
        if n < limit or limit >= total or budget.over():
            return
        done, limit = n, limit * 4


def _groups(snap, s, ranked, matched, k: int) -> tuple[list, int]:
    """The first k clusters of the ranked matches, each as (its first match, score, its matches),
    and how many clusters the matches hold."""
    cluster = columns.getter(columns.table(snap, s), s, "cluster", len(matched) > columns.LARGE)
    sizes = Counter(map(cluster, matched))
    seen: set = set()
    out = []
    for d, score in ranked:
        if len(out) == k:
            break
        c = cluster(d)
        if c not in seen:
            seen.add(c)
            out.append((d, score, sizes[c]))
    return out, len(sizes)


def _cheap_docset(q) -> bool:
    """True when `docset` finds q's matches by set algebra (a term, unions, exclusions)."""
    return _plain_terms(q) and not (type(q) is Q.And and all(type(c) is Q.Term for c in q.subqueries))


def filter_docs(snap, s, key, conditions) -> set:
    """Doc numbers passing the filter conditions (conditions() makes them), cached per index
    generation under key (a hashable description of the filter, e.g. (scope, Filters)).

    Whoosh rebuilds a filter's doc set on every search; for the bare kind=quote filter that is
    every quote in the index (~22,000 on the bench corpus), three quarters of a search's time.
    The cache lives with the generation's table, so a rebuilt index starts afresh, and is shared
    by the server's threads (each used to rebuild the same sets for its own searcher).
    """
    # An empty set would read as "no filter" to Whoosh: -1 is a doc number that never occurs.
    return columns.table(snap, s).filters.get_or_make(
        key, lambda: set(s.docs_for_query(Q.And(conditions()))) or {-1})


def match_terms(query, searcher) -> dict[str, set]:
    """Field -> the indexed words the query matches (wildcards expanded), for highlighting."""
    out: dict[str, set] = defaultdict(set)
    reader = searcher.reader()
    try:
        # Leaf by leaf: Query.existing_terms() of this Whoosh fork keeps only the first leaf's field.
        for leaf in query.leaves():
            for field, text in leaf.expanded_terms(reader, phrases=True):
                if (field, text) in reader:
                    text = text.decode("utf-8") if isinstance(text, bytes) else text
                    if field == "quote_pairs":          # a rewritten phrase: mark both words
                        out["quote"].update(text.split(" "))
                    else:
                        out[field].add(text)
    except Exception:   # noqa: BLE001 - highlighting is a nicety, never a failure
        pass
    return out
