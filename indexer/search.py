"""The query API over the index: parse safely, filter, facet, highlight, page.

The CLI and the web app call these functions and nothing else to read the index.

CONTRACT (fixed so that the CLI, the web app and the index can be written at the same time;
the implementation below replaces each NotImplementedError):

All functions take an open `Index` (see `open_index`) and return plain JSON-serialisable dicts /
lists, never Whoosh objects. Text that comes from articles is returned raw (never HTML);
highlighting is returned as `segments`: a list of `[text, is_match]` pairs whose texts, joined,
give the whole field, so each surface escapes it its own way (Jinja autoescape, ANSI bold).

Quote hit (`scope="quotes"`):
    {"kind": "quote", "id": quote id "<article id>@<start>", "cluster": cluster id,
     "text": str, "segments": [[str, bool], ...], "speaker": display name or None,
     "speaker_id": slug or None, "role", "cue", "medium", "outlet", "date": "YYYY-MM-DD" or None,
     "article": article id, "title": article title, "before": text just before (<= ~200 chars),
     "after": text just after, "nested": bool, "cluster_size": articles carrying this quote,
     "score": float}
Article hit (`scope="articles"`):
    {"kind": "article", "id": article id, "title", "outlet", "date", "dateline", "wire",
     "snippet_segments": [[str, bool], ...], "quote_count": int, "score": float}

SearchResult (dict):
    {"query": as given, "scope": "quotes"|"articles", "total": int, "page": int, "per_page": int,
     "pages": int, "hits": [...], "facets": {"speaker": [...], "outlet": [...], "medium": [...],
     "year": [...]}, each facet value {"value": str, "label": str, "count": int},
     "filters": {name: value for the filters applied},
     "messages": [str, ...] (e.g. "Your query could not be parsed (unbalanced quote mark);
                   searched as plain words."),
     "suggestion": corrected query string or None ("did you mean"), "sort": "relevance"|"date"}
"""
from __future__ import annotations

from typing import Optional

MAX_QUERY_LENGTH = 500     # longer queries are cut with a message
MAX_PER_PAGE = 100
SCOPES = ("quotes", "articles")
SORTS = ("relevance", "date")


class Index:
    """An open index: hands out a searcher that is reopened (never refresh()ed) when the index changed."""


def open_index(path: str) -> Index:
    """Open the index at path read-only; raises IndexNotFound (a clear message) when there is none."""
    raise NotImplementedError


class IndexNotFound(Exception):
    """No usable index at the given path; the message says which path and how to build one."""


def search(ix: Index, q: str = "", *, scope: str = "quotes", speaker: Optional[str] = None,
           outlet: Optional[str] = None, medium: Optional[str] = None, year: Optional[str] = None,
           since: Optional[str] = None, until: Optional[str] = None, sort: str = "relevance",
           page: int = 1, per_page: int = 10, raw: bool = False) -> dict:
    """Full-text search of quotes or articles with filters and facets; returns a SearchResult.

    `q` is escaped by default: words and "phrases", AND/OR/NOT and field:value work, anything that
    does not parse is searched as plain words with a message. `raw=True` passes Whoosh syntax
    through. `speaker` is a speaker id (slug) or a name (resolved like `find_speaker`). An empty
    `q` lists everything that matches the filters (newest first). Bad parameter values (page < 1,
    unknown scope or sort, a date that does not parse) raise ValueError naming the parameter.
    """
    raise NotImplementedError


def find_speaker(ix: Index, name: str) -> dict:
    """Resolve a typed name (any case, accents, first name missing, one typo) to speakers.

    Returns {"match": Speaker dict or None, "candidates": [Speaker dict, ...]}: `match` is set
    when one speaker is clearly meant; otherwise `candidates` lists the plausible ones, best first.
    Speaker dict: {"id", "name", "aliases": [...], "quote_count", "outlets": [...],
                   "first_date", "last_date"}.
    """
    raise NotImplementedError


def speakers(ix: Index, prefix: Optional[str] = None, *, limit: Optional[int] = None) -> list[dict]:
    """All speakers (optionally those whose name or an alias starts with prefix), A-Z by name."""
    raise NotImplementedError


def complete_names(ix: Index, prefix: str, limit: int = 10) -> list[dict]:
    """Name completion: speakers whose name words start with prefix, most quoted first."""
    raise NotImplementedError


def speaker(ix: Index, speaker_id: str) -> Optional[dict]:
    """One speaker by id with their quotes grouped by cluster and a timeline; None if unknown.

    {"speaker": Speaker dict, "clusters": [{"cluster": id, "text": a wording, "outlets": [...],
      "articles": [...], "first_date", "quotes": [quote hit, ...]}, ...],
     "timeline": [{"period": "YYYY-MM", "count": int}, ...]}
    """
    raise NotImplementedError


def speaker_quotes(ix: Index, speaker_id: str, q: str = "", *, page: int = 1,
                   per_page: int = 20) -> dict:
    """Search within one speaker's quotes: a SearchResult restricted to that speaker."""
    raise NotImplementedError


def article(ix: Index, article_id: str) -> Optional[dict]:
    """One article: metadata, full text and every quote (spans, speaker) in it; None if unknown.

    {"id", "title", "outlet", "date", "author", "url", "dateline", "wire", "text",
     "quotes": [quote hit + {"spans": [[s, e], ...], "speaker_mention": {...} or None}, ...]}
    """
    raise NotImplementedError


def cluster(ix: Index, cluster_id: str) -> Optional[dict]:
    """One cluster: each outlet's wording side by side; None if unknown.

    {"id", "speaker", "speaker_id", "first_date", "outlets": [...],
     "quotes": [quote hit, ...] (one per article, oldest first)}
    """
    raise NotImplementedError


def stats(ix: Index) -> dict:
    """Counts: articles, quotes, speakers, clusters, outlets, built_at, index path and size."""
    raise NotImplementedError
