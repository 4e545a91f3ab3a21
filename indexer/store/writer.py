"""The index writer: Whoosh's segment writer with a compact posting pool and a one-pass flush.

Whoosh's own `SegmentWriter` keeps every posting as a tuple in a `PostingPool` (about 250 bytes
each: the 4 million postings of the ~22,000 benchmark articles made a 1.1 GB process, and beyond
`limitmb` the pool spills sorted runs to disk and merges them back), sorts them all at commit and
writes them one Python call per posting, asking the per-document reader for each posting's field
length. That reader caches only the length columns that exist: for a field without one (every
ID field) each posting cost an `os.stat` (`W3PerDocReader.has_column` -> `file_exists`), half a
million of them per build.

This writer keeps the postings grouped by field and term as documents are added, one
`array("I")` per term: `[doc, freq, position deltas...]` for fields with positions, `[doc, freq]`
for frequencies, `[doc]` for existence (about 16 bytes a posting instead of 250; never spilled).
Doc numbers only grow, so a term's postings are already in order: commit sorts the terms, not
the postings. The field lengths are kept as they are written (a byte per document and field), so
the flush asks nothing of the file system. The index it writes is Whoosh's own format 3
segment, posting for posting what `SegmentWriter` writes (tests/test_writer.py compares them).

The flush fills the block buffers of Whoosh's `W3PostingsWriter` a block at a time instead of
calling `add_posting` per posting; those buffer names are private to whoosh-reloaded 2.7.5 (the
pinned version). For another version, or a schema with vectors or spelling fields, `open_writer`
returns Whoosh's own writer.
"""
from __future__ import annotations

import array
import functools
import operator
from itertools import chain
from pickle import dumps

import whoosh
from whoosh import formats
from whoosh.system import emptybytes, pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import IndexingError, SegmentWriter

from .schema import BigramTokenizer, FoldStemTokenizer, analysed_bytes

# The buffers this module fills belong to this version's W3PostingsWriter.
WHOOSH_VERSION = (2, 7, 5)

_EXIST, _FREQ, _POS, _OTHER = "exist", "freq", "pos", "other"
SMALL_BLOCK = 16          # posting blocks shorter than this are not compressed (see _Blocks._fill)


def open_writer(ix, memory_mb: int):
    """A writer on ix: the compact writer when it can write this schema, else Whoosh's own.

    memory_mb bounds Whoosh's own pool (the fallback); the compact pool never spills (see the
    module docstring for its size per posting).
    """
    schema = ix.schema
    if tuple(whoosh.__version__[:3]) != WHOOSH_VERSION or any(
            f.vector or f.separate_spelling() for _, f in schema.items()):
        return ix.writer(limitmb=memory_mb, procs=1)
    return CompactWriter(ix)


def writer_terms(writer):
    """How many terms a compact writer's commit will write (None for Whoosh's own writer)."""
    pool = getattr(writer, "pool", None)
    return pool.term_count() if isinstance(pool, TermPool) else None


class TermPool:
    """Postings grouped by field and term, as compact arrays (see the module docstring)."""

    def __init__(self, schema):
        self.kinds = {name: _kind(field) for name, field in schema.items() if field.indexed}
        self.boosts = {name: getattr(field.format, "field_boost", 1.0)
                       for name, field in schema.items() if field.indexed}
        self.terms: dict[str, dict[bytes, object]] = {name: {} for name in self.kinds}
        self.lengths: dict[str, bytearray] = {}     # field -> length byte per doc (0: none)
        self.postings = 0
        self._last = (None, None)                   # (text, its terms): quote and quote_pairs

    # Adding

    def add_field(self, name: str, field, value, doc: int) -> int:
        """Pool one field of one document; its length (tokens) when the field is scorable."""
        kind = self.kinds[name]
        analyzer = field.analyzer
        if kind == _POS and type(analyzer) is FoldStemTokenizer and isinstance(value, str):
            return self._add_positions(name, self._analysed(value), doc)
        if kind == _FREQ and type(analyzer) is BigramTokenizer and isinstance(value, str):
            terms = self._analysed(value)
            return self._add_counts(name, [a + b" " + b for a, b in zip(terms, terms[1:])], doc)
        length = 0
        for tbytes, freq, weight, vbytes in field.index(value):
            self.add((name, tbytes, doc, weight, vbytes))
            length += freq
        return length if field.scorable else 0

    def _analysed(self, text: str) -> list:
        """The indexed terms of a text, in order (the last text's are reused: quote_pairs)."""
        last, terms = self._last
        if text is not last:
            terms = analysed_bytes(text)
            self._last = (text, terms)
        return terms

    def _add_positions(self, name: str, terms: list, doc: int) -> int:
        """Pool a document's terms with their positions (as deltas, Whoosh's encoding)."""
        where: dict = {}
        for pos, t in enumerate(terms):
            p = where.get(t)
            if p is None:
                where[t] = [pos]
            else:
                p.append(pos)
        table = self.terms[name]
        for t, p in where.items():
            pair = table.get(t)
            if pair is None:
                pair = table[t] = (array.array("I"), array.array("I"))
            head, deltas = pair
            head.append(doc)
            head.append(len(p))
            if len(p) == 1:
                deltas.append(p[0])
            else:
                deltas.extend(map(operator.sub, p, chain((0,), p)))
        self.postings += len(where)
        return len(terms)

    def _add_counts(self, name: str, terms: list, doc: int) -> int:
        """Pool a document's terms with their frequencies."""
        counts: dict = {}
        for t in terms:
            counts[t] = counts.get(t, 0) + 1
        table = self.terms[name]
        for t, n in counts.items():
            arr = table.get(t)
            if arr is None:
                arr = table[t] = array.array("I")
            arr.append(doc)
            arr.append(n)
        self.postings += len(counts)
        return len(terms)

    def add(self, item) -> None:
        """Pool one encoded posting (fieldname, term bytes, doc, weight, value bytes): what
        Whoosh's field.index() yields and what a merged segment's reader gives."""
        name, tbytes, doc, weight, vbytes = item
        kind, fb = self.kinds[name], self.boosts[name]
        table = self.terms[name]
        if kind == _OTHER:
            table.setdefault(tbytes, []).append((doc, weight, vbytes))
            self.postings += 1
            return
        if kind == _POS:
            pair = table.get(tbytes)
            if pair is None:
                pair = table[tbytes] = (array.array("I"), array.array("I"))
            poses = _POSITIONS.decode_positions(vbytes)
            freq = len(poses)
            pair[0].append(doc)
            pair[0].append(freq)
            pair[1].extend(map(operator.sub, poses, chain((0,), poses)))
        else:
            arr = table.get(tbytes)
            if arr is None:
                arr = table[tbytes] = array.array("I")
            arr.append(doc)
            if kind == _EXIST:
                freq = 1
            else:
                freq = _FREQUENCY.decode_frequency(vbytes)
                arr.append(freq)
        if weight != freq * fb:
            raise IndexingError(f"field {name!r}: a posting weighs {weight}, not its frequency x "
                                f"field boost ({freq} x {fb}); the compact writer stores no weights")
        self.postings += 1

    def record_length(self, name: str, doc: int, length: int) -> None:
        """Keep a document's field length (as Whoosh's length byte) for the flush."""
        col = self.lengths.get(name)
        if col is None:
            col = self.lengths[name] = bytearray()
        if len(col) <= doc:
            col.extend(bytes(doc + 1 - len(col) + 1024))
        col[doc] = length_to_byte(length)

    def term_count(self) -> int:
        """Terms pooled (what the flush writes)."""
        return sum(map(len, self.terms.values()))

    # Writing

    def write(self, fieldwriter, schema, compression: int, tick=None) -> None:
        """Write every posting through Whoosh's field writer, fields and terms in order;
        tick(n) is called after each field with its number of terms (a progress bar)."""
        for name in sorted(n for n, t in self.terms.items() if t):
            field = schema[name]
            table = self.terms[name]
            fieldwriter.start_field(name, field)
            lengths = self.lengths.get(name) if field.scorable else None
            blocks = _Blocks(self.kinds[name], self.boosts[name], lengths, compression)
            for tbytes in sorted(table):
                fieldwriter.start_term(tbytes)
                blocks.write(fieldwriter._postwriter, table[tbytes])
                fieldwriter.finish_term()
            fieldwriter.finish_field()
            if tick:
                tick(len(table))
            table.clear()

    def cleanup(self) -> None:
        """Drop what is pooled (Whoosh's writers call this when they close or cancel)."""
        for table in self.terms.values():
            table.clear()
        self.lengths.clear()


class _Blocks:
    """Fills a W3PostingsWriter's block buffers from one term's pooled postings."""

    def __init__(self, kind: str, boost: float, lengths, compression: int):
        self.kind, self.boost, self.lengths, self.compression = kind, boost, lengths, compression

    def write(self, pw, data) -> None:
        """Every posting of the term, in blocks of the writer's block size; the last block is
        left in the buffer for finish_term() to write, as add_posting() leaves it."""
        if self.kind == _OTHER:
            lengths = self.lengths
            for doc, weight, vbytes in data:
                lb = lengths[doc] if lengths is not None and doc < len(lengths) else 0
                pw.add_posting(doc, weight, vbytes or emptybytes, byte_to_length(lb) if lb else None)
            return
        docs, weights, values = self._decode(data)
        if self.lengths is not None and len(self.lengths) <= docs[-1]:
            self.lengths.extend(bytes(docs[-1] + 1 - len(self.lengths)))
        limit = pw._blocklimit
        n = len(docs)
        for start in range(0, n, limit):
            stop = min(n, start + limit)
            self._fill(pw, docs[start:stop], weights[start:stop], values[start:stop] if values else [])
            if stop < n:
                pw._write_block()

    def _decode(self, data):
        """(doc numbers, weights, value bytes) of a term's pooled postings, as arrays where
        Whoosh's block takes arrays, with per-posting Python work only for repeated words."""
        fb = self.boost
        if self.kind == _EXIST:
            return data, array.array("f", [fb]) * len(data), None
        head, deltas = data if self.kind == _POS else (data, None)
        docs, freqs = head[0::2], head[1::2]
        weights = array.array("f", freqs if fb == 1.0 else [f * fb for f in freqs])
        if self.kind == _FREQ:
            return docs, weights, list(map(_packed, freqs))
        if len(deltas) == len(freqs):           # every document holds the word once
            return docs, weights, list(map(_single, deltas))
        values, i = [], 0
        for f in freqs:
            values.append(_single(deltas[i]) if f == 1 else
                          pack_uint(f) + dumps(deltas[i:i + f].tolist(), 2))
            i += f
        return docs, weights, values

    def _fill(self, pw, docs, weights, values) -> None:
        """Set one block's buffers and statistics as add_posting() would have."""
        # zlib costs ~25 us a call whatever the size (most of a flush's time: most terms have one
        # small block) and gains nothing on a few postings: those blocks are stored plain, which
        # the block header records and every reader honours.
        pw._compression = self.compression if len(docs) >= SMALL_BLOCK else 0
        pw._ids = docs
        pw._weights = weights
        pw._values = values
        pw._maxweight = max(0, max(weights))
        if self.lengths is not None:
            present = bytes(map(self.lengths.__getitem__, docs)).replace(b"\0", b"")
            if present:
                pw._minlength = byte_to_length(min(present))
                pw._maxlength = byte_to_length(max(present))


@functools.lru_cache(maxsize=1 << 16)
def _single(delta: int) -> bytes:
    """Whoosh's Positions value of a word that occurs once, at position delta."""
    return pack_uint(1) + dumps([delta], 2)


@functools.lru_cache(maxsize=1 << 12)
def _packed(freq: int) -> bytes:
    """Whoosh's Frequency value of a frequency."""
    return pack_uint(freq)


class CompactWriter(SegmentWriter):
    """Whoosh's SegmentWriter with the compact TermPool and a flush that reads no lengths back."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self.pool = TermPool(self.schema)
        self.on_terms = None            # called with a count as the flush writes terms
        # Every field length the per-document writer stores (documents added here and those of
        # merged segments) is kept for the flush too.
        pdw, pool = self.perdocwriter, self.pool
        store_field = pdw.add_field

        def add_field(fieldname, fieldobj, value, length):
            """The per-document writer's add_field, keeping the length for the flush."""
            store_field(fieldname, fieldobj, value, length)
            if length and fieldobj.scorable:
                pool.record_length(fieldname, self.docnum, length)
        pdw.add_field = add_field

    def add_document(self, **fields):
        """Add one document (as SegmentWriter.add_document; no `_boost`/`_stored_` keywords)."""
        self._check_state()
        odd = [k for k in fields if k.startswith("_")]
        if odd:
            raise IndexingError(f"the compact writer takes no special keywords: {', '.join(odd)}")
        schema, pool, pdw = self.schema, self.pool, self.perdocwriter
        names = sorted(fields)
        self._check_fields(schema, names)
        docnum = self.docnum
        pdw.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = pool.add_field(name, field, value, docnum) if field.indexed else 0
                pdw.add_field(name, field, value if field.stored else None, length)
                column = field.column_type
                if column:
                    pdw.add_column_value(name, column, field.to_column_value(value))
        except Exception:
            pdw.cancel_doc()
            raise
        pdw.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self):
        """Write the pooled postings (Whoosh's version re-reads every length from disk)."""
        self.perdocwriter.close()
        self.pool.write(self.fieldwriter, self.schema, self.codec._compression, self.on_terms)
        self.fieldwriter.close()


def _kind(field) -> str:
    """How the pool keeps a field's postings, by its posting format."""
    fmt = type(field.format)
    if fmt is formats.Existence:
        return _EXIST
    if fmt is formats.Frequency:
        return _FREQ
    if fmt is formats.Positions:
        return _POS
    return _OTHER


# Decoders of merged postings' values (decoding does not depend on the field boost).
_FREQUENCY, _POSITIONS = formats.Frequency(), formats.Positions()
