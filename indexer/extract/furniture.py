"""Page furniture: headings and Title Case headlines, whose capitalised words name nobody."""
from __future__ import annotations

import bisect
import re

from ..lexicon import TITLE_SMALL_WORDS
from .names import first_name


def headings(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Paragraphs that are headings (a few Title Case words, no sentence punctuation): page
    furniture such as "Climate Change" or "Article Continued Below" between paragraphs."""
    out = []
    for a, b in paras:
        if b - a > 60 or text[b - 1] in ".!?:\"”'’,;)":
            continue
        words = text[a:b].split()
        if words and (words[0] == "By" or first_name(words[0])):
            continue                           # a byline or a name on its own line is no heading
        if 1 <= len(words) <= 6 and words[0][:1].isupper() and all(
                w[:1].isupper() or w.lower() in TITLE_SMALL_WORDS for w in words):
            out.append((a, b))
    return out


def title_case_lines(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Paragraphs written in Title Case (headlines): four words or more, nearly all capitalised."""
    out = []
    for a, b in paras:
        if b - a > 200:
            continue
        words = [w for w in text[a:b].split() if w[:1].isalpha()]
        if len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.85 * len(words):
            out.append((a, b))
    return out


# A line with no lower-case letter and at least three words of two capitals or more: an all-caps
# headline or heading ("ACME SAYS LUND TO QUIT"); its capitals say nothing of which words are names.
_CAPS_LINE = re.compile(r"(?m)^(?=(?:[^a-z\n]*?\b[A-Z][A-Z'’.-]+\b){3})[^a-z\n]+$")
_LOWER = re.compile(r"[a-z]")
_UNLOWERED_LINE = re.compile(r"\n[^a-z\n]+(?=\n|$)")     # a line after the first with no lower-case letter


def caps_lines(text: str) -> list[tuple[int, int]]:
    """The all-caps lines of text (start, end), in order; [] for most articles, where no line is
    without a lower-case letter (a newline read first: re skips fast to it, not to a line start)."""
    nl = text.find("\n")
    first = text[:nl] if nl >= 0 else text
    if (not first or _LOWER.search(first)) and not _UNLOWERED_LINE.search(text):
        return []
    if not _CAPS_LINE.search(text):
        return []
    return [m.span() for m in _CAPS_LINE.finditer(text)]


_INF = float("inf")


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether pos falls inside one of the sorted, non-overlapping spans."""
    i = bisect.bisect_right(spans, (pos, _INF)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]
