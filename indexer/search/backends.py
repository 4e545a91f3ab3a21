"""The engines an index can live in, by name: the one place the search API names a backend.

A new engine adds a factory here (location -> an object with the `Backend` interface of
`indexer.search.backend`); `open_index(location, backend=NAME)` and the settings' `backend`
then select it, and nothing above the search package changes. A location that names a
PostgreSQL database (a postgresql:// URL or libpq key=value pairs) selects "postgresql" when no
backend is named, so `--index postgresql://...` works wherever a directory does.
"""
from __future__ import annotations

from typing import Optional

from ..errors import BadParameter
from ..settings import DEFAULTS
from .backend import Backend


def _whoosh(location: str) -> Backend:
    """The Whoosh index in a directory (written by `indexer.ingest`)."""
    from .whoosh_backend import WhooshBackend
    return WhooshBackend(location)


def _postgresql(location: str) -> Backend:
    """The index loaded into a PostgreSQL database (written by `indexer.ingest.pg_load`)."""
    from .pg_backend import PgBackend
    return PgBackend(location)


BACKENDS = {"whoosh": _whoosh, "postgresql": _postgresql}


def choose(location: str, name: Optional[str] = None) -> str:
    """The engine to open location with: the one named, else PostgreSQL for a DSN, else the default."""
    if name:
        return name
    from ..pgstore.connect import looks_like_dsn
    return "postgresql" if looks_like_dsn(location) else DEFAULTS.backend


def open_backend(name: Optional[str], location: str) -> Backend:
    """Open the index at location with the named engine (None: see `choose`)."""
    name = choose(location, name)
    factory = BACKENDS.get(name)
    if factory is None:
        raise BadParameter(f"backend: {name!r} is not one of {', '.join(BACKENDS)}")
    return factory(location)
