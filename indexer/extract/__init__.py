"""Quote extraction: direct quotations, their pieces and who said them (see `pipeline`).

`direct_quotations` and `extract_quotes` are loaded on first use: identities and search read the
name helpers of this package (`names`) without loading the extractor and NLTK.
"""
from __future__ import annotations

__all__ = ["direct_quotations", "extract_quotes"]


def __getattr__(name: str):
    """The pipeline's public functions, imported when first asked for."""
    if name in __all__:
        from . import pipeline
        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
