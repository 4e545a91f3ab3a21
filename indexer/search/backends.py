"""The engines an index can live in, by name: the one place the search API names a backend.

A new engine adds a factory here (location -> an object with the `Backend` interface of
`indexer.search.backend`); `open_index(location, backend=NAME)` and the settings' `backend`
then select it, and nothing above the search package changes.
"""
from __future__ import annotations

from ..errors import BadParameter
from .backend import Backend


def _whoosh(location: str) -> Backend:
    """The Whoosh index in a directory (written by `indexer.ingest`)."""
    from .whoosh_backend import WhooshBackend
    return WhooshBackend(location)


BACKENDS = {"whoosh": _whoosh}


def open_backend(name: str, location: str) -> Backend:
    """Open the index at location with the named engine."""
    factory = BACKENDS.get(name)
    if factory is None:
        raise BadParameter(f"backend: {name!r} is not one of {', '.join(BACKENDS)}")
    return factory(location)
