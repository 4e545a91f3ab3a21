"""Building and updating the index (indexer/ingest, indexer/store): layout, bad input, lock, recovery, update == build."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINI, write_mini_corpus
from indexer import errors, ingest
from indexer.ingest import incremental
from indexer.store import layout, lock, swap
from indexer import search as S


def _export(path: str) -> dict:
    """Everything an index says, in a stable order (what update must keep equal to build)."""
    ix = S.open_index(path)
    return {what: list(S.export(ix, what)) for what in S.EXPORT_KINDS}


def test_build_writes_one_index_directory_with_its_tables(mini_corpus, tmp_path):
    path = tmp_path / "ix"
    r = ingest.build([str(mini_corpus)], str(path))
    assert (r.articles, r.quotes, r.speakers, r.clusters, r.files) == (4, 8, 5, 2, 3)
    names = set(os.listdir(path))
    assert {"meta.json", "speakers.json", "clusters.json", "files.json", "words.json"} <= names
    assert any(n.endswith(".toc") for n in names)
    meta = json.loads((path / "meta.json").read_text())
    assert meta["counts"]["quotes"] == 8 and meta["corpus"] == [str(mini_corpus)]
    # nothing is left beside the index but the lock file
    assert sorted(os.listdir(tmp_path)) == ["ix", "ix.lock"]


def test_seed_index_counts(seed_index):
    st_ = S.stats(S.open_index(seed_index))
    assert st_.articles == 2 and st_.quotes >= 8 and st_.clusters >= 4


def test_bad_files_are_skipped_with_reasons_and_the_rest_is_indexed(tmp_path):
    corpus = write_mini_corpus(tmp_path / "c")
    (corpus / "empty.txt").write_text("")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (corpus / "broken.json").write_text("[{\"text\": ")
    r = ingest.build([str(corpus), str(tmp_path / "missing")], str(tmp_path / "ix"))
    assert r.articles == 4
    reasons = {os.path.basename(p): why for p, why in r.skipped}
    assert set(reasons) == {"empty.txt", "binary.txt", "broken.json", "missing"}
    assert "empty" in reasons["empty.txt"] and "binary" in reasons["binary.txt"]


def test_a_corpus_without_articles_leaves_the_live_index_alone(mini_corpus, tmp_path):
    path = str(tmp_path / "ix")
    ingest.build([str(mini_corpus)], path)
    before = _export(path)
    (tmp_path / "void").mkdir()
    with pytest.raises(errors.BuildFailed, match="no articles found"):
        ingest.build([str(tmp_path / "void")], path)
    assert _export(path) == before
    assert not [n for n in os.listdir(tmp_path) if ".new-" in n]


def test_a_second_writer_times_out_naming_the_holder(mini_corpus, tmp_path):
    path = str(tmp_path / "ix")
    with lock.WriterLock(path, timeout=0):
        holder = lock.lock_holder(path)
        assert holder["pid"] == os.getpid()
        with pytest.raises(errors.LockTimeout, match=rf"locked by another writer \(pid {os.getpid()} on .+, started .+\)"):
            ingest.build([str(mini_corpus)], path, lock_timeout=0.2)
    assert lock.lock_holder(path) is None
    ingest.build([str(mini_corpus)], path, lock_timeout=0)


def test_a_stale_lock_is_recovered_with_a_message(mini_corpus, tmp_path):
    path = str(tmp_path / "ix")
    # A writer killed with SIGKILL leaves its record in the lock file, but the kernel dropped the lock.
    (tmp_path / "ix.lock").write_text(json.dumps({"pid": 999999, "host": "elsewhere", "started": "then"}))
    messages = []
    r = ingest.build([str(mini_corpus)], path, on_message=messages.append)
    assert r.articles == 4
    assert messages and "stale lock left by pid 999999 on elsewhere" in messages[0]
    assert (tmp_path / "ix.lock").read_text() == ""


def test_leftovers_of_interrupted_writers_are_cleaned(mini_corpus, tmp_path):
    path = str(tmp_path / "ix")
    ingest.build([str(mini_corpus)], path)
    os.makedirs(path + ".new-4242")
    # killed between its two renames: the live index renamed away, the new one not yet in
    os.rename(path, path + ".old-4243")
    messages = []
    with lock.WriterLock(path, on_message=messages.append):
        swap.recover(layout.Layout.of(path), messages.append)
    assert sorted(os.listdir(tmp_path)) == ["ix", "ix.lock"]
    assert any("new-4242" in m for m in messages) and any("restored" in m for m in messages)
    assert S.stats(S.open_index(path)).quotes == 8


def test_update_of_a_missing_index_is_a_clear_error(tmp_path):
    with pytest.raises(errors.BuildFailed, match="no index at .* run `quote-index build` first"):
        ingest.update(str(tmp_path / "ix"))


def test_update_with_nothing_changed_does_nothing(mini_corpus, tmp_path):
    path = str(tmp_path / "ix")
    ingest.build([str(mini_corpus)], path)
    stamp = os.stat(os.path.join(path, "meta.json")).st_ino
    r = ingest.update(path)
    assert "up to date" in r.messages[0] and r.quotes == 8
    assert os.stat(os.path.join(path, "meta.json")).st_ino == stamp


def test_update_equals_build_after_add_edit_delete(tmp_path):
    corpus = write_mini_corpus(tmp_path / "c")
    live, fresh = str(tmp_path / "live"), str(tmp_path / "fresh")
    ingest.build([str(corpus)], live)
    a2 = corpus / "herald" / "a2.txt"
    a2.write_text(a2.read_text().replace("Sanchez told", "Maria Sánchez told"))
    (corpus / "herald" / "a3.txt").write_text(
        "Ferry news\n\n\"Our harbour will be dredged before the autumn storms arrive,\" Ana Ferreira "
        "told the Herald.\n")
    (corpus / "feed.jsonl").unlink()
    with _spy_incremental() as spy:
        r = ingest.update(live)
    assert spy.spy_return is not None
    assert (r.added, r.changed, r.deleted, r.files) == (1, 1, 1, 2)
    ingest.build([str(corpus)], fresh)
    assert _export(live) == _export(fresh)
    # the Ferreira quote now lives in the Herald only; her cluster follows the files
    ix = S.open_index(live)
    assert S.find_speaker(ix, "ferreira").match.quote_count == 1
    assert S.search(ix, '"autumn storms"').total == 1


def test_update_of_one_file_reads_only_the_stored_quotes_it_needs(tmp_path):
    corpus = write_mini_corpus(tmp_path / "c")
    for i in range(30):
        (corpus / "town" / f"t{i}.txt").parent.mkdir(exist_ok=True)
        (corpus / "town" / f"t{i}.txt").write_text(
            f"Council {i}\n\n\"Plan {i} sends crew {i} money {i} in week {i},\" "
            f"Councillor Person{i} Jones{i} said.\n", encoding="utf-8")
    live, fresh = str(tmp_path / "live"), str(tmp_path / "fresh")
    ingest.build([str(corpus)], live)
    (corpus / "town" / "t3.txt").write_text(
        "Council 3\n\n\"We will paint the library doors blue before the spring fair opens,\" "
        "Councillor Person3 Jones3 said.\n", encoding="utf-8")
    with _spy_incremental() as spy:
        r = ingest.update(live)
    assert r.changed == 1 and spy.spy_return is not None
    assert spy.stored_rows <= 2                   # its own old quote, not the other 37
    # a quote sharing wording with stored ones reads those (and only those)
    (corpus / "town" / "t40.txt").write_text(
        "Council 40\n\n\"Plan 7 sends crew 7 money 7 in week 7,\" Anna Berg said.\n",
        encoding="utf-8")
    with _spy_incremental() as spy:
        ingest.update(live)
    assert 1 <= spy.stored_rows <= 3
    ingest.build([str(corpus)], fresh + "2")
    assert _export(live) == _export(fresh + "2")
    ingest.build([str(corpus)], fresh)
    assert _export(live) == _export(fresh)


@contextlib.contextmanager
def _spy_incremental():
    """Record whether update took the incremental pass, and how many stored quotes it read."""
    real = incremental.finish_update
    spy = mock.MagicMock(spy_return=None, stored_rows=0)

    def wrapped(*args):
        """The real pass, counting what it returns and the stored rows it read."""
        seen = []
        real_stored = incremental.Stored

        class Counting(real_stored):
            def __init__(self, s):
                super().__init__(s)
                seen.append(self)
        with mock.patch.object(incremental, "Stored", Counting):
            spy.spy_return = real(*args)
        spy.stored_rows = sum(len(s.rows) for s in seen)
        return spy.spy_return
    spy.side_effect = wrapped
    with mock.patch.object(incremental, "finish_update", spy):
        yield spy


EXTRA = {
    "x/new1.txt": "Ferry news\n\n\"Our harbour will be dredged before the autumn storms arrive,\" Ana Ferreira told the Herald.\n",
    "x/new2.txt": "Library\n\n\"We will not cut the library budget while I am mayor of this city,\" Sanchez said.\n",
    "x/new3.txt": "Shallow\n\n\"I have never seen the channel this shallow in thirty years,\" John Smith said.\n",
}
POOL = {**MINI, **EXTRA}
OPS = st.lists(st.tuples(st.sampled_from(["write", "edit", "delete"]), st.sampled_from(sorted(POOL))),
               min_size=1, max_size=4)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(OPS, min_size=1, max_size=2))
def test_update_after_any_changes_equals_a_fresh_build(tmp_path_factory, rounds):
    base = tmp_path_factory.mktemp("upd")
    corpus = write_mini_corpus(base / "c")
    live = str(base / "live")
    ingest.build([str(corpus)], live)
    for k, ops in enumerate(rounds):
        for op, rel in ops:
            p = corpus / rel
            if op == "write":
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_text(POOL[rel], encoding="utf-8")
            elif op == "edit" and p.exists():
                p.write_text(p.read_text(encoding="utf-8").replace("said", "admitted", 1), encoding="utf-8")
            elif op == "delete" and p.exists():
                p.unlink()
        if not any(corpus.rglob("*.txt")) and not (corpus / "feed.jsonl").exists():
            return
        with _spy_incremental() as spy:
            r = ingest.update(live)
        assert spy.spy_return is not None or r.files == 0      # the incremental pass ran
        fresh = str(base / f"fresh{k}")
        ingest.build([str(corpus)], fresh)
        assert _export(live) == _export(fresh)
        shutil.rmtree(fresh)


def test_an_index_of_another_format_is_refused_with_a_rebuild_hint(mini_corpus, tmp_path):
    path = tmp_path / "ix"
    ingest.build([str(mini_corpus)], str(path))
    meta = json.loads((path / "meta.json").read_text())
    (path / "meta.json").write_text(json.dumps({**meta, "format": layout.FORMAT - 1}))
    with pytest.raises(S.IndexNotFound, match="another version of quote-index .* Rebuild it"):
        S.open_index(str(path))
    with pytest.raises(errors.BuildFailed, match="another version .* `quote-index build`"):
        ingest.update(str(path))
    ingest.build([str(mini_corpus)], str(path))          # a build replaces it
    assert S.stats(S.open_index(str(path))).quotes == 8
