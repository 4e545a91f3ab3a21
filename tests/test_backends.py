"""Whoosh and PostgreSQL give the same answers; PostgreSQL loads are atomic; reads from a standby.

The shared suite of the search API is tests/test_search.py (its `ix` runs on both backends); here
the two are compared answer for answer over the seeds and a generated corpus: every search (scopes,
sorts, filters, pages, query syntax), speaker, article and cluster page, the exports and the web
app's JSON twins served from a streaming standby. Counts, filters and facets must be equal; hits
equal in order, scores equal to 1e-9 (the same BM25F sums, added in another order).
"""
from __future__ import annotations

import json
from contextlib import nullcontext
import os
import signal
import subprocess
import sys
import time

import pytest

from backends import assert_close as _close, fresh_database, on_standby, same_server
from batch_corpus import write_corpus
from conftest import CORPUS, ROOT
from indexer import ingest
from indexer import search as S
from indexer.errors import BuildFailed, IndexNotFound, LockTimeout
from indexer.serial import to_json

pytestmark = pytest.mark.postgres

QUERIES = ["", "storms", '"the winter storms"', '"winter storms arrive"', "budget OR bridge", "report NOT council",
           "fenwick", "speaker:marsh", "speaker:\"ruth marsh\"", "bridg*", "the", "numbers AND year", "cue:warned",
           'outlet:"daily planet"', "title:feed", "date:[2016 TO 2017-06]", "library^2 tram", "people ANDMAYBE money",
           "year:2018", "nosuchword", "libary", '"a b"~2', "council~", "*:*", "text:harbour"]
FILTERS = [{}, {"speaker": "ruth-marsh"}, {"outlet": "evening star"}, {"year": "2017"}, {"since": "2016-03", "until": "2018"},
           {"medium": "dazn"}, {"speaker": "mensah", "since": "2017"}, {"min_confidence": 0.5},
           {"min_confidence": 0.9, "sort": "oldest", "group": False}, {"sort": "carried", "outlet": "daily planet"}]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seeds and the generated corpus (two roots, bad files included), as one corpus."""
    return [str(CORPUS)] + [str(r) for r in write_corpus(tmp_path_factory.mktemp("both") / "gen", articles=60)]


@pytest.fixture(scope="module")
def pair(corpus, postgres_primary, tmp_path_factory):
    """(Whoosh index, PostgreSQL index, the PostgreSQL DSN) of the same corpus."""
    from indexer.ingest.pg_load import load

    path = str(tmp_path_factory.mktemp("pair") / "index")
    built = ingest.build(corpus, path)
    dsn = fresh_database(postgres_primary["dsn"], "qi_test_pair")
    loaded = load(dsn, paths=corpus)
    assert (built.articles, built.quotes, built.speakers, built.clusters, built.skipped) == \
           (loaded.articles, loaded.quotes, loaded.speakers, loaded.clusters, loaded.skipped)
    return S.open_index(path), S.open_index(dsn), dsn


@pytest.mark.parametrize("scope", S.SCOPES)
@pytest.mark.parametrize("sort", S.SORTS)
@pytest.mark.parametrize("group", [True, False])
def test_every_query_gives_the_same_answer(pair, scope, sort, group):
    w, p, _ = pair
    if (scope, sort) == ("articles", "carried") or (scope, group) == ("articles", False):
        for ix in (w, p):                    # refused alike ("carried" orders quotes); grouping is for quotes
            with pytest.raises(S.BadParameter) if sort == "carried" else nullcontext():
                S.search(ix, "storms", scope=scope, sort=sort, group=group)
        return
    for q in QUERIES:
        for page in (1, 2):
            _close(to_json(S.search(w, q, scope=scope, sort=sort, page=page, per_page=7, group=group)),
                   to_json(S.search(p, q, scope=scope, sort=sort, page=page, per_page=7, group=group)),
                   f"{q!r} page {page}")


@pytest.mark.parametrize("kwargs", FILTERS)
def test_every_filter_gives_the_same_answer(pair, kwargs):
    w, p, _ = pair
    for scope in S.SCOPES if kwargs.get("sort") != "carried" else ["quotes"]:
        for q in ("", "storms", '"the numbers"', "the"):
            a, b = to_json(S.search(w, q, scope=scope, per_page=100, **kwargs)), \
                to_json(S.search(p, q, scope=scope, per_page=100, **kwargs))
            _close(a, b, f"{q!r} {scope} {kwargs}")
    assert S.search(p, "", **kwargs).total > 0


RAW_NUMBERS = ["confidence:[0.5 TO 1]", "confidence:{0.5 TO 0.9]", "confidence:[0.8 TO]", "confidence:[TO 0.7}",
               "storms confidence:[0.5 TO 1]^3", "confidence:[0.5 TO 1] NOT storms", "start:[0 TO 400]",
               "cluster_size:[2 TO]", "start:0", "confidence:[0.9 TO 0.2]", "nosuchfield:[1 TO 2]"]


@pytest.mark.parametrize("scope", S.SCOPES)
def test_a_raw_number_range_gives_the_same_answer(pair, scope):
    """Raw ranges over the number fields (confidence, start, cluster_size) run on both backends."""
    w, p, _ = pair
    for q in RAW_NUMBERS:
        for page in (1, 2):
            a = S.search(w, q, scope=scope, raw=True, page=page, per_page=7)
            _close(to_json(a), to_json(S.search(p, q, scope=scope, raw=True, page=page, per_page=7)), f"{q!r} {page}")
    some = S.search(p, "confidence:[0.5 TO 1]", scope=scope, raw=True)
    assert (some.total > 0) == (scope == "quotes") and not some.messages


def test_every_speaker_article_and_cluster_page_is_the_same(pair):
    w, p, _ = pair
    speakers = [s.id for s in S.speakers(w)]
    assert speakers == [s.id for s in S.speakers(p)] and len(speakers) > 10
    for sid in speakers:
        _close(to_json(S.speaker(w, sid)), to_json(S.speaker(p, sid)), sid)
        _close(to_json(S.speaker_quotes(w, sid, "the")), to_json(S.speaker_quotes(p, sid, "the")), sid)
    for a in S.export(w, "articles"):
        _close(to_json(S.article(w, a.id)), to_json(S.article(p, a.id)), a.id)
    clusters = {q.cluster for q in S.export(w, "quotes")}
    for cid in sorted(clusters):
        _close(to_json(S.cluster(w, cid)), to_json(S.cluster(p, cid)), cid)
    for name in ("marsh", "Anabel Fenwik", "brandt", "o'neil", "zzz"):
        assert to_json(S.find_speaker(w, name)) == to_json(S.find_speaker(p, name))
        assert to_json(S.complete_names(w, name[:3])) == to_json(S.complete_names(p, name[:3]))


def test_speaker_sorts_filters_lists_and_outlets_are_the_same(pair):
    w, p, _ = pair
    sid = max(S.speakers(w), key=lambda s: s.quote_count).id
    for kw in ({"sort": "oldest"}, {"sort": "carried"}, {"outlet": "daily planet"}, {"year": "2017"},
               {"since": "2016", "until": "2017-06"}, {"min_confidence": 0.7}):
        _close(to_json(S.speaker(w, sid, **kw)), to_json(S.speaker(p, sid, **kw)), f"{sid} {kw}")
    for kw in ({"sort": "count"}, {"kind": "organization"}, {"kind": "person", "outlet": "evening star"},
               {"since": "2017", "sort": "count", "limit": 5}):
        assert to_json(S.speakers(w, **kw)) == to_json(S.speakers(p, **kw)), kw
    assert to_json(S.query_examples(w)) == to_json(S.query_examples(p))


def test_check_a_quote_finds_the_same_quotes(pair):
    w, p, _ = pair
    quotes = [q for q in S.export(w, "quotes") if len(q.text.split()) > 6][:12]
    assert quotes
    for q in quotes:
        words = q.text.split()
        for text in (q.text, " ".join(words[1:-1]), " ".join(reversed(words)), " ".join(words[:4]) + " nothing else"):
            a, b = to_json(S.check(w, text)), to_json(S.check(p, text))
            _close(a, b, text)
        assert to_json(S.check(p, q.text))["verdict"] == "found"
    assert to_json(S.check(p, "zzyzx qwerty"))["verdict"] == "none"


def test_exports_and_stats_are_the_same(pair):
    w, p, dsn = pair
    for what in S.EXPORT_KINDS:
        assert [to_json(r) for r in S.export(w, what)] == [to_json(r) for r in S.export(p, what)], what
    a, b = to_json(S.stats(w)), to_json(S.stats(p))
    assert b.pop("path").startswith("postgresql://postgres@127.0.0.1:") and b.pop("size_bytes") > 0
    a.pop("path"), a.pop("size_bytes"), a.pop("built_at"), b.pop("built_at")
    assert a == b
    password = json.dumps(dsn).split("password=")[-1].split(" ")[0]
    assert password not in S.stats(p).path


FILLER = ("The council met on Tuesday evening to talk about the budget for the coming year and "
          "the members agreed to meet again next month after the summer break").split()


def _ranked_corpus(root) -> list[dict]:
    """Articles (one file each, so that they are indexed in this order) that make Whoosh's top-N
    collector prune `title:w OR text:w` to `AndMaybe(title:w, text:w)` for both words of
    "ferry harbour", then skip past a document holding one word in its title (see enginefix)."""
    def body(*words):
        """A body of the filler with the words in its middle."""
        return " ".join(FILLER[:10] + list(words) + FILLER[10:]) + "."
    rows = [{"title": f"Ferry and harbour plans for the old quay number {k}", "text": body("ferry", "harbour")}
            for k in range(40)]                              # fill the top 40 first, lowest scores
    rows += [{"title": f"Ferry harbour plans agreed today {k}", "text": body("ferry", "harbour")}
             for k in range(60)]                             # push them out: the kept minimum rises
    rows += [{"title": "Harbour wall repairs", "text": body("harbour")},
             {"title": "Ferry timetable notes", "text": body("ferry", "harbour")},
             {"title": "Ferry harbour", "text": body("ferry", "harbour")}]    # the best match
    rows += [{"title": f"Harbour ferry news {k}", "text": body("ferry", "harbour")} for k in range(5)]
    root.mkdir()
    for i, r in enumerate(rows):
        (root / f"{i:03d}.jsonl").write_text(json.dumps(r) + "\n", encoding="utf-8")
    return rows


def test_the_best_article_keeps_its_body_words_when_whoosh_prunes_its_matchers(postgres_primary, tmp_path):
    """Whoosh's AndMaybe matcher scored a document without its body words after skipping
    (2 of 1,000 two-word searches over the bench articles lost their best hit from page 1)."""
    from indexer.ingest.pg_load import load

    _ranked_corpus(tmp_path / "c")
    ingest.build([str(tmp_path / "c")], str(tmp_path / "ix"))
    dsn = fresh_database(postgres_primary["dsn"], "qi_test_ranked")
    load(dsn, paths=[str(tmp_path / "c")])
    w, p = S.open_index(str(tmp_path / "ix")), S.open_index(dsn)
    for q in ("ferry harbour", "harbour ferry"):
        a = S.search(w, q, scope="articles")
        assert a.total == 107 and a.hits[0].title == "Ferry harbour", q
        whole = S.search(w, q, scope="articles", per_page=100)        # every match scored
        assert [(h.id, h.score) for h in a.hits] == [(h.id, h.score) for h in whole.hits[:len(a.hits)]], q
        _close(to_json(a), to_json(S.search(p, q, scope="articles")), q)


def test_the_web_app_serves_the_same_pages_from_a_streaming_standby(pair, postgres_standby):
    from webapp import create_app

    w, p, dsn = pair
    standby = same_server(dsn, postgres_standby["dsn"])
    deadline = time.monotonic() + 30
    while True:                      # the database was just loaded on the primary: wait for replay
        try:
            ix = S.open_index(standby)
            if ix.generation().id == p.generation().id:
                break
        except IndexNotFound:
            pass
        assert time.monotonic() < deadline, "the standby did not catch up"
        time.sleep(0.3)
    assert ix.view()._rows("SELECT pg_is_in_recovery()")[0][0] is True
    whoosh = create_app({"TESTING": True, "INDEX_DIR": w.path}).test_client()
    replica = create_app({"TESTING": True, "INDEX_DIR": standby}).test_client()
    sid = S.speakers(w)[0].id
    art = next(iter(S.export(w, "articles"))).id
    cid = next(c.id for c in S.export(w, "clusters"))
    urls = ["/search.json", "/search.json?q=storms", "/search.json?q=%22the+winter+storms%22&sort=date",
            "/search.json?q=bridge&scope=articles&page=2&per_page=5", "/search.json?q=&outlet=evening+star",
            "/speakers.json", "/speakers.json?prefix=m", f"/speaker/{sid}.json", f"/article/{art}.json",
            f"/quote/{cid}.json", "/api/names?q=ma", "/search.csv?q=the", "/search.json?q=%22unbalanced"]
    for url in urls:
        a, b = whoosh.get(url), replica.get(url)
        assert (a.status_code, b.status_code) == (200, 200), url
        if url.startswith("/search.csv"):
            assert a.data.count(b"\n") == b.data.count(b"\n")
        else:
            _close(a.get_json(), b.get_json(), url)
    for url in ("/", "/search?q=storms", f"/speaker/{sid}", f"/article/{art}", f"/quote/{cid}"):
        assert replica.get(url).status_code == 200, url


# ---- loads: atomic, one at a time, never on a standby; a database that is down is named

@pytest.fixture
def db(postgres_primary):
    """A fresh database holding the seeds."""
    from indexer.ingest.pg_load import load

    dsn = fresh_database(postgres_primary["dsn"], "qi_test_loads")
    load(dsn, paths=[str(CORPUS)])
    return dsn


def _schemas(dsn: str) -> list[str]:
    """The generation schemas of a database."""
    import psycopg

    with psycopg.connect(dsn) as conn:
        return sorted(r[0] for r in conn.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'qi\\_%'"))


KILLED_LOAD = """
import os, signal, sys
sys.path.insert(0, {root!r})
from indexer.pgstore import load as L
copy = L._copy
def copy_then_die(conn, schema, table, columns, rows):
    copy(conn, schema, table, columns, rows)
    if table == "quotes":
        print("copied", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
L._copy = copy_then_die
from indexer.ingest.pg_load import load
load(sys.argv[1], paths=sys.argv[2:])
"""


def test_a_killed_load_leaves_the_old_tables_serving(db, mini_corpus, tmp_path):
    reader = S.open_index(db)
    reader.backend.recheck = 0
    before = to_json(S.search(reader, "penalty"))
    old = _schemas(db)
    script = tmp_path / "killed.py"
    script.write_text(KILLED_LOAD.format(root=str(ROOT)))
    out = subprocess.run([sys.executable, str(script), db, str(mini_corpus)], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == -signal.SIGKILL and "copied" in out.stdout, out.stderr
    assert _schemas(db) == old                            # the half-made schema was rolled back
    assert to_json(S.search(reader, "penalty")) == before
    assert to_json(S.search(S.open_index(db), "penalty")) == before
    from indexer.ingest.pg_load import load
    load(db, paths=[str(mini_corpus)])                    # the lock died with the killed load
    assert S.search(reader, "harbour").total > 0 and S.search(reader, "penalty").total == 0


def test_a_swap_is_seen_by_open_readers_and_a_pinned_view_finishes_on_its_generation(db, mini_corpus):
    from indexer.ingest.pg_load import load

    reader = S.open_index(db)
    pinned = reader.view()
    first = reader.generation().id
    load(db, paths=[str(mini_corpus)])
    time.sleep(reader.backend.recheck + 0.05)          # the live pointer is read at most this often
    assert reader.generation().id != first
    assert S.search(reader, "harbour").total > 0
    assert pinned.generation.id == first and pinned.article(next(iter(pinned.documents("article"))).id)
    load(db, paths=[str(CORPUS)])
    assert len(_schemas(db)) == 2                          # the live generation and the one before


def test_a_second_writer_waits_then_names_the_first(db):
    import psycopg

    from indexer.ingest.pg_load import load
    from indexer.pgstore.tables import LOCK_KEY

    with psycopg.connect(db, autocommit=True, application_name="another load") as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (LOCK_KEY,))
        with pytest.raises(LockTimeout, match="being loaded by another writer \\(another load, started "):
            load(db, paths=[str(CORPUS)], lock_timeout=0.5)


def test_a_load_into_a_standby_is_refused(db, postgres_standby):
    from indexer.ingest.pg_load import load

    with pytest.raises(BuildFailed, match="is a read-only standby; load into its primary"):
        load(on_standby(db, postgres_standby["dsn"]), paths=[str(CORPUS)])


def test_a_database_that_is_down_is_named_by_host_and_port_never_the_password(runner, tmp_path):
    from services.common import free_port

    from indexer.ingest.pg_load import load
    from quote_index.cli import cli

    port = free_port()
    dsn = f"postgresql://quoter:s3cret-Pa55@127.0.0.1:{port}/quotes"
    with pytest.raises(BuildFailed) as caught:
        load(dsn, paths=[str(CORPUS)])
    assert f"127.0.0.1:{port}/quotes" in str(caught.value) and "s3cret" not in str(caught.value)
    r = runner.invoke(cli, ["build", str(CORPUS), "--dsn", dsn])
    assert r.exit_code == 1 and f"cannot connect to PostgreSQL at 127.0.0.1:{port}/quotes" in r.stderr
    assert "s3cret" not in r.output and "Traceback" not in r.output
    r = runner.invoke(cli, ["search", "penalty", "--index", dsn])
    assert r.exit_code == 1 and f"127.0.0.1:{port}" in r.stderr and "s3cret" not in r.output
    from webapp import create_app
    page = create_app({"TESTING": True, "INDEX_DIR": dsn}).test_client().get("/search.json?q=x")
    assert page.status_code == 503 and b"s3cret" not in page.data


def test_an_empty_database_says_how_to_load_it(postgres_primary):
    dsn = fresh_database(postgres_primary["dsn"], "qi_test_empty")
    with pytest.raises(IndexNotFound, match="No index in PostgreSQL at 127.0.0.1:.*quote-index build"):
        S.open_index(dsn)


def test_cli_build_and_read_through_a_dsn(runner, postgres_primary, dask_scheduler, tmp_path, monkeypatch):
    from quote_index.cli import cli

    dsn = fresh_database(postgres_primary["dsn"], "qi_test_cli")
    r = runner.invoke(cli, ["build", str(CORPUS), "--backend", "postgresql", "--dsn", dsn])
    assert r.exit_code == 0, r.output
    assert "2 articles, 10 quotes, 4 speakers" in r.stdout
    r = runner.invoke(cli, ["search", '"stonewall penalty"', "--index", dsn, "--json"])
    assert {h["speaker"] for h in json.loads(r.stdout)["hits"]} == {"Davide Vagnati"}
    rec = tmp_path / "rec"
    assert runner.invoke(cli, ["extract", str(CORPUS), "--engine", "dask", "--scheduler", dask_scheduler,
                               "--output", str(rec)]).exit_code == 0
    monkeypatch.setenv("QUOTE_INDEX_DSN", dsn)
    r = runner.invoke(cli, ["build", "--from-records", str(rec), "--backend", "postgresql"])
    assert r.exit_code == 0 and "10 quotes" in r.stdout, r.output
    r = runner.invoke(cli, ["build", "--backend", "postgresql"], env={"QUOTE_INDEX_DSN": ""})
    assert r.exit_code == 2 and "needs --dsn or $QUOTE_INDEX_DSN" in r.stderr
    assert runner.invoke(cli, ["stats", "--index", dsn]).exit_code == 0


def test_serve_prints_the_dsn_without_its_password(postgres_primary, db):
    port = __import__("services.common", fromlist=["free_port"]).free_port()
    proc = subprocess.Popen([sys.executable, "-m", "quote_index", "serve", "--dsn", db, "--port", str(port)],
                            cwd=ROOT, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        line = proc.stderr.readline()
        assert "serving postgresql://postgres@127.0.0.1:" in line and "/qi_test_loads on http" in line, line
        assert not postgres_primary.get("password") or postgres_primary["password"] not in line
        import urllib.request
        deadline = time.monotonic() + 20
        while True:
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/search.json?q=penalty&group=0", timeout=5).read()
                break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert json.loads(body)["count"] == 4
    finally:
        # SIGTERM, not SIGINT: a test run started in the background (`cmd &`) inherits SIGINT
        # ignored, and Python then installs no KeyboardInterrupt handler, so SIGINT never stops it.
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise AssertionError("serve --dsn did not stop within 20 s of SIGTERM")


def test_build_outlet_gives_the_same_outlets_on_both(runner, postgres_primary, tmp_path):
    from quote_index.cli import cli

    dsn = fresh_database(postgres_primary["dsn"], "qi_test_outlet")
    for where in (["--index", str(tmp_path / "ix")], ["--dsn", dsn]):
        r = runner.invoke(cli, ["build", str(CORPUS), "--outlet", "The Evening Star", *where])
        assert r.exit_code == 0, r.output
    w, p = S.open_index(str(tmp_path / "ix")), S.open_index(dsn)
    assert [to_json(a) for a in S.export(w, "articles")] == [to_json(a) for a in S.export(p, "articles")]
    assert {a.outlet_name for a in S.export(p, "articles")} == {"The Evening Star"}
    assert p.generation().outlets == w.generation().outlets
