"""What every backend must keep, on PostgreSQL: bounded searches (the same expansion caps and notes
as Whoosh, statement_timeout as the clock), damage named and found by check-index, and a reader
that keeps its generation when the next one cannot be opened."""
from __future__ import annotations

import psycopg
import pytest

from backends import assert_close, fresh_database
from conftest import CORPUS
from indexer import search as S
from indexer.errors import IndexDamaged
from indexer.serial import to_json

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def both(mini_index, mini_corpus, postgres_primary):
    """The MINI corpus on Whoosh and on PostgreSQL."""
    from indexer.ingest.pg_load import load

    dsn = fresh_database(postgres_primary["dsn"], "qi_test_bounds")
    load(dsn, paths=[str(mini_corpus)])
    return S.open_index(mini_index), S.open_index(dsn)


@pytest.fixture
def db(postgres_primary):
    """A fresh database holding the seeds, and its live generation's schema."""
    from indexer.ingest.pg_load import load

    dsn = fresh_database(postgres_primary["dsn"], "qi_test_damage")
    load(dsn, paths=[str(CORPUS)])
    return dsn, S.open_index(dsn).generation().schema


def _sql(dsn: str, stmt: str) -> None:
    """Run one statement on the database, committed (what an operator's psql would do)."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(stmt)


@pytest.mark.parametrize("q, scope", [("t*", "quotes"), ("text:s*", "articles"), ("quote:[a TO m]", "quotes"),
                                      ("*:*", "articles")])
def test_expansions_are_capped_as_on_whoosh(both, q, scope):
    w, p = both
    said = {}
    for cap in (2, 1000):
        a = to_json(S.search(w, q, scope=scope, raw=True, max_expansion=cap, per_page=50))
        b = to_json(S.search(p, q, scope=scope, raw=True, max_expansion=cap, per_page=50))
        assert_close(a, b, f"{q} max_expansion={cap}")
        said[cap] = " ".join(b["messages"])
    if q != "*:*":
        assert "only the first 2 (in alphabetical order) were searched" in said[2]
        assert "were searched" not in said[1000]


@pytest.mark.parametrize("text, edits, prefix", [("harbor", 1, 1), ("storms", 2, 0), ("dredgng", 5, 2), ("zzzz", 1, 0)])
def test_fuzzy_words_expand_as_on_whoosh(both, text, edits, prefix):
    # The query parser has no fuzzy syntax; a backend still bounds a fuzzy node it is given.
    from whoosh import query as Q

    from indexer.search.backend import Filters, SearchRequest

    for cap in (1, 1000):
        req = SearchRequest("quotes", Q.FuzzyTerm("quote", text, maxdist=edits, prefixlength=prefix), Filters(),
                            "relevance", 0, 50, ("speaker",), max_expansion=cap)
        a, b = (ix.view().search(req) for ix in both)
        assert [(h.doc.id, round(h.score, 9)) for h in a.hits] == [(h.doc.id, round(h.score, 9)) for h in b.hits]
        assert (a.total, a.facets, a.terms, a.notes, a.partial) == (b.total, b.facets, b.terms, b.notes, b.partial)
        assert ("A fuzzy word allows at most 2 edits" in " ".join(b.notes)) == (edits > 2)


def test_a_search_out_of_time_is_stopped_by_the_server_and_says_partial(both, monkeypatch):
    from indexer.search.pg_backend import compile as C

    _, p = both
    compile_ = C.Compiler.compile

    def slow(self, node):
        """Every row's match costs 50 ms: the statement outlives the request's clock."""
        expr = compile_(self, node)
        return C.Expr(f"(pg_sleep(0.05) IS NOT NULL) AND ({expr.match})", expr.mp, expr.score, expr.sp)

    monkeypatch.setattr(C.Compiler, "compile", slow)
    r = S.search(p, "harbour", seconds=0.3)
    assert r.total == 0 and r.hits == ()
    assert any("took longer than 0.3 s and was stopped" in m for m in r.messages)
    monkeypatch.undo()
    assert S.search(p, "harbour").total > 0          # the connection is usable again


def test_a_search_out_of_time_answers_with_the_first_matches_unranked(both, monkeypatch):
    """Ranking every match outlives the clock; the reserve lists the first matches found, as Whoosh
    answers with what it had matched by then."""
    from indexer.search.pg_backend import compile as C

    _, p = both
    ask = {"q": "*:*", "raw": True, "scope": "quotes", "group": False, "per_page": 3}
    whole = S.search(p, **ask)
    compile_ = C.Compiler.compile

    def slow_score(self, node):
        """Every row's score costs 50 ms; matching stays cheap."""
        expr = compile_(self, node)
        return C.Expr(expr.match, expr.mp, f"(CASE WHEN pg_sleep(0.05) IS NULL THEN 0 ELSE {expr.score} END)",
                      expr.sp)

    monkeypatch.setattr(C.Compiler, "compile", slow_score)
    r = S.search(p, **ask, seconds=0.25)
    assert r.partial and any("took longer than 0.25 s and was stopped" in m for m in r.messages)
    assert r.total == whole.total > 3 and len(r.hits) == 3
    first = [q.id for q in S.export(p, "quotes")][:3]           # the first found: document order
    assert [h.id for h in r.hits] == first
    assert r.facets == whole.facets                  # every match was found: facets over all of them


def test_a_dropped_table_is_damage_named_on_every_path(db):
    from webapp import create_app

    dsn, schema = db
    reader = S.open_index(dsn)
    assert S.check_index(dsn).ok
    _sql(dsn, f"DROP TABLE {schema}.articles")
    with pytest.raises(IndexDamaged, match=f"is damaged: .*articles.*{schema}.*--backend postgresql"):
        S.search(reader, "penalty", scope="articles")
    check = S.check_index(dsn)
    assert not check.ok and f"the table {schema}.articles is missing" in check.problems
    from click.testing import CliRunner

    from quote_index.cli import cli
    r = CliRunner().invoke(cli, ["check-index", "--index", dsn])
    assert r.exit_code == 1 and f"the table {schema}.articles is missing" in r.output and "Traceback" not in r.output
    page = create_app({"TESTING": True, "INDEX_DIR": dsn}).test_client().get("/search.json?q=penalty&scope=articles")
    assert page.status_code == 503 and b"damaged" in page.data


def test_check_index_finds_rows_changed_outside_a_load_and_an_invalid_index(db):
    dsn, schema = db
    _sql(dsn, f"DELETE FROM {schema}.quotes WHERE id IN (SELECT id FROM {schema}.quotes LIMIT 1)")
    _sql(dsn, f"UPDATE pg_index SET indisvalid = false WHERE indexrelid = "
              f"(SELECT indexrelid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
              f"JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '{schema}' "
              f"AND c.relname LIKE 'articles_outlet_key%' LIMIT 1)")
    problems = " | ".join(S.check_index(dsn).problems)
    assert f"{schema}.quotes holds 9 rows where the load wrote 10" in problems
    assert "the lexicon of 'quote' counts" in problems
    assert f"the index {schema}.articles_outlet_key" in problems and "is not valid" in problems


def test_a_next_generation_that_cannot_be_opened_leaves_readers_on_theirs(db, mini_corpus):
    from indexer.ingest.pg_load import load

    dsn, first = db
    reader = S.open_index(dsn)
    reader.backend.recheck = 0
    before = to_json(S.search(reader, "penalty"))
    load(dsn, paths=[str(mini_corpus)])
    second = S.open_index(dsn).generation().schema
    _sql(dsn, f"DROP TABLE {second}.speakers")
    with pytest.raises(IndexDamaged, match=f"{second}.speakers"):
        S.open_index(dsn)
    assert reader.generation().schema == first and to_json(S.search(reader, "penalty")) == before
    _sql(dsn, "DELETE FROM quote_index.live")                    # the live pointer removed
    assert reader.generation().schema == first and S.search(reader, "penalty").total == before["total"]
