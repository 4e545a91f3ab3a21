"""The PostgreSQL backend's answers (see `indexer.search.backend.View`), from one generation.

Every answer is one read-only transaction (`PgBackend.run`: one snapshot). A search looks its
words up in the lexicon (expansions capped at the request's max_expansion), then runs one
statement that filters and matches (`compile.py`), keeps the matches in a CTE and returns their
count, the page (by score, or newest first) and each facet's counts by SQL aggregation; then the
stored fields of the page's documents. Ties go in document order (`seq`, Whoosh's document
numbers), as Whoosh orders them. Each statement runs under a `statement_timeout` of what is left
of the request's seconds, less a reserve (FALLBACK_SHARE of them): PostgreSQL returns nothing of a
cancelled statement, so when the time runs out the reserve runs a cheaper one on the same
snapshot, which keeps the first FALLBACK_ROWS matches the scan finds, unscored, and counts and
pages those (in document order for a ranked search), as Whoosh answers with what it had matched
by then, unranked. The answer says partial; it is empty only when the words could not be looked
up in time or the cheaper statement did not finish either.
"""
from __future__ import annotations

import dataclasses
import time
from collections import Counter
from typing import Iterator, Mapping, Optional

import psycopg

from ...pgstore.tables import ARTICLE_STORED, QUOTE_STORED, SCOPES
from ...store.schema import make_schema
from ..backend import QUOTE_KEYS, ArticleDoc, Doc, QuoteDoc, Scored, SearchOutcome, SearchRequest
from . import page, similar
from .compile import NEVER, Compiler, Lexicon, Spent, rewrite

BATCH = 2000                 # rows per statement when every document is read
FALLBACK_SHARE = 0.2         # of a search's seconds, kept for the cheaper statement when time runs out
FALLBACK_ROWS = 1000         # matches that statement keeps at most
_SCHEMA = make_schema()


class PgView:
    """One generation of the index in PostgreSQL and the backend's connections."""

    def __init__(self, backend, gen):
        self.generation = gen
        self._backend = backend

    def _rows(self, stmt: str, params=()) -> list:
        """The rows of one statement, in a transaction of its own."""
        return self._backend.run(lambda c: c.execute(stmt, params).fetchall(), schema=self.generation.schema)

    def search(self, req: SearchRequest) -> SearchOutcome:
        """Filter, match, rank and page; facet counts over every match; the words to highlight;
        all in one transaction, within the request's bounds (see the module doc)."""
        deadline = time.monotonic() + req.seconds
        first = deadline - req.seconds * FALLBACK_SHARE
        lex = Lexicon(req.max_expansion, lambda: time.monotonic() >= first)
        plan: dict = {}

        def timed(conn):
            """The search's statements until `first`; out of time, the cheaper one until the deadline."""
            def runner(until: float):
                """rows(sql, params): one statement's rows, cancelled by the server at `until`."""
                def rows(stmt: str, params=()) -> list:
                    left = until - time.monotonic()
                    if left <= 0:
                        raise Spent()
                    conn.execute("SELECT set_config('statement_timeout', %s, true)", (f"{max(1, int(left * 1000))}ms",))
                    return conn.execute(stmt, params).fetchall()
                return rows
            try:
                with conn.transaction():      # a savepoint: a cancelled statement keeps the snapshot usable
                    return self._search(runner(first), req, lex, plan)
            except (Spent, psycopg.errors.QueryCanceled):
                if not plan:
                    raise
            return self._found(runner(deadline), req, lex, plan)

        try:
            return self._backend.run(timed, schema=self.generation.schema)
        except (Spent, psycopg.errors.QueryCanceled):
            return SearchOutcome((), 0, {f: Counter() for f in req.facets}, {}, partial=True,
                                 notes=tuple(lex.notes))

    def _search(self, rows, req: SearchRequest, lex: Lexicon, plan: dict) -> SearchOutcome:
        """`search` on one transaction's statements (`rows(sql, params)`); plan: what `_found`
        needs, kept once the query is compiled."""
        gen, s = self.generation, self.generation.table
        table, text_fields, keys = SCOPES[req.scope]
        by_score = req.order == "relevance" and req.query is not None
        group = req.group and req.scope == "quotes"
        nothing = SearchOutcome((), 0, {f: Counter() for f in req.facets}, {}, notes=tuple(lex.notes))
        match, mp, score, sp, terms = "TRUE", [], "NULL::float8", [], {}
        if req.query is not None:
            query = rewrite(req.query, req.scope)
            lex.fill(rows, s, query)
            comp = Compiler(gen.stats, req.scope, text_fields, keys, lex, scored=by_score)
            expr = comp.compile(query)
            terms = comp.terms(query)
            nothing = dataclasses.replace(nothing, terms=terms, notes=tuple(lex.notes))
            if expr is NEVER:
                return nothing
            match, mp = expr.match, expr.mp
            if by_score:
                score, sp = expr.score, expr.sp
        where, wp = self._filters(req)
        if where is None:
            return nothing
        plan.update(table=f"{s}.{table}", where=f"{where} AND ({match})", params=wp + mp, terms=terms,
                    order="found" if by_score else page.order_key(req.order, False), group=group)
        stmt = page.statement(f"{s}.{table}", req.scope, score, f"{where} AND ({match})",
                              page.order_key(req.order, by_score), req.facets, group)
        return self._outcome(rows, req, stmt, sp + wp + mp, by_score, terms, lex)

    def _found(self, rows, req: SearchRequest, lex: Lexicon, plan: dict) -> SearchOutcome:
        """The search out of time: its first FALLBACK_ROWS matches, unscored (see the module doc)."""
        stmt = page.statement(plan["table"], req.scope, "NULL::float8", plan["where"], plan["order"], req.facets,
                              plan["group"], cap=FALLBACK_ROWS)
        return dataclasses.replace(self._outcome(rows, req, stmt, plan["params"], False, plan["terms"], lex),
                                   partial=True)

    def _outcome(self, rows, req: SearchRequest, stmt: str, params: list, by_score: bool, terms: dict,
                 lex: Lexicon) -> SearchOutcome:
        """Run a search statement (its parameters but the page's) and read the page's documents."""
        total, reports, undated, hits, facets = page.read(
            rows(stmt, params + [max(0, req.stop - req.start), req.start]), req.facets)
        docs = self._docs(req.scope, [seq for _, seq, _, _ in hits], rows)
        found = tuple(Scored(docs[seq], sc if by_score else None, n) for _, seq, sc, n in hits)
        return SearchOutcome(found, total, facets, terms, undated=undated, reports=reports, notes=tuple(lex.notes))

    def _filters(self, req: SearchRequest) -> tuple[Optional[str], list]:
        """The filters as one SQL condition (None when nothing can pass), with its parameters."""
        f, s = req.filters, self.generation.table
        conds, params = [], []
        if f.speaker_id:
            if req.scope == "quotes":
                conds.append("speaker_id = %s")
            else:
                conds.append(f"id IN (SELECT article FROM {s}.quotes WHERE speaker_id = %s)")
            params.append(f.speaker_id)
        for name, value in (("outlet", f.outlet), ("medium", f.medium)):
            if value:
                if name == "medium" and req.scope != "quotes":
                    return None, []
                words = list(_SCHEMA[name].process_text(str(value), mode="query"))
                if not words:
                    return None, []
                conds.append(f"{name}_key = %s")
                params.append(words[0])
        if f.year:
            conds.append("year = %s")
            params.append(str(f.year))
        if f.since or f.until:
            conds.append("date >= %s AND date <= %s")
            params += [f.since or "0000", f.until or "9999"]
        if f.min_confidence is not None and req.scope == "quotes":
            conds.append("confidence >= %s")        # no confidence (no speaker): never passes
            params.append(float(f.min_confidence))
        return " AND ".join(conds) or "TRUE", params

    def _docs(self, scope: str, seqs: list, run) -> dict:
        """The stored documents with these seq numbers, by seq."""
        if not seqs:
            return {}
        table, cols, make = self._stored(scope)
        rows = run(f"SELECT seq, {cols} FROM {self.generation.table}.{table} WHERE seq = ANY(%s)", (seqs,))
        return {r[0]: make(r[1:]) for r in rows}

    def quotes(self, by: str, value: str) -> list[QuoteDoc]:
        """Every quote whose `by` field is value."""
        if by not in QUOTE_KEYS:
            raise ValueError(f"quotes by {by!r}: not one of {', '.join(QUOTE_KEYS)}")
        _, cols, make = self._stored("quotes")
        rows = self._rows(f"SELECT {cols} FROM {self.generation.table}.quotes WHERE {by} = %s", (value,))
        return [make(r) for r in rows]

    def article(self, article_id: str) -> Optional[ArticleDoc]:
        """One article, or None."""
        _, cols, make = self._stored("articles")
        rows = self._rows(f"SELECT {cols} FROM {self.generation.table}.articles WHERE id = %s", (article_id,))
        return make(rows[0]) if rows else None

    def documents(self, kind: str) -> Iterator[Doc]:
        """Every document of a kind, in document order, read BATCH rows at a time."""
        table, cols, make = self._stored("quotes" if kind == "quote" else "articles")
        last = -1
        while True:
            rows = self._rows(f"SELECT seq, {cols} FROM {self.generation.table}.{table} WHERE seq > %s "
                              "ORDER BY seq LIMIT %s", (last, BATCH))
            yield from (make(r[1:]) for r in rows)
            if len(rows) < BATCH:
                return
            last = rows[-1][0]

    def _stored(self, scope: str) -> tuple:
        """(table, stored columns as SQL, row -> record) of a scope."""
        if scope == "quotes":
            return "quotes", _QUOTE_COLS, quote_doc
        outlets = self.generation.outlets
        return "articles", _ARTICLE_COLS, lambda r: article_doc(r, outlets)

    def similar(self, words: tuple, limit: int) -> list[Scored]:
        """Quotes sharing the most of the words, best first (see `similar.py`)."""
        found = self._backend.run(lambda c: similar.find(c, self.generation, words, limit),
                                  schema=self.generation.schema)
        docs = self._docs("quotes", [seq for seq, _ in found], self._rows)
        return [Scored(docs[seq], score) for seq, score in found]

    def outlet_count(self) -> int:
        """Distinct outlets of the articles (once per generation)."""
        gen = self.generation
        return gen.memo("outlet_count", lambda: self._rows(
            f"SELECT count(DISTINCT outlet) FROM {gen.table}.articles WHERE outlet IS NOT NULL")[0][0])

    def size_bytes(self) -> int:
        """Bytes the generation's tables, their indexes and TOAST data take."""
        return int(self._rows(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %s AND c.relkind = 'r'",
            (self.generation.schema,))[0][0])


def quote_doc(r: tuple) -> QuoteDoc:
    """A row of QUOTE_STORED columns as a record."""
    (qid, article, text, start, title, speaker_name, speaker_id, role, cue, outlet, medium, date, cluster,
     spans, mention, nested, rule, before, after, speaker_kind, confidence) = r
    return QuoteDoc(qid, article, text, start, title, speaker_name, speaker_id, role, cue, outlet, medium, date,
                    cluster, tuple(map(tuple, spans or ())), mention, bool(nested), rule, before or "", after or "",
                    speaker_kind, confidence)


def article_doc(r: tuple, outlets: Mapping) -> ArticleDoc:
    """A row of ARTICLE_STORED columns as a record, its outlet named (outlets: slug -> name)."""
    aid, title, outlet = r[:3]
    return ArticleDoc(aid, title, outlet, outlets.get(outlet, outlet) if outlet else None, *r[3:-1], r[-1] or "")


_QUOTE_COLS, _ARTICLE_COLS = ", ".join(QUOTE_STORED), ", ".join(ARTICLE_STORED)
