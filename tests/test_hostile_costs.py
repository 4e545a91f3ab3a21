"""Hostile requests that cost: ranges and wildcards over a large lexicon, long wordings to diff,
a long article, slow clients. Each request is bounded by CPU time measured in this process
(`time.process_time`, the test client runs the request in this thread), never by wall clock:
a shared machine makes wall-clock bounds noise.

Before the bounds (measured on this file's index): the range CSV below took 8.2 s of CPU, a raw
`*e*` 0.56 s, and the long article's page was 974 kB.
"""
from __future__ import annotations

import http.client
import json
import random
import socket
import subprocess
import sys
import time

import pytest

from conftest import ROOT

CPU_BOUND = 1.0          # seconds of CPU any one request below may take (the budget is 2 s of wall time)
LETTERS = "abcdefghijklmnopqrstuvwxyz"


@pytest.fixture(scope="module")
def costly(tmp_path_factory):
    """An index with a 40,000-word lexicon (made-up words), two long wordings of one quote, and
    a 500,000-character article: (index path, the quote page's cluster id)."""
    from indexer import ingest
    from indexer import search as S

    root = tmp_path_factory.mktemp("costly")
    corpus = root / "c"
    corpus.mkdir()
    rnd = random.Random(5)
    vocab = ["".join(rnd.choice(LETTERS) for _ in range(rnd.randint(4, 9))) for _ in range(40_000)]
    for i in range(150):
        words = " ".join(rnd.choice(vocab) for _ in range(300))
        (corpus / f"v{i:03d}.txt").write_text(
            f"Story {i}\n\n{words}.\n\n\"The {rnd.choice(vocab)} plan is ready,\" Pat Lee said.\n")
    wording = [rnd.choice(vocab) for _ in range(3000)]
    other = [rnd.choice(vocab) if k % 97 == 0 else w for k, w in enumerate(wording)]
    for name, words, day in (("w1", wording, "Monday"), ("w2", other, "Tuesday")):
        (corpus / f"{name}.txt").write_text(f"Long speech\n\n\"{' '.join(words)},\" Rosa Gallo said on {day}.\n")
    para = "The council met again in the long hall. " * 20
    body = "\n\n".join(para + (f"\"Point {i} is settled,\" Tom Baker said." if i % 50 == 0 else "")
                       for i in range(600))
    (corpus / "long.txt").write_text("A very long article\n\n" + body + "\n")
    ix = str(root / "ix")
    ingest.build([str(corpus)], ix)
    gen = S.open_index(ix).generation()
    cid = next(c for c, row in gen.clusters.items() if "w1.txt" in row["articles"])
    return ix, cid


@pytest.fixture(scope="module")
def costly_client(costly):
    """A client of the app over the costly index."""
    from webapp import create_app

    return create_app({"TESTING": True, "INDEX_DIR": costly[0]}).test_client()


def _timed(client, url: str):
    """(response, CPU seconds this process spent answering it)."""
    t = time.process_time()
    r = client.get(url)
    r.get_data()
    return r, time.process_time() - t


@pytest.mark.parametrize("url", [
    "/search.csv?q=text:%5Ba%20TO%20z%5D&scope=articles&_raw=1",
    "/search.json?q=text:%5Ba%20TO%20z%5D&scope=articles&_raw=1",
    "/search.json?q=%5Ba%20TO%20z%5D&_raw=1",
    "/search.json?q=*e*&scope=articles&_raw=1",
    "/search.csv?q=*a*%20OR%20*e*%20OR%20*i*&scope=articles&_raw=1",
    "/search.json?q=text:*&scope=articles&_raw=1",
    "/search.json?q=title:%5Ba%20TO%20z%5D%20OR%20text:%5Bb%20TO%20y%5D&scope=articles&_raw=1",
])
def test_raw_ranges_and_wildcards_are_bounded(costly_client, url):
    r, cpu = _timed(costly_client, url)
    assert r.status_code == 200, r.status_code
    assert cpu < CPU_BOUND, f"{url}: {cpu:.2f} s of CPU"
    if url.startswith("/search.json") and "text:*" not in url:
        said = " ".join(r.get_json()["messages"])
        assert "only the first 1000" in said, said


def test_a_range_in_an_ordinary_query_is_read_as_words(costly_client):
    r, cpu = _timed(costly_client, "/search.json?q=text:%5Ba%20TO%20z%5D&scope=articles")
    d = r.get_json()
    assert "is raw query syntax" in " ".join(d["messages"]) and cpu < CPU_BOUND
    assert not d["partial"]


def test_a_spent_budget_answers_with_what_it_has_and_says_so(costly):
    from indexer import search as S

    res = S.search(S.open_index(costly[0]), "*e*", scope="articles", raw=True, seconds=0.0)
    assert res.partial and "was stopped" in " ".join(res.messages)
    full = S.search(S.open_index(costly[0]), "*e*", scope="articles", raw=True, max_expansion=50)
    assert not full.partial and full.total > 0
    assert "only the first 50" in " ".join(full.messages)


def test_the_csv_download_is_one_search(costly, monkeypatch):
    """One search however many rows (it was one per page of 100: up to 50 full searches)."""
    from indexer.search import api
    from webapp import create_app

    calls = []
    real = api._search
    monkeypatch.setattr(api, "_search", lambda *a, **k: calls.append(1) or real(*a, **k))
    client = create_app({"TESTING": True, "INDEX_DIR": costly[0]}).test_client()
    rows = client.get("/search.csv?q=plan&scope=quotes").get_data(as_text=True).splitlines()
    assert len(rows) > 100 and len(calls) == 1


def test_long_wordings_are_diffed_in_near_linear_time():
    from indexer.search.diff import word_diff

    rnd = random.Random(3)
    n = 16_000
    cases = {"shifted": ([f"w{i}" for i in range(n)], [f"w{(i * 7) % n}" for i in range(n)]),
             "small vocabulary": ([rnd.choice("abcdefghij") for _ in range(n)],
                                  [rnd.choice("abcdefghij") for _ in range(n)]),
             "one change": ([f"w{i}" for i in range(n)], [f"w{i}" if i != n // 2 else "x" for i in range(n)])}
    for name, (a, b) in cases.items():
        t = time.process_time()
        d = word_diff(" ".join(a), " ".join(b))
        cpu = time.process_time() - t
        assert cpu < CPU_BOUND, f"{name}: {cpu:.2f} s"          # difflib unbounded: minutes
        kept = " ".join(s.text for s in d.segments if s.op != "delete").split()
        gone = " ".join(s.text for s in d.segments if s.op != "insert").split()
        assert kept == b and gone == a, name
    assert word_diff(" ".join(cases["one change"][0]), " ".join(cases["one change"][1])).ratio > 0.99


def test_the_quote_page_of_long_wordings_is_bounded(costly_client, costly):
    r, cpu = _timed(costly_client, f"/quote/{costly[1]}")
    assert r.status_code == 200 and cpu < CPU_BOUND
    assert "<ins" in r.get_data(as_text=True) or "insert" in r.get_data(as_text=True)


def test_a_long_article_is_shown_in_parts(costly_client):
    r, cpu = _timed(costly_client, "/article/long.txt")
    assert r.status_code == 200 and cpu < CPU_BOUND
    assert len(r.data) < 300_000, len(r.data)            # the whole text would be over 500 kB
    html = r.get_data(as_text=True)
    assert "Part 1 of " in html and 'rel="next"' in html
    d = costly_client.get("/article/long.txt.json").get_json()
    part = d["text_part"]
    assert part["parts"] > 1 and part["end"] - part["start"] == len(d["text"]) <= 100_000
    assert part["next_url"] == "/article/long.txt.json?part=2"
    last = costly_client.get(f"/article/long.txt.json?part={part['parts']}").get_json()
    assert last["text_part"]["end"] == last["text_part"]["length"] and last["text_part"]["next_url"] is None
    # Each part lists its own quotes; a link to a quote far in (?at=) opens the part holding it.
    assert all(part["start"] <= int(q["anchor"][2:]) < part["end"] for q in d["quotes"])
    assert part["quotes"] > len(d["quotes"]) > 0
    far = [q for q in last["quotes"]]
    assert far and "?at=" in far[-1]["article_url"], far[-1:]
    at = far[-1]["anchor"][2:]
    opened = costly_client.get(far[-1]["article_url"].split("#")[0].replace("/long.txt?", "/long.txt.json?"))
    found = opened.get_json()["text_part"]
    assert found["start"] <= int(at) < found["end"] and found["part"] == part["parts"]
    assert costly_client.get("/article/long.txt?part=0").status_code == 400
    assert costly_client.get(f"/article/long.txt?part={part['parts'] + 1}").status_code == 400


# ---------------------------------------------------------------- slow clients (the real server)

def test_slow_clients_cannot_hold_the_server(costly):
    """Connections trickling a request byte by byte are closed after --channel-timeout, so that
    a limit of 8 connections held by 12 such clients still lets a real request through."""
    from services.common import free_port, listening, wait_for

    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "quote_index", "serve", "--index", costly[0], "--port",
                             str(port), "--threads", "2", "--connection-limit", "8", "--channel-timeout", "2"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    slow = []
    try:
        wait_for(lambda: listening(port), "quote-index serve listening", timeout=10)
        for _ in range(12):
            c = socket.create_connection(("127.0.0.1", port), timeout=5)
            c.sendall(b"GET /search?q=")
            slow.append(c)
        closed = 0
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and closed < len(slow):
            closed = 0
            for c in slow:                    # a byte every 0.5 s: never a whole request
                try:
                    c.sendall(b"a")
                except OSError:
                    closed += 1
            time.sleep(0.5)
        assert closed == len(slow), f"only {closed} of {len(slow)} trickling connections were closed"
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/search.json?q=plan")
        resp = conn.getresponse()
        assert resp.status == 200 and json.loads(resp.read())["count"] > 0
    finally:
        for c in slow:
            c.close()
        proc.terminate()
        proc.wait(timeout=10)
