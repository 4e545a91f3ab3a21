"""Facets, date order and match sets computed from columns (the Whoosh backend's fast paths)
agree with counting every hit by hand, on one segment and on an updated (multi-segment) index."""
from __future__ import annotations

import dataclasses
import shutil
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import query as Q

from conftest import write_mini_corpus
from indexer import ingest
from indexer import search as S
from indexer.search.whoosh_backend import bounds, columns, matching

WORDS = ["library", "budget", "mayor", "harbour", "dredged", "storms", "shallow", "numbers",
         "ferries", "city", "nonexistentword"]
FILTERS = {"outlet": [None, "Daily Planet", "evening-star", "Nowhere Gazette"],
           "medium": [None, "Evening Star", "Riverton Herald"],
           "year": [None, "2020", "2021", "1999"],
           "speaker": [None, "tom-baker", "ana-ferreira"]}


@pytest.fixture(scope="module")
def ix(mini_index):
    """The open MINI index."""
    return S.open_index(mini_index)


@pytest.fixture(scope="module")
def updated(tmp_path_factory):
    """An index built, then updated with one more file: two segments, the new one short of
    columns (no outlet, no date), the case Whoosh's multi-segment column reader gets wrong."""
    root = tmp_path_factory.mktemp("cols")
    corpus = write_mini_corpus(root / "c")
    path = str(root / "ix")
    ingest.build([str(corpus)], path)
    (corpus / "herald" / "a3.txt").write_text(
        "Library hours\n\n\"The library will open on Sundays from next month,\" Tom Baker said.\n")
    ingest.update(path)
    return path


def _all_hits(ix, q="", **kw) -> list[dict]:
    """Every hit of a search, page by page."""
    out, page = [], 1
    while True:
        r = S.search(ix, q, per_page=3, page=page, **kw)
        out += r.hits
        if page >= r.pages:
            return out
        page += 1


def _by_hand(hits: list[dict], scope: str) -> dict:
    """Facet counts from the hits themselves: {facet: {value: count}}."""
    keys = {"speaker": "speaker_id", "outlet": "outlet", "medium": "medium"}
    out = {}
    for f in S.FACETS:
        if scope == "articles" and f in ("speaker", "medium"):
            out[f] = {}
            continue
        vals = [(h.date or "")[:4] if f == "year" else getattr(h, keys[f], None) for h in hits]
        out[f] = dict(Counter(v for v in vals if v))
    return out


def _facets(r) -> dict:
    """A SearchResult's facets as {facet: {value: count}}."""
    return {f: {v.value: v.count for v in getattr(r.facets, f)} for f in S.FACETS}


def _check(ix, q, scope, sort, filters):
    """Facets equal counts by hand; totals equal the hits; orders hold (undated last); grouped,
    one hit per cluster and facets counting clusters."""
    if scope == "articles" and sort == "carried":
        return
    r = S.search(ix, q, scope=scope, sort=sort, per_page=100, group=False, **filters)
    hits = _all_hits(ix, q, scope=scope, sort=sort, group=False, **filters)
    assert [h.id for h in hits] == [h.id for h in r.hits]
    assert r.total == r.reports == len(hits) == len({h.id for h in hits})
    assert _facets(r) == _by_hand(hits, scope)
    assert r.undated == sum(1 for h in hits if not h.date)
    dates = [h.date or "" for h in hits]
    dated = [d for d in dates if d]
    if r.sort == "relevance":
        scores = [h.score for h in hits]
        assert scores == sorted(scores, reverse=True)
    else:
        assert all(h.score == 0.0 for h in hits)
        if r.sort == "carried":                            # most carried, then newest, undated last
            keys = [(-h.cluster_size, h.date is None) for h in hits]
            assert keys == sorted(keys)
        else:
            assert dates[:len(dated)] == dated             # undated last
            assert dated == sorted(dated, reverse=r.sort == "newest")
    if scope == "quotes":
        _check_grouped(ix, q, sort, filters, hits)


def _check_grouped(ix, q, sort, filters, hits):
    """Grouped: each cluster of the ungrouped hits once, its first hit in the order, facets
    counting clusters."""
    g = S.search(ix, q, sort=sort, per_page=100, **filters)
    first = {}
    for h in hits:
        first.setdefault(h.cluster, h.id)
    assert g.total == len(first) and g.reports == len(hits)
    assert [h.id for h in g.hits] == list(first.values())
    keys = {"speaker": "speaker_id", "outlet": "outlet", "medium": "medium"}
    want = {}
    for f in S.FACETS:
        pairs = {((h.date or "")[:4] if f == "year" else getattr(h, keys[f]), h.cluster) for h in hits}
        want[f] = dict(Counter(v for v, _ in pairs if v))
    assert _facets(g) == want


@pytest.mark.parametrize("q, scope, sort, filters", [
    ("", "quotes", "relevance", {}),
    ("", "articles", "relevance", {}),
    ("", "quotes", "relevance", {"outlet": "Evening Star"}),
    ("", "quotes", "relevance", {"speaker": "tom-baker"}),
    ("", "quotes", "relevance", {"year": "2021"}),
    ("", "quotes", "relevance", {"outlet": "Nowhere Gazette"}),       # nothing passes: no facets
    ("", "articles", "date", {"year": "2020"}),
    ("library", "quotes", "relevance", {}),
    ("library OR harbour", "quotes", "date", {}),
    ("library NOT city", "quotes", "relevance", {}),
    ("riverton", "articles", "relevance", {}),
    ("harbour OR library", "articles", "date", {}),
    ('"autumn storms"', "quotes", "relevance", {"medium": "Evening Star"}),
    ('"before the autumn storms"', "quotes", "relevance", {}),        # phrase: one scoring pass
    ("library mayor", "quotes", "relevance", {"year": "2021"}),        # all-words: one pass too
    ("library mayor", "quotes", "relevance", {}),
    ("riverton library", "articles", "relevance", {}),
    ("nonexistentword", "quotes", "relevance", {}),
])
def test_facets_and_order_match_counting_by_hand(ix, q, scope, sort, filters):
    _check(ix, q, scope, sort, filters)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(WORDS), max_size=3), op=st.sampled_from([" ", " OR ", " NOT "]),
       scope=st.sampled_from(S.SCOPES), sort=st.sampled_from(S.SORTS),
       filters=st.fixed_dictionaries({k: st.sampled_from(v) for k, v in FILTERS.items()}))
def test_any_search_counts_facets_over_every_match(ix, words, op, scope, sort, filters):
    q = op.join(words).strip()
    if q.startswith("NOT") or q.endswith("NOT"):
        q = q.replace("NOT", "").strip()
    _check(ix, q, scope, sort, {k: v for k, v in filters.items() if v})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tree=st.recursive(
    st.builds(lambda f, w: Q.Term(f, w), st.sampled_from(["quote", "text", "title"]),
              st.sampled_from(["librari", "budget", "mayor", "harbour", "dredg", "storm", "riverton", "zzz"])),
    lambda kids: st.one_of(st.lists(kids, min_size=1, max_size=3).map(Q.And),
                           st.lists(kids, min_size=1, max_size=3).map(Q.Or),
                           kids.map(Q.Not)),
    max_leaves=6))
def test_docset_equals_whoosh_matching(ix, tree):
    """Set algebra on postings gives exactly the documents Whoosh's matchers give."""
    s = ix.view().searcher
    assert matching.docset(s, tree, bounds.Budget(60, 10_000)) == set(s.docs_for_query(tree))


@pytest.mark.parametrize("q, scope", [("", "quotes"), ("", "articles"), ("library OR harbour", "quotes"),
                                      ("library", "articles")])
def test_updated_index_agrees_with_counting_by_hand(updated, q, scope):
    """Two segments, the second lacking some columns: values stay with their documents."""
    for sort in S.SORTS:
        _check(S.open_index(updated), q, scope, sort, {})


def test_updated_index_lists_the_new_quote(updated):
    ix = S.open_index(updated)
    r = S.search(ix, "", speaker="tom-baker", per_page=100, group=False)
    assert r.total == 3 and any(h.article == "herald/a3.txt" for h in r.hits)
    assert _facets(r)["speaker"] == {"tom-baker": 3}


def test_small_and_large_match_sets_count_the_same(ix, monkeypatch):
    """Few matches read column values doc by doc; many read the generation's table: same answer."""
    few = [S.search(ix, q, per_page=100) for q in ("", "library", "harbour OR storms")]
    fresh = S.open_index(ix.path)
    monkeypatch.setattr(columns, "LARGE", 0)
    many = [S.search(fresh, q, per_page=100) for q in ("", "library", "harbour OR storms")]
    assert few == many


def test_cached_listing_cannot_be_changed_by_a_caller(ix):
    """The empty query's facets are cached per generation: records are frozen, so a caller cannot
    change what the next caller gets."""
    r = S.search(ix, "", outlet="Daily Planet")
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.facets.outlet[0].count = 999
    with pytest.raises(AttributeError):
        r.facets.year.clear()
    again = S.search(ix, "", outlet="Daily Planet")
    assert again.facets is r.facets                     # the cached facets, shared
    assert again.facets.outlet[0].count == 2 and again.facets.year


def test_a_rebuild_drops_cached_facets_and_counts(tmp_path):
    corpus = write_mini_corpus(tmp_path / "c")
    path = str(tmp_path / "ix")
    ingest.build([str(corpus)], path)
    ix = S.open_index(path)
    assert S.search(ix, "", group=False).total == 8 and S.stats(ix).outlets == 2
    shutil.rmtree(corpus / "herald")
    (corpus / "feed.jsonl").write_text(
        '{"title": "T", "outlet": "Morning Post", "date": "2022-03-04", '
        '"text": "\\"The bridge opens in May,\\" engineer Ola Berg said."}\n')
    ingest.build([str(corpus)], path)
    r = S.search(ix, "")
    assert r.total == 1 and _facets(r)["outlet"] == {"morning-post": 1}
    assert r.facets.outlet[0].label == "Morning Post"
    assert S.stats(ix).outlets == 1


@pytest.mark.parametrize("speaker, articles", [
    ("tom-baker", {"herald/a1.txt", "herald/a2.txt"}),
    ("ana-ferreira", {"feed.jsonl#1", "feed.jsonl#2"}),
    ("jane-smith", {"feed.jsonl#2"}),
])
def test_articles_quoting_a_speaker_twice_over(ix, speaker, articles):
    """The speaker filter on articles (its article list is cached) gives the same answer again."""
    for _ in range(2):
        r = S.search(ix, "", scope="articles", speaker=speaker, per_page=100)
        assert {h.id for h in r.hits} == articles and r.total == len(articles)


def test_stats_counts_outlets_of_live_articles(ix):
    assert S.stats(ix).outlets == 2          # the herald files carry no outlet
