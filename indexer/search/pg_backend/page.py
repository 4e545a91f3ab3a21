"""One search as one SQL statement: the matches, their order, the page, groups and facet counts.

The matches are kept in a CTE (`m`); the statement returns rows of five columns, each row tagged
by its part: -1 the total, -2 a hit of the page (seq, score, position, matches in its cluster),
-3 the undated matches, -4 the matching documents when grouped, and i >= 0 the counts of the
i-th facet. Orders are Whoosh's (`whoosh_backend.columns.sort_docs`): by score; newest or oldest
first with undated documents last; "carried" by the articles carrying the cluster, then newest;
"found" in document order (a search out of time, unranked); ties in document order (`seq`).
Grouped (quotes), each cluster is one hit, its first match in the order, and the total, the page
and the facets count clusters.
"""
from __future__ import annotations

from collections import Counter
from typing import Optional

FACET_COLUMNS = {"speaker": "speaker_id", "outlet": "outlet", "medium": "medium", "year": "year"}
ORDER_SQL = {"score": "score DESC, seq",
             "found": "seq",
             "newest": "date DESC NULLS LAST, seq",
             "oldest": "date ASC NULLS LAST, seq",
             "carried": "size DESC, date DESC NULLS LAST, seq"}
TOTAL, HIT, UNDATED, REPORTS = -1, -2, -3, -4


def order_key(order: str, by_score: bool) -> str:
    """The ORDER_SQL key of a request's order ("relevance" without a query lists newest first)."""
    if order == "relevance":
        return "score" if by_score else "newest"
    return order


def statement(table: str, scope: str, score: str, where: str, order: str, facets: tuple,
              group: bool, cap: Optional[int] = None) -> str:
    """The SQL of one search (see the module doc); its parameters: score's, where's, then
    LIMIT and OFFSET of the page. cap: keep only the first `cap` matches the scan finds."""
    cols = "".join(f", {FACET_COLUMNS[f]}" for f in facets if f != "year") + ", year"
    size = "COALESCE(cluster_size, 1)" if scope == "quotes" else "1"
    cluster = "COALESCE(cluster, '')" if scope == "quotes" else "NULL::text"
    by = ORDER_SQL[order]
    m = (f"m AS MATERIALIZED (SELECT seq, {score} AS score, date, {size} AS size, {cluster} AS cluster{cols} "
         f"FROM {table} WHERE {where}{f' LIMIT {int(cap)}' if cap is not None else ''})")
    if not group:
        parts = [f"SELECT {TOTAL}, NULL::text, count(*)::float8, NULL::bigint, NULL::bigint FROM m",
                 f"SELECT {HIT}, seq::text, score, row_number() OVER (ORDER BY {by}), 1 "
                 f"FROM (SELECT * FROM m ORDER BY {by} LIMIT %s OFFSET %s) page"]
        if "year" in facets:
            parts.append(f"SELECT {UNDATED}, NULL, count(*), NULL, NULL FROM m WHERE year IS NULL")
        count = "count(*)"
        ctes = [m]
    else:
        ctes = [m, f"r AS (SELECT seq, score, cluster, row_number() OVER (ORDER BY {by}) AS pos FROM m)",
                "g AS (SELECT DISTINCT ON (cluster) cluster, seq, score, pos, "
                "count(*) OVER (PARTITION BY cluster) AS n FROM r ORDER BY cluster, pos)"]
        parts = [f"SELECT {TOTAL}, NULL::text, count(*)::float8, NULL::bigint, NULL::bigint FROM g",
                 f"SELECT {REPORTS}, NULL, count(*), NULL, NULL FROM m",
                 f"SELECT {HIT}, seq::text, score, pos, n FROM (SELECT * FROM g ORDER BY pos LIMIT %s OFFSET %s) page"]
        if "year" in facets:
            parts.append(f"SELECT {UNDATED}, NULL, count(*), NULL, NULL FROM "
                         "(SELECT cluster FROM m GROUP BY cluster HAVING bool_and(year IS NULL)) u")
        count = "count(DISTINCT cluster)"
    parts += [f"SELECT {i}, {FACET_COLUMNS[f]}, {count}, NULL, NULL FROM m "
              f"WHERE {FACET_COLUMNS[f]} IS NOT NULL GROUP BY {FACET_COLUMNS[f]}" for i, f in enumerate(facets)]
    return "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(parts)


def read(rows, facets: tuple) -> tuple[int, int, int, list, dict]:
    """(total, reports, undated, [(position, seq, score, matched)] in page order, facet counts)
    from the rows of `statement`."""
    total, reports, undated, page = 0, None, 0, []
    counts = {f: Counter() for f in facets}
    for part, key, n, pos, matched in rows:
        if part == TOTAL:
            total = int(n)
        elif part == REPORTS:
            reports = int(n)
        elif part == UNDATED:
            undated = int(n)
        elif part == HIT:
            page.append((pos, int(key), n, int(matched)))
        else:
            counts[facets[part]][key] = int(n)
    page.sort()
    return total, total if reports is None else reports, undated, page, counts
