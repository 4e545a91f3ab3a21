"""Update finds changed files by size and mtime first, hashing only those that differ (or all, rehash)."""
from __future__ import annotations

import json
import os
from unittest import mock

from conftest import write_mini_corpus
from indexer import ingest
from indexer.corpus import path_id
from indexer.corpus import source as corpus_source

AN_HOUR_AGO = 3600


def _age(corpus, seconds: int = AN_HOUR_AGO) -> None:
    """Set every corpus file's mtime `seconds` in the past (older than the racy window)."""
    for dirpath, _dirs, names in os.walk(corpus):
        for name in names:
            p = os.path.join(dirpath, name)
            st = os.stat(p)
            os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 10**9))


def _files(index: str) -> dict:
    """files.json of the live index."""
    with open(os.path.join(index, "files.json"), encoding="utf-8") as f:
        return json.load(f)


def _aged_index(tmp_path, seconds: int = AN_HOUR_AGO) -> tuple:
    """(corpus, index): the MINI corpus aged by `seconds`, indexed."""
    corpus = write_mini_corpus(tmp_path / "c")
    _age(corpus, seconds)
    index = str(tmp_path / "ix")
    ingest.build([str(corpus)], index)
    return corpus, index


def _hashed(index: str, **kwargs) -> tuple:
    """Run an update, counting the files it hashed: (result, number of fingerprint calls)."""
    # recorded_hash (what update records) calls the corpus's fingerprint once per file hashed
    with mock.patch.object(corpus_source, "fingerprint", wraps=corpus_source.fingerprint) as spy:
        r = ingest.update(index, **kwargs)
    return r, spy.call_count


def test_files_with_their_recorded_size_and_mtime_are_not_hashed(tmp_path):
    corpus, index = _aged_index(tmp_path)
    assert all("stamp" in v for v in _files(index).values())
    r, hashed = _hashed(index)
    assert "up to date" in r.messages[0] and hashed == 0
    r, hashed = _hashed(index, rehash=True)
    assert "up to date" in r.messages[0] and hashed == 3


def test_a_changed_file_is_found_and_only_it_is_hashed(tmp_path):
    corpus, index = _aged_index(tmp_path)
    a2 = corpus / "herald" / "a2.txt"
    a2.write_text(a2.read_text().replace("Sanchez told", "Maria Sánchez told"))
    r, hashed = _hashed(index)
    # Hashed once to find the change, once more as it is read; the other files not at all.
    assert r.changed == 1
    assert hashed == 2
    # Just written: its stamp is not trusted yet, so the next update hashes it (and only it).
    assert "stamp" not in _files(index)[path_id(str(a2))]
    r, hashed = _hashed(index)
    assert "up to date" in r.messages[0] and hashed == 1


def test_same_content_with_a_new_mtime_is_unchanged_and_restamped(tmp_path):
    corpus, index = _aged_index(tmp_path, 2 * AN_HOUR_AGO)
    before = _files(index)
    _age(corpus)                                   # touched: an hour newer, same bytes
    a2 = corpus / "herald" / "a2.txt"
    a2.write_text(a2.read_text().replace("Sanchez told", "Maria Sánchez told"))
    r, hashed = _hashed(index)
    assert r.changed == 1 and hashed == 4          # every touched file hashed once, a2 twice
    after = _files(index)
    key = path_id(str(a2))
    for k, v in after.items():
        if k != key:
            assert v["hash"] == before[k]["hash"] and v["stamp"] != before[k]["stamp"]
    r, hashed = _hashed(index)
    assert hashed == 1                             # only the file written just now


def test_rehash_finds_a_change_that_kept_size_and_mtime(tmp_path):
    corpus, index = _aged_index(tmp_path)
    a2 = corpus / "herald" / "a2.txt"
    st = os.stat(a2)
    text = a2.read_text()
    a2.write_text(text.replace("Sanchez told", "Sanchez said"[:len("Sanchez told")]))
    os.utime(a2, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert os.stat(a2).st_size == st.st_size
    assert "up to date" in ingest.update(index).messages[0]      # what make would do too
    r = ingest.update(index, rehash=True)
    assert r.changed == 1
