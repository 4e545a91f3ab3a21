"""Sieves `said-sentence` and `subject`: a sentence that reports speech right before the quote
("Lee said in a statement." "..."), and the subject of the sentence a quote stands in."""
from __future__ import annotations

from typing import Optional

from ...lexicon import PERSON_NOUNS
from ..media import medium_in
from ..names import is_role_noun
from ..subject import np_before, subject
from ..tokens import char_before, cue_text, is_cue, is_tight, last_stop, sentence_end, tokens
from .base import Attr, Window


def find_said_sentence(w: Window) -> Optional[Attr]:
    """After a full stop: the sentence before the quotation, if it reports speech without its words."""
    if char_before(w.text, w.first.open, w.lo) != ".":
        return None
    return said_sentence(w.text, w.lo, last_stop(w.text, w.first.open, w.lo))


def find_subject(w: Window) -> Optional[Attr]:
    """Inside a sentence (not opening one): that sentence's subject, if a name or he/she/they."""
    if w.starts_sentence:
        return None
    return partial_subject(w.text, w.lo, w.first.open)


def said_sentence(text: str, lo: int, end: int) -> Optional[Attr]:
    """A sentence ending at `end` that reports speech without its words: "Lee said in a statement."
    / "Lee told reporters Monday." -- the quote that follows is what was said."""
    toks = tokens(text, max(lo, end - 300), end)
    if len(toks) < 3 or toks[-1].s != "." or not sentence_end(toks, len(toks) - 1):
        return None
    s = 0
    for k in range(len(toks) - 2):
        if sentence_end(toks, k) or toks[k].s in "\"“”":
            s = k + 1
    if char_before(text, toks[s].a, max(0, toks[s].a - 3)) in ("\"", "”", "“"):
        return None                               # `"A," Lee said Friday.` attributes A, not what follows
    toks = toks[s:-1]
    for k in range(len(toks) - 1, -1, -1):
        n = is_cue(toks, k)
        if not n:
            continue
        if toks[k].low.endswith("ing") or toks[k].low == "according":
            return None
        # "Lee said in a statement." gives no words of its own: the quote after it is what was
        # said; "Lee said the bank would sell." gives some, and the quote after it goes on
        tight = is_tight(toks, k + n, len(toks), told=toks[k].low.startswith(("tell", "told")))
        got = np_before(text, toks, k)
        if not got or not (got[1] or got[2] in ("he", "she", "they", "we", "i")):
            return None
        mention, words, pron, role = got
        return Attr(mention, words, pron, role, cue_text(toks, k, n),
                    medium_in(text[toks[k].a:end]), "before:sentence" if tight else "before:said-clause", end, tight)
    return None


def partial_subject(text: str, lo: int, open_at: int) -> Optional[Attr]:
    """A quote inside a sentence with no cue: its speaker is the sentence's subject, if a name."""
    toks = tokens(text, max(lo, open_at - 300), open_at)
    s = 0
    for k in range(len(toks) - 1):
        if sentence_end(toks, k):
            s = k + 1
    got = subject(text, toks[s:])
    if got and (got[1] or got[2] in ("he", "she", "they") or _someone(got[0].text)):
        mention, words, pron, role = got
        return Attr(mention, words, pron, role, None, None, "subject", open_at, False)
    return None


def _someone(phrase: str) -> bool:
    """A definite description of a person: "the 27-year-old", "the goalkeeper" (not "the report")."""
    words = phrase.lower().split()
    if len(words) < 2 or len(words) > 4 or words[0] != "the":
        return False
    return words[-1].endswith("-year-old") or is_role_noun(words[-1]) or words[-1] in PERSON_NOUNS
