"""Reading a corpus: finding files, decoding them, JSON/JSONL records, sidecar metadata, text heuristics.

Input is any mix of files and directories (walked recursively, symlinks followed, loops reported).
Only `.txt`, `.json` and `.jsonl` files are read (extension in any case); files of any other extension, hidden files and
directories (name starting with "."), and README/LICENSE/COPYING/CHANGELOG/NOTICE files are ignored
when met inside a directory. `metadata.tsv` /
`metadata.csv` sidecars are read as metadata, not as articles.

Article ids:
- a text file: its path relative to the corpus root it was found under, with "/" separators
  (a file named directly on the command line: its file name);
- the Nth record of a `.json` array or `.jsonl` file: that path plus "#N", N counting from 1
  (for JSONL, N counts records, not lines: blank lines are not records).

Everything that goes wrong with one file or record is reported once through `on_problem` as a
`Problem` and the rest goes on. Article.text is the text as read: only a BOM is stripped and CRLF
becomes LF, so that quote offsets point into the original words.
"""
from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import date as _date
from typing import Callable, Iterable, Iterator, Optional

from .records import Article

TEXT_EXT = ".txt"
RECORD_EXTS = (".json", ".jsonl")
EXTENSIONS = (TEXT_EXT,) + RECORD_EXTS
# Corpus documentation that sits beside the articles (bbc/README.TXT): not an article.
NOT_ARTICLES = frozenset({"readme", "license", "licence", "copying", "changelog", "notice"})
SIDECARS = ("metadata.tsv", "metadata.csv")

# Record field names, first one present wins.
TEXT_FIELDS = ("text", "body", "content")
FIELDS = {
    "title": ("title", "headline"),
    "outlet": ("outlet", "publisher", "source", "site"),
    "date": ("date", "published", "publication_date"),
    "url": ("url",),
    "author": ("author",),
    "dateline": ("dateline",),
    "wire": ("wire",),
}
# Sidecar column names (lower-cased) for the same facts, and for the column naming the file.
SIDECAR_FIELDS = {
    "title": ("title", "headline"),
    "outlet": ("publisher", "outlet", "source", "site"),
    "date": ("publication_date", "date", "published"),
    "author": ("author",),
    "url": ("url",),
    "wire": ("wire",),
}
SIDECAR_KEYS = ("filename", "file", "stem", "name", "id", "path")
# Values a sidecar or record uses for "nothing known".
_NULLS = frozenset({"", "none", "null", "na", "n/a", "nan", "-", "unknown"})


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input: which file (and line), why; `warning` when nothing was skipped."""

    path: str
    reason: str
    line: Optional[int] = None
    warning: bool = False

    def __str__(self) -> str:
        """ "path:line: reason", with "warning: " in front when nothing was skipped."""
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{'warning: ' if self.warning else ''}{where}: {self.reason}"


OnProblem = Optional[Callable[[Problem], None]]


@dataclass(frozen=True)
class SourceFile:
    """One corpus file found by `discover`: where it is, and a cheap stamp to tell whether it changed."""

    root: str                 # the directory (or file) given, as given
    rel: str                  # path relative to root with "/" separators (the id prefix)
    path: str                 # root joined with rel, as given (Article.path)
    size: int
    mtime_ns: int
    sidecars: tuple[tuple[str, int, int], ...] = field(default=())  # (path, size, mtime_ns) that may apply

    @property
    def stamp(self) -> tuple:
        """Changes when the file or a sidecar that may describe it changes (size or mtime)."""
        return (self.size, self.mtime_ns, self.sidecars)


# ---------------------------------------------------------------------------------------------
# Finding files


def discover(paths: Iterable[str], on_problem: OnProblem = None) -> list[SourceFile]:
    """The corpus files under paths, in argument order then sorted by relative path."""
    report = on_problem or (lambda p: None)
    out: list[SourceFile] = []
    for given in paths:
        try:
            st = os.stat(given)
        except OSError as e:
            report(Problem(given, _os_reason(e, given)))
            continue
        if stat.S_ISDIR(st.st_mode):
            found: list[tuple[str, os.stat_result]] = []
            _walk(given, "", {_inode(st)}, found, report)
            found.sort(key=lambda x: x[0].split("/"))
            for rel, fst in found:
                out.append(_source(given, rel, os.path.join(given, *rel.split("/")), fst))
        elif stat.S_ISREG(st.st_mode):
            name = os.path.basename(given)
            if not name.lower().endswith(EXTENSIONS):
                report(Problem(given, "not a .txt, .json or .jsonl file; ignored"))
                continue
            out.append(_source(os.path.dirname(given), name, given, st))
        else:
            report(Problem(given, "not a regular file or directory; ignored"))
    return out


def _walk(top: str, rel: str, ancestors: set, found: list, report) -> None:
    """Collect (rel, stat) of corpus files below top/rel; ancestors holds the directories above, for loops."""
    here = os.path.join(top, *rel.split("/")) if rel else top
    try:
        entries = sorted(os.scandir(here), key=lambda e: e.name)
    except OSError as e:
        report(Problem(here, _os_reason(e, here)))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        sub = f"{rel}/{entry.name}" if rel else entry.name
        try:
            st = entry.stat()          # follows symlinks
        except OSError as e:
            if entry.name.lower().endswith(EXTENSIONS) or entry.is_symlink():
                report(Problem(entry.path, _os_reason(e, entry.path)))
            continue
        if stat.S_ISDIR(st.st_mode):
            key = _inode(st)
            if key in ancestors:
                report(Problem(entry.path, "symlink loop (points back to a directory above it); not followed"))
                continue
            _walk(top, sub, ancestors | {key}, found, report)
        elif (stat.S_ISREG(st.st_mode) and entry.name.lower().endswith(EXTENSIONS)
              and os.path.splitext(entry.name)[0].lower() not in NOT_ARTICLES):
            found.append((sub, st))
        elif not stat.S_ISREG(st.st_mode) and entry.name.lower().endswith(EXTENSIONS):
            # A FIFO, socket or device named like an article: opening a FIFO would block forever.
            report(Problem(entry.path, "not a regular file (FIFO, socket or device); skipped"))


def _inode(st: os.stat_result) -> tuple[int, int]:
    """A directory's identity, to notice when a symlink leads back to it."""
    return (st.st_dev, st.st_ino)


def _os_reason(e: OSError, path: str) -> str:
    """A short human reason for an OSError (without repeating the path)."""
    import errno
    if e.errno == errno.ELOOP:
        return "symlink loop; not followed"
    if e.errno == errno.ENOENT:
        return "broken symlink (target missing)" if os.path.islink(path) else "no such file or directory"
    if e.errno == errno.EACCES:
        return "cannot read: permission denied"
    return f"cannot read: {e.strerror or e}"


def _source(root: str, rel: str, path: str, st: os.stat_result) -> SourceFile:
    """A SourceFile with the stamps of the sidecars that may apply to it."""
    sidecars = []
    if rel.lower().endswith(TEXT_EXT):
        for d in _sidecar_dirs(root, rel):
            for name in SIDECARS:
                p = os.path.join(d, name)
                try:
                    s = os.stat(p)
                except OSError:
                    continue
                sidecars.append((p, s.st_size, s.st_mtime_ns))
    return SourceFile(root, rel, path, st.st_size, st.st_mtime_ns, tuple(sidecars))


def _sidecar_dirs(root: str, rel: str) -> list[str]:
    """The file's directory and its ancestors up to the corpus root, nearest first."""
    parts = rel.split("/")[:-1]
    return [os.path.join(root, *parts[:i]) if i else (root or ".") for i in range(len(parts), -1, -1)]


def file_hash(data: bytes) -> str:
    """Content hash used to detect changed articles (blake2b, 16 bytes, hex)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


# ---------------------------------------------------------------------------------------------
# Reading


def iter_articles(paths: Iterable[str], on_problem: OnProblem = None) -> Iterator[Article]:
    """Every article under paths, in a deterministic order; problems go to on_problem, once each."""
    report = on_problem or (lambda p: None)
    seen: dict[str, str] = {}
    sidecars = SidecarCache(report)
    for src in discover(paths, report):
        for art in read_source(src, report, sidecars):
            if art.id in seen:
                report(Problem(art.path, f"duplicate article id {art.id!r} (already read from {seen[art.id]}); skipped"))
                continue
            seen[art.id] = art.path
            yield art


def read_file(path: str, root: Optional[str] = None, on_problem: OnProblem = None) -> Iterator[Article]:
    """The articles of one file; ids relative to root (default: the file's directory)."""
    root = os.path.dirname(path) if root is None else root
    rel = os.path.relpath(path, root or ".").replace(os.sep, "/")
    report = on_problem or (lambda p: None)
    try:
        st = os.stat(path)
    except OSError as e:
        report(Problem(path, _os_reason(e, path)))
        return
    yield from read_source(_source(root, rel, path, st), report)


def read_source(src: SourceFile, on_problem: OnProblem = None,
                sidecars: Optional["SidecarCache"] = None,
                data: Optional[bytes] = None) -> Iterator[Article]:
    """The articles of one discovered file (its bytes, when the caller has read them already)."""
    report = on_problem or (lambda p: None)
    if data is None:
        try:
            with open(src.path, "rb") as f:
                data = f.read()
        except OSError as e:
            report(Problem(src.path, _os_reason(e, src.path)))
            return
    if not data or data.isspace():
        report(Problem(src.path, "empty file; skipped"))
        return
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # A UTF-16 BOM: Windows tools write text this way; it is text despite its NUL bytes.
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            pass
    nul = data.find(b"\0")
    if nul >= 0:
        report(Problem(src.path, f"binary file (NUL byte at offset {nul}), not text; skipped"))
        return
    text = _decode(data, src.path, report)
    if text is None:
        return
    if src.rel.lower().endswith(TEXT_EXT):
        sidecars = sidecars or SidecarCache(report)
        meta = sidecars.lookup(src)
        h = file_hash(data + (json.dumps(meta, sort_keys=True).encode() if meta else b""))
        yield article_from_text(src.rel, src.path, text, meta, h)
    elif src.rel.lower().endswith(".jsonl"):
        yield from _jsonl_articles(src, text, report)
    else:
        yield from _json_articles(src, text, report)


# C0 control characters other than the white space ones (\t \n \v \f \r): a sign of binary data.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")


def _decode(data: bytes, path: str, report) -> Optional[str]:
    """UTF-8 (BOM stripped), else cp1252 with a warning; CRLF -> LF. None (reported) when not text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        text = body.decode("cp1252", errors=_LATIN1_FALLBACK)
        report(Problem(path, f"not valid UTF-8 (byte {e.start}); decoded as cp1252", warning=True))
    head = text[:4096]
    controls = len(_CONTROLS.findall(head))
    if controls > max(8, len(head) // 20):
        report(Problem(path, "binary file (control characters), not text; skipped"))
        return None
    return text.replace("\r\n", "\n")


def _latin1_fallback(err: UnicodeDecodeError):
    """cp1252 leaves five bytes undefined: read those as their Latin-1 code points rather than fail."""
    bad = err.object[err.start:err.end]
    return "".join(chr(b) for b in bad), err.end


_LATIN1_FALLBACK = "quote-index-latin1"
codecs.register_error(_LATIN1_FALLBACK, _latin1_fallback)


# ---------------------------------------------------------------------------------------------
# JSON and JSON-lines records


def _json_articles(src: SourceFile, text: str, report) -> Iterator[Article]:
    """Articles of a .json file: an array of records (a single object counts as one record)."""
    try:
        records = list(_json_array(text))
    except json.JSONDecodeError as e:
        report(Problem(src.path, f"invalid JSON: {e.msg} (column {e.colno}); file skipped", e.lineno))
        return
    except ValueError as e:
        report(Problem(src.path, f"{e}; file skipped", 1))
        return
    except RecursionError:      # "[[[[..." 100,000 deep: the decoder recurses per level
        report(Problem(src.path, "invalid JSON: nested too deeply; file skipped", 1))
        return
    if not records:
        report(Problem(src.path, "no records (empty JSON array); skipped"))
        return
    for n, (line, rec) in enumerate(records, 1):
        art = article_from_record(rec, f"{src.rel}#{n}", src.path, line, report)
        if art is not None:
            yield art


def _json_array(text: str) -> Iterator[tuple[int, object]]:
    """(line, record) for each element of a top-level JSON array, without quadratic line counting."""
    dec = json.JSONDecoder()
    ws = re.compile(r"[ \t\n\r]*")
    pos = ws.match(text).end()
    if text.startswith("{", pos):
        obj, end = dec.raw_decode(text, pos)
        _expect_end(text, ws.match(text, end).end())
        yield text.count("\n", 0, pos) + 1, obj
        return
    if not text.startswith("[", pos):
        raise ValueError("expected a JSON array of records (or one record object)")
    line, counted = 1, 0
    pos = ws.match(text, pos + 1).end()
    if text.startswith("]", pos):
        _expect_end(text, ws.match(text, pos + 1).end())
        return
    while True:
        line += text.count("\n", counted, pos)
        counted = pos
        obj, pos = dec.raw_decode(text, pos)
        yield line, obj
        pos = ws.match(text, pos).end()
        if text.startswith(",", pos):
            pos = ws.match(text, pos + 1).end()
            continue
        if text.startswith("]", pos):
            _expect_end(text, ws.match(text, pos + 1).end())
            return
        raise _decode_error("expected ',' or ']' after a record", text, pos)


def _expect_end(text: str, pos: int) -> None:
    """Raise a JSONDecodeError when anything but white space follows the top-level value."""
    if pos < len(text):
        raise _decode_error("extra data after the top-level value", text, pos)


def _decode_error(msg: str, text: str, pos: int) -> json.JSONDecodeError:
    """A JSONDecodeError at pos (it computes line and column itself)."""
    return json.JSONDecodeError(msg, text, pos)


def _jsonl_articles(src: SourceFile, text: str, report) -> Iterator[Article]:
    """Articles of a .jsonl file: one record per non-blank line; a bad line is skipped alone."""
    n = 0
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        n += 1
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            report(Problem(src.path, f"invalid JSON: {e.msg} (column {e.colno}); record {n} skipped", lineno))
            continue
        except RecursionError:  # a line of "[[[[..." nested deeper than the decoder recurses
            report(Problem(src.path, f"invalid JSON: nested too deeply; record {n} skipped", lineno))
            continue
        except ValueError as e:  # e.g. an integer of more than 4300 digits
            report(Problem(src.path, f"invalid JSON: {e}; record {n} skipped", lineno))
            continue
        art = article_from_record(rec, f"{src.rel}#{n}", src.path, lineno, report)
        if art is not None:
            yield art
    if n == 0:
        report(Problem(src.path, "no records; skipped"))


def article_from_record(rec: object, art_id: str, path: str, line: Optional[int] = None,
                        on_problem: OnProblem = None) -> Optional[Article]:
    """An Article from one JSON record, or None (reported) when it has no usable text."""
    report = on_problem or (lambda p: None)
    n = art_id.rsplit("#", 1)[-1]
    if not isinstance(rec, dict):
        report(Problem(path, f"record {n} is a {_jtype(rec)}, expected an object; skipped", line))
        return None
    key = next((k for k in TEXT_FIELDS if rec.get(k) is not None), None)
    if key is None:
        report(Problem(path, f"record {n} has no text field (tried {', '.join(TEXT_FIELDS)}); skipped", line))
        return None
    text = rec[key]
    if not isinstance(text, str):
        report(Problem(path, f"record {n}: field {key!r} is a {_jtype(text)}, expected a string; skipped", line))
        return None
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    if _SURROGATE.search(text):
        # "\ud800" escapes decode to lone surrogates that no UTF-8 writer accepts; one for one keeps offsets.
        text = _SURROGATE.sub("\ufffd", text)
        report(Problem(path, f"record {n}: field {key!r} has lone surrogate escapes; replaced by U+FFFD",
                       line, warning=True))
    if not text.strip():
        report(Problem(path, f"record {n}: field {key!r} is empty; skipped", line))
        return None
    meta: dict[str, Optional[str]] = {}
    for name, keys in FIELDS.items():
        k = next((k for k in keys if rec.get(k) is not None), None)
        if k is None:
            continue
        v = rec[k]
        if isinstance(v, (int, float)) and not isinstance(v, bool) and name not in ("date",):
            v = str(v)
        if not isinstance(v, str):
            report(Problem(path, f"record {n}: field {k!r} is a {_jtype(v)}, expected a string; ignored",
                           line, warning=True))
            continue
        meta[name] = _SURROGATE.sub("\ufffd", v)
    h = file_hash(json.dumps(rec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
                  .encode("utf-8", "surrogatepass"))
    return build_article(art_id, path, text, meta, h, title_from_text=False)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _jtype(v: object) -> str:
    """The JSON name of a value's type, for messages."""
    return {dict: "object", list: "list", str: "string", bool: "boolean", int: "number",
            float: "number", type(None): "null"}.get(type(v), type(v).__name__)


# ---------------------------------------------------------------------------------------------
# Sidecar metadata (metadata.tsv / metadata.csv)


class SidecarCache:
    """Parsed sidecars by directory, each read (and its problems reported) once."""

    def __init__(self, on_problem: OnProblem = None):
        """An empty cache reporting sidecar problems to on_problem."""
        self._report = on_problem or (lambda p: None)
        self._dirs: dict[str, dict[str, dict]] = {}

    def lookup(self, src: SourceFile) -> dict:
        """The metadata row for a text file: nearest sidecar (its dir, then ancestors to the root) naming its stem."""
        stem = os.path.splitext(os.path.basename(src.rel))[0]
        for d in _sidecar_dirs(src.root, src.rel):
            rows = self._load(d)
            if stem in rows:
                return rows[stem]
        return {}

    def _load(self, d: str) -> dict[str, dict]:
        """Rows of the sidecars in directory d, keyed by file stem."""
        if d in self._dirs:
            return self._dirs[d]
        rows: dict[str, dict] = {}
        for name in reversed(SIDECARS):      # .tsv read last so that it wins over .csv
            p = os.path.join(d, name)
            if os.path.isfile(p):
                rows.update(read_sidecar(p, self._report))
        self._dirs[d] = rows
        return rows


def read_sidecar(path: str, on_problem: OnProblem = None) -> dict[str, dict]:
    """A metadata.tsv/.csv as {file stem: {title, outlet, date, author, url, wire}} (nulls dropped)."""
    report = on_problem or (lambda p: None)
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        report(Problem(path, _os_reason(e, path) + "; sidecar ignored", warning=True))
        return {}
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors=_LATIN1_FALLBACK)
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


# ---------------------------------------------------------------------------------------------
# What the text itself says: title line, date line, dateline, wire signature


# Wire agencies as they sign (lower-case key) -> the name we store.
AGENCIES = {
    "afp": "AFP", "ap": "AP", "associated press": "AP", "reuters": "Reuters", "reuter": "Reuters",
    "upi": "UPI", "dpa": "dpa", "xinhua": "Xinhua", "efe": "EFE", "ansa": "ANSA", "pti": "PTI",
    "ians": "IANS", "kyodo": "Kyodo", "yonhap": "Yonhap", "tass": "TASS", "bloomberg": "Bloomberg",
}
_AGENCY = r"(?:AFP|AP|Associated Press|Reuters?|REUTERS?|UPI|dpa|DPA|Xinhua|EFE|ANSA|PTI|IANS|Kyodo|Yonhap|TASS|Bloomberg)"
_DASH = r"[-\u2013\u2014\u2015]"
_WS = r"[ \t\u00a0]"
# Only the start and the end of a text are looked at, so big files cost nothing extra.
_HEAD, _TAIL = 2000, 300

# "date 2022-03-14", "Date: March 14, 2022", "Published: 2022-03-14" at the very start of a line.
_DATE_LINE = re.compile(r"[ \t]*(?:date|dated|published)[ \t]*:?[ \t]+"
                        r"(\d{4}-\d{2}-\d{2}|\d{1,2}[-/ ][A-Za-z]{3,9}\.?[-/ ]\d{4}|[A-Za-z]{3,9}\.? \d{1,2},? \d{4}"
                        r"|\d{4}/\d{2}/\d{2})\b", re.I)
# "MILAN:", "WASHINGTON (AP) —", "NEW YORK, March 3 (Reuters) -", "SALVADOR, Feb 26 -",
# "COLUMBIA, S.C. (AP) —", "FLINT, Mich., Oct. 4 (UPI) —", "BOSTON —Standing ..."
_DATELINE = re.compile(
    r"[ \t]*(?P<place>[A-Z][A-Z.'\u2019]*(?:[ -][A-Z][A-Z.'\u2019]*){0,3})"
    r"(?:," + _WS + r"+[A-Z][A-Za-z.]*(?:" + _WS + r"+[A-Z][A-Za-z.]*)?(?:" + _WS + r"+\d{1,2})?){0,2}"
    r"(?:" + _WS + r"*\((?P<wire>" + _AGENCY + r")\))?"
    # A hyphen needs a space after it ("U.S.-China" is no dateline); a long dash need not.
    r"" + _WS + r"*(?::" + _WS + r"|-{1,2}" + _WS + r"|[\u2013\u2014\u2015]{1,2}(?:" + _WS + r"|(?=[A-Z\"\u201c])))")
# Capitalised openers that are not places.
NOT_PLACES = frozenset("""EXCLUSIVE BREAKING UPDATE UPDATED BYLINE WATCH VIDEO PHOTOS PHOTO LOOK BOOM BUSTED
ANALYSIS OPINION EDITORIAL COMMENTARY REVIEW NOTE CORRECTION LIVE FLASHBACK REPORT WOW ALERT
HUFFPOLLSTER ABSTRACT LETTERS FACEBOOK TWITTER""".split()) | frozenset(a.upper() for a in AGENCIES)
_NOT_PLACE_WORDS = frozenset("IS ARE WAS WERE WILL HAS HAVE".split())
_WIRE_END = re.compile(
    r"(?:" + _DASH + r"[ \t]*(?P<a>" + _AGENCY + r")"            # "...night.-AFP", "— AP"
    r"|\n[ \t]*\(?(?P<b>(?i:" + _AGENCY + r"))\)?"              # "\n Reuter", "\nreuter" on its own line
    r"|(?<=[.!?\"'\u201d])[ \t]+(?P<d>REUTERS?)"                 # "... 14 pct. REUTER" (capitals only)
    r"|\((?P<c>" + _AGENCY + r")\))"                            # "... (Reuters)"
    # Reuters-21578 leaves teleprinter debris after the signature: "REUTER...", "REUTER^M", "REUTER N".
    r"(?:\.{2,}|\^M|[ \t]+[A-Z]{1,3}|\d)*"
    r"[ \t]*\.?(?:[ \t\n]*&#3;)?\s*\Z")


def build_article(art_id: str, path: str, text: str, meta: dict, h: str, *,
                  title_from_text: bool = True) -> Article:
    """An Article from text plus metadata; what metadata lacks is recovered from the text."""
    facts = text_facts(text, title=title_from_text)
    wire = _agency(meta.get("wire")) or meta.get("wire") or facts["wire"]
    dateline = _dateline_place(meta.get("dateline")) or facts["dateline"]
    date = normalize_date(meta.get("date")) if meta.get("date") else None
    return Article(
        id=art_id, path=path, text=text,
        title=(meta.get("title") or facts["title"] or None),
        # A wire signature names the outlet only when nothing else says who published it.
        outlet=meta.get("outlet") or wire,
        date=date or facts["date"],
        author=meta.get("author"), url=meta.get("url"),
        dateline=dateline, wire=wire, hash=h)


def article_from_text(rel: str, path: str, text: str, meta: Optional[dict] = None, h: str = "") -> Article:
    """An Article from a text file's decoded text and its sidecar row (if any)."""
    return build_article(rel, path, text, meta or {}, h or file_hash(text.encode()))


def text_facts(text: str, title: bool = True) -> dict[str, Optional[str]]:
    """What the text says about itself: title line, date line, dateline place, wire agency."""
    head = text[:_HEAD]
    facts: dict[str, Optional[str]] = {"title": None, "date": None, "dateline": None, "wire": None}
    pos = 0
    lines = head.split("\n")
    first = lines[0]
    # A title: a short first line, then a blank line, then more text; not a dateline or date line.
    if (title and len(lines) > 2 and not lines[1].strip() and first.strip()
            and len(first) <= 160 and len(first.split()) <= 30
            and not _DATE_LINE.match(first) and not _DATELINE.match(first)):
        facts["title"] = first.strip()
        pos = len(first) + 1
        while pos < len(head) and head[pos] in " \t\n":
            pos += 1
    m = _DATE_LINE.match(head, pos)
    if m:
        facts["date"] = normalize_date(m.group(1))
        pos = m.end()
        while pos < len(head) and head[pos] in " \t\n":
            pos += 1
    m = _DATELINE.match(head, pos)
    if m and _is_place(m.group("place")):
        facts["dateline"] = _dateline_place(m.group("place"))
        facts["wire"] = _agency(m.group("wire"))
    if not facts["wire"]:
        tail = text[-_TAIL:]
        m = _WIRE_END.search(tail)
        if m:
            facts["wire"] = _agency(m.group("a") or m.group("b") or m.group("c") or m.group("d"))
    return facts


def _is_place(s: str) -> bool:
    """False for capitalised openers that are not places ("EXCLUSIVE —", "FIX IS IN:")."""
    words = s.replace("-", " ").split()
    return s.strip() not in NOT_PLACES and not _NOT_PLACE_WORDS.intersection(words)


def _agency(s: Optional[str]) -> Optional[str]:
    """The canonical agency name for a signature ("Reuter" -> "Reuters"), None when not an agency."""
    return AGENCIES.get(s.strip().lower()) if s else None


def _dateline_place(s: Optional[str]) -> Optional[str]:
    """The place of a dateline ("SALVADOR, Feb 26 -" -> "SALVADOR"), None when empty."""
    if not s:
        return None
    place = re.split(r"[,(:]|\s" + _DASH, s, maxsplit=1)[0].strip(" \t\u00a0-\u2013\u2014\u2015")
    return place or None


# ---------------------------------------------------------------------------------------------
# Dates

_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ]|\s)")
_SLASHED = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})\b")
_DMY = re.compile(r"(\d{1,2})[-/ ]([A-Za-z]{3,9})\.?[-/ ,]+(\d{4})\b")   # 26-FEB-1987, 14 March 2022
_MDY = re.compile(r"([A-Za-z]{3,9})\.?[ ]+(\d{1,2})(?:st|nd|rd|th)?,?[ ]+(\d{4})\b")   # March 14, 2022


def normalize_date(s: object) -> Optional[str]:
    """A date in one of the common news forms as YYYY-MM-DD; None when it does not parse."""
    if not isinstance(s, str):
        return None
    s = s.strip()
    for rx, order in ((_ISO, "ymd"), (_SLASHED, "ymd"), (_DMY, "dmy"), (_MDY, "mdy")):
        m = rx.match(s + " ") if rx is _ISO else rx.match(s)
        if not m:
            continue
        parts = dict(zip(order, m.groups()))
        month = parts["m"]
        if not month.isdigit():
            month = _MONTHS.get(month[:3].lower())
            if month is None or (len(parts["m"]) > 3 and not _full_month(parts["m"])):
                return None
        try:
            return _date(int(parts["y"]), int(month), int(parts["d"])).isoformat()
        except ValueError:
            return None
    return None


def _full_month(word: str) -> bool:
    """True for a month name or a common abbreviation ("Sept")."""
    w = word.lower().rstrip(".")
    return w in ("january", "february", "march", "april", "may", "june", "july", "august",
                 "september", "october", "november", "december", "sept")
