"""Sieves `label`, `colon-paragraph` and `dash-line`: a transcript label opening the quote ("LEE:
..."), a paragraph that introduces the quote paragraph after it ("Lee said:") or names its speaker
under it ("- Ada Park, Leeds")."""
from __future__ import annotations

import re
from typing import Optional

from ...lexicon import NOT_NAME, PARTICLES
from ...records import Mention
from ..phrases import noun_phrase
from ..tokens import TRANSCRIPT_LABEL, only_punct, sentence_end, tokens
from .base import Attr, Span, Window
from .before import before


def find_label(w: Window) -> Optional[Attr]:
    """A transcript line in marks, "RAMOS: Secretary Clinton, ...": the label is the speaker, when
    the article names someone so elsewhere or uses the label again (not a lone "VIDEO:", "Q:")."""
    text, at = w.text, w.first.open + 1
    m = TRANSCRIPT_LABEL.match(text, at, at + 40)
    if m is None:
        return None
    words = tuple(x.capitalize() for x in m.group(1).split())
    if len(words[-1]) < 3 or words[-1] in NOT_NAME or not (re.search(rf"\b{re.escape(words[-1])}\b", text)
                                                           or text.count(m.group(1) + ":") > 1):
        return None                               # (named elsewhere, or a label used more than once)
    return Attr(Mention(m.group(1), m.start(1), m.end(1)), words, None, None, None, None, "label", m.end(), True)


def find_colon_paragraph(w: Window) -> Optional[Attr]:
    """A quotation opening its paragraph: the paragraph before, if it ends "X said:"."""
    first = w.first
    if first.open != w.para_start or first.para == 0:
        return None
    return colon_paragraph(w.text, w.paras[first.para - 1])


def find_dash_line(w: Window) -> Optional[Attr]:
    """A quotation closing its paragraph: the paragraph after, if it is a "- Name" line."""
    last, text, paras = w.last, w.text, w.paras
    if last.close is None or last.para + 1 >= len(paras):
        return None
    end = paras[last.para][1]
    if end - last.close > 4 or not only_punct(text, last.close + 1, end):
        return None
    return byline(text, *paras[last.para + 1])


def byline(text: str, a: int, b: int) -> Optional[Attr]:
    """A paragraph that names the speaker of the quote paragraph before it: "- Ada Park, Leeds." """
    toks = tokens(text, a, min(b, a + 200))
    if len(toks) < 2 or toks[0].s not in "-—–―":
        return None
    j = 1
    while j < len(toks) and toks[j].s != "," and not sentence_end(toks, j):
        j += 1
    if j - 1 > 6 or not all(t.cap or t.s == "." or t.low in PARTICLES for t in toks[1:j]):
        return None                               # a name, not a heading ("- Ready to quiz Lee -")
    got = noun_phrase(text, toks[1:j], allow_prep=False)
    if not got or not got[1]:
        return None
    mention, words, pron, role = got
    return Attr(mention, words, pron, role, None, None, "after:dash-line", toks[j - 1].b, True)


def colon_paragraph(text: str, para: Span) -> Optional[Attr]:
    """A paragraph that ends with "X said:" introduces the quote paragraph after it."""
    a, b = para
    if text[b - 1] != ":":
        return None
    attr = before(text, a, b)
    if attr is None:
        return None
    attr.rule = "before:colon-paragraph"
    return attr
