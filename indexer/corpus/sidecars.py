"""Sidecar metadata: metadata.tsv / metadata.csv rows that describe the text files near them."""
from __future__ import annotations

import csv
import io
import os
from typing import Optional

from .decode import LATIN1_FALLBACK
from .names import undecodable
from .source import (MAX_FILE_BYTES, SIDECARS, OnProblem, Problem, SourceFile, os_reason, sidecar_dirs,
                     within_limit)

# Sidecar column names (lower-cased) for the facts a record's FIELDS hold, and for the column naming the file.
SIDECAR_FIELDS = {
    "title": ("title", "headline"),
    "outlet": ("publisher", "outlet", "source", "site"),
    "outlet_name": ("outlet_name", "publisher_name"),
    "date": ("publication_date", "date", "published"),
    "author": ("author",),
    "url": ("url",),
    "wire": ("wire",),
}
SIDECAR_KEYS = ("filename", "file", "stem", "name", "id", "path")
# Values a sidecar or record uses for "nothing known".
_NULLS = frozenset({"", "none", "null", "na", "n/a", "nan", "-", "unknown"})


class SidecarCache:
    """Parsed sidecars by directory, each read (and its problems reported) once."""

    def __init__(self, on_problem: OnProblem = None, max_bytes: Optional[int] = MAX_FILE_BYTES):
        """An empty cache reporting sidecar problems to on_problem; sidecars over max_bytes are not read."""
        self._report = on_problem or (lambda p: None)
        self._max_bytes = max_bytes
        self._dirs: dict[str, dict[str, dict]] = {}

    def lookup(self, src: SourceFile) -> dict:
        """The metadata row for a text file: nearest sidecar (its dir, then ancestors to the root) naming its stem."""
        stem = os.path.splitext(os.path.basename(src.rel))[0]
        stems = [stem]
        if undecodable(stem):
            # A name that is not UTF-8 was most likely written by the same 8-bit tool as its sidecar,
            # which is then read as cp1252 too: look the name up that way as well.
            stems.append(os.fsencode(stem).decode("cp1252", errors=LATIN1_FALLBACK))
        for d in sidecar_dirs(src.root, src.rel):
            rows = self._load(d)
            for s in stems:
                if s in rows:
                    return rows[s]
        return {}

    def _load(self, d: str) -> dict[str, dict]:
        """Rows of the sidecars in directory d, keyed by file stem."""
        if d in self._dirs:
            return self._dirs[d]
        rows: dict[str, dict] = {}
        for name in reversed(SIDECARS):      # .tsv read last so that it wins over .csv
            p = os.path.join(d, name)
            if os.path.isfile(p):
                rows.update(read_sidecar(p, self._report, self._max_bytes))
        self._dirs[d] = rows
        return rows


def read_sidecar(path: str, on_problem: OnProblem = None,
                 max_bytes: Optional[int] = MAX_FILE_BYTES) -> dict[str, dict]:
    """A metadata.tsv/.csv as {file stem: {title, outlet, outlet_name, date, author, url, wire}}
    (nulls dropped)."""
    report = on_problem or (lambda p: None)
    try:
        with open(path, "rb") as f:
            if not within_limit(os.fstat(f.fileno()).st_size, max_bytes, path, report, "sidecar ignored",
                                warning=True):
                return {}
            data = f.read()
    except OSError as e:
        report(Problem(path, os_reason(e, path) + "; sidecar ignored", warning=True))
        return {}
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors=LATIN1_FALLBACK)
    delim = "\t" if path.lower().endswith(".tsv") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    rows: dict[str, dict] = {}
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        key_col = next((header.index(k) for k in SIDECAR_KEYS if k in header), None)
        if key_col is None:
            report(Problem(path, f"sidecar has no file column (tried {', '.join(SIDECAR_KEYS)}); ignored",
                           1, warning=True))
            return {}
        cols = {name: next((header.index(k) for k in keys if k in header), None)
                for name, keys in SIDECAR_FIELDS.items()}
        for row in reader:
            if not row or key_col >= len(row) or not row[key_col].strip():
                continue
            stem = os.path.splitext(os.path.basename(row[key_col].strip()))[0]
            meta = {}
            for name, c in cols.items():
                if c is not None and c < len(row) and row[c].strip().lower() not in _NULLS:
                    meta[name] = row[c].strip()
            rows[stem] = meta
    except csv.Error as e:      # e.g. a field over the csv module's 128 kB limit
        report(Problem(path, f"bad CSV ({e}); the sidecar's rows from here on are ignored",
                       reader.line_num, warning=True))
    return rows
