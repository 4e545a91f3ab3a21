"""Build and update: one loop that reads source files, extracts their quotes, resolves speakers
and clusters over the whole corpus, writes the index beside the live one and swaps it in.

A build starts from an empty directory and reads every file; an update starts from a copy of the
live index, deletes the documents of changed and deleted files and reads only new and changed
ones (by content hash). Both then run the same steps (`_write`), under the writer lock, and
return one `BuildResult`. The functions a fault can hit are called through their modules
(`swap.x()`, `sources.extract_file()`) or by module-level name, so that bench/bench_faults.py can
stop a writer at any step.
"""
from __future__ import annotations

import dataclasses
import os
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Iterable, Optional

from whoosh import index as windex
from whoosh.searching import Searcher

from ..corpus import SidecarCache, discover, path_from_id, path_id, recorded_hash
from ..errors import BuildFailed, IndexDamaged, IndexNotFound
from ..resolve import outlets as outlet_names
from ..resolve.tables import corpus_tables, vocabulary
from ..settings import DEFAULTS
from ..store import documents, layout as L, pinned, swap
from ..store.lock import LOCK_TIMEOUT, WriterLock
from ..store.schema import make_schema
from ..store.writer import open_writer, writer_terms
from . import incremental, sources
from .progress import Phases
from .result import BuildResult, Log


@dataclass
class _Plan:
    """What one writer run does: which files it reads, into an empty index or a copy of the live one."""

    mode: str
    paths: list                        # corpus roots, recorded in meta.json
    max_bytes: Optional[int]           # files over this size are reported and skipped
    todo: list                         # SourceFiles to read
    copy: bool = False                 # start from a copy of the live index (update)
    redo: set = field(default_factory=set)      # file keys whose documents are deleted first
    files: dict = field(default_factory=dict)   # files.json entries kept from the live index
    seen: dict = field(default_factory=dict)    # article id -> path, of the articles kept
    sidecar_hashes: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)  # added / changed / deleted (update)
    outlets: dict = field(default_factory=dict)  # corpus root -> the outlet `--outlet` gives its articles
    live_parts: dict = field(default_factory=dict)   # update: the live index's parts, verified on opening
    live: Optional[pinned.Pinned] = None         # update: the live generation, opened and verified once
    known_parts: dict = field(default_factory=dict)  # those the copy shares with it (swap.shared_parts)


def build(paths: Iterable[str], index_dir: str, *, progress: bool = False,
          lock_timeout: float = LOCK_TIMEOUT, on_message: Callable = None,
          memory_mb: int = DEFAULTS.writer_memory_mb,
          max_bytes: Optional[int] = DEFAULTS.max_file_bytes,
          outlets: Optional[dict] = None) -> BuildResult:
    """Index the corpus under paths into a new directory and swap it in for index_dir atomically.

    outlets maps a corpus path (one of paths) to the outlet that published everything under it
    (`build --outlet`): a slug or a name, see resolve/outlets.py; `update` keeps it.
    """
    paths = [os.path.abspath(p) for p in paths]
    given = given_outlets(paths, outlets)
    started, log, where = time.monotonic(), Log(on_message), L.Layout.of(index_dir)
    phases = Phases(progress)
    with WriterLock(index_dir, lock_timeout, log.say):
        swap.recover(where, log.say)
        with phases.timed("reading"):
            plan = _Plan("build", paths, max_bytes, discover(paths, log.problem, max_bytes), outlets=given)
        phases.count("reading", files=len(plan.todo))
        counts = _write(where, plan, log, phases, memory_mb)
    return log.result("build", index_dir, time.monotonic() - started, phases=phases.results(), **counts)


def update(index_dir: str, paths: Optional[Iterable[str]] = None, *, progress: bool = False,
           lock_timeout: float = LOCK_TIMEOUT, on_message: Callable = None,
           memory_mb: int = DEFAULTS.writer_memory_mb,
           max_bytes: Optional[int] = DEFAULTS.max_file_bytes, rehash: bool = False) -> BuildResult:
    """Re-read only new and changed files (by content hash), drop deleted ones, fix clusters/speakers.

    Atomic like build: the live index is copied beside itself, the copy is updated and swapped in.
    Paths default to the corpus the index was built from. Files whose size and mtime are those
    recorded are not hashed, unless rehash is given (see `_update_plan`).
    """
    started, log, where = time.monotonic(), Log(on_message), L.Layout.of(index_dir)
    phases = Phases(progress)
    with WriterLock(index_dir, lock_timeout, log.say):
        swap.recover(where, log.say)
        with phases.timed("checking"):
            live, meta, damage, old_files = _live_meta(where)
        if damage is not None:
            roots = [os.path.abspath(p) for p in paths] if paths else _roots(meta, damage)
            log.say(f"{damage.summary}; rebuilding it from the corpus ({', '.join(roots)})")
            plan = _Plan("build", roots, max_bytes, discover(roots, log.problem, max_bytes))
            counts = _write(where, plan, log, phases, memory_mb)
            return log.result("build", index_dir, time.monotonic() - started, phases=phases.results(),
                              **counts)
        with phases.timed("reading"):
            plan = _update_plan(live, old_files, paths, log, max_bytes, rehash)
        phases.count("reading", files=len(plan.todo))
        if not plan.todo and not plan.redo:
            log.say("index is up to date; nothing to do")
            counts = {k: meta["counts"].get(k, 0) for k in ("articles", "quotes", "speakers", "clusters")}
            counts.update(plan.counts)
        else:
            counts = _write(where, plan, log, phases, memory_mb)
    return log.result("update", index_dir, time.monotonic() - started, phases=phases.results(), **counts)


def _live_meta(where: L.Layout) -> tuple:
    """(live generation, its meta.json, what is damaged in it, its files.json) of the index an
    update starts from: damage is None when it is sound (every part opened, matched its checksum,
    files.json well formed); BuildFailed when there is no index to update. The generation stays
    open for the update: it reads the stored quotes through it, and files.json is parsed once."""
    try:
        gen = pinned.open_generation(where.live, wait=0)
    except IndexDamaged as e:
        return None, _meta_anyway(where), e, None
    except IndexNotFound:
        meta = _meta_anyway(where)
        if meta is not None and meta.get("format") != L.FORMAT:
            raise BuildFailed(f"the index at {where.live} was built by another version of quote-index "
                              f"(format {meta.get('format')}); run `quote-index build` to rebuild it") from None
        raise BuildFailed(f"no index at {where.live} to update; run `quote-index build` first") from None
    problems = gen.verify(everything=True)
    files = None
    if not problems:
        files = L.read_json_or(where.live, L.FILES)
        problem = _files_problem(files)
        problems = [problem] if problem else []
    return gen, gen.meta, (gen.damaged("; ".join(problems)) if problems else None), files


def _meta_anyway(where: L.Layout) -> Optional[dict]:
    """meta.json of a damaged index if it can still be read (for its corpus roots), else None."""
    meta = L.read_json_or(where.live, L.META)
    return meta if isinstance(meta, dict) else None


def _roots(meta: Optional[dict], damage: IndexDamaged) -> list[str]:
    """The corpus roots a damaged index was built from; BuildFailed when they cannot be known."""
    roots = meta.get("corpus") if meta else None
    if not roots or not isinstance(roots, list) or not all(isinstance(r, str) for r in roots):
        raise BuildFailed(f"{damage.summary}, and its corpus is unknown: run "
                          f"`quote-index build CORPUS --index {damage.path}` to rebuild it")
    return [path_from_id(r) for r in roots]


def _files_problem(files) -> Optional[str]:
    """What is wrong with files.json's shape (None when an update can read it)."""
    if not isinstance(files, dict):
        return f"{L.FILES} is missing or not a JSON object"
    for key, v in files.items():
        if not isinstance(v, dict) or not isinstance(v.get("hash"), str) or not isinstance(v.get("articles"), list):
            return f"{L.FILES} has a malformed entry ({key!r})"
    return None


def given_outlets(paths: list, outlets: Optional[dict]) -> dict:
    """`--outlet` values by absolute corpus path, each checked (BuildFailed naming a bad one)."""
    given = {os.path.abspath(p): v for p, v in (outlets or {}).items()}
    for p, v in given.items():
        if p not in paths:
            raise BuildFailed(f"--outlet names {p}, which is not one of the paths to build")
        try:
            outlet_names.override(v)
        except ValueError as e:
            raise BuildFailed(str(e)) from None
    return given


def _update_plan(live: pinned.Pinned, old_files: dict, paths, log: Log, max_bytes: Optional[int],
                 rehash: bool = False) -> _Plan:
    """The files an update re-reads (new or changed content hash) and the ones it drops.

    A file whose size and mtime (and its sidecars') are those recorded is taken as unchanged
    without reading it, as make and rsync do; the others, and every file when rehash is given,
    are hashed. Hashing the 3,171 files of the 22,192-article benchmark corpus took 0.6-1 s.
    """
    meta = live.meta
    paths = [os.path.abspath(p) for p in paths] if paths else [path_from_id(p) for p in meta["corpus"]]
    plan = _Plan("update", paths, max_bytes, [], copy=True,
                 outlets={path_from_id(p): v for p, v in meta.get("outlets", {}).items()},
                 live_parts=meta.get("parts") or {}, live=live)
    current, restamped = {}, {}
    added = changed = 0
    for src in discover(paths, log.problem, max_bytes):
        key = sources.file_key(src)
        old = old_files.get(key)
        if old is not None and not rehash and old.get("stamp") == sources.stamp(src):
            current[key] = old["hash"]
            continue
        digest = recorded_hash(src, plan.sidecar_hashes)
        current[key] = digest
        if old is None:
            added += 1
            plan.todo.append(src)
        elif old["hash"] != digest:
            changed += 1
            plan.todo.append(src)
        else:
            restamped[key] = sources.trusted_stamp(src)
    gone = [k for k in old_files if k not in current]
    plan.counts = {"added": added, "changed": changed, "deleted": len(gone)}
    plan.redo = {sources.file_key(s) for s in plan.todo} | set(gone)
    plan.files = {k: _restamp(v, restamped.get(k, v.get("stamp"))) for k, v in old_files.items()
                  if k not in plan.redo}
    plan.seen = {aid: key for key, v in plan.files.items() for aid in v["articles"]}
    return plan


def _restamp(entry: dict, stamp: Optional[str]) -> dict:
    """A files.json entry with stamp as its recorded size and mtime (none when not trusted)."""
    if entry.get("stamp") == stamp:
        return entry
    entry = {k: v for k, v in entry.items() if k != "stamp"}
    return {**entry, "stamp": stamp} if stamp else entry


def _write(where: L.Layout, plan: _Plan, log: Log, phases: Phases, memory_mb: int, read: Callable = None) -> dict:
    """The steps build and update share: read, resolve, commit, write the tables, swap. Counts.

    Everything is written in `<index>.new-<pid>`; on any failure (a full disk, a kill signal
    turned into an exception) that directory is removed and the live index is left as it was.
    `read(writer, plan, log, phases)` gives the articles (by default `_read`: the corpus files;
    `build --from-records`: an extraction job's records).
    """
    writer = searcher = None
    try:
        with phases.timed("copying" if plan.copy else "reading"):
            # (the shingle table, 29 MB at 22,000 articles, is read from the live index and
            # always written anew: not copied)
            tmp = swap.fresh_dir(where, copy_from=where.live if plan.copy else None, skip=(L.SHINGLES,))
            if plan.copy:
                plan.known_parts = swap.shared_parts(tmp, where.live, plan.live_parts)
        if plan.copy:
            with phases.timed("loading"):
                ix = windex.open_dir(tmp, indexname=L.INDEX_NAME)
                # The live generation's reader: the copy's segments are the same files (linked),
                # read in place (Whoosh's own reader would copy each piece into memory). It stays
                # as it was opened: the stored quotes of the files dropped stay readable.
                searcher = Searcher(plan.live.reader())
                state = incremental.load_state(where.live, plan.live)
            writer = open_writer(ix, memory_mb)
            for key in sorted(plan.redo):
                writer.delete_by_term("file", key, searcher=searcher)
        else:
            ix = windex.create_in(tmp, make_schema(), indexname=L.INDEX_NAME)
            writer, state = open_writer(ix, memory_mb), None
        rows = (read or _read)(writer, plan, log, phases)
        if not plan.copy and not any(v["articles"] for v in plan.files.values()):
            writer.cancel()
            why = "; ".join(f"{p}: {r}" for p, r in log.skipped[:5])
            raise BuildFailed("no articles found in " + ", ".join(plan.paths)
                              + (f" ({why})" if why else "") + "; the index was left as it was")
        done = state and incremental.finish_update(writer, searcher, state, plan.redo, rows, phases)
        if not done:
            kept = []
            if plan.copy:
                with phases.timed("loading"):
                    kept = [dict(f) for f in searcher.documents(kind="quote") if f["file"] not in plan.redo]
            done = finish(writer, kept + rows, {r["id"]: r.get("derived") for r in kept}, phases, searcher)
        commit(writer, phases, optimize=not plan.copy)
        counts, tables, state_files = done
        with phases.timed("committing"):
            counts["articles"] = write_tables(tmp, plan, tables, counts, state_files)
        phases.count("committing", articles=counts["articles"], quotes=counts["quotes"])
    except BaseException:
        swap.abandon(writer, where)
        raise
    finally:
        if searcher is not None:
            searcher.close()
    swap.swap_in(tmp, where)
    return {**counts, **plan.counts, "files": len(plan.todo)}


def _read(writer, plan: _Plan, log: Log, phases: Phases) -> list:
    """Read and extract every file of the plan: article documents written, quote rows returned."""
    rows: list = []
    articles = 0
    sidecars = SidecarCache(log.problem, plan.max_bytes)
    with phases.bar("extracting", len(plan.todo), "file") as bar:
        for src in plan.todo:
            with phases.timed("extracting"):
                ex = sources.extract_file(src, sidecars, plan.sidecar_hashes, plan.seen, plan.max_bytes)
            with phases.timed("writing"):
                _add(writer, ex, rows, plan.files, log, plan.outlets.get(os.path.abspath(src.root)))
            articles += len(ex.articles)
            bar.update(1)
            bar.set_postfix(articles=articles, quotes=len(rows), refresh=False)
    phases.count("extracting", files=len(plan.todo), articles=articles, quotes=len(rows))
    return rows


def _add(writer, ex: sources.Extracted, rows: list, files: dict, log: Log,
         outlet: Optional[str] = None) -> None:
    """Write a file's article documents; keep its quote rows for the corpus-level pass.

    Outlets become slugs here (outlet: what `--outlet` gives this file's folder); the names
    they are shown by are counted per file in files.json, so that an update recounts them.
    """
    per_article = Counter(q.article for q, _, _ in ex.quotes)
    named: Counter = Counter()
    by_id = {}
    forced = outlet_names.override(outlet) if outlet else None
    for a in ex.articles:
        if forced:
            key, name = forced
        else:
            key, name = outlet_names.slug(a.outlet), outlet_names.name_of(a.outlet, a.outlet_name)
        if key:
            named[key, name] += 1
        by_id[a.id] = a = dataclasses.replace(a, outlet=key)
        writer.add_document(**documents.article_doc(a, ex.key, per_article[a.id]))
    for q, before, after in ex.quotes:
        rows.append(documents.quote_row(q, by_id[q.article], ex.key, before, after))
    for path, reason, warning in ex.problems:
        log.note(path, reason, warning)
    files[ex.key] = {"hash": ex.hash, "articles": [a.id for a in ex.articles],
                     "problems": [[p, r] for p, r, w in ex.problems if not w],
                     "outlets": [[k, n, c] for (k, n), c in sorted(named.items())]}
    if ex.stamp:
        files[ex.key]["stamp"] = ex.stamp


def finish(writer, rows: list, kept_derived: dict, phases: Optional[Phases] = None,
           searcher=None) -> tuple[dict, tuple, tuple]:
    """Resolve speakers and clusters over all quotes and write the quote documents (the caller
    commits once).

    kept_derived holds the quotes already in the index (update): those whose corpus-level facts
    did not change are left alone, the others are rewritten. Returns the counts and the side
    tables to write: (speakers, clusters, words) and the update state (names, shingle lines).
    searcher (update): the live generation's, which finds the documents a rewrite replaces.
    """
    phases = phases or Phases()
    assignment, speakers, clusters, _ = corpus_tables(rows, phases.timed)
    phases.count("identities", speakers=len(speakers))
    phases.count("clusters", clusters=len(clusters))
    rewritten = 0
    with phases.timed("writing"), phases.bar("writing", len(rows), "quote") as bar:
        for r in rows:
            bar.update(1)
            sid, display, aliases, cid = assignment[r["id"]]
            size = len(clusters[cid]["articles"]) if cid in clusters else 1
            doc = documents.quote_doc(r, sid, display, aliases, cid, size)
            if r["id"] in kept_derived:
                if kept_derived[r["id"]] == doc["derived"]:
                    continue
                incremental.replace_document(writer, searcher, doc)
                rewritten += 1
            else:
                writer.add_document(**doc)
    phases.count("writing", quotes=len(rows) - len(kept_derived) + rewritten)
    counts = {"quotes": len(rows), "speakers": len(speakers), "clusters": len(clusters),
              "rewritten": rewritten}
    with phases.timed("committing"):
        return (counts, (speakers, clusters, vocabulary(r["quote"] for r in rows)),
                incremental.state_files(rows))


def commit(writer, phases: Phases, optimize: bool) -> None:
    """Commit the writer under the "committing" phase, with a bar over the terms it writes."""
    terms = writer_terms(writer)
    with phases.timed("committing"), phases.bar("committing", terms, "term") as bar:
        writer.on_terms = bar.update
        writer.commit(optimize=optimize)
    if terms is not None:
        phases.count("committing", terms=terms)


def write_tables(tmp: str, plan: _Plan, tables: tuple, counts: dict, state_files: tuple) -> int:
    """Write the side tables and meta.json (last), then fsync the whole directory; the article count."""
    speakers, clusters, words = tables
    files = plan.files
    articles = sum(len(v["articles"]) for v in files.values())
    L.write_json(tmp, L.SPEAKERS, speakers)
    L.write_json(tmp, L.WORDS, words)
    L.write_json(tmp, L.CLUSTERS, clusters)
    L.write_json(tmp, L.FILES, files)
    L.write_json(tmp, L.NAMES, state_files[0])
    L.write_bytes(tmp, L.SHINGLES, state_files[1])
    L.write_json(tmp, L.OUTLETS, outlet_table(files))
    # The size and CRC-32 of every file, so that readers and `check-index` can tell a damaged
    # part (truncated, bit-flipped) from a sound one.
    L.write_json(tmp, L.META, {**meta(plan, counts), "parts": pinned.record_parts(tmp, known=plan.known_parts)})
    swap.fsync_tree(tmp)
    return articles


def meta(plan: _Plan, counts: dict) -> dict:
    """meta.json of a new generation: format, a new build id, time, corpus roots, the outlets
    given to them, and counts."""
    files = plan.files
    return {"format": L.FORMAT, "build_id": uuid.uuid4().hex,
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "mode": plan.mode, "corpus": [path_id(os.path.abspath(p)) for p in plan.paths],
            "outlets": {path_id(p): v for p, v in sorted(plan.outlets.items())},
            "counts": {"articles": sum(len(v["articles"]) for v in files.values()), "quotes": counts["quotes"],
                       "speakers": counts["speakers"], "clusters": counts["clusters"],
                       "files": len(files),
                       "skipped_files": sum(1 for v in files.values() if v["problems"] and not v["articles"])}}


def outlet_table(files: dict) -> dict:
    """slug -> display name over every file's articles (the name most of them give)."""
    book = outlet_names.Book()
    for entry in files.values():
        for key, name, count in entry.get("outlets", ()):
            book.vote(key, name, count)
    return book.table()
