"""One generation of an index directory, opened once and held for as long as anyone reads it.

Writers replace the live directory by renaming another one over it and then delete the old one
(`swap.py`). A reader that opened `meta.json` before a swap and Whoosh's table of contents after
it would combine two generations; a reader that opened a file after the old directory was
deleted would fail. So a generation is opened in one go: the directory by descriptor, then every
file a reader needs (meta.json, the side tables, the Whoosh table of contents and the segment
files it names) relative to that descriptor, each checked on the way (`IndexDamaged` names the
first part that is missing or unreadable). After that the generation needs no path: the
descriptors keep the files alive however the directory is renamed or deleted.

Whoosh reads the segments through `sharedfiles.PinnedStorage`: one descriptor per file for the
whole process, read at each reader's own position, nothing copied into memory whole.
"""
from __future__ import annotations

import json
import os
import re
import time
import zlib
from typing import Optional

from whoosh.filedb.compound import CompoundStorage
from whoosh.index import TOC
from whoosh.reading import EmptyReader, MultiReader

from ..corpus import path_from_id, readable_path
from ..errors import IndexDamaged, IndexNotFound
from . import layout as L
from .sharedfiles import SMALL, Fd, Part, PinnedStorage, SegmentReaderOver

TABLES = (L.SPEAKERS, L.CLUSTERS, L.WORDS, L.OUTLETS)      # the side tables a reader loads
_TOC = re.compile(r"^_%s_(\d+)\.toc$" % L.INDEX_NAME)
# What a row of each side table must hold (a damaged table must fail here, not in a page).
ROW_KEYS = {L.SPEAKERS: ("id", "name", "aliases", "quote_count", "outlets"),
            L.CLUSTERS: ("id", "quotes", "articles", "outlets", "wordings")}


class _Vanished(Exception):
    """The directory was swapped away or deleted while it was being opened: open the new one."""


class Pinned:
    """One generation of the index directory at `path`, opened once (see the module docstring).

    Holds meta.json, the side tables (parsed and checked), Whoosh's table of contents, and the
    parts of every segment; `reader()` is a new Whoosh reader over them (0.2 ms), `verify()`
    checks the recorded checksums of every part.
    """

    def __init__(self, path: str):
        self.path = path
        try:
            dfd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            raise _Vanished() from None
        except NotADirectoryError:
            raise IndexNotFound(f"{path} is not a directory, so it holds no index. Build one with "
                                f"`quote-index build CORPUS --index {path}`.") from None
        except OSError as e:
            raise IndexNotFound(f"The index at {path} cannot be opened: {e.strerror or e}.") from None
        self._dfd = Fd(dfd)
        try:
            self._open(os.listdir(dfd))
        except (OSError, IndexNotFound) as e:
            # A writer deleting this (swapped-away) directory file by file looks like damage:
            # first make sure the directory is still the one at the path.
            if self._moved():
                raise _Vanished() from None
            if isinstance(e, OSError):
                raise self.damaged(f"{e.filename or 'a file'} cannot be read ({e.strerror or e})") from None
            raise

    def _open(self, names: list) -> None:
        """Read and check every part a reader needs, all relative to the directory descriptor."""
        if L.META not in names:
            if not any(_TOC.match(n) for n in names) and not any(n in names for n in TABLES):
                raise IndexNotFound(f"No index at {self.path}. Build one with "
                                    f"`quote-index build CORPUS --index {self.path}`.")
            raise self.damaged(f"{L.META} is missing")
        self.dir_bytes = 0                    # what the directory held when opened
        for name in names:
            try:
                self.dir_bytes += os.stat(name, dir_fd=self._dfd.fd, follow_symlinks=False).st_size
            except OSError:
                pass
        meta_fd = self._file(L.META)
        st = os.fstat(meta_fd.fd)
        self.stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
        self.meta = _check_meta(self, Part(L.META, meta_fd, 0, st.st_size).read())
        self.recorded = self.meta.get("parts") or {}
        self.files: dict = {}                 # name -> Part of each whole file held
        self.tables = {name: self._table(name) for name in TABLES}
        tocs = sorted((int(m.group(1)), n) for n in names if (m := _TOC.match(n)))
        if not tocs:
            raise self.damaged(f"Whoosh's table of contents (_{L.INDEX_NAME}_N.toc) is missing")
        gen, toc_name = tocs[-1]
        toc_part = self._whole(toc_name, check=True)
        try:
            self.toc = TOC.read(PinnedStorage({toc_name: toc_part}), L.INDEX_NAME, gen)
        except Exception as e:      # noqa: BLE001 - a damaged TOC raises whatever unpickling meets
            raise self.damaged(f"{toc_name} cannot be read ({type(e).__name__}: {e})") from None
        parts: dict = {toc_name: toc_part}
        for seg in self.toc.segments:
            parts.update(self._segment(seg, names))
        self.storage = PinnedStorage(parts)

    def _file(self, name: str) -> Fd:
        """Open one file of the directory (relative to its descriptor)."""
        return Fd(os.open(name, os.O_RDONLY, dir_fd=self._dfd.fd))

    def _whole(self, name: str, check: bool = False) -> Part:
        """A whole file as a part (its bytes read now when small); check: its recorded size and CRC."""
        fd = self._file(name)
        size = os.fstat(fd.fd).st_size
        part = Part(name, fd, 0, size)
        want = self.recorded.get(name)
        if want is not None and want.get("bytes") != size:
            raise self.damaged(f"{name} has {size} bytes, {want.get('bytes')} were written")
        if size <= SMALL or check:
            part.data = part.read()
            if check and want is not None and zlib.crc32(part.data) != want.get("crc32"):
                raise self.damaged(f"{name} does not match its checksum")
        self.files[name] = part
        return part

    def _table(self, name: str):
        """A side table, parsed and checked (its checksum when recorded, its shape always)."""
        part = self._whole(name, check=True)
        data, part.data = part.data, None          # kept parsed, not twice
        try:
            table = json.loads(data.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            raise self.damaged(f"{name} is not valid JSON ({e})") from None
        problem = _table_problem(name, table)
        if problem:
            raise self.damaged(f"{name} {problem}")
        return table

    def _segment(self, seg, names: list) -> dict:
        """The parts of one segment: the pieces of its compound file, or its own files."""
        segid = seg.segment_id()
        if not seg.is_compound():
            mine = [n for n in names if n.startswith(segid + ".")]
            if not mine:
                raise self.damaged(f"the files of segment {segid} are missing")
            return {n: self._whole(n) for n in mine}
        name = seg.make_filename(seg.COMPOUND_EXT)
        if name not in names:
            raise self.damaged(f"segment file {name} is missing")
        whole = self._whole(name)
        try:
            comp = CompoundStorage(whole.open(), use_mmap=False)
            ranges = {n: comp.range(n) for n in comp.list()}
            comp.close()
        except Exception as e:      # noqa: BLE001 - a damaged directory raises whatever unpickling meets
            raise self.damaged(f"segment file {name} cannot be read ({type(e).__name__}: {e})") from None
        out = {}
        for sub, (offset, length) in ranges.items():
            if not isinstance(offset, int) or not isinstance(length, int) or offset < 0 or length < 0 \
                    or offset + length > whole.length:
                raise self.damaged(f"segment file {name} is truncated ({sub} lies past its end)")
            part = out[sub] = Part(sub, whole.fd, offset, length)
            if length <= SMALL:
                part.data = whole.data[offset:offset + length] if whole.data is not None else part.read()
        whole.data = None                 # the parts hold what they need
        return out

    def _moved(self) -> bool:
        """True when the directory opened is no longer the one at the path (swapped or deleted)."""
        try:
            here = os.fstat(self._dfd.fd)
            there = os.stat(self.path)
        except OSError:
            return True
        return here.st_nlink == 0 or (here.st_dev, here.st_ino) != (there.st_dev, there.st_ino)

    def damaged(self, problem: str) -> IndexDamaged:
        """The error naming this index and what is wrong with it."""
        meta = getattr(self, "meta", None) or {}
        roots = [readable_path(path_from_id(c)) for c in meta.get("corpus", ())]
        return IndexDamaged(self.path, problem, roots)

    def reader(self):
        """A new Whoosh reader over this generation (cheap: the parts are open already)."""
        toc = self.toc
        readers = [SegmentReaderOver(self.storage, toc.schema, seg, toc.generation) for seg in toc.segments]
        if not readers:
            return EmptyReader(toc.schema)
        return readers[0] if len(readers) == 1 else MultiReader(readers, generation=toc.generation)

    def size_bytes(self) -> int:
        """Bytes of the files the directory held when this generation was opened."""
        return self.dir_bytes

    def verify(self, everything: bool = False) -> list[str]:
        """Problems found checking the files held (everything: every file recorded, files.json
        too) against the checksums recorded when they were written (re-reading them: ~0.2 s per
        150 MB); [] when all match or none were recorded."""
        problems = []
        for name, want in sorted(self.recorded.items()):
            if name not in self.files and not everything:
                continue
            try:
                part = self.files.get(name) or self._whole(name)
                if part.length != want.get("bytes"):
                    problems.append(f"{name} has {part.length} bytes, {want.get('bytes')} were written")
                elif part.crc32() != want.get("crc32"):
                    problems.append(f"{name} does not match its checksum")
            except OSError as e:
                problems.append(f"{name} cannot be read ({e.strerror or e})")
            except IndexDamaged as e:
                problems.append(e.problem)
        return problems


def open_generation(path: str, wait: float = 2.0) -> Pinned:
    """The generation at path, opened once; waits out a writer's swap (up to `wait` seconds).

    Raises IndexNotFound when there is no index there, IndexDamaged when a part of it is missing
    or unreadable (the message names the part).
    """
    deadline = time.monotonic() + wait
    while True:
        try:
            return Pinned(path)
        except _Vanished:
            if time.monotonic() > deadline or not (os.path.exists(path) or L.Layout.of(path).swapping()):
                raise IndexNotFound(f"No index at {path}. Build one with "
                                    f"`quote-index build CORPUS --index {path}`.") from None
            time.sleep(0.02)


def _check_meta(pinned: Pinned, data: bytes) -> dict:
    """meta.json parsed and checked: an object of this format with well-formed counts and parts."""
    try:
        meta = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise pinned.damaged(f"{L.META} is not valid JSON ({e})") from None
    if not isinstance(meta, dict) or "format" not in meta:
        raise pinned.damaged(f"{L.META} is not an index's description (no format)")
    if meta["format"] != L.FORMAT:
        raise IndexNotFound(f"The index at {pinned.path} was built by another version of quote-index "
                            f"(format {meta['format']}, this one reads {L.FORMAT}). "
                            f"Rebuild it with `quote-index build CORPUS --index {pinned.path}`.")
    for key, kind in (("counts", dict), ("corpus", list), ("parts", dict)):
        if key in meta and not isinstance(meta[key], kind):
            raise pinned.damaged(f"{L.META}: {key!r} is not a JSON {'object' if kind is dict else 'array'}")
    counts = meta.get("counts", {})
    if not all(isinstance(v, int) for v in counts.values()):
        raise pinned.damaged(f"{L.META}: a count is not a number")
    if not all(isinstance(p, str) for p in meta.get("corpus", [])):
        raise pinned.damaged(f"{L.META}: a corpus root is not a string")
    if not all(isinstance(v, dict) for v in meta.get("parts", {}).values()):
        raise pinned.damaged(f"{L.META}: a part's record is not an object")
    return meta


def _table_problem(name: str, table) -> Optional[str]:
    """What is wrong with the shape of a side table (None when it is fine)."""
    if not isinstance(table, dict):
        return "is not a JSON object"
    keys = ROW_KEYS.get(name)
    if name == L.OUTLETS:                             # outlets.json: slug -> display name
        return None if all(isinstance(v, str) for v in table.values()) else "holds a name that is not a string"
    if keys is None:                                  # words.json: word -> count
        return None if all(isinstance(v, int) for v in table.values()) else "holds a count that is not a number"
    for key, row in table.items():
        if not isinstance(row, dict) or any(k not in row for k in keys):
            return f"has a malformed row ({key!r})"
    return None


def record_parts(directory: str, skip: tuple = (L.META,), known: Optional[dict] = None) -> dict:
    """name -> {"bytes", "crc32"} of every file in a directory a writer just finished (for meta.json).

    known: records of files already checked (an update's segments shared with the live index,
    verified when it was opened), taken as they are when the size still matches.
    """
    out = {}
    known = known or {}
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        if name in skip or name.endswith("_WRITELOCK") or not os.path.isfile(path):
            continue
        if name in known and known[name].get("bytes") == os.path.getsize(path):
            out[name] = dict(known[name])
            continue
        fd = Fd(os.open(path, os.O_RDONLY))
        size = os.fstat(fd.fd).st_size
        out[name] = {"bytes": size, "crc32": Part(name, fd, 0, size).crc32()}
    return out
