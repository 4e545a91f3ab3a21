"""Lone names in an article's entity table: a one-word run kept for look-ups, and the entity that
a lone name no full name carries becomes on its first look-up ("Melanie", "Mr. Obama", "the
Kellbank", "Kellco, which ...").

A lone word is a person unless something says it is an organisation: a country's name, an acronym,
"the" before it where it speaks ("the Kellbank said"), a relative "which" after it, a firm's kind
given with it ("copy protection firm Macrovision"). `LoneNames` is the part of
`entities.Entities` that does this, over the `lone` and `by_single` indexes `Entities` builds.
"""
from __future__ import annotations

import functools
import re
from typing import Optional

from ..lexicon import AUXILIARIES, COUNTRIES, CUE_WORDS, KIN_NOUNS, NOT_NAME, OPENERS, ORG_KINDS, TITLES
from ..text import word_starts
from .entity import ORGANIZATION, PERSON, Entity, at_place
from .namekeys import key, title_before
from .names import POSSESSIVE, first_name, gender_of, is_participle, is_role_noun, nation_only
from .tokens import PARTY_TAG

# a relative "which" after a name agrees with no person: "employers such as Kellco, which opposed it"
_WHICH = re.compile(r",\s+which\b")
# a family tie of someone named, then a first name set off: "Ann Lee's husband, Ivo,"
_KIN_BEFORE = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]+?)['’]s\s+(?:late\s+)?("
                         + "|".join(sorted(KIN_NOUNS)) + r"),\s+$")
# the two words a headline opens with, a name's first name and surname perhaps
_OPENING_PAIR = re.compile(r"[\"“‘']?([A-Z][a-z]+(?:-[A-Z][a-z]+)?) ([A-Z][\w'’-]+?)(?:['’]s)?\b")
_AFTER_THE_NAMED = re.compile(r"\s*[,.;:]|\s+(?:[a-z]+ly\s+)?([a-z]+)\b")   # (see LoneNames._with_the)


@functools.lru_cache(maxsize=1 << 14)     # (the same one-word runs come back in article after article)
def _lone_word(surface: str) -> str:
    """The name word of a one-word run; "" for a title, a role noun, an opener or a participle."""
    word = POSSESSIVE.sub("", surface.strip("()")) if surface[-1] in "sS'’" else surface.strip("()")
    return "" if not word or word in TITLES or word in OPENERS or is_role_noun(word) or is_participle(word) \
        or PARTY_TAG.fullmatch(word) else word


class LoneNames:
    """The lone names of the entity table; mixed into `entities.Entities`, whose indexes they read."""

    def _one_word(self, start: int, end: int, surface: str) -> None:
        """A run of one word: a lone name to look up later, unless it is a title, a role noun, an
        opener or a participle ("Sen", "Spokesman", "Besides", "Adding")."""
        word = _lone_word(surface)
        if not word and is_participle(surface) and key(surface) in self.by_surname:
            word = surface                     # "Ebeling lives ...": the surname of "Betsy Ebeling", no participle
        if word:
            self.runs.append((start, end, (word,), surface, None))
            self.singles.append((start, (word,), ()))

    def _lone_entity(self, k: str) -> Optional[Entity]:
        """A lone name no full name carries ("Melanie", "Mr. Obama"): an entity of its own, made
        on the first look-up from all its mentions."""
        e = self.by_single.get(k)
        if e is not None or k not in self.lone:
            return e
        found = self.lone[k]
        word = found[0][1]
        if is_participle(word) or nation_only((word,)):
            return None                        # ("Americans", "Japanese": a people, no one who speaks)
        # "Peru exported silver": a country named alone is its state, no person
        # (an acronym named alone, "the SEC", is an organisation too, and so is a word "the" goes
        # before where it speaks or ends a clause: "the Kellbank said", not "the Vane plan")
        org = word in COUNTRIES or word.isupper() and len(word) > 1 \
            or not first_name(word) and (any(self._with_the(start, w) for start, w, _ in found) or self._which(found))
        kin = "" if org or not first_name(word) else self._kin_surname(found)
        given = "" if org or kin or first_name(word) else self._headline_given(word)
        if kin:                                           # "Ann Lee's husband, Ivo": Ivo Lee
            e = Entity(PERSON, (word, kin), key(word), key(kin))
        elif given:                                       # "Cora Vantine: ..." above, "Vantine said" below
            e = Entity(PERSON, (given, word), key(given), k)
        else:
            e = Entity(ORGANIZATION if org else PERSON, (word,), "", k)
        self.by_single[k] = e
        self._entities.append(e)
        e.evidence += first_name(word)
        e.gender = gender_of((word, word))                # "Melanie": a first name alone
        for start, w, titles in found:
            e.starts.append(start)
            e.places += at_place(self.text, start, w)
            before = self.text[max(0, start - 80):start]
            title = title_before(before)
            if title:
                titles = titles + (title,)                  # "Mr. Obama", "Sen. Leahy"
            self._learn(e, titles, (w,), w, before, start + len(w))
        if e.kind == PERSON and not first_name(word) and e.roles & ORG_KINDS:
            e.kind = ORGANIZATION                           # "copy protection firm Macrovision"
        return e

    def _headline_given(self, word: str) -> str:
        """The given name of the person a Title Case headline opens with ("Cora Vantine: 'We ...'",
        "Cora Vantine Says ..."), whose surname the text uses alone; "" when no headline opens with
        a capitalised word, then this one (a title, a verb or a word that is no name aside)."""
        for a, b in self.titled:
            m = _OPENING_PAIR.match(self.text, a, b)
            if m is not None and m.group(2) == word and m.group(1) not in NOT_NAME and m.group(1) not in TITLES \
                    and m.group(1).lower() not in CUE_WORDS and not is_role_noun(m.group(1)) \
                    and next(word_starts(self.text, m.group(1).lower()), -1) < 0:
                return m.group(1)             # (a word the text writes in lower case too is no name: "Hacker")
        return ""

    def _kin_surname(self, found: list) -> str:
        """The surname a first name named alone shares as the relative set off after a family tie
        of someone named ("Ann Lee's husband, Ivo," is Ivo Lee); "" when no mention is one. (Not
        after "his wife, Jane,": which "his" is needs the text's salience, and the one named last
        is too often another.)"""
        for start, _, _ in found:
            if not self.text[max(0, start - 60):start].rstrip().endswith(","):
                continue                      # (most mentions: no comma sets them off)
            m = _KIN_BEFORE.search(self.text, max(0, start - 60), start)
            if m is not None:
                owners = self.by_surname.get(key(m.group(1))) or self.by_given.get(key(m.group(1)), [])
                if len(owners) == 1 and len(owners[0].words) > 1:
                    return owners[0].words[-1]
        return ""

    def _which(self, found: list) -> bool:
        """Whether a relative "which" follows a mention of this lone word ("such as Kellco, which
        opposed it": no person) and no mention stands where a place does ("in Texas")."""
        text = self.text      # (nor "Kellco of Texas, which": the "which" is the firm's)
        return any(_WHICH.match(text, s + len(w)) and text[s - 3:s] != "of " for s, w, _ in found) \
            and not any(at_place(text, s, w) for s, w, _ in found)

    def _with_the(self, start: int, word: str) -> bool:
        """Whether "the" goes before this mention of a lone word and a cue, an auxiliary or the
        clause's end comes after it ("the Kellbank said", "the Kremlin has", "the Fed.")."""
        if self.text[max(0, start - 4):start] not in ("the ", "The "):
            return False
        m = _AFTER_THE_NAMED.match(self.text, start + len(word))
        return m is not None and (m.group(1) is None or m.group(1) in CUE_WORDS or m.group(1) in AUXILIARIES)
