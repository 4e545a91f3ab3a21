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
    people = client.get("/speakers.json").get_json()["speakers"]
    sid = next(s["id"] for s in people if s["name"] == "Simone Inzaghi")
    cluster = client.get(f"/speaker/{sid}.json").get_json()["clusters"][0]
    return {"sid": sid, "cid": cluster["cluster"], "aid": cluster["quotes"][0]["article"]}


@pytest.mark.parametrize("url, path", [
    ("/search.json", "/search.json"), ("/search.json?q=title", "/search.json"),
    ("/search.json?q=Inzaghi&scope=articles", "/search.json"), ("/search.json?q=titel", "/search.json"),
    ("/search.json?outlet=Nowhere&year=1999&q=title", "/search.json"),
    ("/search.json?q=title&per_page=1&page=2", "/search.json"), ("/speakers.json", "/speakers.json"),
    ("/speakers.json?q=zzz", "/speakers.json"), ("/speakers.json?letter=S", "/speakers.json"),
    ("/speaker/{sid}.json", "/speaker/{id}.json"), ("/speaker/{sid}.json?q=title", "/speaker/{id}.json"),
    ("/article/{aid}.json", "/article/{id}.json"), ("/quote/{cid}.json", "/quote/{cluster}.json"),
    ("/api/names?q=in", "/api/names"), ("/api/names", "/api/names"),
])
def test_every_json_answer_validates_against_its_schema(client, doc, url, path):
    r = client.get(url.format(**_ids(client)))
    assert r.status_code == 200
    schema = doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    _validator(doc, schema).validate(r.get_json())


@pytest.mark.parametrize("url, status", [("/search.json?page=0", 400), ("/speaker/nobody.json", 404),
                                         ("/article/none.txt.json", 404), ("/search.csv?page=x", 400)])
def test_error_answers_validate_against_the_error_schema(client, doc, url, status):
    r = client.get(url)
    assert r.status_code == status and r.mimetype == "application/json"
    _validator(doc, {"$ref": "#/components/schemas/ErrorPage"}).validate(r.get_json())


def test_a_wrong_answer_is_caught(client, doc):
    """The check can fail: a hit without its score does not validate."""
    body = client.get("/search.json?q=title").get_json()
    del body["hits"][0]["score"]
    with pytest.raises(jsonschema.ValidationError):
        _validator(doc, {"$ref": "#/components/schemas/SearchPage"}).validate(body)
