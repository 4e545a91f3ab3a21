"""The search API's typed records: frozen, JSON read from their fields, schemas that hold."""
from __future__ import annotations

import dataclasses
import threading

import jsonschema
import pytest

from indexer import results as R
from indexer import search as S
from indexer import serial
from indexer.records import Cluster, Speaker
from indexer.search.backend import Generation


@pytest.fixture(scope="module")
def ix(mini_index):
    """The open MINI index."""
    return S.open_index(mini_index)


def _answers(ix) -> dict:
    """One answer of every kind the API gives, by record class."""
    article = S.article(ix, "herald/a1.txt")
    return {
        R.SearchResult: S.search(ix, "library"),
        R.SpeakerMatch: S.find_speaker(ix, "sanchez"),
        R.SpeakerProfile: S.speaker(ix, "ana-ferreira"),
        R.ArticleDetail: article,
        R.ClusterDetail: S.cluster(ix, article.quotes[0].cluster),
        R.Stats: S.stats(ix),
        Speaker: S.speakers(ix)[0],
        R.QuoteRow: next(iter(S.export(ix, "quotes"))),
        R.ArticleRow: next(iter(S.export(ix, "articles"))),
        Cluster: next(iter(S.export(ix, "clusters"))),
    }


def test_every_answer_is_a_frozen_record_of_its_class(ix):
    for cls, answer in _answers(ix).items():
        assert type(answer) is cls
        name = dataclasses.fields(answer)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(answer, name, None)


def test_json_keys_are_the_fields_in_order(ix):
    for cls, answer in _answers(ix).items():
        assert tuple(serial.to_json(answer)) == serial.columns(cls)
    hit = S.search(ix, "library").hits[0]
    assert tuple(serial.to_json(hit)) == serial.columns(R.QuoteHit)
    assert serial.to_json(hit)["kind"] == "quote" and isinstance(serial.to_json(hit)["segments"], list)


def test_export_only_fields_appear_in_exports_only(ix):
    sp = next(iter(S.export(ix, "speakers")))
    assert "article_count" not in serial.to_json(sp)
    assert list(serial.to_json(sp, everything=True))[-1] == "article_count"
    assert S.QUOTE_COLUMNS == serial.columns(R.QuoteRow) and S.EXPORT_KINDS == tuple(R.EXPORTS)


def test_every_answer_validates_against_the_schema_of_its_record(ix):
    answers = _answers(ix)
    schemas = serial.schemas(*answers, named={R.Segments: "Segments"})
    for cls, answer in answers.items():
        doc = {"$ref": serial.REF + cls.__name__, "components": {"schemas": schemas}}
        jsonschema.validate(serial.to_json(answer), doc)
    broken = serial.to_json(answers[R.SearchResult])
    broken["hits"][0]["score"] = "high"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, {"$ref": serial.REF + "SearchResult", "components": {"schemas": schemas}})


def test_schema_types_follow_the_annotations():
    s = serial.schemas(R.QuoteHit, named={R.Segments: "Segments"})
    hit = s["QuoteHit"]
    assert hit["properties"]["kind"] == {"const": "quote"}
    assert hit["properties"]["speaker"]["type"] == ["string", "null"]
    assert hit["properties"]["segments"] == {"$ref": serial.REF + "Segments",
                                             "description": "The text, highlighted."}
    assert set(hit["required"]) == set(serial.columns(R.QuoteHit))
    assert s["Segments"]["items"]["prefixItems"] == [{"type": "string"}, {"type": "boolean"}]


def test_a_memo_may_use_another_without_waiting_on_itself():
    gen = Generation("g", {}, {}, {}, {})
    done = []

    def work():
        """A memo whose computation asks for another memo of the same generation."""
        done.append(gen.memo("outer", lambda: gen.memo("inner", lambda: 1) + 1))

    t = threading.Thread(target=work, daemon=True)
    t.start()
    t.join(5)
    assert done == [2] and gen.memo("outer", lambda: 99) == 2
