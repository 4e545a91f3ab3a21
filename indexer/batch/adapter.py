"""The one place the batch engine calls the single-process pipeline: corpus, extraction, identities, clusters.

Every call into another part of the package goes through a function here, so that when the corpus
reader, the extractor or the identity rules move, only this module changes. What the batch job
relies on, and checks in its tests:

- article ids are derived from a source file's relative path (`rel`, plus "#N" for records), so
  two sources can only give the same id when their `rel` is the same (see `id_prefix`);
- every merge rule of `identities.resolve` joins names whose folded key ends in the same word
  (see `bucket_key`), and a group's root key is its least multi-word key (see `group_root`);
- `clusters.link` is the linking rule of `clusters.assign`, applied to candidate pairs.
"""
from __future__ import annotations

from typing import Callable, Iterable, Optional

from .. import text as _text
from .. import corpus as _corpus
from ..resolve import clusters as _clusters
from ..resolve import identities as _identities
from ..records import Article, Mention, Quote, quote_id

Problem = _corpus.Problem
SourceFile = _corpus.SourceFile
Resolution = _identities.Resolution
Item = _clusters.Item

# Clustering constants, defined once in clusters.py.
MAX_DF = _clusters.MAX_DF
BLOCKS = _clusters.BLOCKS
MIN_WORDS = _clusters.MIN_WORDS
EXACT = _clusters.EXACT

recorded_hash = _corpus.recorded_hash
normalize = _clusters.normalize
shingles = _clusters.shingles
similarity = _clusters.similarity
link = _clusters.link
cluster_id = _clusters.cluster_id
nested_clusters = _clusters.nested_clusters
resolve = _identities.resolve
number_identities = _identities.number

__all__ = ["Article", "Mention", "Quote", "quote_id", "Problem", "SourceFile", "Resolution", "Item"]


# ---- corpus and extraction


def discover(paths: Iterable[str], on_problem: Callable[[Problem], None]) -> list[SourceFile]:
    """The corpus files under paths, in the single-process order."""
    return _corpus.discover(paths, on_problem)


def id_prefix(src: SourceFile) -> str:
    """What a source's article ids start with: two sources share ids only when this is equal."""
    return src.rel


def sidecar_cache(on_problem: Callable[[Problem], None]):
    """A cache of sidecar metadata for one task (each sidecar read once per task)."""
    return _corpus.SidecarCache(on_problem)


def read_and_extract(src: SourceFile, sidecars, sidecar_hashes: dict, seen: dict,
                     on_problem: Callable[[Problem], None]) -> tuple[str, list[tuple[Article, list[Quote]]]]:
    """(the content hash a build records for the file, (article, quotes) for each of its articles),
    the file read once, exactly as `quote-index extract` and the single-process build read it.

    seen maps the article ids read so far to their path: a repeated id is reported and skipped,
    as the single-process reader does. An article the extractor fails on is reported and kept
    with no quotes. The hash lets `update` of an index built from records re-read only the files
    that changed since ("unreadable:<errno>" as the build says it when the file cannot be read).
    """
    digest, articles = _corpus.read_once(src, on_problem, sidecars, sidecar_hashes, seen)
    out = []
    for art in articles:
        try:
            found = list(_extract_quotes(art))
        except Exception as e:   # noqa: BLE001 - one article the extractor chokes on must not end the run
            on_problem(Problem(art.path, f"quote extraction failed on {art.id}: "
                                         f"{type(e).__name__}: {e}; skipped"))
            found = []
        out.append((art, found))
    return digest, out


def _extract_quotes(article: Article) -> list[Quote]:
    """The per-article extractor."""
    from ..extract import extract_quotes

    return extract_quotes(article)


def quote_json(q: Quote) -> dict:
    """A quote as the `extract --format jsonl` contract writes it."""
    return q.to_json()


def single_process_records(paths: Iterable[str], on_problem: Optional[Callable] = None
                           ) -> tuple[list[Article], list[Quote]]:
    """Articles and quotes as the single-process `quote-index extract` reads them (the reference)."""
    from ..extract import extract_quotes

    report = on_problem or (lambda p: None)
    articles, quotes = [], []
    for art in _corpus.iter_articles(paths, report):
        articles.append(art)
        try:
            quotes.extend(extract_quotes(art))
        except Exception as e:   # noqa: BLE001 - as the CLI does
            report(Problem(art.path, f"quote extraction failed on {art.id}: {type(e).__name__}: {e}; skipped"))
    return articles, quotes


# ---- identities


def bucket_key(name: str) -> str:
    """The key every identity merge respects: the last word of the name's folded key ("" for none)."""
    key = _text.name_key(name)
    return key.rsplit(" ", 1)[-1] if key else ""


def group_root(forms: Iterable[str]) -> str:
    """The root key `resolve` orders an identity by: its least multi-word key, else its one key.

    resolve joins full names root to least root and hangs a bare surname under a full name's
    root, so the least full-name key is the root; slug suffixes ("-2") follow root order.
    """
    keys = {_text.name_key(f) for f in forms} - {""}
    full = [k for k in keys if " " in k]
    return min(full) if full else min(keys)


def resolve_counts(counts: Iterable[tuple[str, int]]) -> Resolution:
    """resolve() over names given with their quote counts (identities.resolve_counts)."""
    return _identities.resolve_counts(dict(counts))


# ---- the single-process corpus-level tables (the reference the batch results must equal)


def single_process_tables(quotes: list[Quote]) -> tuple[Resolution, dict[str, str]]:
    """(identities, quote id -> cluster id) exactly as the single-process build computes them."""
    from ..resolve.tables import corpus_tables

    rows = [{"id": quote_id(q), "article": q.article, "quote": q.text, "speaker_name": q.speaker,
             "nested": q.nested, "spans": [list(s) for s in q.spans], "outlet": q.outlet}
            for q in quotes]
    assignment, _speakers, _clusters_table, res = corpus_tables(rows)
    return res, {qid: a[3] for qid, a in assignment.items()}
