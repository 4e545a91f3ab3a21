"""The reader: one generation pinned per request, its files shared by every thread, never mixed
with another generation however writers swap, delete or replace the directory; one writer lock
per real index, and a symlinked index path that stays a symlink."""
from __future__ import annotations

import importlib.util
import os
import pathlib
import shutil
import threading

import pytest

from conftest import ROOT, write_mini_corpus
from indexer import ingest
from indexer import search as S
from indexer.store import layout as L
from indexer.store import pinned, sharedfiles, swap
from indexer.store.lock import WriterLock, lock_holder

_spec = importlib.util.spec_from_file_location("faults_race", ROOT / "bench" / "faults_race.py")
fr = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fr)


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    """Two generations of one corpus (the second with one more article): directories g1, g2."""
    root = tmp_path_factory.mktemp("gens")
    corpus = write_mini_corpus(root / "c")
    ingest.build([str(corpus)], str(root / "g1"))
    (corpus / "herald" / "a3.txt").write_text(
        "Ferry fares rise\n\n\"The ferry fares will rise in May,\" Tom Baker said on Monday.\n")
    ingest.build([str(corpus)], str(root / "g2"))
    return str(root / "g1"), str(root / "g2")


def _swap_in(src: str, live: str) -> None:
    """A writer's swap of a copy of src in for live (the old directory deleted at once)."""
    where = L.Layout.of(live)
    tmp = where.new()
    fr._gen_copy(src, tmp)
    swap.swap_in(tmp, where)


def _articles(ix) -> int:
    """The article count as the documents give it."""
    return S.search(ix, "", scope="articles").total


def test_a_pinned_index_keeps_its_generation_through_swaps_and_deletion(two, tmp_path):
    live = str(tmp_path / "ix")
    shutil.copytree(two[0], live)
    ix = S.open_index(live)
    held = ix.pin()
    assert _articles(held) == 4
    _swap_in(two[1], live)                     # the old directory is deleted by the swap
    assert _articles(held) == 4 and S.stats(held).articles == 4
    assert _articles(ix.pin()) == 5 and S.stats(ix.pin()).articles == 5
    shutil.rmtree(live)                         # the directory vanishes altogether
    assert _articles(ix.pin()) == 5             # the open generation goes on answering
    with pytest.raises(S.IndexNotFound, match="No index at"):
        S.open_index(live)


def test_a_damaged_successor_is_not_opened_the_sound_one_is_kept(two, tmp_path):
    live = str(tmp_path / "ix")
    shutil.copytree(two[0], live)
    ix = S.open_index(live)
    assert _articles(ix.pin()) == 4
    bad = str(tmp_path / "bad")
    shutil.copytree(two[1], bad)
    os.truncate(next(p for p in pathlib.Path(bad).iterdir() if p.suffix == ".seg"), 100)
    _swap_in(bad, live)
    assert _articles(ix.pin()) == 4             # kept; the web goes on answering
    with pytest.raises(S.IndexDamaged, match="is damaged: MAIN_.*seg has 100 bytes"):
        S.open_index(live)
    _swap_in(two[1], live)                      # a sound generation again: picked up
    assert _articles(ix.pin()) == 5


def test_the_web_app_answers_while_its_directory_is_deleted(two, tmp_path):
    from webapp import create_app

    live = str(tmp_path / "ix")
    shutil.copytree(two[0], live)
    client = create_app({"TESTING": True, "INDEX_DIR": live}).test_client()
    assert client.get("/search.json").status_code == 200
    shutil.rmtree(live)
    for url in ("/", "/search.json?q=budget", "/speakers", "/api/names?q=ba"):
        assert client.get(url).status_code == 200, url
    fresh = create_app({"TESTING": True, "INDEX_DIR": live}).test_client()
    assert fresh.get("/search.json").status_code == 503


def test_every_thread_shares_the_files_and_gets_the_same_answers(mini_index):
    ix = S.open_index(mini_index)
    queries = ["budget", "harbour OR library", '"numbers simply"', "", "storm*"]
    want = {q: [h.id for h in S.search(ix, q, per_page=20).hits] for q in queries}
    bad: list = []

    def work():
        for _ in range(30):
            for q in queries:
                got = [h.id for h in S.search(ix.pin(), q, per_page=20).hits]
                if got != want[q]:
                    bad.append((q, got))
    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not bad
    gen = ix.generation()
    # One descriptor per file for the whole process; nothing big held in memory.
    assert isinstance(gen.pinned.storage, sharedfiles.PinnedStorage)
    assert all(p.data is None for p in gen.pinned.storage.parts.values() if p.length > sharedfiles.SMALL)


def test_big_parts_are_read_not_copied(two, tmp_path, monkeypatch):
    """With a tiny SMALL, every part is read through pread: the answers stay the same."""
    monkeypatch.setattr(pinned, "SMALL", 0)
    ix = S.open_index(two[0])
    parts = ix.generation().pinned.storage.parts
    assert all(p.data is None for name, p in parts.items() if not name.endswith(".toc") and p.length)
    assert _articles(ix) == 4 and S.search(ix, "library").total >= 1


def test_look_ups_never_mix_generations_during_swaps(two, tmp_path):
    r = fr.race(str(tmp_path / "live"), list(two), "tom-baker", swaps=30, lookups=300, seconds=120)
    assert r["swaps"] >= 30 and r["lookups"] + r["web_lookups"] >= 300, r
    assert r["mixed"] == 0 and r["errors"] == 0, r
    assert r["generations_seen"] >= 2, r


def test_one_lock_per_real_index(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real)
    assert L.Layout.of(str(link)).lock == L.Layout.of(str(real)).lock
    with WriterLock(str(link), timeout=0):
        assert lock_holder(str(real)) is not None
        from indexer.errors import LockTimeout
        with pytest.raises(LockTimeout):
            with WriterLock(str(real), timeout=0):
                pass


def test_a_symlinked_index_stays_a_symlink(tmp_path):
    corpus = write_mini_corpus(tmp_path / "c")
    real = tmp_path / "store" / "index-real"
    real.parent.mkdir()
    link = tmp_path / "index"
    link.symlink_to(real)
    ingest.build([str(corpus)], str(link))
    assert link.is_symlink() and (real / "meta.json").exists()
    (corpus / "herald" / "a3.txt").write_text("Late news\n\n\"We are late,\" Tom Baker said.\n")
    ingest.update(str(link))
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert _articles(S.open_index(str(link))) == 5
    assert not list(tmp_path.glob("index.*")) and not list(real.parent.glob("index-real.*-*"))
