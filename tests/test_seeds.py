"""The two seed articles end to end: every hand-checked quote, right spans, speaker, cue and medium.

The expected facts are copied here from ../shared/gold/seeds.jsonl (the hand-checked answers) so
that the test does not depend on that file; a second test checks the copy against the file when it
is there.
"""
from __future__ import annotations

import json

import pytest

from conftest import CORPUS, SHARED
from indexer.extract import direct_quotations

A000 = "000_919c8712d2da58b1.txt"
A001 = "001_f5d1a6933423ae3c.txt"

# (article, start, end, speaker, mention start, mention end, cue, medium, nested)
SEED_QUOTES = [
    (A000, 782, 888, "Simone Inzaghi", 890, 897, "admitted", "DAZN", False),
    (A000, 1802, 1958, "Davide Vagnati", 1992, 2006, "said", None, False),
    (A000, 1899, 1956, "Marco Guida", 1884, 1886, "said", None, True),
    (A000, 2010, 2138, "Davide Vagnati", 1992, 2006, None, None, False),
    (A000, 2830, 3004, "Victor Osimhen", 3006, 3008, "told", "DAZN", False),
    (A001, 846, 952, "Simone Inzaghi", 954, 961, "admitted", "DAZN", False),
    (A001, 1865, 2022, "Davide Vagnati", 2057, 2071, "said", None, False),
    (A001, 1962, 2020, "Marco Guida", 1947, 1949, "said", None, True),
    (A001, 2075, 2203, "Davide Vagnati", 2057, 2071, None, None, False),
    (A001, 3073, 3247, "Victor Osimhen", 3249, 3251, "told", "DAZN", False),
]
OUTLETS = {A000: "AFP", A001: None}
ROLES = {(A000, 1802): "Torino’s sporting director", (A001, 1865): "Torino's sporting director"}


def _quotes(article):
    """The extractor's quotes of a seed article, keyed by their first span."""
    text = (CORPUS / article).read_text(encoding="utf-8")
    return text, {q.spans[0]: q for q in direct_quotations(text, article, OUTLETS[article])}


@pytest.mark.parametrize("row", SEED_QUOTES, ids=lambda r: f"{r[0][:3]}@{r[1]}")
def test_seed_quote(row):
    article, start, end, speaker, ms, me, cue, medium, nested = row
    text, got = _quotes(article)
    q = got.get((start, end))
    assert q is not None, f"no quote at {start}:{end}; got {sorted(got)}"
    assert len(q.spans) == 1
    assert q.text == text[start:end]
    assert q.speaker == speaker
    assert q.speaker_mention is not None
    assert (q.speaker_mention.start, q.speaker_mention.end) == (ms, me)
    assert q.speaker_mention.text == text[ms:me]
    assert q.cue == cue
    assert q.medium == medium
    assert q.nested is nested
    assert q.outlet == OUTLETS[article]
    assert q.rule
    if (article, start) in ROLES:
        assert q.role == ROLES[(article, start)]


@pytest.mark.parametrize("article", [A000, A001])
def test_seed_no_other_quotes(article):
    _, got = _quotes(article)
    expected = {(s, e) for a, s, e, *_ in SEED_QUOTES if a == article}
    assert set(got) == expected


def test_embedded_copy_matches_gold_file():
    gold = SHARED / "gold" / "seeds.jsonl"
    if not gold.exists():
        pytest.skip("../shared/gold/seeds.jsonl not present")
    rows = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        g = json.loads(line)
        if g.get("kind") == "article":
            assert OUTLETS[g["article"]] == g["outlet"]
            continue
        rows.append((g["article"], g["quote_start"], g["quote_end"], g["speaker"], g["mention_start"],
                     g["mention_end"], g["cue"], g["medium"], bool(g.get("nested"))))
    assert sorted(rows) == sorted(SEED_QUOTES)
