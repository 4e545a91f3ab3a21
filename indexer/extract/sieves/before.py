"""Sieve `before`: the attribution before a quote in its sentence -- `X said: "` / `X said, "` /
`X told CNN: "` / `X said the plan "would fail"` / `X called the plan "a disgrace"` / `X: "`."""
from __future__ import annotations

from typing import Optional

from ...lexicon import ADDRESSEE_VERBS, ADVERBS, AUXILIARIES, CLAUSE_WORDS, PHRASE_BASE, PHRASE_VERBS, PREPOSITIONS
from ..media import medium_in
from ..names import PRONOUNS
from ..unnamed import INDEFINITE, POSSESSIVE_PRONOUNS
from ..phrases import NP, noun_phrase, trailing_name
from ..subject import clause_initial, np_before, subject
from ..tokens import BE_FORMS, PASSIVE_AUX, PASSIVE_REPORTS, Tok, cue_text, is_cue, last_sentence, passive_start
from .base import Attr, Window


def find(w: Window) -> Optional[Attr]:
    """The attribution before the quotation's opening mark, in its sentence."""
    return before(w.text, w.lo, w.first.open)


def before(text: str, lo: int, open_at: int) -> Optional[Attr]:
    """An attribution before a quote in its sentence: `X said: "` / `X said, "` / `X told CNN: "`.

    Long on purpose: one pass, a sequence of cases read in order; split up it would read worse.
    """
    toks = last_sentence(text, max(lo, open_at - 300), open_at)   # (the tokens of its sentence)
    if toks is None:
        return None                               # the quote opens a new sentence
    for k in range(len(toks) - 1, -1, -1):
        n = is_cue(toks, k, initial=k == 0)
        if not n:
            if toks[k].low in PHRASE_VERBS and not toks[k].cap:
                got = phrase_attr(text, toks, k, open_at)
                if got:
                    return got
            continue
        rest = toks[k + n:]
        tail = text[toks[k + n - 1].b:open_at].rstrip()
        intro = tail.endswith((":", ",")) or not rest or rest[-1].low == "that"
        # a quoted phrase deep in reported speech: the cue's subject, when a name or a pronoun
        deep = not intro and (len(rest) > 8 or len(rest) > 3
                              and any(t.low in CLAUSE_WORDS or t.low == "and" for t in rest))
        if deep and toks[k].low in ADDRESSEE_VERBS and (toks[k].low not in ("told", "tells", "tell")
                                                         or k and toks[k - 1].low in BE_FORMS):
            # (but "Lee told jurors the man had "lied"" reports Lee's words; "voters were told" no one's)
            continue                              # "Lee begged him for help and "...": no report of words
        if toks[k].low == "according" or k == 0:
            # "According to Smith, ..." / "Said Comey, ..." -- the source ends at its comma
            # ("According to Ann Lee, the plan "will fail"")
            head = rest[:next((i for i, t in enumerate(rest) if t.s == ","), len(rest))] \
                if toks[k].low == "according" and rest and not intro else rest
            # (an appositive keeps its commas: "Said Ann Lee, an analyst at Acme, "...": Ann Lee)
            got = noun_phrase(text, [t for t in head if t.s not in ":,"] if toks[k].low == "according" else head,
                              allow_prep=False)
        elif toks[k].low.endswith("ing") and reported_object(toks, k) is not None:
            # "The radio quoted Ann Lee, the minister, as saying": the one quoted, not the radio
            a, b = reported_object(toks, k)
            got = np_before(text, toks, b) if toks[b - 1].s == "," else noun_phrase(text, toks[a:b])
        elif toks[k].low.endswith("ing") and passive_report(toks, k) is not None:
            # "Ann Lee, the minister, was quoted as saying": the subject of the passive
            got = np_before(text, toks, passive_report(toks, k)) or subject(text, toks[:k])
        elif toks[k].low.endswith("ing"):
            # "Spicer said, adding, ..." -> the speaker of the earlier cue; "Trump hit back, saying" -> subject
            earlier = next((j for j in range(k - 1, -1, -1) if is_cue(toks, j)), None)
            got = np_before(text, toks, earlier) if earlier is not None else None
            j = k
            while j > 0 and (toks[j - 1].low in ADVERBS or toks[j - 1].low.endswith("ly")) and not toks[j - 1].cap:
                j -= 1
            if got is None and j > 0 and toks[j - 1].cap:
                got = np_before(text, toks, j)   # "footage of Trump saying", "Trump reportedly yelling"
                got = got if got and got[1] else None
            elif got is None and j > 1 and toks[j - 1].s == ",":
                # "The film showed Ann Lee, plainly angry, telling the room:" -- past a parenthesis
                q = next((q for q in range(j - 2, max(0, j - 12), -1) if toks[q].s == ","), None)
                if q is not None and q > 0 and toks[q - 1].cap and (toks[q + 1].low in ADVERBS or not toks[q + 1].cap
                                                                   and toks[q + 1].low.endswith(("ly", "ing"))):
                    got = np_before(text, toks, q)
                    at = next((i for i, t in enumerate(toks) if got and t.a == got[0].start), 0)
                    # a person, not a place ("in Leeds, ..."): no preposition before the name
                    got = got if got and got[1] and not (at and toks[at - 1].low in PREPOSITIONS) else None
            got = got or subject(text, toks[:k])
        else:
            got = np_before(text, toks, k)
            if (not got or not (got[1] or got[2])) and k >= 3 and toks[k - 1].low == "and" \
                    and not toks[k - 2].cap and (toks[k - 2].low.endswith("ed") or is_cue(toks, k - 2)):
                got = np_before(text, toks, k - 2) or got    # "he laughed and said" -> he
            # a definite description right before the cue is the subject ("the 34-year-old replied");
            # otherwise ("Others, reacting to the delay, shouted") the sentence's subject is
            # (an indefinite one too: "a Home Office spokesman said" is an unnamed person, not the office)
            described = (got is not None and got[0].text.split()[0].lower() in ("the",) + tuple(INDEFINITE)
                         and toks[k - 1].b == got[0].end
                         and clause_initial(toks, got[0].start)
                         and not any(w.lower() in PRONOUNS for w in got[0].text.split())
                         # "Acme reported that its auditors said": a subject of its own
                         or got is not None and got[0].text.split()[0].lower() in POSSESSIVE_PRONOUNS
                         and _after_that(toks, got[0].start))
            if (not got or not (got[1] or got[2])) and not described:
                subj = subject(text, toks[:k])
                if subj and (subj[1] or subj[2]) or not got:
                    got = subj
        if not got or deep and not (got[1] or got[2]):
            return None                           # (deep in reported speech: a name or a pronoun only)
        mention, words, pron, role = got
        rule = "before:name-cue" if intro else "before:deep" if deep else "before:partial"
        return Attr(mention, words, pron, role, cue_text(toks, k, n),
                    medium_in(text[toks[k].a:open_at]), rule, open_at, True,
                    adjacent=not text[toks[k + n - 1].b:open_at].strip(" ,:"))
    if toks and toks[-1].s == ":":
        # no cue, but a colon: "Cruz called them on it:", "Clinton:", "Blumenthal and Cohen:"
        body = toks[:-1]
        got = None
        run = trailing_name(body)
        if run and (run[0] == 0 or body[run[0] - 1].s in "-—–―,"):
            got = noun_phrase(text, body[run[0]:])
        source = None if got else _from_source(text, body)
        got = got or source or subject(text, body)
        if got and (got[1] or got[2] or got[0].text[:1].isupper() or source):
            mention, words, pron, role = got
            return Attr(mention, words, pron, role, None, None, "before:colon", open_at, True)
    return None


def _from_source(text: str, body: list[Tok]) -> NP:
    """The source a clause "From the report:" / "- More from Ann Lee:" names before its colon (a
    name or a description of at most six words), or None."""
    j = next((j for j in range(len(body) - 2, max(-1, len(body) - 9), -1) if body[j].low == "from"), None)
    if j is None:
        return None
    k = j - 1 if j and body[j - 1].low == "more" else j
    if k and body[k - 1].s not in "-—–―.;" and not body[k - 1].s.endswith(("-", "—")):
        return None                               # ("The cash came from Ann Lee:" says no source)
    return noun_phrase(text, body[j + 1:])


def reported_object(toks: list[Tok], k: int) -> Optional[tuple[int, int]]:
    """The object of an active report ending at toks[k] ("saying"): in "the radio quoted Ann Lee
    as saying" the tokens of "Ann Lee" (start, end); None otherwise."""
    if k < 3 or toks[k - 1].low != "as":
        return None
    for j in range(k - 2, max(0, k - 12), -1):
        if toks[j].low in PASSIVE_REPORTS and not toks[j].cap:
            if toks[j - 1].low in PASSIVE_AUX or j + 1 >= k - 1 or toks[j + 1].low == "by":
                return None                       # a passive: "was quoted (by the radio) as saying"
            return j + 1, k - 1
        if toks[j].s in ".;:!?\"“”" or is_cue(toks, j):
            return None
    return None


def _after_that(toks: list[Tok], start: int) -> bool:
    """Whether the phrase starting at offset `start` opens a "that" clause ("reported that its
    auditors said")."""
    return any(t.a == start and n and toks[n - 1].low == "that" for n, t in enumerate(toks))


def passive_report(toks: list[Tok], k: int) -> Optional[int]:
    """Where the auxiliary of a passive report starts, when toks[k] ("saying") ends one:
    "X was quoted as saying", "X is reported by the radio as saying", "X were cited as saying";
    None otherwise. Its subject, not the one who did the quoting, is the speaker."""
    if k < 3 or toks[k - 1].low != "as":
        return None
    for j in range(k - 2, max(0, k - 10), -1):
        if toks[j].s in ".;:!?\"“”":
            return None
        if toks[j].low in PASSIVE_REPORTS and not toks[j].cap:
            i = passive_start(toks, j)
            return i if i < j and i > 0 else None
    return None


def phrase_attr(text: str, toks: list[Tok], k: int, open_at: int) -> Optional[Attr]:
    """`Lee called the plan "a disgrace"`: the phrase verb toks[k], its object (at most 8 words,
    no clause), then the quote; the subject must be a name or a personal pronoun."""
    rest = toks[k + 1:]
    if rest and rest[-1].low == "as":
        rest = rest[:-1]                          # "blasted the deal as "rigged""
    if len(rest) > 8 or any(t.low in CLAUSE_WORDS or t.low == "and" or t.s in ".;:!?" for t in rest):
        return None
    j = k
    while j > 1 and toks[j - 1].low in AUXILIARIES:
        j -= 1
    if k == 0:
        return None
    modal = j < k and toks[j].low in ("would", "will", "could", "did", "does", "do")
    base = toks[k].low in PHRASE_BASE
    if modal != base and not base:
        return None                               # "would denounced"
    got = np_before(text, toks, j)
    if not got or not (got[1] or got[2] in ("he", "she", "they", "we", "i")):
        return None
    if base and not modal and got[2] not in ("they", "we", "i"):
        return None                               # "they call it"; "Lee call it" is no sentence
    mention, words, pron, role = got
    return Attr(mention, words, pron, role, toks[k].low, None, "before:phrase", open_at, True,
                adjacent=k + 1 == len(toks))
