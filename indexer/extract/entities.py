"""The entity table of one article: every person and organisation it names, with their mentions.

Built once, on the first look-up, from the capitalised runs of the text (`names.NAME_RUN`):

- a person named in full ("Mary J. Blige", "Rep. Robert C. "Bobby" Scott") is one entity, keyed by
  first name and surname; middle names and initials, suffixes and a nickname in marks join it, and
  its fullest form is its name ("Charles B. Rangel", never "Charles B . Rangel");
- an organisation keeps every word of its name ("The New York Times", "Peabody Energy");
- titles and roles seen with a person ("Sen.", "the spokeswoman", "Ann Ruiz, the network's host")
  are kept, for gender and for descriptions ("the senator", "the host").

`resolve(words, pos)` turns a name mention into an entity: a full name is its own; a surname, a
first name or the tail of a longer name ("Suu Kyi") is the entity that carries it, and when
several do (Hillary and Bill Clinton), the title (Mrs./Mr.), then which of them the text around
`pos` is about, decides, with a lower confidence.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional

from ..lexicon import (FEMALE_NOUNS, FEMALE_TITLES, FIRM_TAILS, MALE_NOUNS, MALE_TITLES, NOT_NAME, OPENERS, ORG_HEADS,
                       ORG_WORDS, ROLE_NOUNS, TITLE_SMALL_WORDS, TITLES)
from ..text import one_edit
from ..tokenize import paragraphs
from .furniture import caps_lines, headings, inside, title_case_lines
from .media import canonical
from .names import (NAME_RUN, POSSESSIVE, clean_display, clean_run, first_name, gender_of, is_participle,
                    is_role_noun, key, looks_like_person, name_words, org_like, split_cached, title_before)

PERSON, ORGANIZATION = "person", "organization"
ANONYMOUS = "anonymous"              # an unnamed person ("a Western banker"): a candidate that names nobody

_LOWER_WORD = re.compile(r"\b[a-z][a-z-]+\b")
# in a Title Case line: a first name, an initial perhaps, and the word after it
_FIRST_AND_NEXT = re.compile(r"\b[A-Z][a-z]+(?: [A-Z]\.)? [A-Z][\w'’-]+")
_AFFILIATION_BEFORE = re.compile(r"([A-Z][\w'’.-]+),?\s+(?:of|at|with)\s+$")
# where a place stands: "in Leeds", "near the Port Essen border" (not "from", "at": "a dealer at
# Acme", "a statement from Acme" are firms)
_PLACE_BEFORE = re.compile(r"(?<![\w'’-])(?:in|near|outside|across|throughout|around)\s+(?:the\s+)?$", re.IGNORECASE)
_PLACE_OPENS = re.compile(r"(?:In|Near|Outside|Across|Throughout)\s+(?:the\s+)?[A-Z]")
_DATELINE_AFTER = re.compile(r"\s*(?:,|\(\w+\)\s*[-—–]|[-—–])")
_PARTY_TAG = re.compile(r"[A-Z]-[A-Z][\w.]*")           # "(R-Ga.)", "(D-Va.)"
# An apposition after a name: ", the network's host," / ", a spokeswoman for" -> the role noun.
_APPOSITION = re.compile(r"\s*,\s+(?:the|a|an|its|his|her|their)\s+([^,;:.()\"“”]{1,80})")
# an apposition with no article must start with a role noun: ", president of the Harbour Union"
_BARE_APPOSITION = re.compile(r"\s*,\s+([a-z][a-z-]+)\b")
# "hired Ada Park as spokeswoman", "named Lee as its chief executive"
_AS_ROLE = re.compile(r"\s+as\s+(?:the|a|an|its|his|her|their)?\s*([a-z][a-z -]{1,40})")


def _without_caps_lines(text: str) -> str:
    """text with its all-caps lines blanked (same offsets): in "ACME SAYS IVO LUND TO QUIT" the
    capitals do not tell names from other words, so its words make no entity and no mention; a
    name it holds counts only where the article writes it in normal case."""
    spans = caps_lines(text)
    if not spans:
        return text
    parts, at = [], 0
    for a, b in spans:
        parts += [text[at:a], " " * (b - a)]
        at = b
    return "".join(parts) + text[at:]


def at_place(text: str, start: int, surface: str) -> bool:
    """Whether the name run at start stands where a place does: after "in", "near", "outside" ...
    ("shares rose in Port Essen", "In Leeds, ..."; not "in Acme's plan"), or as a dateline (a name
    in capitals opening a paragraph, then a comma or a dash: "LEEDS, May 3 -")."""
    if surface.endswith(("'s", "’s")) or text.startswith(("'s", "’s"), start + len(surface)):
        return False
    if _PLACE_BEFORE.search(text, max(0, start - 14), start) or _PLACE_OPENS.match(text, start):
        return True
    return surface.isupper() and (start == 0 or text[start - 1] == "\n" or text[max(0, start - 4):start].isspace()) \
        and bool(_DATELINE_AFTER.match(text, start + len(surface)))


@dataclass(eq=False)
class Entity:
    """One person or organisation of the article, with what the article says about it."""

    kind: str                                  # PERSON, ORGANIZATION or ANONYMOUS
    words: tuple[str, ...]                     # the fullest form seen
    given: str = ""                            # folded first name ("" for organisations)
    surname: str = ""                          # folded surname, particles kept ("van persie")
    gender: Optional[str] = None
    strong_gender: bool = False                # from a title or a gendered noun, not a first name
    evidence: int = 0                          # signs it is a person: title, role, first name
    speaks: int = 0                            # mentions as the one who says something ("X said")
    nicknames: set = field(default_factory=set)
    roles: set = field(default_factory=set)    # lower-case titles and role nouns seen with it
    starts: list = field(default_factory=list)  # offsets of its mentions, in text order
    places: int = 0                            # mentions where it is a place: "in Leeds", "LEEDS, May 3 -"

    @property
    def name(self) -> str:
        """The display name: the words, initials written "B." ("Charles B. Rangel"); a known
        outlet with its article ("The New York Times")."""
        name = clean_display(self.words)
        if self.kind == ORGANIZATION and canonical(name) == "The " + name:
            return "The " + name
        return name

    @property
    def is_person(self) -> bool:
        """A person with some sign of being one, or who speaks (not "Labor Day" or "Midway Atoll");
        an unnamed person is one by what the article calls it."""
        return self.kind == ANONYMOUS or self.kind == PERSON and (self.evidence > 0 or self.speaks > 0) \
            and not self.is_place

    @property
    def is_place(self) -> bool:
        """A name the article uses as a place ("shares rose in Port Essen"), at least half of its
        mentions, with no sign of a person or a firm ("a stake in Acme Corp") and never saying
        anything: never a speaker.
        ("Vantaa said" speaks: a capital standing for its government is an organisation.)"""
        return (self.places > 0 and 2 * self.places >= len(self.starts) and self.kind != ANONYMOUS
                and self.evidence == 0 and self.speaks == 0 and not self.roles
                and not (self.words[-1] in FIRM_TAILS or self.words[0] in ORG_HEADS or canonical(" ".join(self.words))))

    def mentioned_before(self, pos: int) -> int:
        """Offset of the last mention before pos (-1 when none)."""
        i = bisect.bisect_left(self.starts, pos)
        return self.starts[i - 1] if i else -1


@dataclass(frozen=True)
class Resolved:
    """A mention resolved: the entity's name, its kind, and how sure the resolution is."""

    name: str
    kind: Optional[str]
    confidence: float
    entity: Optional[Entity] = None


class Entities:
    """The people and organisations of one article (found on the first look-up)."""

    def __init__(self, text: str, paras: Optional[list[tuple[int, int]]] = None):
        """Remember the text (and its paragraphs, when known); nothing is scanned yet."""
        self.text = text
        self.paras = paras if paras is not None else paragraphs(text)
        self._entities: Optional[list[Entity]] = None

    @property
    def entities(self) -> list[Entity]:
        """Every entity, in the order they are first named."""
        if self._entities is None:
            self._scan()
        return self._entities

    # ---- building the table

    def _scan(self) -> None:
        """Find every name run once, make the entities of full names, index them."""
        text = self.text
        self._entities = []
        self.by_full: dict[tuple[str, str], Entity] = {}
        self.by_surname: dict[str, list[Entity]] = {}
        self.by_given: dict[str, list[Entity]] = {}
        self.by_org: dict[str, Entity] = {}
        self.by_single: dict[str, Entity] = {}
        self.singles: list[tuple[int, tuple[str, ...], tuple[str, ...]]] = []   # (start, words, role)
        # (start, end, name words, surface, its entity when a full name or an organisation)
        self.runs: list[tuple[int, int, tuple[str, ...], str, Optional[Entity]]] = []
        heads = headings(text, self.paras)
        titled = title_case_lines(text, self.paras)
        for a, b in titled:
            self._headline_people(a, b)
        for m in NAME_RUN.finditer(_without_caps_lines(text)):
            surface = m.group()
            if surface in NOT_NAME:
                continue                       # "The", "In", "He": most runs, and never a name
            if titled and inside(m.start(), titled):
                continue                       # "Hillary Clinton Goes After Donald Trump": one run
            heading = bool(heads) and inside(m.start(), heads)
            if heading and not first_name(surface.split()[0]):
                continue                       # a section heading is page furniture, not a name
            if " " not in surface and "\n" not in surface and surface[-1] != ")":
                self._one_word(m.start(), m.end(), surface)   # most runs: kept for look-ups, no more
                continue
            before = text[max(0, m.start() - 80):m.start()]
            surface, nick = clean_run(surface)
            role, words = split_cached(surface, before)
            if not words:
                continue
            title = title_before(before)
            titles = tuple(role) + ((title,) if title else ())
            e = self._add(m.start(), m.end(), words, titles, nick, surface, before)
            if not heading:                    # a headline names people, but is about no one
                self.runs.append((m.start(), m.end(), words, surface, e))
        for ents in (self.by_surname, self.by_given):
            for lst in ents.values():
                lst.sort(key=lambda e: e.starts[0])
        self.by_last: dict[str, list[Entity]] = {}
        for e in self.by_full.values():
            if key(e.words[-1]) != e.surname:
                self.by_last.setdefault(key(e.words[-1]), []).append(e)
        self._near: dict[str, list[Entity]] = {}
        self.lone: dict[str, list[tuple[int, str, tuple[str, ...]]]] = {}   # key -> (start, word, titles)
        for start, words, titles in self.singles:
            names = name_words(words)
            if len(names) == 1:
                self.lone.setdefault(key(names[0]), []).append((start, names[0], titles))
        self.run_starts = [r[0] for r in self.runs]

    def _headline_people(self, a: int, b: int) -> None:
        """In a Title Case line every word is capitalised, so runs say nothing: the people are a
        known first name, an initial perhaps, and the word after it ("Hillary Clinton")."""
        for m in _FIRST_AND_NEXT.finditer(self.text, a, b):
            words = tuple(POSSESSIVE.sub("", w) for w in m.group().split())
            if first_name(words[0]) and words[-1] not in NOT_NAME and not is_role_noun(words[-1]):
                self._add(m.start(), m.end(), words, (), [], m.group(), "")

    def _one_word(self, start: int, end: int, surface: str) -> None:
        """A run of one word: a lone name to look up later, unless it is a title, a role noun, an
        opener or a participle ("Sen", "Spokesman", "Besides", "Adding")."""
        word = POSSESSIVE.sub("", surface.strip("()")) if surface[-1] in "sS" else surface.strip("()")
        if not word or word in TITLES or word in OPENERS or is_role_noun(word) or is_participle(word) \
                or _PARTY_TAG.fullmatch(word):
            return
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
        if is_participle(word):
            return None
        e = self.by_single[k] = Entity(PERSON, (word,), "", k)
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
        return e

    def _add(self, start: int, end: int, words: tuple[str, ...], titles: tuple[str, ...],
             nick: list[str], surface: str, before: str) -> Optional[Entity]:
        """One name run: join it to its entity (or make one) and return it; a lone word waits
        for resolve (None)."""
        # "the Presidential Debates"; "Harry Lamb of Tucker Anthony": the firm a person is of
        aff = _AFFILIATION_BEFORE.search(before[-40:])
        aff = aff is not None and not (aff.group(1) in TITLES or is_role_noun(aff.group(1)))   # not "Secretary of"
        the = before.endswith(("the ", "The ")) and not titles or aff
        if (the or org_like(words)) and not any(t.rstrip(".") in MALE_TITLES | FEMALE_TITLES for t in titles):
            while len(words) > 1 and words[-1].islower():
                words = words[:-1]             # "the Water Board on Friday": "on" joined no name
            k = " ".join(key(w) for w in words)
            e = self.by_org.get(k) or self._org_tail(words)
            if e is None:
                e = Entity(ORGANIZATION, words)
                self._entities.append(e)
            self.by_org[k] = e
            e.starts.append(start)
            e.places += at_place(self.text, start, surface)
            return e
        names = name_words(words)
        if len(names) < 2 or not (looks_like_person(words) or first_name(words[0])
                                  or any(t.rstrip(".") in TITLES for t in titles)):
            self.singles.append((start, words, titles))
            return None
        given, sur = key(names[0]), key(names[-1])
        e = self.by_full.get((given, sur))
        if e is None:                          # "Bobby Scott" after Robert C. "Bobby" Scott
            e = next((x for x in self.by_surname.get(sur, ()) if given in x.nicknames), None)
        if e is None and len(names) == 2:      # "Suu Kyi" after Aung San Suu Kyi
            e = self._tail(names)
        if e is None:
            e = Entity(PERSON, words, given, sur)
            self.by_full[(given, sur)] = e
            self.by_surname.setdefault(sur, []).append(e)
            self.by_given.setdefault(given, []).append(e)
            self._entities.append(e)
        elif len(words) > len(e.words):
            e.words = words                    # "Charles B. Rangel" after "Charles Rangel"
        e.starts.append(start)
        e.places += at_place(self.text, start, surface)
        e.nicknames.update(key(n) for n in nick)
        for n in nick:
            self.by_given.setdefault(key(n), []).append(e)
        e.evidence += bool(nick) + first_name(names[0])
        self._learn(e, titles, words, surface, before, end)
        return e

    def _org_tail(self, words: tuple[str, ...]) -> Optional[Entity]:
        """The one organisation named before whose name ends with these words (two or more): "the
        Water Board" after "the Lake Ordo Water Board"; None if none or several."""
        if len(words) < 2:
            return None
        tail = tuple(key(w) for w in words)
        found = {id(e): e for e in self.by_org.values()
                 if len(e.words) > len(words) and tuple(key(w) for w in e.words[-len(words):]) == tail}
        return next(iter(found.values())) if len(found) == 1 else None

    def _learn(self, e: Entity, titles: tuple[str, ...], words: tuple[str, ...], surface: str,
               before: str, end: int) -> None:
        """Gender and roles from the titles and words around one mention of a person."""
        title = titles[-1].rstrip(".") if titles else ""
        if title in MALE_TITLES or title in FEMALE_TITLES:
            e.gender, e.strong_gender = ("m" if title in MALE_TITLES else "f"), True
        elif not e.gender:
            e.gender = gender_of(words)
        for t in titles:
            e.roles.add(t.rstrip(".").lower())
            e.evidence += t.rstrip(".") in TITLES
        text = self.text
        if len(e.starts) > 3:
            return                             # roles come with the first mentions
        nouns = []
        last = before[-30:].split()[-1:] if before[-1:].isspace() else []
        if last and last[0].isalpha() and last[0].islower():
            nouns.append(last[0])              # "spokeswoman Jane Doe"
        said = []
        nxt = text[end:end + 4]
        if nxt[:1] == ",":                     # ", the network's host," / ", president of ..."
            bare = _BARE_APPOSITION.match(text, end, min(len(text), end + 40))
            if bare and is_role_noun(bare.group(1)):
                nouns.append(bare.group(1))
            m = _APPOSITION.match(text, end, min(len(text), end + 100))
        else:                                  # "hired Ada Park as spokeswoman"
            m = _AS_ROLE.match(text, end, min(len(text), end + 80)) if nxt == " as " else None
        if m:
            said.extend(_LOWER_WORD.findall(m.group(1).split(" of ")[0].split(" for ")[0])[:8])
        e.roles.update(w for w in said if w not in TITLE_SMALL_WORDS)
        for n in nouns + said:
            if is_role_noun(n) or n in ROLE_NOUNS or n in MALE_NOUNS or n in FEMALE_NOUNS:
                e.roles.add(n)
                e.evidence += 1
            if n in MALE_NOUNS or n in FEMALE_NOUNS:
                e.gender, e.strong_gender = ("m" if n in MALE_NOUNS else "f"), True

    # ---- look-ups

    def resolve(self, words: tuple[str, ...], pos: int, surface: str = "") -> Resolved:
        """The entity a name mention at pos refers to (see the module docstring)."""
        if self._entities is None:
            self._scan()
        names = name_words(words)
        if not names:
            return Resolved(clean_display(words), None, 0.5)
        org = self.by_org.get(" ".join(key(w) for w in words))
        if org is not None and not org_like(words):
            return Resolved(org.name, ORGANIZATION, 0.85, org)    # "the Italian Treasury" elsewhere
        if org_like(words):
            e = self._org_prefix(words) or org
            return Resolved(e.name if e else clean_display(words), ORGANIZATION, 0.9, e)
        if len(names) >= 2:
            e = self.by_full.get((key(names[0]), key(names[-1])))
            if e is not None:
                return Resolved(e.name, PERSON, 0.95, e)
            tail = self._tail(names)
            if tail is not None:
                return Resolved(tail.name, PERSON, 0.85, tail)
            nick = [e for e in self.by_surname.get(key(names[-1]), ()) if key(names[0]) in e.nicknames]
            if len(nick) == 1:
                return Resolved(nick[0].name, PERSON, 0.9, nick[0])
            return Resolved(clean_display(words), PERSON, 0.9)
        return self._single(names[0], pos, surface)

    def _single(self, word: str, pos: int, surface: str) -> Resolved:
        """A lone surname or first name: the entity that carries it, the nearest one if several."""
        k = key(word)
        cands = self.by_surname.get(k) or self._tail_entities(k)
        if not cands:
            cands = self.by_given.get(k, [])
            if len(cands) == 1 and not first_name(word) and cands[0].evidence == 0:
                # people are named again by their surname, firms by their first word: "Peabody
                # Energy ... Peabody said" is an organisation
                cands[0].kind = ORGANIZATION
                return Resolved(cands[0].name, ORGANIZATION, 0.85, cands[0])
        if not cands:
            cands = self._near_surname(k)
        if not cands:
            e = self._org_prefix((word,))
            if e is not None:                                       # "Acme" -> "Acme Widgets Inc"
                return Resolved(e.name, ORGANIZATION, 0.85, e)
        if not cands and word.isupper() and len(word) > 1:
            e = self._acronym(word)
            if e is not None:
                return Resolved(e.name, ORGANIZATION, 0.85, e)     # "IMF" -> International Monetary Fund
        if not cands:
            e = self._lone_entity(k)
            if e is not None:
                return Resolved(e.name, PERSON, 0.85, e)
        if not cands:
            return Resolved(clean_display((word,)), self._single_kind(word), 0.7)
        if len(cands) == 1:
            return Resolved(cands[0].name, cands[0].kind, 0.9, cands[0])
        g = gender_of((word,), surface)
        if g:
            same = [e for e in cands if e.gender == g or e.gender is None]
            if len(same) == 1:
                return Resolved(same[0].name, PERSON, 0.85, same[0])
            cands = same or cands
        best = max(cands, key=lambda e: (self._salience(e, pos), -e.starts[0]))
        return Resolved(best.name, PERSON, 0.6, best)

    def _salience(self, e: Entity, pos: int) -> float:
        """How much the text before pos is about e: how often it was named, and how recently."""
        i = bisect.bisect_left(e.starts, pos)
        return i + (1.5 / (1.0 + (pos - e.starts[i - 1]) / 400.0) if i else 0.0)

    def _tail(self, names: list[str]) -> Optional[Entity]:
        """The one person whose name ends with these words ("Suu Kyi" -> "Aung San Suu Kyi")."""
        ks = [key(w) for w in names]
        found = [e for e in self.by_full.values()
                 if len(e.words) > len(ks) and [key(w) for w in e.words[-len(ks):]] == ks]
        return found[0] if len(found) == 1 else None

    def _tail_entities(self, k: str) -> list[Entity]:
        """People whose name ends with this word though their surname key is another word."""
        return self.by_last.get(k, [])

    def _near_surname(self, k: str) -> list[Entity]:
        """A surname misspelt by one letter ("McLenney" for "McClenney"), if only one person fits."""
        if len(k) < 5:
            return []
        found = self._near.get(k)
        if found is None:
            found = [e for s, lst in self.by_surname.items() if abs(len(s) - len(k)) <= 1 and one_edit(s, k)
                     for e in lst]
            found = self._near[k] = found if len(found) == 1 else []
        return found

    def _org_prefix(self, words: tuple[str, ...]) -> Optional[Entity]:
        """The one organisation whose name starts with these words ("Peabody" -> "Peabody Energy")
        or of which they are a known short form ("the Times" -> "The New York Times")."""
        ks = [key(w) for w in words]
        c = canonical(" ".join(words))
        found = [e for e in self.by_org.values() if len(e.words) > len(ks) and (
                 [key(w) for w in e.words[:len(ks)]] == ks or c and canonical(" ".join(e.words)) == c)]
        return found[0] if len(found) == 1 else None

    def _acronym(self, word: str) -> Optional[Entity]:
        """The one organisation whose capitalised words have these initials ("IMF")."""
        want = word.replace(".", "")
        found = [e for e in self.by_org.values()
                 if len(e.words) == len(want) > 1 and "".join(w[0] for w in e.words if w[:1].isupper()) == want]
        return found[0] if len(found) == 1 else None

    def _single_kind(self, word: str) -> Optional[str]:
        """A lone word no full name carries: an acronym or an organisation word is an organisation,
        and one that the organisation table starts with is that organisation."""
        if word.isupper() and len(word) > 1 or word in ORG_WORDS:
            return ORGANIZATION
        return PERSON

    def carries(self, word: str) -> bool:
        """Whether a person of the table has this word as surname ("King" of Martin Luther King)."""
        if self._entities is None:
            self._scan()
        return key(word) in self.by_surname

    def org_starting(self, word: str) -> Optional[Entity]:
        """The one organisation whose name starts with word."""
        return self._org_prefix((word,))

    def people(self) -> list[Entity]:
        """The persons of the table."""
        return [e for e in self.entities if e.kind == PERSON]
