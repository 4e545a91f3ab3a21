"""Recent search answers are kept per index generation: a repeated search is not run again, an
update (a new generation) is never answered from the old one's answers, and the cache is bounded."""
from __future__ import annotations

import dataclasses
import importlib

import pytest

from conftest import write_mini_corpus
from indexer import ingest
from indexer import search as S
from indexer.search import api
from indexer.search.recent import Recent

# The module, not the package's `check` function of the same name.
C = importlib.import_module("indexer.search.check")

NEW_REPORT = 'Harbour\n\n"The harbour wall will be rebuilt in stone next year," Ana Ferreira told the Herald.\n'


@pytest.fixture
def built(tmp_path):
    """(corpus dir, index path, open index) of the mini corpus, freshly built."""
    corpus = write_mini_corpus(tmp_path / "c")
    path = str(tmp_path / "ix")
    ingest.build([str(corpus)], path)
    return corpus, path, S.open_index(path)


def _add_report_and_update(corpus, path) -> None:
    """A new article carrying the harbour quote, then `update` (a new generation)."""
    (corpus / "herald" / "a7.txt").write_text(NEW_REPORT, encoding="utf-8")
    ingest.update(path)


def test_a_repeated_search_is_answered_from_the_generation_cache(built, monkeypatch):
    corpus, path, ix = built
    calls = []
    real = api._search
    monkeypatch.setattr(api, "_search", lambda *a: calls.append(a[1:3]) or real(*a))
    first = S.search(ix, "harbour")
    assert S.search(ix, "harbour") is first and len(calls) == 1
    assert S.search(ix, "harbour", page=2).page == 2 and len(calls) == 2     # another page, another key
    assert S.search(ix, "harbour", scope="articles").scope == "articles" and len(calls) == 3

    _add_report_and_update(corpus, path)
    again = S.search(ix, "harbour")                 # the new generation answers, not the cache
    assert len(calls) == 4 and again.total == first.total + 1


def test_the_cache_keeps_the_most_recent_answers_only():
    recent = Recent(2)
    recent.put("a", 1)
    recent.put("b", 2)
    assert recent.get("a") == 1                     # a is now the most recent
    recent.put("c", 3)
    assert recent.get("b") is None and recent.get("a") == 1 and recent.get("c") == 3


def test_get_or_make_makes_an_answer_once_and_stays_bounded():
    recent, made = Recent(3), []
    for key in "abcabcdefa":
        assert recent.get_or_make(key, lambda: made.append(key) or key.upper()) == key.upper()
    assert made == list("abcdefa") and len(recent) == 3         # "a" had been dropped by d, e, f


def test_filter_doc_sets_are_kept_per_filter_and_bounded(built):
    from indexer.search.whoosh_backend import columns
    ix = built[2]
    view = ix.view()
    table = columns.table(view.generation, view.searcher)
    S.search(ix, "harbour", outlet="daily-planet")
    kept = len(table.filters)
    S.search(ix, "storm", outlet="daily-planet")            # the same filter: its doc set reused
    assert len(table.filters) == kept
    S.search(ix, "storm", outlet="evening-star")            # another filter: one more set
    assert len(table.filters) == kept + 1 <= table.filters.size


def test_a_search_stopped_by_its_time_budget_is_not_kept(built, monkeypatch):
    ix = built[2]
    real = api._search
    monkeypatch.setattr(api, "_search", lambda *a: dataclasses.replace(real(*a), partial=True))
    assert S.search(ix, "harbour") is not S.search(ix, "harbour")


def test_warm_start_answers_the_home_listing_before_the_first_request(app, client, monkeypatch):
    from webapp import store

    store.warm(app)
    gen = app.extensions[store._KEY]["index"].generation()
    for key in ("names", "speaker_records", "recent_results", "listings"):
        assert key in gen._memo, key
    calls = []
    real = api._search
    monkeypatch.setattr(api, "_search", lambda *a: calls.append(a[1:3]) or real(*a))
    with app.app_context():
        S.search(store._shared(), "")
    assert calls == []                              # the listing was answered at start
    assert client.get("/").status_code == 200


def test_a_repeated_check_is_answered_from_the_generation_cache(built, monkeypatch):
    corpus, path, ix = built
    calls = []
    real = C._check
    monkeypatch.setattr(C, "_check", lambda *a: calls.append(a[1]) or real(*a))
    paste = "The harbour wall will be rebuilt in stone next year"
    first = C.check(ix, paste)
    assert C.check(ix, paste) is first and len(calls) == 1
    assert C.check(ix, paste, limit=1) is not first and len(calls) == 2      # another limit, another key
    _add_report_and_update(corpus, path)
    again = C.check(ix, paste)                      # the new generation answers, not the cache
    assert len(calls) == 3 and again.matches and not first.matches
