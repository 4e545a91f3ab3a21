"""The index commands of the CLI: build, update, search, speaker, speakers, stats, export."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest

from conftest import CORPUS, write_mini_corpus
from quote_index.cli import cli


def _ok(result):
    """Assert a CliRunner result succeeded, showing its output when not."""
    assert result.exit_code == 0, (result.output, result.stderr)
    return result


def test_build_prints_a_summary_and_reports_skipped_files(runner, tmp_path):
    corpus = write_mini_corpus(tmp_path / "c")
    (corpus / "empty.txt").write_text("")
    r = runner.invoke(cli, ["build", str(corpus), "--index", str(tmp_path / "ix")])
    assert r.exit_code == 1, r.output           # as documented: 1 when an input was skipped
    assert "4 articles, 8 quotes, 5 speakers, 2 clusters" in r.stdout
    assert "skipped 1 input" in r.stdout
    assert "empty.txt" in r.stderr and "empty" in r.stderr
    assert "\r" not in r.stderr                     # no progress bar when not on a terminal


def test_build_and_update_show_every_phase_and_a_time_per_phase(runner, tmp_path):
    corpus = write_mini_corpus(tmp_path / "c")
    ix = str(tmp_path / "ix")
    r = _ok(runner.invoke(cli, ["build", str(corpus), "--index", ix, "--progress"]))
    # a bar per phase while it runs (counts shown), then one summary line with the time of each
    for bar in ("extracting", "writing", "committing"):
        assert re.search(bar + r": +\d+%\|", r.stderr), bar
    assert re.search(r"\d/3 \[.*file/s", r.stderr) and re.search(r"\d/8 \[.*quote/s", r.stderr)
    summary = next(line for line in r.stderr.splitlines() if "time per phase:" in line)
    names = re.findall(r"(\w+) \d+\.\ds", summary)
    assert names == ["reading", "extracting", "identities", "clusters", "writing", "committing"]
    assert "extracting" in summary and "CPU; 3 files, 4 articles, 8 quotes)" in summary
    assert "CPU; 5 speakers)" in summary and "CPU; 2 clusters)" in summary and "terms" in summary
    (corpus / "herald" / "a9.txt").write_text('Ferry\n\n"The ferry will run again on Monday morning," '
                                            'Ana Ferreira told the Herald.\n', encoding="utf-8")
    r = _ok(runner.invoke(cli, ["update", "--index", ix, "--no-progress"]))
    assert "\r" not in r.stderr
    summary = next(line for line in r.stderr.splitlines() if "time per phase:" in line)
    assert re.findall(r"(\w+) \d+\.\ds", summary) == [
        "checking", "reading", "copying", "loading", "extracting", "identities", "clusters", "writing", "committing"]
    assert "reading" in summary and "CPU; 1 files)" in summary


def test_index_location_from_the_environment(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("QUOTE_INDEX_DIR", str(tmp_path / "envix"))
    _ok(runner.invoke(cli, ["build", str(write_mini_corpus(tmp_path / "c"))]))
    assert (tmp_path / "envix" / "meta.json").exists()
    assert "8" in _ok(runner.invoke(cli, ["stats"])).stdout


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    """A seed index built through the CLI."""
    from click.testing import CliRunner

    path = str(tmp_path_factory.mktemp("cli") / "ix")
    _ok(CliRunner().invoke(cli, ["build", str(CORPUS), "--index", path]))
    return path


def test_search_stonewall_penalty_finds_vagnati(runner, seeds):
    r = _ok(runner.invoke(cli, ["search", '"stonewall penalty"', "--quotes", "--index", seeds]))
    assert "Davide Vagnati" in r.stdout and "*stonewall* *penalty*" in r.stdout
    data = json.loads(_ok(runner.invoke(cli, ["search", '"stonewall penalty"', "--json", "--index", seeds])).stdout)
    assert {h["speaker"] for h in data["hits"]} == {"Davide Vagnati"}


@pytest.mark.parametrize("name", ["osimhen", "Osimhan", "victor osimhen"])
def test_speaker_shows_one_quote_carried_by_two_articles(runner, seeds, name):
    r = _ok(runner.invoke(cli, ["speaker", name, "--index", seeds]))
    assert r.stdout.startswith("Victor Osimhen")
    assert r.stdout.count("carried by 2 articles") == 1


def test_speakers_lists_each_person_once(runner, seeds):
    out = _ok(runner.invoke(cli, ["speakers", "--index", seeds])).stdout
    for who in ("Simone Inzaghi", "Davide Vagnati", "Victor Osimhen", "Marco Guida"):
        assert out.count(who) == 1
    rows = list(csv.DictReader(io.StringIO(_ok(runner.invoke(cli, ["speakers", "--csv", "--index", seeds])).stdout)))
    assert {r["name"] for r in rows} >= {"Simone Inzaghi", "Victor Osimhen"}
    data = json.loads(_ok(runner.invoke(cli, ["speakers", "--prefix", "inz", "--json", "--index", seeds])).stdout)
    assert [d["name"] for d in data] == ["Simone Inzaghi"]


def test_ambiguous_and_unknown_speakers(runner, tmp_path):
    path = str(tmp_path / "ix")
    _ok(runner.invoke(cli, ["build", str(write_mini_corpus(tmp_path / "c")), "--index", path]))
    r = _ok(runner.invoke(cli, ["speaker", "smith", "--index", path]))
    assert "Jane Smith" in r.stdout and "John Smith" in r.stdout and "may be any" in r.stdout
    r = runner.invoke(cli, ["speaker", "nobody", "--index", path])
    assert r.exit_code == 1 and "no speaker matches 'nobody'" in r.stderr


@pytest.mark.parametrize("args, message", [
    (["search", '"unbalanced'], "unbalanced quote mark"),
    (["search", "AND"], "operator"),
    (["search", "*"], "wildcard"),
])
def test_unparsable_queries_give_a_message_not_a_traceback(runner, seeds, args, message):
    r = _ok(runner.invoke(cli, args + ["--index", seeds]))
    assert message in r.stderr and "Traceback" not in r.output


@pytest.mark.parametrize("args, message", [
    (["search", "x", "--since", "soon"], "since: 'soon' is not a date"),
    (["search", "x", "--limit", "0"], "--limit"),
    (["stats", "--index", "/nonexistent/ix"], "No index at /nonexistent/ix"),
    (["export", "--format", "xml"], "--format"),
])
def test_user_errors_are_clear_messages(runner, seeds, args, message):
    if "--index" not in args:
        args = args + ["--index", seeds]
    r = runner.invoke(cli, args)
    assert r.exit_code != 0 and message in r.stderr and "Traceback" not in r.stderr


def test_stats_and_export(runner, seeds):
    data = json.loads(_ok(runner.invoke(cli, ["stats", "--json", "--index", seeds])).stdout)
    assert data["articles"] == 2
    lines = _ok(runner.invoke(cli, ["export", "--index", seeds])).stdout.splitlines()
    assert len(lines) == data["quotes"]
    assert {"id", "text", "speaker", "cluster"} <= set(json.loads(lines[0]))
    rows = list(csv.DictReader(io.StringIO(_ok(runner.invoke(cli, ["export", "--format", "csv", "--index", seeds])).stdout)))
    assert len(rows) == data["quotes"]
    arts = _ok(runner.invoke(cli, ["export", "--what", "articles", "--index", seeds])).stdout.splitlines()
    assert len(arts) == 2


def test_update_through_the_cli(runner, tmp_path):
    corpus = write_mini_corpus(tmp_path / "c")
    path = str(tmp_path / "ix")
    _ok(runner.invoke(cli, ["build", str(corpus), "--index", path]))
    r = _ok(runner.invoke(cli, ["update", "--index", path]))
    assert "up to date" in r.stderr
    (corpus / "feed.jsonl").unlink()
    r = _ok(runner.invoke(cli, ["update", "--index", path]))
    assert "0 new, 0 changed, 1 deleted" in r.stdout and "2 articles" in r.stdout


@pytest.fixture(scope="module")
def formulas(tmp_path_factory):
    """An index whose article title and quotes start like spreadsheet formulas."""
    from indexer import ingest

    root = tmp_path_factory.mktemp("formulas")
    (root / "c").mkdir()
    (root / "c" / "f.txt").write_text(
        "=HYPERLINK(\"http://x\",\"click\")\n\n"
        "\"=1+2 is what the council wants to spend this year,\" Ana Ferreira said.\n\n"
        "\"@SUM of every budget line is too high for the town,\" Ferreira added.\n")
    ingest.build([str(root / "c")], str(root / "ix"))
    return str(root / "ix")


@pytest.mark.parametrize("args", [["export", "--what", "articles", "--format", "csv"],
                                  ["export", "--what", "quotes", "--format", "csv"],
                                  ["search", "", "--csv"], ["search", "", "--articles", "--csv"],
                                  ["speaker", "ferreira", "--csv"]])
def test_cli_csv_defuses_formulas_unless_asked_not_to(runner, formulas, args):
    rows = list(csv.reader(io.StringIO(_ok(runner.invoke(cli, args + ["--index", formulas])).stdout)))
    cells = [c for row in rows[1:] for c in row]
    assert cells and not any(c.startswith(("=", "+", "-", "@")) for c in cells), cells
    assert any(c.startswith(("'=", "'@")) for c in cells), cells
    raw = list(csv.reader(io.StringIO(_ok(runner.invoke(cli, args + ["--keep-formulas", "--index", formulas])).stdout)))
    assert any(c.startswith(("=", "@")) for row in raw[1:] for c in row)


def test_reading_commands_load_on_demand_and_all_are_listed(runner):
    import subprocess
    import sys

    from quote_index import cli as cli_module, reading
    assert set(cli_module.READING) == {c.name for c in reading.COMMANDS}
    listed = runner.invoke(cli, ["--help"]).output
    assert all(f"  {name} " in listed for name in cli_module.READING + ("build", "update", "serve"))
    # a writer's process never imports the search modules
    code = "import sys, quote_index.cli; print(any(m.startswith('indexer.search') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
