"""A damaged index is named, never traced: eighteen kinds of damage (bench/faults_damage.py) to
meta.json, the side tables, Whoosh's table of contents and the segment file, each met by every
reading command, check-index, every page (opened before and after the damage) and update."""
from __future__ import annotations

import importlib.util
import shutil

import pytest

from conftest import CORPUS, ROOT
from indexer import ingest
from indexer import search as S
from quote_index.cli import cli

_spec = importlib.util.spec_from_file_location("faults_damage", ROOT / "bench" / "faults_damage.py")
fd = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fd)

KINDS = sorted(fd.KINDS)


@pytest.fixture(scope="module")
def sound(tmp_path_factory):
    """A sound index over the seed corpus (with its checksums) and three entity pages of it."""
    path = str(tmp_path_factory.mktemp("sound") / "index")
    ingest.build([str(CORPUS)], path)
    return path, fd.entity_pages(path)


def _cli(runner, args):
    """(exit status, stdout + stderr) of one CLI run; an uncaught exception counts as a traceback."""
    r = runner.invoke(cli, args)
    output = r.output + (r.stderr if r.stderr_bytes else "")
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        output += f"\nTraceback: {r.exception!r}"
    return r.exit_code, output


@pytest.mark.parametrize("kind", KINDS)
def test_reading_commands_name_the_damage(sound, runner, tmp_path, kind):
    ix = fd.damaged_copy(sound[0], tmp_path, kind)
    problems = []
    for args in fd.CLI_READS:
        code, out = _cli(runner, args + ["--index", ix])
        problems += fd.judge_cli(args, code, out)
    assert not problems, problems


@pytest.fixture(scope="module")
def unrecorded(sound, tmp_path_factory):
    """The sound index as built before checksums were recorded (no "parts" in meta.json)."""
    import json

    path = tmp_path_factory.mktemp("old") / "index"
    shutil.copytree(sound[0], path)
    meta = json.loads((path / "meta.json").read_text())
    del meta["parts"]
    (path / "meta.json").write_text(json.dumps(meta))
    return str(path), sound[1]


@pytest.mark.parametrize("kind", KINDS)
def test_without_checksums_no_kind_gives_a_traceback_or_a_500(unrecorded, runner, tmp_path, kind):
    """An index built before checksums: the shape checks and decoding errors still name the damage."""
    if kind == "meta-parts-garbled":
        pytest.skip("such an index has no parts record to garble")
    ix = fd.damaged_copy(unrecorded[0], tmp_path, kind)
    problems = []
    for args in fd.CLI_READS:
        code, out = _cli(runner, args + ["--index", ix])
        problems += fd.judge_cli(args, code, out)
    problems += fd.judge_web(fd.web_outcomes(ix, unrecorded[1]))
    code, out = _cli(runner, ["check-index", "--index", ix])
    problems += fd.judge_cli(["check-index"], code, out)
    assert not problems, problems


@pytest.mark.parametrize("kind", KINDS)
def test_check_index_finds_every_kind(sound, runner, tmp_path, kind):
    ix = fd.damaged_copy(sound[0], tmp_path, kind)
    code, out = _cli(runner, ["check-index", "--index", ix])
    assert not fd.judge_check(code, out), out
    assert f"the index at {ix} is damaged: " in out and "quote-index build" in out


def test_check_index_says_a_sound_index_is_sound(sound, runner):
    code, out = _cli(runner, ["check-index", "--index", sound[0]])
    assert code == 0 and "is sound" in out, out


@pytest.mark.parametrize("kind", KINDS)
def test_pages_never_answer_500(sound, tmp_path, kind):
    """An app opening the damaged index, and one that had it open sound before the damage."""
    fresh = fd.damaged_copy(sound[0], tmp_path, kind)
    assert not fd.judge_web(fd.web_outcomes(fresh, sound[1]))
    from webapp import create_app

    running = str(tmp_path / "running")
    shutil.copytree(sound[0], running)
    app = create_app({"TESTING": True, "INDEX_DIR": running})
    before = fd.web_outcomes(running, sound[1], app)
    assert set(before.values()) <= {200}, before
    import pathlib
    fd.KINDS[kind](pathlib.Path(running))
    after = fd.web_outcomes(running, sound[1], app)
    assert not fd.judge_web(after), after


@pytest.mark.parametrize("kind", KINDS)
def test_update_rebuilds_a_damaged_index(sound, runner, tmp_path, kind):
    ix = fd.damaged_copy(sound[0], tmp_path, kind)
    code, out = _cli(runner, ["update", "--index", ix])
    assert not fd.judge_update(code, out, ix, False, kind), out
    if kind in fd.META_LOST:
        code, out = _cli(runner, ["update", str(CORPUS), "--index", ix])
        assert not fd.judge_update(code, out, ix, True, kind), out
    assert S.search(S.open_index(ix), "").total > 0


def test_the_damage_message_names_the_part_and_the_fix(sound, tmp_path):
    ix = fd.damaged_copy(sound[0], tmp_path, "speakers-truncated")
    with pytest.raises(S.IndexDamaged) as e:
        S.open_index(ix)
    assert str(e.value).startswith(f"the index at {ix} is damaged: speakers.json ")
    assert f"run `quote-index build {CORPUS} --index {ix}` to rebuild it" in str(e.value)
