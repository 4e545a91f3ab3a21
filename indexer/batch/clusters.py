"""Quote clusters on Dask: candidate pairs from rare shingles, scored on the workers, linked per connected group.

The same steps as the single-process `clusters.assign`, cut where it needs the whole corpus:

1. map (per quotes part): normalised text, word count and shingles of each top-level quote;
2. shingle round (per shingle bucket): document frequency; for each shingle seen in 2..MAX_DF
   quotes, its postings go to each of its (long enough) quotes;
3. quote round (per quote bucket): a quote's BLOCKS rarest shingles by (df, shingle) give its
   candidates (other articles only), as pairs (a, b) with a < b;
4. two join rounds bring the texts of a and b together; rapidfuzz scores the pair
   (`clusters.similarity`); quotes with equal normalised texts are linked in their own round;
5. the scored links are few (only quotes that matched): the client joins them into connected
   groups, and `clusters.link` (today's rule: best pair first, never two articles' ... ) runs on
   each group on the workers. A link only ever joins quotes of one group, and the pairs of a group
   are tried in the same order as in the whole corpus, so the clusters are the same;
6. nested quotes join the cluster of the quote around them, per part (an article is in one part).
"""
from __future__ import annotations

from collections import defaultdict

from dask import delayed

from . import adapter
from .shuffle import Box, bucket, default_buckets, share, split, unbox

LINK_BATCHES_PER_BUCKET = 1


def clusters_on_dask(client, parts: list, res: adapter.Resolution, buckets: int | None = None) -> dict[str, str]:
    """Quote id -> cluster id for every quote of the parts; equal to the single-process assignment."""
    n = buckets or default_buckets(client)
    ids = share(client, res.ids)
    mapped = [delayed(_prepare, pure=True)(p, ids, n) for p in parts]
    postings = [delayed(_postings, pure=True)([m[0][b] for m in mapped], n) for b in range(n)]
    wanted = [delayed(_candidates, pure=True)([p[c] for p in postings], n) for c in range(n)]
    halves = [delayed(_join_first, pure=True)([w[c] for w in wanted], [m[2][c] for m in mapped], n)
              for c in range(n)]
    scored = [delayed(_score, pure=True)([h[c] for h in halves], [m[2][c] for m in mapped]) for c in range(n)]
    exact = [delayed(_exact, pure=True)([m[1][b] for m in mapped]) for b in range(n)]
    edges = [e for part in unbox(client.gather(client.compute(scored + exact))) for e in part]
    batches = _components(edges, n)
    linked: dict[str, str] = {}
    for part in unbox(client.gather(client.map(_link_batch, [Box(b) for b in batches], pure=False))):
        linked.update(part)
    linked_f = share(client, linked)
    out: dict[str, str] = {}
    for part in unbox(client.gather(client.map(_part_clusters, parts, [linked_f] * len(parts), pure=False))):
        out.update(part)
    return out


def _article(qid: str) -> str:
    """The article of a quote id ("<article>@<start>")."""
    return qid.rsplit("@", 1)[0]


def _prepare(rows: Box, ids: Box, n: int) -> tuple[list, list, list]:
    """One part's top-level quotes: shingle postings, exact-text keys and the quote table, bucketed."""
    sh_out: list[dict] = [{} for _ in range(n)]
    quotes = []
    ids = ids.value
    for qid, _article_id, text, speaker, nested, _spans in rows.value:
        if nested:
            continue
        norm = adapter.normalize(text)
        words = norm.split()
        sid = ids.get(speaker) if speaker else None
        quotes.append((qid, norm, len(words), sid))
        long_ = len(words) >= adapter.MIN_WORDS
        for sh in adapter.shingles(words):
            sh_out[bucket(sh, n)].setdefault(sh, []).append((qid, long_))
    text_out = split((q for q in quotes if q[2] >= adapter.MIN_WORDS), lambda q: q[1], n,
                     lambda d, q: d.setdefault(q[1], []).append((q[0], q[3])))
    table = split(quotes, lambda q: q[0], n, lambda d, q: d.__setitem__(q[0], q[1:]))
    return [Box(d) for d in sh_out], text_out, table


def _postings(pieces: list[Box], n: int) -> list[Box]:
    """Per shingle seen in 2..MAX_DF quotes: (df, shingle, its quotes), sent to each long quote of it."""
    out: list[dict] = [{} for _ in range(n)]
    for sh, members in _concat(pieces).items():
        df = len(members)
        if not 1 < df <= adapter.MAX_DF:
            continue
        qids = tuple(sorted(q for q, _ in members))
        for q, long_ in members:
            if long_:
                out[bucket(q, n)].setdefault(q, []).append((df, sh, qids))
    return [Box(d) for d in out]


def _candidates(pieces: list[Box], n: int) -> list[Box]:
    """Candidate pairs (a < b) from each quote's BLOCKS rarest shingles, bucketed by a."""
    out: list[dict] = [{} for _ in range(n)]
    for q, entries in _concat(pieces).items():
        art = _article(q)
        for _df, _sh, qids in sorted(entries)[:adapter.BLOCKS]:
            for j in qids:
                if j == q or _article(j) == art:
                    continue
                a, b = min(q, j), max(q, j)
                out[bucket(a, n)].setdefault(a, set()).add(b)
    return [Box(d) for d in out]


def _join_first(pieces: list[Box], tables: list[Box], n: int) -> list[Box]:
    """Attach quote a's text to each pair (a, b); send the pairs on to b's bucket."""
    table = _merge(tables)
    out: list[dict] = [{} for _ in range(n)]
    pairs: dict[str, set] = defaultdict(set)
    for piece in unbox(pieces):
        for a, bs in piece.items():
            pairs[a] |= bs
    for a, bs in pairs.items():
        norm, words, sid = table[a]
        for b in bs:
            out[bucket(b, n)].setdefault(b, []).append((a, norm, words, sid))
    return [Box(d) for d in out]


def _score(pieces: list[Box], tables: list[Box]) -> Box:
    """Score each pair with quote b's text: links (score, a, b, speaker of a, speaker of b)."""
    table = _merge(tables)
    edges = []
    for piece in unbox(pieces):
        for b, firsts in piece.items():
            norm_b, words_b, sid_b = table[b]
            for a, norm_a, words_a, sid_a in firsts:
                if norm_a == norm_b:
                    continue            # equal texts are linked by _exact
                score = adapter.similarity(norm_a, norm_b, words_a, words_b)
                if score:
                    edges.append((score, a, b, sid_a, sid_b))
    return Box(edges)


def _exact(pieces: list[Box]) -> Box:
    """Quotes with one normalised text: each linked to the text's first quote, as the single process does."""
    edges = []
    for members in _concat(pieces).values():
        members.sort()
        first, sid_first = members[0]
        edges.extend((adapter.EXACT, first, q, sid_first, sid) for q, sid in members[1:])
    return Box(edges)


def _concat(pieces: list[Box]) -> dict[str, list]:
    """The lists filed under each key in the (boxed) pieces of a bucket, joined."""
    merged: dict[str, list] = defaultdict(list)
    for piece in unbox(pieces):
        for key, values in piece.items():
            merged[key].extend(values)
    return merged


def _merge(pieces: list[Box]) -> dict:
    """One dict from the (boxed) pieces of a bucket."""
    out: dict = {}
    for piece in unbox(pieces):
        out.update(piece)
    return out


def _components(edges: list[tuple], n: int) -> list[list]:
    """The links joined into connected groups, each group (its quotes, its links), in about n batches."""
    parent: dict[str, str] = {}

    def find(q: str) -> str:
        """Union-find root."""
        parent.setdefault(q, q)
        while parent[q] != q:
            parent[q] = parent[parent[q]]
            q = parent[q]
        return q

    speakers: dict[str, object] = {}
    for _score_, a, b, sid_a, sid_b in edges:
        speakers[a], speakers[b] = sid_a, sid_b
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list] = defaultdict(lambda: [[], []])
    for q in parent:
        groups[find(q)][0].append(q)
    for e in edges:
        groups[find(e[1])][1].append(e)
    batches: list[list] = [[] for _ in range(max(1, n * LINK_BATCHES_PER_BUCKET))]
    for root in sorted(groups):
        members, links = groups[root]
        batches[bucket(root, len(batches))].append(([(q, speakers[q]) for q in sorted(members)], links))
    return [b for b in batches if b]


def _link_batch(groups: Box) -> Box:
    """Today's linking rule (clusters.link) on each connected group of a batch."""
    out: dict[str, str] = {}
    for members, links in groups.value:
        index = {q: i for i, (q, _sid) in enumerate(members)}
        items = [adapter.Item(q, _article(q), "", sid) for q, sid in members]
        pairs = [(-score, index[a], index[b]) for score, a, b, _sa, _sb in links]
        out.update(adapter.link(items, pairs))
    return Box(out)


def _part_clusters(rows: Box, linked: Box) -> Box:
    """Quote id -> cluster id for one part: linked quotes, quotes alone, and nested quotes."""
    top = [{"id": r[0], "article": r[1], "spans": r[5]} for r in rows.value if not r[4]]
    nested = [{"id": r[0], "article": r[1], "spans": r[5]} for r in rows.value if r[4]]
    out = {t["id"]: linked.value.get(t["id"]) or adapter.cluster_id([t["id"]]) for t in top}
    out.update(adapter.nested_clusters(nested, top, out))
    return Box(out)
