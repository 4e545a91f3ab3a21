"""An article's house style of quote marks: double marks for speech ("...," she said), as most news
copy has them, or single ones ('...,' she said), as some outlets do, with double marks for a quote
inside a quote.

The extractor pairs double marks as quotes and single ones as quotes nested inside them
(`marks.pair_marks`). For an article in the single-mark style, `quote_view` gives the text with the
roles of the marks swapped, one character for one, so every offset stays the same: each single
mark that opens or closes a quote becomes the double mark of the same shape, each double mark the
single one; an apostrophe (didn't, O'Neill, the players' union) stays as it is. An article that
writes each double mark as two apostrophes (''...'') is read with a double mark and a space in
their place. The records' text is then cut from the article as written (`pipeline`).
"""
from __future__ import annotations

import re

from ..lexicon import CUE_WORDS
from ..tokenize import paragraphs
from .marks import CLOSE_FOLLOW

# a mark closing a quote before its attribution: ",’ she said"
_SINGLE_CLOSE = re.compile(r"[,!?][’'](?=\s)")
_DOUBLE_CLOSE = re.compile(r"[,!?][”\"](?=\s)")
_SINGLE_CLOSES = tuple(stop + mark for stop in ",!?" for mark in "’'")   # what _SINGLE_CLOSE opens with
_SINGLE = re.compile("[‘’']")
_DOUBLE = re.compile("[\"“”„«»]")
_DOUBLED = re.compile("''")
_OPENS_AFTER = "([{—–-/:"
_AS_DOUBLE = {"‘": "“", "’": "”", "'": '"'}
_AS_SINGLE = str.maketrans({"“": "‘", "”": "’", '"': "'"})


def single_style(text: str) -> bool:
    """Whether the article writes speech in single marks: at least two quotes that close on a single
    mark before a cue ("...,' she said", "...?' asked Lee"), and more of them than close so on a
    double mark -- an article that puts names or words in single marks ('All Golds') and speech in
    double ones stays as it is."""
    if not any(close in text for close in _SINGLE_CLOSES):
        return False                               # (most articles: no single mark closes after , ! or ?)
    singles = _speech_closes(text, _SINGLE_CLOSE)
    return singles >= 2 and singles > _speech_closes(text, _DOUBLE_CLOSE)


def _speech_closes(text: str, close: re.Pattern) -> int:
    """How many quotes close on these marks right before a cue, within four words."""
    return sum(any(w.strip(".,;:").lower() in CUE_WORDS for w in text[m.end():m.end() + 40].split()[:4])
               for m in close.finditer(text))


def quote_view(text: str) -> str:
    """The text as the extractor reads it: itself, or for a single-mark article the same text with
    its quote marks' roles swapped, or for one that writes a double mark as two apostrophes
    (''...'', as some archives keep news copy) each pair read as a double mark and a space."""
    if "''" in text and not _DOUBLE.search(text) and len(_DOUBLED.findall(text)) >= 2:
        return _DOUBLED.sub('" ', text)
    if not single_style(text):
        return text
    chars = list(text.translate(_AS_SINGLE))
    for pa, pb in paragraphs(text):
        open_at = -1
        marks = [m.start() for m in _SINGLE.finditer(text, pa, pb)]
        for n, i in enumerate(marks):
            c = text[i]
            prev = text[i - 1] if i > pa else " "
            nxt = text[i + 1] if i + 1 < pb else " "
            if prev.isalnum() and nxt.isalnum():
                continue                           # an apostrophe: didn’t, O'Neill
            if open_at < 0:
                if c in "‘'" and (prev.isspace() or prev in _OPENS_AFTER) and not nxt.isspace():
                    open_at = i
                continue
            if c in "’'" and not prev.isspace() and nxt in CLOSE_FOLLOW:
                if prev == "s" and nxt == " " and text[i + 2:i + 3].islower() and n + 1 < len(marks):
                    continue                       # "the players’ union" inside the quote: an owner's mark
                chars[open_at], chars[i] = _AS_DOUBLE[text[open_at]], _AS_DOUBLE[c]
                open_at = -1
        if open_at >= 0 and (open_at == pa or text[pa:open_at].isspace()):
            chars[open_at] = _AS_DOUBLE[text[open_at]]   # a quote that runs on into the next paragraph
    return "".join(chars)
