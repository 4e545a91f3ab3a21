"""Re-clustering only the region an update touches (indexer/resolve/relink.py) gives the clusters
a full `clusters.assign` gives, for any set of added, deleted, edited and re-attributed quotes.

The quotes are made from a small vocabulary so that shingles are shared, texts repeat exactly,
one quote contains another and near-equal wordings occur; MAX_DF and BLOCKS are lowered so that
document frequencies crossing the limits and the choice of the rarest shingles are exercised."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.resolve import clusters, relink
from indexer.resolve.clusters import Item

VOCAB = "we will not cut the budget while i am mayor of this city harbour dredged".split()
ARTICLES = ["a", "b", "c", "d", "e"]
SPEAKERS = [None, "x", "y"]

BASES = ["we will not cut the library budget while i am mayor of this city",
         "the harbour will be dredged before the autumn storms arrive whatever it costs",
         "i have never seen the channel this shallow in thirty years of sailing here"]


def _variant(base: int, edit: int, at: int, word: str) -> str:
    """A wording of a base sentence: as is, trimmed at either end, one word changed or added."""
    words = BASES[base].split()
    at %= len(words)
    if edit == 1:
        words = words[at // 2:]
    elif edit == 2:
        words = words[:len(words) - at // 2]
    elif edit == 3:
        words[at] = word
    elif edit == 4:
        words.insert(at, word)
    return " ".join(words)


text = st.one_of(
    st.builds(_variant, st.integers(0, len(BASES) - 1), st.integers(0, 4), st.integers(0, 20),
              st.sampled_from(VOCAB)),
    st.lists(st.sampled_from(VOCAB), min_size=2, max_size=12).map(" ".join))
quote = st.tuples(st.sampled_from(ARTICLES), st.integers(0, 5), text, st.sampled_from(SPEAKERS))


@pytest.fixture(autouse=True)
def small_limits(monkeypatch):
    """Limits small enough for a few dozen quotes to cross them."""
    monkeypatch.setattr(clusters, "MAX_DF", 4)
    monkeypatch.setattr(clusters, "BLOCKS", 2)


def _items(specs) -> dict:
    """Quote id -> Item (later specs of the same id win, as a re-read file's quotes do)."""
    return {f"{a}@{k}": Item(f"{a}@{k}", a, t, s) for a, k, t, s in specs}


def _graph(items: dict) -> relink.Graph:
    """The candidate graph of a set of quotes, with a full shingle table."""
    table = relink.ShingleTable.of_lines(relink.table_lines(items.values()))
    return relink.Graph(table, lambda qid: relink.Quoted.of(items[qid]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(quote, min_size=1, max_size=30), st.lists(quote, max_size=8),
       st.lists(st.integers(0, 40), max_size=6), st.lists(st.tuples(st.integers(0, 40), st.sampled_from(SPEAKERS)),
                                                         max_size=4))
def test_recluster_equals_assign(before_specs, added_specs, deletions, respeaks):
    before = _items(before_specs)
    ids = sorted(before)
    deleted = {ids[i % len(ids)] for i in deletions}
    after = {k: v for k, v in before.items() if k not in deleted}
    respoken = set()
    for i, sid in respeaks:
        qid = ids[i % len(ids)]
        if qid in after and after[qid].speaker != sid:
            after[qid] = Item(qid, after[qid].article, after[qid].text, sid)
            respoken.add(qid)
    added = _items(added_specs)
    deleted |= {qid for qid in added if qid in before}     # a re-read quote replaces the old one
    respoken -= set(added)
    after.update(added)

    old_clusters = clusters.assign(list(before.values()))
    expected = clusters.assign(list(after.values()))

    old = _graph(before)
    table = old.table.copy()
    for qid in deleted:
        table.remove(qid, before[qid].text)
    table.add(list(added.values()))
    assert table.lines == relink.table_lines(after.values())       # the edited table is the fresh one
    new = relink.Graph(table, lambda qid: relink.Quoted.of(after[qid]))
    region, got = relink.recluster(old, new, deleted, set(added), respoken, lambda qid: after[qid].speaker)
    assert set(added) <= region
    merged = {qid: got[qid] if qid in region else old_clusters[qid] for qid in after}
    assert merged == expected


def test_table_answers_df_and_holders_and_escapes_odd_ids():
    items = [Item("a\t1@0", "a", "we will not cut the budget", None),
             Item("b%2@0", "b", "we will not cut the city", None),
             Item("c\n@0", "c", "tiny", None)]
    table = relink.ShingleTable.of_lines(relink.table_lines(items))
    assert table.df("we will not cut") == 2
    assert sorted(table.holders("we will not cut")) == ["a\t1@0", "b%2@0"]
    assert table.holders("cut the budget") == []            # a prefix of a shingle is not one
    table.remove("a\t1@0", "we will not cut the budget")
    assert table.holders("we will not cut") == ["b%2@0"]
