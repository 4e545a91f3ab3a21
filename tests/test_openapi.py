"""/openapi.json is built from the page records (webapp/openapi.py), and the app's answers hold to it."""
from __future__ import annotations

import json
import pathlib

import jsonschema
import pytest

from webapp import openapi

STATIC = pathlib.Path(openapi.__file__).parent / "static" / "openapi.json"


def test_the_served_file_is_the_document_the_records_give():
    """Regenerate with `python3 -m webapp.openapi > webapp/static/openapi.json` after changing a record."""
    assert json.loads(STATIC.read_text(encoding="utf-8")) == openapi.document()


def _validator(doc: dict, schema: dict):
    """A JSON Schema 2020-12 validator for one schema of the document (its $refs resolve in doc)."""
    return jsonschema.Draft202012Validator({**schema, "components": doc["components"]})


@pytest.fixture(scope="module")
def doc():
    """The OpenAPI document as built."""
    return openapi.document()


def _ids(client) -> dict:
    """A speaker, a cluster and an article of the seed index."""
    people = client.get("/speakers.json").get_json()["rows"]
    sid = next(s["id"] for s in people if s["name"] == "Simone Inzaghi")
    cluster = client.get(f"/speaker/{sid}.json").get_json()["rows"][0]
    return {"sid": sid, "cid": cluster["cluster"], "aid": cluster["quotes"][0]["article"]}


@pytest.mark.parametrize("url, path", [
    ("/search.json", "/search.json"), ("/search.json?q=title", "/search.json"),
    ("/search.json?q=Inzaghi&scope=articles", "/search.json"), ("/search.json?q=titel", "/search.json"),
    ("/search.json?outlet=Nowhere&year=1999&q=title", "/search.json"),
    ("/search.json?q=title&per_page=1&page=2", "/search.json"), ("/speakers.json", "/speakers.json"),
    ("/speakers.json?q=zzz", "/speakers.json"), ("/speakers.json?letter=S", "/speakers.json"),
    ("/speaker/{sid}.json", "/speaker/{id}.json"), ("/speaker/{sid}.json?q=title", "/speaker/{id}.json"),
    ("/article/{aid}.json", "/article/{id}.json"), ("/quote/{cid}.json", "/quote/{cluster}.json"),
    ("/api/names?q=in", "/api/names"), ("/api/names", "/api/names"), ("/api/names?q=inzagi", "/api/names"),
    ("/.json", "/.json"), ("/check.json?q=VAR+didn%27t+call+me", "/check.json"),
    ("/check.json?q=nothing+like+any+quote+here+at+all", "/check.json"),
    ("/search.json?q=title&_shape=arrays", "/search.json"), ("/search.json?sort=carried&group=0", "/search.json"),
    ("/search.json?hide_unsure=1&sort=oldest", "/search.json"),
    ("/speakers.json?sort=name&kind=person&_shape=arrays", "/speakers.json"),
    ("/speakers.json?q=inzagi", "/speakers.json"), ("/speakers.json?outlet=afp&since=2022", "/speakers.json"),
    ("/speaker/{sid}.json?sort=oldest&outlet=afp&year=2022", "/speaker/{id}.json"),
    ("/speaker/{sid}.json?_shape=arrays", "/speaker/{id}.json"),
])
def test_every_json_answer_validates_against_its_schema(client, doc, url, path):
    r = client.get(url.format(**_ids(client)))
    assert r.status_code == 200
    schema = doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    _validator(doc, schema).validate(r.get_json())


@pytest.mark.parametrize("url, status", [("/search.json?page=0", 400), ("/speaker/nobody.json", 404),
                                         ("/article/none.txt.json", 404), ("/search.csv?page=x", 400),
                                         ("/check.json?q=", 400), ("/check.json", 400), ("/check.json?q=%21%3F", 400),
                                         ("/check.json?q=" + "x" * 700, 400)])
def test_error_answers_validate_against_the_error_schema(client, doc, url, status):
    r = client.get(url)
    assert r.status_code == status and r.mimetype == "application/json"
    _validator(doc, {"$ref": "#/components/schemas/ErrorPage"}).validate(r.get_json())


def test_a_wrong_answer_is_caught(client, doc):
    """The check can fail: a hit without its score does not validate."""
    body = client.get("/search.json?q=title").get_json()
    del body["rows"][0]["score"]
    with pytest.raises(jsonschema.ValidationError):
        _validator(doc, {"$ref": "#/components/schemas/SearchPage"}).validate(body)


def test_every_csv_twin_is_documented_and_has_the_quote_row_layout(client, doc):
    """Each .csv path of the document answers CSV; those of quotes have the one quote row layout."""
    from indexer.results import QUOTE_CSV
    ids = _ids(client)
    csv_paths = [p for p in doc["paths"] if p.endswith(".csv")]
    assert set(csv_paths) == {"/search.csv", "/speakers.csv", "/speaker/{id}.csv", "/article/{id}.csv",
                              "/quote/{cluster}.csv"}
    for path in csv_paths:
        url = path.format(id=ids["sid"] if "speaker" in path else ids["aid"], cluster=ids["cid"])
        r = client.get(url)
        assert r.status_code == 200 and r.mimetype == "text/csv", url
        header = r.get_data(as_text=True).splitlines()[0].split(",")
        if path != "/speakers.csv":
            assert tuple(header) == QUOTE_CSV, url
