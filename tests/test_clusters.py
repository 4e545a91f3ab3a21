"""One quote, one cluster: normalisation, exact and fuzzy matching, containment (indexer/clusters.py)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.resolve.clusters import Item, assign, normalize


@pytest.mark.parametrize("a, b", [
    ("VAR didn’t call me so I must", "VAR didn't call me, so I must"),
    ("“Quoted” words", '"quoted" words'),
    ("Sánchez scored", "sanchez scored"),
    ("  spaced\n out  ", "spaced out"),
])
def test_normalize_makes_wordings_equal(a, b):
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize("a, b", [
    ("we will win", "we will lose"),
    ("I can", "I cant"),        # not a punctuation difference: can vs can't
])
def test_normalize_keeps_words_apart(a, b):
    assert normalize(a) != normalize(b)


LONG = "the committee will publish its full findings on the budget before the end of the summer"


def _clusters(items):
    """Cluster id -> sorted quote ids."""
    out = {}
    for qid, cid in assign(items).items():
        out.setdefault(cid, []).append(qid)
    return sorted(sorted(v) for v in out.values())


@pytest.mark.parametrize("items, expected", [
    # the same words in two articles, differently punctuated
    ([Item("a@1", "a", "I didn’t call him so we lost", "x"), Item("b@1", "b", "I didn't call him, so we lost", "x")],
     [["a@1", "b@1"]]),
    # a quote one outlet trimmed is contained in the longer one
    ([Item("a@1", "a", LONG, "x"), Item("b@1", "b", "publish its full findings on the budget before the end", None)],
     [["a@1", "b@1"]]),
    # a near-equal wording (one word changed in a long quote)
    ([Item("a@1", "a", LONG, "x"), Item("b@1", "b", LONG.replace("publish", "release"), "x")],
     [["a@1", "b@1"]]),
    # two different known speakers never share a cluster
    ([Item("a@1", "a", LONG, "x"), Item("b@1", "b", LONG, "y")], [["a@1"], ["b@1"]]),
    # two quotes of one article never share a cluster (a nested quote is not its parent)
    ([Item("a@1", "a", LONG, "x"), Item("a@9", "a", LONG, "x")], [["a@1"], ["a@9"]]),
    # short scare quotes are not clustered across articles
    ([Item("a@1", "a", "a disaster", None), Item("b@1", "b", "a disaster", None)], [["a@1"], ["b@1"]]),
    # different quotes stay apart
    ([Item("a@1", "a", LONG, "x"), Item("b@1", "b", "nothing at all in common with that sentence here", "x")],
     [["a@1"], ["b@1"]]),
])
def test_assign(items, expected):
    assert _clusters(items) == expected


def test_nested_quotes_cluster_with_each_other_not_with_their_parents():
    outer_a = "I told him it was a clear penalty, and he said to me ‘nobody called me so I was right’,"
    outer_b = "I told him it was a clear penalty, and he said to me 'nobody called me, so I was right,'"
    items = [Item("a@1", "a", outer_a, "v"), Item("a@50", "a", "nobody called me so I was right", "g"),
             Item("b@1", "b", outer_b, "v"), Item("b@50", "b", "nobody called me, so I was right", "g")]
    assert _clusters(items) == [["a@1", "b@1"], ["a@50", "b@50"]]


def test_common_shingles_do_not_make_giant_clusters():
    # 200 different quotes sharing one common phrase: blocking ignores the common shingles
    items = [Item(f"a{i}@1", f"a{i}", f"we are going to do it, number {i} said word{i} alpha{i} beta{i}", None)
             for i in range(200)]
    assert len(set(assign(items).values())) == 200


WORDS = st.sampled_from("the budget will be cut by ten percent next year and we know it".split())


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abcdef"), st.lists(WORDS, min_size=1, max_size=14),
                          st.sampled_from([None, "x", "y"])), max_size=12), st.randoms())
def test_clusters_do_not_depend_on_order_and_keep_their_invariants(specs, rnd):
    items = [Item(f"{art}@{i}", art, " ".join(ws), sp) for i, (art, ws, sp) in enumerate(specs)]
    got = assign(items)
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert assign(shuffled) == got
    assert set(got) == {it.id for it in items}
    by_cluster = {}
    for it in items:
        by_cluster.setdefault(got[it.id], []).append(it)
    for members in by_cluster.values():
        assert len({m.article for m in members}) == len(members)
        assert len({m.speaker for m in members} - {None}) <= 1
