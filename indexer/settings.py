"""One settings object: where the index lives, the limits that keep a request cheap, writer
timeouts and memory, and the defaults of a search. The CLI and the web app both read it.

`DEFAULTS` holds the values the library falls back on; `load()` adds what the environment says
(the index location, `$QUOTE_INDEX_DIR`, and the web's CORS origins, `$QUOTE_INDEX_CORS`). A value
is changed in one place, here.
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from typing import Mapping, Optional

INDEX_ENV = "QUOTE_INDEX_DIR"       # environment variable naming the index directory
CORS_ENV = "QUOTE_INDEX_CORS"       # origins allowed to read the JSON and CSV answers
DSN_ENV = "QUOTE_INDEX_DSN"         # environment variable naming the PostgreSQL database of an index
SECRET_ENV = "QUOTE_INDEX_SECRET"   # the web app's secret key (it keeps no session)
DEFAULT_INDEX = ".quote-index"      # relative to the current directory


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a user or an operator may want to change, with its default."""

    # Where the index lives, and the engine that reads it (see indexer/search/backends.py).
    index_dir: str = DEFAULT_INDEX
    backend: str = "whoosh"
    # Queries: longer ones are cut with a message; short wildcard prefixes expand to too many terms.
    max_query_length: int = 500
    min_wildcard_prefix: int = 3        # letters before a * or ?
    max_wildcards: int = 2              # words with a wildcard in one query
    # Every query, ordinary or raw: an expanding word (prefix, wildcard, range, fuzzy) stands for
    # at most this many indexed words, and matching stops after this many seconds with what it
    # found (the answer says "partial").
    max_expansion: int = 1000
    search_seconds: float = 2.0
    # Pages of results.
    default_scope: str = "quotes"
    default_sort: str = "relevance"
    default_per_page: int = 10
    max_per_page: int = 100
    max_page: int = 1000                # web: the highest page number a link may ask for
    facet_limit: int = 20               # values per facet returned
    max_csv_rows: int = 5000            # web: rows of one CSV download (one bounded search)
    # Pages of one record: an article's text is shown in parts of this many characters (a 50 MB
    # article was a 53.6 MB page that took 12.9 s); the quote comparison diffs this many words
    # of each wording word by word (beyond it, the rest is shown as one change).
    article_part_chars: int = 100_000
    max_diff_words: int = 2000
    speakers_per_page: int = 100        # web: the A-Z list
    max_speakers_per_page: int = 500
    clusters_per_page: int = 20         # web: a speaker's quotes
    names_limit: int = 10               # name completion: default and ceiling
    max_names: int = 20
    # Attributions less sure than this are "unsure": the filter that hides them uses it. On the
    # hand-resolved PolNeAR dev quotes 88% of these names are right, against 97-99% above it
    # (docs/ATTRIBUTION.md).
    low_confidence: float = 0.6
    # Check a quote: the longest text accepted, and how many quotes of the index it lists.
    max_check_length: int = 600
    check_matches: int = 5
    # Web: the origins JSON and CSV answers may be read from (CORS); empty: none but this site.
    # "*" for anyone, or origins separated by spaces ("https://a.example https://b.example").
    cors_origins: str = ""
    # Reading the corpus: a file over this size is reported and skipped without being read.
    max_file_bytes: int = 64 * 2**20
    # Writers (build, update).
    lock_timeout: float = 10.0          # seconds a writer waits for another writer
    # Whoosh's posting pool spills sorted runs to disk beyond this; at 1024 MB the 22,000
    # articles of the benchmark corpus stay in memory (peak RSS ~1 GB) and the build takes 30%
    # less CPU than at 256 MB, which spilled three runs and merged them back.
    writer_memory_mb: int = 1024
    max_problems_shown: int = 20        # CLI: skipped inputs listed after a build without --verbose
    # The web server (`quote-index serve`).
    host: str = "127.0.0.1"
    port: int = 8000
    threads: int = 4
    max_request_bytes: int = 64 * 1024  # waitress refuses bigger bodies and headers
    # waitress: open connections at most (beyond, new ones wait in the listen backlog), seconds
    # a connection may stay idle (no byte received) before it is closed, and the listen backlog.
    connection_limit: int = 500
    channel_timeout: int = 30
    backlog: int = 1024
    max_content_length: int = 16 * 1024  # Flask: the app reads no request body

    def replace(self, **changes) -> "Settings":
        """A copy with some values changed (unknown names raise TypeError)."""
        return dataclasses.replace(self, **changes)


DEFAULTS = Settings()


def load(environ: Optional[Mapping[str, str]] = None, **overrides) -> Settings:
    """The defaults, then the environment (`$QUOTE_INDEX_DIR`), then explicit overrides."""
    env = os.environ if environ is None else environ
    values = {}
    if env.get(INDEX_ENV):
        values["index_dir"] = env[INDEX_ENV]
    if env.get(CORS_ENV):
        values["cors_origins"] = env[CORS_ENV]
    values.update({k: v for k, v in overrides.items() if v is not None})
    return DEFAULTS.replace(**values)
