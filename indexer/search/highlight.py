"""Highlighting as `segments`: [text, is_match] pairs whose texts, joined, give the whole field,
so each surface escapes it its own way (Jinja autoescape, ANSI bold, *stars*).

The stored original text is re-analysed with the index's analyzer and a word is marked when its
analysed form is one the query matched: matching is stemmed, but the words as written are marked.
"""
from __future__ import annotations

from ..results import Segments
from ..store.schema import TEXT_ANALYZER

SNIPPET = 240              # characters of article text around the first match


def segments(text: str, words, analyzer=None) -> Segments:
    """((piece, is_match), ...) covering all of text: the original words whose analysed form matches."""
    if not text:
        return ()
    if not words:
        return ((text, False),)
    analyzer = analyzer or TEXT_ANALYZER
    out: list = []
    pos = 0
    for tok in analyzer(text, chars=True, mode="index"):
        if tok.text in words:
            if tok.startchar > pos:
                out.append((text[pos:tok.startchar], False))
            out.append((text[tok.startchar:tok.endchar], True))
            pos = tok.endchar
    if pos < len(text):
        out.append((text[pos:], False))
    return tuple(out)


def snippet(text: str, words) -> Segments:
    """A window of the article text around its first match, highlighted, with … where cut."""
    if not text:
        return ()
    first = None
    if words:
        for tok in TEXT_ANALYZER(text, chars=True, mode="index"):
            if tok.text in words:
                first = tok.startchar
                break
    a = 0 if first is None else max(0, first - SNIPPET // 3)
    if a > 0:
        space = text.find(" ", a, first)
        a = space + 1 if 0 <= space < first else a
    b = min(len(text), a + SNIPPET)
    if b < len(text):
        space = text.rfind(" ", a, b)
        b = space if space > a else b
    segs = segments(text[a:b], words)
    if a > 0:
        segs = (("…", False),) + segs
    if b < len(text):
        segs = segs + (("…", False),)
    return segs
