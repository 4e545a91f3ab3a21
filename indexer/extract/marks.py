"""Quote marks: pair the marks of one paragraph into quoted pieces, with a linear state machine.

Straight and curly double marks, guillemets and low-9 marks open a quote; single marks open a
quote nested inside one; an apostrophe (didn't, O'Neill) or a markup attribute is no mark.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

Span = tuple[int, int]

MARKS = re.compile("[\"“”«»„‘’']")
CLOSE_FOLLOW = set(" \t\n\r\u00a0.,;:!?)]}—–-…'’\"”")  # what may follow a closing mark


@dataclass
class Piece:
    """One stretch of quoted text inside one paragraph."""

    start: int                 # inner span, marks excluded, white space trimmed
    end: int
    open: int                  # offset of the opening mark
    close: Optional[int]       # offset of the closing mark; None when it runs to the paragraph end
    para: int
    nested: list[tuple[int, int, int, int]] = field(default_factory=list)  # (start, end, open, close)
    run_on: bool = False       # ended by the opening mark of the next piece of the same quote


def trim(text: str, a: int, b: int) -> Span:
    """(a, b) without surrounding white space."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def run_on(text: str, pa: int, i: int) -> bool:
    """Whether the mark at i, inside a quote, opens the quote's next paragraph run into this one
    (`"A. "B."`): white space before it, a sentence end before that, a word right after;
    a closing mark follows its words with no space (`"A."`)."""
    nxt = text[i + 1:i + 2]
    if not (nxt.isalnum() or nxt in "[(‘'…") or i - pa < 2 or not text[i - 1].isspace():
        return False
    j = i - 1
    while j > pa and text[j].isspace():
        j -= 1
    return text[j] in ".!?" or text[j] in ")’'" and text[j - 1:j] in ".!?"


def pair_marks(text: str, pa: int, pb: int, para: int, out: list[Piece]) -> None:
    """Pair the quote marks of paragraph text[pa:pb] and append its quoted pieces to out.

    Long on purpose: one state machine over the marks, each case beside the others.
    """
    open_at = -1
    kind = ""
    nest_at = -1
    nest_kind = ""
    nested: list[tuple[int, int, int, int]] = []
    for m in MARKS.finditer(text, pa, pb):
        i = m.start()
        c = text[i]
        prev = text[i - 1] if i > pa else " "
        nxt = text[i + 1] if i + 1 < pb else " "
        if c in "’'" and prev.isalnum() and nxt.isalnum():
            continue                                   # an apostrophe: didn’t, O'Neill
        if prev == "=" or (c == '"' and nxt == ">"):
            continue                                   # markup attributes: <a href="...">
        if open_at < 0:
            if c in "“„«":
                # a “ glued to a word and followed by a space is a stray closer, not an opener
                if c == "“" and i > pa and not prev.isspace() and prev not in "([{—–-/" and nxt in CLOSE_FOLLOW:
                    continue
                open_at, kind = i, c
            elif c == '"':
                if i > pa and not prev.isspace() and prev not in "([{—–-/:" and nxt in CLOSE_FOLLOW:
                    continue
                open_at, kind = i, c
            continue                                   # single marks and stray closers outside a quote
        # inside a double quote
        if nest_at >= 0:
            if nest_kind in "‘'":
                if c in "’'" and not prev.isspace():
                    nested.append((*trim(text, nest_at + 1, i), nest_at, i))
                    nest_at = -1
                    continue
            elif (c in "”\"»“" and not prev.isspace() and nxt in CLOSE_FOLLOW
                  and not (c == kind and kind == '"')):
                nested.append((*trim(text, nest_at + 1, i), nest_at, i))
                nest_at = -1
                continue
        if c in "‘'":
            if nest_at < 0 and (prev.isspace() or prev in "([{—–-/\"“:") and not nxt.isspace():
                nest_at, nest_kind = i, c
            continue
        if c == "’":
            continue                                   # a closer with nothing to close, or ’90s
        if c == kind and kind in "\"“" and nest_at < 0 and run_on(text, pa, i):
            # `"A. "B."`: paragraphs of one quote run together, each opening with a mark and only
            # the last closing; the piece so far ends here and the next one opens at this mark
            a, b = trim(text, open_at + 1, i)
            if a < b:
                out.append(Piece(a, b, open_at, None, para, nested, run_on=True))
            open_at, nested = i, []
            continue
        closes = False
        if c in "”»":
            closes = True
        elif c == '"':
            if kind == '"':
                closes = True                          # straight marks toggle
            elif prev.isspace() and not nxt.isspace() and nest_at < 0:
                nest_at, nest_kind = i, c              # a straight pair nested in curly marks
                continue
            else:
                closes = True
        elif c == "“":
            if not prev.isspace() and nxt in CLOSE_FOLLOW:
                closes = True                          # wrong kind used as a closer (seed 000)
            elif nest_at < 0 and prev.isspace():
                nest_at, nest_kind = i, c
                continue
        elif c in "„«" and nest_at < 0:
            nest_at, nest_kind = i, c
            continue
        if closes:
            a, b = trim(text, open_at + 1, i)
            if a < b:
                out.append(Piece(a, b, open_at, i, para, nested))
            open_at, nest_at, nested = -1, -1, []
    if open_at >= 0:
        a, b = trim(text, open_at + 1, pb)
        if a < b:
            out.append(Piece(a, b, open_at, None, para, nested))
