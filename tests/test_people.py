"""People first (indexer/search/people.py, names.py, entities.py): the speakers list by count,
kind, outlet and period; a speaker's quotes sorted and filtered; name completion on any word,
accents and apostrophes either way, a typo; the typo look-up with ranked candidates. Over the
generated news corpus (tests/web_corpus.py)."""
from __future__ import annotations

import json

import pytest

from indexer import search as S
from quote_index.cli import cli


@pytest.fixture(scope="module")
def ix(web_index):
    """The open index of the generated corpus."""
    return S.open_index(web_index)


def _names(rows) -> list[str]:
    """The names of speaker records."""
    return [s.name for s in rows]


@pytest.mark.parametrize("kwargs, names", [
    ({"sort": "count"}, ["Elena Marsh", "Tom Reyes", "Victor Okafor", "Clara Reyes", "Harbor Authority"]),
    ({"sort": "name"}, ["Clara Reyes", "Elena Marsh", "Harbor Authority", "Tom Reyes", "Victor Okafor"]),
    ({"sort": "count", "kind": "organisation"}, ["Harbor Authority"]),
    ({"sort": "count", "kind": "person", "outlet": "The Coastal Times"}, ["Elena Marsh", "Tom Reyes", "Victor Okafor"]),
    ({"sort": "count", "outlet": "river-valley-radio", "since": "2023"}, ["Elena Marsh", "Tom Reyes"]),
    ({"sort": "count", "since": "2019", "until": "2019-12"}, ["Elena Marsh", "Clara Reyes"]),
    ({"sort": "count", "outlet": "Nowhere Gazette"}, []),
])
def test_speakers_by_count_kind_outlet_and_period(ix, kwargs, names):
    assert _names(S.speakers(ix, **kwargs)) == names


def test_counts_become_the_quotes_in_the_filter(ix):
    everyone = {s.id: s.quote_count for s in S.speakers(ix, sort="count")}
    in_2019 = {s.id: s.quote_count for s in S.speakers(ix, sort="count", since="2019", until="2019")}
    assert everyone["elena-marsh"] == 12 and in_2019 == {"elena-marsh": 2, "clara-reyes": 1}


@pytest.mark.parametrize("kwargs, name", [({"sort": "most"}, "sort"), ({"kind": "robot"}, "kind"),
                                          ({"since": "last year"}, "since")])
def test_speakers_bad_parameters_name_themselves(ix, kwargs, name):
    with pytest.raises(S.BadParameter, match=f"^{name}:"):
        S.speakers(ix, **kwargs)


@pytest.mark.parametrize("sort, first", [
    ("newest", "The sea wall held"),                      # 2023-10-02
    ("oldest", "We will rebuild the north pier"),         # 2019-02-11
    ("carried", "We will not close a single fire station"),   # three articles
])
def test_a_speakers_quotes_in_each_order(ix, sort, first):
    profile = S.speaker(ix, "elena-marsh", sort=sort)
    assert profile.clusters[0].text.startswith(first) and profile.sort == sort
    assert len(profile.clusters) == 10 and profile.quote_count == 12


@pytest.mark.parametrize("filters, texts", [
    ({"outlet": "The Coastal Times"}, ["Our firefighters worked through the night and saved every house on Dune Road.",
                                       "We will not close a single fire station while I am mayor of this city.",
                                       "Nobody should lose their home because the river rose faster than the city planned."]),
    ({"year": "2022"}, ["Our firefighters worked through the night and saved every house on Dune Road.",
                        "The new ferry terminal will open on time and it will not cost a cent more."]),
    ({"since": "2023-03", "until": "2023-03"}, ["I will not run for a third term; this city deserves new ideas and new energy."]),
    ({"outlet": "ap", "year": "2019"}, ["The harbor budget is tight, but the library and the schools come first."]),
    ({"outlet": "ap", "year": "2020"}, []),
])
def test_a_speakers_quotes_filtered(ix, filters, texts):
    profile = S.speaker(ix, "elena-marsh", **filters)
    assert [c.text for c in profile.clusters] == texts
    assert sum(t.count for t in profile.timeline) == 12          # the timeline shows all of them
    assert {o.label for o in profile.outlets} == {"Harborview Herald", "The Associated Press",
                                                  "The Coastal Times", "River Valley Radio"}


def test_a_speakers_quotes_hide_unsure_ones(ix):
    everything = S.speaker(ix, "elena-marsh")
    sure = S.speaker(ix, "elena-marsh", min_confidence=0.99)
    assert sure.quote_count < everything.quote_count
    assert all(h.confidence >= 0.99 for c in sure.clusters for h in c.quotes)


@pytest.mark.parametrize("typed, first", [
    ("mar", "Elena Marsh"), ("ELE", "Elena Marsh"), ("reyes", "Tom Reyes"),     # any word, any case
    ("okaf", "Victor Okafor"), ("harb", "Harbor Authority"),
    ("marhs", "Elena Marsh"), ("okfaor", "Victor Okafor"), ("elana", "Elena Marsh"),   # a typo
])
def test_completion(ix, typed, first):
    assert _names(S.complete_names(ix, typed))[0] == first


def test_completion_ranks_by_quote_count_and_folds_accents_and_apostrophes(seed_index, mini_index):
    assert _names(S.complete_names(S.open_index(mini_index), "sm")) == ["Jane Smith", "John Smith"]
    mini = S.open_index(mini_index)
    assert _names(S.complete_names(mini, "sán")) == _names(S.complete_names(mini, "san")) == ["Maria Sánchez"]
    seeds = S.open_index(seed_index)
    assert _names(S.complete_names(seeds, "o'sim"))[0] == "Victor Osimhen"          # apostrophe either way
    assert S.complete_names(seeds, "qqqq") == [] and S.complete_names(seeds, "zz") == []


@pytest.mark.parametrize("typed, sure, names", [
    ("elena marhs", True, ["Elena Marsh"]),
    ("okafr", True, ["Victor Okafor"]),
    ("reyes", False, ["Tom Reyes", "Clara Reyes"]),                  # two people, one surname
    ("zzzzzz", False, []),
])
def test_typo_look_up(ix, typed, sure, names):
    found = S.find_speaker(ix, typed)
    assert found.sure is sure and _names(found.candidates)[:len(names)] == names
    assert (found.match is not None) is sure
    if found.candidates:
        sims = [c.similarity for c in found.candidates]
        assert sims == sorted(sims, reverse=True)


def test_an_unsure_look_up_lists_the_candidates_on_the_cli(runner, web_index):
    r = runner.invoke(cli, ["speaker", "reyes", "--index", web_index])
    assert r.exit_code == 0 and "may be any of 2 speakers" in r.stdout
    assert r.stdout.index("Tom Reyes") < r.stdout.index("Clara Reyes")
    sure = runner.invoke(cli, ["speaker", "elena marhs", "--index", web_index])
    assert sure.exit_code == 0 and sure.stdout.startswith("Elena Marsh") and "closest name" in sure.stderr
    data = json.loads(runner.invoke(cli, ["speaker", "marsh", "--sort", "oldest", "--outlet", "ap", "--json",
                                          "--index", web_index]).stdout)
    assert data["sort"] == "oldest" and data["filters"] == {"outlet": "ap"}
    top = runner.invoke(cli, ["speakers", "--limit", "2", "--index", web_index]).stdout.splitlines()
    assert "Elena Marsh" in top[0] and "Tom Reyes" in top[1]


def test_speakers_page_filters(web_client):
    d = web_client.get("/speakers.json?kind=person&outlet=coastal-times").get_json()
    assert [r["name"] for r in d["rows"]] == ["Elena Marsh", "Tom Reyes", "Victor Okafor"]
    assert [c["label"] for c in d["outlets"]][:1] == ["all outlets"]
    assert next(c for c in d["outlets"] if c["selected"])["value"] == "coastal-times"
    html = web_client.get("/speakers?q=reyes").get_data(as_text=True)
    assert html.index("Tom Reyes") < html.index("Clara Reyes")


def test_speaker_page_sorts_filters_and_timeline_links(web_client):
    d = web_client.get("/speaker/elena-marsh.json").get_json()
    assert d["sort"] == "newest" and d["rows"][0]["text"].startswith("The sea wall held")
    by_outlet = web_client.get(next(o["toggle_url"] for o in d["outlets"] if o["value"] == "ap")).get_json()
    assert by_outlet["filters"] == {"outlet": "ap"} and by_outlet["count"] == 3
    bar = next(b for b in d["chart"]["bars"] if b["period"] == "2021-03")
    month = web_client.get(bar["url"]).get_json()
    assert [r["text"][:23] for r in month["rows"]] == ["We will not close a sin"]
    years = web_client.get("/speaker/victor-okafor.json").get_json()["chart"]      # 2008 to 2022: years
    assert years["unit"] == "year" and years["bars"][0]["url"] == "/speaker/victor-okafor.json?year=2008"
    assert web_client.get(years["bars"][0]["url"]).get_json()["count"] == 1
    assert web_client.get("/speaker/elena-marsh.json?sort=loudest").status_code == 400
    assert web_client.get("/speaker/elena-marsh.json?year=20x3").status_code == 400
