"""Pronouns to entities: agreement first, then salience across sentences (descriptions, "the
senator", "the company", are `descriptions.Describing`, a part of `Salience`).

A he/she (or "the senator") refers to a person of the entity table who agrees with it (gender from
titles, first names, gendered nouns and, failing those, `agreement`: the his/her after a name) and
whom the text before it is about: each earlier mention counts, halving with every sentence back,
twice and a half when it is the subject of its sentence (three times after the quote before), four
times when it is the one who says something there ("Kerry said ...", "noted NBC's Dante Chinni"),
three times when it is brought in with a role ("Hal Corbin, president of the caucus"), while the
other names of a sentence that reports someone's words count half; the speaker of the quote before
adds to it unless someone else has been brought in since. Names inside quotes do not count, nor
the one a "he said" speaks to; "they" after two people named side by side is both. The margin of
the best is the confidence. A mention's weight in its sentence is `weight.weigh`. Sentences:
`tokenize.quick_sentences` (Punkt's rules, 18x faster).
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from ..lexicon import ADDRESSEE_VERBS, CUE_WORDS, DOCUMENT_NOUNS, FEMALE_NOUNS, MALE_NOUNS, SOURCE_NOUNS
from ..tokenize import quick_sentences
from .agreement import learn_genders
from .descriptions import AGENT, OTHER, SUBJECT, Describing, noun_before_phrase
from .entities import Entities
from .entity import ANONYMOUS, ORGANIZATION, PERSON, Entity, Resolved, at_place, campaign_of
from .furniture import inside
from .names import NAME_RUN, PRONOUNS, split_name
from .weight import joined_subject, pronoun_speaks, weigh
from .unnamed import Unnamed, unnamed_mentions

Span = tuple[int, int]
_TRAILING_CUE = re.compile(r"(?:he|she)\s+([a-z]+)\s*[.,;]", re.IGNORECASE)   # "he said." / "she added,"
_TOLD = re.compile(r"(?i:he|she)\s+([a-z]+)\s+(of\s+)?"                # "he told Ann Lee", "he said of Lee"
                   r"((?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})")
SUBJECT_PRONOUN = 1.0                   # a he/she opening a sentence, not saying anything: its referent
# after an unnamed person's head: the cue, perhaps after a phrase ("a spokesman for the firm said")
_UNNAMED_CUE = re.compile(r"(?:\s+(?:at|of|for|with|from|in)\s+(?:[\w'’.&-]+\s+){0,6}?)?\s*(?:[a-z]+ly\s+)?([a-z]+)\b")
# he/she as a word; its first letter read first, then what stands before it (re skips fast to the
# letters a pattern opens with, not to a look-behind's or a look-ahead's)
_SUBJECT_PRONOUN = re.compile(r"[HhSs](?<![\w'’-].)(?:(?<=[Hh])e|(?<=[Ss])he)(?![\w'’-])")
_NAMED_BY_COPULA = re.compile(r"\s+(?:is|was)\s+(?:now\s+)?[A-Z][a-z]")
_NAMED_OWNER = re.compile(r"[A-Z][\w.-]*['’]s\s")
# after the place that opens a paragraph: a dateline ("LEEDS, May 8 (AP) — ")
_DATELINE = re.compile(r"\s*(?:,[^—–\n]{0,40})?\s*(?:\(\w+\)\s*)?[—–-]")
FRESH_SUBJECT = 1.2           # a subject since the quote before: the text has turned to it
CHAIN_DEPTH = 2               # how many pronouns back a pronoun's referent is followed ("he said ... he added")
SENTENCES_BACK = 8            # how far back a pronoun looks
MENTIONS_BACK = 60            # ... and at most this many mentions (a bound for very long paragraphs)
PARAGRAPHS_BACK = 3
QUOTED_PENALTY = 0.5          # a person the quote itself names ("I said to Harry ...") is seldom its speaker


_WORDS_AFTER = re.compile(r"(?:\s+[\w-]+){1,5}")


def _document_says(text: str, end: int) -> bool:
    """Whether an owner's document that says something follows end: "[Acme's] 1986 annual report
    said" (a document noun within four words, then a speech verb, perhaps after an adverb)."""
    m = _WORDS_AFTER.match(text, end, end + 80)
    words = m.group().split() if m else []
    doc = next((i for i, w in enumerate(words[:4]) if w in DOCUMENT_NOUNS), None)
    if doc is None:
        return False
    rest = [w for w in words[doc + 1:] if not w.endswith("ly")]
    return bool(rest) and rest[0] in CUE_WORDS


class Salience(Describing):
    """Who the text is about at any point: the mentions of the entity table, placed in sentences."""

    def __init__(self, text: str, table: Entities, paras: list[Span], quote_spans: list[Span]):
        """Remember the article; sentences and mentions are read on the first look-up."""
        self.text, self.table, self.paras, self.quote_spans = text, table, paras, quote_spans
        self.para_starts = [a for a, _ in paras]
        self._sent: dict[int, tuple[list[Span], list[int]]] = {}
        # offset -> (paragraph, sentence): `_scores` asks it of the same mentions for every pronoun
        # and description (bounded by the offsets of one article)
        self._sent_at: dict[int, tuple[int, int]] = {}
        self._mentions: dict[int, list[tuple[int, Entity, float]]] = {}
        self._pronouns: dict[int, list[tuple[int, str, float]]] = {}   # (offset, gender, weight) of he/she
        # paragraph -> the he/she of it and of the PARAGRAPHS_BACK before it (one list per paragraph)
        self._pronouns_near: dict[int, list[tuple[int, str, float]]] = {}
        self._referents: dict[int, Optional[Entity]] = {}              # offset of a he/she -> its referent
        self.unnamed: dict[str, Entity] = {}                           # head noun -> the unnamed person

    def para_of(self, pos: int) -> int:
        """Index of the paragraph holding pos."""
        i = bisect.bisect_right(self.para_starts, pos)
        return i - 1 if i else 0                          # (max(0, i - 1), without the call: asked often)

    def _sentences(self, p: int) -> tuple[list[Span], list[int]]:
        """Sentence spans of paragraph p and their starts, split once."""
        got = self._sent.get(p)
        if got is None:
            a, b = self.paras[p] if p < len(self.paras) else (0, len(self.text))
            spans = quick_sentences(self.text, a, b) or [(a, b)]
            # the sentences of one quote are one step back, not one each: in 'Tanaka disagreed.
            # "A. B. C," he said.' the "he" is one sentence after Tanaka, however long the quote
            merged: list[Span] = []
            for s, e in spans:
                if merged and inside(s, self.quote_spans):
                    merged[-1] = (merged[-1][0], e)
                else:
                    merged.append((s, e))
            got = self._sent[p] = (merged, [s for s, _ in merged])
        return got

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """(paragraph, sentence within it) of pos (found once for each offset)."""
        got = self._sent_at.get(pos)
        if got is None:
            p = self.para_of(pos)
            s = bisect.bisect_right((self._sent.get(p) or self._sentences(p))[1], pos)
            got = self._sent_at[pos] = (p, s - 1 if s else 0)
        return got

    def sentence_span(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding pos."""
        p, s = self.sentence_of(pos)
        return self._sent[p][0][s]                        # (split by sentence_of)

    def distance(self, a: int, b: int) -> int:
        """Sentences from offset a back to offset b (a >= b), across paragraphs."""
        pa, sa = self.sentence_of(a)
        pb, sb = self.sentence_of(b)
        if pa == pb:
            return sa - sb
        between = sum(len(self._sentences(p)[0]) for p in range(pb + 1, pa))
        return sa + between + (len(self._sentences(pb)[0]) - sb)

    def mentions_in(self, p0: int, p1: int) -> list[tuple[int, Entity, float]]:
        """(offset, entity, weight) of the name mentions outside quotes in paragraphs p0..p1."""
        out = []
        for p in range(max(0, p0), p1 + 1):
            got = self._mentions.get(p)
            if got is None:
                got = self._mentions[p] = self._collect(p)
            out.extend(got)
        return out

    def mentions_before(self, pos: int) -> list[tuple[int, Entity, float]]:
        """The mentions of the PARAGRAPHS_BACK paragraphs before pos and of its own, up to pos."""
        here = self.para_of(pos)
        ms = self.mentions_in(here - PARAGRAPHS_BACK, here)
        i = bisect.bisect_left(ms, pos, key=lambda m: m[0])
        return ms[max(0, i - MENTIONS_BACK):i]

    def _collect(self, p: int) -> list[tuple[int, Entity, float]]:
        """The name runs and unnamed people of paragraph p resolved to their entities, weighted by
        their role in their sentence; its he/she subjects are kept apart, for `_scores`."""
        out = []
        table, text = self.table, self.text
        table.entities                                    # noqa: B018 - build the table
        a, b = self.paras[p] if p < len(self.paras) else (0, len(text))
        # the quotes to look in: none when the last one opening before b closed by a (half the paragraphs)
        q = bisect.bisect_left(self.quote_spans, (b,))
        quotes = self.quote_spans if q and self.quote_spans[q - 1][1] > a else []
        i, named = bisect.bisect_left(table.run_starts, a), []
        while i < len(table.runs) and table.runs[i][0] < b:
            start, end, words, surface, e = table.runs[i]
            i += 1
            if quotes and inside(start, quotes) or start == a and surface.isupper() and _DATELINE.match(text, end):
                continue                          # in a quote, or a dateline ("WASHINGTON —")
            e = e or table.entity_at(words, start, surface)
            if e is None:
                continue
            w, speaks = self._weight(start, end)
            owner = surface[-2:] in ("'s", "’s")
            if owner and _document_says(text, end):
                w, speaks = AGENT, True           # "The Harbour Bank's annual report said": the bank speaks
            elif w > OTHER and owner:
                w, speaks = OTHER, False          # "Brun's rule ..., insisting": the owner is no subject (an 's
                                                  # only: names.POSSESSIVE's bare mark after an s moved results)
            if w > OTHER and at_place(text, start, surface):
                w, speaks = OTHER, False          # "Traders in Port Essen said": the place says nothing
            e.speaks += speaks                    # "X said": a person (or an organisation) speaks
            out.append((start, e, w))
            named.append((start, end, e))
        learn_genders(text, named, self._sentences(p)[0], self.quote_spans)   # "Sandy Cole, who lost her ..."
        for u in unnamed_mentions(text, a, b):
            if not (quotes and inside(u.start, quotes)):
                w = self._unnamed_weight(u)
                e = self._unnamed_entity(u) if w else None
                if e is not None:
                    out.append((u.start, e, w))
        pronouns = []
        for m in _SUBJECT_PRONOUN.finditer(text, a, b):
            if not (quotes and inside(m.start(), quotes)):
                if pronoun_speaks(text, m.start(), m.end(), b):   # "..., he said": who the narrative has speaking
                    # counts as a subject would: its referent is itself a guess
                    pronouns.append((m.start(), PRONOUNS[m.group().lower()], OTHER))
                elif m.group()[0].isupper() and self._opens_sentence(m.start()):
                    # "He owned up in a long speech ...": the one the text is about
                    pronouns.append((m.start(), PRONOUNS[m.group().lower()], SUBJECT_PRONOUN))
        self._pronouns[p] = pronouns
        out.sort(key=lambda m: m[0])
        # in a sentence that reports someone's words, the others are what was said, or modifiers
        agents: dict = {}
        for s, _, w in out + pronouns:
            if w == AGENT:
                agents.setdefault(self.sentence_of(s), s)
        if not agents:
            return out                            # (no one speaks in the paragraph: every weight stands)
        # (not the subject of a clause joined on after the one who spoke: "Lee said it was fine,
        # but the club's chairman Ivo Dane rejected it")
        return [(s, e, w if w == AGENT or self.sentence_of(s) not in agents
                 or w == SUBJECT and joined_subject(text[agents[self.sentence_of(s)]:s]) else 0.5) for s, e, w in out]

    def _opens_sentence(self, pos: int) -> bool:
        """Whether pos is where a sentence starts (after its opening marks)."""
        return self.text[self.sentence_span(pos)[0]:pos].strip(" \"“'‘\n") == ""

    def _unnamed_weight(self, u: Unnamed) -> Optional[float]:
        """AGENT for an unnamed person who says something ("a spokesman for the firm said",
        "according to an official"), SUBJECT for the subject of its sentence; None otherwise (an
        unnamed person who is only talked about is no candidate)."""
        if u.det != "indefinite" and _NAMED_BY_COPULA.match(self.text, u.end, min(len(self.text), u.end + 40)):
            return None                           # "The show's director is Ann Lee": she is named
        cue = _UNNAMED_CUE.match(self.text, u.end, min(len(self.text), u.end + 120))
        if cue and cue.group(1) in CUE_WORDS or self.text[max(0, u.start - 13):u.start].lower() == "according to ":
            return AGENT
        w, _ = self._weight(u.start, u.end)
        return w if w in (AGENT, SUBJECT) else None

    def _unnamed_entity(self, u: Unnamed) -> Optional[Entity]:
        """The entity an unnamed-person mention stands for: a named person the article gave that
        role ("the host" after "Ann Ruiz, the host"), else the unnamed person of that head noun;
        a definite description ("the aide") makes nobody new."""
        if u.det != "indefinite" and not u.unnamed:
            roled = [e for e in self.table.people() if u.head in e.roles and 0 <= e.mentioned_before(u.start)]
            if roled:
                return max(roled, key=lambda x: x.mentioned_before(u.start))
        e = self.unnamed.get(u.head)
        if e is None:
            if (u.det == "definite" or _NAMED_OWNER.search(self.text, u.start, u.end) and u.head not in SOURCE_NOUNS) \
                    and not u.unnamed:      # (and "the Harbour Party's leader", one of a kind)
                return None                       # "the aide" may be someone named: salience decides
            e = self.unnamed[u.head] = Entity(ANONYMOUS, (u.head,), gender=u.gender, strong_gender=bool(u.gender),
                                              evidence=1)
        bisect.insort(e.starts, u.start)
        return e

    def _weight(self, a: int, b: int) -> tuple[float, bool]:
        """`weight.weigh` of the mention at a:b in its sentence."""
        p, s = self.sentence_of(a)
        return weigh(self.text, a, b, *self._sent[p][0][s])      # (sentence_span, inline)

    def resolve(self, pronoun: str, pos: int, spoke: list[tuple[int, Entity]], lo: int = 0,
                quoted: frozenset = frozenset()) -> Optional[Resolved]:
        """The person a he/she (or a person description) at pos refers to, or None; an unnamed
        person comes back as a Resolved of kind ANONYMOUS (the quote then has no speaker)."""
        word = pronoun.lower()
        kind, head = PRONOUNS.get(word), ""
        if kind is None:
            head = noun_before_phrase(word.split()) or word.split()[-1]
            kind = "f" if head in FEMALE_NOUNS else "m" if head in MALE_NOUNS else "?"
        if kind not in ("m", "f", "?"):
            return None
        score = self._inside_quote(pos, kind, lo) if lo else self._scores(pos, kind, spoke, lo)
        if quoted:
            score = {e: v * (QUOTED_PENALTY if e in quoted else 1.0) for e, v in score.items()}
        # "the senator" agrees with no one the article gives another office ("Gov. Tim Vole")
        return _best({e: v for e, v in score.items() if not e.other_office(head)} if head else score)

    def _referent(self, start: int, kind: str, spoke, depth: int) -> Optional[Entity]:
        """The entity an earlier he/she refers to: the speaker found for it when it attributes a
        quote ("...," he said), else the one the text before it is about (remembered)."""
        said = next((e for off, e in reversed(spoke) if off == start), None)
        if said is not None:
            return said
        if start not in self._referents:          # (`_best`'s top, not named: only the entity is kept)
            score = self._scores(start, kind, [], 0, depth)
            self._referents[start] = max(score, key=score.get) if score else None
        return self._referents[start]

    def campaign(self, owner: str, pos: int, spoke=()) -> Optional[Resolved]:
        """The campaign of the person `owner` stands for ("his", "her", "Ann Vole", "Mrs. Vole"):
        "Ann Vole campaign"; None when it is no person the article names."""
        if owner.lower() in ("his", "her"):
            r = self.resolve("he" if owner.lower() == "his" else "she", pos, list(spoke))
        else:
            r = self.table.resolve(split_name(owner, "")[1] or tuple(owner.split()), pos, owner)
        return campaign_of(r) if r is not None and r.kind == PERSON and r.entity is not None else None

    def pair(self, pos: int) -> Optional[Resolved]:
        """"they" right after a sentence that names two people side by side ("Senators Ann Lee,
        of Iowa, and Ivo Lund, of Ohio, wrote ... "...," they wrote"): both, joined by "and"."""
        ms = [(s, e) for s, e, _ in self.mentions_before(pos) if e.kind == PERSON and len(e.words) > 1]
        if len(ms) < 2:
            return None
        (s1, a), (s2, b) = ms[-2], ms[-1]
        if a is b or self.distance(pos, s2) > 2 or self.sentence_of(s1) != self.sentence_of(s2):
            return None
        between = self.text[s1:s2]
        if " and " not in between or len(between) > 140 or any(x in between for x in ";:!?"):
            return None
        return Resolved(f"{a.name} and {b.name}", PERSON, 0.5)

    def _inside_quote(self, pos: int, kind: str, lo: int) -> dict[Entity, float]:
        """Inside a quote ("I spoke to the referee Sam Cole and he said 'No'"): the agreeing
        people named between lo (the quote's start) and pos, the nearest weighing most."""
        score: dict[Entity, float] = {}
        for m in NAME_RUN.finditer(self.text, lo, pos):
            _, words = split_name(m.group(), self.text[max(0, m.start() - 80):m.start()])
            r = self.table.resolve(words, m.start(), m.group()) if words else None
            if r is None or r.entity is None or r.entity.kind != PERSON or r.entity.disagrees(kind):
                continue
            score[r.entity] = score.get(r.entity, 0.0) + 1.0 / (1.0 + (pos - m.end()) / 100.0)
        return score

    def _scores(self, pos: int, kind: str, spoke, lo: int, depth: int = 0) -> dict[Entity, float]:
        """Salience of each agreeing person (named or not) before pos. A he/she of the narrative
        before pos counts for the one it refers to ("Tony Blair would lead, he said." -- the "he"
        keeps the speaker salient), followed CHAIN_DEPTH pronouns back."""
        here = self.para_of(pos)
        score: dict[Entity, float] = {}
        # the quote before pos and its speaker, if any (one search of `spoke`, used twice below)
        last_quote, before = next(((off, e) for off, e in reversed(spoke) if off < pos), (-1, None))
        fresh = set()
        per: dict[tuple[Entity, int], float] = {}   # (entity, sentences back) -> its weightiest mention there
        pos_p, pos_s = self.sentence_of(pos)

        def add(start: int, e: Entity, w: float) -> bool:
            """Count one mention; False once it is too far back."""
            p, s = self.sentence_of(start)
            d = pos_s - s if p == pos_p else self.distance(pos, start)   # (most: in the paragraph of pos)
            if d > SENTENCES_BACK:
                return False
            fresh_subject = FRESH_SUBJECT if w == SUBJECT and start > last_quote >= 0 else 1.0
            per[e, d] = max(per.get((e, d), 0.0), w * fresh_subject * 0.5 ** d)   # a sentence counts once
            if start > last_quote and w > OTHER:
                fresh.add(e)
            return True

        for start, e, w in reversed(self.mentions_before(pos)):
            if start < lo or here - self.para_of(start) > PARAGRAPHS_BACK:
                break
            if e.kind == ORGANIZATION or e.is_place or e.disagrees(kind) or len(e.words) == 1 and not e.is_person:
                continue                          # a lone capitalised word needs a sign it is a name
            if not add(start, e, w):
                break
        if depth < CHAIN_DEPTH:
            for start, g, w in reversed(self.pronouns_before(pos)):
                if start < lo or kind in ("m", "f") and g != kind:
                    continue
                e = self._referent(start, g, spoke, depth + 1)
                if e is not None and not add(start, e, w):
                    break
        for (e, _), v in per.items():
            score[e] = score.get(e, 0.0) + v
        if before is not None and before.kind != ORGANIZATION and not before.disagrees(kind):
            pd = here - self.para_of(last_quote)  # the speaker of the quote before
            if pd <= 2 and not (fresh - {before}):
                score[before] = score.get(before, 0.0) + 1.5 * 0.6 ** pd
        barred = self._bound(pos)
        # a name with no sign of being a person's ("Midway Atoll", "Labor Day") weighs a third;
        # an unknown gender less than an agreeing one
        return {e: v * (1.0 if e.is_person else 0.35) * (0.8 if kind in ("m", "f") and e.gender is None else 1.0)
                for e, v in score.items() if e not in barred}

    def _bound(self, pos: int) -> set:
        """The people a "he said" set off by a comma at pos cannot be: those named earlier in its
        sentence, in the words it reports ("Ann Lee will lead the campaign, he said": he is not
        Ann Lee; not in "As for Ann Lee, she said so": no cue ends the clause), and the one it
        speaks to or of ("he told Ann Lee", "he said of Lee")."""
        text = self.text
        told = _TOLD.match(text, pos)
        to = told is not None and (told.group(1) in CUE_WORDS if told.group(2) else told.group(1) in ADDRESSEE_VERBS)
        spoken_to = {e for st, e, _ in self.mentions_in(self.para_of(pos), self.para_of(pos))
                     if told.start(3) <= st < told.end(3)} if to else set()
        cue = _TRAILING_CUE.match(text, pos)
        if text[max(0, pos - 2):pos].strip() != "," or not cue or cue.group(1).lower() not in CUE_WORDS:
            return spoken_to
        start = self.sentence_span(pos)[0]
        return spoken_to | {e for st, e, _ in self.mentions_before(pos) if st >= start}

    def pronouns_before(self, pos: int) -> list[tuple[int, str, float]]:
        """The he/she subjects of the PARAGRAPHS_BACK paragraphs before pos and of its own, before pos."""
        here = self.para_of(pos)
        out = self._pronouns_near.get(here)
        if out is None:                  # (joined once for each paragraph, not for each look-up)
            self.mentions_in(here - PARAGRAPHS_BACK, here)
            out = self._pronouns_near[here] = [x for p in range(max(0, here - PARAGRAPHS_BACK), here + 1)
                                               for x in self._pronouns.get(p, ())]
        return out[:bisect.bisect_left(out, pos, key=lambda m: m[0])]

def _best(score: dict[Entity, float]) -> Optional[Resolved]:
    """The top candidate, its confidence from the margin over the second."""
    if not score:
        return None
    ranked = sorted(score.items(), key=lambda kv: -kv[1])
    top, v = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    conf = round(0.45 + 0.4 * (1 - second / v), 2) if v > 0 else 0.45
    if top.kind == ANONYMOUS:
        return Resolved("", ANONYMOUS, conf, top)
    return Resolved(top.name, PERSON, conf, top)
