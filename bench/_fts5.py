"""The SQLite FTS5 reference of bench_build and bench_queries: the same records, the same operation.

So that a comparison with our search API is like for like, the reference database holds what our
hits show and filter on (not only the text), and each reference search does what one API call
does: rank the matches, return one page of 10 with every stored field and a snippet, count all
matches, and count the facets over all of them (Datasette's way: one GROUP BY per facet).

- `quotes` / `articles`: ordinary tables with every stored field of an exported record and the
  filter columns (outlet, medium, year, speaker, date), each filter column indexed;
- `quotes_fts` / `articles_fts`: external-content FTS5 indexes over their text (porter stemmer,
  diacritics folded), so a stored field is kept once;
- `speakers` (+ `speaker_words` in bench_queries): the speaker table for an indexed look-up.

What stays different (stated in the figures): our quote search groups the same quote carried by
several outlets into one hit; the reference returns quote rows (and the grouped variant counts
clusters with one more GROUP BY); our highlighting and "did you mean" have no twin here.
"""
from __future__ import annotations

import json
import sqlite3
import time

TOKENIZE = "porter unicode61 remove_diacritics 2"
PAGE = 10
QUOTE_FIELDS = ("id", "article", "title", "speaker_id", "speaker", "speaker_kind", "cue", "outlet",
                "outlet_name", "medium", "date", "year", "confidence", "cluster", "cluster_size",
                "role", "spans", "text")
ARTICLE_FIELDS = ("id", "title", "outlet", "outlet_name", "author", "url", "date", "year",
                  "quote_count", "text")
FACETS = {"quotes": ("speaker_id", "outlet", "medium", "year"), "articles": ("outlet", "year")}
# sort -> ORDER BY of a row page, and of a grouped page (one row per cluster)
ORDERS = {"relevance": ("m.score", "min(m.score)"), "newest": ("t.date DESC", "max(t.date) DESC"),
          "oldest": ("t.date", "min(t.date)"), "carried": ("t.cluster_size DESC, m.score", "max(t.cluster_size) DESC")}


def build(quotes: list[dict], articles: list[dict], speakers: list[tuple[str, str, str]], db_path) -> dict:
    """Write the reference database from exported records (to_json dicts); seconds and bytes."""
    t0 = time.perf_counter()
    db = sqlite3.connect(db_path)
    q_cols = ", ".join(f"{c} {'REAL' if c == 'confidence' else 'INTEGER' if c == 'cluster_size' else 'TEXT'}"
                       for c in QUOTE_FIELDS)
    a_cols = ", ".join(f"{c} {'INTEGER' if c == 'quote_count' else 'TEXT'}" for c in ARTICLE_FIELDS)
    db.execute(f"CREATE TABLE quotes (rowid INTEGER PRIMARY KEY, {q_cols})")
    db.execute(f"CREATE TABLE articles (rowid INTEGER PRIMARY KEY, {a_cols})")
    db.execute(f"CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='rowid', "
               f"tokenize='{TOKENIZE}')")
    db.execute(f"CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', "
               f"content_rowid='rowid', tokenize='{TOKENIZE}')")
    db.execute("CREATE TABLE speakers (id TEXT PRIMARY KEY, name TEXT, folded TEXT)")
    with db:
        db.executemany(f"INSERT INTO quotes ({', '.join(QUOTE_FIELDS)}) VALUES ({', '.join('?' * len(QUOTE_FIELDS))})",
                       (tuple(_quote_value(q, c) for c in QUOTE_FIELDS) for q in quotes))
        db.executemany(f"INSERT INTO articles ({', '.join(ARTICLE_FIELDS)}) "
                       f"VALUES ({', '.join('?' * len(ARTICLE_FIELDS))})",
                       (tuple(_article_value(a, c) for c in ARTICLE_FIELDS) for a in articles))
        db.executemany("INSERT INTO speakers VALUES (?, ?, ?)", speakers)
        db.execute("INSERT INTO quotes_fts(rowid, text) SELECT rowid, text FROM quotes")
        db.execute("INSERT INTO articles_fts(rowid, title, text) SELECT rowid, title, text FROM articles")
        for table, cols in (("quotes", ("speaker_id", "outlet", "medium", "year", "date", "article", "cluster")),
                            ("articles", ("outlet", "year", "date", "id"))):
            for c in cols:
                db.execute(f"CREATE INDEX {table}_{c} ON {table}({c})")
    db.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('optimize')")
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
    db.commit()
    db.close()
    return {"seconds": round(time.perf_counter() - t0, 2)}


def _quote_value(q: dict, c: str):
    """One column of a quote row (lists as JSON, the year from the date)."""
    if c == "year":
        return (q.get("date") or "")[:4] or None
    if c == "speaker":
        return q.get("speaker_name") or q.get("speaker")
    v = q.get(c)
    return json.dumps(v) if isinstance(v, (list, dict)) else v


def _article_value(a: dict, c: str):
    """One column of an article row (the year from the date)."""
    if c == "year":
        return (a.get("date") or "")[:4] or None
    return a.get(c)


def search(db, scope: str, match: str = "", filters: dict | None = None, sort: str = "relevance",
           page: int = 1, grouped: bool = False) -> dict:
    """One search as our API answers it: total, facets over all matches, one ranked page of rows.

    match: an FTS5 query ("" lists everything passing the filters, newest first); filters:
    outlet, medium, year, speaker (a speaker id: for articles, the articles quoting them).
    """
    table = "quotes" if scope == "quotes" else "articles"
    where, args = _filters(table, filters or {})
    if not match and sort == "relevance":
        sort = "newest"
    db.execute("DROP TABLE IF EXISTS temp.m")
    if match:
        db.execute(f"CREATE TEMP TABLE m AS SELECT t.rowid AS r, bm25({table}_fts) AS score "
                   f"FROM {table}_fts JOIN {table} t ON t.rowid = {table}_fts.rowid "
                   f"WHERE {table}_fts MATCH ?{' AND ' + where if where else ''}", [match, *args])
    else:
        db.execute(f"CREATE TEMP TABLE m AS SELECT t.rowid AS r, 0.0 AS score FROM {table} t"
                   f"{' WHERE ' + where if where else ''}", args)
    join = f"FROM m JOIN {table} t ON t.rowid = m.r"
    total = db.execute(f"SELECT count(*) {join}").fetchone()[0]
    facets = {f: db.execute(f"SELECT t.{f}, count(*) AS n {join} WHERE t.{f} IS NOT NULL AND t.{f} != '' "
                            f"GROUP BY t.{f} ORDER BY n DESC LIMIT 30").fetchall()
              for f in FACETS[scope]}
    if scope == "articles" and sort == "carried":
        sort = "relevance"
    by_row, by_group = ORDERS.get(sort, ORDERS["relevance"])
    offset = (page - 1) * PAGE
    if grouped and scope == "quotes":
        facets["clusters"] = db.execute(f"SELECT count(DISTINCT t.cluster) {join}").fetchone()
        ids = db.execute(f"SELECT min(m.r) {join} GROUP BY t.cluster ORDER BY {by_group} LIMIT ? OFFSET ?",
                         (PAGE, offset)).fetchall()
    else:
        ids = db.execute(f"SELECT m.r {join} ORDER BY {by_row} LIMIT ? OFFSET ?", (PAGE, offset)).fetchall()
    rows = _rows(db, table, [i for (i,) in ids], match)
    return {"total": total, "facets": facets, "rows": rows}


def _rows(db, table: str, rowids: list[int], match: str) -> list:
    """The page's rows with every stored field, and a snippet of the matched text."""
    if not rowids:
        return []
    marks = ", ".join("?" * len(rowids))
    rows = db.execute(f"SELECT * FROM {table} WHERE rowid IN ({marks})", rowids).fetchall()
    if match:
        col = 0 if table == "quotes" else 1
        snippets = dict(db.execute(
            f"SELECT rowid, snippet({table}_fts, {col}, '[', ']', '…', 20) FROM {table}_fts "
            f"WHERE {table}_fts MATCH ? AND rowid IN ({marks})", [match, *rowids]).fetchall())
        rows = [(*r, snippets.get(r[0])) for r in rows]
    return rows


def _filters(table: str, f: dict) -> tuple[str, list]:
    """SQL conditions on the table's indexed filter columns, and their arguments."""
    conds, args = [], []
    for name in ("outlet", "medium", "year"):
        if f.get(name) and (table == "quotes" or name != "medium"):
            conds.append(f"t.{name} = ?")
            args.append(str(f[name]))
    if f.get("speaker"):
        if table == "quotes":
            conds.append("t.speaker_id = ?")
        else:
            conds.append("t.id IN (SELECT article FROM quotes WHERE speaker_id = ?)")
        args.append(f["speaker"])
    return " AND ".join(conds), args
