"""Reading a corpus into Articles: formats, sidecars, text heuristics, bad input through the CLI."""
from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings, strategies as st

from indexer import corpus
from quote_index.cli import cli
from indexer.records import Quote

from conftest import CORPUS

SEED0 = "000_919c8712d2da58b1.txt"
SEED1 = "001_f5d1a6933423ae3c.txt"

# Sentences written for these tests (no corpus text).
STORY = ('The harbour reopened on Tuesday after a week of storms.\n\n'
         '"We are glad to be back at work," said Maria Lopez, a ferry captain.\n')


def read(paths, problems=None):
    """The articles under paths as a list, problems collected into the given list."""
    sink = problems.append if problems is not None else None
    return list(corpus.iter_articles([str(p) for p in paths], sink))


def write(path, data):
    """Write bytes or text (UTF-8) to path, creating its directory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------------------------------------
# The seed articles


def test_seed_articles_metadata():
    arts = {a.id: a for a in read([CORPUS])}
    assert sorted(arts) == [SEED0, SEED1]
    a0, a1 = arts[SEED0], arts[SEED1]
    # 000 is signed -AFP and opens "MILAN:"; no date anywhere.
    assert (a0.outlet, a0.wire, a0.dateline, a0.date) == ("AFP", "AFP", "MILAN", None)
    # 001 names no outlet ("(Reuters Photo)" is a photo credit) and opens with its date line.
    assert (a1.outlet, a1.wire, a1.dateline, a1.date) == (None, None, None, "2022-03-14")
    assert a0.title is None and a1.title is None      # both open straight with the lead
    assert a0.path == os.path.join(str(CORPUS), SEED0)


def test_seed_text_is_the_file_text():
    """The date line stays in the text: offsets point into the file as written."""
    for name in (SEED0, SEED1):
        (art,) = read([CORPUS / name])
        assert art.id == name
        assert art.text == (CORPUS / name).read_text(encoding="utf-8")
    (a1,) = read([CORPUS / SEED1])
    assert a1.text.lstrip().startswith("date 2022-03-14 ")
    assert "(Reuters Photo)" in a1.text


def test_seed_gold_article_lines_agree():
    gold = CORPUS.parent.parent / "shared" / "gold" / "seeds.jsonl"
    if not gold.exists():
        pytest.skip("no shared gold here")
    arts = {a.id: a for a in read([CORPUS])}
    for line in gold.read_text().splitlines():
        g = json.loads(line)
        if g.get("kind") == "article":
            a = arts[g["article"]]
            assert (a.outlet, a.date, a.dateline) == (g["outlet"], g["date"], g["dateline"])


# ---------------------------------------------------------------------------------------------
# Text heuristics, as tables (sentences written for the tests)

FACTS = [
    # text -> (title, date, dateline, wire)
    ("WASHINGTON (AP) \u2014 The committee met late.\n\nIt adjourned.", (None, None, "WASHINGTON", "AP")),
    ("LONDON (Reuters) - Bond yields fell.\n\nTraders waited.", (None, None, "LONDON", "Reuters")),
    ("NEW YORK, March 3 (Reuters) - Shares rose.", (None, None, "NEW YORK", "Reuters")),
    ("SALVADOR, Feb 26 - Rain fell on the coast.", (None, None, "SALVADOR", None)),
    ("COLUMBIA, S.C. (AP) \u2014 Voters lined up.", (None, None, "COLUMBIA", "AP")),
    ("BOSTON \u2014Workers cheered.", (None, None, "BOSTON", None)),
    ("ROME: The minister resigned.\n\nHe left quietly.-AFP", (None, None, "ROME", "AFP")),
    ("The vote was close.\n\nThe count ended at dawn. -AFP", ("The vote was close.", None, None, "AFP")),
    ("The mill closed.\n\nWorkers went home (Reuters)", ("The mill closed.", None, None, "Reuters")),
    ("Output rose two pct.\n Reuter\n&#3;", (None, None, None, "Reuters")),
    ("Output rose two pct.\n REUTER...\n&#3;", (None, None, None, "Reuters")),
    ("Output rose two pct. REUTER\n&#3;", (None, None, None, "Reuters")),
    ("date 2022-03-14 The team drew at home.\n\nFans sang.", (None, "2022-03-14", None, None)),
    (" date 2021-11-02 A lead sentence.\n\nMore.", (None, "2021-11-02", None, None)),
    ("Date: March 14, 2022\n\nOSLO - Snow fell.\n\nRoads shut.", (None, "2022-03-14", "OSLO", None)),
    ("Harbour reopens\n\nBERLIN: Boats sailed.\n\nEnd.", ("Harbour reopens", None, "BERLIN", None)),
    # negatives: no dateline, no wire, no date
    ("U.S.-China talks resumed.\n\nNo deal yet.", ("U.S.-China talks resumed.", None, None, None)),
    ("EXCLUSIVE \u2014 A leaked memo.\n\nIt says little.", (None, None, None, None)),
    ("A caption line.\n\nPlayers posed (Reuters Photo) after the game.", ("A caption line.", None, None, None)),
    ("He gave an interview to the AP", (None, None, None, None)),
    ("She said it was a date to remember.", (None, None, None, None)),
    ("A single line with no blank line after it", (None, None, None, None)),
    ("Mayor quits\nsecond line\n\nbody", (None, None, None, None)),
]


@pytest.mark.parametrize("text, expected", FACTS)
def test_text_facts(text, expected):
    f = corpus.text_facts(text)
    assert (f["title"], f["date"], f["dateline"], f["wire"]) == expected


DATES = [
    ("2022-03-14", "2022-03-14"), ("2022-03-14T10:05:00Z", "2022-03-14"), ("26-FEB-1987 15:01:01.79", "1987-02-26"),
    ("March 14, 2022", "2022-03-14"), ("14 March 2022", "2022-03-14"), ("Sept. 5, 2016", "2016-09-05"),
    ("2016/09/12", "2016-09-12"),
    ("Feb 26", None), ("2022-13-01", None), ("2022-02-30", None), ("yesterday", None), ("", None),
    ("Mayday 5 2020", None), (None, None), (20220314, None),
]


@pytest.mark.parametrize("raw, iso", DATES)
def test_normalize_date(raw, iso):
    assert corpus.normalize_date(raw) == iso


# ---------------------------------------------------------------------------------------------
# Formats


def test_txt_bom_and_crlf(tmp_path):
    write(tmp_path / "a.txt", b"\xef\xbb\xbf" + STORY.replace("\n", "\r\n").encode())
    (a,) = read([tmp_path])
    assert a.text == STORY                     # BOM gone, CRLF -> LF, nothing else touched
    assert a.id == "a.txt"


def test_txt_utf16_with_bom(tmp_path):
    write(tmp_path / "w.txt", STORY.replace("\n", "\r\n").encode("utf-16"))
    (a,) = read([tmp_path])
    assert a.text == STORY


def test_txt_cp1252_is_decoded_with_a_warning(tmp_path, runner, stub_quotes):
    write(tmp_path / "latin.txt", "Caf\u00e9 owners said \u201cnever again\u201d.\n\nMore.".encode("cp1252"))
    problems = []
    (a,) = read([tmp_path], problems)
    assert "Caf\u00e9" in a.text and "\u201cnever again\u201d" in a.text
    assert len(problems) == 1 and problems[0].warning and "latin.txt" in str(problems[0])
    res = runner.invoke(cli, ["extract", str(tmp_path)])
    assert res.exit_code == 0                   # a warning is not a skip
    assert "latin.txt" in res.stderr and "cp1252" in res.stderr


def test_json_array(tmp_path):
    recs = [{"headline": "Storm passes", "body": STORY, "publisher": "Harbour Herald",
             "publication_date": "2023-01-05", "url": "https://example.org/1", "author": "Ann Lee"},
            {"title": "Second", "content": "Short text.\n", "source": "Daily Bugle", "date": "5 January 2023"}]
    write(tmp_path / "sub" / "batch.json", json.dumps(recs, indent=2))
    a, b = read([tmp_path])
    assert (a.id, b.id) == ("sub/batch.json#1", "sub/batch.json#2")
    assert (a.title, a.outlet, a.date, a.url, a.author) == (
        "Storm passes", "Harbour Herald", "2023-01-05", "https://example.org/1", "Ann Lee")
    assert a.text == STORY
    assert (b.title, b.outlet, b.date) == ("Second", "Daily Bugle", "2023-01-05")
    assert a.hash and a.hash != b.hash


def test_jsonl(tmp_path):
    lines = [json.dumps({"text": "First story.", "outlet": "A"}), "",
             json.dumps({"text": "Second story.", "site": "B", "published": "2020-02-02"})]
    write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    a, b = read([tmp_path / "feed.jsonl"])
    assert (a.id, a.outlet) == ("feed.jsonl#1", "A")
    assert (b.id, b.outlet, b.date) == ("feed.jsonl#2", "B", "2020-02-02")   # N counts records


def test_reuters_like_record(tmp_path):
    rec = {"title": "GRAIN TALKS", "body": "Talks went on.\n Reuter\n&#3;", "date": "02-MAR-1987 10:00:00.00",
           "dateline": "CHICAGO, March 2 -"}
    write(tmp_path / "r.json", json.dumps([rec]))
    (a,) = read([tmp_path])
    assert (a.title, a.date, a.dateline, a.outlet, a.wire) == ("GRAIN TALKS", "1987-03-02", "CHICAGO", "Reuters", "Reuters")
    assert a.text == rec["body"]                # the signature stays in the text


@pytest.mark.parametrize("name, sep", [("metadata.tsv", "\t"), ("metadata.csv", ",")])
def test_sidecar_in_an_ancestor(tmp_path, name, sep):
    rows = [["filename", "publisher", "publication_date", "author", "title", "wire"],
            ["harbour_story", "harbour-herald", "2016-09-12", "Ann Lee", "Harbour reopens", "AP"],
            ["other", "none-such", "NA", "None", "", "None"]]
    write(tmp_path / name, "\n".join(sep.join(r) for r in rows) + "\n")
    write(tmp_path / "dev" / "text" / "harbour_story.txt", "Harbour back\n\n" + STORY)
    write(tmp_path / "dev" / "text" / "other.txt", STORY)
    a, b = read([tmp_path])
    assert a.id == "dev/text/harbour_story.txt"
    assert (a.outlet, a.date, a.author, a.title, a.wire) == ("harbour-herald", "2016-09-12", "Ann Lee",
                                                             "Harbour reopens", "AP")
    # "NA", "None" and "" mean unknown, not a value; the title then comes from the text's first line.
    assert (b.outlet, b.date, b.author, b.wire) == ("none-such", None, None, None)
    assert b.title == STORY.split("\n")[0]


def test_sidecar_change_changes_the_hash(tmp_path):
    write(tmp_path / "metadata.csv", "file,publisher\nx,One\n")
    write(tmp_path / "x.txt", STORY)
    (before,) = read([tmp_path])
    write(tmp_path / "metadata.csv", "file,publisher\nx,Two\n")
    (after,) = read([tmp_path])
    assert before.outlet == "One" and after.outlet == "Two" and before.hash != after.hash


def test_nested_dirs_order_and_ignored_files(tmp_path):
    for rel in ["b/z.txt", "a/y/x.txt", "a/b.txt", "c.TXT", "notes.md", "img.png", ".hidden/h.txt",
                "README.txt", "metadata.tsv"]:
        write(tmp_path / rel, "filename\tpublisher\n" if rel.endswith("tsv") else STORY)
    ids = [a.id for a in read([tmp_path])]
    assert ids == ["a/b.txt", "a/y/x.txt", "b/z.txt", "c.TXT"]


def test_discover_stamps(tmp_path):
    write(tmp_path / "metadata.tsv", "filename\tpublisher\nx\tOne\n")
    p = write(tmp_path / "d" / "x.txt", STORY)
    (src,) = corpus.discover([str(tmp_path)])
    assert (src.rel, src.size) == ("d/x.txt", p.stat().st_size)
    assert src.sidecars and src.sidecars[0][0].endswith("metadata.tsv")
    stamp = src.stamp
    os.utime(tmp_path / "metadata.tsv", ns=(1, 1))
    (again,) = corpus.discover([str(tmp_path)])
    assert again.stamp != stamp                 # a sidecar change shows without reading the file


def test_read_file_matches_iter_articles(tmp_path):
    write(tmp_path / "d" / "x.txt", STORY)
    (a,) = read([tmp_path])
    (b,) = corpus.read_file(str(tmp_path / "d" / "x.txt"), str(tmp_path))
    assert a == b


def test_large_file_reads(tmp_path):
    """50 MB of JSONL and of text go through (speed is measured in bench/, not asserted here)."""
    line = json.dumps({"text": "A line of news. " * 60}) + "\n"
    write(tmp_path / "big.jsonl", line * (50_000_000 // len(line)))
    write(tmp_path / "big.txt", ("A paragraph of news text. " * 40 + "\n\n") * 48_000)
    arts = read([tmp_path])
    assert arts[-1].id == "big.txt" and len(arts[-1].text) > 49_000_000
    assert arts[-2].id == f"big.jsonl#{50_000_000 // len(line)}"


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_text_is_kept_as_read(tmp_path_factory, text):
    """Property: Article.text is the decoded file with only the BOM and CRLF changed; heuristics never raise."""
    d = tmp_path_factory.mktemp("prop")
    data = text.encode("utf-8")
    write(d / "p.txt", data)
    problems = []
    arts = read([d], problems)
    expected = (text[1:] if text.startswith("\ufeff") else text).replace("\r\n", "\n")
    if arts:
        assert arts[0].text == expected
    else:                                        # empty, or not text: reported, once
        assert len(problems) == 1 and not problems[0].warning


# ---------------------------------------------------------------------------------------------
# Bad input through the CLI: reported once on stderr (file and line), exit 1, the rest extracted


@pytest.fixture
def stub_quotes(monkeypatch):
    """Replace the quote extractor by one that yields a quote per article, so these tests see only corpus."""
    def extract_quotes(article):
        yield Quote(article=article.id, spans=((0, 1),), text=article.text[:1], rule="stub")

    import indexer.extract as mod
    monkeypatch.setattr(mod, "extract_quotes", extract_quotes, raising=False)
    return mod


def _bad_corpus(tmp_path, kind):
    """Write a good file plus one bad input of the given kind; return (dir, bad file name, line or None)."""
    write(tmp_path / "good.txt", STORY)
    if kind == "empty":
        write(tmp_path / "empty.txt", b"")
        return "empty.txt", None
    if kind == "blank":
        write(tmp_path / "blank.txt", b"  \r\n\n ")
        return "blank.txt", None
    if kind == "binary":
        write(tmp_path / "blob.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
        return "blob.txt", None
    if kind == "invalid-json":
        write(tmp_path / "bad.json", '[\n  {"text": "ok"},\n  {"text": oops}\n]')
        return "bad.json", 3
    if kind == "invalid-jsonl":
        write(tmp_path / "bad.jsonl", '{"text": "fine"}\n{"text": \n')
        return "bad.jsonl", 2
    if kind == "no-text":
        write(tmp_path / "rec.json", '[\n {"text": "Kept."},\n {"title": "no body"}\n]')
        return "rec.json", 3
    if kind == "text-number":
        write(tmp_path / "rec.jsonl", '{"text": "Kept."}\n{"text": 42}\n')
        return "rec.jsonl", 2
    if kind == "text-list":
        write(tmp_path / "rec.jsonl", '{"body": ["a", "b"]}\n')
        return "rec.jsonl", 1
    if kind == "not-object":
        write(tmp_path / "rec.json", '["just a string"]')
        return "rec.json", 1
    if kind == "not-array":
        write(tmp_path / "rec.json", '42')
        return "rec.json", 1
    if kind == "unreadable":
        os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
        return "dangling.txt", None
    if kind == "symlink-loop":
        (tmp_path / "sub").mkdir()
        os.symlink(tmp_path, tmp_path / "sub" / "loop")
        return "loop", None
    if kind == "symlink-file-loop":
        os.symlink(tmp_path / "b.txt", tmp_path / "a.txt")
        os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
        return "a.txt", None
    raise AssertionError(kind)


BAD = ["empty", "blank", "binary", "invalid-json", "invalid-jsonl", "no-text", "text-number", "text-list",
       "not-object", "not-array", "unreadable", "symlink-loop", "symlink-file-loop"]


@pytest.mark.parametrize("kind", BAD)
def test_bad_input_is_reported_once(tmp_path, runner, stub_quotes, kind):
    bad, line = _bad_corpus(tmp_path, kind)
    res = runner.invoke(cli, ["extract", "--format", "jsonl", str(tmp_path)])
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.stderr
    msgs = [m for m in res.stderr.splitlines() if bad in m]
    assert len(msgs) == 1 or (kind == "symlink-file-loop" and len(msgs) <= 2), res.stderr
    if line is not None:
        assert f"{bad}:{line}:" in msgs[0]
    assert "skipped" in res.stderr.splitlines()[-1]
    ids = [json.loads(x)["article"] for x in res.stdout.splitlines()]
    assert "good.txt" in ids                     # the rest goes on


def test_bad_records_keep_their_neighbours(tmp_path):
    write(tmp_path / "rec.jsonl", '{"text": "Kept one."}\nnot json\n{"text": 3}\n{"text": "Kept two."}\n')
    problems = []
    arts = read([tmp_path], problems)
    assert [a.id for a in arts] == ["rec.jsonl#1", "rec.jsonl#4"]
    assert [p.line for p in problems] == [2, 3]


def test_wrong_type_metadata_is_ignored_with_a_warning(tmp_path):
    write(tmp_path / "r.json", '[{"text": "Body.", "title": ["a"], "author": 7}]')
    problems = []
    (a,) = read([tmp_path], problems)
    assert a.title is None and a.author == "7"
    assert len(problems) == 1 and problems[0].warning and "title" in problems[0].reason


def test_duplicate_ids_reported(tmp_path, runner, stub_quotes):
    write(tmp_path / "one" / "same.txt", STORY)
    write(tmp_path / "two" / "same.txt", STORY)
    res = runner.invoke(cli, ["extract", "--format", "jsonl", str(tmp_path / "one"), str(tmp_path / "two")])
    assert res.exit_code == 1
    assert res.stderr.count("duplicate article id 'same.txt'") == 1
    assert [json.loads(x)["article"] for x in res.stdout.splitlines()] == ["same.txt"]


def test_missing_path_and_ignored_file(tmp_path, runner, stub_quotes):
    write(tmp_path / "good.txt", STORY)
    write(tmp_path / "notes.md", "x")
    res = runner.invoke(cli, ["extract", str(tmp_path / "nope"), str(tmp_path / "notes.md"), str(tmp_path / "good.txt")])
    assert res.exit_code == 1
    assert "nope: no such file or directory" in res.stderr
    assert "notes.md: not a .txt, .json or .jsonl file" in res.stderr
    assert "skipped 2 input(s)" in res.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_permission_denied(tmp_path, runner, stub_quotes):
    write(tmp_path / "good.txt", STORY)
    p = write(tmp_path / "locked.txt", STORY)
    p.chmod(0)
    res = runner.invoke(cli, ["extract", str(tmp_path)])
    assert res.exit_code == 1 and "locked.txt: cannot read: permission denied" in res.stderr


def test_clean_corpus_exits_0(runner, stub_quotes):
    res = runner.invoke(cli, ["extract", "--format", "jsonl", str(CORPUS)])
    assert res.exit_code == 0 and res.stderr == ""
    assert [json.loads(x)["article"] for x in res.stdout.splitlines()] == [SEED0, SEED1]


def test_extractor_failure_is_reported_not_raised(tmp_path, runner, stub_quotes, monkeypatch):
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "b.txt", "Boom here.\n")

    def flaky(article):
        if article.id == "b.txt":
            raise ValueError("bad offsets")
        yield Quote(article=article.id, spans=((0, 1),), text="T", rule="stub")

    monkeypatch.setattr(stub_quotes, "extract_quotes", flaky)
    res = runner.invoke(cli, ["extract", "--format", "jsonl", str(tmp_path)])
    assert res.exit_code == 1 and "Traceback" not in res.stderr
    assert "b.txt: quote extraction failed on b.txt: ValueError: bad offsets" in res.stderr
    assert [json.loads(x)["article"] for x in res.stdout.splitlines()] == ["a.txt"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=40), max_size=8),
       st.sampled_from([".json", ".jsonl"]))
def test_records_round_trip(tmp_path_factory, texts, ext):
    """Property: the Nth record is '#N' (from 1) and keeps its text; blank texts are reported, not read."""
    d = tmp_path_factory.mktemp("rec")
    recs = [{"text": t} for t in texts]
    body = json.dumps(recs) if ext == ".json" else "".join(json.dumps(r) + "\n" for r in recs)
    write(d / f"f{ext}", body)
    problems = []
    arts = read([d], problems)
    want = [(f"f{ext}#{n}", t.lstrip("\ufeff").replace("\r\n", "\n"))
            for n, t in enumerate(texts, 1) if t.lstrip("\ufeff").strip()]
    assert [(a.id, a.text) for a in arts] == want
    assert len([p for p in problems if not p.warning]) == (len(texts) - len(want)) + (not texts)
