"""File names that are not valid UTF-8, or that hold control characters: carried losslessly as ids.

Files are created with bytes paths (a Latin-1 `café.txt` is the bytes `caf\\xe9.txt`). The id scheme
is documented in indexer/corpus/names.py: undecodable bytes, control characters and "%" itself
become %XX, everything else is kept.
"""
from __future__ import annotations

import json
import os
import unicodedata

import pytest
from hypothesis import given, settings, strategies as st

from indexer import corpus
from quote_index.cli import cli
from indexer.corpus.names import path_bytes, path_from_id, path_id, readable_path

STORY = '"We will repair the old harbour wall before the winter storms," Lena Haas said.\n'

# (file name as bytes, expected article id); the first rows are names that must not change.
IDS = [
    (b"plain.txt", "plain.txt"),
    ("café.txt".encode(), "café.txt"),                      # valid UTF-8: kept as it is
    ("日本語の記事.txt".encode(), "日本語の記事.txt"),
    (b"a#b?c&d =e.txt", "a#b?c&d =e.txt"),                  # URL-special but valid: the URL quotes them
    (b"caf\xe9.txt", "caf%E9.txt"),                         # Latin-1 e-acute: not UTF-8
    (b"\xff\xfe.txt", "%FF%FE.txt"),
    (b"caf%E9.txt", "caf%25E9.txt"),                        # a real "%": escaped, so no collision above
    (b"100% sure.txt", "100%25 sure.txt"),
    (b"new\nline.txt", "new%0Aline.txt"),
    (b"tab\tand\rcr.txt", "tab%09and%0Dcr.txt"),
    (b"del\x7f.txt", "del%7F.txt"),
    ("nel\u0085.txt".encode(), "nel%C2%85.txt"),           # C1 control (NEL), valid UTF-8 but a line break
    (b"d\xe9p\xf4t/x.txt", "d%E9p%F4t/x.txt"),              # an odd directory name
]


def _write(root: bytes, rel: bytes, data: bytes) -> None:
    """Write data to root/rel (bytes paths), creating directories."""
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


@pytest.mark.parametrize("name, expected", IDS)
def test_the_id_of_a_name(name, expected):
    assert path_id(os.fsdecode(name)) == expected
    assert path_bytes(expected) == name                      # reversible, byte for byte
    assert path_from_id(expected) == os.fsdecode(name)


@pytest.mark.parametrize("name, expected", IDS)
def test_each_odd_name_is_read_with_its_id(tmp_path, name, expected):
    root = os.fsencode(tmp_path)
    _write(root, name, ("Title\n\n" + STORY).encode())
    problems = []
    (art,) = corpus.iter_articles([os.fsdecode(root)], problems.append)
    assert art.id == expected and not problems
    assert art.text == "Title\n\n" + STORY
    art.path.encode("utf-8")                                 # printable: no lone surrogate
    assert not any(unicodedata.category(c) == "Cc" for c in art.path)
    assert json.loads(json.dumps(art.to_json(), ensure_ascii=False))["id"] == expected


def test_a_latin1_name_and_its_escaped_twin_are_two_articles(tmp_path):
    root = os.fsencode(tmp_path)
    _write(root, b"caf\xe9.txt", b"One\n\n" + STORY.encode())
    _write(root, b"caf%E9.txt", b"Two\n\n" + STORY.encode())
    problems = []
    arts = {a.id: a for a in corpus.iter_articles([str(tmp_path)], problems.append)}
    assert sorted(arts) == ["caf%25E9.txt", "caf%E9.txt"] and not problems
    assert arts["caf%E9.txt"].text.startswith("One") and arts["caf%25E9.txt"].text.startswith("Two")


def test_records_of_an_odd_json_file(tmp_path):
    _write(os.fsencode(tmp_path), b"feed\xe9\n.json", json.dumps([{"text": STORY}, {"text": STORY}]).encode())
    ids = [a.id for a in corpus.iter_articles([str(tmp_path)])]
    assert ids == ["feed%E9%0A.json#1", "feed%E9%0A.json#2"]


def test_an_odd_root_directory(tmp_path):
    root = os.path.join(os.fsencode(tmp_path), b"r\xe9pertoire")
    _write(root, b"a.txt", STORY.encode())
    (art,) = corpus.iter_articles([os.fsdecode(root)])
    assert art.id == "a.txt"                                 # ids are relative to the root
    assert art.path == readable_path(os.fsdecode(root)) + "/a.txt"
    assert "r%E9pertoire" in art.path


def test_problems_show_odd_names_readably(tmp_path):
    root = os.fsencode(tmp_path)
    _write(root, b"vide\xe9.txt", b"")
    _write(root, b"bin\n.txt", b"\0\0\0")
    problems = []
    assert list(corpus.iter_articles([str(tmp_path)], problems.append)) == []
    shown = sorted(str(p) for p in problems)
    assert shown == [f"{tmp_path}/bin%0A.txt: binary file (NUL byte at offset 0), not text; skipped",
                     f"{tmp_path}/vide%E9.txt: empty file; skipped"]
    for p in shown:
        p.encode("utf-8")


@pytest.mark.parametrize("raw, shown", [
    ("/a/caf\udce9.txt", "/a/caf%E9.txt"),
    ("/a/new\nline.txt", "/a/new%0Aline.txt"),
    ("/a/100%.txt", "/a/100%.txt"),                          # shown as it is: only ids escape "%"
    ("/a/café.txt", "/a/café.txt"),
])
def test_readable_path(raw, shown):
    assert readable_path(raw) == shown
    assert str(corpus.Problem(raw, "why")) == f"{shown}: why"


def test_a_latin1_sidecar_names_a_latin1_file(tmp_path):
    root = os.fsencode(tmp_path)
    _write(root, b"metadata.csv", "file,publisher\ncaf\u00e9,Le Journal\n".encode("cp1252"))
    _write(root, b"caf\xe9.txt", STORY.encode())
    (art,) = corpus.iter_articles([str(tmp_path)])
    assert (art.id, art.outlet) == ("caf%E9.txt", "Le Journal")


_NAME_BYTES = st.binary(min_size=1, max_size=24).filter(lambda b: b"/" not in b and b"\0" not in b
                                                        and b not in (b".", b".."))


@settings(max_examples=300, deadline=None)
@given(_NAME_BYTES)
def test_any_name_gives_a_printable_reversible_id(name):
    """Property: an id is valid Unicode without control characters, and gives back the name's bytes."""
    pid = path_id(os.fsdecode(name))
    pid.encode("utf-8")
    assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in pid)
    assert path_bytes(pid) == name
    shown = readable_path(os.fsdecode(name))
    shown.encode("utf-8")
    if "%" not in pid:                                       # an ordinary name is shown and kept as it is
        assert pid == shown == name.decode("utf-8")


@settings(max_examples=200, deadline=None)
@given(_NAME_BYTES, _NAME_BYTES)
def test_two_names_never_share_an_id(a, b):
    if a != b:
        assert path_id(os.fsdecode(a)) != path_id(os.fsdecode(b))


def test_extract_carries_odd_names(tmp_path, runner):
    root = os.fsencode(tmp_path)
    for name, _ in IDS[4:]:
        _write(root, name, ("Title\n\n" + STORY).encode())
    res = runner.invoke(cli, ["extract", "--format", "jsonl", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output
    got = sorted(json.loads(x)["article"] for x in res.stdout.splitlines())
    assert got == sorted(e for _, e in IDS[4:])


# ---------------------------------------------------------------------------------------------
# Through the index and the web: needs indexer/index.py (the "file" key) to use SourceFile.key.

_FILE_KEY = ("index.file_key() returns os.path.abspath(src.path), which keeps the lone surrogates of a "
             "non-UTF-8 name: Whoosh's 'file' field and files.json cannot encode them. It should return "
             "src.key (the absolute path escaped by corpus.names.path_id).")


def _odd_corpus(tmp_path) -> str:
    """A corpus with a Latin-1 name, a newline name and a plain one."""
    root = os.path.join(os.fsencode(tmp_path), b"c")
    for name in (b"caf\xe9.txt", b"new\nline.txt", b"plain.txt"):
        _write(root, name, ("Title\n\n" + STORY).encode())
    return os.fsdecode(root)


def test_build_and_update_index_a_latin1_name(tmp_path):
    from indexer import ingest
    from indexer import search as S

    root, ix = _odd_corpus(tmp_path), str(tmp_path / "ix")
    report = ingest.build([root], ix)
    assert not report.skipped
    ids = {d.id for d in S.export(S.open_index(ix), "articles")}
    assert ids == {"caf%E9.txt", "new%0Aline.txt", "plain.txt"}
    assert S.article(S.open_index(ix), "caf%E9.txt").text.startswith("Title")
    _write(os.fsencode(root), b"\xe0 jour.txt", STORY.encode())
    up = ingest.update(ix)
    assert up.added == 1 and "%E0 jour.txt" in {d.id for d in S.export(S.open_index(ix), "articles")}


def test_the_build_command_with_a_latin1_name(tmp_path, runner):
    res = runner.invoke(cli, ["build", _odd_corpus(tmp_path), "--index", str(tmp_path / "ix")])
    assert res.exit_code == 0 and "Traceback" not in res.output, res.output
    assert "3 articles" in res.output


def test_build_over_a_root_with_a_latin1_name(tmp_path):
    from indexer import ingest

    root = os.path.join(os.fsencode(tmp_path), b"r\xe9pertoire")
    _write(root, b"a.txt", STORY.encode())
    report = ingest.build([os.fsdecode(root)], str(tmp_path / "ix"))
    assert report.articles == 1


def _app(ix: str):
    """The web app over the index at ix, in testing mode."""
    from webapp import create_app

    return create_app({"TESTING": True, "INDEX_DIR": ix})


def test_the_page_of_an_article_whose_name_holds_a_newline(tmp_path):
    # Before ids were escaped the id held the newline itself and this page was a 404 (see below).
    from flask import url_for

    from indexer import ingest

    root = os.path.join(os.fsencode(tmp_path), b"c")
    _write(root, b"new\nline.txt", ("Title\n\n" + STORY).encode())
    ix = str(tmp_path / "ix")
    ingest.build([os.fsdecode(root)], ix)
    app = _app(ix)
    with app.test_request_context():
        url = url_for("pages.article_page", aid="new%0Aline.txt")
    assert url == "/article/new%250Aline.txt"
    client = app.test_client()
    page = client.get(url)
    assert page.status_code == 200 and "harbour wall" in page.get_data(as_text=True)
    assert client.get(url + ".json").get_json()["id"] == "new%0Aline.txt"


def test_the_article_route_matches_an_id_with_a_newline(tmp_path):
    app = _app(str(tmp_path / "none"))
    endpoint, args = app.url_map.bind("localhost").match("/article/new\nline.txt")
    assert endpoint == "pages.article_page" and args == {"aid": "new\nline.txt"}


def test_the_page_of_an_article_with_a_latin1_name(tmp_path):
    from flask import url_for

    from indexer import ingest

    ix = str(tmp_path / "ix")
    ingest.build([_odd_corpus(tmp_path)], ix)
    app = _app(ix)
    with app.test_request_context():
        url = url_for("pages.article_page", aid="caf%E9.txt")
    page = app.test_client().get(url)
    assert page.status_code == 200 and "caf%E9.txt" in page.get_data(as_text=True)
