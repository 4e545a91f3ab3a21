"""The Whoosh backend's answers (see `indexer.search.backend.View`), from one generation and a
searcher of the view's own. An engine error on a damaged index becomes IndexDamaged (`engine_call`)."""
from __future__ import annotations

import functools
import heapq
from typing import Iterator, Optional

from whoosh import query as Q

from ...store.schema import pair_phrases
from ..backend import (QUOTE_KEYS, ArticleDoc, Doc, Filters, QueryFailed, QuoteDoc, Scored, SearchOutcome,
                       SearchRequest,
                       rarest_terms, similar_terms)
from . import bounds, columns, matching, translate


def _engine_call(method):
    """A view method whose engine errors become IndexDamaged when the index is damaged (see
    `Snapshot.damage`); any other error is re-raised as it was (a bug, reported as one)."""
    @functools.wraps(method)
    def run(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except Exception as e:
            damage = self.generation.damage(e)
            if damage is None:
                raise
            raise damage from e          # the engine's error stays attached, for the server log
    return run



class WhooshView:
    """One generation of the index (`generation`) and a searcher of this view's own on it."""

    def __init__(self, snap, searcher):
        self.generation = snap
        self.searcher = searcher

    @_engine_call
    def search(self, req: SearchRequest) -> SearchOutcome:
        """Filter, match, rank and page; facet counts over every match; the words to highlight.

        The query's expanding words are bounded and matching stops when the request's time
        budget is spent (`bounds`): the outcome then holds what was found and says partial.
        """
        snap, s = self.generation, self.searcher
        budget = bounds.Budget(req.seconds, req.max_expansion)
        fdocs = matching.filter_docs(snap, s, (req.scope, req.filters),
                                     lambda: translate.conditions(snap, s, req.scope, req.filters))
        query = req.query
        group = req.group and req.scope == "quotes"
        try:
            if query is not None:
                if req.scope == "quotes":
                    query = pair_phrases(query)
                query = bounds.expand(query, s.reader(), budget)
            hits, matched, query, total = matching.run(snap, s, query, fdocs, req.stop, req.order, budget, group)
        except Exception as e:   # noqa: BLE001 - e.g. a phrase on a keyword field: the API retries
            damage = snap.damage(e)
            raise (damage or QueryFailed(type(e).__name__)) from e
        terms = matching.match_terms(query, s) if query is not None else {}
        # Stored fields only for the hits on this page (article bodies are long).
        to_doc = quote_doc if req.scope == "quotes" else self._article_doc
        page = tuple(Scored(to_doc(s.stored_fields(d)), score, n) for d, score, n in hits[req.start:req.stop])
        facets, undated = columns.count_facets(snap, s, matched, req.facets, group) if req.facets else ({}, 0)
        return SearchOutcome(page, total, facets, {f: frozenset(w) for f, w in terms.items()}, undated,
                             len(matched), budget.spent, tuple(budget.notes))

    @_engine_call
    def similar(self, words: tuple[str, ...], limit: int) -> list[Scored]:
        """Quotes sharing the most of the words, best first: the rarest of the words and of their
        pairs (a pair "make america" is rarer than either word), taken rarest first while their
        postings stay under POSTINGS_BUDGET, each worth its IDF to the quotes holding it. A
        quote is found by its rare words; the common ones would have it score most of the index.
        The postings are read as sets and summed here: Whoosh's union of a dozen terms cost
        ~0.2 ms a matching document, this a microsecond."""
        s = self.searcher
        reader = s.reader()
        df = {t: reader.doc_frequency(*t) for t in similar_terms(words)}
        live = matching.filter_docs(self.generation, s, ("quotes", Filters()), lambda: [Q.Term("kind", "quote")])
        scores: dict[int, float] = {}
        for t, weight in rarest_terms(df, max(1, len(live))):
            for d in reader.postings(*t).all_ids():       # no scorer: the weight is ours
                if d in live:
                    scores[d] = scores.get(d, 0.0) + weight
        best = heapq.nsmallest(limit, scores, key=lambda d: (-scores[d], d))
        return [Scored(quote_doc(s.stored_fields(d)), scores[d]) for d in best]

    @_engine_call
    def quotes(self, by: str, value: str) -> list[QuoteDoc]:
        """Every quote whose `by` field is value (a term look-up, no scan)."""
        if by not in QUOTE_KEYS:
            raise ValueError(f"quotes by {by!r}: not one of {', '.join(QUOTE_KEYS)}")
        # kind is checked on the few matching documents: adding kind=quote to the query made Whoosh
        # walk every quote posting (~22,000 on the bench corpus) on each call, 15 ms a speaker page.
        return [quote_doc(d) for d in self.searcher.documents(**{by: value}) if d.get("kind") == "quote"]

    @_engine_call
    def article(self, article_id: str) -> Optional[ArticleDoc]:
        """One article, or None."""
        # By its id alone, kind checked on the one or two matches: kind=article AND id=X made
        # Whoosh intersect the sets of every article and the id's postings, 17 ms a page.
        for d in self.searcher.documents(id=article_id):
            if d.get("kind") == "article":
                return self._article_doc(d)
        return None

    def documents(self, kind: str) -> Iterator[Doc]:
        """Every document of a kind, in index order."""
        to_doc = quote_doc if kind == "quote" else self._article_doc
        docs = self.searcher.documents(kind=kind)
        while True:
            d = self._next(docs)
            if d is None:
                return
            yield to_doc(d)

    @_engine_call
    def _next(self, docs):
        """The next stored document of an iteration (None at its end)."""
        return next(docs, None)

    @_engine_call
    def outlet_count(self) -> int:
        """Distinct outlets of the live articles (the term lexicon would count deleted ones too)."""
        snap, s = self.generation, self.searcher
        tab = columns.table(snap, s)
        n = tab.counts.get("outlets")
        if n is None:
            arts = matching.filter_docs(snap, s, ("articles", Filters()), lambda: [Q.Term("kind", "article")]) - {-1}
            get = columns.getter(tab, s, "outlet", len(arts) > columns.LARGE)
            n = tab.counts["outlets"] = len({get(d) for d in arts} - {""})
        return n

    def size_bytes(self) -> int:
        """Bytes of the files of this generation."""
        return self.generation.pinned.size_bytes()

    def _article_doc(self, d: dict) -> ArticleDoc:
        """A stored article document as a record, its outlet named from this generation."""
        return article_doc(d, self.generation.outlets)


def quote_doc(d: dict) -> QuoteDoc:
    """A stored quote document as a record."""
    g = d.get
    return QuoteDoc(d["id"], d["article"], d["quote"], g("start"), g("title"), g("speaker_name"),
                    g("speaker_id"), g("role"), g("cue"), g("outlet"), g("medium"), g("date"),
                    g("cluster"), tuple(map(tuple, g("spans") or ())), g("mention"), bool(g("nested")),
                    g("rule"), g("before", ""), g("after", ""), g("speaker_kind"), g("confidence"))


def article_doc(d: dict, outlets: dict) -> ArticleDoc:
    """A stored article document as a record (outlets: slug -> name)."""
    g = d.get
    outlet = g("outlet")
    return ArticleDoc(d["id"], g("title"), outlet, outlets.get(outlet, outlet) if outlet else None, g("date"),
                      g("author"), g("url"), g("dateline"), g("wire"), g("hash"), g("quote_count"), g("text", ""))
