"""A document speaks for whoever issued it: "the circular states", "the statement said".

The issuer is read from the article, not guessed from the last name: the last sentence before the
quote that names a document of the same kind ("Acme Mining has issued a circular to banks") gives
the one who issued it, the subject before the noun ("Acme Mining") or, failing one, a name right
after it ("a statement from Acme Mining", "In a statement, Acme said"); a sentence that brings
the document in ("a group of parents sent a letter") naming no one gives no speaker. With no such
sentence, the caller falls back on the organisation that said something last.
"""
from __future__ import annotations

import re
from typing import Optional

from ..lexicon import CUE_WORDS, DOCUMENT_NOUNS, ORG_KINDS, PUBLICATION_NOUNS
from .entity import ANONYMOUS, ORGANIZATION, Resolved
from .furniture import inside
from .tokens import BE_FORMS

# how far back the sentence that introduced the document may be, in characters (wire copy brings
# in a circular in its first paragraphs and quotes it several paragraphs on)
LOOK_BACK = 3000
# a suit speaks for whoever brings it: "Ann Lee is suing the studio ... the lawsuit said"
SUIT_NOUNS = ("lawsuit", "suit", "complaint")
_SUES = re.compile(r"(?<![\w'’-])(?:sue|sues|sued|suing)(?![\w'’-])")
_PASSIVE_BEFORE = re.compile(r"(?<![\w'’-])(?:" + "|".join(sorted(BE_FORMS, key=len, reverse=True)) + r")\s+$")
# the document brought in, not referred to again: "sent a letter", "issued an open letter"
_INTRODUCED = re.compile(r"(?<![\w'’-])(?:a|an)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# a name in a phrase is no subject: "In Leeds, ...", "at Acme"
_PHRASE_BEFORE = re.compile(r"(?<![\w'’-])(?:in|at|from|to|for|on|with|by|of|near|outside|inside)\s+(?:the\s+)?$",
                            re.IGNORECASE)
_PHRASE_OPENS = re.compile(r"(?:In|At|From|On|With|By|Near|Outside|Inside)\s")
# the noun as the subject of a speech verb: "the lawsuit says", "the letter also alleges"
_SPEECH_VERBS = "|".join(sorted(CUE_WORDS)) + "|alleges|alleged|states"
_ADVERB = r"\s+(?:[a-z]+ly\s+|also\s+)?"
_SPEAKS = re.compile(_ADVERB + "(?:" + _SPEECH_VERBS + r")\b")
# "In a statement, Acme said": the document opens the sentence, its issuer is the subject after it
_IN_A = re.compile(r"(?:^|[.\n]\s*)In\s+(?:a|an|its|his|her|their)\s+(?:[\w-]+\s+){0,2}[\w-]+$")
_ACCORDING = re.compile(r"according\s+to\s+(?:[\w'’-]+\s+){1,3}$", re.IGNORECASE)
_PREPOSITIONS = frozenset({"to", "of", "for", "from", "by", "in", "on", "at", "with"})
# between the noun and a name after it: "a statement from Acme", "the report by the Acme Institute"
_OF_ISSUER = re.compile(r"\s+(?:(?:was|were)\s+)?(?:issued\s+|released\s+|published\s+|sent\s+)?"
                        r"(?:(?:by|from)\s+(?:the\s+)?(?:[a-z][\w'’-]*\s+){0,2}(?:[a-z][\w-]*,\s+)?"
                        r"|of\s+(?:the\s+)?)")    # (and "the report by telecoms firm Acme", "a letter was
                                                  # sent from the choir's head, Ann Lee")
# a document's name before its noun: "An Acme statement", "the Acme Institute's report"
_NAMED_NP = re.compile(r"(?<![\w'’-])(?i:the|a|an)\s+(?:[A-Z][\w&'’.-]*\s+){1,4}$")
# the kind of body that issued it before the noun: "a bank statement", "the ministry report"
_KIND_NP = re.compile(r"(?<![\w'’-])(?i:the|a|an)\s+([A-Za-z]+)\s+$")
# a campaign that sends the document out: "Vole's campaign put out an email", "his campaign issued a"
_CAMPAIGN_SENDS = re.compile(r"(?:(?<![\w'’-])([Hh]is|[Hh]er)|(?<![\w'’-])(?:[Tt]he\s+)?"
                             r"((?:[A-Z][\w.'’-]*\s+){0,2}?[A-Z][\w.-]*?)(?:['’]s)?)"
                             r"\s+campaign\s+(?:[a-z]+\s+){1,5}$")


# a document that speaks in the narrative: "The statement said", "its report also says", "the email read"
_DOCUMENT_SPEAKS = re.compile(r"(?<![\w'’-])(?:[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+(?:[\w'’.-]+\s+){0,3}?("
                              + "|".join(sorted(DOCUMENT_NOUNS)) + ")" + _ADVERB + "(?:" + _SPEECH_VERBS + r"|read|reads)\b")


def last_document_speaking(text: str, lo: int, pos: int, quote_spans: list) -> Optional[tuple[int, str]]:
    """(offset, noun) of the last document that says something outside quotes between lo and pos
    ("The statement said ministers were upset"), or None."""
    found = [m for m in _DOCUMENT_SPEAKS.finditer(text, lo, pos) if not inside(m.start(), quote_spans)]
    return (found[-1].start(1), found[-1].group(1).lower()) if found else None


def document_head(words: list[str]) -> Optional[str]:
    """The document noun a description is about when a phrase follows it: "the circular to banks"
    -> "circular" ("the head of the agency" is no document); None otherwise."""
    for i in range(1, len(words) - 1):
        if words[i + 1] in _PREPOSITIONS:
            return words[i] if words[i] in DOCUMENT_NOUNS or words[i] in PUBLICATION_NOUNS else None
    return None


def issuer(sal, head: str, pos: int, subject: float) -> Optional[Resolved]:
    """The person or organisation that issued the document `head` ("circular") quoted at pos, read
    from the last sentence before pos that names such a document; None when none does. `sal` is
    the article's `salience.Salience` (which calls this module, so it is not imported here). An unnamed
    issuer ("a spokesman issued a statement") is the unnamed person (no speaker). `subject` is
    salience's weight of a sentence's subject: a name weighing less stands in a phrase."""
    text = sal.text
    lo = max(0, pos - LOOK_BACK)
    # the noun, or its verb ("Ann Lee emailed supporters ... The email said")
    noun = re.compile(rf"(?<![\w'’-]){re.escape(head)}(?:s|ed)?(?![\w'’-])", re.IGNORECASE)
    found = [m.span() for m in noun.finditer(text, lo, pos) if not inside(m.start(), sal.quote_spans)]
    for at, end in reversed(found[-4:]):
        verb = _SPEAKS.match(text, end)
        says = bool(verb and not verb.group().endswith("ing") or _ACCORDING.search(text, max(0, at - 40), at))
        # "An Acme statement said: ... The statement continued"; "until the Harbour
        # Commission report" (not "An Open Letter", "the Ministry statement" unless it speaks):
        # the document's name says whose it is
        np = _NAMED_NP.search(text, max(0, at - 60), at)
        named = sal._named_in(np.group() + head, at) if np else None
        if named is not None and (says or (len(named.name.split()) > 1 or named.name.isupper())
                                  and head not in named.name.lower()):
            return Resolved(named.name, named.kind, 0.65, named.entity)
        if says:
            # "the lawsuit says", "according to the report": no issuer, unless its kind says whose
            # (but "sent an email saying" brings the document in)
            kind = _KIND_NP.search(text, max(0, at - 30), at)
            body = sal._org_kind(at, kind.group(1).lower()) if kind and kind.group(1).lower() in ORG_KINDS else None
            if body is not None:             # "a bank statement said": the bank the article named
                return Resolved(body.name, ORGANIZATION, 0.6, body)
            continue
        ms = _speakers_of_sentence(sal, at)
        got = _subject_before(text, ms, at, subject) or _named_after(text, ms, end)
        if got is not None:
            if got.kind == ANONYMOUS:
                return Resolved("", ANONYMOUS, 0.6, got)
            return Resolved(got.name, got.kind, 0.65, got)
        campaign = _campaign_sends(sal, at)
        if campaign is not None:
            return campaign
        if _INTRODUCED.search(text, max(0, at - 20), at):
            return Resolved("", ANONYMOUS, 0.5, None)   # "a group of parents sent a letter": no one named
    return _plaintiff(sal, head, lo, pos, subject) if head in SUIT_NOUNS else None


def _plaintiff(sal, head: str, lo: int, pos: int, subject: float) -> Optional[Resolved]:
    """The one the article says is suing ("Ann Lee is suing the studio ... the lawsuit said"): the
    subject of the last "sue(s, d)"/"suing" before pos, outside quotes; None if none."""
    text = sal.text
    sues = [m.start() for m in _SUES.finditer(text, lo, pos) if not inside(m.start(), sal.quote_spans)]
    if not sues or text.startswith("sued", sues[-1]) and _PASSIVE_BEFORE.search(text, max(0, sues[-1] - 12), sues[-1]):
        return None                      # ("Acme was sued by ...": the subject is the one sued)
    got = _subject_before(text, _speakers_of_sentence(sal, sues[-1]), sues[-1], subject)
    return Resolved(got.name, got.kind, 0.6, got) if got is not None and got.kind != ANONYMOUS else None


def _campaign_sends(sal, at: int) -> Optional[Resolved]:
    """The campaign that is the subject of the sentence bringing in the document at `at` ("Vole's
    campaign put out an email", "his campaign issued a statement"), or None."""
    m = _CAMPAIGN_SENDS.search(sal.text, sal.sentence_span(at)[0], at)
    if m is None:
        return None
    return sal.campaign(m.group(1) or m.group(2), m.start(1) if m.group(1) else m.start(2))


def _speakers_of_sentence(sal, at: int) -> list:
    """(start, entity, weight) of the people and organisations (no places) named in the sentence
    holding offset at."""
    a, b = sal.sentence_span(at)
    p = sal.para_of(at)
    return [(start, e, w) for start, e, w in sal.mentions_in(p, p)
            if a <= start < b and (e.kind == ORGANIZATION and not e.is_place or e.is_person)]


def _subject_before(text: str, ms, at: int, subject: float):
    """The entity weighing most among the mentions before the noun (the subject of "Acme issued a
    circular"), not a name in a phrase ("In Leeds, Acme issued ..."); the first of equals."""
    before = [(w, -start, e) for start, e, w in ms if start < at and w >= subject and not _in_phrase(text, start)]
    return max(before, key=lambda x: (x[0], x[1]))[2] if before else None


def _in_phrase(text: str, start: int) -> bool:
    """Whether the name run at start stands in a phrase ("In Leeds", "at the Acme plant"): the run
    may hold its capitalised preposition ("In Leeds" opening a sentence)."""
    return bool(_PHRASE_BEFORE.search(text, max(0, start - 12), start) or _PHRASE_OPENS.match(text, start))


def _named_after(text: str, ms, end: int):
    """A name right after the noun ending at `end` ("a statement from Acme") or the subject after
    an opening phrase ("In a statement, Acme said")."""
    for start, e, w in ms:
        if start >= end:
            between = text[end:start]
            if _OF_ISSUER.fullmatch(between) or between.startswith(",") and between.count(",") == 1 \
                    and len(between) < 40 and w > 1.0 and _IN_A.search(text, max(0, end - 40), end):
                return e
            return None
    return None
