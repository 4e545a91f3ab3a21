"""Check a quote on PostgreSQL (`View.similar`): the quotes sharing the most of a paste's words.

The same choice of words as the Whoosh backend: the paste's words and adjacent word pairs
(field `quote_pairs`) that the index holds, rarest first while their document frequencies stay
under POSTINGS_BUDGET (at most MAX_TERMS), each worth log((N + 1) / (df + 0.5)) to the quotes
holding it, N the quotes of the generation. The GIN indexes find the quotes holding any of them
(one statement, never a scan of every quote); the weights are summed in the same order as
Whoosh sums them, so the scores are the same floats; ties go in document order.
"""
from __future__ import annotations

import math

from ...pgstore.analyse import lexeme
from ...store.schema import bigrams
from ..backend import MAX_TERMS, POSTINGS_BUDGET


def find(conn, gen, words: tuple, limit: int) -> list[tuple[int, float]]:
    """(seq, score) of up to `limit` quotes, best first."""
    terms = sorted({("quote", w) for w in words} | {("quote_pairs", p) for p in bigrams(list(words))})
    if not terms or limit < 1:
        return []
    s = gen.table
    fields, texts = zip(*terms)
    df = {(f, t): n for f, t, n in conn.execute(
        f"SELECT field, term, df FROM {s}.lexicon WHERE (field, term) IN "
        "(SELECT * FROM unnest(%s::text[], %s::text[]))", (list(fields), list(texts))).fetchall() if n}
    n = max(1, gen.memo("pg_quote_docs", lambda: conn.execute(f"SELECT count(*) FROM {s}.quotes").fetchone()[0]))
    chosen, spent = [], 0
    for i, t in enumerate(sorted(df, key=lambda t: (df[t], t))):
        if i and (spent + df[t] > POSTINGS_BUDGET or i == MAX_TERMS):
            break
        spent += df[t]
        chosen.append((t, math.log((n + 1) / (df[t] + 0.5))))
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
