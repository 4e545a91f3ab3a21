"""One quote, one cluster: the same words reported by several articles, found in near-linear time.

Two quotes are the same when, after normalising (casefold, ’ -> ', “” -> ", punctuation dropped,
accents folded), their texts are equal, nearly equal (rapidfuzz ratio), or the shorter one is
contained in the longer one (an outlet that trimmed the quote). Candidates come from blocking on
rare word shingles, so each quote is compared with a handful of others, never with all of them.

A cluster never holds two quotes of one article (a nested quote is not its parent) nor two
different known speakers; links are tried best first in a fixed order, so the clusters depend only
on the set of quotes, never on the order they come in (update == build).
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Optional

from rapidfuzz import fuzz

from ..text import fold

SHINGLE = 4            # words per shingle
BLOCKS = 4             # rarest shingles per quote used to find candidates
MAX_DF = 50            # shingles in more quotes than this are too common to block on
MIN_WORDS = 4          # shorter quotes ("terrorist", "a disaster") are not clustered across articles
MIN_CONTAINED = 8      # a contained quote must have at least this many words
SAME_RATIO = 90        # rapidfuzz ratio above which two normalised texts are one quote
EXACT = 101            # the score of two quotes whose normalised texts are equal (above any ratio)

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_PUNCT = re.compile(r"[^\w\s]+")


def normalize(text: str) -> str:
    """Quote text reduced to what matters for sameness: folded words separated by single spaces."""
    t = fold(text.translate(_QUOTES)).replace("'", "")      # "didn't" and "didn’t" -> "didnt"
    return " ".join(_PUNCT.sub(" ", t).split())


@dataclass(frozen=True)
class Item:
    """One quote as clustering sees it."""

    id: str                   # quote id
    article: str
    text: str
    speaker: Optional[str]    # speaker id, None when unattributed


def cluster_id(quote_ids: Iterable[str]) -> str:
    """A cluster's stable id: a hash of its first quote id (deterministic for a given corpus)."""
    return "c" + hashlib.blake2b(min(quote_ids).encode(), digest_size=6).hexdigest()


def assign(items: list[Item]) -> dict[str, str]:
    """Quote id -> cluster id for every quote (a quote alone is a cluster of one)."""
    items = sorted(items, key=lambda it: it.id)
    norm = [normalize(it.text) for it in items]
    words = [n.split() for n in norm]
    return link(items, exact_pairs(norm, words) + similar_pairs(items, norm, words))


def exact_pairs(norm: list[str], words: list[list[str]]) -> list[tuple[int, int, int]]:
    """Exact normalised text (linear): every quote of a text linked to that text's first quote."""
    pairs = []
    by_text: dict[str, list[int]] = defaultdict(list)
    for i, w in enumerate(words):
        if len(w) >= MIN_WORDS:
            by_text[norm[i]].append(i)
    for group in by_text.values():
        for j in group[1:]:
            pairs.append((-EXACT, group[0], j))
    return pairs


def similar_pairs(items: list[Item], norm: list[str], words: list[list[str]]) -> list[tuple[int, int, int]]:
    """Fuzzy and containment links (-score, i, j): candidates share one of the quote's rarest shingles."""
    sets = [shingles(w) for w in words]
    df: Counter = Counter()
    for s in sets:
        df.update(s)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for sh in s:
            if 1 < df[sh] <= MAX_DF:
                postings[sh].append(i)
    pairs = []
    seen: set[tuple[int, int]] = set()
    for i, s in enumerate(sets):
        if len(words[i]) < MIN_WORDS:
            continue
        rare = sorted((sh for sh in s if 1 < df[sh] <= MAX_DF), key=lambda sh: (df[sh], sh))[:BLOCKS]
        for sh in rare:
            for j in postings[sh]:
                if j == i or items[j].article == items[i].article:
                    continue
                a, b = min(i, j), max(i, j)
                if (a, b) in seen or norm[a] == norm[b]:
                    continue
                seen.add((a, b))
                score = similarity(norm[a], norm[b], len(words[a]), len(words[b]))
                if score:
                    pairs.append((-score, a, b))
    return pairs


def link(items: list[Item], pairs: list[tuple[int, int, int]]) -> dict[str, str]:
    """Join linked quotes best pair first; quote id -> cluster id for every item.

    items are sorted by id; pairs are (-score, i, j) with i < j indexes into items. A link is
    refused when it would put one article twice or two known speakers in one cluster, so the
    order of the pairs decides, and sorting them makes it independent of the input order.
    """
    parent = list(range(len(items)))
    articles = [{it.article} for it in items]
    speakers = [{it.speaker} - {None} for it in items]

    def find(i: int) -> int:
        """Union-find root."""
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        """Merge two clusters unless that puts one article twice or two speakers in one."""
        ri, rj = find(i), find(j)
        if ri == rj or articles[ri] & articles[rj] or len(speakers[ri] | speakers[rj]) > 1:
            return
        ri, rj = min(ri, rj), max(ri, rj)
        parent[rj] = ri
        articles[ri] |= articles[rj]
        speakers[ri] |= speakers[rj]

    for _, i, j in sorted(pairs):
        union(i, j)

    members: dict[int, list[str]] = defaultdict(list)
    for i, it in enumerate(items):
        members[find(i)].append(it.id)
    out: dict[str, str] = {}
    for ids in members.values():
        cid = cluster_id(ids)
        for qid in ids:
            out[qid] = cid
    return out


def shingles(words: list[str]) -> set[str]:
    """Word n-grams of a quote (the whole quote when shorter than one shingle)."""
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[k:k + SHINGLE]) for k in range(len(words) - SHINGLE + 1)}


def similarity(a: str, b: str, wa: int, wb: int) -> int:
    """0 when different, else a score: near-equal texts above contained ones."""
    ratio = fuzz.ratio(a, b, score_cutoff=SAME_RATIO)
    if ratio:
        return int(ratio)
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if min(wa, wb) >= MIN_CONTAINED and (short in long_ or fuzz.partial_ratio(short, long_, score_cutoff=95)):
        return 80
    return 0


def nested_clusters(nested: list[dict], top: list[dict], assigned: dict[str, str]) -> dict[str, str]:
    """Quote id -> cluster id for nested quotes: the cluster of the quote that encloses each one.

    Rows carry "id", "article" and "spans"; a nested quote with no enclosing quote (the extractor
    kept only the inner one) is a cluster of its own.
    """
    by_article: dict[str, list[dict]] = defaultdict(list)
    for r in top:
        by_article[r["article"]].append(r)
    out = {}
    for r in nested:
        start = r["spans"][0][0]
        parent = next((p for p in by_article.get(r["article"], ())
                       if any(a <= start < b for a, b in p["spans"])), None)
        out[r["id"]] = assigned[parent["id"]] if parent else cluster_id([r["id"]])
    return out
