"""NLTK sentence and word tokenisation with character offsets; works with no nltk_data installed."""
from __future__ import annotations

import functools
import re
from typing import Iterator

from .lexicon import ABBREVIATIONS, AMBIGUOUS_ABBREVIATIONS

Span = tuple[int, int]

# Abbreviations that are also ordinary words ending sentences ("She fell ill."): Punkt keeps them
# joined (so "No. 2" stays whole); `sentences` then splits after them when a capitalised word follows.
_AMBIGUOUS_END = re.compile(
    r"(?<![\w.])(?i:" + "|".join(sorted(AMBIGUOUS_ABBREVIATIONS)) + r")\.(?=\s+[\"'\u201c\u2018]?[A-Z])")


# NLTK is imported on first use, not with this module: `import nltk` loads all of NLTK (scipy.stats
# among it, 2-5 s), and the extractor reads paragraphs and quick_sentences, which need none of it.
@functools.lru_cache(maxsize=1)
def sentence_tokenizer():
    """The official English Punkt model when installed, else Punkt with our abbreviation list."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    try:
        from nltk.tokenize import PunktTokenizer
        tok = PunktTokenizer("english")      # needs nltk_data/tokenizers/punkt_tab
    except (LookupError, OSError, ValueError):
        params = PunktParameters()
        params.abbrev_types = set(ABBREVIATIONS)
        return PunktSentenceTokenizer(params)
    # The official model lacks a few news abbreviations ("Sen.", "Gov."): add ours.
    tok._params.abbrev_types.update(ABBREVIATIONS)
    return tok


def uses_official_model() -> bool:
    """True when NLTK's trained punkt_tab model was found."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    return type(sentence_tokenizer()) is not PunktSentenceTokenizer


# Paragraph breaks. Hard-wrapped text (wire copy wrapped at ~70 columns) breaks only at blank
# lines, indented lines and bullets, since its single newlines are line wraps; any other text
# breaks at every newline too, as many sites put one newline between paragraphs.
_HARD_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*|\n(?=[ \t\u00a0]{2,}\S)|\n(?=[ \t\u00a0]*[-*\u2022]\s)")
_ANY_BREAK = re.compile(r"\n\s*")
_WRAP_WIDTH = 100          # a text whose lines are all this short is hard-wrapped
_WRAP_MIN_LINES = 4        # ... if it has at least this many line breaks


def hard_wrapped(text: str) -> bool:
    """Whether text is hard-wrapped: several line breaks and no line longer than _WRAP_WIDTH."""
    if text.count("\n") < _WRAP_MIN_LINES:
        return False
    pos = 0
    n = len(text)
    while pos <= n:                       # one pass, no list of lines (texts may be huge)
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        if end - pos > _WRAP_WIDTH:
            return False
        if nl < 0:
            return True
        pos = nl + 1
    return True


def paragraphs(text: str) -> list[Span]:
    """Paragraph spans, stripped of surrounding white space. Hard-wrapped text breaks at blank
    lines, indented lines and bullets; other text at every line break."""
    splitter = _HARD_BREAK if hard_wrapped(text) else _ANY_BREAK
    out: list[Span] = []
    pos = 0
    for m in splitter.finditer(text):
        _add_stripped(text, pos, m.start(), out)
        pos = m.end()
    _add_stripped(text, pos, len(text), out)
    return out


def _add_stripped(text: str, a: int, b: int, out: list[Span]) -> None:
    """Append (a, b) trimmed of white space, if anything is left."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a < b:
        out.append((a, b))


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans of text[start:end], never crossing a paragraph break, as offsets into text."""
    end = len(text) if end is None else end
    tok = sentence_tokenizer()
    out: list[Span] = []
    chunk = text[start:end]
    for pa, pb in paragraphs(chunk):
        for a, b in tok.span_tokenize(chunk[pa:pb]):
            _split_ambiguous(text, start + pa + a, start + pa + b, out)
    return out


def _split_ambiguous(text: str, a: int, b: int, out: list[Span]) -> None:
    """Append sentence (a, b), cut after an ambiguous abbreviation that a capitalised word follows."""
    for m in _AMBIGUOUS_END.finditer(text, a, b):
        out.append((a, m.end()))
        a = m.end()
        while a < b and text[a].isspace():
            a += 1
    if a < b:
        out.append((a, b))


@functools.lru_cache(maxsize=1)
def _word_tokenizer():
    """NLTK's Treebank-style word tokenizer (made once)."""
    from nltk.tokenize import NLTKWordTokenizer

    return NLTKWordTokenizer()


def words(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Word spans (NLTK's Treebank-style tokenizer) of text[start:end], as offsets into text."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    try:
        return [(start + a, start + b) for a, b in _word_tokenizer().span_tokenize(chunk)]
    except ValueError:
        # span_tokenize fails to align on some quote characters; fall back to a plain regex.
        return [(start + m.start(), start + m.end()) for m in re.finditer(r"\w+(?:[-'’.]\w+)*|[^\w\s]", chunk)]


def iter_words(text: str) -> Iterator[str]:
    """The words of text, as strings."""
    for a, b in words(text):
        yield text[a:b]


# A sentence break: a full stop, ! or ? (closing marks may follow), white space, then what opens a
# sentence. `quick_sentences` checks the word before the stop against the abbreviation list.
_QUICK_BREAK = re.compile(r"([.!?][\"”’')\]]*)\s+(?=[\"“‘(]*[A-Z0-9])")


def quick_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans of text[start:end] by the rules Punkt applies when it has no trained model
    (what this machine has): a break after . ! or ? before a capital, except after an
    abbreviation of ABBREVIATIONS or an initial. About eighteen times faster than Punkt, and 98%
    the same breaks on the paragraphs of the shared corpora (tests/test_tokenize.py compares the
    two on sentences written for it; after an initial, "J.K. Lund", it does not break where Punkt
    does)."""
    end = len(text) if end is None else end
    out: list[Span] = []
    s = start
    for m in _QUICK_BREAK.finditer(text, start, end):
        stop = m.start()
        if text[stop] == ".":
            w = stop
            while w > s and (text[w - 1].isalnum() or text[w - 1] in ".'’-"):
                w -= 1                          # back to the start of the word the stop ends
            word = text[w:stop]
            if word.lower().rstrip(".") in _NO_BREAK or _INITIAL.fullmatch(word):
                continue
        out.append((s, m.end(1)))
        s = m.end()
    if s < end:
        out.append((s, end))
    return out


_NO_BREAK = ABBREVIATIONS - AMBIGUOUS_ABBREVIATIONS
_INITIAL = re.compile(r"(?:[A-Z]\.)*[A-Z]")
