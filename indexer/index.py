"""The Whoosh index on disk: schema, atomic full build, incremental update, the writer lock.

Layout of an index directory (one directory, swapped as a whole):
- Whoosh index "MAIN" holding two kinds of documents (field `kind`): `article` and `quote`.
  One index rather than two side by side, so that a single searcher, a single commit and a
  single rename keep articles and quotes consistent with each other.
- `speakers.json`: every identity (id, name, aliases, counts, outlets, first/last date) and
  `clusters.json`: every cluster carried by two or more articles. Small tables loaded once per
  opened index: speaker look-ups and name completion are dict/rapidfuzz look-ups in memory,
  never a scan of the quote documents. A quote alone in its cluster is not listed there; its
  cluster is found through the `cluster` field of the quote documents.
- `files.json`: per source file its content hash and the ids of the articles it gave, so that
  `update` re-reads only new and changed files; everything else comes from stored fields.
- `words.json`: the words of the quotes with counts, for "did you mean" suggestions.
- `meta.json`: format, build id, time, corpus roots, counts. Written last, before the swap.

Writers (build, update) never touch the live directory: they write `<index>.new-<pid>` beside it,
fsync it, rename the live one to `<index>.old-<pid>`, rename the new one in, then delete the old.
Readers that opened the old directory keep their open files (Linux keeps renamed and deleted
files alive while open) and reopen when they notice the swap. A lock file `<index>.lock` held
with flock() serialises writers; it records who holds it, and the kernel drops it when its holder
dies, so a lock left by a killed build is recovered (and said so) by the next writer.
"""
from __future__ import annotations

import fcntl
import functools
import glob
import hashlib
import json
import os
import re
import shutil
import socket
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Iterable, Iterator, Optional

from whoosh import index as windex
from whoosh.analysis import (CharsetFilter, IDTokenizer, LowercaseFilter, RegexTokenizer, Token,
                             Tokenizer)
from whoosh.lang.porter import stem as _stem
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

from . import clusters as clustering
from .resolve import identities
from .corpus import Problem, SourceFile, discover, read_source, SidecarCache
from .records import Article, Quote, quote_id

FORMAT = 3               # bumped when the schema or side tables change; readers refuse others
INDEX_NAME = "MAIN"
CONTEXT = 200            # characters of article text kept before and after each quote
LOCK_TIMEOUT = 10.0      # seconds a writer waits for another writer by default
# Whoosh's posting pool spills sorted runs (pickled) to disk beyond this; at 1024 MB the 22,000
# articles of the benchmark corpus stay in memory (peak RSS ~1 GB) and the build takes 30% less
# CPU than at 256 MB, which spilled three runs and merged them back.
WRITER_LIMIT_MB = 1024

class FoldStemTokenizer(Tokenizer):
    """Words -> lower-cased, accent-folded, Porter-stemmed terms, in one pass.

    Equivalent to RegexTokenizer | LowercaseFilter | CharsetFilter(accent_map) | StemFilter, but
    a single generator with a memo of word -> term: Whoosh's filter chain costs a generator step
    per token per filter, and analysis was a third of the build time on the 22,000 articles.
    """

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        """Yield one reused Token per word, as Whoosh tokenizers do."""
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            # Whole-value terms (wildcards, ranges): only case and accents are folded.
            t.original = t.text = identities.fold(value)
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(value)
            yield t
            return
        term = _term
        pos = start_pos
        for m in _TOKEN.finditer(value):
            word = m.group()
            t.text = term(word)
            if keeporiginal:
                t.original = word
            t.stopped = False
            t.boost = 1.0
            if positions:
                t.pos = pos
                pos += 1
            if chars:
                t.startchar = start_char + m.start()
                t.endchar = start_char + m.end()
            yield t


class BigramTokenizer(Tokenizer):
    """Pairs of consecutive terms ("of the"), so that a quote phrase is a term look-up.

    Whoosh checks a phrase by decoding word positions in every document holding all its words;
    for "of the" that is most quotes. With the pairs indexed, a two-word phrase is one posting
    list and a longer one is checked only on the quotes holding all its pairs (see search.py).
    """

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        """Yield one reused Token per pair of consecutive terms."""
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        prev = None
        for pos, m in enumerate(_TOKEN.finditer(value)):
            term = _term(m.group())
            if prev is not None:
                t.text = f"{prev} {term}"
                t.boost = 1.0
                t.stopped = False
                if positions:
                    t.pos = start_pos + pos - 1
                yield t
            prev = term


def bigrams(terms: list[str]) -> list[str]:
    """The pair terms BigramTokenizer indexes for a list of (analysed) terms."""
    return [f"{a} {b}" for a, b in zip(terms, terms[1:])]


_TOKEN = re.compile(r"\w+(?:\.?\w+)*")       # RegexTokenizer's default pattern


@functools.lru_cache(maxsize=300_000)
def _term(word: str) -> str:
    """The indexed form of one word (memoised: news vocabulary is small next to its token count)."""
    return _stem(identities.fold(word))


# Text fields: stemmed (so "penalties" finds "penalty") but stop words kept (phrases of quotes
# are made of them: "didn't call me"), accents folded so "Sanchez" finds "Sánchez". The
# highlighter re-analyses the stored original text, so the original words are what is marked.
TEXT_ANALYZER = FoldStemTokenizer()
NAME_ANALYZER = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
KEY_ANALYZER = IDTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def make_schema() -> Schema:
    """The fields articles and quotes are indexed under (shared names, `kind` tells them apart)."""
    return Schema(
        kind=ID(stored=True),
        id=ID(stored=True, unique=True),
        file=ID(stored=True),                       # source file key, to drop a file's documents
        article=ID(stored=True),
        # Quote text and article body are separate fields so that a phrase query on quotes
        # reads only quote postings, never the (much longer) position lists of article bodies.
        quote=TEXT(analyzer=TEXT_ANALYZER, stored=True, phrase=True),
        quote_pairs=TEXT(analyzer=BigramTokenizer(), phrase=False),     # for fast quote phrases
        text=TEXT(analyzer=TEXT_ANALYZER, stored=True, phrase=True),    # article body
        title=TEXT(analyzer=TEXT_ANALYZER, stored=True, phrase=True),
        speaker=TEXT(analyzer=NAME_ANALYZER, phrase=True),   # display name and every alias
        speaker_id=ID(stored=True, sortable=True),
        speaker_name=STORED(),                      # the name as the article gives it
        role=TEXT(analyzer=NAME_ANALYZER, stored=True),
        cue=ID(analyzer=KEY_ANALYZER, stored=True),
        outlet=ID(analyzer=KEY_ANALYZER, stored=True, sortable=True),
        medium=ID(analyzer=KEY_ANALYZER, stored=True, sortable=True),
        date=ID(stored=True, sortable=True),        # YYYY-MM-DD: sorts and ranges as text
        year=ID(sortable=True),
        cluster=ID(stored=True),
        start=NUMERIC(stored=True, sortable=True),  # quote offset, to list an article's quotes in order
        quote_count=STORED(),
        spans=STORED(), mention=STORED(), nested=STORED(), rule=STORED(),
        before=STORED(), after=STORED(),
        path=STORED(), author=STORED(), url=STORED(), dateline=STORED(), wire=STORED(),
        hash=STORED(),
        derived=STORED(),                           # hash of the corpus-level facts in this doc
    )


# ---------------------------------------------------------------------------------------------
# Reports


@dataclass
class Report:
    """What a build or update did, for the summary line and for tests."""

    mode: str = "build"
    articles: int = 0
    quotes: int = 0
    speakers: int = 0
    clusters: int = 0                  # clusters carried by two or more articles
    files: int = 0                     # source files read (update: re-read)
    added: int = 0
    changed: int = 0
    deleted: int = 0
    rewritten: int = 0                 # update: unchanged quotes whose speaker/cluster changed
    skipped: list = field(default_factory=list)     # [(path, reason)] inputs not indexed
    warnings: list = field(default_factory=list)    # [(path, reason)] read, with a remark
    messages: list = field(default_factory=list)    # lock recovery, leftovers cleaned
    seconds: float = 0.0
    index: str = ""

    def to_json(self) -> dict:
        """The report as a plain dict."""
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


class IndexError_(Exception):
    """A build or update could not be done; the message says why (shown to users as is)."""


class LockTimeout(IndexError_):
    """Another writer holds the index lock; the message names it (pid, host, start time)."""


# ---------------------------------------------------------------------------------------------
# The writer lock


class WriterLock:
    """flock()-based lock beside the index, recording its holder; released by the kernel on death."""

    def __init__(self, index_dir: str, timeout: float = LOCK_TIMEOUT, on_message: Callable = None):
        self.path = os.path.abspath(index_dir).rstrip("/") + ".lock"
        self.timeout = timeout
        self.on_message = on_message or (lambda m: None)
        self.fd: Optional[int] = None

    def __enter__(self) -> "WriterLock":
        os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + max(0.0, self.timeout)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = describe_holder(_read_holder(fd))
                    os.close(fd)
                    raise LockTimeout(f"index {self.path[:-5]} is locked by another writer ({holder}); "
                                      f"waited {self.timeout:g}s. Try again when it has finished.")
                time.sleep(0.1)
        previous = _read_holder(fd)
        if previous:
            # We got the lock, so whoever wrote this is gone without releasing it.
            self.on_message(f"recovered a stale lock left by {describe_holder(previous)}, "
                            "which is no longer running")
        info = {"pid": os.getpid(), "host": socket.gethostname(),
                "started": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode(), 0)
        os.fsync(fd)
        self.fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            # Empty the record before unlocking: a non-empty record under a free lock means a crash.
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def _read_holder(fd: int) -> dict:
    """The holder record in the lock file ({} when empty or unreadable)."""
    try:
        data = os.pread(fd, 4096, 0)
        return json.loads(data) if data.strip() else {}
    except (OSError, ValueError):
        return {"pid": "?", "host": "?", "started": "?"}


def describe_holder(info: dict) -> str:
    """'pid 123 on host, started 2024-...' for messages."""
    if not info:
        return "unknown holder"
    return f"pid {info.get('pid')} on {info.get('host')}, started {info.get('started')}"


def lock_holder(index_dir: str) -> Optional[dict]:
    """Who holds the writer lock of index_dir now, or None when it is free."""
    path = os.path.abspath(index_dir).rstrip("/") + ".lock"
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    except BlockingIOError:
        return _read_holder(fd)
    finally:
        os.close(fd)


# ---------------------------------------------------------------------------------------------
# Reading the corpus


@dataclass
class Extracted:
    """One source file's contribution: its articles and their quotes, ready to index."""

    key: str
    hash: str
    articles: list = field(default_factory=list)   # [Article]
    quotes: list = field(default_factory=list)     # [(Quote, before, after)]
    problems: list = field(default_factory=list)   # [(path, reason, warning)]


def file_key(src: SourceFile) -> str:
    """The key a source file is known by across builds: its absolute path."""
    return os.path.abspath(src.path)


def fingerprint(src: SourceFile, sidecar_hashes: dict, data: Optional[bytes] = None) -> str:
    """Content hash of a source file (its bytes, when already read) and of its sidecars."""
    h = hashlib.blake2b(digest_size=16)
    if data is not None:
        h.update(data)
    else:
        with open(src.path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    for path, _size, _mtime in src.sidecars:
        if path not in sidecar_hashes:
            with open(path, "rb") as f:
                sidecar_hashes[path] = hashlib.blake2b(f.read(), digest_size=16).hexdigest()
        h.update(sidecar_hashes[path].encode())
    return h.hexdigest()


def extract_file(src: SourceFile, sidecars: SidecarCache, sidecar_hashes: dict,
                 seen_ids: dict) -> Extracted:
    """Read one source file and extract its quotes; problems are recorded, never raised."""
    from .extract import extract_quotes

    try:
        # Read once: the same bytes give the change-detection hash and the articles.
        with open(src.path, "rb") as f:
            data: Optional[bytes] = f.read()
        digest = fingerprint(src, sidecar_hashes, data)
    except OSError as e:
        data, digest = None, f"unreadable:{e.errno}"   # read_source reports why
    out = Extracted(file_key(src), digest)
    report = lambda p: out.problems.append((p.path, p.reason, p.warning))   # noqa: E731
    for art in read_source(src, report, sidecars, data=data):
        if art.id in seen_ids:
            report(Problem(art.path, f"duplicate article id {art.id!r} (already read from "
                                     f"{seen_ids[art.id]}); skipped"))
            continue
        seen_ids[art.id] = art.path
        out.articles.append(art)
        try:
            found = extract_quotes(art)
        except Exception as e:   # noqa: BLE001 - one bad article must not stop a 22,000-article build
            report(Problem(art.path, f"quote extraction failed on {art.id}: {type(e).__name__}: {e}"))
            continue
        for q in found:
            out.quotes.append((q, _context_before(art.text, q.start), _context_after(art.text, q.end)))
    return out


def _context_before(text: str, start: int) -> str:
    """Up to CONTEXT characters before start, beginning at a word boundary."""
    a = max(0, start - CONTEXT)
    if a > 0:
        space = text.find(" ", a, start)
        a = space + 1 if space >= 0 else a
    return text[a:start]


def _context_after(text: str, end: int) -> str:
    """Up to CONTEXT characters after end, ending at a word boundary."""
    b = min(len(text), end + CONTEXT)
    if b < len(text):
        space = text.rfind(" ", end, b)
        b = space if space > end else b
    return text[end:b]


# ---------------------------------------------------------------------------------------------
# Documents


def article_doc(a: Article, key: str, quote_count: int) -> dict:
    """The Whoosh document of an article."""
    doc = {"kind": "article", "id": a.id, "file": key, "article": a.id, "text": a.text,
           "title": a.title or "", "outlet": a.outlet or "", "date": a.date or "",
           "year": (a.date or "")[:4], "quote_count": quote_count, "path": a.path,
           "author": a.author, "url": a.url, "dateline": a.dateline, "wire": a.wire, "hash": a.hash}
    return _drop_empty(doc)


def quote_row(q: Quote, a: Article, key: str, before: str, after: str) -> dict:
    """The stored part of a quote document: what the article says, independent of the corpus."""
    return {"kind": "quote", "id": quote_id(q), "file": key, "article": q.article, "quote": q.text,
            "title": a.title or "", "speaker_name": q.speaker, "role": q.role, "cue": q.cue,
            "outlet": q.outlet or a.outlet or "", "medium": q.medium, "date": a.date or "",
            "start": q.start, "spans": [list(s) for s in q.spans],
            "mention": q.speaker_mention.to_json() if q.speaker_mention else None,
            "nested": bool(q.nested), "rule": q.rule, "before": before, "after": after}


def quote_doc(row: dict, speaker_id: Optional[str], display: Optional[str], aliases: list,
              cluster: str) -> dict:
    """The full Whoosh document of a quote: its stored row plus the corpus-level facts."""
    doc = {k: v for k, v in row.items() if k != "derived"}
    doc["speaker_id"] = speaker_id or ""
    doc["speaker"] = " ".join([display or ""] + list(aliases)) if speaker_id else ""
    doc["cluster"] = cluster
    doc["quote_pairs"] = row["quote"]
    doc["year"] = (row.get("date") or "")[:4]
    doc["derived"] = derived_hash(speaker_id, display, aliases, cluster)
    return _drop_empty(doc)


def derived_hash(speaker_id, display, aliases, cluster) -> str:
    """A short hash of a quote's corpus-level facts; update rewrites a quote when it changes."""
    return hashlib.blake2b(json.dumps([speaker_id, display, list(aliases), cluster]).encode(),
                           digest_size=8).hexdigest()


def _drop_empty(doc: dict) -> dict:
    """Whoosh rejects None values; empty strings index nothing and waste space in ID fields."""
    return {k: v for k, v in doc.items() if v is not None and v != ""}


# ---------------------------------------------------------------------------------------------
# Corpus-level tables


def corpus_tables(rows: list[dict]) -> tuple[dict, dict, dict, dict]:
    """From every quote row: identities, clusters, per-quote (speaker id, cluster), tables to save.

    Returns (assignment, speakers_table, clusters_table, resolution) where assignment maps a quote
    id to (speaker_id, display, aliases, cluster).
    """
    res = identities.resolve(r.get("speaker_name") for r in rows)
    # A nested quote is part of the report that carries it: it joins its enclosing quote's
    # cluster instead of forming one of its own (the seeds: four clusters, not five).
    top = [r for r in rows if not r.get("nested")]
    items = [clustering.Item(r["id"], r["article"], r["quote"], res.speaker_id(r.get("speaker_name")))
             for r in top]
    cl = clustering.assign(items)
    cl.update(clustering.nested_clusters([r for r in rows if r.get("nested")], top, cl))
    assignment = {}
    for r in rows:
        sid = res.speaker_id(r.get("speaker_name"))
        assignment[r["id"]] = (sid, res.names.get(sid), res.aliases.get(sid, []), cl[r["id"]])

    per_speaker: dict[str, dict] = {}
    per_cluster: dict[str, list] = defaultdict(list)
    for r in rows:
        sid, display, aliases, cid = assignment[r["id"]]
        if not r.get("nested"):
            per_cluster[cid].append(r)
        if not sid:
            continue
        s = per_speaker.setdefault(sid, {"id": sid, "name": display, "aliases": aliases,
                                         "quote_count": 0, "outlets": Counter(), "dates": [],
                                         "articles": set()})
        s["quote_count"] += 1
        s["articles"].add(r["article"])
        if r.get("outlet"):
            s["outlets"][r["outlet"]] += 1
        if r.get("date"):
            s["dates"].append(r["date"])
    speakers = {}
    for sid in sorted(per_speaker):
        s = per_speaker[sid]
        speakers[sid] = {"id": sid, "name": s["name"], "aliases": s["aliases"],
                         "quote_count": s["quote_count"], "article_count": len(s["articles"]),
                         "outlets": sorted(s["outlets"], key=lambda o: (-s["outlets"][o], o)),
                         "first_date": min(s["dates"]) if s["dates"] else None,
                         "last_date": max(s["dates"]) if s["dates"] else None}
    clusters = {}
    for cid in sorted(per_cluster):
        members = per_cluster[cid]
        arts = sorted({r["article"] for r in members})
        if len(arts) < 2:
            continue
        dates = [r["date"] for r in members if r.get("date")]
        sids = sorted({assignment[r["id"]][0] for r in members} - {None})
        clusters[cid] = {"id": cid, "quotes": sorted(r["id"] for r in members), "articles": arts,
                         "outlets": sorted({r["outlet"] for r in members if r.get("outlet")}),
                         "first_date": min(dates) if dates else None,
                         "speaker_id": sids[0] if sids else None,
                         "wordings": sorted({r["quote"] for r in members})}
    return assignment, speakers, clusters, res


def vocabulary(texts: Iterable[str]) -> dict:
    """Folded words of the quotes with their counts: the word list "did you mean" picks from."""
    counts: Counter = Counter()
    for t in texts:
        counts.update(w for w in _WORD.findall(identities.fold(t)) if len(w) > 2 and not w.isdigit())
    return dict(sorted(counts.items()))


_WORD = re.compile(r"[^\W_]+")


# ---------------------------------------------------------------------------------------------
# Build and update


def build(paths: Iterable[str], index_dir: str, *, progress: bool = False,
          lock_timeout: float = LOCK_TIMEOUT, on_message: Callable = None) -> Report:
    """Index the corpus under paths into a new directory and swap it in for index_dir atomically."""
    paths = [os.path.abspath(p) for p in paths]
    started = time.monotonic()
    report = Report("build", index=index_dir)
    say = _sayer(report, on_message)
    with WriterLock(index_dir, lock_timeout, say):
        _recover(index_dir, say)
        sources = discover(paths, lambda p: _note(report, p.path, p.reason, p.warning))
        tmp = _fresh_dir(index_dir)
        writer = None
        try:
            ix = windex.create_in(tmp, make_schema(), indexname=INDEX_NAME)
            writer = ix.writer(limitmb=WRITER_LIMIT_MB, procs=1, multisegment=False)
            rows, files = [], {}
            sidecars, sidecar_hashes, seen = _sidecar_cache(report), {}, {}
            with _bar(len(sources), progress) as bar:
                for src in sources:
                    ex = extract_file(src, sidecars, sidecar_hashes, seen)
                    _add_extracted(writer, ex, rows, files, report)
                    bar.update(1)
                    bar.set_postfix(quotes=len(rows), refresh=False)
            if not files or not any(v["articles"] for v in files.values()):
                writer.cancel()
                why = "; ".join(f"{p}: {r}" for p, r in report.skipped[:5])
                raise IndexError_("no articles found in " + ", ".join(paths)
                                  + (f" ({why})" if why else "") + "; the index was left as it was")
            _finish(writer, rows, {}, report)
            _write_tables(tmp, paths, files, report)
        except BaseException:
            _abandon(writer, index_dir)
            raise
        _swap(tmp, index_dir)
    report.files = len(sources)
    report.seconds = round(time.monotonic() - started, 3)
    return report


def update(index_dir: str, paths: Optional[Iterable[str]] = None, *, progress: bool = False,
           lock_timeout: float = LOCK_TIMEOUT, on_message: Callable = None) -> Report:
    """Re-read only new and changed files (by content hash), drop deleted ones, fix clusters/speakers.

    Atomic like build: the live index is copied beside itself, the copy is updated and swapped in.
    Paths default to the corpus the index was built from.
    """
    started = time.monotonic()
    report = Report("update", index=index_dir)
    say = _sayer(report, on_message)
    with WriterLock(index_dir, lock_timeout, say):
        _recover(index_dir, say)
        meta = read_json(index_dir, "meta.json")
        if meta is None or not windex.exists_in(index_dir, indexname=INDEX_NAME):
            raise IndexError_(f"no index at {index_dir} to update; run `quote-index build` first")
        if meta.get("format") != FORMAT:
            raise IndexError_(f"the index at {index_dir} was built by another version of quote-index "
                              f"(format {meta.get('format')}); run `quote-index build` to rebuild it")
        paths = [os.path.abspath(p) for p in paths] if paths else meta["corpus"]
        old_files: dict = read_json(index_dir, "files.json") or {}
        sources = discover(paths, lambda p: _note(report, p.path, p.reason, p.warning))
        sidecar_hashes: dict = {}
        todo, current = [], {}
        for src in sources:
            key = file_key(src)
            try:
                digest = fingerprint(src, sidecar_hashes)
            except OSError as e:
                digest = f"unreadable:{e.errno}"
            current[key] = digest
            if key not in old_files:
                report.added += 1
                todo.append(src)
            elif old_files[key]["hash"] != digest:
                report.changed += 1
                todo.append(src)
        gone = [k for k in old_files if k not in current]
        report.deleted = len(gone)
        if not todo and not gone:
            report.messages.append("index is up to date; nothing to do")
            _fill_counts(report, meta)
            report.seconds = round(time.monotonic() - started, 3)
            return report

        writer = None
        try:
            tmp = _fresh_dir(index_dir, copy_from=index_dir)   # inside: a copy cut short by a full disk is removed
            ix = windex.open_dir(tmp, indexname=INDEX_NAME)
            redo = {file_key(s) for s in todo} | set(gone)
            with ix.searcher() as s:
                kept_rows = [dict(f) for f in s.documents(kind="quote") if f["file"] not in redo]
                kept_derived = {r["id"]: r.get("derived") for r in kept_rows}
            writer = ix.writer(limitmb=WRITER_LIMIT_MB, procs=1)
            for key in sorted(redo):
                writer.delete_by_term("file", key)
            files = {k: v for k, v in old_files.items() if k not in redo}
            seen = {aid: key for key, v in files.items() for aid in v["articles"]}
            rows: list = []
            sidecars = _sidecar_cache(report)
            with _bar(len(todo), progress) as bar:
                for src in todo:
                    ex = extract_file(src, sidecars, sidecar_hashes, seen)
                    _add_extracted(writer, ex, rows, files, report)
                    bar.update(1)
            report.files = len(todo)
            _finish(writer, kept_rows + rows, kept_derived, report)
            _write_tables(tmp, paths, files, report)
        except BaseException:
            _abandon(writer, index_dir)
            raise
        _swap(tmp, index_dir)
    report.seconds = round(time.monotonic() - started, 3)
    return report


def _add_extracted(writer, ex: Extracted, rows: list, files: dict, report: Report) -> None:
    """Write a file's article documents; keep its quote rows for the corpus-level pass."""
    per_article = Counter(q.article for q, _, _ in ex.quotes)
    by_id = {a.id: a for a in ex.articles}
    for a in ex.articles:
        writer.add_document(**article_doc(a, ex.key, per_article[a.id]))
    for q, before, after in ex.quotes:
        rows.append(quote_row(q, by_id[q.article], ex.key, before, after))
    for path, reason, warning in ex.problems:
        _note(report, path, reason, warning)
    files[ex.key] = {"hash": ex.hash, "articles": [a.id for a in ex.articles],
                     "problems": [[p, r] for p, r, w in ex.problems if not w]}


def _finish(writer, rows: list, kept_derived: dict, report: Report) -> None:
    """Resolve speakers and clusters over all quotes, write the quote documents, commit once.

    kept_derived holds the quotes already in the index (update): those whose corpus-level facts
    did not change are left alone, the others are rewritten.
    """
    assignment, speakers, clusters, _ = corpus_tables(rows)
    for r in rows:
        sid, display, aliases, cid = assignment[r["id"]]
        doc = quote_doc(r, sid, display, aliases, cid)
        if r["id"] in kept_derived:
            if kept_derived[r["id"]] == doc["derived"]:
                continue
            writer.update_document(**doc)
            report.rewritten += 1
        else:
            writer.add_document(**doc)
    writer.commit(optimize=not kept_derived)
    report.quotes = len(rows)
    report.speakers = len(speakers)
    report.clusters = len(clusters)
    report._tables = (speakers, clusters, vocabulary(r["quote"] for r in rows))


def _write_tables(tmp: str, paths: list, files: dict, report: Report) -> None:
    """Write the side tables and meta.json (last), then fsync the whole directory."""
    speakers, clusters, words = report.__dict__.pop("_tables")
    report.articles = sum(len(v["articles"]) for v in files.values())
    write_json(tmp, "speakers.json", speakers)
    write_json(tmp, "words.json", words)
    write_json(tmp, "clusters.json", clusters)
    write_json(tmp, "files.json", files)
    write_json(tmp, "meta.json", {
        "format": FORMAT, "build_id": uuid.uuid4().hex,
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "mode": report.mode, "corpus": [os.path.abspath(p) for p in paths],
        "counts": {"articles": report.articles, "quotes": report.quotes,
                   "speakers": report.speakers, "clusters": report.clusters,
                   "files": len(files),
                   "skipped_files": sum(1 for v in files.values() if v["problems"] and not v["articles"])}})
    _fsync_tree(tmp)


def _fill_counts(report: Report, meta: dict) -> None:
    """Copy the live index's counts into a report (update with nothing to do)."""
    for k in ("articles", "quotes", "speakers", "clusters"):
        setattr(report, k, meta["counts"].get(k, 0))


# ---------------------------------------------------------------------------------------------
# Directories: fresh, swap, recovery


def _fresh_dir(index_dir: str, copy_from: Optional[str] = None) -> str:
    """The writer's private directory `<index>.new-<pid>` (a copy of the live index for update)."""
    tmp = f"{os.path.abspath(index_dir).rstrip('/')}.new-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    if copy_from:
        shutil.copytree(copy_from, tmp, ignore=shutil.ignore_patterns("*_WRITELOCK"))
    else:
        os.makedirs(tmp)
    return tmp


def _abandon(writer, index_dir: str) -> None:
    """After a failed build/update: cancel the writer and delete its `<index>.new-<pid>`.

    The files are emptied before they are deleted: a failed Whoosh writer (ENOSPC in the middle
    of a commit) keeps some of them open, and a deleted file that is still open keeps its disk
    space, so in a long-lived process the disk would stay full after the failure.
    """
    if writer is not None:
        try:
            writer.cancel()
        except Exception:   # noqa: BLE001 - the writer is broken already (e.g. the same ENOSPC)
            pass
    tmp = f"{os.path.abspath(index_dir).rstrip('/')}.new-{os.getpid()}"
    for folder, _dirs, names in os.walk(tmp):
        for name in names:
            try:
                os.truncate(os.path.join(folder, name), 0)
            except OSError:
                pass
    shutil.rmtree(tmp, ignore_errors=True)


def _swap(tmp: str, index_dir: str) -> None:
    """Put the new index in place of the live one, then delete the old one.

    Where the kernel can exchange two paths atomically (Linux renameat2 RENAME_EXCHANGE), the
    live path always names a complete index: a writer killed at any instant leaves the old or the
    new one there, never nothing. Elsewhere: rename the live index away, the new one in
    (`_recover` puts the old one back if a writer dies between the two renames).
    """
    live = os.path.abspath(index_dir).rstrip("/")
    if os.path.isdir(live) and not os.path.islink(live) and _exchange(tmp, live):
        _fsync_dir(os.path.dirname(live))
        shutil.rmtree(tmp, ignore_errors=True)         # tmp now holds the previous index
        return
    old = f"{live}.old-{os.getpid()}"
    if os.path.lexists(live):
        os.rename(live, old)
    os.rename(tmp, live)
    _fsync_dir(os.path.dirname(live))
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: str, b: str) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE); False where that is not available."""
    import ctypes
    import errno

    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):        # not glibc >= 2.28 / not Linux
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EPERM):
        return False                         # the kernel or file system cannot exchange
    raise OSError(err, os.strerror(err), b)


def _recover(index_dir: str, say: Callable) -> None:
    """Under the lock: clean what killed writers left (their .new-*), restore a live index
    renamed away by a writer killed between its two renames."""
    live = os.path.abspath(index_dir).rstrip("/")
    for tmp in glob.glob(glob.escape(live) + ".new-*"):
        shutil.rmtree(tmp, ignore_errors=True)
        say(f"removed {os.path.basename(tmp)}, left by an interrupted build")
    olds = sorted(glob.glob(glob.escape(live) + ".old-*"), key=os.path.getmtime)
    if olds and not os.path.exists(live):
        newest = olds.pop()
        os.rename(newest, live)
        say(f"restored the live index from {os.path.basename(newest)}, "
            "left by a build interrupted while swapping")
    for old in olds:
        shutil.rmtree(old, ignore_errors=True)


def _fsync_tree(path: str) -> None:
    """fsync every file in a directory, then the directory itself."""
    for name in os.listdir(path):
        p = os.path.join(path, name)
        if os.path.isfile(p):
            fd = os.open(p, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    _fsync_dir(path)


def _fsync_dir(path: str) -> None:
    """fsync a directory so that renames in it are on disk."""
    fd = os.open(path or ".", os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ---------------------------------------------------------------------------------------------
# Small helpers


def read_json(index_dir: str, name: str):
    """A side table of an index directory, or None when missing."""
    try:
        with open(os.path.join(index_dir, name), encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return None


def write_json(index_dir: str, name: str, data) -> None:
    """Write a side table (compact UTF-8 JSON)."""
    with open(os.path.join(index_dir, name), "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, separators=(",", ":"))


def _note(report: Report, path: str, reason: str, warning: bool = False) -> None:
    """Record a corpus problem in the report (skipped input, or a warning)."""
    (report.warnings if warning else report.skipped).append((path, reason))


def _sidecar_cache(report: Report) -> SidecarCache:
    """Sidecar metadata read once per directory; its problems go to the report."""
    return SidecarCache(lambda p: _note(report, p.path, p.reason, p.warning))


def _sayer(report: Report, on_message: Optional[Callable]) -> Callable:
    """A callback that records a message in the report and passes it on."""
    def say(message: str) -> None:
        """Record and forward one message."""
        report.messages.append(message)
        if on_message:
            on_message(message)
    return say


def _bar(total: int, enabled: bool):
    """A tqdm progress bar over files (files, quotes, rate, ETA); disabled when not on a terminal."""
    from tqdm import tqdm
    return tqdm(total=total, unit="file", disable=not enabled, dynamic_ncols=True, leave=False)


def iter_docs(index_dir: str, kind: str) -> Iterator[dict]:
    """Every stored document of a kind ("article" or "quote"), for export and tests."""
    ix = windex.open_dir(index_dir, indexname=INDEX_NAME)
    with ix.searcher() as s:
        yield from (dict(d) for d in s.documents(kind=kind))
