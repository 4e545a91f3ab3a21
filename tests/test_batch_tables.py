"""Identities and clusters on Dask (indexer/batch) equal the single-process ones on the same records."""
from __future__ import annotations

import hashlib
import inspect
import re
from collections import Counter, defaultdict

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from batch_corpus import write_corpus
from conftest import CORPUS

from indexer.resolve import identities as single_identities
from indexer.batch import adapter, clusters, extract_job, identities
from indexer.batch.reader import load_quotes
from indexer.batch.shuffle import Box, bucket, load_parts
from indexer.records import Quote


@pytest.fixture(scope="module")
def records(tmp_path_factory, dask_scheduler):
    """Records directories of the generated corpus and of the seeds, extracted on Dask."""
    base = tmp_path_factory.mktemp("tables")
    roots = [str(r) for r in write_corpus(base / "gen", articles=90, seed=11)]
    out = {}
    for name, paths in (("generated", roots), ("seeds", [str(CORPUS)])):
        extract_job.run_extract(paths, str(base / name), partition_size=5, scheduler=dask_scheduler)
        out[name] = str(base / name)
    return out


@pytest.mark.dask
@pytest.mark.parametrize("name", ["generated", "seeds"])
@pytest.mark.parametrize("buckets", [1, 3])
def test_identities_and_clusters_on_dask_equal_the_single_process(records, dask_client, name, buckets):
    quotes = load_quotes(records[name])
    want_res, want_clusters = adapter.single_process_tables(quotes)
    parts = load_parts(dask_client, records[name])
    res = identities.resolve_on_dask(dask_client, parts, buckets)
    assert (res.ids, res.names, res.aliases) == (want_res.ids, want_res.names, want_res.aliases)
    got = clusters.clusters_on_dask(dask_client, parts, res, buckets)
    assert got == want_clusters
    if name == "generated":     # the corpus exercises what it is meant to
        assert {"o-neil", "o-neil-2"} <= set(res.names)            # one slug from two last words
        assert len(res.aliases["ruth-marsh"]) >= 2                  # a middle name more, merged
        assert sum(1 for n in Counter(got.values()).values() if n > 1) >= 20
        assert any(q.nested for q in quotes)


@pytest.mark.dask
def test_corpus_tables_on_dask_with_its_own_local_cluster(records):
    from indexer.batch.steps import corpus_tables_on_dask

    res, got = corpus_tables_on_dask(records["seeds"], workers=1)
    want_res, want = adapter.single_process_tables(load_quotes(records["seeds"]))
    assert got == want and res.ids == want_res.ids


# ---- the grouping key of identities: every merge rule keeps to it (no Dask needed)

FIRST = ["Anna", "Ana", "Annabel", "Mohamed", "Mohammed", "George", "Hillary", "Jo", "Maria", "María", "Piotr"]
MIDDLE = ["", "Rodham ", "W. ", "Ellen ", "de la "]
LAST = ["Clinton", "Fenwick", "Fenwik", "Sánchez", "Sanchez", "van Persie", "Persie", "O'Neil", "Neil", "Ortega-Ruiz",
        "Ortega Ruiz", "Mohamed-Clinton", "Mohammed-Clinton", "George-Fenwick"]   # one slug, several keys
FRONT = ["", "Mayor ", "Dr. ", "Former ", "Torino's ", "Billionaire ", "MR. "]
names = st.builds(lambda f, front, first, mid, last: (front + (first + " " if f else "") + mid + last).strip(),
                  st.booleans(), st.sampled_from(FRONT), st.sampled_from(FIRST), st.sampled_from(MIDDLE),
                  st.sampled_from(LAST))


def _by_buckets(counts: Counter, n: int):
    """The Dask identities computation, run in this process: buckets of last words, then numbering."""
    pieces = [Counter() for _ in range(n)]
    for name, c in counts.items():
        if name.strip():
            pieces[bucket(adapter.bucket_key(name), n)][name] += c
    return identities.number_identities([g for p in pieces for g in identities._resolve_bucket([Box(p)]).value])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(names, st.integers(1, 12)), min_size=1, max_size=14), st.integers(1, 4))
# one slug from three keys in two buckets: the "-2" goes by root key, a typo-merged pair's least
@example([("Mohammed Clinton", 1), ("Mohamed Clinton", 3), ("Mohamed-Clinton", 2), ("Clinton", 1)], 2)
@example([("O'Neil", 2), ("O Neil", 1), ("Mr. O'Neil", 1)], 3)
def test_every_merge_keeps_to_the_last_word_and_buckets_give_the_same_identities(named, n):
    counts = Counter()
    for name, c in named:
        counts[name] += c
    want = adapter.resolve_counts(sorted(counts.items()))
    for sid, forms in want.aliases.items():
        keys = {adapter.bucket_key(f) for f in forms}
        assert len(keys) == 1, (f"identity {sid} joins names with different last words {sorted(forms)}: a merge "
                                "rule no longer keeps to adapter.bucket_key; the Dask identities must change")
        assert adapter.group_root(forms) in {single_identities.name_key(f) for f in forms}
    got = _by_buckets(counts, n)
    assert (got.ids, got.names, got.aliases) == (want.ids, want.names, want.aliases)


# Checked by hand against every merge rule of identities.resolve (see adapter.bucket_key and
# group_root). When resolve changes, re-check that each rule joins only names whose folded key
# ends in the same word and that a group's root is its least multi-word key, then update this.
RESOLVE_FINGERPRINT = "d94acd7c3709361f"


def test_the_merge_rules_are_the_ones_the_dask_grouping_was_checked_against():
    source = "".join(inspect.getsource(f) for f in (single_identities.resolve, single_identities._same_person))
    digest = hashlib.blake2b(re.sub(r"\s+", " ", source).encode(), digest_size=8).hexdigest()
    assert digest == RESOLVE_FINGERPRINT, (
        f"identities.resolve changed (fingerprint {digest}): check that every merge rule still joins only "
        "names whose folded key ends in the same word and that a group's root is its least multi-word "
        "key (indexer/batch/adapter.py bucket_key, group_root), then set RESOLVE_FINGERPRINT to it")


# ---- clusters: the stage functions, run in this process, against clusters.assign

BASES = ["we will not cut the library budget while i am mayor of this city whatever it costs",
         "the numbers for the tram line simply do not add up for the coming year at all",
         "nobody on the council has read the full report on the flood wall and that worries me"]


@st.composite
def texts(draw):
    """A reworded copy of a base sentence: a word dropped or changed, trimmed, or as it is."""
    words = draw(st.sampled_from(BASES)).split()
    how = draw(st.sampled_from(["same", "drop", "change", "head", "tail", "short"]))
    k = draw(st.integers(0, len(words) - 1))
    if how == "drop":
        words = words[:k] + words[k + 1:]
    elif how == "change":
        words = words[:k] + [draw(st.sampled_from(["not", "city", "budget", "really"]))] + words[k + 1:]
    elif how == "head":
        words = words[:max(8, k)]
    elif how == "tail":
        words = words[min(k, len(words) - 8):]
    elif how == "short":
        words = words[k:k + 3]
    return " ".join(words)


def _stages(rows: list, ids: dict, n: int) -> dict:
    """clusters_on_dask's rounds in this process (parts = rows split in two)."""
    parts = [Box(rows[: len(rows) // 2]), Box(rows[len(rows) // 2:])]
    mapped = [clusters._prepare(p, Box(ids), n) for p in parts]
    postings = [clusters._postings([m[0][b] for m in mapped], n) for b in range(n)]
    wanted = [clusters._candidates([p[c] for p in postings], n) for c in range(n)]
    halves = [clusters._join_first([w[c] for w in wanted], [m[2][c] for m in mapped], n) for c in range(n)]
    edges = [e for c in range(n) for e in clusters._score([h[c] for h in halves], [m[2][c] for m in mapped]).value]
    edges += [e for b in range(n) for e in clusters._exact([m[1][b] for m in mapped]).value]
    linked = {}
    for batch in clusters._components(edges, n):
        linked.update(clusters._link_batch(Box(batch)).value)
    out = {}
    for p in parts:
        out.update(clusters._part_clusters(p, Box(linked)).value)
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 9), texts(), st.sampled_from([None, "Ann Lee", "Bo Park"]),
                          st.sampled_from([False, False, False, True])), min_size=1, max_size=60), st.integers(1, 4))
def test_cluster_rounds_equal_assign(quotes, n):
    rows, seen, at = [], set(), defaultdict(int)
    for art, text, speaker, nested in quotes:
        start = at[art]
        at[art] += len(text) + 3
        q = Quote(f"a{art}.txt", ((start, start + len(text)),), text, speaker, nested=nested)
        rows.append((f"{q.article}@{start}", q.article, text, speaker, nested, [(start, start + len(text))]))
        seen.add(q)
    want_res, want = adapter.single_process_tables(sorted(seen, key=lambda q: (q.article, q.spans)))
    assert _stages(rows, want_res.ids, n) == want
