#!/usr/bin/env python3
"""Benchmark: query latency on the benchmark index, against SQLite FTS5 holding the same documents.

Needs the indexes bench_build.py leaves in /tmp/quote-index-bench (runs it first when missing).
The query set is generated from the index with a fixed seed, so every run asks the same queries:
- quote phrase queries: 2 to 4 consecutive words of a random quote, as a "phrase";
- article full-text queries: 1 or 2 words (4+ letters) drawn from random article titles;
- speaker look-ups: a random speaker's name typed as a user would (surname only, lower case,
  full name, or one letter changed), resolved with find_speaker;
- filter-only listings: an empty query (newest first) with no filter (the home page) or one
  filter (outlet, year, medium or speaker), quotes or articles, pages 1-3;
- broad words (the cost of facets): one of the 300 most frequent quote words, quotes or
  articles, by relevance or date: thousands of matches whose facets are counted in full.
The first search after opening the index (which reads the facet/date columns once) is timed
apart, as is stats().
Each query runs once to warm up, then is timed over --rounds rounds and its median taken; the
search API's per-generation cache of recent answers is emptied before each timed search (cache
cold: every figure is a search that runs). The FTS5 speaker look-up is an indexed look-up (the
folded full name, or one word of it, in an indexed table), as find_speaker's is a dictionary one.
Figures go to bench/out/queries.json with the index's article and quote counts.

    python3 bench/bench_queries.py [--queries 200] [--seed 1234] [--rounds 5]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import sqlite3
import statistics
import sys
import time

import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import _fts5  # noqa: E402
import bench_build  # noqa: E402
from indexer import search as S  # noqa: E402
from indexer.serial import to_json  # noqa: E402
from indexer.text import fold  # noqa: E402

TARGETS_MS = {"quote_phrase": 50, "article_fulltext": 100, "speaker_lookup": 20, "filter_only": 100,
              "broad_word": 100}
# Keyword arguments of search() for the kinds that are not a plain query string.
SEARCH_KINDS = ("filter_only", "broad_word")


def make_queries(ix, n: int, seed: int) -> dict:
    """The fixed query set: n queries of each kind, drawn with a seeded random generator."""
    rnd = random.Random(seed)
    quotes = [q for q in map(to_json, S.export(ix, "quotes")) if len(q["text"].split()) >= 4]
    arts = sorted((a for a in map(to_json, S.export(ix, "articles")) if a.get("title")), key=lambda a: a["id"])
    speakers = [to_json(s) for s in S.export(ix, "speakers")]
    phrase = []
    for q in rnd.sample(quotes, min(n, len(quotes))):
        words = re.findall(r"[A-Za-z]+", q["text"])
        k = rnd.randint(2, 4)
        if len(words) <= k:
            phrase.append('"' + " ".join(words) + '"')
            continue
        i = rnd.randrange(len(words) - k)
        phrase.append('"' + " ".join(words[i:i + k]) + '"')
    fulltext = []
    for a in rnd.sample(arts, min(n, len(arts))):
        words = [w for w in re.findall(r"[A-Za-z]{4,}", a["title"])] or ["market"]
        fulltext.append(" ".join(rnd.sample(words, min(len(words), rnd.randint(1, 2)))))
    names = []
    for sp in rnd.sample(speakers, min(n, len(speakers))):
        name = sp["name"]
        form = rnd.randrange(4)
        if form == 0:
            name = name.split()[-1]
        elif form == 1:
            name = fold(name)
        elif form == 3 and len(name) > 5:
            i = rnd.randrange(1, len(name) - 1)
            name = name[:i] + rnd.choice("aeiou") + name[i + 1:]
        names.append(name)
    filters = [{}]
    outlets = sorted({a["outlet"] for a in arts if a.get("outlet")})
    years = sorted({a["date"][:4] for a in arts if a.get("date")})
    media = sorted({q["medium"] for q in quotes if q.get("medium")})
    quoted = [sp["id"] for sp in speakers if sp["quote_count"]]
    while len(filters) < n:
        name, pool = rnd.choice([("outlet", outlets), ("year", years), ("medium", media), ("speaker", quoted)])
        if pool:
            filters.append({"q": "", name: rnd.choice(pool), "scope": rnd.choice(S.SCOPES),
                            "page": rnd.randint(1, 3)})
    filters[0] = {"q": ""}
    common = sorted(((c, w) for w, c in S.open_index(ix.path).generation().words.items()
                     if len(w) >= 4 and w.isalpha()), reverse=True)[:300]
    broad = [{"q": w, "scope": rnd.choice(S.SCOPES), "sort": rnd.choice(S.SORTS)}
             for _, w in rnd.sample(common, min(n, len(common)))]
    for b in broad:          # "carried" orders quotes only (refused for articles): rank those
        if b["scope"] == "articles" and b["sort"] == "carried":
            b["sort"] = "relevance"
    return {"quote_phrase": phrase, "article_fulltext": fulltext, "speaker_lookup": names,
            "filter_only": filters, "broad_word": broad}


ROUNDS = 5


def timed(fn, queries, before=None) -> list[float]:
    """Milliseconds per query: the median of ROUNDS timed runs, after one untimed warm-up pass;
    before() runs untimed before each timed run (it empties the answer cache)."""
    for q in queries:
        fn(q)
    out = []
    for q in queries:
        runs = []
        for _ in range(ROUNDS):
            if before:
                before()
            t = time.perf_counter()
            fn(q)
            runs.append((time.perf_counter() - t) * 1000)
        out.append(statistics.median(runs))
    return out


# The per-generation answer caches of the search API (search answers, filter-only listings'
# facets, speaker counts): emptied before each timed search, so every figure is a search that runs.
ANSWER_CACHES = ("recent_results", "listings", "speaker_counts")


def cold(ix):
    """A function that empties the answers cached for the index's generation."""
    def empty():
        """Forget every cached answer of the current generation."""
        gen = ix.generation()
        for key in ANSWER_CACHES:
            gen.memo(key, lambda: S.recent.Recent(1)).clear()
    return empty


def speaker_words(db) -> None:
    """Each word of each speaker's folded name in an indexed table: FTS5's side of a look-up."""
    db.execute("CREATE TABLE IF NOT EXISTS speaker_words (word TEXT, id TEXT)")
    if not db.execute("SELECT 1 FROM speaker_words LIMIT 1").fetchone():
        db.executemany("INSERT INTO speaker_words VALUES (?, ?)",
                       ((w, i) for i, f in db.execute("SELECT id, folded FROM speakers").fetchall()
                        for w in set(f.split())))
    db.execute("CREATE INDEX IF NOT EXISTS speaker_words_word ON speaker_words(word)")
    db.execute("CREATE INDEX IF NOT EXISTS speakers_folded ON speakers(folded)")
    db.commit()


def summary(ms: list[float]) -> dict:
    """p50, p95, max and mean of a list of milliseconds."""
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return {"n": len(ms), "p50_ms": round(statistics.median(ms), 2), "p95_ms": round(p95, 2),
            "max_ms": round(ms[-1], 2), "mean_ms": round(statistics.fmean(ms), 2)}


def fts_phrase(q: str) -> str:
    """A phrase query in FTS5 syntax (the words only, quoted)."""
    return '"' + " ".join(re.findall(r"\w+", q)) + '"'


def main(argv=None) -> int:
    """Time the query set on Whoosh (through indexer.search) and on FTS5; write queries.json."""
    global ROUNDS
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--queries", type=int, default=200, help="Queries of each kind.")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--rounds", type=int, default=ROUNDS, help="Timed runs per query (median kept).")
    args = ap.parse_args(argv)
    ROUNDS = args.rounds
    if not (bench_build.INDEX / "meta.json").exists() or not bench_build.FTS.exists():
        if bench_build.main([]) != 0:
            return 1
    ix = S.open_index(str(bench_build.INDEX))
    # Cold: the first listing and stats() on a freshly opened index (no warm-up).
    t = time.perf_counter()
    S.search(ix, "")
    first_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    S.stats(ix)
    first_stats_ms = (time.perf_counter() - t) * 1000
    qs = make_queries(ix, args.queries, args.seed)

    empty = cold(ix)
    whoosh = {
        "quote_phrase": timed(lambda q: S.search(ix, q, scope="quotes"), qs["quote_phrase"], empty),
        "article_fulltext": timed(lambda q: S.search(ix, q, scope="articles"), qs["article_fulltext"], empty),
        "speaker_lookup": timed(lambda q: S.find_speaker(ix, q), qs["speaker_lookup"]),
        "filter_only": timed(lambda kw: S.search(ix, **kw), qs["filter_only"], empty),
        "broad_word": timed(lambda kw: S.search(ix, **kw), qs["broad_word"], empty),
    }
    # The same searches answered from the cache (a repeated search, a page's JSON twin).
    repeated = timed(lambda q: S.search(ix, q, scope="quotes"), qs["quote_phrase"])
    stats_ms = timed(lambda _: S.stats(ix), [None] * 20)
    # The speaker page (every quote of the person, grouped) is heavier than the look-up: shown apart.
    ids = [m.match.id for m in (S.find_speaker(ix, q) for q in qs["speaker_lookup"]) if m.match]
    speaker_page = timed(lambda sid: S.speaker(ix, sid), ids)
    hits = {k: sum(1 for q in v if S.search(ix, q, scope="quotes" if k == "quote_phrase" else "articles").total)
            for k, v in qs.items() if k not in ("speaker_lookup", *SEARCH_KINDS)}
    hits.update({k: sum(1 for kw in qs[k] if S.search(ix, **kw).total) for k in SEARCH_KINDS})
    found = sum(1 for q in qs["speaker_lookup"] if S.find_speaker(ix, q).match)

    db = sqlite3.connect(bench_build.FTS)
    speaker_words(db)
    # FTS5 does what one API call does (bench/_fts5.py): rank, one page of 10 rows with every
    # stored field and a snippet, the total, and the facets counted over every match.
    fts = {
        "quote_phrase": timed(lambda q: _fts5.search(db, "quotes", fts_phrase(q), grouped=True),
                              qs["quote_phrase"]),
        "article_fulltext": timed(lambda q: _fts5.search(db, "articles", " ".join(re.findall(r"\w+", q))),
                                  qs["article_fulltext"]),
        # Reference for a look-up: the folded full name, or its last word, both indexed.
        "speaker_lookup": timed(lambda q: db.execute(
            "SELECT id FROM speakers WHERE folded = ? UNION SELECT id FROM speaker_words WHERE word = ? "
            "LIMIT 10", (fold(q), (fold(q).split() or [""])[-1])).fetchall(), qs["speaker_lookup"]),
        "filter_only": timed(lambda kw: _fts5.search(db, kw.get("scope", "quotes"), "", kw, "newest",
                                                     kw.get("page", 1), grouped=True), qs["filter_only"]),
        "broad_word": timed(lambda kw: _fts5.search(db, kw["scope"], fts_phrase(kw["q"]), {}, kw["sort"],
                                                    grouped=True), qs["broad_word"]),
    }
    figures = {
        "name": "queries",
        "command": f"python3 bench/bench_queries.py --queries {args.queries} --seed {args.seed}",
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU(s) visible, Python {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "index": str(bench_build.INDEX),
        "corpus": {"articles": S.stats(ix).articles, "quotes": S.stats(ix).quotes},
        "rounds": ROUNDS,
        "queries_with_hits": {**hits, "speaker_lookup": found},
        "note": "Whoosh figures are the full API call (parse, search, facets over all matches, "
                "highlighting, hit records, quotes grouped by cluster); the FTS5 reference "
                "(bench/_fts5.py) does the same operation in SQL: ranked page of 10 with every stored "
                "field and a snippet, the total, and one GROUP BY per facet over all matches, "
                "quote pages grouped by cluster; no highlighting of stems, no 'did you mean'.",
    }
    for kind in whoosh:
        if kind not in fts:         # no FTS5 twin: it holds no filter columns and counts no facets
            w = summary(whoosh[kind])
            figures[kind] = {"whoosh": w, "fts5": None, "target_p95_ms": TARGETS_MS[kind],
                             "meets_target": w["p95_ms"] <= TARGETS_MS[kind]}
            continue
        w, f = summary(whoosh[kind]), summary(fts[kind])
        figures[kind] = {"whoosh": w, "fts5": f, "target_p95_ms": TARGETS_MS[kind],
                         "meets_target": w["p95_ms"] <= TARGETS_MS[kind],
                         "p95_ratio_whoosh_to_fts5": round(w["p95_ms"] / f["p95_ms"], 1) if f["p95_ms"] else None}
    figures["speaker_page"] = {"whoosh": summary(speaker_page) if speaker_page else None}
    figures["stats"] = {"whoosh": summary(stats_ms)}
    figures["quote_phrase_repeated"] = {"whoosh": summary(repeated),
                                        "note": "the same searches answered from the generation's cache"}
    figures["cold"] = {"first_empty_search_ms": round(first_ms, 1), "first_stats_ms": round(first_stats_ms, 1),
                       "note": "the first calls after open_index, no warm-up (facet/date columns read here)"}
    # No example queries in the output: they are corpus text, which must not reach the repository.
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "queries.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
