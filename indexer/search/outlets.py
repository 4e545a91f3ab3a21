"""Outlets: a typed outlet (a slug or a name, any case or accents) as the slug the index keeps."""
from __future__ import annotations

from typing import Optional

from ..resolve.outlets import slug
from ..text import fold
from .backend import Generation
from .query import rewrite_terms


def resolve_outlet(gen: Generation, typed: Optional[str]) -> Optional[str]:
    """The slug a typed outlet means: a slug of the index, or the slug of a name it shows
    ("The Washington Post" -> "wash-post"); else the typed value's own slug (matching nothing)."""
    if not typed or not typed.strip():
        return None
    if typed in gen.outlets:
        return typed
    key = slug(typed)
    if key in gen.outlets:
        return key
    by_name = gen.memo("outlets_by_name", lambda: {fold(n): s for s, n in sorted(gen.outlets.items())})
    return by_name.get(fold(typed.strip()), key)


def outlet_terms(gen: Generation, query):
    """A parsed query whose `outlet:` words name outlets by slug (`outlet:"The Washington
    Post"` and `outlet:"daily planet"` find what `outlet:wash-post` and `outlet:daily-planet`
    find)."""
    return rewrite_terms(query, "outlet", lambda typed: resolve_outlet(gen, typed))
