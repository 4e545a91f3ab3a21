"""The search API (indexer/search) over the seeds and over articles written for these tests.

The `ix` tests are the shared suite of the backends: each runs on the Whoosh index and on the
same corpus loaded into PostgreSQL (tests/backends.py)."""
from __future__ import annotations

import json
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backends import BACKENDS, index_on
from indexer import search as S
from indexer.serial import to_json
from indexer.search.query import plain_words


@pytest.fixture(scope="module", params=BACKENDS)
def ix(request, mini_index, mini_corpus, tmp_path_factory):
    """The open MINI index, on each backend."""
    if request.param == "whoosh":
        return S.open_index(mini_index)
    return S.open_index(index_on(request, request.param, [str(mini_corpus)], "mini", tmp_path_factory))


def _ids(result):
    """The hit ids of a SearchResult."""
    return [h.id for h in result.hits]


# --------------------------------------------------------------------------- queries

@pytest.mark.parametrize("q, expected", [
    ('"autumn storms"', {"feed.jsonl#1@38", "feed.jsonl#2@24"}),        # phrase
    ('"storms autumn"', set()),                                         # word order matters in a phrase
    ("dredging", {"feed.jsonl#1@38", "feed.jsonl#2@24", "feed.jsonl#1@154"}),   # stemmed: dredged
    ("library AND mayor", {"herald/a1.txt@98", "herald/a2.txt@99"}),
    ("library NOT city", {"herald/a2.txt@99"}),
    ("shallow OR ferries", {"feed.jsonl#2@120", "feed.jsonl#1@154"}),
    ("speaker:sanchez", {"herald/a1.txt@98", "herald/a2.txt@99"}),     # accent-insensitive names
    ("speaker:Sánchez", {"herald/a1.txt@98", "herald/a2.txt@99"}),
    ('outlet:"daily planet"', {"feed.jsonl#1@38", "feed.jsonl#1@154"}),
    ("cue:told", {"herald/a1.txt@198", "herald/a2.txt@99", "feed.jsonl#2@24"}),
    ("shallo*", {"feed.jsonl#2@120"}),
    ("nonexistentword", set()),
])
def test_quote_queries(ix, q, expected):
    r = S.search(ix, q, per_page=100, group=False)
    assert set(_ids(r)) == expected
    assert r.total == len(expected)
    assert r.messages == ()


@pytest.mark.parametrize("q, why", [
    ('"autumn storms', "unbalanced quote mark"),
    ("AND", "operator"),
    ("library AND", "operator"),
    ("OR library", "operator"),
    ("*", "wildcard"),
    ("*brary", "wildcard"),
    ("(library", "parenthesis"),
    ("colour:red library", "unknown field"),
])
def test_unparsable_queries_are_searched_as_plain_words(ix, q, why):
    r = S.search(ix, q, per_page=100, group=False)
    assert len(r.messages) == 1 and why in r.messages[0] and "plain words" in r.messages[0]
    if plain_words(q) == "library":
        assert set(_ids(r)) == {"herald/a1.txt@98", "herald/a2.txt@99"}


def test_highlight_marks_the_original_words_of_a_stemmed_match(ix):
    r = S.search(ix, "dredging storm")
    hit = next(h for h in r.hits if h.id == "feed.jsonl#2@24")
    assert "".join(t for t, _ in hit.segments) == hit.text
    assert [t for t, m in hit.segments if m] == ["dredged", "storms"]


@pytest.mark.parametrize("q, marked", [
    ('"autumn storms"', ["autumn", "storms"]),                       # two words: one pair look-up
    ('"before the autumn storms"', ["before", "the", "autumn", "storms"]),   # pairs, then positions
])
def test_phrases_highlight_every_word(ix, q, marked):
    hit = next(h for h in S.search(ix, q).hits if h.id == "feed.jsonl#2@24")
    assert [t for t, m in hit.segments if m] == marked


@pytest.mark.parametrize("q, total", [
    ('"the autumn storms arrive"', 2), ('"storms the autumn"', 0), ('"autumn storms" AND shallow', 0),
    ('"autumn storms" OR shallow', 3), ('"autumn storms" NOT costs', 1), ('speaker:ferreira "autumn storms"', 2),
])
def test_phrase_rewrites_keep_boolean_logic(ix, q, total):
    assert S.search(ix, q, group=False).total == total


def test_quote_hit_carries_context_and_cluster(ix):
    hit = S.search(ix, '"autumn storms"', sort="date").hits[0]
    assert hit.id == "feed.jsonl#1@38"              # newest first
    assert hit.speaker == "Ana Ferreira" and hit.speaker_id == "ana-ferreira"
    assert hit.speaker_kind == "person" and 0 < hit.confidence <= 1
    assert hit.outlet == "daily-planet" and hit.outlet_name == "Daily Planet" and hit.date == "2021-05-04"
    assert hit.title == "Harbour works to start"
    assert hit.before.endswith('"') and hit.after.startswith('"')
    assert hit.cluster_size == 2 and hit.outlet_count == 2
    # carried first by the older article, of the other outlet
    assert (hit.first_date, hit.first_outlet, hit.first_outlet_name, hit.first_article) == (
        "2020-01-02", "evening-star", "Evening Star", "feed.jsonl#2")
    assert set(to_json(hit)) >= {"kind", "id", "cluster", "text", "segments", "speaker", "speaker_id", "role",
                                 "cue", "medium", "outlet", "date", "article", "title", "before", "after",
                                 "nested", "cluster_size", "score"}
    json.dumps(to_json(hit))


@pytest.mark.parametrize("kwargs, expected", [
    ({"speaker": "maria-sanchez"}, {"herald/a1.txt@98", "herald/a2.txt@99"}),
    ({"speaker": "SANCHEZ"}, {"herald/a1.txt@98", "herald/a2.txt@99"}),
    ({"outlet": "evening STAR"}, {"feed.jsonl#2@24", "feed.jsonl#2@120"}),
    ({"year": "2021"}, {"feed.jsonl#1@38", "feed.jsonl#1@154"}),
    ({"since": "2021"}, {"feed.jsonl#1@38", "feed.jsonl#1@154"}),
    ({"until": "2020-12"}, {"feed.jsonl#2@24", "feed.jsonl#2@120"}),
    ({"since": "2020-01-03", "until": "2021-05-03"}, set()),
    ({"medium": "riverton herald"}, {"herald/a2.txt@99"}),
    ({"speaker": "nobody at all"}, set()),
])
def test_filters_with_empty_query(ix, kwargs, expected):
    r = S.search(ix, "", per_page=100, group=False, **kwargs)
    assert set(_ids(r)) == expected


def test_ambiguous_speaker_filter_says_so(ix):
    r = S.search(ix, "", speaker="smith")
    assert r.total == 0 and "John Smith" in r.messages[0] and "Jane Smith" in r.messages[0]


def test_facets_count_every_match_not_only_the_page(ix):
    r = S.search(ix, "", per_page=1, group=False)
    assert r.total == 8 and len(r.hits) == 1 and r.pages == 8
    speakers = {f.value: f.count for f in r.facets.speaker}
    assert speakers["maria-sanchez"] == 2 and speakers["ana-ferreira"] == 2
    assert {f.label for f in r.facets.speaker} >= {"Maria Sánchez", "Ana Ferreira"}
    assert {(f.value, f.label): f.count for f in r.facets.outlet} == {
        ("daily-planet", "Daily Planet"): 2, ("evening-star", "Evening Star"): 2}
    assert {f.value: f.count for f in r.facets.year} == {"2021": 2, "2020": 2}


def test_grouped_results_count_quotes_not_reports(ix):
    """The same quote carried by two articles is one hit; totals and facets count such quotes."""
    r = S.search(ix, "", per_page=100)
    assert r.grouped and r.total == 6 and r.reports == 8 and len(r.hits) == 6
    assert len({h.cluster for h in r.hits}) == 6
    speakers = {f.value: f.count for f in r.facets.speaker}
    assert speakers["maria-sanchez"] == 1 and speakers["ana-ferreira"] == 1
    # a cluster counts once for each outlet that carried it
    assert {f.value: f.count for f in r.facets.outlet} == {"daily-planet": 2, "evening-star": 2}
    storms = S.search(ix, '"autumn storms"')
    assert storms.total == 1 and storms.reports == 2 and storms.hits[0].cluster_size == 2


@pytest.mark.parametrize("sort, first", [
    ("newest", "feed.jsonl#1"), ("oldest", "feed.jsonl#2"), ("relevance", None),
])
def test_sorts_by_date_put_undated_quotes_last(ix, sort, first):
    r = S.search(ix, "", per_page=100, sort=sort, group=False)
    dates = [h.date for h in r.hits]
    dated = [d for d in dates if d]
    assert dates[:len(dated)] == dated and r.undated == len(dates) - len(dated) == 4
    if first:
        assert r.hits[0].article == first
        assert dated == sorted(dated, reverse=sort == "newest")


def test_most_carried_first(ix):
    r = S.search(ix, "", sort="carried")
    assert [h.cluster_size for h in r.hits] == sorted((h.cluster_size for h in r.hits), reverse=True)
    assert r.hits[0].cluster_size == 2
    with pytest.raises(ValueError, match="^sort:"):
        S.search(ix, "", scope="articles", sort="carried")


def test_hide_unsure_attributions(ix):
    everything = S.search(ix, "", per_page=100, group=False)
    sure = S.search(ix, "", per_page=100, group=False, min_confidence=0.9)
    assert 0 < sure.total < everything.total
    assert all(h.confidence is not None and h.confidence >= 0.9 for h in sure.hits)
    assert dict(sure.filters)["min_confidence"] == "0.9"
    with pytest.raises(ValueError, match="^min_confidence:"):
        S.search(ix, "", min_confidence=1.5)


@pytest.mark.parametrize("group", [True, False])
def test_pages_do_not_overlap(ix, group):
    seen = []
    for page in (1, 2, 3):
        seen += _ids(S.search(ix, "", per_page=3, page=page, group=group))
    assert len(seen) == len(set(seen)) == (8 if not group else 6)
    assert S.search(ix, "", per_page=3, page=9, group=group).hits == ()


def test_articles_scope(ix):
    r = S.search(ix, "harbour", scope="articles")
    assert {h.id for h in r.hits} == {"feed.jsonl#1", "feed.jsonl#2"}
    hit = r.hits[0]
    assert hit.kind == "article" and hit.quote_count == 2
    assert any(m and t.lower() == "harbour" for t, m in hit.snippet_segments)
    assert S.search(ix, "Riverton", scope="articles", outlet="daily planet").total == 0


@pytest.mark.parametrize("kwargs, name", [
    ({"page": 0}, "page"), ({"per_page": 0}, "per_page"), ({"per_page": 101}, "per_page"),
    ({"scope": "people"}, "scope"), ({"sort": "wrongest"}, "sort"), ({"since": "yesterday"}, "since"),
    ({"until": "2021-13"}, "until"), ({"year": "21"}, "year"),
])
def test_bad_parameters_raise_value_error_naming_them(ix, kwargs, name):
    with pytest.raises(ValueError, match=f"^{name}:"):
        S.search(ix, "x", **kwargs)


def test_long_query_is_cut_with_a_message(ix):
    r = S.search(ix, "library " * 100)
    assert any("cut" in m for m in r.messages)


def test_did_you_mean(ix):
    r = S.search(ix, "libary")
    assert r.total == 0 and r.suggestion == "library"
    assert S.search(ix, "library").suggestion is None


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(list('abc "()*?:-\\\'[]{}^~/') + ["AND", "OR", "NOT", " ", "speaker:",
                                                                  "library", "date:", "TO"]),
                max_size=15).map("".join), st.sampled_from(S.SCOPES))
def test_any_query_gives_a_result_never_an_exception(ix, q, scope):
    r = S.search(ix, q, scope=scope)
    assert r.total >= len(r.hits)
    for h in r.hits:
        segs = h.segments if scope == "quotes" else h.snippet_segments
        if scope == "quotes":
            assert "".join(t for t, _ in segs) == h.text
    json.dumps(to_json(r))


# --------------------------------------------------------------------------- speakers

@pytest.mark.parametrize("name, expected", [
    ("sanchez", "maria-sanchez"), ("SÁNCHEZ", "maria-sanchez"), ("maria sanchez", "maria-sanchez"),
    ("Maria Sanches", "maria-sanchez"), ("Sanchex", "maria-sanchez"), ("ferreira", "ana-ferreira"),
    ("Ferriera", "ana-ferreira"), ("maria-sanchez", "maria-sanchez"), ("baker", "tom-baker"),
])
def test_find_speaker_tolerates_case_accents_first_name_and_typos(ix, name, expected):
    found = S.find_speaker(ix, name)
    assert found.match is not None and found.match.id == expected


@pytest.mark.parametrize("name, candidates", [
    ("smith", {"john-smith", "jane-smith"}),
    ("zzzz", set()), ("", set()),
])
def test_find_speaker_without_a_clear_match(ix, name, candidates):
    found = S.find_speaker(ix, name)
    assert found.match is None
    assert {c.id for c in found.candidates} == candidates


def test_speakers_listing_prefix_and_completion(ix):
    names = [s.name for s in S.speakers(ix)]
    assert names == sorted(names, key=str.casefold) and len(names) == 5
    assert [s.id for s in S.speakers(ix, "sm")] == ["jane-smith", "john-smith"]
    assert [s.id for s in S.speakers(ix, "SÁN")] == ["maria-sanchez"]
    assert S.speakers(ix, "q") == []
    assert [s.id for s in S.complete_names(ix, "a")] == ["ana-ferreira"]
    assert S.complete_names(ix, "") == []
    sp = S.speakers(ix, "sanchez")[0]
    assert sp.quote_count == 2 and sp.aliases == ("Maria Sánchez", "Sanchez")


def test_speaker_page_groups_quotes_by_cluster(ix):
    data = S.speaker(ix, "ana-ferreira")
    assert data.speaker.name == "Ana Ferreira"
    assert len(data.clusters) == 1
    c = data.clusters[0]
    assert c.articles == ("feed.jsonl#1", "feed.jsonl#2") and c.first_date == "2020-01-02"
    assert c.outlets == ("daily-planet", "evening-star") and c.outlet_names == ("Daily Planet", "Evening Star")
    assert to_json(data.timeline) == [{"period": "2020-01", "count": 1}, {"period": "2021-05", "count": 1}]
    assert S.speaker(ix, "no-such-person") is None


def test_speaker_quotes(ix):
    r = S.speaker_quotes(ix, "tom-baker", "year")
    assert _ids(r) == ["herald/a1.txt@198"]
    assert S.speaker_quotes(ix, "tom-baker").total == 2


def test_article_and_cluster(ix):
    a = S.article(ix, "herald/a1.txt")
    assert a.title == "Budget talks stall in Riverton"
    assert [q.speaker_id for q in a.quotes] == ["maria-sanchez", "tom-baker"]
    for q in a.quotes:
        s, e = q.spans[0]
        assert a.text[s:e] == q.text
    cid = a.quotes[0].cluster
    c = S.cluster(ix, cid)
    assert [q.article for q in c.quotes] == ["herald/a1.txt", "herald/a2.txt"]
    assert c.speaker_id == "maria-sanchez"
    assert S.article(ix, "nope.txt") is None and S.cluster(ix, "cnope") is None


def test_stats(ix):
    st_ = S.stats(ix)
    assert (st_.articles, st_.quotes, st_.speakers, st_.clusters) == (4, 8, 5, 2)
    assert st_.outlets == 2 and st_.size_bytes > 0 and st_.built_at


def test_open_index_names_the_missing_path(tmp_path):
    with pytest.raises(S.IndexNotFound, match=str(tmp_path / "none")):
        S.open_index(str(tmp_path / "none"))


def test_export_is_stable_and_complete(ix):
    rows = list(S.export(ix, "quotes"))
    assert [r.id for r in rows] == sorted((r.id for r in rows), key=lambda i: (i.split("@")[0], int(i.split("@")[1])))
    assert len(rows) == 8 and rows == list(S.export(ix, "quotes"))
    assert len(list(S.export(ix, "articles"))) == 4
    assert len(list(S.export(ix, "clusters"))) == 2
    with pytest.raises(ValueError, match="what"):
        list(S.export(ix, "people"))


# --------------------------------------------------------------------------- the seeds

def test_seed_stonewall_penalty_finds_vagnati(seed_index):
    ix = S.open_index(seed_index)
    r = S.search(ix, '"stonewall penalty"')
    assert r.total >= 1
    assert {h.speaker for h in r.hits} == {"Davide Vagnati"}


def test_seed_speakers_each_once(seed_index):
    names = [s.name for s in S.speakers(S.open_index(seed_index))]
    for who in ("Simone Inzaghi", "Davide Vagnati", "Victor Osimhen", "Marco Guida"):
        assert names.count(who) == 1


@pytest.mark.parametrize("name", ["osimhen", "Osimhan", "victor osimhen", "OSIMHEN"])
def test_seed_osimhen_one_quote_two_articles(seed_index, name):
    ix = S.open_index(seed_index)
    found = S.find_speaker(ix, name)
    assert found.match and found.match.name == "Victor Osimhen"
    data = S.speaker(ix, found.match.id)
    assert len(data.clusters) == 1 and len(data.clusters[0].articles) == 2


# --------------------------------------------------------------------------- threads and swaps

def test_shared_index_answers_from_many_threads_while_rebuilt(mini_corpus, tmp_path):
    from indexer import ingest

    path = str(tmp_path / "ix")
    ingest.build([str(mini_corpus)], path)
    ix = S.open_index(path)
    errors, totals = [], []

    def worker():
        """Search repeatedly; remember failures."""
        try:
            for _ in range(15):
                totals.append(S.search(ix, '"autumn storms"', group=False).total)
                S.find_speaker(ix, "sanchez")
        except Exception as e:   # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for _ in range(3):
        ingest.build([str(mini_corpus)], path)
    for t in threads:
        t.join()
    assert errors == []
    assert set(totals) == {2}
    first = ix.generation()
    ingest.build([str(mini_corpus)], path)
    assert ix.generation() is not first and ix.generation().id != first.id   # the new one is picked up
