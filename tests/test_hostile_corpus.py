"""Hostile corpora: every file that can be read is indexed, every other is reported once with its reason.

All hostile files are generated here into tmp dirs. Tests run as root, so `chmod 000` does not
make a file unreadable: unreadable inputs are made other ways — a FIFO, a dangling symlink, a
symlink loop, a file whose read fails with EIO (a link to /proc/self/mem), a directory named
`x.txt` — and one test drops to uid `nobody` in a forked child so that chmod 000 really bites.
"""
from __future__ import annotations

import json
import os
import pathlib
import re
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer import corpus, extract, ingest
from indexer import search as S
from quote_index.cli import cli

SAID = "\"We will open the new bridge before the summer holidays begin,\" Anna Albers said.\n"


def _w(root: pathlib.Path, rel: str, data) -> None:
    """Write text (UTF-8) or bytes to root/rel; an int makes a sparse file of that many bytes."""
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, int):
        with open(p, "wb") as f:
            f.truncate(data)                # no disk used; reads as NUL bytes
    elif isinstance(data, bytes):
        p.write_bytes(data)
    else:
        p.write_text(data, encoding="utf-8")


# (file, what it holds, expected: "ok" = indexed, "warn:<reason>" = indexed with a warning,
#  "skip:<reason>" = not indexed, reported once with that reason)
HOSTILE = [
    ("empty.txt", b"", "skip:empty file"),
    ("blank.txt", b"  \n\t\n\n   ", "skip:empty file"),
    ("binary.txt", bytes(range(256)) * 20, "skip:binary file"),
    ("controls.txt", bytes(range(1, 9)) * 500, "skip:binary file"),
    ("cp1252.txt", "Caf\u00e9 owners met.\n\n".encode("cp1252") + b"\x93We stay open late,\x94 \xff owner Ana Lopes said.\n",
     "warn:not valid UTF-8"),
    ("utf16.txt", ("Harbour news\n\n" + SAID).encode("utf-16"), "ok"),
    ("bom_crlf.txt", b"\xef\xbb\xbf" + ("Title\r\n\r\n" + SAID).replace("\n", "\r\n").encode(), "ok"),
    ("marks.txt", "\"" * 100_000, "ok"),
    ("curly_marks.txt", "\u201c\u201d\u00ab\u00bb\u201e\u2018\u2019'" * 12_500, "ok"),
    ("unbalanced.txt", "\u201cOpen and never closed, she began.\n\n" * 300 + "\u201d\u201d\u201d" + SAID, "ok"),
    ("nested.txt", "\u201ca \u2018b \u201cc \u2018d \u00abe \u201ef " * 5_000 + "\n\n" + SAID, "ok"),
    ("zero_width.txt", ("\u200b\u200f\u202e\"We\u200d will \u2066rebuild\u2069 the harbour wall this year,\"\u202c "
                        "Ana\u200b Ferreira said.\u200e\n\n") * 50, "ok"),
    ("rtl.txt", "\u05d0\u05de\u05e8 \"\u05d6\u05d4 \u05d9\u05d5\u05dd \u05d8\u05d5\u05d1 \u05de\u05d0\u05d5\u05d3 "
                "\u05dc\u05e2\u05d9\u05e8,\" \u05d0\u05de\u05e8\u05d4 \u05e8\u05d0\u05e9 \u05d4\u05e2\u05d9\u05e8.\n", "ok"),
    ("long_line.txt", "word " * 200_000 + SAID, "ok"),
    ("newlines.txt", "\n" * 50_000 + SAID, "ok"),
    ("markup.txt", "<script>alert(1)</script>\n\n\"<b>Bold</b> claims &amp; <i>tags</i> stay text here,\" "
                   "Lena Haas said.\n", "ok"),
    ("wrong_types.json", json.dumps([{"text": 5}, {"text": ["a"]}, {"body": None}, "a string", 7,
                                     {"text": SAID, "title": {"x": 1}, "date": 2020, "outlet": True}]),
     "skip:field 'text' is a number"),
    ("not_json.json", "{\"text\": \"unterminated", "skip:invalid JSON"),
    ("deep.json", "[" * 100_000 + "]" * 100_000, "skip:nested too deeply"),
    ("scalar.json", "\"just a string\"", "skip:expected a JSON array"),
    ("empty_array.json", "[]", "skip:no records"),
    ("lines.jsonl", "\n".join([json.dumps({"text": SAID}), "not json at all", "[1, 2]",
                               "[" * 50_000, '{"text": "x", "title": ' + "9" * 5000 + "}", "",
                               json.dumps({"text": "\"Lone \ud800 surrogates must not stop the build,\" "
                                                   "Rosa Gallo said."})]), "warn:lone surrogate"),
    ("no_records.jsonl", "\n\n  \n", "skip:empty file"),
    ("bad_record.json", json.dumps([{"text": SAID}]).rstrip("]") + ",\n" + "[" * 50_000 + "]" * 50_000
     + ",\n" + '{"text": "x", "n": ' + "9" * 5000 + "},\n" + json.dumps({"text": SAID.replace("summer", "autumn")})
     + "]", "skip:nested too deeply"),
    ("huge.txt", 2**30, "skip:file is 1024 MB, over the limit of 64 MB"),      # sparse: never opened
    ("huge_feed.jsonl", 5 * 2**30, "skip:file is 5120 MB, over the limit of 64 MB"),
    # odd names: ids escape control characters and "%" (indexer/corpus/names.py)
    ("new\nline.txt", "Odd\n\n" + SAID, "ok"),
    ("tab\tname.txt", "Odd\n\n" + SAID, "ok"),
    ("100% sure.txt", "Odd\n\n" + SAID, "ok"),
    ("nel\u0085.txt", "Odd\n\n" + SAID, "ok"),
]
# Reasons for the records of wrong_types.json and lines.jsonl that are skipped (each once).
RECORD_REASONS = {
    "wrong_types.json": ["field 'text' is a number", "field 'text' is a list", "has no text field",
                         "record 4 is a string", "record 5 is a number"],
    "lines.jsonl": ["record 2 skipped", "record 3 is a list", "nested too deeply; record 4",
                    "digits", ],
    "bad_record.json": ["nested too deeply; record 2 skipped", "digits"],
}
INDEXED = {"cp1252.txt", "utf16.txt", "bom_crlf.txt", "marks.txt", "curly_marks.txt", "unbalanced.txt",
           "nested.txt", "zero_width.txt", "rtl.txt", "long_line.txt", "newlines.txt", "markup.txt",
           "wrong_types.json#6", "lines.jsonl#1", "lines.jsonl#6", "inside/dir.txt/article.txt",
           "dup/a/same.txt", "dup/b/same.txt", "meta/m.txt", "bad_record.json#1", "bad_record.json#4",
           "new%0Aline.txt", "tab%09name.txt", "100%25 sure.txt", "nel%C2%85.txt"}


def make_hostile_corpus(root: pathlib.Path) -> pathlib.Path:
    """Write every hostile input under root (plus links, a FIFO, a loop) and return root."""
    root.mkdir(parents=True, exist_ok=True)
    for name, data, _ in HOSTILE:
        _w(root, name, data)
    # a directory named like an article: walked as a directory, its article read
    _w(root, "inside/dir.txt/article.txt", "Inside\n\n" + SAID)
    os.mkfifo(root / "fifo.txt")                               # opening it would block forever
    os.symlink("missing-target.txt", root / "dangling.txt")
    os.symlink("self_loop.txt", root / "self_loop.txt")       # ELOOP
    (root / "loop").mkdir()
    os.symlink("..", root / "loop" / "up")                     # a directory loop
    os.symlink("/proc/self/mem", root / "eio.txt")             # stat says a file; read() fails (EIO)
    # the same article id twice: dup/a/same.txt and dup/b/same.txt, given as files directly
    _w(root, "dup/a/same.txt", "One\n\n" + SAID)
    _w(root, "dup/b/same.txt", "Two\n\n" + SAID.replace("summer", "winter"))
    # a metadata sidecar with a 200 kB field (over the csv module's limit) next to a good article
    _w(root, "meta/metadata.tsv", "filename\ttitle\nm.txt\t" + "x" * 200_000 + "\n")
    _w(root, "meta/m.txt", "Meta\n\n" + SAID)
    return root


SKIPPED_LINKS = {"fifo.txt": "not a regular file", "dangling.txt": "broken symlink",
                 "self_loop.txt": "symlink loop", "up": "symlink loop", "eio.txt": "cannot read"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile corpus, built once into an index: (corpus root, index dir, report)."""
    base = tmp_path_factory.mktemp("hostile")
    root = make_hostile_corpus(base / "corpus")
    ix = str(base / "index")
    # The directory, plus the two same-named files given directly (ids "same.txt" twice).
    report = ingest.build([str(root), str(root / "dup/a/same.txt"), str(root / "dup/b/same.txt")], ix)
    return root, ix, report


def _article_ids(ix: str) -> set[str]:
    """Ids of the articles in an index (through the search API's export)."""
    return {d.id for d in S.export(S.open_index(ix), "articles")}


def test_every_readable_article_is_indexed(hostile):
    root, ix, report = hostile
    ids = _article_ids(ix)
    assert INDEXED <= ids, INDEXED - ids
    # and nothing that should have been skipped slipped in
    skipped_files = {n for n, _, e in HOSTILE if e.startswith("skip") and not n.endswith((".json", ".jsonl"))}
    assert not skipped_files & ids
    assert ids == INDEXED | {"same.txt"}


@pytest.mark.parametrize("name,expected", [(n, e) for n, _, e in HOSTILE])
def test_each_hostile_file_ends_as_expected(hostile, name, expected):
    root, ix, report = hostile
    path = str(root / name)
    mine = [r for p, r in report.skipped if p == path]
    warned = [r for p, r in report.warnings if p == path]
    kind, _, reason = expected.partition(":")
    if kind == "ok":
        assert not mine and not warned
    elif kind == "warn":
        assert any(reason in r for r in warned), warned
    else:
        hits = [r for r in mine if reason in r]
        assert len(hits) == 1, mine                       # reported, and only once


@pytest.mark.parametrize("name", sorted(RECORD_REASONS))
def test_bad_records_are_each_reported_once(hostile, name):
    root, ix, report = hostile
    mine = [r for p, r in report.skipped if p == str(root / name)]
    for reason in RECORD_REASONS[name]:
        assert sum(reason in r for r in mine) == 1, (reason, mine)
    assert len(mine) == len(RECORD_REASONS[name])


@pytest.mark.parametrize("name,reason", sorted(SKIPPED_LINKS.items()))
def test_unreadable_entries_are_reported_once_with_the_reason(hostile, name, reason):
    root, ix, report = hostile
    mine = [(p, r) for p, r in report.skipped if os.path.basename(p) == name]
    assert len(mine) == 1 and reason in mine[0][1], mine


def test_a_duplicate_id_is_reported_and_the_first_kept(hostile):
    root, ix, report = hostile
    dups = [(p, r) for p, r in report.skipped if "duplicate article id" in r]
    assert len(dups) == 1 and dups[0][0].endswith("dup/b/same.txt")
    assert "summer" in S.article(S.open_index(ix), "same.txt").text


def test_a_broken_sidecar_is_a_warning_and_its_article_is_indexed(hostile):
    root, ix, report = hostile
    mine = [r for p, r in report.warnings if p == str(root / "meta/metadata.tsv")]
    assert len(mine) == 1 and "field larger than field limit" in mine[0], mine
    assert "meta/m.txt" in _article_ids(ix)


def test_no_problem_is_reported_twice(hostile):
    root, ix, report = hostile
    assert len(report.skipped) == len(set(report.skipped))
    assert len(report.warnings) == len(set(report.warnings))


def test_every_quote_span_lies_inside_its_article(hostile):
    root, ix, report = hostile
    i = S.open_index(ix)
    texts = {aid: S.article(i, aid).text for aid in _article_ids(ix)}
    n = 0
    for q in S.export(i, "quotes"):
        text = texts[q.article]
        pieces = [text[a:b] for a, b in q.spans]
        assert all(0 <= a < b <= len(text) for a, b in q.spans)
        assert q.text == " ".join(pieces)
        n += 1
    assert n >= 10                                 # the quotes of the readable files were found


def test_the_hostile_index_answers_searches(hostile):
    root, ix, report = hostile
    i = S.open_index(ix)
    assert S.search(i, "bridge summer").total >= 1
    assert S.search(i, "harbour wall", speaker="Ana Ferreira").total >= 1
    assert isinstance(S.search(i, "<script>alert(1)</script>").total, int)
    (hit,) = S.search(i, "bold claims tags").hits
    assert hit.text.startswith("<b>Bold</b> claims &amp; <i>tags</i>")    # raw: each surface escapes


def test_the_build_command_reports_and_succeeds(hostile, runner, tmp_path):
    root, _, _ = hostile
    r = runner.invoke(cli, ["build", str(root), "--index", str(tmp_path / "ix")])
    assert r.exit_code == 1, r.output       # the index is built; 1 says inputs were skipped
    assert (tmp_path / "ix" / "meta.json").exists()
    assert "Traceback" not in r.output
    assert re.search(r"skipped \d+ input\(s\)", r.output)
    assert "quote-index: skipped " + str(root / "fifo.txt") in r.output
    assert r.output.count(str(root / "deep.json")) == 1


def test_the_extract_command_reports_and_goes_on(hostile, runner):
    root, _, _ = hostile
    r = runner.invoke(cli, ["extract", "--format", "jsonl", str(root)])
    assert r.exit_code == 1                        # something was skipped
    assert "Traceback" not in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)
    lines = [json.loads(x) for x in r.stdout.splitlines() if x.startswith("{")]
    assert any(q["article"] == "utf16.txt" for q in lines)
    assert "binary file" in r.stderr and "empty file" in r.stderr


def _latin1_hostile(tmp_path) -> pathlib.Path:
    """The hostile corpus plus files whose names are not UTF-8 (Latin-1 e-acute, a lone 0xFF)."""
    root = make_hostile_corpus(tmp_path / "c")
    for name in (b"caf\xe9.txt", b"\xff.json"):
        data = ("Odd\n\n" + SAID).encode() if name.endswith(b".txt") else json.dumps([{"text": SAID}]).encode()
        with open(os.path.join(os.fsencode(root), name), "wb") as f:
            f.write(data)
    return root


def test_extract_reads_files_whose_names_are_not_utf8(tmp_path, runner):
    r = runner.invoke(cli, ["extract", "--format", "jsonl", str(_latin1_hostile(tmp_path))])
    assert r.exit_code == 1 and "Traceback" not in r.output        # 1: the other hostile files
    assert r.exception is None or isinstance(r.exception, SystemExit)
    ids = {json.loads(x)["article"] for x in r.stdout.splitlines()}
    assert {"caf%E9.txt", "%FF.json#1", "new%0Aline.txt"} <= ids


def test_build_indexes_files_whose_names_are_not_utf8(tmp_path):
    ix = str(tmp_path / "ix")
    ingest.build([str(_latin1_hostile(tmp_path))], ix)
    assert {"caf%E9.txt", "%FF.json#1"} <= _article_ids(ix)


def test_update_over_hostile_changes_equals_a_fresh_build(tmp_path):
    root = tmp_path / "c"
    _w(root, "plain.txt", "Plain\n\n" + SAID)
    ix = str(tmp_path / "ix")
    ingest.build([str(root)], ix)
    make_hostile_corpus(root)
    (root / "plain.txt").write_bytes(b"\0\0\0")     # a good file turns binary
    up = ingest.update(ix)
    fresh = str(tmp_path / "fresh")
    ingest.build([str(root)], fresh)
    assert _article_ids(ix) == _article_ids(fresh)
    assert "plain.txt" not in _article_ids(ix)
    assert sorted(up.skipped) == sorted(ingest.build([str(root)], fresh).skipped)


def test_a_50_megabyte_article_is_read_and_its_quote_found(tmp_path, runner):
    # Cheap text (a few words repeated) so that CI pays for size, not for prose; the full index
    # build of a 50 MB article and its memory are measured in bench/bench_linear.py.
    body = ("the council met again and the plan for the harbour wall was read out. " * 14)[:-1] + "\n"
    big = tmp_path / "big.txt"
    with open(big, "w", encoding="utf-8") as f:
        f.write("A very long article\n\n")
        for _ in range(50_000_000 // len(body) + 1):
            f.write(body)
        f.write(SAID)
    assert big.stat().st_size >= 50_000_000
    r = runner.invoke(cli, ["extract", "--format", "jsonl", str(big)])
    assert r.exit_code == 0, r.stderr
    (q,) = [json.loads(x) for x in r.stdout.splitlines()]
    assert q["speaker"] == "Anna Albers" and q["text"].startswith("We will open the new bridge")


def test_unreadable_for_a_normal_user_with_chmod_000(tmp_path):
    # Root reads anything, so the reading runs in a forked child that drops to uid nobody.
    if os.geteuid() != 0:
        pytest.skip("needs root to switch to nobody")
    d = pathlib.Path(tempfile.mkdtemp(prefix="qi-perm-"))
    try:
        d.chmod(0o755)
        _w(d, "open.txt", "Open\n\n" + SAID)
        _w(d, "closed.txt", "Closed\n\n" + SAID)
        (d / "closed.txt").chmod(0o000)
        (d / "shut").mkdir(mode=0o000)
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:                                          # child: no pytest machinery here
            try:
                os.close(r)
                os.setgid(65534)
                os.setuid(65534)
                problems = []
                ids = [a.id for a in corpus.iter_articles([str(d)], on_problem=problems.append)]
                os.write(w, json.dumps({"ids": ids, "problems": [str(p) for p in problems]}).encode())
            finally:
                os._exit(0)
        os.close(w)
        with os.fdopen(r) as f:
            got = json.loads(f.read() or "{}")
        os.waitpid(pid, 0)
        assert got["ids"] == ["open.txt"]
        assert sorted(got["problems"]) == sorted([f"{d / 'closed.txt'}: cannot read: permission denied",
                                                  f"{d / 'shut'}: cannot read: permission denied"])
    finally:
        (d / "shut").chmod(0o755)
        for p in d.iterdir():
            p.chmod(0o644) if p.is_file() else None
        import shutil
        shutil.rmtree(d, ignore_errors=True)


# Property: extraction never raises and every span points at its quoted words, whatever the text.
_ALPHABET = st.sampled_from(list("ab A.,:;!?\n\n\t-—\"'“”‘’«»„") + ["\u200b", "\u202e", "\u05d0", "said", "he",
                                                                  "Anna Albers", " told ", "according to "])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=200).map("".join))
def test_extraction_never_raises_and_spans_are_inside(text):
    for q in extract.direct_quotations(text, "x"):
        assert q.spans and all(0 <= a < b <= len(text) for a, b in q.spans)
        assert q.text == " ".join(text[a:b] for a, b in q.spans)
        if q.speaker_mention:
            m = q.speaker_mention
            assert text[m.start:m.end] == m.text


# Linear time without a clock: count the lines of indexer code executed (deterministic) on each
# pathological text at n and 4n characters. Linear work grows ~4x, quadratic work ~16x. Wall-clock
# figures at 1x/10x/100x are in bench/bench_linear.py, which generates the same texts.
def _bench_linear():
    """bench/bench_linear.py as a module (its text generators are shared with this test)."""
    import importlib.util

    path = pathlib.Path(__file__).resolve().parent.parent / "bench" / "bench_linear.py"
    spec = importlib.util.spec_from_file_location("bench_linear", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


CASES = _bench_linear().CASES


def _lines_executed(text: str) -> int:
    """Lines of indexer/ code run while reading and extracting text (sys.settrace line events)."""
    import sys

    pkg = os.path.dirname(os.path.dirname(ingest.__file__))   # indexer/
    n = 0

    def local(frame, event, arg):
        nonlocal n
        if event == "line":
            n += 1
        return local

    def calls(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(pkg) else None

    old = sys.gettrace()
    sys.settrace(calls)
    try:
        extract.extract_quotes(corpus.build_article("x.txt", "x.txt", text, {}, "h"))
    finally:
        sys.settrace(old)
    return n


@pytest.mark.parametrize("case", sorted(CASES))
def test_extraction_work_grows_linearly(case):
    small, big = _lines_executed(CASES[case](10_000)), _lines_executed(CASES[case](40_000))
    assert big <= 6 * max(small, 50), (case, small, big)
