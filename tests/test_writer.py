"""The compact writer (indexer/store/writer.py) writes, posting for posting, what Whoosh's own
SegmentWriter writes: same terms, postings, weights, positions, block statistics, lengths, stored
values and columns, for new documents and for segments merged by an update."""
from __future__ import annotations

import io
import pickle
import string
import struct
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import index as windex
from whoosh.writing import IndexingError, SegmentWriter

from indexer.store import writer as W
from indexer.store.schema import make_schema

WORDS = ["the", "budget", "budgets", "Sánchez", "sanchez", "didn't", "U.S.", "mayor", "of", "a",
         "harbour", "dredged", "café", "Straße", "naïve", "2021", "x1.5", "co-op", "Ægir", "ferry"]


def _doc(i: int, words: list[str], quote: bool) -> dict:
    """A document of either kind with the fields our documents use."""
    text = " ".join(words)
    doc = {"kind": "quote" if quote else "article", "id": f"d{i}", "file": f"f{i % 3}",
           "article": f"a{i // 2}", "title": " ".join(words[:3]), "outlet": ["nyt", "BBC", ""][i % 3],
           "date": f"20{10 + i % 9}-0{1 + i % 9}-1{i % 10}", "year": f"20{10 + i % 9}", "start": i * 7,
           "path": f"/x/{i}.txt"}
    if quote:
        doc.update(quote=text, quote_pairs=text, speaker="Maria Sánchez Maria" if i % 2 else "",
                   speaker_id="maria-sanchez" if i % 2 else "", cue="said", cluster=f"c{i % 4}",
                   role="mayor of the city" if i % 3 else "", spans=[[0, 5]], derived="h")
    else:
        doc["text"] = text
    return {k: v for k, v in doc.items() if v != ""}


def _write(path, docs, compact: bool, schema=None):
    """An index at path holding docs, written by one writer or the other."""
    path.mkdir()
    ix = windex.create_in(str(path), schema or make_schema(), indexname="MAIN")
    w = W.CompactWriter(ix) if compact else SegmentWriter(ix)
    for d in docs:
        w.add_document(**d)
    w.commit()
    return windex.open_dir(str(path), indexname="MAIN")


def _blocks(ix) -> list:
    """Every posting block of every segment, decoded: (block header, block data, last?).

    Decoded rather than compared as bytes: the compact writer reuses one value object for a
    repeated single position, which pickle writes as a back-reference (smaller, same values).
    """
    out = []
    for seg in ix._segments():
        storage = seg.open_compound_file(ix.storage) if seg.is_compound() else ix.storage
        with storage.open_file(seg.make_filename(".pst")) as f:
            buf = f.read()
        i = 0
        while i < len(buf):
            if buf[i:i + 4] == b"W3Bl":          # the header of a term's first block
                i += 4
            n = struct.unpack("!i", buf[i:i + 4])[0]
            chunk = buf[i + 4:i + 4 + abs(n)]
            stream = io.BytesIO(chunk)
            info = pickle.load(stream)
            data = chunk[stream.tell():]
            # info[3] is the block's compression level: small blocks are stored plain (see
            # writer._Blocks._fill), so it is left out of the comparison.
            out.append((info[:3] + info[4:], pickle.loads(zlib.decompress(data) if info[3] else data), n < 0))
            i += 4 + abs(n)
    return out


def assert_same(a, b) -> None:
    """Two indexes hold the same postings, term statistics, lengths, stored fields and columns."""
    with a.reader() as ra, b.reader() as rb:
        assert list(ra.iter_postings()) == list(rb.iter_postings())
        for field in ra.indexed_field_names():
            for term in ra.lexicon(field):
                ta, tb = ra.term_info(field, term), rb.term_info(field, term)
                assert (ta.weight(), ta.doc_frequency(), ta.min_length(), ta.max_length(), ta.max_weight(),
                        ta.min_id(), ta.max_id()) == \
                       (tb.weight(), tb.doc_frequency(), tb.min_length(), tb.max_length(), tb.max_weight(),
                        tb.min_id(), tb.max_id()), (field, term)
        assert ra.doc_count_all() == rb.doc_count_all() and ra.doc_count() == rb.doc_count()
        names = a.schema.names()
        for d in range(ra.doc_count_all()):
            assert ra.stored_fields(d) == rb.stored_fields(d)
            for field in names:
                if a.schema[field].scorable:
                    assert ra.doc_field_length(d, field) == rb.doc_field_length(d, field), (d, field)
        for field in names:
            assert ra.field_length(field) == rb.field_length(field)
            if a.schema[field].column_type:
                assert list(ra.column_reader(field)) == list(rb.column_reader(field)), field
    assert _blocks(a) == _blocks(b)


def test_same_index_as_whoosh_writer(tmp_path):
    """A few hundred documents, long enough for several posting blocks per common term."""
    docs = [_doc(i, [WORDS[(i * k) % len(WORDS)] for k in range(1, 40 + i % 50)], i % 2 == 0)
            for i in range(300)]
    assert_same(_write(tmp_path / "stock", docs, False), _write(tmp_path / "compact", docs, True))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.lists(st.sampled_from(WORDS) | st.text(string.ascii_letters + "éß'. ", max_size=8),
                                   max_size=60),
                          st.booleans()), min_size=1, max_size=40))
def test_same_index_property(tmp_path_factory, docs):
    """Any documents (empty texts, repeats, accents, odd words) give the same index both ways."""
    root = tmp_path_factory.mktemp("w")
    docs = [_doc(i, words, quote) for i, (words, quote) in enumerate(docs)]
    assert_same(_write(root / "stock", docs, False), _write(root / "compact", docs, True))


def test_same_after_update_with_merges(tmp_path):
    """An update: deletions, replaced documents and merged segments (postings read back from a
    segment go through the pool's generic path) end as Whoosh's writer leaves them."""
    first = [_doc(i, [WORDS[(i * k) % len(WORDS)] for k in range(1, 30)], i % 2 == 0) for i in range(120)]
    more = [_doc(i, [WORDS[(i + k) % len(WORDS)] for k in range(1, 25)], i % 3 == 0) for i in range(100, 160)]
    out = []
    for compact in (False, True):
        ix = _write(tmp_path / f"ix{compact}", first, False)
        for batch in (more[:30], more[30:]):
            w = W.CompactWriter(ix) if compact else SegmentWriter(ix)
            w.delete_by_term("file", "f1")
            for d in batch:
                w.update_document(**d)
            w.commit(optimize=batch is more[30:])
            ix = windex.open_dir(str(tmp_path / f"ix{compact}"), indexname="MAIN")
        out.append(ix)
    assert_same(*out)


def test_open_writer_falls_back_for_unsupported_schemas(tmp_path):
    """A schema with term vectors gets Whoosh's own writer; ours gets the compact one."""
    from whoosh.fields import TEXT, Schema

    ix = windex.create_in(str(tmp_path), Schema(body=TEXT(vector=True)), indexname="V")
    w = W.open_writer(ix, 64)
    assert type(w) is SegmentWriter
    w.cancel()
    (tmp_path / "ours").mkdir()
    ix = windex.create_in(str(tmp_path / "ours"), make_schema(), indexname="MAIN")
    w = W.open_writer(ix, 64)
    assert type(w) is W.CompactWriter
    with pytest.raises(IndexingError, match="_boost"):
        w.add_document(kind="quote", id="q", _boost=2.0)
    w.cancel()


def test_old_schema_numeric_field(tmp_path):
    """Indexes built while `start` was NUMERIC (indexed, a column) are updated alike: such fields
    go through the pool's generic path."""
    from whoosh.fields import NUMERIC

    schema = make_schema()
    schema.remove("start")
    schema.add("start", NUMERIC(stored=True, sortable=True))
    docs = [_doc(i, [WORDS[(i * k) % len(WORDS)] for k in range(1, 12)], i % 2 == 0) for i in range(60)]
    assert_same(_write(tmp_path / "stock", docs, False, schema), _write(tmp_path / "compact", docs, True, schema))
