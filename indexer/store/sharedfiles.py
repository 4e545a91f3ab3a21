"""Index files shared by every thread of a reader: one descriptor per file, read with pread at
each reader's own position (so no reader moves another's), never copied into memory whole.

Whoosh's own compound-file reader copies each part it opens into a BytesIO (~100 MB a searcher
on the 22,000-article index), and its file objects keep one position per file, which is why a
Whoosh reader cannot be shared between threads. Here a part of a compound segment is just a
range of its file: `PinnedStorage` gives Whoosh a fresh buffered file over that range for each
reader, all reading the same descriptor. Parts up to `SMALL` bytes (the per-document length and
facet columns) are read once and shared as bytes.
"""
from __future__ import annotations

import io
import os
import zlib
from typing import Optional

from whoosh.filedb.filestore import ReadOnlyError, Storage
from whoosh.filedb.structfile import BufferFile, StructFile
from whoosh.reading import SegmentReader

SMALL = 1 << 20          # parts up to this size are read once per generation and shared as bytes
CHUNK = 1 << 20          # bytes per read when reading a part whole or checksumming it


class Fd:
    """An open file descriptor, closed when the last reader that holds it is gone."""

    __slots__ = ("fd",)

    def __init__(self, fd: int):
        self.fd = fd

    def __del__(self):
        try:
            os.close(self.fd)
        except OSError:
            pass


class PreadRaw(io.RawIOBase):
    """Bytes [offset, offset + length) of a shared descriptor, read with pread at a position of
    its own: any number of these may read one descriptor from any threads at once."""

    def __init__(self, fd: Fd, offset: int, length: int):
        super().__init__()
        self._fd, self._offset, self._length, self._pos = fd, offset, length, 0

    def readable(self) -> bool:
        """Always readable."""
        return True

    def seekable(self) -> bool:
        """Always seekable."""
        return True

    def tell(self) -> int:
        """The position within the part."""
        return self._pos

    def seek(self, pos: int, whence: int = 0) -> int:
        """Move within the part (absolute, relative or from its end)."""
        self._pos = pos if whence == 0 else self._pos + pos if whence == 1 else self._length + pos
        return self._pos

    def readinto(self, b) -> int:
        """Fill b from the current position (never past the part's end)."""
        n = min(len(b), self._length - self._pos)
        if n <= 0:
            return 0
        data = os.pread(self._fd.fd, n, self._offset + self._pos)
        k = len(data)
        b[:k] = data
        self._pos += k
        return k


class Part:
    """One file of the generation, or one part of a compound segment file: where its bytes are."""

    __slots__ = ("name", "fd", "offset", "length", "data")

    def __init__(self, name: str, fd: Fd, offset: int, length: int, data: Optional[bytes] = None):
        self.name, self.fd, self.offset, self.length, self.data = name, fd, offset, length, data

    def open(self) -> StructFile:
        """A Whoosh file over the part: shared bytes for a small part, pread for a big one."""
        if self.data is not None:
            return BufferFile(self.data, name=self.name)
        return StructFile(io.BufferedReader(PreadRaw(self.fd, self.offset, self.length)), name=self.name)

    def read(self) -> bytes:
        """Every byte of the part."""
        if self.data is not None:
            return self.data
        out = bytearray()
        while len(out) < self.length:
            chunk = os.pread(self.fd.fd, min(CHUNK, self.length - len(out)), self.offset + len(out))
            if not chunk:
                raise EOFError(f"{self.name} ends after {len(out)} of {self.length} bytes")
            out += chunk
        return bytes(out)

    def crc32(self) -> int:
        """The part's CRC-32, read in chunks (never the whole part in memory)."""
        crc, pos = 0, 0
        while pos < self.length:
            chunk = os.pread(self.fd.fd, min(CHUNK, self.length - pos), self.offset + pos)
            if not chunk:
                raise EOFError(f"{self.name} ends after {pos} of {self.length} bytes")
            crc = zlib.crc32(chunk, crc)
            pos += len(chunk)
        return crc


class PinnedStorage(Storage):
    """Whoosh's storage over the parts of one generation: read-only, every file already open."""

    readonly = True
    supports_mmap = False

    def __init__(self, parts: dict):
        self.parts = parts

    def open_file(self, name, **kwargs):
        """A file of the generation (FileNotFoundError for one it does not hold)."""
        try:
            return self.parts[name].open()
        except KeyError:
            raise FileNotFoundError(name) from None

    def list(self):
        """The names of the files held."""
        return list(self.parts)

    def file_exists(self, name) -> bool:
        """True when the generation holds a file of that name."""
        return name in self.parts

    def file_length(self, name) -> int:
        """The length of a file held."""
        return self.parts[name].length

    def file_modified(self, name) -> float:
        """Not tracked (Whoosh only asks when writing)."""
        return 0.0

    def create_file(self, name, **kwargs):
        """Readers never write."""
        raise ReadOnlyError(name)

    def delete_file(self, name):
        """Readers never delete."""
        raise ReadOnlyError(name)

    def rename_file(self, *args, **kwargs):
        """Readers never rename."""
        raise ReadOnlyError(args[0] if args else "")

    def lock(self, name):
        """Readers take no lock."""
        raise ReadOnlyError(name)


class SegmentReaderOver(SegmentReader):
    """Whoosh's reader of one segment, over the pinned parts: a compound segment's pieces are
    parts of the storage already, where Whoosh's own reader would open and parse the compound
    file again (and copy every piece it reads into memory). The rest is SegmentReader's."""

    def __init__(self, storage: PinnedStorage, schema, segment, generation: int):
        self.schema = schema
        self.is_closed = False
        self._segment = segment
        self._segid = segment.segment_id()
        self._gen = generation
        self._storage = storage
        self._codec = segment.codec()
        self._terms = self._codec.terms_reader(storage, segment)
        self._perdoc = self._codec.per_document_reader(storage, segment)
