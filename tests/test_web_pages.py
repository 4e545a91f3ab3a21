"""The web app's HTML pages: content, escaping, accessibility basics, and the `serve` command."""
from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from quote_index.cli import cli

HOSTILE_ARTICLE = """Storm <script>alert("title")</script> hits the coast

ROME: A storm hit the coast on Monday, officials said.

"We have never seen <script>alert(1)</script> water like this," mayor Lucia Ferrante told reporters.

"Stay <b>indoors</b> tonight," Ferrante added.
"""


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory):
    """A client over an index of one article whose text and title carry markup."""
    from indexer import ingest
    from webapp import create_app

    root = tmp_path_factory.mktemp("hostile")
    (root / "corpus").mkdir()
    (root / "corpus" / "evil.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    # A JSON file of records: article ids carry "#N", which URLs must percent-encode.
    (root / "corpus" / "sub dir").mkdir()
    (root / "corpus" / "sub dir" / "wire.json").write_text(json.dumps([
        {"title": "Harbour reopens", "date": "2021-06-02", "url": "javascript:alert(1)",
         "body": '"The harbour is open again," port director Anna Berg said on Wednesday.'},
        {"title": "Bridge closes", "date": "2021-06-03",
         "body": '"The bridge stays shut until Friday," engineer Tomas Lind said.'},
    ]), encoding="utf-8")
    ingest.build([str(root / "corpus")], str(root / "index"))
    return create_app({"TESTING": True, "INDEX_DIR": str(root / "index")}).test_client()


def page(client, url, status=200) -> str:
    """GET an HTML page and return its text."""
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code)
    assert r.mimetype == "text/html"
    return r.get_data(as_text=True)


def test_search_page_shows_hits_with_highlights_and_links(client):
    """Matching words are marked; speaker, article and quote pages are linked; the range is shown."""
    html = page(client, "/search?q=title&group=0")
    assert "<mark>title</mark>" in html
    assert "Quotes 1\u20132 of 2" in html
    assert 'href="/speaker/simone-inzaghi"' in html
    assert 'href="/article/000_919c8712d2da58b1.txt#q-' in html
    assert 'href="/quote/' in html
    assert 'value="title"' in html                      # the box keeps the query
    assert "Inzaghi admitted to DAZN" in html           # the text just after the quote


def test_search_page_facets_toggle_and_show_selection(client):
    """Facet links switch a filter on; once on it is marked selected and its link switches it off."""
    html = page(client, "/search?q=title")
    assert re.search(r'<a href="/search\?q=title&amp;medium=DAZN">DAZN</a>', html)
    on = page(client, "/search?q=title&medium=DAZN")
    assert re.search(r'<a href="/search\?q=title" aria-current="true">', on)
    assert 'aria-label="Remove filter Medium: DAZN"' in on
    assert '<input type="hidden" name="medium" value="DAZN">' in on   # a new search keeps it


def test_search_pagination_text(client):
    """'results 2–2 of 2' and a previous link on the second page."""
    html = page(client, "/search?q=title&group=0&per_page=1&page=2")
    assert "Quotes 2\u20132 of 2" in html and 'rel="prev"' in html and 'rel="next"' not in html
    assert 'aria-current="page" class="current">2<' in html


def test_did_you_mean(client):
    """A misspelling with no hits offers the corrected query as a link."""
    html = page(client, "/search?q=titel")
    assert 'Did you mean <a href="/search?q=title">title</a>?' in html


def test_help_when_filters_leave_nothing(client):
    """No hits under a filter: the page offers to remove it."""
    html = page(client, "/search?q=title&outlet=Nowhere")
    assert "Nothing matches with these filters" in html
    assert '<a href="/search?q=title">Remove outlet: Nowhere</a>' in html


def test_hostile_query_gives_a_message(client):
    """An unbalanced quote mark is searched as words, and the page says so."""
    html = page(client, "/search?q=%22we%20know")
    assert 'role="status"' in html and "could not be parsed" in html


def test_home_page_lists_newest_with_counts(client):
    """The home page shows index counts, the most quoted speakers, the latest quotes, examples."""
    html = page(client, "/")
    assert re.search(r"\d+ quotes from 2 articles", html)
    assert '<ol class="hits"' in html and '<ol class="top-speakers">' in html
    assert re.search(r'<a href="/speaker/davide-vagnati">Davide Vagnati</a> <span class="count">4 quotes</span>', html)
    assert 'action="/check"' in html and '<ul class="examples">' in html


def test_speakers_page(client):
    """Most quoted first (A-Z letters on the name order), names with quote counts, the
    completion box wired to /api/names."""
    html = page(client, "/speakers")
    assert html.index("Davide Vagnati") < html.index("Simone Inzaghi")       # 4 quotes before 2
    assert '<strong aria-current="true">most quoted</strong>' in html
    html = page(client, "/speakers?sort=name")
    assert 'href="/speakers?letter=S"' in html
    assert re.search(r'<a href="/speaker/simone-inzaghi">Simone Inzaghi</a> <span class="count">2 quotes</span>', html)
    assert 'role="combobox"' in html and 'data-complete="/api/names"' in html
    assert '<label for="name">' in html
    only_s = page(client, "/speakers?letter=S")
    assert "Simone Inzaghi" in only_s and "Davide Vagnati" not in only_s
    typo = page(client, "/speakers?q=Inzagi")
    assert "Did you mean" in typo and 'href="/speaker/simone-inzaghi"' in typo and "% alike" in typo


def test_speaker_page(client):
    """A speaker's page: clusters with outlets, a timeline chart, a search box within."""
    html = page(client, "/speaker/simone-inzaghi")
    assert "<h1>Simone Inzaghi</h1>" in html
    assert "each once with the articles that carried it" in html and "compare wordings" in html
    assert '<svg viewBox=' in html and "Quotes per month" in html
    assert re.search(r'<a href="/speaker/simone-inzaghi\?since=2022-03&amp;until=2022-03" aria-label="2022-03: \d+ quotes?">', html)
    assert '<label for="within">' in html
    within = page(client, "/speaker/simone-inzaghi?q=title")
    assert "<mark>title</mark>" in within and "matching <strong>title</strong>" in within


def test_article_page_marks_every_quote(client):
    """The full text with each quote marked and its speaker after it, plus the metadata."""
    art = client.get("/article/000_919c8712d2da58b1.txt.json").get_json()
    html = page(client, "/article/000_919c8712d2da58b1.txt")
    outer = [q for q in art["quotes"] if not q["nested"]]
    assert html.count('<mark class="quote"') >= sum(len(q["spans"]) for q in outer)
    assert '<span class="who"> [<a href="/speaker/simone-inzaghi">Simone Inzaghi</a>]</span>' in html
    assert "<dt>Dateline</dt><dd>MILAN</dd>" in html


def test_quote_page_shows_wordings_side_by_side_with_differences(client):
    """A cluster carried by two articles: both wordings, differences marked with ins/del."""
    d = client.get("/speaker/davide-vagnati.json").get_json()
    differing = [c for c in d["rows"] if len({q["text"] for q in c["quotes"]}) > 1]
    assert differing, "the seeds carry a Vagnati quote worded differently by the two outlets"
    html = page(client, differing[0]["url"])
    assert html.count('<section class="wording"') == 2
    assert "<ins>" in html and "<del>" in html
    assert "% the same words as the first wording" in html


def test_unknown_ids_give_a_404_page(client):
    """Unknown speaker, article, quote: a 404 page saying what was not found."""
    assert "no speaker with id" in page(client, "/speaker/nobody", 404)
    assert "no article with id" in page(client, "/article/missing.txt", 404)
    assert "no quote with id" in page(client, "/quote/none", 404)


@pytest.mark.parametrize("url", ["/", "/search?q=title", "/speakers", "/speaker/simone-inzaghi",
                                 "/article/001_f5d1a6933423ae3c.txt", "/quote/nope", "/search?page=0",
                                 "/check", "/check?q=VAR+didn%27t+call+me", "/check?q="])
def test_no_inline_script_or_style(client, url):
    """Pages only load scripts and styles from files, so the CSP needs no 'unsafe-inline'."""
    html = client.get(url).get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)
    assert '<html lang="en">' in html and 'name="viewport"' in html


def test_article_markup_is_shown_as_text(hostile_client):
    """An article containing <script> shows it as text on every page, never as markup."""
    for url in ["/article/evil.txt", "/search?q=water", "/speaker/lucia-ferrante", "/search?q=storm&scope=articles"]:
        html = page(hostile_client, url)
        assert "<script>alert" not in html and "<b>indoors" not in html, url
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page(hostile_client, "/article/evil.txt")


def test_ids_with_hash_and_spaces_are_percent_encoded(hostile_client):
    """Ids like 'sub dir/wire.json#2' are linked as sub%20dir/wire.json%232 and open their article."""
    d = hostile_client.get("/search.json?q=bridge").get_json()
    hit = next(h for h in d["rows"] if h["article"] == "sub dir/wire.json#2")
    assert hit["article_url"].startswith("/article/sub%20dir/wire.json%232#q-")
    html = page(hostile_client, "/article/sub%20dir/wire.json%232")
    assert "<h1>Bridge closes</h1>" in html
    twin = hostile_client.get("/article/sub%20dir/wire.json%232.json").get_json()
    assert twin["id"] == "sub dir/wire.json#2"
    assert twin["urls"]["json"] == "/article/sub%20dir/wire.json%232.json"
    first = page(hostile_client, "/article/sub%20dir/wire.json%231")
    assert 'href="javascript' not in first          # a javascript: url in metadata is not linked
    assert page(hostile_client, "/article/sub%20dir/wire.json%233", 404)


def test_query_markup_is_escaped(client):
    """What the user typed comes back escaped."""
    html = page(client, "/search?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_only_web_links_become_links(app):
    """An article url that is not http(s) (javascript:, data:) is shown, not linked."""
    from flask import render_template

    d = {"id": "a.txt", "title": "T", "url": "javascript:alert(1)", "quotes": [], "text": "x"}
    with app.test_request_context("/article/a.txt"):
        html = render_template("article.html", d=d, segments=[])
    assert 'href="javascript' not in html and "javascript:alert(1)" in html
    d["url"] = "https://example.org/story"
    with app.test_request_context("/article/a.txt"):
        html = render_template("article.html", d=d, segments=[])
    assert 'href="https://example.org/story" rel="nofollow noopener noreferrer"' in html


# ---------------------------------------------------------------- the serve command

def test_indexer_does_not_import_webapp():
    """Importing every indexer module never loads the web app or the command line above it."""
    code = ("import importlib, pkgutil, sys, indexer\n"
            "for m in pkgutil.walk_packages(indexer.__path__, 'indexer.'):\n"
            "    importlib.import_module(m.name)\n"
            "assert 'webapp' not in sys.modules and 'quote_index' not in sys.modules, 'imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=str(_root()))


def test_serve_without_an_index_says_how_to_build_one(runner, tmp_path):
    """serve on a missing index exits non-zero with the library's message, no traceback."""
    result = runner.invoke(cli, ["serve", "--index", str(tmp_path / "none"), "--port", "8765"])
    assert result.exit_code != 0
    assert str(tmp_path / "none") in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("args, words", [(["--port", "0"], "0"), (["--port", "70000"], "70000"),
                                          (["--threads", "0"], "threads")])
def test_serve_rejects_bad_options(runner, seed_index, args, words):
    """Out-of-range port or thread counts are refused by name before anything starts."""
    result = runner.invoke(cli, ["serve", "--index", seed_index, *args])
    assert result.exit_code == 2 and words in result.output


def test_serve_runs_waitress_without_debug(seed_index):
    """`quote-index serve` answers pages over HTTP from waitress, with no debugger on errors."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "quote_index", "serve", "--index", seed_index,
                             "--port", str(port), "--threads", "2"], cwd=str(_root()),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        body = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(base + "/search?q=title", timeout=5) as r:
                    body, server = r.read().decode(), r.headers.get("Server", "")
                break
            except OSError:
                time.sleep(0.1)
        assert body is not None, proc.stderr.read1().decode() if proc.poll() is not None else "no answer"
        assert "<mark>title</mark>" in body
        assert server == "quote-index"                  # waitress's ident, not werkzeug's server
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(base + "/search?page=-1", timeout=5)
        text = err.value.read().decode()
        assert err.value.code == 400 and "Traceback" not in text and "Werkzeug Debugger" not in text
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _root():
    """The repository root."""
    import pathlib
    return pathlib.Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def paged_app(tmp_path_factory):
    """An app over a corpus where one speaker has more distinct quotes than a page holds."""
    from indexer import ingest
    from webapp import create_app

    things = ["ferry", "lighthouse", "crane", "warehouse", "tugboat", "pier", "slipway", "buoy",
              "dredger", "customs shed", "fish market", "dry dock", "breakwater", "harbour wall",
              "pilot boat", "container yard", "ticket office", "lifeboat", "marina", "canal lock",
              "coal wharf", "boathouse", "signal tower", "quay", "mooring"]
    root = tmp_path_factory.mktemp("paged") / "corpus"
    root.mkdir()
    for i, thing in enumerate(things):
        (root / f"a{i:02d}.txt").write_text(
            f"Harbour report {i}\n\n"
            f'"Our {thing} needs {thing} work before anyone can use the {thing} again," '
            f"said harbour master Ann Lee.\n\n"
            f'"I have spent {i + 3} years looking after the {thing} here," '
            f"said engineer Tom Reeve{chr(97 + i)}son.\n", encoding="utf-8")
    path = tmp_path_factory.mktemp("paged_ix") / "index"
    ingest.build([str(root)], str(path))
    return create_app({"TESTING": True, "INDEX_DIR": str(path)})


@pytest.mark.parametrize("url", ["/speaker/ann-lee", "/speaker/ann-lee?page=2",
                                 "/speakers?per_page=10", "/speakers?per_page=10&page=2"])
def test_pages_with_a_pager_render(paged_app, url):
    """A page long enough to need previous/next links renders them (regression: the pager macro)."""
    r = paged_app.test_client().get(url)
    assert r.status_code == 200, r.get_data(as_text=True)[:500]
    assert 'class="pager"' in r.get_data(as_text=True)
