"""Check a quote (indexer/search/check.py, /check, `quote-index check`): tables of pasted texts
-> the quote they are, over the generated news corpus (tests/web_corpus.py), with negative rows;
a property that no text makes /check fail."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer import search as S
from indexer.resolve.clusters import normalize
from indexer.search.check import FOUND, MAX_CHECK, likeness
from quote_index.cli import cli

FIRE = "We will not close a single fire station while I am the mayor of this city, and the council knows it."


@pytest.fixture(scope="module")
def ix(web_index):
    """The open index of the generated corpus."""
    return S.open_index(web_index)


@pytest.mark.parametrize("text, speaker, how", [
    (FIRE, "Elena Marsh", "same words"),
    # reordered: the clauses the other way round
    ("The council knows it: while I am the mayor of this city we will not close a single fire station.",
     "Elena Marsh", "reordered"),
    # shortened: a piece from the middle
    ("not close a single fire station while I am the mayor", "Elena Marsh", "part of the quote"),
    # a changed word
    ("We will not shut a single fire station while I am the mayor of this city, and the council knows it.",
     "Elena Marsh", "same words"),
    # different marks: curly quotes, a dash, a semicolon, no comma
    ("“We will not close a single fire station — while I am the mayor of this city; and the council knows it!”",
     "Elena Marsh", "same words"),
    # shortened and reordered at once
    ("a single fire station we will not close", "Elena Marsh", "part of the quote"),
    ("the oyster beds are recovering faster than any of us dared to hope", "Clara Reyes", "same words"),
    ("The dock workers will strike on Monday unless the port signs the new contract", "Tom Reyes", "same words"),
    ("the harbor will stay closed to private boats until the inspection is finished", "Harbor Authority",
     "same words"),
])
def test_a_pasted_quote_finds_who_said_it(ix, text, speaker, how):
    result = S.check(ix, text)
    assert result.verdict == "found", result.message
    top = result.matches[0]
    assert top.speaker == speaker and top.score >= FOUND
    assert top.how == how or (how == "same words" and top.how in ("same words", "reordered"))


def test_the_first_outlet_and_the_outlets_that_carried_it(ix):
    """The fire-station quote: the Herald ran it first, three outlets carried it, and the closest
    wording is the one the paste is nearest to."""
    top = S.check(ix, FIRE).matches[0]
    assert top.first.outlet_name == "Harborview Herald" and top.first_date == "2021-03-02"
    assert top.outlet_count == 3 and top.article_count == 3
    assert set(top.outlet_names) == {"Harborview Herald", "The Associated Press", "The Coastal Times"}
    assert top.text == FIRE and top.score == 100
    short = S.check(ix, "We will not close a single fire station while I am mayor of this city.").matches[0]
    assert short.text == "We will not close a single fire station while I am mayor of this city."


def test_the_diff_shows_what_the_paste_changed(ix):
    top = S.check(ix, FIRE.replace("close", "shut")).matches[0]
    ops = [(s.op, s.text) for s in top.diff.segments]
    assert ("delete", "close") in ops and ("insert", "shut") in ops
    part = S.check(ix, "not close a single fire station while I am the mayor").matches[0]
    assert part.diff.segments[0].op == "outside" and part.diff.segments[-1].op == "outside"


@pytest.mark.parametrize("text", [
    "Penguins are excellent swimmers in cold southern waters",          # unrelated
    "the city and the council",                                        # only common words
    "Interest rates will rise again before the end of the year",       # news-like, not here
    "12345 67890",                                                     # digits only
])
def test_nothing_close_is_said_plainly(ix, text):
    result = S.check(ix, text)
    assert result.verdict == "none" and result.matches == () and result.message.startswith("Nothing close")


@pytest.mark.parametrize("text, says", [
    ("", "paste the words"), ("   \n\t", "paste the words"), ("x" * (MAX_CHECK + 1), "at most"),
    ("!!! ??? ... — “ ”", "no words"), (None, "paste the words"),
])
def test_texts_that_cannot_be_checked_say_why(ix, text, says):
    with pytest.raises(S.BadParameter, match=f"^q: .*{says}"):
        S.check(ix, text)


@pytest.mark.parametrize("mine, real, at_least, at_most", [
    ("we will win the match", "we will win the match", 100, 100),
    ("the match we will win", "we will win the match", 85, 100),          # reordered
    ("we will win", "we will win the match", 0, 84),                      # too short to be a part
    ("completely different words here", "we will win the match", 0, 60),
    ("", "we will win", 0, 0),
])
def test_likeness_table(mine, real, at_least, at_most):
    """The scoring alone, on normalised texts, without an index (rarity then counts every word)."""
    score, _how = likeness(normalize(mine), normalize(real))
    assert at_least <= score <= at_most


def test_check_json_and_page(web_client):
    d = web_client.get("/check.json", query_string={"q": FIRE}).get_json()
    assert d["ok"] and d["verdict"] == "found" and d["count"] == len(d["rows"]) >= 1
    row = d["rows"][0]
    assert row["speaker_url"] == "/speaker/elena-marsh" and row["quote_url"].startswith("/quote/")
    assert row["first"]["outlet"] == "harborview-herald" and row["first_url"].startswith("/article/")
    for q, status in (("", 400), ("x" * 700, 400), ("?!", 400)):
        r = web_client.get("/check.json", query_string={"q": q})
        assert r.status_code == status and "'q'" in r.get_json()["error"]
        page = web_client.get("/check", query_string={"q": q})
        assert page.status_code == status and b"Parameter &#39;q&#39;" in page.data
    assert web_client.get("/check").status_code == 200                  # the form alone
    assert web_client.get("/check.json").status_code == 400             # the twin needs a text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.one_of(st.text(max_size=700), st.text(alphabet=" abcdefghij\u201c\u201d'\".,-", max_size=200)))
def test_check_never_fails(web_client, q):
    """Whatever is pasted, /check answers 200 or a 400 that says why, never a server error."""
    for url in ("/check.json", "/check"):
        r = web_client.get(url, query_string={"q": q})
        assert r.status_code in (200, 400), (url, r.status_code)
        if url.endswith(".json"):
            body = json.loads(r.data)
            assert body["ok"] is (r.status_code == 200)


def test_cli_check(runner, web_index):
    r = runner.invoke(cli, ["check", "not close a single fire station while I am the mayor", "--index", web_index])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Found: Elena Marsh") and "first 2021-03-02 in Harborview Herald" in r.stdout
    data = json.loads(runner.invoke(cli, ["check", FIRE, "--json", "--index", web_index]).stdout)
    assert data["verdict"] == "found" and data["matches"][0]["outlet_count"] == 3
    bad = runner.invoke(cli, ["check", "   ", "--index", web_index])
    assert bad.exit_code == 1 and "paste the words" in bad.stderr
