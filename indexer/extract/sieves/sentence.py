"""Sieves `said-sentence` and `subject`: a sentence that reports speech right before the quote
("Lee said in a statement." "..."), and the subject of the sentence a quote stands in."""
from __future__ import annotations

import re
from typing import Optional

from ...lexicon import (ADVERBS, AUXILIARIES, DETERMINERS, DOCUMENT_NOUNS, ORG_KINDS, PERSON_NOUNS, PHRASE_VERBS,
                        PREPOSITIONS, SUBJECT_PRONOUNS)
from ..documents import document_head
from ..media import medium_in
from ..names import is_role_noun
from ..phrases import noun_phrase
from ..subject import np_before, subject
from ..tokens import (ENDS, REPORT_PARTICIPLES, char_before, cue_text, ends_back, is_cue, is_tight, last_stop,
                      read_back, sentence_end, tokens)
from ..unnamed import INDEFINITE, is_person_head
from .base import Attr, Window
from .before import reported_object

# the pronouns a reported-speech sentence may have for its speaker ("He said in a statement.")
_SPEAKING_PRONOUNS = ("he", "she", "they", "we", "i")


def find_said_sentence(w: Window) -> Optional[Attr]:
    """After a full stop: the sentence before the quotation, if it reports speech without its words;
    for a quotation opening its paragraph, the last sentence of the paragraph before, if that
    holds no quotation of its own ("Ann Lee shrugged off the news, saying ...". / "...")."""
    if w.first.open == w.para_start and w.first.para > 0:
        pa, pb = w.paras[w.first.para - 1]
        end = last_stop(w.text, pb, pa)
        if end <= pa or w.text[end - 1] != ".":
            return None                           # (said_sentence reads the last sentence only)
        return said_sentence(w.text, pa, end)
    if char_before(w.text, w.first.open, w.lo) != ".":
        return None
    # from the paragraph start, not the quote before: a phrase quoted inside that sentence ("Lee
    # said fans were "hungry" for more.") does not end it (said_sentence skips such marks)
    return said_sentence(w.text, w.para_start, last_stop(w.text, w.first.open, w.lo))


def find_subject(w: Window) -> Optional[Attr]:
    """Inside a sentence (not opening one): that sentence's subject, if a name or he/she/they."""
    if w.starts_sentence:
        return None
    after_quote = w.lo > w.para_start and w.text[w.lo - 1] in "\"”"
    # words right after a phrase quoted in this sentence that go on with a preposition ("called
    # for "talks" between the two parties on a deal that would include "...""), or with a second
    # verb of the same subject ("called Lund a "coward" and accused him of "..."") have no subject
    # of their own: the sentence's is the speaker
    goes_on = after_quote and _goes_on(w.text, w.lo, w.first.open)
    got = None if goes_on else partial_subject(w.text, w.lo, w.first.open)
    if got is None and after_quote:
        # the second phrase quoted in one sentence ("Lee said it was "cheap" and that the price
        # "was right"") has the sentence's subject too: read the sentence from its start
        start = w.lo - 1
        while start > w.para_start and w.text[start - 1] not in "\"“":
            start -= 1
        between = w.text[w.lo:w.first.open]
        if char_before(w.text, start - 1, w.para_start).isalnum():
            # that quote opened after a word, and this one hangs on the same verb ("and that ...",
            # "because ..."; not "and a poll found "..."", a clause of its own; "although he was",
            # the subject again, is no one new)
            outer = partial_subject(w.text, w.para_start, w.first.open)
            same = outer is not None and (outer.pronoun or bool(outer.name))
            if _SAME_VERB.match(between) or len(between.split()) <= 3 or _and_that(w.text, w.lo, w.first.open) \
                    or _no_new_clause(w.text, w.lo, w.first.open, same) or goes_on:
                got = outer
    return got


def _goes_on(text: str, a: int, b: int) -> bool:
    """Whether the words between two phrases quoted in one sentence go on with its clause: they open
    with a preposition, or with "and"/"but" and a verb of the same subject (a cue or a phrase verb,
    or a past form: "and accused him of"), and hold no sentence end, colon or further cue."""
    toks = tokens(text, a, min(b, a + 300))
    k = 1 if toks and toks[0].s == "," else 0
    if len(toks) < k + 2 or any(t.s in ";:!?" or t.s in ENDS and sentence_end(toks, j) for j, t in enumerate(toks)):
        return False
    if toks[k].low in _CONTINUING:
        first = k + 1
    elif toks[k].low in ("and", "but") and not toks[k + 1].cap and (
            toks[k + 1].low in PHRASE_VERBS or is_cue(toks, k + 1) or toks[k + 1].low.endswith("ed")):
        first = k + 2
    else:
        return False
    return not any(is_cue(toks, j) for j in range(first, len(toks)))


# prepositions that go on with a clause (not "after", "before": "after Vole said" is one of its own)
_CONTINUING = (PREPOSITIONS | {"of", "for", "to", "between", "among", "amid", "within", "despite", "beyond"}) \
    - {"after", "before"}
_SAME_VERB = re.compile(r"[\s,]*(?:(?:and|but|or)\s+)?(?:that|because|since|as|while|although|though|if)\b")
RECENT_SENTENCES = 3       # how many sentences back `recent-said` looks for someone reported speaking


def find_recent_said(w: Window) -> Optional[Attr]:
    """Last resort for a quotation that opens a sentence and has no attribution: the one reported
    speaking in one of the RECENT_SENTENCES sentences before it, in its paragraph or the one
    before ("Mr Lee said that he feared ... . Clubs' income soared. "Television has ..."), when
    no quotation stands between them."""
    if not w.starts_sentence:
        return None
    text, lo = w.text, w.paras[max(0, w.first.para - 1)][0]
    toks, ends = ends_back(text, max(lo, w.first.open - 1500), w.first.open, RECENT_SENTENCES + 1)
    for n, k in enumerate(ends[:RECENT_SENTENCES]):
        j = ends[n + 1] + 1 if n + 1 < len(ends) else 0
        while j < k and toks[j].s in "\"”’'":
            j += 1                                # the closing mark of the sentence before
        start = toks[j].a
        if any(m in text[start:toks[k].b] for m in "\"“”"):
            return None                           # a quotation between: it has its own speaker
        got = said_sentence(text, start, toks[k].b)
        if got is not None and (got.name or got.pronoun in ("he", "she")):
            return Attr(got.mention, got.name, got.pronoun, got.role, got.cue, got.medium,
                        "before:recent-said", got.end, False)
    return None


def find_recent_subject(w: Window) -> Optional[Attr]:
    """Last resort after `recent-said`: a quotation that opens a sentence, with no attribution,
    right after a sentence whose subject is a name or he/she and that quotes nothing ("Ann Lee
    criticised the plan. "It is a waste."" -- the one the text is about goes on in her own words)."""
    if not w.starts_sentence:
        return None
    text, lo = w.text, w.paras[max(0, w.first.para - 1)][0]
    toks, ends = ends_back(text, max(lo, w.first.open - 600), w.first.open, 2)
    if not ends:
        return None
    k = ends[0]
    if any(t.s not in "\"“”'‘’" for t in toks[k + 1:]):
        return None                               # the quote's own sentence opened before it ("..., saying:")
    j = ends[1] + 1 if len(ends) > 1 else 0
    while j < k and toks[j].s in "\"”’'":
        j += 1                                    # the closing mark of the sentence before
    if j >= k or toks[k].s != "." or any(m in text[toks[j].a:toks[k].b] for m in "\"“”"):
        return None                               # a question, or a quotation with its own speaker
    got = subject(text, toks[j:k])
    if got is None or not (got[1] or got[2] in ("he", "she")):
        return None
    mention, words, pron, role = got
    if sum(t.a >= mention.end for t in toks[j:k]) < 2:
        return None                               # no verb after it: a dateline, a sign-off ("Leeds.")
    return Attr(mention, words, pron, role, None, None, "before:recent-subject", toks[k].b, False)


def said_sentence(text: str, lo: int, end: int) -> Optional[Attr]:
    """A sentence ending at `end` that reports speech without its words: "Lee said in a statement."
    / "Lee told reporters Monday." -- the quote that follows is what was said."""
    if char_before(text, end, max(lo, end - 300)) != ".":
        return None                               # (most: no full stop ends it, and no window to cut into tokens)
    got = read_back(text, max(lo, end - 300), end, said=True)
    if got is None:
        return None
    toks, s = got
    if char_before(text, toks[s].a, max(0, toks[s].a - 3)) in ("\"", "”", "“") \
            and char_before(text, toks[s].a, max(0, toks[s].a - 6), skip_marks=True) not in (".", "!", "?"):
        return None                               # `"A," Lee said Friday.` attributes A, not what follows
                                                  # (after `"... yet."` a new sentence starts)
    toks = toks[s:-1]
    participle = None
    for k in range(len(toks) - 1, -1, -1):
        n = is_cue(toks, k)
        if not n:
            continue
        if toks[k].low.endswith("ing") or toks[k].low == "according":
            if toks[k].low == "according" or not k or toks[k - 1].s != ",":
                return None
            participle = participle or (k, n)     # a cue before it ("..., he claimed, saying") comes first
            continue
        # "Lee said in a statement." gives no words of its own: the quote after it is what was
        # said; "Lee said the bank would sell." gives some, and the quote after it goes on
        tight = is_tight(toks, k + n, len(toks), told=toks[k].low.startswith(("tell", "told")))
        got = np_before(text, toks, k)
        if (not got or not (got[1] or got[2])) and k and toks[k - 1].low == "and":
            got = subject(text, toks[:k])         # "Lee likened the plan to X and said ..."
        return _reported(text, toks, k, n, end, got, tight)
    if participle is None:
        return None
    # "Ann Lee shrugged off the news, saying the rise was welcome." -- the subject of the clause
    # the participle hangs on said it
    k, n = participle
    return _reported(text, toks, k, n, end, subject(text, toks[:k - 1]), False)


def _reported(text: str, toks: list, k: int, n: int, end: int, got, tight: bool) -> Optional[Attr]:
    """The said-sentence's attribution to the speaker phrase `got` of the cue toks[k:k+n], if it
    names someone (a name or a speaking pronoun)."""
    if not got or not (got[1] or got[2] in _SPEAKING_PRONOUNS or _unnamed_person(got[0].text)):
        return None                               # (an unnamed person speaks for no one else: the quote is theirs)
    mention, words, pron, role = got
    return Attr(mention, words, pron, role, cue_text(toks, k, n), medium_in(text[toks[k].a:end]),
                "before:sentence" if tight else "before:said-clause", end, tight)


def _unnamed_person(phrase: str) -> bool:
    """An indefinite phrase about a person: "A Kell party spokesman", "one official"."""
    words = phrase.lower().split()
    return len(words) >= 2 and words[0] in INDEFINITE and is_person_head(words[-1])


def partial_subject(text: str, lo: int, open_at: int) -> Optional[Attr]:
    """A quote inside a sentence with no cue: its speaker is the sentence's subject, if a name."""
    toks = tokens(text, max(lo, open_at - 300), open_at)
    s = 0
    for k in range(len(toks) - 2, -1, -1):       # (the last sentence end, read back)
        if toks[k].s in ENDS and sentence_end(toks, k):
            s = k + 1
            break
    got = subject(text, toks[s:])
    for k in range(s + 3, len(toks)):
        span = reported_object(toks, k) if toks[k].low in REPORT_PARTICIPLES else None
        if span is not None:                      # "Harbour Radio quoted Ann Lee as saying the US was "...""
            got = noun_phrase(text, toks[span[0]:span[1]]) or got
            break
    if got and _passive_after(toks, got[0]):
        return None                               # 'The album was described as "a debut"': said of it, not by it
    inner = _inner_reporter(text, toks, s, got)
    if inner is not None:
        got = inner if inner[1] or inner[2] in ("he", "she", "they") or _someone(inner[0].text) else None
    if got and (got[1] or got[2] in ("he", "she", "they") or _someone(got[0].text)
                or _document(got[0].text) and any(is_cue(toks, k) for k in range(s, len(toks)) if toks[k].a > got[0].end)
                or _body(got[0].text) and _cue_right_after(toks, got[0].end)):
        mention, words, pron, role = got
        return Attr(mention, words, pron, role, None, None, "subject", open_at, False)
    return None


_BE = frozenset({"was", "were", "is", "are", "been", "being", "be"})
_IRREGULAR_PARTICIPLES = frozenset({"seen", "known", "given", "shown", "held", "thought", "told", "taken", "hailed"})


def _passive_after(toks: list, subject) -> bool:
    """Whether the subject (a Mention) has a passive verb ("was described as", "is seen as"), not a
    passive report of its own words ("was quoted as saying", "is alleged to have said"). After a
    determiner, the phrase's head noun may follow the name ("The Acme tour was")."""
    i = next((i for i, t in enumerate(toks) if t.a >= subject.start), len(toks))
    phrase = subject.text.split()[0].lower() in DETERMINERS or i > 0 and toks[i - 1].low in DETERMINERS
    k = next((k for k in range(i, len(toks)) if toks[k].a >= subject.end), len(toks))
    for _ in range(2 if phrase else 0):
        if k + 1 < len(toks) and toks[k].low not in _BE and toks[k].s.isalpha() and toks[k].s.islower():
            k += 1
    if k >= len(toks) or toks[k].low not in _BE:
        return False
    k += 1 + (k + 1 < len(toks) and toks[k + 1].low in _BE)          # "has been", "was being"
    while k < len(toks) and toks[k].low in ADVERBS:
        k += 1
    if k >= len(toks) or not (toks[k].low.endswith("ed") or toks[k].low in _IRREGULAR_PARTICIPLES) or toks[k].cap:
        return False
    return not any(is_cue(toks, j) for j in range(k + 1, min(len(toks), k + 8)))


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
_AND_THAT = re.compile(r",?\s+(?:and|but)\s+(?:also\s+)?that\s")


def _and_that(text: str, a: int, b: int) -> bool:
    """Whether the words between two phrases quoted in one sentence go on with a second "that"
    clause of the same verb ("Lee said his staff "erred" ..., but that the ban was "unfair"") and
    hold no cue of their own."""
    m = _AND_THAT.search(text, a, b)
    if m is None or any(c in text[a:b] for c in ";:!?"):
        return False
    toks = tokens(text, a, b)
    return not any(is_cue(toks, k) or t.low in PHRASE_VERBS for k, t in enumerate(toks))


def _no_new_clause(text: str, a: int, b: int, same=None) -> bool:
    """Whether the words between two phrases quoted in one sentence bring in nobody and no verb of
    their own (", as well as enforcing a"): the second hangs on the first one's verb. `same`: the
    sentence's subject, a pronoun (or True for a name), which a he/she between may take up again."""
    toks = tokens(text, a, b)
    return 0 < len(toks) <= 12 and not any(
        t.s in ";:.!?" or t.cap or is_cue(toks, k) or t.low in PHRASE_VERBS
        or t.low in SUBJECT_PRONOUNS and not (t.low in ("he", "she") and same in (True, t.low))
        # "and a poll found": a clause with a subject of its own
        or t.low in ("and", "but", "while", "whereas") and k + 1 < len(toks) and toks[k + 1].low in DETERMINERS
        for k, t in enumerate(toks))


def _body(phrase: str) -> bool:
    """A definite description of an organisation: "the bank", "the ministry" (it resolves to the
    one the article named)."""
    words = phrase.lower().split()
    return len(words) == 2 and words[0] == "the" and words[1] in ORG_KINDS


def _cue_right_after(toks: list, end: int) -> bool:
    """Whether a speech verb comes right after offset `end` ("the bank said its losses ..."),
    an adverb or auxiliary aside."""
    k = next((k for k, t in enumerate(toks) if t.a >= end), None)
    while k is not None and k < len(toks) and (toks[k].low in ADVERBS or toks[k].low in AUXILIARIES):
        k += 1
    return k is not None and k < len(toks) and bool(is_cue(toks, k))


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
