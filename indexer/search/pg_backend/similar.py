"""Check a quote on PostgreSQL (`View.similar`): the quotes sharing the most of a paste's words.

The same choice of words as the Whoosh backend (`backend.similar_terms` and `rarest_terms`: the
paste's words and adjacent word pairs that the index holds, rarest first under a postings budget,
each worth its IDF to the quotes holding it). The GIN indexes find the quotes holding any of them
(one statement, never a scan of every quote); the weights are summed in the same order as
Whoosh sums them, so the scores are the same floats; ties go in document order.
"""
from __future__ import annotations

from ...pgstore.analyse import lexeme
from ..backend import rarest_terms, similar_terms


def find(conn, gen, words: tuple, limit: int) -> list[tuple[int, float]]:
    """(seq, score) of up to `limit` quotes, best first."""
    terms = similar_terms(words)
    if not terms or limit < 1:
        return []
    s = gen.table
    fields, texts = zip(*terms)
    df = {(f, t): n for f, t, n in conn.execute(
        f"SELECT field, term, df FROM {s}.lexicon WHERE (field, term) IN "
        "(SELECT * FROM unnest(%s::text[], %s::text[]))", (list(fields), list(texts))).fetchall() if n}
    n = max(1, gen.memo("pg_quote_docs", lambda: conn.execute(f"SELECT count(*) FROM {s}.quotes").fetchone()[0]))
    chosen = rarest_terms(df, n)
    if not chosen:
        return []
    score = "0::float8" + "".join(
        f" + (CASE WHEN tsv_{f} @@ %s::tsquery THEN %s::float8 ELSE 0 END)" for (f, _), _ in chosen)
    sp = [x for (_, t), w in chosen for x in (lexeme(t), w)]
    any_ = " OR ".join(f"tsv_{f} @@ %s::tsquery" for (f, _), _ in chosen)
    ap = [lexeme(t) for (_, t), _ in chosen]
    rows = conn.execute(f"SELECT seq, {score} AS score FROM {s}.quotes WHERE {any_} "
                        "ORDER BY score DESC, seq LIMIT %s", sp + ap + [limit]).fetchall()
    return [(seq, sc) for seq, sc in rows]
