"""Any size: the size cap, binary files told from their first bytes, JSON arrays with bad records.

Big files are sparse (`truncate`): they cost no disk and read as NUL bytes. Memory is measured with
tracemalloc (Python allocations, deterministic), not wall-clock or RSS.
"""
from __future__ import annotations

import json
import os
import sys
import tracemalloc

import pytest
from hypothesis import given, settings, strategies as st

from indexer import corpus
from quote_index.cli import cli
from indexer.corpus import jsonarray
from indexer.corpus.decode import SNIFF_BYTES

STORY = '"We will open the new ferry line before the spring," Marta Olsen said.\n'
GB = 2**30
MB = 2**20


def read(paths, problems=None, **kw):
    """The articles under paths as a list, problems collected into the given list."""
    sink = problems.append if problems is not None else None
    return list(corpus.iter_articles([str(p) for p in paths], sink, **kw))


def sparse(path, size: int):
    """A file of size bytes that holds nothing on disk (reads as NUL bytes)."""
    with open(path, "wb") as f:
        f.truncate(size)
    return path


def peak_bytes(fn):
    """(fn(), peak bytes Python allocated while it ran)."""
    tracemalloc.start()
    try:
        out = fn()
        return out, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


# ---------------------------------------------------------------------------------------------
# The size cap

# (file size, cap, read?) : at the cap is read, one byte over is not; None reads any size.
CAPS = [(100, 100, True), (101, 100, False), (10, 0, False), (5000, None, True), (1, 1, True)]


@pytest.mark.parametrize("size, cap, kept", CAPS)
def test_the_size_cap(tmp_path, size, cap, kept):
    (tmp_path / "a.txt").write_bytes((STORY * (size // len(STORY) + 1)).encode()[:size])
    problems = []
    arts = read([tmp_path], problems, max_bytes=cap)
    assert bool(arts) == kept
    if not kept:
        (p,) = problems
        assert p.path == str(tmp_path / "a.txt") and "over the limit" in p.reason and not p.warning


@pytest.mark.parametrize("size, cap, message", [
    (GB, corpus.MAX_FILE_BYTES, "file is 1024 MB, over the limit of 64 MB; skipped"),
    (4 * GB, corpus.MAX_FILE_BYTES, "file is 4096 MB, over the limit of 64 MB; skipped"),
    (3 * MB // 2, MB, "file is 1.5 MB, over the limit of 1 MB; skipped"),
    (MB + 1, MB, "file is 1048577 bytes, over the limit of 1048576 bytes; skipped"),
])
def test_over_the_cap_is_reported_once_and_never_opened(tmp_path, monkeypatch, size, cap, message):
    sparse(tmp_path / "huge.txt", size)
    (tmp_path / "ok.txt").write_text(STORY)
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda p, *a, **k: opened.append(str(p)) or real_open(p, *a, **k))
    problems = []
    arts = read([tmp_path], problems, max_bytes=cap)
    assert [a.id for a in arts] == ["ok.txt"]
    assert [str(p) for p in problems] == [f"{tmp_path / 'huge.txt'}: {message}"]
    assert str(tmp_path / "huge.txt") not in opened


def test_the_default_cap_is_64_megabytes():
    assert corpus.MAX_FILE_BYTES == 64 * MB


def test_a_file_given_directly_is_capped_too(tmp_path):
    sparse(tmp_path / "big.json", 2 * MB)
    problems = []
    assert read([tmp_path / "big.json"], problems, max_bytes=MB) == []
    assert len(problems) == 1 and "over the limit of 1 MB" in problems[0].reason


def test_bytes_handed_over_are_capped(tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    (src,) = corpus.discover([str(tmp_path)])
    problems = []
    assert list(corpus.read_source(src, problems.append, data=STORY.encode() * 100, max_bytes=1000)) == []
    assert "over the limit" in problems[0].reason


def test_a_sidecar_over_the_cap_is_a_warning(tmp_path):
    (tmp_path / "metadata.tsv").write_text("filename\tpublisher\na\tHerald\n" + "x\ty\n" * 200)
    (tmp_path / "a.txt").write_text(STORY)
    problems = []
    (art,) = read([tmp_path], problems, max_bytes=500)
    assert art.outlet is None
    (p,) = problems
    assert p.warning and p.path.endswith("metadata.tsv") and "over the limit" in p.reason
    assert p.reason.endswith("sidecar ignored")


def test_a_file_that_grew_past_the_cap_after_discover(tmp_path):
    # discover saw 100 bytes; by the time it is read it is over the cap: read_source still stops.
    p = tmp_path / "a.txt"
    p.write_bytes(b"x" * 100)
    (src,) = corpus.discover([str(tmp_path)], max_bytes=200)
    p.write_bytes((STORY * 300).encode()[:SNIFF_BYTES + 300])
    problems = []
    assert list(corpus.read_source(src, problems.append, max_bytes=SNIFF_BYTES + 200)) == []
    assert "over the limit" in problems[0].reason


def _build_peaks(tmp_path, big: str, size: int):
    """(report, peak bytes) of building a one-article corpus plus the sparse file big, and the peak
    of the same build without it (after a first build, so that imports and models are loaded)."""
    from indexer import ingest

    c = tmp_path / "c"
    c.mkdir()
    (c / "ok.txt").write_text("Title\n\n" + STORY)
    ingest.build([str(c)], str(tmp_path / "warm"))
    _, plain = peak_bytes(lambda: ingest.build([str(c)], str(tmp_path / "plain")))
    sparse(c / big, size)
    report, peak = peak_bytes(lambda: ingest.build([str(c)], str(tmp_path / "ix")))
    return report, peak, plain


def test_build_skips_a_sparse_huge_file_and_indexes_the_rest(tmp_path):
    report, peak, plain = _build_peaks(tmp_path, "huge.txt", GB)
    assert report.articles == 1
    assert report.skipped == ((str(tmp_path / "c" / "huge.txt"), "file is 1024 MB, over the limit of 64 MB; skipped"),)
    assert peak < plain + 2 * MB


def test_extract_skips_a_sparse_huge_file(tmp_path, runner):
    sparse(tmp_path / "huge.jsonl", 4 * GB)
    (tmp_path / "ok.txt").write_text("Title\n\n" + STORY)
    res = runner.invoke(cli, ["extract", "--format", "jsonl", str(tmp_path)])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert res.stderr.count("huge.jsonl: file is 4096 MB, over the limit of 64 MB; skipped") == 1
    assert [json.loads(x)["article"] for x in res.stdout.splitlines()] == ["ok.txt"]


# ---------------------------------------------------------------------------------------------
# Sniffing: binary told from the first bytes


def test_a_1_gb_binary_file_costs_its_first_bytes(tmp_path):
    sparse(tmp_path / "blob.txt", GB)
    problems = []
    arts, peak = peak_bytes(lambda: read([tmp_path], problems, max_bytes=None))
    assert arts == [] and [p.reason for p in problems] == ["binary file (NUL byte at offset 0), not text; skipped"]
    assert peak < 2 * MB                                     # today's cost was the whole gigabyte


def test_build_judges_a_binary_file_by_its_first_bytes(tmp_path):
    report, peak, plain = _build_peaks(tmp_path, "blob.txt", 40 * MB)
    assert report.articles == 1 and "binary file" in report.skipped[0][1]
    assert peak < plain + 2 * MB


def _controls(n: int) -> bytes:
    """n bytes of C0 control characters (not white space)."""
    return bytes([1, 2, 3, 4, 5, 6, 7, 8]) * (n // 8)


# (file name, bytes, expected): "ok", or the reason it is skipped (and, for JSON, its line).
SNIFF = [
    ("nul.txt", b"\0" + STORY.encode(), "binary file (NUL byte at offset 0)"),
    ("late_nul.txt", b"x" * (SNIFF_BYTES + 10) + b"\0", f"binary file (NUL byte at offset {SNIFF_BYTES + 10})"),
    ("controls.txt", _controls(400) + STORY.encode(), "binary file (control characters)"),
    ("some_controls.txt", b"\x01\x02" + STORY.encode() * 3, "ok"),    # a few are tolerated
    ("utf16.txt", ("Title\n\n" + STORY).encode("utf-16"), "ok"),     # NULs after a UTF-16 BOM: text
    ("bom.txt", b"\xef\xbb\xbf" + STORY.encode(), "ok"),
    ("words.json", b"Dear editor, " + STORY.encode(), "expected a JSON array of records (or one record object); file skipped"),
    ("late_words.json", b" " * (SNIFF_BYTES + 5) + b"Dear editor", "expected a JSON array"),  # past the head
    ("bom_array.json", b"\xef\xbb\xbf [" + json.dumps({"text": STORY}).encode() + b"]", "ok"),
    ("object.json", json.dumps({"text": STORY}).encode(), "ok"),
    ("list_line.jsonl", b"[1]\n" + json.dumps({"text": STORY}).encode(), "record 1 is a list"),
    ("json_like.txt", b'{"text": "not read as a record"}', "ok"),    # a .txt is text, whatever it holds
]


@pytest.mark.parametrize("name, data, expected", SNIFF)
def test_sniffing(tmp_path, name, data, expected):
    (tmp_path / name).write_bytes(data)
    problems = []
    arts = read([tmp_path], problems)
    if expected == "ok":
        assert len(arts) == 1 and not [p for p in problems if not p.warning]
    else:
        assert any(expected in p.reason for p in problems), problems
        assert len(problems) == 1 or name.endswith(".jsonl")


def test_a_binary_file_is_judged_before_it_is_read_whole(tmp_path):
    """The sniff needs at most SNIFF_BYTES: the rest of a binary file is never read."""
    sparse(tmp_path / "blob.json", 30 * MB)
    (src,) = corpus.discover([str(tmp_path)])
    problems = []
    out, peak = peak_bytes(lambda: list(corpus.read_source(src, problems.append)))
    assert out == [] and "NUL byte at offset 0" in problems[0].reason
    assert peak < 2 * MB


# ---------------------------------------------------------------------------------------------
# A JSON array with bad records keeps its good ones

GOOD = json.dumps({"text": STORY})
DEEP = "[" * 5000 + "]" * 5000

# (array text, ids kept, [(line, words in the reason)])
ARRAYS = [
    ("[" + GOOD + ",\n" + DEEP + ",\n" + GOOD + "]", ["#1", "#3"], [(2, "nested too deeply; record 2 skipped")]),
    ("[\n" + GOOD + ",\n{\"text\": oops},\n" + GOOD + "\n]", ["#1", "#3"],
     [(3, "Expecting value (column 10); record 2 skipped")]),
    ("[" + GOOD + ", {\"n\": " + "9" * 5000 + "}, " + GOOD + "]", ["#1", "#3"], [(1, "4300 digits")]),
    ("[{\"x\": bad}, " + GOOD + ", [1, }, " + GOOD + "]", ["#2", "#4"],
     [(1, "record 1 skipped"), (1, "record 3 skipped")]),
    ("[" + GOOD + ", {\"text\": \"a ] } , [ {\", \"b\": nope}, " + GOOD + "]", ["#1", "#3"],
     [(1, "record 2 skipped")]),                                   # brackets inside strings are text
    ("[" + GOOD + ",]", ["#1"], [(1, "Expecting value")]),         # a trailing comma
    ("[" + GOOD + "] trailing words", ["#1"], [(1, "extra data after the top-level value")]),
    # the array itself broken: what came before is kept, the rest reported lost
    ("[" + GOOD + ", {\"text\": \"never closed}, " + GOOD + "]", ["#1"], [(1, "the rest of the file skipped (from record 2)")]),
    ("[" + GOOD + ",\n {\"text\": \"never closed},\n " + GOOD + ",\n " + GOOD + "]", ["#1"],
     [(2, "the rest of the file skipped (from record 2)")]),
    ("[{\"x\": oops}, {\"text\": \"a }, { b\", \"title\": \"T\"}, " + GOOD + "]", ["#2", "#3"],
     [(1, "record 1 skipped")]),                                   # "}, {" in a good record's string
    ("[" + GOOD + " " + GOOD + "]", ["#1"], [(1, "expected ',' or ']' after a record")]),
    ("[" + GOOD + ", " + GOOD, ["#1", "#2"], [(1, "the rest of the file skipped (from record 3)")]),
    # negatives: nothing wrong, nothing reported
    ("[" + GOOD + ", " + GOOD + "]", ["#1", "#2"], []),
    ("\n\n" + GOOD + "\n", ["#1"], []),
    ("[" + GOOD + ", \"a string\"]", ["#1"], [(1, "record 2 is a string")]),   # valid JSON, not a record
]


@pytest.mark.parametrize("text, kept, reported", ARRAYS)
def test_bad_records_in_an_array_are_skipped_alone(tmp_path, text, kept, reported):
    (tmp_path / "feed.json").write_text(text)
    problems = []
    arts = read([tmp_path], problems)
    assert [a.id for a in arts] == [f"feed.json{k}" for k in kept]
    assert [p.line for p in problems] == [line for line, _ in reported]
    for p, (_, words) in zip(problems, reported):
        assert words in p.reason and p.path == str(tmp_path / "feed.json"), p


def test_a_file_of_one_broken_record_is_skipped_as_before(tmp_path):
    (tmp_path / "one.json").write_text('[{"text": "never closed]')
    problems = []
    assert read([tmp_path], problems) == []
    assert [str(p) for p in problems] == [f"{tmp_path / 'one.json'}:1: invalid JSON: Unterminated string "
                                          "starting at (column 11); file skipped"]


_BAD = st.sampled_from(['{"text": oops}', DEEP, '{"n": ' + "7" * 4400 + "}", '{"text": "x" "y"}', "nul"])
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
    lambda t: t.lstrip("\ufeff").strip())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(_TEXT, _BAD.map(lambda b: ("bad", b))), max_size=12))
def test_good_records_survive_any_bad_neighbours(tmp_path_factory, items):
    """Property: each good record is read as #N of its place; each bad one is reported once, with a line."""
    d = tmp_path_factory.mktemp("arr")
    parts = [b if isinstance(b, tuple) else json.dumps({"text": b}) for b in items]
    parts = [p[1] if isinstance(p, tuple) else p for p in parts]
    (d / "f.json").write_text("[\n" + ",\n".join(parts) + "\n]")
    problems = []
    arts = read([d], problems)
    if not items:
        assert arts == [] and [p.reason for p in problems] == ["no records (empty JSON array); skipped"]
        return
    want = [f"f.json#{n}" for n, it in enumerate(items, 1) if not isinstance(it, tuple)]
    assert [a.id for a in arts] == want
    bad = [n for n, it in enumerate(items, 1) if isinstance(it, tuple)]
    assert [p.line for p in problems] == [n + 1 for n in bad]          # record N sits on line N + 1
    assert all(f"record {n} skipped" in p.reason for p, n in zip(problems, bad))


def _decode_error_positions(monkeypatch) -> list[int]:
    """Record the position of every JSONDecodeError made: each costs a count of lines up to it."""
    seen = []
    real = json.JSONDecodeError.__init__

    def init(self, msg, doc, pos):
        seen.append(pos)
        real(self, msg, doc, pos)

    monkeypatch.setattr(json.JSONDecodeError, "__init__", init)
    return seen


@pytest.mark.parametrize("n", [500, 2000])
def test_many_bad_records_cost_linear_work(tmp_path, monkeypatch, n):
    """After a first error each record is cut out, so later errors do not count lines from the start."""
    parts = [GOOD if i % 2 else '{"text": oops}' for i in range(n)]
    text = "[\n" + ",\n".join(parts) + "\n]"
    seen = _decode_error_positions(monkeypatch)
    problems = []
    recs = list(jsonarray.array_records(text, "f.json", problems.append))
    assert len(recs) == n // 2 and len(problems) == n // 2
    assert sum(seen) <= 2 * len(text)           # quadratic would be ~ n/4 times the text


def _lines_run(text: str) -> int:
    """Lines of indexer/corpus code run while reading a JSON array (sys.settrace line events)."""
    pkg = os.path.dirname(jsonarray.__file__)
    n = 0

    def local(frame, event, arg):
        nonlocal n
        n += event == "line"
        return local

    old = sys.gettrace()
    sys.settrace(lambda f, e, a: local if f.f_code.co_filename.startswith(pkg) else None)
    try:
        list(jsonarray.array_records(text, "f.json", lambda p: None))
    finally:
        sys.settrace(old)
    return n


def test_bad_records_work_grows_linearly():
    def text(n):
        return "[" + ",".join(GOOD if i % 3 else DEEP[:200] + "x" + DEEP[-200:] for i in range(n)) + "]"
    small, big = _lines_run(text(300)), _lines_run(text(1200))
    assert big <= 6 * small, (small, big)
