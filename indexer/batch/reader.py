"""Reading a records directory back: Quote and Article records, sorted as the single-process extract's,
or source file by source file in the order a build reads the corpus (`iter_sources`)."""
from __future__ import annotations

import os
from collections import defaultdict
from typing import Iterator

from .adapter import Article, Quote
from .layout import RecordsError, part_files, read_manifest
from .parts import read_part
from .schema import ARTICLES, FILES, QUOTES, article_from_row, quote_from_row


def quote_sort_key(q: Quote) -> tuple:
    """The order records are compared in: article id, then spans."""
    return (q.article, q.spans)


def load_quotes(directory: str) -> list[Quote]:
    """Every quote of a finished records directory, sorted by article id and spans."""
    read_manifest(directory)
    quotes = [quote_from_row(r) for path in part_files(directory, QUOTES) for r in read_part(path)]
    quotes.sort(key=quote_sort_key)
    for a, b in zip(quotes, quotes[1:]):
        if quote_sort_key(a) == quote_sort_key(b):
            raise RecordsError(f"{directory}: the quote at {a.article} {list(a.spans)} is stored twice")
    return quotes


def load_articles(directory: str) -> list[Article]:
    """Every article of a finished records directory (with its text), sorted by id."""
    read_manifest(directory)
    articles = [article_from_row(r) for path in part_files(directory, ARTICLES) for r in read_part(path)]
    articles.sort(key=lambda a: a.id)
    for a, b in zip(articles, articles[1:]):
        if a.id == b.id:
            raise RecordsError(f"{directory}: article {a.id} is stored twice")
    return articles


def load_records(directory: str) -> tuple[list[Article], list[Quote]]:
    """(articles sorted by id, quotes sorted by article id and spans) of a records directory."""
    return load_articles(directory), load_quotes(directory)


def _partition(path: str) -> int:
    """The partition number of a part file (part-00012.parquet -> 12)."""
    return int(os.path.basename(path).split("-", 1)[1].split(".", 1)[0])


def iter_sources(directory: str) -> Iterator[tuple[dict, list[tuple[Article, list[Quote]]]]]:
    """Each source file of a records directory in the order a build reads the corpus: its file
    row (key, hash, problems) and its articles, each with its quotes in extraction order.

    Read one partition at a time (an article and its quotes live in the parts of their
    partition), so a build from records holds one partition of article texts at once.
    """
    read_manifest(directory)
    files = part_files(directory, FILES)
    if not files:
        raise RecordsError(f"{directory} has no {FILES} dataset (written by an older quote-index); "
                           "run `quote-index extract --engine dask` again to index it")
    parts: dict[int, dict[str, list]] = defaultdict(lambda: {ARTICLES: [], QUOTES: []})
    for kind in (ARTICLES, QUOTES):
        for path in part_files(directory, kind):
            parts[_partition(path)][kind].append(path)
    for path in sorted(files, key=_partition):
        mine = parts[_partition(path)]
        articles = {a.id: a for p in mine[ARTICLES] for a in map(article_from_row, read_part(p))}
        quotes: dict[str, list] = defaultdict(list)
        for p in mine[QUOTES]:
            for row in read_part(p):
                quotes[row["article"]].append(quote_from_row(row))
        for row in sorted(read_part(path), key=lambda r: r["position"]):
            try:
                yield row, [(articles[i], quotes.get(i, [])) for i in row["articles"]]
            except KeyError as e:
                raise RecordsError(f"{path}: article {e.args[0]} of {row['path']} is missing from the "
                                   f"articles dataset") from None
