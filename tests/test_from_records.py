"""`extract --engine dask` from the CLI, and `build --from-records`: the same index as `build`."""
from __future__ import annotations

import json

import pytest

from batch_corpus import write_corpus
from conftest import CORPUS
from indexer import ingest
from indexer import search as S
from indexer.batch import adapter, layout
from indexer.batch.reader import load_records, quote_sort_key
from indexer.errors import BuildFailed
from indexer.ingest.records import build_from_records
from indexer.serial import to_json
from quote_index.cli import cli

pytestmark = pytest.mark.dask


def _ok(result, code=0):
    """Assert a CliRunner result's exit status, showing its output when it differs."""
    assert result.exit_code == code, (result.output, result.stderr)
    return result


def _export(path: str) -> dict:
    """Every record of every kind of the index at path, as JSON."""
    ix = S.open_index(path)
    return {what: [to_json(r) for r in S.export(ix, what)] for what in S.EXPORT_KINDS}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The generated corpus (two roots, bad files included), built the usual way."""
    base = tmp_path_factory.mktemp("fromrec")
    roots = [str(r) for r in write_corpus(base / "corpus", articles=60)]
    ingest.build(roots, str(base / "built"))
    return base, roots


@pytest.fixture(scope="module")
def records(generated, dask_scheduler):
    """The generated corpus extracted by the CLI on Dask (JSONL, small partitions)."""
    from click.testing import CliRunner

    base, roots = generated
    r = CliRunner().invoke(cli, ["extract", *roots, "--engine", "dask", "--scheduler", dask_scheduler,
                                 "--output", str(base / "rec"), "--format", "jsonl", "--partition-size", "4"])
    return base, roots, r


# ---- extract --engine dask

def test_cli_dask_extract_writes_the_single_process_records(records):
    base, roots, r = records
    _ok(r, 1)                                        # the corpus has bad files: exit status 1
    articles, quotes = adapter.single_process_records(roots)
    got_articles, got_quotes = load_records(str(base / "rec"))
    assert got_quotes == sorted(quotes, key=quote_sort_key) and got_articles == sorted(articles, key=lambda a: a.id)
    assert f"{len(quotes)} quotes from {len(articles)} articles" in r.stderr
    assert "photo.txt" in r.stderr and "binary" in r.stderr and "skipped 5 input(s)" in r.stderr
    assert r.stdout == ""


def test_cli_dask_extract_of_the_seeds_exits_0(runner, dask_scheduler, tmp_path):
    r = _ok(runner.invoke(cli, ["extract", str(CORPUS), "--engine", "dask", "--scheduler", dask_scheduler,
                                "--output", str(tmp_path / "rec")]))
    assert "10 quotes from 2 articles" in r.stderr and "as parquet" in r.stderr
    assert list((tmp_path / "rec").rglob("part-*.parquet"))


@pytest.mark.parametrize("args, message", [
    (["--format", "parquet"], "--format parquet: only with --engine dask"),
    (["--output", "x"], "--output: only with --engine dask"),
    (["--scheduler", "tcp://127.0.0.1:1", "--partition-size", "3"],
     "--scheduler, --partition-size: only with --engine dask"),
    (["--engine", "dask"], "--engine dask needs --output DIR"),
    (["--engine", "dask", "--output", "x", "--format", "table"], "writes parquet or jsonl, not table"),
])
def test_cli_extract_refuses_options_of_the_other_engine(runner, args, message):
    r = _ok(runner.invoke(cli, ["extract", str(CORPUS), *args]), 2)
    assert message in r.stderr


def test_cli_dask_extract_names_a_scheduler_that_is_not_there(runner, tmp_path):
    from services.common import free_port

    r = _ok(runner.invoke(cli, ["extract", str(CORPUS), "--engine", "dask", "--output", str(tmp_path / "rec"),
                                "--scheduler", f"tcp://127.0.0.1:{free_port()}"]), 1)
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:" in r.stderr and "Traceback" not in r.output


# ---- build --from-records

def test_build_from_records_equals_build(records, runner):
    base, roots, _ = records
    # The records list the corpus's bad files as skipped: exit status 1, as for build.
    r = _ok(runner.invoke(cli, ["build", "--from-records", str(base / "rec"), "--index", str(base / "fromrec")]), 1)
    built, fromrec = base / "built", base / "fromrec"
    assert _export(str(built)) == _export(str(fromrec))
    for name in ("files.json", "speakers.json", "clusters.json", "words.json"):
        assert json.loads((built / name).read_text()) == json.loads((fromrec / name).read_text()), name
    meta = [json.loads((p / "meta.json").read_text()) for p in (built, fromrec)]
    assert meta[0]["counts"] == meta[1]["counts"] and meta[0]["corpus"] == meta[1]["corpus"]
    assert f"{meta[0]['counts']['quotes']} quotes" in r.stdout and "skipped 5 input" in r.stdout
    a, b = S.open_index(str(built)), S.open_index(str(fromrec))
    for q in ("storms", '"the winter storms"', "budget OR bridge", "fenwick"):
        assert [(h.id, h.score) for h in S.search(a, q, per_page=50).hits] == \
               [(h.id, h.score) for h in S.search(b, q, per_page=50).hits], q


def test_update_after_a_build_from_records_reads_only_changed_files(records, runner, tmp_path):
    base, roots, _ = records
    index = tmp_path / "ix"
    # Its own build from the records: the test must not rely on another test having run first.
    _ok(runner.invoke(cli, ["build", "--from-records", str(base / "rec"), "--index", str(index)]), 1)
    assert "index is up to date; nothing to do" in ingest.update(str(index)).messages
    story = next(p for p in (base / "corpus" / "desk").rglob("story-*.txt"))
    story.write_text(story.read_text(encoding="utf-8") + "\n\"A sentence added today,\" Dev Raman said.\n",
                     encoding="utf-8")
    result = ingest.update(str(index))
    assert (result.added, result.changed, result.deleted, result.files) == (0, 1, 0, 1)
    assert any("A sentence added today" in h.text for h in S.search(S.open_index(str(index)), "sentence added").hits)


def test_records_that_are_not_there_leave_the_index_as_it_was(tmp_path, runner):
    index = tmp_path / "ix"
    ingest.build([str(CORPUS)], str(index))
    before = _export(str(index))
    (tmp_path / "notrecords").mkdir()
    with pytest.raises(BuildFailed, match="not a finished quote-index records directory"):
        build_from_records(str(tmp_path / "notrecords"), str(index))
    r = _ok(runner.invoke(cli, ["build", "--from-records", str(tmp_path / "notrecords"), "--index", str(index)]), 1)
    assert "no _manifest.json" in r.stderr and "Traceback" not in r.output
    assert _export(str(index)) == before


def test_records_without_a_files_dataset_are_named(tmp_path):
    (tmp_path / "rec" / "quotes").mkdir(parents=True)
    layout.write_manifest(str(tmp_path / "rec"), {"format": "jsonl"})
    with pytest.raises(BuildFailed, match="has no files dataset"):
        build_from_records(str(tmp_path / "rec"), str(tmp_path / "ix"))
    assert not (tmp_path / "ix").exists()


def test_build_takes_paths_or_records_not_both(runner, tmp_path):
    r = _ok(runner.invoke(cli, ["build", str(CORPUS), "--from-records", str(tmp_path), "--index", str(tmp_path / "ix")]), 2)
    assert "either PATHS or --from-records" in r.stderr
