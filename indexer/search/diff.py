"""Word-level differences between two wordings of a quote (difflib): the quote page compares each
outlet's wording with the first, check-a-quote compares the checked text with the real wording."""
from __future__ import annotations

import difflib

from ..results import DiffSegment, WordDiff

# Typographic variants of the same character are not a different wording.
_SAME = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                       "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def _norm(word: str) -> str:
    """A word as compared: curly quotes and dashes made plain."""
    return word.translate(_SAME)


def word_diff(base: str, other: str) -> WordDiff:
    """How `other` differs from `base`, word by word.

    Segments have op "equal", "insert" (words only `other` has) or "delete" (words of `base` that
    `other` lacks); the texts of the equal and insert segments, joined by spaces, give `other`'s
    words. The ratio (0 to 1) is the share of the same words.
    """
    a, b = base.split(), other.split()
    sm = difflib.SequenceMatcher(None, [_norm(w) for w in a], [_norm(w) for w in b], autojunk=False)
    segments: list[dict] = []

    def add(words: list[str], op: str) -> None:
        """Append a run of words, merging with the previous run of the same kind."""
        if not words:
            return
        if segments and segments[-1]["op"] == op:
            segments[-1]["text"] += " " + " ".join(words)
        else:
            segments.append({"text": " ".join(words), "op": op})

    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            add(b[j1:j2], "equal")
        else:                       # replace = the base's words out, the other's words in
            add(a[i1:i2], "delete")
            add(b[j1:j2], "insert")
    return WordDiff(tuple(DiffSegment(s["text"], s["op"]) for s in segments), round(sm.ratio(), 3))
