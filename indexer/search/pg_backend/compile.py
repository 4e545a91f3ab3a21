"""The API's query tree as SQL: a condition that matches what Whoosh matches, and Whoosh's score.

Each node becomes an `Expr`: a boolean SQL condition and a score expression, or NEVER (Whoosh's
NullMatcher: a term no document holds, a field this scope has not). Terms are looked up in the
generation's lexicon first (`Lexicon`), so a missing word, a wildcard's expansion and each term's
document frequency are known before the SQL is written. Scores follow Whoosh's BM25F (B=0.75,
K1=1.2, idf = log(N / (df + 1)) + 1 over every document, field lengths as Whoosh quantises them):

    Term      bm25 on a text field, 1.0 on a keyword field; times the boost
    Phrase    the sum of its words' term scores (each word as often as it occurs), times the boost
    And       the sum of its parts; a Not inside counts 1.0 (Whoosh's inverse matcher weighs 1.0)
    Or        the sum of the parts that match; Prefix, Wildcard, TermRange and FuzzyTerm are Ors
              of their terms (at most the request's max_expansion, the first in byte order)
    AndNot    the first part; AndMaybe the first part plus the second where it matches
    NumericRange  a comparison on the number's column (raw `confidence:[0.5 TO 1]`), its boost

Quote phrases are matched as Whoosh's backend matches them (`store.schema.pair_phrases`):
a two-word phrase is one word-pair term, a longer one its pairs and the phrase. The same tree gives
the matched words for highlighting (`Compiler.terms`), as Whoosh's `match_terms` does.
"""
from __future__ import annotations

import itertools
import math
from collections import defaultdict
from typing import Optional

from whoosh import query as Q

from ...pgstore.analyse import SCHEMA, lexeme
from ...pgstore.tables import CONTROL, TEXT_FIELDS
from ...store.schema import pair_phrases
from whoosh.support.levenshtein import levenshtein

from ..backend import MAX_EDITS, QueryFailed, expansion_note, fuzzy_note

B, K1 = 0.75, 1.2                 # Whoosh's BM25F defaults
MAX_SLOP_COMBINATIONS = 256       # phrase distance combinations written as one tsquery
FUZZY_BATCH = 5000                # lexicon terms read at a time while looking for a fuzzy word's
# Whoosh's Or picks its matcher by size: 3+ terms of an expansion over an index of at most
# PRELOAD_DOCS documents (or TOO_MANY_CLAUSES terms or more) are pre-loaded unscored, each match
# scoring 1.0 (`whoosh.query.compound.PreloadedOr`, under the expansion's constant score).
PRELOAD_DOCS = 5000
TOO_MANY_CLAUSES = Q.Or.TOO_MANY_CLAUSES
# Whoosh's NUMERIC fields and the column holding each, per document kind (articles have none).
NUMERIC_COLUMNS = {"quote": {"confidence": "confidence", "cluster_size": "cluster_size", "start": "start"},
                   "article": {}}


class Expr:
    """A compiled node: SQL condition with its parameters, score SQL with its parameters."""

    __slots__ = ("match", "mp", "score", "sp")

    def __init__(self, match: str, mp: list, score: str, sp: list):
        self.match, self.mp, self.score, self.sp = match, mp, score, sp


NEVER = None
ALWAYS = "TRUE"


def rewrite(query: Q.Query, scope: str) -> Q.Query:
    """Quote phrases as word-pair terms (and the phrase, for three words or more), as Whoosh runs them."""
    return pair_phrases(query) if scope == "quotes" else query


def _tree_sum(parts: list) -> tuple[str, list]:
    """(sql, params) scores summed as Whoosh's binary matcher tree adds them: a + (b + c)."""
    if len(parts) == 1:
        return parts[0]
    half = len(parts) // 2
    (a, ap), (b, bp) = _tree_sum(parts[:half]), _tree_sum(parts[half:])
    return f"({a} + {b})", ap + bp


def _multi(node) -> bool:
    """True for the nodes that expand to the lexicon's terms (wildcards, prefixes, ranges, fuzzy words)."""
    return isinstance(node, (Q.Prefix, Q.Wildcard, Q.TermRange, Q.FuzzyTerm))


class Spent(Exception):
    """The search's time ran out while its words were being looked up."""


class Lexicon:
    """The lexicon entries one query needs: exact terms and the expansions of its multi-term nodes,
    each at most `max_terms` terms (a note says what was cut), looked up before `over()` says
    the time is spent (else Spent)."""

    def __init__(self, max_terms: int = 1000, over=lambda: False):
        self.df: dict = {}             # (field, term) -> document frequency, for the terms that exist
        self.expanded: dict = {}       # id(node) -> [term, ...] in lexicon order
        self.max_terms, self.over = max_terms, over
        self.notes: list = []

    @staticmethod
    def wanted(query: Q.Query) -> tuple[set, list]:
        """The (field, term) pairs and the multi-term nodes of a query tree."""
        pairs, multi = set(), []
        for leaf in query.leaves():
            if _multi(leaf):
                multi.append(leaf)
            elif isinstance(leaf, Q.Term) and not isinstance(leaf.text, bytes):
                pairs.add((leaf.fieldname, leaf.text))     # (a number's term is bytes: a column)
            elif isinstance(leaf, Q.Phrase):
                pairs.update((leaf.fieldname, w) for w in leaf.words)
        return pairs, multi

    def fill(self, run, schema_sql, query: Q.Query) -> None:
        """Look up every term the query needs in the generation's lexicon (`run(sql, params)` -> rows)."""
        pairs, multi = self.wanted(query)
        if pairs:
            fields, terms = zip(*sorted(pairs))
            rows = run(f"SELECT field, term, df FROM {schema_sql}.lexicon WHERE (field, term) IN "
                       "(SELECT * FROM unnest(%s::text[], %s::text[]))", (list(fields), list(terms)))
            self.df.update({(f, t): n for f, t, n in rows})
        for node in multi:
            if self.over():
                raise Spent()
            if isinstance(node, Q.FuzzyTerm):
                rows = self._fuzzy(run, schema_sql, node)
            else:
                cond, params = _range(node)
                rows = run(f"SELECT term, df FROM {schema_sql}.lexicon WHERE field = %s AND term <> '' AND {cond} "
                           "ORDER BY term LIMIT %s", [node.fieldname, *params, self.max_terms + 1])
            if len(rows) > self.max_terms:
                self._note(expansion_note(node, self.max_terms))
                rows = rows[:self.max_terms]
            self.expanded[id(node)] = [t for t, _ in rows]
            self.df.update({(node.fieldname, t): n for t, n in rows})

    def _fuzzy(self, run, schema_sql, node: Q.FuzzyTerm) -> list:
        """(term, df) of the words within the fuzzy word's edits (at most MAX_EDITS) that share its
        prefix, in lexicon order, max_terms + 1 at most: Whoosh's Levenshtein automaton, walked here."""
        edits = node.maxdist
        if edits > MAX_EDITS:
            self._note(fuzzy_note(node))
            edits = MAX_EDITS
        text, prefix = node.text, node.text[:node.prefixlength]
        found, last = [], None
        while len(found) <= self.max_terms:
            if self.over():
                raise Spent()
            cond, params = _range(Q.Prefix(node.fieldname, prefix)) if prefix else ("TRUE", [])
            after, ap = ("AND term > %s", [last]) if last is not None else ("", [])
            rows = run(f"SELECT term, df FROM {schema_sql}.lexicon WHERE field = %s AND term <> '' AND {cond} "
                       f"{after} ORDER BY term LIMIT %s", [node.fieldname, *params, *ap, FUZZY_BATCH])
            found += [(t, n) for t, n in rows if abs(len(t) - len(text)) <= edits
                      and levenshtein(t, text, edits + 1) <= edits]
            if len(rows) < FUZZY_BATCH:
                break
            last = rows[-1][0]
        return found[:self.max_terms + 1]

    def _note(self, message: str) -> None:
        """Remember a cut (each message once)."""
        if message not in self.notes:
            self.notes.append(message)


def _range(node) -> tuple[str, list]:
    """The lexicon condition of a multi-term node (terms compare byte-wise, as Whoosh's do)."""
    if isinstance(node, Q.TermRange):
        cond, params = [], []
        if node.start:
            cond.append("term >" + ("" if node.startexcl else "=") + " %s")
            params.append(node.start)
        if node.end is not None:
            cond.append("term <" + ("" if node.endexcl else "=") + " %s")
            params.append(node.end)
        return (" AND ".join(cond) or "TRUE"), params
    text = node.text
    if isinstance(node, Q.Prefix):
        prefix, like = text, None
    else:
        cut = min([i for i in (text.find("*"), text.find("?")) if i >= 0], default=len(text))
        prefix = text[:cut]
        like = "".join("%" if c == "*" else "_" if c == "?" else ("\\" + c if c in "\\%_" else c) for c in text)
    cond, params = [], []
    if prefix:
        cond.append("term >= %s AND left(term, %s) = %s")
        params += [prefix, len(prefix), prefix]
        if ord(prefix[-1]) < 0x10FFFF:
            cond.append("term < %s")
            params.append(prefix[:-1] + chr(ord(prefix[-1]) + 1))
    if like is not None:
        cond.append("term LIKE %s")
        params.append(like)
    return (" AND ".join(cond) or "TRUE"), params


class Compiler:
    """Compiles one query tree for one scope's table of one generation (see the module doc)."""

    def __init__(self, stats: dict, scope: str, text_fields: tuple, keys: dict, lexicon: Lexicon,
                 scored: bool = True):
        self.n = stats["docs"]
        self.lengths = stats["lengths"]
        self.kind = "quote" if scope == "quotes" else "article"
        self.text_fields, self.keys, self.lex, self.scored = text_fields, keys, lexicon, scored

    def compile(self, node) -> Optional[Expr]:
        """The Expr of a node (NEVER when nothing can match); QueryFailed for what cannot be run."""
        kind = type(node)
        if isinstance(node, type(Q.NullQuery)):
            return NEVER
        if kind is Q.Term:
            return self.term(node.fieldname, node.text, node.boost)
        if kind is Q.Phrase:
            return self.phrase(node)
        if kind is Q.NumericRange:
            return self.numeric_range(node)
        if _multi(node):
            # Whoosh runs the expansion as an Or of its terms (`whoosh_backend.bounds`), and an Or
            # of one term as the term (no boost).
            terms = self.lex.expanded.get(id(node), [])
            if len(terms) <= 1:
                return self.term(node.fieldname, terms[0], 1.0) if terms else NEVER
            parts = [self.term(node.fieldname, t, 1.0) for t in terms]
            if len(terms) >= 3 and (self.n <= PRELOAD_DOCS or len(terms) >= TOO_MANY_CLAUSES):
                return self._unscored(parts)
            return self._or(parts, node.boost)
        if kind is Q.And:
            return self._and([self.compile(c) for c in node.subqueries], node.boost)
        if kind is Q.Or:
            return self._or([self.compile(c) for c in node.subqueries], node.boost)
        if kind is Q.Not:
            return self._not(self.compile(node.query))
        if kind is Q.AndNot:
            return self._and([self.compile(node.a), self._not(self.compile(node.b), weight=None)], 1.0)
        if kind is Q.AndMaybe:
            a, b = self.compile(node.a), self.compile(node.b)
            return a if a is NEVER or b is NEVER else self._or([a, b], 1.0, require=a)
        if kind is Q.Every:               # every document, whatever field it names (as Whoosh's bounds)
            return Expr(ALWAYS, [], "%s", [float(node.boost)])
        raise QueryFailed(kind.__name__)

    # ---- leaves

    def term(self, field: str, text: str, boost: float) -> Optional[Expr]:
        """One term: a lexeme of a text field's tsvector, the value of a keyword column, or a
        number (`confidence:0.75`: Whoosh's term is the number's bytes; every match weighs 1.0)."""
        if isinstance(text, bytes):
            column = NUMERIC_COLUMNS[self.kind].get(field)
            if column is None:
                return NEVER
            return Expr(f"{column} = %s", [SCHEMA[field].from_bytes(text)], "%s", [float(boost)])
        df = self.lex.df.get((field, text))
        if df is None:
            return NEVER
        if field == "kind":
            return Expr(ALWAYS, [], "%s", [float(boost)]) if text == self.kind else NEVER
        if field in self.text_fields:
            score, sp = self._bm25(field, text, df)
            if boost != 1.0:
                score, sp = f"({score} * %s)", sp + [float(boost)]
            return Expr(f"tsv_{field} @@ %s::tsquery", [lexeme(text)], score, sp)
        if field in self.keys:
            return Expr(f"{self.keys[field]} = %s", [text], "%s", [float(boost)])
        return NEVER

    def _bm25(self, field: str, text: str, df: int) -> tuple[str, list]:
        """Whoosh's BM25F score of a term in a document, as SQL (same operations, same order)."""
        if not self.scored:
            return "0", []
        idf = math.log(self.n / (df + 1)) + 1
        avgfl = (self.lengths.get(field, 0) / (self.n or 1)) or 1
        key = f"{TEXT_FIELDS[field]}:{text}"
        tf = "COALESCE((tf->>%s)::float8, 0)"
        return (f"(%s * (({tf} * %s) / ({tf} + %s * (%s + %s * len_{field} / %s))))",
                [idf, key, K1 + 1, key, K1, 1 - B, B, avgfl])

    def numeric_range(self, node: Q.NumericRange) -> Optional[Expr]:
        """A raw range over a number column (`confidence:[0.5 TO 1]`), every match scoring its boost
        as Whoosh's constant-score range does; one comparison per row, bounded by the statement's
        timeout like any search (Whoosh's walks the number's terms under the same clock)."""
        column = NUMERIC_COLUMNS[self.kind].get(node.fieldname)
        if column is None:
            return NEVER
        conds, params = [f"{column} IS NOT NULL"], []
        for value, excl, op in ((node.start, node.startexcl, ">"), (node.end, node.endexcl, "<")):
            if value is not None:
                conds.append(f"{column} {op}{'' if excl else '='} %s")
                params.append(value)
        return Expr(" AND ".join(conds), params, "%s", [float(node.boost)])

    def phrase(self, node: Q.Phrase) -> Optional[Expr]:
        """Words at successive positions (1..slop apart); scored as the sum of the words' scores."""
        field, words = node.fieldname, list(node.words)
        if field not in SCHEMA:
            return NEVER
        fmt = SCHEMA[field].format
        if not fmt or not fmt.supports("positions"):
            raise QueryFailed("QueryError")           # as Whoosh: "field has no positions"
        if field not in self.text_fields or any((field, w) not in self.lex.df for w in words):
            return NEVER
        if len(words) == 1:
            return self.term(field, words[0], node.boost)
        slop = max(1, int(node.slop))
        combos = slop ** (len(words) - 1)
        if combos > MAX_SLOP_COMBINATIONS:
            raise QueryFailed("QueryError")
        lex = [lexeme(w) for w in words]
        near = " | ".join(
            "(" + lex[0] + "".join(f" <{d}> {w}" for d, w in zip(dists, lex[1:])) + ")"
            for dists in itertools.product(range(1, slop + 1), repeat=len(words) - 1))
        every = " & ".join(lex)
        match = (f"((seqs IS NULL OR NOT seqs ? %s) AND tsv_{field} @@ %s::tsquery"
                 f" OR seqs ? %s AND tsv_{field} @@ %s::tsquery AND {CONTROL}.has_phrase(seqs->%s, %s, %s))")
        mp = [field, near, field, every, field, words, slop]
        score, sp = _tree_sum([self._bm25(field, w, self.lex.df[(field, w)]) for w in words])
        if node.boost != 1.0:
            score, sp = f"({score} * %s)", sp + [float(node.boost)]
        return Expr(match, mp, score, sp)

    # ---- combinations

    @staticmethod
    def _and(parts: list, boost: float) -> Optional[Expr]:
        """Every part matches; the score is their sum."""
        if any(p is NEVER for p in parts):
            return NEVER
        conds = [p for p in parts if p.match != ALWAYS]
        match = " AND ".join(f"({p.match})" for p in conds) or ALWAYS
        score = "(" + " + ".join(p.score for p in parts) + ")"
        sp = [x for p in parts for x in p.sp]
        if boost != 1.0:
            score, sp = f"({score} * %s)", sp + [float(boost)]
        return Expr(match, [x for p in conds for x in p.mp], score, sp)

    @staticmethod
    def _or(parts: list, boost: float, require: Optional[Expr] = None) -> Optional[Expr]:
        """Any part matches (or `require` matches: AndMaybe); the score sums the parts that match."""
        parts = [p for p in parts if p is not NEVER]
        if not parts:
            return NEVER
        if require is not None:
            match, mp = require.match, list(require.mp)
        elif any(p.match == ALWAYS for p in parts):
            match, mp = ALWAYS, []
        else:
            match, mp = " OR ".join(f"({p.match})" for p in parts), [x for p in parts for x in p.mp]
        terms, sp = [], []
        for p in parts:
            if p.match == ALWAYS or p is require:
                terms.append(p.score)
                sp += p.sp
            else:
                terms.append(f"(CASE WHEN {p.match} THEN {p.score} ELSE 0 END)")
                sp += p.mp + p.sp
        score = "(" + " + ".join(terms) + ")"
        if boost != 1.0:
            score, sp = f"({score} * %s)", sp + [float(boost)]
        return Expr(match, mp, score, sp)

    @staticmethod
    def _unscored(parts: list) -> Optional[Expr]:
        """Any part matches; every match scores 1.0 (Whoosh's pre-loaded Or under a constant score)."""
        parts = [p for p in parts if p is not NEVER]
        if not parts:
            return NEVER
        if any(p.match == ALWAYS for p in parts):
            return Expr(ALWAYS, [], "%s", [1.0])
        return Expr(" OR ".join(f"({p.match})" for p in parts), [x for p in parts for x in p.mp], "%s", [1.0])

    @staticmethod
    def _not(part: Optional[Expr], weight: Optional[float] = 1.0) -> Optional[Expr]:
        """Documents the part does not match, each weighing 1.0 (nothing when weight is None: AndNot)."""
        score, sp = ("%s", [weight]) if weight is not None else ("0", [])
        if part is NEVER:
            return Expr(ALWAYS, [], score, sp)
        if part.match == ALWAYS:
            return NEVER
        return Expr(f"NOT ({part.match})", list(part.mp), score, sp)

    # ---- highlighting

    def terms(self, query: Q.Query) -> dict[str, frozenset]:
        """Field -> the indexed words the query's leaves name that the index holds (wildcards
        expanded; a quote word pair marks both words), as Whoosh's backend reports them."""
        out: dict[str, set] = defaultdict(set)
        for leaf in query.leaves():
            if _multi(leaf):
                found = [(leaf.fieldname, t) for t in self.lex.expanded.get(id(leaf), ())]
            elif isinstance(leaf, Q.Term):
                found = [(leaf.fieldname, leaf.text)]
            elif isinstance(leaf, Q.Phrase):
                found = [(leaf.fieldname, w) for w in leaf.words]
            else:
                found = []
            for field, text in found:
                if (field, text) in self.lex.df:
                    if field == "quote_pairs":
                        out["quote"].update(text.split(" "))
                    else:
                        out[field].add(text)
        return {f: frozenset(w) for f, w in out.items()}
