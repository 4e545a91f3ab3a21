"""The web app's JSON twins, CSV exports and bad input, through the Flask test client."""
from __future__ import annotations

import csv
import io
import json
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.search.diff import word_diff
from webapp.marks import mark_quotes
from indexer.results import csv_cell
from webapp.twin import split_format
from indexer.results import TimelinePoint
from webapp.chart import timeline_chart
from webapp.views import lead_in, lead_out


def get_json(client, url, status=200):
    """GET a URL, check status and JSON content type, return the parsed body."""
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.data[:300])
    assert r.mimetype == "application/json", (url, r.mimetype)
    return r.get_json()


@pytest.fixture
def seed_ids(client):
    """Ids from the seed index: a speaker with quotes, one of their clusters, and its articles."""
    people = get_json(client, "/speakers.json")["rows"]
    inzaghi = next(s for s in people if s["name"] == "Simone Inzaghi")
    page = get_json(client, f"/speaker/{inzaghi['id']}.json")
    cluster = page["rows"][0]
    return {"speaker": inzaghi["id"], "cluster": cluster["cluster"],
            "article": cluster["quotes"][0]["article"]}


# ---------------------------------------------------------------- twins

def test_the_three_ways_to_ask_for_json_give_the_same_body(client, seed_ids):
    """.json suffix, ?_format=json and Accept: application/json are the same twin."""
    for path in ["/search?q=title", f"/speaker/{seed_ids['speaker']}", f"/article/{seed_ids['article']}",
                 f"/quote/{seed_ids['cluster']}", "/speakers?letter=S"]:
        base, _, qs = path.partition("?")
        qs = ("?" + qs) if qs else ""
        by_suffix = get_json(client, base + ".json" + qs)
        by_param = get_json(client, base + qs + ("&" if qs else "?") + "_format=json")
        r = client.get(path, headers={"Accept": "application/json"})
        assert r.mimetype == "application/json"
        assert by_suffix == by_param == r.get_json(), path
        html = client.get(path, headers={"Accept": "text/html,*/*;q=0.8"})
        assert html.mimetype == "text/html" and html.status_code == 200
        assert "Accept" in html.headers.get("Vary", "")


def test_search_json_has_hits_facets_and_pagination(client):
    """The search twin carries the SearchResult plus the page's links (Datasette-style facets)."""
    d = get_json(client, "/search.json?q=title&group=0")
    assert d["ok"] is True and d["query"] == "title" and d["scope"] == "quotes"
    assert d["count"] == 2 and len(d["rows"]) == 2 and d["range_text"] == "quotes 1\u20132 of 2"
    for h in d["rows"]:
        assert "".join(t for t, _ in h["segments"]) == h["text"]
        assert any(m and t.lower() == "title" for t, m in h["segments"])
        assert h["article_url"].startswith("/article/") and h["quote_url"].startswith("/quote/")
    for name in ("speaker", "outlet", "medium", "year"):
        for v in d["facets"][name]:
            assert set(v) >= {"value", "label", "count", "toggle_url", "selected"}
    assert [v["value"] for v in d["facets"]["speaker"]] == ["simone-inzaghi"]


def test_facet_toggle_url_switches_the_filter_on_and_off(client):
    """Following a facet's toggle_url selects it; the selected value's toggle_url removes it."""
    d = get_json(client, "/search.json?q=title&group=0")
    medium = d["facets"]["medium"][0]
    assert medium["selected"] is False and medium["toggle_url"].startswith("/search.json?")
    on = get_json(client, medium["toggle_url"])
    assert on["filters"] == {"medium": medium["value"]}
    chosen = next(v for v in on["facets"]["medium"] if v["value"] == medium["value"])
    assert chosen["selected"] is True
    off = get_json(client, chosen["toggle_url"])
    assert off["filters"] == {} and off["count"] == d["count"]


@pytest.mark.parametrize("page, range_text, prev, nxt", [
    (1, "quotes 1\u20131 of 2", False, True),
    (2, "quotes 2\u20132 of 2", True, False),
])
def test_pagination_links(client, page, range_text, prev, nxt):
    """One hit a page: the range text and which of previous/next exist."""
    d = get_json(client, f"/search.json?q=title&group=0&per_page=1&page={page}")
    assert d["range_text"] == range_text
    assert bool(d["pagination"]["prev_url"]) is prev and bool(d["pagination"]["next_url"]) is nxt
    if nxt:
        assert get_json(client, d["pagination"]["next_url"])["page"] == page + 1


def test_datasette_list_conventions(client):
    """rows, count, next / next_url; _size and _next page through; _shape=arrays gives arrays."""
    first = get_json(client, "/search.json?q=title&group=0&_size=1")
    assert first["count"] == 2 and len(first["rows"]) == 1 and first["next"] == "2"
    second = get_json(client, first["next_url"])
    assert second["next"] is None and second["next_url"] is None
    assert second["rows"][0]["id"] != first["rows"][0]["id"]
    assert get_json(client, f"/search.json?q=title&group=0&_size=1&_next={first['next']}") == second
    arrays = get_json(client, "/search.json?q=title&group=0&_shape=arrays")
    assert arrays["columns"][:3] == ["kind", "id", "cluster"] and len(arrays["rows"]) == 2
    assert all(isinstance(r, list) and len(r) == len(arrays["columns"]) for r in arrays["rows"])
    objects = get_json(client, "/search.json?q=title&group=0")
    assert [dict(zip(arrays["columns"], r)) for r in arrays["rows"]] == objects["rows"]
    assert "'_shape'" in get_json(client, "/search.json?_shape=tables", status=400)["error"]
    for url in ["/speakers.json?_size=2", "/speaker/davide-vagnati.json?_size=1", "/api/names?q=i&_size=1",
                "/check.json?q=stonewall+penalty+and+he+said+to+me"]:
        d = get_json(client, url)
        assert {"rows", "count", "next", "next_url"} <= set(d), url
        assert isinstance(get_json(client, url + "&_shape=arrays")["rows"], list)
    assert get_json(client, "/speakers.json?_size=2")["next_url"] == "/speakers.json?per_page=2&_next=2"


def test_page_past_the_end_says_so(client):
    """A page beyond the last has no hits and a message, not an error."""
    d = get_json(client, "/search.json?q=title&page=50")
    assert d["rows"] == [] and any("no page 50" in m for m in d["messages"])


def test_suggestion_when_nothing_matches(client):
    """A misspelt word gets a 'did you mean' with a link that finds something."""
    d = get_json(client, "/search.json?q=titel")
    assert d["count"] == 0 and d["suggestion"]["query"] == "title"
    assert get_json(client, d["suggestion"]["url"].replace("/search?", "/search.json?"))["count"] == 1


def test_help_when_filters_leave_nothing(client):
    """Zero hits under filters: a link to remove each filter and one to drop them all."""
    d = get_json(client, "/search.json?q=title&outlet=Nowhere%20Gazette&year=1999")
    assert d["count"] == 0
    labels = [h["label"] for h in d["help"]]
    assert labels == ["Remove outlet: Nowhere Gazette", "Remove year: 1999", "Search without any filter"]
    assert get_json(client, d["help"][-1]["url"])["count"] == 1


def test_articles_scope(client):
    """scope=articles returns article hits with links."""
    d = get_json(client, "/search.json?q=Inzaghi&scope=articles")
    assert d["count"] == 2 and {h["kind"] for h in d["rows"]} == {"article"}
    assert all(h["url"].startswith("/article/") for h in d["rows"])


# ---------------------------------------------------------------- hostile input

HOSTILE_QUERIES = [
    '"unbalanced', 'title"', "AND", "OR NOT", "NOT", "*", "?", "title:", "(((", ")", "[a TO",
    "speaker:(", "\\", "{", "~", "^2", "a" * 10_000, "a\x00b", "\x00", "%FF%FE", "%C0%AF",
    "%ED%A0%80", "'; DROP TABLE quotes; --", "<script>alert(1)</script>", "\U0001F600 title",
    "title " * 400,
]


@pytest.mark.parametrize("q", HOSTILE_QUERIES, ids=lambda q: repr(q[:20]))
@pytest.mark.parametrize("raw", ["", "1"])
def test_hostile_queries_give_a_page_never_a_500(client, q, raw):
    """Odd, long or malformed queries answer 200 (maybe with a message) or a 400 with a reason."""
    from urllib.parse import quote

    encoded = q if q.startswith("%") else quote(q)
    r = client.get(f"/search.json?q={encoded}&_raw={raw}")
    assert r.status_code in (200, 400), r.data[:300]
    d = r.get_json()
    if r.status_code == 400:
        assert d["ok"] is False and d["error"]
    else:
        assert len(d["query"]) <= 500
        assert "\x00" not in d["query"]
    html = client.get(f"/search?q={encoded}&_raw={raw}")
    assert html.status_code in (200, 400) and b"Traceback" not in html.data


def test_long_query_is_cut_with_a_message(client):
    """A 10 kB query is cut to the bound and the page says so."""
    d = get_json(client, "/search.json?q=" + "title%20" * 2000)
    assert len(d["query"]) <= 500
    assert any("cut" in m for m in d["messages"])


def test_nul_bytes_are_removed_with_a_message(client):
    """Control characters in q are dropped, and the user is told."""
    d = get_json(client, "/search.json?q=ti%00tle")
    assert "\x00" not in d["query"] and any("Control characters" in m for m in d["messages"])


@pytest.mark.parametrize("query, name", [
    ("page=-1", "page"), ("page=0", "page"), ("page=abc", "page"), ("page=1.5", "page"),
    ("page=99999999999999999999", "page"), ("page=1001", "page"),
    ("per_page=0", "per_page"), ("per_page=-5", "per_page"), ("per_page=ten", "per_page"),
    ("since=2022-13-01", "since"), ("since=yesterday", "since"), ("until=2022-02-30", "until"),
    ("since=%FF", "since"), ("since=2023&until=2022", "since"),
    ("scope=tweets", "scope"), ("sort=random", "sort"), ("year=20x2", "year"),
    ("scope=articles&sort=carried", "sort"), ("min_confidence=2", "min_confidence"),
    ("min_confidence=x", "min_confidence"), ("_shape=lists", "_shape"), ("_size=0", "_size"),
    ("_next=a", "_next"),
])
def test_bad_parameters_are_400_naming_the_parameter(client, query, name):
    """Each wrong parameter is a 400 whose message names it, as JSON and as a page."""
    d = get_json(client, f"/search.json?q=title&{query}", status=400)
    assert d["ok"] is False and d["status"] == 400 and f"'{name}'" in d["error"]
    r = client.get(f"/search?q=title&{query}")
    assert r.status_code == 400 and r.mimetype == "text/html"
    assert f"&#39;{name}&#39;".encode() in r.data or f"'{name}'".encode() in r.data


@pytest.mark.parametrize("query", ["since=2022", "since=2022-03", "until=2022-03-14", "year=2022",
                                   "since=2022-03-14&until=2022-03-14",
                                   # months and days without their leading zero compare as dates
                                   "since=2022-3&until=2022-10", "since=2022-03-5&until=2022-03-10",
                                   "since=2022-3-1&until=2022-03"])
def test_good_dates_are_accepted(client, query):
    """Partial and full dates parse."""
    assert get_json(client, f"/search.json?q=title&{query}")["ok"] is True


def test_huge_per_page_is_clamped_with_a_message(client):
    """per_page above the bound is cut to it, not refused."""
    d = get_json(client, "/search.json?per_page=100000")
    assert d["per_page"] == 100 and any("at most 100" in m for m in d["messages"])


@pytest.mark.parametrize("url", [
    "/speaker/nobody-at-all", "/article/no/such/file.txt", "/article/x.json%2399", "/quote/nope",
    "/speaker/%FF%FE", "/no-such-page",
])
def test_unknown_ids_are_404_page_and_json(client, url):
    """An unknown id is a 404 page, and a JSON 404 on the twin."""
    r = client.get(url)
    assert r.status_code == 404 and r.mimetype == "text/html" and b"Not found" in r.data
    base, _, qs = url.partition("?")
    d = get_json(client, base + ".json", status=404)
    assert d == {"ok": False, "status": 404, "title": "Not found", "error": d["error"]} and d["error"]


def test_post_is_refused(client):
    """The site is read-only: other methods get 405."""
    r = client.post("/search", data={"q": "x"})
    assert r.status_code == 405
    assert client.post("/search.json").get_json()["status"] == 405


# ---------------------------------------------------------------- other pages' twins

def test_speaker_json(client, seed_ids):
    """A speaker's twin: the speaker, clusters with links, a timeline and a chart."""
    d = get_json(client, f"/speaker/{seed_ids['speaker']}.json")
    assert d["speaker"]["name"] == "Simone Inzaghi"
    assert d["rows"] and all(c["url"].startswith("/quote/") for c in d["rows"])
    assert sum(t["count"] for t in d["timeline"]) >= 1
    within = get_json(client, f"/speaker/{seed_ids['speaker']}.json?q=title")
    assert within["count"] >= 1 and all(h["speaker_id"] == seed_ids["speaker"] for h in within["rows"])


def test_article_json_has_text_quotes_and_spans(client, seed_ids):
    """An article's twin: metadata, full text, quotes whose spans point into the text."""
    d = get_json(client, f"/article/{seed_ids['article']}.json")
    assert d["id"] == seed_ids["article"] and len(d["text"]) > 1000 and d["quotes"]
    for q in d["quotes"]:
        pieces = [d["text"][s:e] for s, e in q["spans"]]
        assert " ".join(pieces) == q["text"]


def test_quote_json_marks_differences(client, seed_ids):
    """The cluster twin: one quote per article, later ones with a word diff against the first."""
    d = get_json(client, f"/quote/{seed_ids['cluster']}.json")
    assert len(d["quotes"]) == 2 and d["quotes"][0]["diff"] is None
    diff = d["quotes"][1]["diff"]
    kept = " ".join(s["text"] for s in diff["segments"] if s["op"] != "delete")
    assert kept.split() == d["quotes"][1]["text"].split()


def test_names_completion(client):
    """/api/names completes first names and surnames, bounded, empty for an empty prefix."""
    names = get_json(client, "/api/names?q=inz")["rows"]
    assert [n["name"] for n in names] == ["Simone Inzaghi"] and names[0]["url"] == "/speaker/simone-inzaghi"
    assert [n["name"] for n in get_json(client, "/api/names?q=Sim")["rows"]] == ["Simone Inzaghi"]
    assert [n["name"] for n in get_json(client, "/api/names?q=inzagi")["rows"]] == ["Simone Inzaghi"]   # a typo
    assert get_json(client, "/api/names?q=")["rows"] == []
    assert get_json(client, "/api/names?q=zzzzz")["rows"] == []
    assert len(get_json(client, "/api/names?q=a&limit=500")["rows"]) <= 20
    assert get_json(client, "/api/names?q=a&limit=-1", status=400)["error"]


def test_speakers_json_by_letter_and_prefix(client):
    """The speakers list: most quoted first (or A-Z), by letter and by name prefix; an unknown
    name gets candidates."""
    everyone = get_json(client, "/speakers.json")
    counts = [s["quote_count"] for s in everyone["rows"]]
    assert everyone["count"] >= 4 and counts == sorted(counts, reverse=True) and everyone["sort"] == "count"
    a_z = get_json(client, "/speakers.json?sort=name")
    assert [s["name"] for s in a_z["rows"]] == sorted((s["name"] for s in a_z["rows"]), key=str.casefold)
    assert {x["letter"] for x in everyone["letters"]} >= {"D", "S"}
    s = get_json(client, "/speakers.json?letter=S")
    assert s["count"] >= 1 and all(x["name"].startswith("S") for x in s["rows"])
    assert [x["name"] for x in get_json(client, "/speakers.json?q=simo")["rows"]] == ["Simone Inzaghi"]
    typo = get_json(client, "/speakers.json?q=Inzagi")
    assert typo["count"] == 0 and [c["name"] for c in typo["candidates"]] == ["Simone Inzaghi"]
    assert typo["candidates"][0]["similarity"] > 80 and typo["sure"] is True


# ---------------------------------------------------------------- CSV, headers, OpenAPI, read-only

@pytest.mark.parametrize("url, column", [
    ("/search.csv?q=title", "text"), ("/speakers.csv", "name"), ("/search.csv?q=Inzaghi&scope=articles", "id"),
])
def test_list_pages_export_csv(client, url, column):
    """List pages have a CSV twin with a header row and one row per item."""
    r = client.get(url)
    assert r.status_code == 200 and r.mimetype == "text/csv"
    assert "attachment" in r.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(r.get_data(as_text=True))))
    assert rows and all(row[column] for row in rows)


def test_speaker_csv_has_every_quote(client, seed_ids):
    """A speaker's CSV lists all their quotes (each cluster's every article)."""
    page = get_json(client, f"/speaker/{seed_ids['speaker']}.json")
    rows = list(csv.DictReader(io.StringIO(client.get(f"/speaker/{seed_ids['speaker']}.csv").get_data(as_text=True))))
    assert len(rows) == sum(len(c["quotes"]) for c in page["rows"])


@pytest.mark.parametrize("value, cell", [
    ("=HYPERLINK(1)", "'=HYPERLINK(1)"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM", "'@SUM"),
    ("plain", "plain"), (None, ""), (["a", "b"], "a; b"), (3, "3"), (-1.5, "-1.5"), (["=x"], "'=x"),
    ("\tcmd", "'\tcmd"), ("a=b", "a=b"),
])
def test_csv_cells_are_defused(value, cell):
    """Cells a spreadsheet would run as formulas get a leading quote mark (numbers are numbers)."""
    assert csv_cell(value) == cell
    assert csv_cell(value, defuse=False) == ("" if value is None else "; ".join(value) if isinstance(value, list)
                                              else str(value))


@pytest.mark.parametrize("url", ["/", "/search.json?q=title", "/speakers", "/no-such-page", "/openapi.json"])
def test_security_headers(client, url):
    """Every response carries CSP without inline scripts, nosniff, referrer and framing rules."""
    h = client.get(url).headers
    csp = h["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert h["X-Content-Type-Options"] == "nosniff"
    assert h["Referrer-Policy"] == "same-origin"
    assert h["X-Frame-Options"] == "DENY"


def test_openapi_documents_every_json_route(client, app):
    """Each JSON route of the app appears in /openapi.json, and nothing documented is missing."""
    doc = get_json(client, "/openapi.json")
    assert doc["openapi"].startswith("3.")
    documented = set(doc["paths"])
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
        path = path.replace("{aid}", "{id}").replace("{sid}", "{id}").replace("{cid}", "{cluster}")
        path = path.replace(".{fmt}", ".json")
        if path in ("/", "/search", "/speakers"):
            continue                       # HTML pages: their twins are listed
        if not path.endswith(".json") and not path.startswith("/api/"):
            path += ".json"                # a page whose twin is the same path plus .json
        routes.add(path)
    assert routes <= documented, routes - documented
    assert {p for p in documented - routes if not p.endswith(".csv")} == set()


def test_the_web_app_never_writes_the_index(client, seed_index, seed_ids):
    """Serving pages leaves every file of the index untouched."""
    def snapshot():
        out = {}
        for root, _dirs, files in os.walk(seed_index):
            for f in files:
                st_ = os.stat(os.path.join(root, f))
                out[os.path.join(root, f)] = (st_.st_size, st_.st_mtime_ns)
        return out
    before = snapshot()
    for url in ["/", "/search?q=title", "/speakers", f"/speaker/{seed_ids['speaker']}",
                f"/article/{seed_ids['article']}", f"/quote/{seed_ids['cluster']}", "/api/names?q=s"]:
        assert client.get(url).status_code == 200
    assert snapshot() == before


def test_missing_index_is_a_503_with_advice(tmp_path, caplog):
    """An app pointed at no index answers 503 with advice, as page and JSON; the path goes to the log only."""
    from webapp import create_app

    missing = str(tmp_path / "none")
    c = create_app({"TESTING": True, "INDEX_DIR": missing}).test_client()
    r = c.get("/search.json?q=x")
    assert r.status_code == 503 and "quote-index build" in r.get_json()["error"]
    assert missing not in r.get_json()["error"]
    page = c.get("/")
    assert page.status_code == 503 and missing not in page.get_data(as_text=True)
    assert missing in caplog.text


# ---------------------------------------------------------------- helpers, as tables and properties

@pytest.mark.parametrize("value, expected", [
    ("a.txt.json", ("a.txt", "json")), ("x.json", ("x", "json")), ("s.csv", ("s", "csv")),
    ("a.txt", ("a.txt", None)), (".json", (".json", None)), ("json", ("json", None)),
])
def test_split_format(value, expected):
    """Only a trailing .json/.csv after something is a format suffix."""
    assert split_format(value) == expected


@pytest.mark.parametrize("base, other, ops", [
    ("we will win", "we will win", [("we will win", "equal")]),
    ("we will win", "we shall win", [("we", "equal"), ("will", "delete"), ("shall", "insert"), ("win", "equal")]),
    ("we will win", "we will win today", [("we will win", "equal"), ("today", "insert")]),
    ("it’s done", "it's done", [("it's done", "equal")]),
    ("", "new words", [("new words", "insert")]),
])
def test_word_diff_table(base, other, ops):
    """Word diffs: equal runs, deletions before insertions, curly quotes count as straight."""
    assert [(s.text, s.op) for s in word_diff(base, other).segments] == ops


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abc ’'.", max_size=40), st.text(alphabet="abc ’'.", max_size=40))
def test_word_diff_keeps_both_texts(base, other):
    """Non-deleted segments rebuild the other text's words; non-inserted ones the base's (modulo quotes)."""
    segs = word_diff(base, other).segments
    assert " ".join(s.text for s in segs if s.op != "delete").split() == other.split()
    norm = lambda t: t.replace("’", "'")  # noqa: E731 - equal segments show the other's spelling
    assert norm(" ".join(s.text for s in segs if s.op != "insert")).split() == norm(base).split()


@pytest.mark.parametrize("text, spans, marked", [
    ("say “hi” now", [[[5, 7]]], ["hi"]),
    ("“a” and “b”", [[[1, 2]], [[9, 10]]], ["a", "b"]),
    ("“outer ‘in’ end”", [[[1, 15]], [[8, 10]]], ["outer ‘in’ end"]),    # nested: outer only
    ("“a,” he said, “b”", [[[1, 3], [15, 16]]], ["a,", "b"]),             # one quote, two pieces
    ("short", [[[3, 99]], [[-1, 2]]], []),                                # out of range: ignored
])
def test_mark_quotes_table(text, spans, marked):
    """Quote pieces become marked segments; overlapping and out-of-range spans are skipped."""
    segs = mark_quotes(text, [{"spans": s} for s in spans])
    assert "".join(s["text"] for s in segs) == text
    assert [s["text"] for s in segs if s["quote"] is not None] == marked


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=60), st.lists(st.tuples(st.integers(-5, 70), st.integers(-5, 70)), max_size=6))
def test_mark_quotes_never_loses_text(text, pairs):
    """Whatever the spans, the segments join back to the article text exactly."""
    segs = mark_quotes(text, [{"spans": [[a, b]]} for a, b in pairs])
    assert "".join(s["text"] for s in segs) == text


@pytest.mark.parametrize("fn, text, n, expected", [
    (lead_in, "one two three", 100, "one two three"),
    (lead_in, "alpha beta gamma delta", 11, "…gamma delta"),
    (lead_in, "said: ", 100, "said: "),
    (lead_in, "a\n\nb  c", 100, "a b c"),
    (lead_out, " said he. Then more words", 9, " said he.…"),
    (lead_out, "said he. Then more words", 10, "said he.…"),
    (lead_out, None, 10, ""),
])
def test_context_trimming(fn, text, n, expected):
    """Context around a quote is cut at a word, white space collapsed, edge spaces kept."""
    assert fn(text, n) == expected


@pytest.mark.parametrize("timeline, unit, periods", [
    ([], "month", []),
    ([{"period": "2022-03", "count": 2}], "month", ["2022-03"]),
    ([{"period": "2021-11", "count": 1}, {"period": "2022-02", "count": 3}], "month",
     ["2021-11", "2021-12", "2022-01", "2022-02"]),
    ([{"period": "2000-01", "count": 1}, {"period": "2020-06", "count": 1}], "year",
     [str(y) for y in range(2000, 2021)]),
    ([{"period": "junk", "count": 5}], "month", []),
])
def test_timeline_chart(timeline, unit, periods):
    """Months with gaps filled; years when the span is long; junk periods ignored."""
    chart = timeline_chart(TimelinePoint(**t) for t in timeline)
    assert [b.period for b in chart.bars] == periods
    if periods:
        assert chart.unit == unit and max(b.h for b in chart.bars) == chart.height


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=80))
def test_any_query_text_answers(client, q):
    """Any text at all in q gives 200 or 400 with a JSON body, never a server error."""
    r = client.get("/search.json", query_string={"q": q})
    assert r.status_code in (200, 400)
    body = json.loads(r.data)
    assert body["ok"] is (r.status_code == 200)


def test_cached_listings_follow_a_rebuild(tmp_path):
    """Home page, counts and speaker list are cached per index generation: a rebuild shows at once."""
    from indexer import ingest
    from webapp import create_app

    corpus, ix_dir = tmp_path / "corpus", str(tmp_path / "index")
    corpus.mkdir()
    (corpus / "one.txt").write_text('"The dam will hold," engineer Pia Olsen said on Tuesday.\n',
                                    encoding="utf-8")
    ingest.build([str(corpus)], ix_dir)
    c = create_app({"TESTING": True, "INDEX_DIR": ix_dir}).test_client()
    assert [s["name"] for s in get_json(c, "/speakers.json")["rows"]] == ["Pia Olsen"]
    assert get_json(c, "/search.json")["count"] == 1
    assert [s["name"] for s in get_json(c, "/.json")["speakers"]] == ["Pia Olsen"]
    (corpus / "two.txt").write_text('"We expect rain all week," forecaster Karl Brandt said.\n',
                                    encoding="utf-8")
    ingest.build([str(corpus)], ix_dir)
    assert [s["name"] for s in get_json(c, "/speakers.json?sort=name")["rows"]] == ["Karl Brandt", "Pia Olsen"]
    assert get_json(c, "/search.json")["count"] == 2
    assert len(get_json(c, "/.json")["speakers"]) == 2
    assert [x["letter"] for x in get_json(c, "/speakers.json")["letters"]] == ["K", "P"]


@pytest.mark.parametrize("accept, mimetype", [("text/html", "text/html"), ("application/json", "application/json")])
def test_a_host_header_werkzeug_refuses_is_a_plain_400(client, accept, mimetype):
    """With no URL adapter the error page cannot build links: a bare 400 page (or JSON), not a 500."""
    r = client.get("/search?q=title", headers={"Host": ".", "Accept": accept})
    assert r.status_code == 400 and r.mimetype == mimetype
    assert b"Bad request" in r.data
