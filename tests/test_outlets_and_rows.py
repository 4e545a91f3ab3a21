"""Outlets by name (indexer/resolve/outlets.py): slugs in URLs and JSON, names from metadata, a
sidecar, `build --outlet` or the built-in table; one quote row layout for every CSV; CORS only
when the operator allows it."""
from __future__ import annotations

import csv
import io
import json

import pytest

from indexer import ingest
from indexer.errors import BuildFailed
from indexer import search as S
from indexer.resolve import outlets as O
from indexer.results import QUOTE_CSV
from quote_index.cli import cli


@pytest.mark.parametrize("value, given, slug, name", [
    ("wash-post", None, "wash-post", "The Washington Post"),          # the built-in table
    ("nyt", None, "nyt", "The New York Times"),
    ("Reuters", None, "reuters", "Reuters"),
    ("Daily Planet", None, "daily-planet", "Daily Planet"),           # a name, kept as given
    ("riverton-gazette", None, "riverton-gazette", "riverton-gazette"),   # an unknown slug stays a slug
    ("coastal-times", "The Coastal Times", "coastal-times", "The Coastal Times"),   # metadata names it
    ("Évening  Stár!", None, "evening-star", "Évening  Stár!"),
    ("", None, None, None), (None, None, None, None), ("  ", None, None, None),
])
def test_slugs_and_names(value, given, slug, name):
    assert O.slug(value) == slug and O.name_of(value, given) == name


@pytest.mark.parametrize("value, slug, name", [
    ("bbc", "bbc", "BBC News"), ("BBC", "bbc", "BBC"), ("River Valley Radio", "river-valley-radio", "River Valley Radio"),
])
def test_what_build_outlet_means(value, slug, name):
    assert O.override(value) == (slug, name)
    with pytest.raises(ValueError, match="--outlet"):
        O.override(" ! ")


def test_names_from_every_source_in_one_index(web_index):
    ix = S.open_index(web_index)
    assert ix.generation().outlets == {"ap": "The Associated Press", "coastal-times": "The Coastal Times",
                                       "harborview-herald": "Harborview Herald",
                                       "river-valley-radio": "River Valley Radio"}
    hit = S.search(ix, "north pier").hits[0]
    assert (hit.outlet, hit.outlet_name) == ("harborview-herald", "Harborview Herald")
    for typed in ("The Coastal Times", "coastal-times", "the coastal times"):
        assert S.search(ix, "", outlet=typed).filters["outlet"] == "coastal-times"
    assert S.search(ix, 'outlet:"The Associated Press"').total == S.search(ix, "outlet:ap").total == 5


def test_build_outlet_on_the_cli_and_update_keeps_it(runner, tmp_path):
    corpus = tmp_path / "station"
    corpus.mkdir()
    (corpus / "a.txt").write_text('Ferry news\n\n"The ferry runs again on Monday," captain Ida Berg said.\n')
    path = str(tmp_path / "ix")
    r = runner.invoke(cli, ["build", str(corpus), "--outlet", "Fjord Radio", "--index", path])
    assert r.exit_code == 0, r.output
    (corpus / "b.txt").write_text('More ferry news\n\n"The timetable is back to normal," Ida Berg said.\n')
    assert runner.invoke(cli, ["update", "--index", path]).exit_code == 0
    ix = S.open_index(path)
    assert {h.outlet_name for h in S.search(ix, "", group=False).hits} == {"Fjord Radio"}
    bad = runner.invoke(cli, ["build", str(corpus), "--outlet", f"{tmp_path}=X", "--index", path])
    assert bad.exit_code != 0 and "not one of the paths" in bad.output


def test_build_outlet_must_name_a_path_being_built(tmp_path):
    with pytest.raises(BuildFailed, match="not one of the paths"):
        ingest.build([str(tmp_path)], str(tmp_path / "ix"), outlets={"/elsewhere": "X"})


def test_an_unknown_outlet_is_said_once_on_a_quote_page(client):
    """The seeds: one article of AFP, one of no known outlet; the quote page says it once."""
    d = client.get("/speaker/davide-vagnati.json").get_json()
    cid = next(c["cluster"] for c in d["rows"] if len(c["articles"]) == 2)
    html = client.get(f"/quote/{cid}").get_data(as_text=True)
    assert html.count("unknown outlet") == 1 and "Unknown outlet" not in html


# ---------------------------------------------------------------- one quote row layout

def _header(text: str) -> tuple:
    """The first CSV row of a text (a byte-order mark left out)."""
    return tuple(next(csv.reader(io.StringIO(text.lstrip("\ufeff")))))


def test_every_quote_csv_has_the_same_columns(client, runner, seed_index):
    web = [client.get(u).get_data(as_text=True) for u in
           ("/search.csv?q=title", "/speaker/simone-inzaghi.csv", "/article/000_919c8712d2da58b1.txt.csv")]
    cli_out = [runner.invoke(cli, args + ["--index", seed_index]).stdout for args in
               (["search", "title", "--csv"], ["export", "--format", "csv"], ["speaker", "inzaghi", "--csv"],
                ["check", "VAR didn't call me so I must have made the right decision", "--csv"])]
    for text in web + cli_out:
        assert _header(text) == QUOTE_CSV
    rows = list(csv.DictReader(io.StringIO(cli_out[1])))
    assert {r["outlet"] for r in rows} == {"afp", ""} and {r["outlet_name"] for r in rows} == {"AFP", ""}


def test_excel_option_adds_a_byte_order_mark(client, runner, seed_index):
    plain = client.get("/search.csv?q=title").data
    excel = client.get("/search.csv?q=title&_excel=1").data
    assert not plain.startswith(b"\xef\xbb\xbf") and excel == b"\xef\xbb\xbf" + plain
    out = runner.invoke(cli, ["search", "title", "--excel", "--index", seed_index]).stdout
    assert out.startswith("\ufeff") and _header(out) == QUOTE_CSV
    exported = runner.invoke(cli, ["export", "--format", "csv", "--excel", "--index", seed_index]).stdout
    assert exported.startswith("\ufeff")


def test_jsonl_export_keeps_every_fact(runner, seed_index):
    rows = [json.loads(line) for line in runner.invoke(cli, ["export", "--index", seed_index]).stdout.splitlines()]
    assert {"spans", "speaker_mention", "rule", "speaker_kind", "confidence", "outlet_name"} <= set(rows[0])


# ---------------------------------------------------------------- CORS

def test_cors_is_off_unless_asked(client):
    r = client.get("/search.json?q=title", headers={"Origin": "https://elsewhere.example"})
    assert "Access-Control-Allow-Origin" not in r.headers


@pytest.mark.parametrize("allowed, origin, answer", [
    ("*", "https://a.example", "*"),
    ("https://a.example https://b.example", "https://b.example", "https://b.example"),
    ("https://a.example", "https://c.example", None),
])
def test_cors_when_the_operator_allows_it(seed_index, allowed, origin, answer):
    from webapp import create_app

    c = create_app({"TESTING": True, "INDEX_DIR": seed_index, "CORS_ORIGINS": allowed}).test_client()
    for url in ("/search.json?q=title", "/search.csv?q=title"):
        r = c.get(url, headers={"Origin": origin})
        assert r.headers.get("Access-Control-Allow-Origin") == answer, url
    assert "Access-Control-Allow-Origin" not in c.get("/search?q=title", headers={"Origin": origin}).headers
