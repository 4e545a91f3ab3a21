"""The corpus-level pass of an update, reading only the stored quotes it needs.

A build resolves identities and clusters over every quote. An update of a few files changes
little of that, so this pass starts from the state the live index keeps beside its documents
(`names.json`: every speaker name with its number of quotes; `shingles.txt`: the shingle table
clustering blocks on; the speakers and clusters tables) and reads stored quotes only where the
update can change something:

- the quotes of the files it drops or re-reads (looked up by `file`);
- the quotes of names whose identity changed (speaker id, display name or aliases), looked up
  by their old speaker id, and every quote of a speaker whose row must be recounted;
- the quotes of the region of the quote graph `relink.recluster` re-links, read one by id, and
  the nested quotes of the articles whose clusters changed.

The result equals a fresh build (tests/test_index.py compares exports after any changes). An
index without the state files (built by an older version) is updated the full way once.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Optional

from ..resolve import clusters as C, identities, relink
from ..resolve.tables import cluster_row, speaker_row, vocabulary
from ..store import documents, layout as L


@dataclass
class State:
    """What the live index keeps for an update: names with counts, the shingle table, tables."""

    names: Counter
    table: relink.ShingleTable
    speakers: dict
    clusters: dict
    words: Counter
    quotes: int                        # quotes in the index


def load_state(index_dir: str, live) -> Optional[State]:
    """The update state of an index, or None when it lacks one of its files (older index).

    live: the generation the update opened (store.pinned.Pinned), whose side tables and
    meta.json are parsed and checked already; names.json and the shingle table (its bytes:
    `relink.ShingleTable` bisects them) are read here, from index_dir.
    """
    names, lines = L.read_json(index_dir, L.NAMES), L.read_bytes(index_dir, L.SHINGLES)
    speakers, clusters = live.tables[L.SPEAKERS], live.tables[L.CLUSTERS]
    words, meta = live.tables[L.WORDS], live.meta
    if any(x is None for x in (names, lines, speakers, clusters, words, meta)):
        return None
    return State(Counter(names), relink.ShingleTable(lines), speakers, clusters, Counter(words),
                 meta["counts"]["quotes"])


def state_files(rows: list[dict]) -> tuple[dict, memoryview]:
    """names.json and shingles.txt of a set of quote rows (what a build writes)."""
    names = Counter(r["speaker_name"] for r in rows if r.get("speaker_name"))
    lines = relink.table_lines(_items(r for r in rows if not r.get("nested")))
    return dict(sorted(names.items())), relink.ShingleTable.of_lines(lines).to_bytes()


def _items(rows) -> list:
    """Clustering items of rows (the speaker does not matter to the shingle table)."""
    return [C.Item(r["id"], r["article"], r["quote"], None) for r in rows]


class Stored:
    """Stored quote rows of the index being updated, read by term, memoised by id."""

    def __init__(self, searcher):
        self.searcher = searcher
        self.rows: dict[str, dict] = {}

    def by_term(self, field: str, value: str) -> list[dict]:
        """The quote rows whose field holds value."""
        out = []
        for n in self.searcher.document_numbers(**{field: value}):
            f = self.searcher.stored_fields(n)
            if f.get("kind") == "quote":
                out.append(self.rows.setdefault(f["id"], dict(f)))
        return out

    def by_id(self, qid: str) -> dict:
        """One quote row by id."""
        row = self.rows.get(qid)
        if row is None:
            row = self.rows[qid] = dict(self.searcher.stored_fields(self.searcher.document_number(id=qid)))
        return row


def _facts(res: identities.Resolution, name: Optional[str]) -> tuple:
    """What a name resolves to: (speaker id, display name, aliases)."""
    sid = res.speaker_id(name)
    return sid, res.names.get(sid), tuple(res.aliases.get(sid, ()))


@dataclass
class _Change:
    """One update's quotes: deleted and new rows, names before and after, stored rows read."""

    stored: Stored
    deleted: dict                      # quote id -> stored row of a dropped or re-read file
    new: dict                          # quote id -> row read now
    old_res: identities.Resolution
    res: identities.Resolution
    names: Counter                     # names.json after the update

    def row(self, qid: str) -> dict:
        """A quote's row after the update."""
        return self.new.get(qid) or self.stored.by_id(qid)

    def sid(self, qid: str) -> Optional[str]:
        """A quote's speaker id after the update."""
        return self.res.speaker_id(self.row(qid).get("speaker_name"))


def finish_update(writer, searcher, state: State, redo: set, rows: list, phases) -> Optional[tuple]:
    """Write the new quote documents and rewrite the kept ones whose facts changed (the caller
    commits); phases times the steps (ingest.progress.Phases).

    Returns (counts, tables, state files) like ingest.run.finish, or None when the state cannot
    answer (a name that resolved to nobody now resolves); the caller then does the full pass.
    """
    with phases.timed("identities"):
        got = _identities(searcher, state, redo, rows)
    if got is None:
        return None
    ch, renamed, old_sids, respoken = got
    with phases.timed("clusters"):
        table, region, cluster_of = _recluster(state, ch, respoken)
        clusters = _clusters(state, ch, region, cluster_of)
    rewritten = 0
    with phases.timed("writing"):
        for qid in sorted((set(respoken) | set(cluster_of)) - set(ch.new)):
            r = ch.row(qid)
            doc = _doc(ch, r, cluster_of.get(qid) or r["cluster"], clusters)
            if doc["derived"] != r.get("derived"):
                replace_document(writer, searcher, doc)
                rewritten += 1
        for qid in sorted(ch.new):
            writer.add_document(**_doc(ch, ch.new[qid], cluster_of[qid], clusters))
    phases.count("writing", quotes=len(ch.new) + rewritten)
    with phases.timed("identities"):
        speakers = _speakers(state, ch, renamed, old_sids)
    phases.count("identities", speakers=len(speakers), read=len(ch.stored.rows))
    phases.count("clusters", clusters=len(clusters), relinked=len(region))
    with phases.timed("committing"):
        words = state.words.copy()
        words.subtract(vocabulary(r["quote"] for r in ch.deleted.values()))
        words.update(vocabulary(r["quote"] for r in rows))
    counts = {"quotes": state.quotes - len(ch.deleted) + len(rows), "speakers": len(speakers),
              "clusters": len(clusters), "rewritten": rewritten}
    return (counts, (speakers, clusters, dict(sorted((+words).items()))),
            (dict(sorted(ch.names.items())), table.to_bytes()))


def replace_document(writer, searcher, doc: dict) -> None:
    """writer.update_document(**doc), finding the old document with searcher (the live
    generation's, whose numbers the writer's copy shares) rather than a reader of the writer's
    own, which Whoosh would open over the whole segment."""
    for n in searcher.document_numbers(id=doc["id"]):
        writer.delete_document(n)
    writer.add_document(**doc)


def _identities(searcher, state: State, redo: set, rows: list) -> Optional[tuple]:
    """The update's quotes and names: (change, names whose identity changed, their old speaker
    ids, the kept quotes carrying them), or None when the full pass must run (finish_update)."""
    stored = Stored(searcher)
    deleted = {r["id"]: r for key in sorted(redo) for r in stored.by_term("file", key)}
    names = state.names.copy()
    names.subtract(r["speaker_name"] for r in deleted.values() if r.get("speaker_name"))
    names.update(r["speaker_name"] for r in rows if r.get("speaker_name"))
    # The identities before the update are the speakers table's (every name is an alias of its row).
    ch = _Change(stored, deleted, {r["id"]: r for r in rows}, identities.from_table(state.speakers),
                 None, +names)
    ch.res = identities.resolve_counts(ch.names)
    renamed = {n for n in set(state.names) | set(ch.names) if _facts(ch.old_res, n) != _facts(ch.res, n)}
    if any(ch.old_res.speaker_id(n) is None for n in renamed if n in state.names):
        return None
    old_sids = {ch.old_res.speaker_id(n) for n in renamed} - {None}
    respoken = {r["id"]: r for sid in sorted(old_sids) for r in stored.by_term("speaker_id", sid)
                if r["id"] not in deleted and r.get("speaker_name") in renamed}
    return ch, renamed, old_sids, respoken


def _doc(ch: _Change, r: dict, cluster: str, clusters: dict) -> dict:
    """The quote document of a row with its facts after the update (clusters: the new table)."""
    sid, display, aliases = _facts(ch.res, r.get("speaker_name"))
    size = len(clusters[cluster]["articles"]) if cluster in clusters else 1
    return documents.quote_doc(r, sid, display, list(aliases), cluster, size)


def _recluster(state: State, ch: _Change, respoken: dict) -> tuple:
    """(new shingle table, re-linked region, quote id -> new cluster of every quote whose
    cluster may have changed: the region's and the nested quotes of their articles)."""
    top = lambda rows: {q for q, r in rows.items() if not r.get("nested")}   # noqa: E731
    deleted, added = top(ch.deleted), top(ch.new)
    table = state.table.copy()
    for qid in sorted(deleted):
        table.remove(qid, ch.deleted[qid]["quote"])
    table.add(_items(ch.new[q] for q in sorted(added)))
    quoted = lambda r: relink.Quoted.of(C.Item(r["id"], r["article"], r["quote"], None))   # noqa: E731
    old = relink.Graph(state.table, _memo(lambda q: quoted(ch.deleted.get(q) or ch.stored.by_id(q))))
    new = relink.Graph(table, _memo(lambda q: quoted(ch.row(q))))
    moved = {q for q, r in respoken.items() if not r.get("nested") and r.get("speaker_id") != ch.sid(q)}
    region, linked = relink.recluster(old, new, deleted, added, moved, ch.sid)

    # Nested quotes take the cluster of the quote enclosing them, in their own article.
    cluster_of = dict(linked)
    # (every article of the region: a cluster that kept its id may have changed its size)
    articles = {ch.row(q)["article"] for q in region}
    for art in sorted(articles):
        rows = [r for r in ch.new.values() if r["article"] == art] or \
            [r for r in ch.stored.by_term("article", art) if r["id"] not in ch.deleted]
        tops = [r for r in rows if not r.get("nested")]
        known = {r["id"]: cluster_of.get(r["id"]) or r["cluster"] for r in tops}
        cluster_of.update(C.nested_clusters([r for r in rows if r.get("nested")], tops, known))
    return table, region, cluster_of


def _memo(fetch):
    """fetch(qid), memoised."""
    seen: dict = {}

    def get(qid):
        """The memoised value."""
        v = seen.get(qid)
        if v is None:
            v = seen[qid] = fetch(qid)
        return v
    return get


def _speakers(state: State, ch: _Change, renamed: set, old_sids: set) -> dict:
    """The speakers table after the update: rows of every speaker that gained, lost or
    renamed a quote recounted from all their quotes, the others kept."""
    names = {r.get("speaker_name") for r in ch.deleted.values()} | {r.get("speaker_name") for r in ch.new.values()}
    names = (names | renamed) - {None, ""}
    now = {ch.res.speaker_id(n) for n in names} - {None}
    before = {ch.old_res.speaker_id(n) for n in names} - {None}
    quotes = defaultdict(list)
    for sid in sorted(now | before | old_sids):
        for r in ch.stored.by_term("speaker_id", sid):
            if r["id"] not in ch.deleted:
                quotes[ch.res.speaker_id(r.get("speaker_name"))].append(r)
    for r in ch.new.values():
        quotes[ch.res.speaker_id(r.get("speaker_name"))].append(r)
    table = {sid: row for sid, row in state.speakers.items() if sid not in now | before | old_sids}
    for sid in now | before | old_sids:
        if quotes.get(sid):
            table[sid] = speaker_row(sid, ch.res.names[sid], ch.res.aliases.get(sid, []), quotes[sid])
    return dict(sorted(table.items()))


def _clusters(state: State, ch: _Change, region: set, cluster_of: dict) -> dict:
    """The clusters table after the update: the region's clusters listed anew, the others kept."""
    gone = region | set(ch.deleted)
    table = {cid: row for cid, row in state.clusters.items() if not gone.intersection(row["quotes"])}
    members = defaultdict(list)
    for qid in region:
        members[cluster_of[qid]].append(ch.row(qid))
    for cid in members:
        row = cluster_row(cid, members[cid], lambda r: ch.sid(r["id"]))
        if row:
            table[cid] = row
    return dict(sorted(table.items()))
