"""Reading a records directory back: Quote and Article records, sorted as the single-process extract's."""
from __future__ import annotations

from .adapter import Article, Quote
from .layout import RecordsError, part_files, read_manifest
from .parts import read_part
from .schema import ARTICLES, QUOTES, article_from_row, quote_from_row


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
