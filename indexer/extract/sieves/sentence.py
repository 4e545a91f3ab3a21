"""Sieves `said-sentence` and `subject`: a sentence that reports speech right before the quote
("Lee said in a statement." "..."), and the subject of the sentence a quote stands in."""
from __future__ import annotations

from typing import Optional

from ...lexicon import DOCUMENT_NOUNS, PERSON_NOUNS
from ..documents import document_head
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
    inner = _inner_reporter(text, toks, s, got)
    if inner is not None:
        got = inner if inner[1] or inner[2] in ("he", "she", "they") or _someone(inner[0].text) else None
    if got and (got[1] or got[2] in ("he", "she", "they") or _someone(got[0].text)
                or _document(got[0].text) and any(is_cue(toks, k) for k in range(s, len(toks)) if toks[k].a > got[0].end)):
        mention, words, pron, role = got
        return Attr(mention, words, pron, role, None, None, "subject", open_at, False)
    return None


def _inner_reporter(text: str, toks: list, s: int, outer):
    """The one whose words a sentence reports at second hand: "Acme reported that its auditors
    said the figures "should not be used"" -- after the subject's own speech verb (and "that"),
    a subject of "said" / "told" is who spoke the quote; None when the sentence has no such nesting."""
    if outer is None:
        return None
    c = next((k for k in range(s, len(toks)) if toks[k].a >= outer[0].end and is_cue(toks, k)), None)
    if c is None:
        return None
    for k in range(c + 2, min(len(toks), c + 12)):
        if toks[k].s in ",;:\"“”":
            return None
        if toks[k].low in _SAY and not toks[k].cap:
            got = np_before(text, toks[s:], k - s)
            return got if got is not None and got[0].start > toks[c].b else None
    return None


_SAY = frozenset({"said", "says", "say", "told", "tells"})


def _document(phrase: str) -> bool:
    """A definite description of a document: "the circular", "the company's statement"; its
    sentence must report speech ("The circular said the rules would go except "in rare cases"")."""
    words = phrase.lower().split()
    return 2 <= len(words) <= 4 and (words[0] == "the" or words[0].endswith(("'s", "’s"))) \
        and (words[-1] in DOCUMENT_NOUNS or document_head(words) is not None)


def _someone(phrase: str) -> bool:
    """A definite description of a person: "the 27-year-old", "the goalkeeper" (not "the report")."""
    words = phrase.lower().split()
    if len(words) < 2 or len(words) > 4 or words[0] != "the":
        return False
    return words[-1].endswith("-year-old") or is_role_noun(words[-1]) or words[-1] in PERSON_NOUNS
