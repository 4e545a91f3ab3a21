"""Speaker identities on Dask: names grouped by folded last word, resolved per group on the workers.

Every merge rule of the single-process `resolve` joins names whose folded keys end in the same
word (adapter.bucket_key), so resolving each such group alone gives the same identities. Only the
ids need the whole corpus: a slug taken by two identities gets "-2", "-3" in the order of their
root keys, and two groups may produce the same slug ("O'Neil", "O Neil"). That is the one small
pass done on the client, over one line per identity.
"""
from __future__ import annotations

from collections import Counter

from dask import delayed

from . import adapter
from .shuffle import Box, bucket, default_buckets, unbox


def resolve_on_dask(client, parts: list, buckets: int | None = None) -> adapter.Resolution:
    """The Resolution (name -> id, display names, aliases) of the speaker names in the quote parts.

    parts are futures of quote rows (shuffle.load_parts); equal to adapter.resolve over the same names.
    """
    n = buckets or default_buckets(client)
    counted = [delayed(_name_counts, pure=True)(p, n) for p in parts]
    groups = [delayed(_resolve_bucket, pure=True)([c[b] for c in counted]) for b in range(n)]
    found = client.gather(client.compute(groups))
    return number_identities([g for part in unbox(found) for g in part])


def _name_counts(rows: Box, n: int) -> list[Box]:
    """Speaker names of one part with their quote counts, in n buckets of their last word."""
    out = [Counter() for _ in range(n)]
    for row in rows.value:
        name = row[3]
        if name and name.strip():
            out[bucket(adapter.bucket_key(name), n)][name] += 1
    return [Box(c) for c in out]


def _resolve_bucket(pieces: list[Box]) -> Box:
    """(root key, display name, forms) of each identity among one bucket's names."""
    counts: Counter = Counter()
    for c in unbox(pieces):
        counts.update(c)
    res = adapter.resolve_counts(sorted(counts.items()))
    if sum(len(forms) for forms in res.aliases.values()) != len(res.ids):
        # Two identities got one id (a display name whose slug is another's "-2"): resolve keeps
        # one of them under that id, and which one depends on every name in the corpus.
        lost = sorted(set(res.ids) - {f for forms in res.aliases.values() for f in forms})
        raise RuntimeError(f"speaker identities: two identities share one id; forms {lost[:5]} "
                           "have no identity of their own, which the Dask job cannot reproduce")
    return Box([(adapter.group_root(res.aliases[sid]), res.names[sid], res.aliases[sid]) for sid in res.names])


def number_identities(groups: list[tuple[str, str, list[str]]]) -> adapter.Resolution:
    """Give the identities their ids exactly as the single-process resolve does."""
    return adapter.number_identities(groups)
