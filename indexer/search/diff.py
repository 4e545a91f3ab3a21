"""Word-level differences between two wordings of a quote: the quote page compares each outlet's
wording with the first, check-a-quote compares the checked text with the real wording; in
near-linear time whatever the wordings.

The words both wordings start and end with are matched first (linear); what lies between is
compared with difflib on words, with autojunk (a word in more than 1% of a long wording is no
anchor), on at most `max_diff_words` words of each side; beyond them the rest is one change.
difflib without those bounds is quadratic and worse: two 16,000-word wordings took 120 s.
"""
from __future__ import annotations

import difflib

from ..results import DiffSegment, WordDiff
from ..settings import DEFAULTS

# Typographic variants of the same character are not a different wording.
_SAME = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                       "\u2013": "-", "\u2014": "-", "\u00a0": " "})
MAX_DIFF_WORDS = DEFAULTS.max_diff_words


def _norm(word: str) -> str:
    """A word as compared: curly quotes and dashes made plain."""
    return word.translate(_SAME)


def word_diff(base: str, other: str, max_words: int = MAX_DIFF_WORDS) -> WordDiff:
    """How `other` differs from `base`, word by word.

    Segments have op "equal", "insert" (words only `other` has) or "delete" (words of `base` that
    `other` lacks); the texts of the equal and insert segments, joined by spaces, give `other`'s
    words. The ratio (0 to 1) is the share of the same words.
    """
    a, b = base.split(), other.split()
    na, nb = [_norm(w) for w in a], [_norm(w) for w in b]
    head = 0
    while head < min(len(a), len(b)) and na[head] == nb[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and na[-1 - tail] == nb[-1 - tail]:
        tail += 1
    ea, eb = len(a) - tail, len(b) - tail          # the middles: a[head:ea], b[head:eb]
    segments: list[dict] = []

    def add(words: list[str], op: str) -> None:
        """Append a run of words, merging with the previous run of the same kind."""
        if not words:
            return
        if segments and segments[-1]["op"] == op:
            segments[-1]["text"] += " " + " ".join(words)
        else:
            segments.append({"text": " ".join(words), "op": op})

    add(b[:head], "equal")
    ca, cb = min(ea, head + max_words), min(eb, head + max_words)     # the compared part
    sm = difflib.SequenceMatcher(None, na[head:ca], nb[head:cb], autojunk=True)
    same = head + tail
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            add(b[head + j1:head + j2], "equal")
            same += i2 - i1
        else:                       # replace = the base's words out, the other's words in
            add(a[head + i1:head + i2], "delete")
            add(b[head + j1:head + j2], "insert")
    add(a[ca:ea], "delete")        # beyond the bound: the rest of each middle is one change
    add(b[cb:eb], "insert")
    add(b[eb:], "equal")
    total = len(a) + len(b)
    ratio = 2.0 * same / total if total else 1.0
    return WordDiff(tuple(DiffSegment(s["text"], s["op"]) for s in segments), round(ratio, 3))
