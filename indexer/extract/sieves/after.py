"""Sieve `after`: the attribution right after a quote -- `"...," X said` / `"...," said X` /
`"...," X told DAZN` / `"..." ― X`; also used between the pieces of a split quote and after a
nested quote."""
from __future__ import annotations

import functools
import re
from typing import Optional

from ...lexicon import (ADVERBS, AFFILIATION, CARRYING_PARTICIPLES, CUE_WORDS, DAYS, DETERMINERS, DOCUMENT_NOUNS,
                        NP_STOPS, ORG_WORDS, PLACE_WORDS, PREPOSITIONS, SUBJECT_PRONOUNS, TIME_WORDS)
from ...records import Mention
from ..phrases import noun_phrase, org_after, trailing_name
from ..names import looks_like_person, org_like
from ..subject import dash_pair, named_before, np_before
from ..tokens import (PASSIVE_REPORTS, REPORT_PARTICIPLES, Tok, clause_tokens, cue_text, end_index, end_offset, is_cue,
                      is_tight, passive_start)
from .base import Attr, Window, clause_medium
from .before import reported_object
from .sentence import partial_subject

# a cue and a colon (or comma) right before the opening mark: the quote is brought in by what stands before it
_INTRODUCED = re.compile(r"\b(?:" + "|".join(sorted(CUE_WORDS)) + r")\b[^.!?\"“”:,]{0,30}[:,]\s*$")
_PARTICIPLE_NEXT = re.compile(r"\s*,?\s*(?:" + "|".join(CARRYING_PARTICIPLES) + r")\b")     # ', adding ...'


def find(w: Window) -> Optional[Attr]:
    """The attribution after the quotation's closing mark, up to the next quote; before a
    participle cue ('"...," adding it was fair') the subject of the quote's sentence."""
    if w.last.close is None:
        return None
    if w.text[w.last.close - 1:w.last.close] in ".!?" and len(w.pieces) == 1 \
            and w.text[max(w.lo, w.first.open - 12):w.first.open].rstrip()[-1:] in (":", ",") \
            and _INTRODUCED.search(w.text, max(w.lo, w.first.open - 40), w.first.open):
        return None                    # 'Lee said: "A." The board agreed.': a new sentence after a quote brought in
    got = after(w.text, w.last.close + 1, w.hi, "after")
    if got is None and not w.starts_sentence and _PARTICIPLE_NEXT.match(w.text, w.last.close + 1):
        got = partial_subject(w.text, w.para_start, w.first.open)
    return got


def after(text: str, a: int, b: int, rule: str) -> Optional[Attr]:
    """An attribution right after a quote: `, X said` / `, said X` / `, X told DAZN` / `― X`
    (`_after`, its rule name prefixed with `rule`; a new Attr each time, as callers may change it)."""
    got = _after(text, a, b)
    if got is None:
        return None
    new = Attr.__new__(Attr)             # what dataclasses.replace makes (Attr has no __post_init__),
    new.__dict__.update(got.__dict__)    # its fields copied at once: five times faster
    new.rule = rule + got.rule
    return new


# A quarter of the calls read a window read before: `groups.group` reads the gap between two
# pieces and after the last one, and the `after` sieve then the same window again. The rule name
# only labels what is found, so the windows are read once, kept for the recent ones, unlabelled.
@functools.lru_cache(maxsize=256)
def _after(text: str, a: int, b: int) -> Optional[Attr]:
    """`after` read once for a window, its rule name only the pattern found (":name-cue" ...).

    Long on purpose: one pass, a sequence of cases read in order; split up it would read worse.
    """
    toks = clause_tokens(text, a, min(b, a + 300))   # (what it reads of the window)
    i = 0
    dash = False
    while i < len(toks) and toks[i].s in ",—–-―:":
        dash = dash or toks[i].s in "—–-―"
        i += 1
    if i >= len(toks) or toks[i].s in ".!?":
        return None
    e = end_index(toks, i)
    closed = text[a - 2:a - 1] in ".!?" or text[a - 1:a] in ".!?"
    if closed and (e < len(toks) and toks[e].s == ":" or (e == len(toks) and toks[-1].s == ":")):
        return None                               # "A." X reiterated: "B." -- the clause is B's
    n = is_cue(toks, i)
    if n and toks[i].low.endswith("ing") and toks[i].low != "according":
        return None                               # '"...," adding it was fair': the clause's subject spoke
    if n:                                         # inverted: said X
        return _inverted(text, toks, i, n, e)
    for k in range(i, min(e, i + 30)):            # normal: X said
        n = is_cue(toks, k)
        if n:
            if _runs_on(text, a, toks, i) and k > i and toks[k - 1].s == "," and k + n < e and toks[k + n].cap:
                # the quote ends inside a sentence that closes on the attribution: '"pursued" by
                # the watchdogs, said Ada Park.' (not '"...," Ada Park, the host, said Lee ...')
                return _inverted(text, toks, k, n, e)
            got = None
            obj = _quoted_as(toks, k, e) or reported_object(toks, k)
            if obj is not None:                   # "the agency quoted him as saying": the one quoted
                one = toks[obj[0]] if obj[1] - obj[0] == 1 else None
                got = (Mention(one.s, one.a, one.b), None, _OBJECT_PRONOUNS[one.low], None) \
                    if one is not None and one.low in _OBJECT_PRONOUNS else noun_phrase(text, toks[obj[0]:obj[1]])
                if got:
                    mention, words, pron, role = got
                    return Attr(mention, words, pron, role, cue_text(toks, k, n), clause_medium(text, toks, k, e),
                                ":quoted-as", end_offset(toks, e), True)
            # "Ann Lee was quoted as saying": the subject ends before the auxiliary
            np_end = passive_start(toks, k) if toks[k].low in PASSIVE_REPORTS else k
            np_end = np_end if np_end > i else k
            d = dash_pair(toks, np_end)
            np_end = d if d is not None and d > i else np_end     # '"...," Ann Lee - an adviser to Reed - said'
            if toks[i].low in DETERMINERS and any(t.s == "," for t in toks[i:np_end - 1]):
                # "the chairman of Acme, Ann Lee, said": the name in the appositive, read back from the cue
                got = np_before(text, toks[i:np_end + n], np_end - i)
                got = got if got and got[1] and len(got[1]) >= 2 and not org_like(got[1]) else None
            if not got and toks[i].low in DETERMINERS:
                got = _named_after_body(text, toks[i:np_end])
            if not got and (toks[i].low in DETERMINERS or toks[i].low in SUBJECT_PRONOUNS or toks[i].cap
                            or toks[i].s[:1].isdigit()):
                got = noun_phrase(text, toks[i:np_end])
            if not got:
                # the quote ends inside a sentence: "The ferry was late" on both days, she said
                # (not '"a pawn" to lure buyers, but Ann Lee explained: "..."': a clause of its own,
                # bringing in the next quote)
                got = np_before(text, toks[i:np_end + n], np_end - i)
                if got and k + n < len(toks) and toks[k + n].s == ":" and any(
                        t.low in ("but", "while", "whereas") or t.low == "and" and toks[x - 1].s == ","
                        for x, t in enumerate(toks[i + 1:np_end], i + 1) if t.b <= got[0].start):
                    return None
            if not got:
                return None
            c = next((x for x in range(i, k) if toks[x].s == ","), None)
            if closed and c is not None and c + 1 < k and any(t.s.islower() and t.low not in DETERMINERS
                                                              for t in toks[i:c]):
                return None                       # '"A." The data may help, dealers said.': a sentence of its own
            tight = is_tight(toks, k + n, e, told=toks[k].low.startswith(("tell", "told")))
            if closed and toks[i].cap and not tight and not asked_by(text, a, toks, i, k, n, e, got):
                return None                       # "A." He said Clinton would ... -- a new sentence
            mention, words, pron, role = got
            return Attr(mention, words, pron, role, cue_text(toks, k, n), clause_medium(text, toks, k, e),
                        ":name-cue", end_offset(toks, e), tight)
    # a speech verb not in the lexicon, right after a comma-ended quote: ", an angry Hollande retaliated."
    if text[a - 2:a - 1] in ",?!" or text[a - 1:a] == ",":
        got = inverted_verb(text, toks, i, e)                # ", beamed Ada Park of Leeds."
        if got:
            return Attr(*got[0], toks[i].low, clause_medium(text, toks, i, e), ":verb-name",
                        end_offset(toks, e), True)
        for k in range(i + 1, min(e, i + 8)):
            t = toks[k]
            if not t.cap and t.low.endswith("ed") and is_tight(toks, k + 1, e) and k + 1 >= e - 4:
                got = noun_phrase(text, toks[i:k])
                if got and (got[1] or got[2]):
                    mention, words, pron, role = got
                    return Attr(mention, words, pron, role, t.low, clause_medium(text, toks, k, e),
                                ":name-verb", end_offset(toks, e), True)
                break
    if dash and e - i <= 8:                       # a byline-like "― Nell Carden Grey"
        got = noun_phrase(text, toks[i:e], allow_prep=False)
        if got and got[1]:
            mention, words, pron, role = got
            return Attr(mention, words, pron, role, None, None, ":dash", end_offset(toks, e), True)
    return None


_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}


def _named_after_body(text: str, seg: list[Tok]):
    """"the trade envoy of the Harbour Union Ivo Dane (told)": a description ending in its body's
    name, then the person's name; the name, when at least two words follow the body's last word."""
    run = trailing_name(seg)
    if run is None:
        return None
    words = [t.s for t in seg[run[0]:run[1]]]
    body = max((n for n, w in enumerate(words) if w in ORG_WORDS and w not in PLACE_WORDS), default=None)
    if body is None or not looks_like_person(tuple(words[body + 1:])):
        return None                               # (not "the Association of Flight Attendants")
    got = noun_phrase(text, seg[run[0] + body + 1:run[1]])
    return got if got and got[1] and len(got[1]) >= 2 and not org_like(got[1]) else None


def _quoted_as(toks: list[Tok], k: int, e: int) -> Optional[tuple[int, int]]:
    """(start, end) of the object of an active report at toks[k] ("quoted him as saying", "cited
    Ann Lee as saying"), before the clause end e; None when toks[k] is no such report. Read from
    the report verb forward to its participle, then as `before.reported_object` reads it back."""
    if toks[k].low not in PASSIVE_REPORTS:
        return None
    for j in range(k + 2, min(e - 1, k + 12)):
        if toks[j].s in ",;:":
            return None
        if toks[j].low == "as" and toks[j + 1].low in REPORT_PARTICIPLES:
            return reported_object(toks, j + 1)
    return None


def _runs_on(text: str, a: int, toks: list[Tok], i: int) -> bool:
    """Whether the sentence runs on after the quote closing before a with words of its own ('"a
    waste" in every way'): no comma or stop closes the quote and no name or pronoun follows it."""
    t = toks[i]
    return text[a - 2:a - 1] not in ",.!?" and not t.cap and t.low not in DETERMINERS and t.low not in SUBJECT_PRONOUNS


def _inverted(text: str, toks: list[Tok], i: int, n: int, e: int) -> Optional[Attr]:
    """`said X`: the cue of n tokens at i, then the speaker's noun phrase (up to the clause end e)."""
    j = i + n
    while j < e and (toks[j].low in ADVERBS or toks[j].s in DAYS):
        j += 1                                    # "said Tuesday Smith" is rare; "said later" is not
    k = j
    while k < e and (toks[k].cap and k > j or toks[k].low not in NP_STOPS and toks[k].low != "for"):
        if toks[k].low in AFFILIATION and not toks[k].cap and k > j and toks[k - 1].cap \
                and not org_after(toks[k + 1:e]):
            break                                 # "said Lou Marck of TWA's sale": what he spoke of
        k += 1                                    # "said Treasury Under Secretary Ann Vole": a name word
    if k < e and toks[k].low in AFFILIATION and named_before(toks, k) and org_after(toks[k + 1:e]):
        k = e                                     # "said Tom Ruck at Harbour Bank": the firm goes to the role
    got = noun_phrase(text, toks[j:k], allow_prep=False)
    if not got:
        return None
    if got[1] is None and k + 1 < e and toks[k].low in ("from", "by") and toks[k - 1].low in DOCUMENT_NOUNS:
        # "according to a statement from Kell Ltd": the document speaks for the one it is from
        m = k + 1
        while m < e and toks[m].s not in ",;" and (toks[m].cap or toks[m].low in ("the", "of", "and", "&", ".")):
            m += 1
        issuer = noun_phrase(text, toks[k + 1:m], allow_prep=False) if m > k + 1 else None
        if issuer and issuer[1]:
            got = issuer
    mention, words, pron, role = got
    return Attr(mention, words, pron, role, cue_text(toks, i, n), clause_medium(text, toks, i, e),
                ":cue-name", end_offset(toks, e), is_tight(toks, k, e))


def inverted_verb(text: str, toks: list[Tok], i: int, e: int):
    """`"...," beamed Ada Park of Leeds` / `"...?" reacted Ada Park.`: a past-tense verb outside the
    cue lexicon, then a name that ends the clause (not the object of "prompted Ada Park to ...").
    ((mention, words, pronoun, role), end index) or None."""
    t = toks[i]
    if t.cap or not t.low.endswith("ed") or i + 1 >= e or not toks[i + 1].cap:
        return None
    j = i + 1
    while j < e and toks[j].s not in ",;" and toks[j].low not in NP_STOPS and (toks[j].cap or toks[j].s == "."):
        j += 1
    if j < e and toks[j].s not in ",;" and toks[j].low not in PREPOSITIONS and toks[j].low != "of":
        return None                              # "... prompted Ada Park to resign"
    got = noun_phrase(text, toks[i + 1:j], allow_prep=False)
    if not got or not got[1]:
        return None
    return got, j


def asked_by(text: str, a: int, toks: list[Tok], i: int, k: int, n: int, e: int, got) -> bool:
    """After a quote closed by ? or !, "Todd asked the mogul" / "Trump told ITV in an interview":
    a name right before the cue, and the cue not followed by a clause of its own (as in
    "Why not?" Smith said the plan was dead), is the attribution, however long its tail."""
    if not (got[1] and (text[a - 2:a - 1] in ("?", "!") or text[a - 1:a] in ("?", "!")) and k - i <= 4):
        return False
    j = k + n
    if j >= e or toks[k].low in ("told", "tells", "asked", "asks"):
        return True
    t = toks[j]
    return (t.s in ",;" or t.low in PREPOSITIONS or t.low in ADVERBS or t.low.endswith("ly")
            or t.s in DAYS or t.low in TIME_WORDS)
