"""Cutting an article's text into plain runs and quote runs, for the article page."""
from __future__ import annotations


def mark_quotes(text: str, quotes: list[dict]) -> list[dict]:
    """Segments of `text`: {"text", "quote": index into quotes or None, "first", "last"}.

    Each quote may have several spans; "first" marks a quote's first piece (it carries the
    anchor) and "last" its last piece (the speaker is shown after it). A span overlapping one
    already marked (a nested quote inside its outer quote) is left unmarked: the outer mark
    already shows those words. Spans outside the text are ignored, never an error.
    """
    pieces = []
    for qi, q in enumerate(quotes):
        spans = [(s, e) for s, e in (q.get("spans") or []) if 0 <= s < e <= len(text)]
        for k, (s, e) in enumerate(spans):
            pieces.append((s, e, qi, k == 0, k == len(spans) - 1))
    pieces.sort(key=lambda p: (p[0], -p[1]))
    segments: list[dict] = []
    pos = 0
    for s, e, qi, first, last in pieces:
        if s < pos:                  # overlaps what is already marked
            continue
        if s > pos:
            segments.append({"text": text[pos:s], "quote": None, "first": False, "last": False})
        segments.append({"text": text[s:e], "quote": qi, "first": first, "last": last})
        pos = e
    if pos < len(text):
        segments.append({"text": text[pos:], "quote": None, "first": False, "last": False})
    return segments
