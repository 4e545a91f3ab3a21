"""The `page` decorator: every page picks HTML, JSON or CSV the same way, then renders its Reply."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from flask import Flask, Response

from webapp import errors, twin
from webapp.twin import Reply, page


@dataclass(frozen=True)
class Thing:
    """A page context for the tests."""

    id: str
    n: int


RECORDS = {"a.txt": Thing("a.txt", 1), "b.txt.json": Thing("b.txt.json", 2)}


@pytest.fixture
def app(tmp_path):
    """A tiny app with one page of each kind, its templates in tmp_path."""
    (tmp_path / "thing.html").write_text("<p>{{ d.id }}={{ d.n }}{{ extra }}</p>")
    (tmp_path / "error.html").write_text("<h1>{{ d.title }}</h1><p>{{ d.error }}</p>")
    app = Flask(__name__, template_folder=str(tmp_path))
    errors.init_app(app)

    @app.route("/list")
    @app.route("/list.<any(json,csv):fmt>")
    @page("thing.html")
    def listing():
        """A list page with a CSV twin."""
        return Reply(Thing("all", 2), csv_rows=[{"id": "a", "n": 1}, {"id": "=b", "n": 2}], csv_name="things",
                     context={"extra": "!"})

    @app.route("/one")
    @app.route("/one.<any(json,csv):fmt>")
    @page("thing.html")
    def one():
        """A page without a CSV twin."""
        return Reply(Thing("one", 1))

    @app.route("/thing/<path:tid>")
    @page("thing.html", lookup=RECORDS.get, missing="There is no thing with id {id!r}.")
    def thing(found, tid):
        """A page of one record."""
        return Reply(found)

    @app.route("/api/x")
    @page(None, json_only=True)
    def api_x():
        """A JSON-only endpoint."""
        return Reply(Thing("x", 0))

    @app.route("/raw")
    @page(None, json_only=True)
    def raw():
        """A view answering a ready response."""
        return Response("as is", mimetype="text/plain")

    return app


@pytest.mark.parametrize("url, headers, mimetype", [
    ("/list", {}, "text/html"),
    ("/list.json", {}, "application/json"),
    ("/list?_format=json", {}, "application/json"),
    ("/list", {"Accept": "application/json"}, "application/json"),
    ("/list", {"Accept": "text/html,application/json;q=0.9"}, "text/html"),
    ("/list.csv", {}, "text/csv"),
    ("/list?_format=csv", {}, "text/csv"),
    ("/list.json?_format=csv", {}, "application/json"),          # the suffix wins over _format
    ("/list?_format=json", {"Accept": "text/html"}, "application/json"),   # _format wins over Accept
    ("/list?_format=xml", {}, "text/html"),                       # an unknown format is ignored
])
def test_the_format_comes_from_suffix_then_format_then_accept(app, url, headers, mimetype):
    r = app.test_client().get(url, headers=headers)
    assert r.status_code == 200 and r.mimetype == mimetype


def test_each_format_renders_the_same_reply(app):
    c = app.test_client()
    assert c.get("/list.json").get_json() == {"id": "all", "n": 2}
    assert c.get("/list").get_data(as_text=True) == "<p>all=2!</p>"          # context: HTML only
    csv = c.get("/list.csv")
    assert csv.get_data(as_text=True).splitlines() == ["id,n", "a,1", "'=b,2"]   # cells defused
    assert 'filename="things.csv"' in csv.headers["Content-Disposition"]


def test_a_page_without_csv_says_so_in_json(app):
    r = app.test_client().get("/one.csv")
    assert r.status_code == 404 and r.get_json()["error"].startswith("This page has no CSV export")


@pytest.mark.parametrize("url, status, body", [
    ("/thing/a.txt", 200, "<p>a.txt=1</p>"),
    ("/thing/a.txt.json", 200, {"id": "a.txt", "n": 1}),            # suffix read once the id is unknown
    ("/thing/b.txt.json", 200, "<p>b.txt.json=2</p>"),               # an id that ends in .json is that id
    ("/thing/b.txt.json.json", 200, {"id": "b.txt.json", "n": 2}),
    ("/thing/c.txt", 404, "There is no thing with id &#39;c.txt&#39;."),
    ("/thing/c.txt.json", 404, {"ok": False, "status": 404, "title": "Not found",
                                "error": "There is no thing with id 'c.txt'."}),
])
def test_a_record_page_looks_its_id_up_before_reading_a_suffix(app, url, status, body):
    r = app.test_client().get(url)
    assert r.status_code == status
    if isinstance(body, dict):
        assert r.get_json() == body
    else:
        assert body in r.get_data(as_text=True)


def test_json_only_endpoints_and_ready_responses(app):
    c = app.test_client()
    r = c.get("/api/x", headers={"Accept": "text/html"})
    assert r.mimetype == "application/json" and r.get_json() == {"id": "x", "n": 0}
    assert c.get("/raw").get_data(as_text=True) == "as is"


def test_every_page_of_the_site_wears_the_decorator():
    """No view negotiates on its own: each endpoint of the site is a `page` (or a static file)."""
    from webapp import create_app

    app = create_app({"TESTING": True, "INDEX_DIR": "/nonexistent"})
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        view = app.view_functions[rule.endpoint]
        assert getattr(view, "__wrapped__", None) is not None, rule.endpoint
        assert view.__code__ is twin.page(None)(lambda: None).__code__, rule.endpoint
