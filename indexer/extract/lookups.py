"""Look-ups in an article's entity table: which entity a name mention at a given place refers to.

`resolve(words, pos)` turns a name mention into an entity: a full name is its own; a surname, a
first name or the tail of a longer name ("Suu Kyi") is the entity that carries it, and when
several do (Hillary and Bill Clinton), the title (Mrs./Mr.), then which of them the text around
`pos` is about and which the article named first, decides, with a lower confidence. `Lookups` is
the part of `entities.Entities` that does this, over the indexes (`by_full`, `by_surname`,
`by_given`, `by_org` ...) that `Entities` builds.
"""
from __future__ import annotations

import bisect
import itertools
from typing import Optional

from rapidfuzz.distance import OSA

from ..lexicon import COUNTRIES, FIRM_TAILS, MEDIA_HEADS, ORG_KINDS, ORG_WORDS, PERSONAL_TITLES, TITLES
from .entity import ORGANIZATION, PERSON, Entity, Resolved
from .media import canonical
from .namekeys import clean_display, key, name_words
from .names import first_name, gender_of, initials, is_participle, nation_only, org_like

FIRST_NAMED = 1.5        # of people sharing a surname, what the one named first adds (see _single) ...
JUST_NAMED = 200         # ... unless another was named this many characters before
# how many full namings count for salience: past two they say less about who a bare surname means
# (news names the other one of a family in full each time: "Ivo Dane ... Ivo Dane ... Dane said")
NAMINGS_COUNTED = 2
Found = tuple[str, Optional[str], float, Optional[Entity]]     # a look-up's (name, kind, confidence, entity)


def _middle(names: list[str]) -> str:
    """The key of the middle one of three name words that is no first name ("" otherwise)."""
    return key(names[1]) if len(names) == 3 and not first_name(names[1]) else ""


_TITLE_KEYS = frozenset(key(t) for t in TITLES)


class Lookups:
    """The look-ups of the entity table; mixed into `entities.Entities`, whose indexes they read."""

    def resolve(self, words: tuple[str, ...], pos: int, surface: str = "") -> Resolved:
        """The entity a name mention at pos refers to (see the module docstring)."""
        name, kind, confidence, e = self._look_up(words, pos, surface)
        return Resolved(name if e is None else e.name, kind, confidence, e)

    def entity_at(self, words: tuple[str, ...], pos: int, surface: str = "") -> Optional[Entity]:
        """The entity of `resolve` (the same look-up, the same changes to the table) without its
        display name, made for nothing where only the entity is read (salience's mentions)."""
        return self._look_up(words, pos, surface)[3]

    def _look_up(self, words: tuple[str, ...], pos: int, surface: str) -> Found:
        """(name, kind, confidence, entity) of `resolve`, the name "" when it is the entity's."""
        if self._entities is None:
            self._scan()
        names = name_words(words)
        if not names:
            return clean_display(words), None, 0.5, None
        titled = self._titled_org(words, pos)
        if titled is not None:                # "General Motors said": the firm, not General Motors
            return "", ORGANIZATION, 0.9, titled
        defined = self.acronyms.get(words[-1]) if len(words) == 1 else None
        if defined is not None:               # "MHTI" after "Ministry of ... (MHTI)"
            if pos not in defined.starts:
                bisect.insort(defined.starts, pos)
            return "", ORGANIZATION, 0.9, defined
        org = self.by_org.get(key(words[0]) if len(words) == 1 else " ".join(map(key, words)))
        if org is not None and not org_like(words):
            return "", ORGANIZATION, 0.85, org    # "the Italian Treasury" elsewhere
        if len(names) == 1 and key(names[0]) in self.by_surname:
            return self._single(names[0], pos, surface)   # "German said" after Ivo German
        if org_like(words):
            e = self._org_prefix(words) or org or (self._org_tail(words) if len(words) == 1 else None)
            if e is None and (nation_only(words) or len(words) == 1 and words[0].lower() in ORG_KINDS):
                return clean_display(words), None, 0.5, None   # "Japanese", "Americans", "the
                                                               # Exchange" of two: no one
            if e is None:                      # "Google said": an organisation of one word, named
                e = self.by_org[" ".join(map(key, words))] = Entity(ORGANIZATION, words)
                self._entities.append(e)
            if pos not in e.starts:
                bisect.insort(e.starts, pos)
            return "", ORGANIZATION, 0.9, e
        if len(names) >= 2:
            e = self.by_full.get((key(names[0]), key(names[-1])))
            if e is not None:
                return "", PERSON, 0.95, e
            tail = self._tail(names)
            if tail is not None:
                return "", PERSON, 0.85, tail
            nick = [e for e in self.by_surname.get(key(names[-1]), ()) if key(names[0]) in e.nicknames]
            if len(nick) == 1:
                return "", PERSON, 0.9, nick[0]
            return clean_display(words), PERSON, 0.9, None
        return self._single(names[0], pos, surface)

    def people_named_in(self, spans) -> set:
        """The people the article names in full whom these spans of the text (a quote's pieces) name,
        in full or by the one surname or first name they alone carry (a look-up that, unlike
        `resolve`, leaves the table as it is)."""
        if self._entities is None:
            self._scan()
        out = set()
        for a, b in spans:
            i = bisect.bisect_left(self.run_starts, a)   # (the runs the scan read there, not read again)
            while i < len(self.runs) and self.runs[i][0] < b:
                names = name_words(self.runs[i][2])
                i += 1
                if len(names) > 1:
                    e = self.by_full.get((key(names[0]), key(names[-1])))
                else:
                    same = self.by_surname.get(key(names[0]), ()) or self.by_given.get(key(names[0]), ()) \
                        if names else ()
                    e = same[0] if len(same) == 1 else None
                if e is not None and e.kind == PERSON:
                    out.add(e)
        return out

    def _single(self, word: str, pos: int, surface: str) -> Found:
        """A lone surname or first name: the entity that carries it, the nearest one if several (as
        `_look_up` gives it)."""
        k = key(word)
        cands = self.by_surname.get(k) or self._tail_entities(k)
        if not cands:
            cands = self.by_given.get(k, [])
            if len(cands) == 1 and not first_name(word) and cands[0].evidence == 0:
                # people are named again by their surname, firms by their first word: "Peabody
                # Energy ... Peabody said" is an organisation
                cands[0].kind = ORGANIZATION
                return "", ORGANIZATION, 0.85, cands[0]
        if not cands:
            cands = self._near_surname(k) or self._first_surname(k)
        if not cands:
            e = self._org_prefix((word,))
            if e is not None:                                       # "Acme" -> "Acme Widgets Inc"
                return "", ORGANIZATION, 0.85, e
        if not cands and word.isupper() and len(word) > 1:
            e = self._acronym(word)
            if e is not None:
                return "", ORGANIZATION, 0.85, e     # "IMF" -> International Monetary Fund
        family = self.by_surname.get(k[:-1], ()) if not cands and k.endswith("s") else ()
        if len(family) > 1:                  # "the Koethers said": the people of that surname, together
            return " and ".join(e.name for e in family), PERSON, 0.6, None
        if not cands:
            e = self._lone_entity(k)
            if e is not None:
                return "", e.kind, 0.85, e
        if not cands:
            return clean_display((word,)), self._single_kind(word), 0.7, None
        if len(cands) == 1:
            return "", cands[0].kind, 0.9, cands[0]
        g = gender_of((word,), surface)
        if g:
            same = [e for e in cands if e.gender == g or e.gender is None]
            if len(same) == 1:
                return "", PERSON, 0.85, same[0]
            agree = [e for e in same if e.gender == g]
            # "Mary and Ivo Lund ... Mrs Lund": the one known to agree (not over "Viktor" beside
            # "Victor": one first name spelt two ways)
            if len(agree) == 1 and not any(OSA.distance(e.given, agree[0].given) <= 1 for e in same if e is not agree[0]):
                return "", PERSON, 0.75, agree[0]
            cands = same or cands
        # news names the main one of a family first and most often, the others in full each time
        # ("Hillary Clinton ... Bill Clinton's affairs ... Clinton said" is Hillary): that one, with
        # a first name, weighs FIRST_NAMED more, unless another was named just before ("Serena
        # Williams won. "...," Williams said")
        first = min(e.starts[0] for e in cands)

        def named_first(e: Entity) -> float:
            """FIRST_NAMED for the one named first, with a first name, when no other was just named."""
            if e.starts[0] != first or not first_name(e.words[0]):
                return 0.0
            others = (o.mentioned_before(pos) for o in cands if o is not e)
            return 0.0 if any(0 <= at and pos - at <= JUST_NAMED for at in others) else FIRST_NAMED

        best = max(cands, key=lambda e: (self._salience(e, pos) + named_first(e), -e.starts[0]))
        return "", PERSON, 0.6, best

    def _salience(self, e: Entity, pos: int) -> float:
        """How much the text before pos is about e: how often it was named in full (up to
        NAMINGS_COUNTED), and how recently."""
        i = bisect.bisect_left(e.starts, pos)
        return min(i, NAMINGS_COUNTED) + (1.5 / (1.0 + (pos - e.starts[i - 1]) / 400.0) if i else 0.0)

    def _tail(self, names: list[str]) -> Optional[Entity]:
        """The one person whose name ends with these words ("Suu Kyi" -> "Aung San Suu Kyi")."""
        ks = tuple(map(key, names))
        found = [e for e in self.by_full.values() if len(e.words) > len(ks) and self.keys_of(e)[-len(ks):] == ks]
        return found[0] if len(found) == 1 else None

    def _tail_entities(self, k: str) -> list[Entity]:
        """People whose name ends with this word though their surname key is another word."""
        return self.by_last.get(k, [])

    def _near_surname(self, k: str) -> list[Entity]:
        """A surname misspelt by one letter or two swapped ("McLenney" for "McClenney", "Kovda" for
        "Kodva"), if only one person fits."""
        if len(k) < 5:
            return []
        found = self._near.get(k)
        if found is None:
            found = [e for s, lst in self.by_surname.items()
                     if abs(len(s) - len(k)) <= 1 and OSA.distance(s, k, score_cutoff=1) <= 1   # a swap is one edit
                     for e in lst]
            found = self._near[k] = found if len(found) == 1 else []
        return found

    def _first_surname(self, k: str) -> list[Entity]:
        """The one person of three name words whose middle word this is, when no one has it as
        surname: the first of two surnames ("Javier Nogales Iturri ... Nogales said")."""
        if self._middles is None:                # (built on the first need: most articles never ask)
            self._middles = {}
            for e in {id(e): e for e in self.by_full.values()}.values():   # (one entity may sit under two keys)
                if e.kind == PERSON and not is_participle(e.words[-1]) and e.words[-1] not in MEDIA_HEADS:
                    self._middles.setdefault(_middle(name_words(e.words)), []).append(e)   # (not "Speaking", "Show")
        found = self._middles.get(k, []) if k else []
        return found if len(found) == 1 else []

    def _titled_org(self, words: tuple[str, ...], pos: int) -> Optional[Entity]:
        """The organisation named by a title word right before pos and these words, when the
        article names it in full ("General Motors" after "General Motors Corp"); None otherwise."""
        if not self.by_org or not self.text[pos - 1:pos].isspace():
            return None
        if not self.titled_orgs():
            return None                        # (most articles: no organisation opens with a title word)
        lead = self.text[max(0, pos - 12):pos - 1].rsplit(None, 1)[-1:]
        if not lead or lead[0] not in TITLES or lead[0] in PERSONAL_TITLES:
            return None
        whole = (lead[0],) + words
        return self.by_org.get(" ".join(map(key, whole))) or self._org_prefix(whole)

    def _org_prefix(self, words: tuple[str, ...]) -> Optional[Entity]:
        """The one organisation whose name starts with these words ("Peabody" -> "Peabody Energy")
        or of which they are a known short form ("the Times" -> "The New York Times")."""
        ks = tuple(map(key, words))
        c = canonical(" ".join(words))
        # with no short form to compare, only a name opening with the first word can match: look it up
        orgs = self.organisations() if c else self.org_ends().get(ks[0], ())
        found = [e for e in orgs if len(e.words) > len(ks) and (
                 self.keys_of(e)[:len(ks)] == ks or c and canonical(" ".join(e.words)) == c)]
        if not found and len(words) == 1 and words[0] not in ORG_WORDS and words[0] not in FIRM_TAILS:
            found = self._firm_word(ks[0])   # "Kodak" -> "Eastman Kodak Co"
        return found[0] if len(found) == 1 else None

    def _firm_word(self, k: str) -> list[Entity]:
        """The firms whose name holds this word between its first word and its tail ("Kodak" of
        "Eastman Kodak Co"), from an index built on the first need (the scan has made every firm)."""
        if self._firm_words is None:
            self._firm_words = {}
            for e in self.organisations():
                if len(e.words) > 2 and e.words[-1] in FIRM_TAILS:
                    for w in {key(w) for w in e.words[1:-1]}:
                        self._firm_words.setdefault(w, []).append(e)
        return self._firm_words.get(k, [])

    def organisations(self) -> list[Entity]:
        """Each organisation of the table once (the table keys some under two names: "the
        Commission" and its full name)."""
        n = len(self.by_org)
        if self._orgs is None or self._orgs[0] != n:
            # keys are only ever added, each with the entity it keeps, and an organisation's words
            # never change: only the keys added since the last call are read (the scan asks after
            # each run), the organisations, their ends and `titled` as a full reading would make them
            n0, orgs, ends, titled = self._orgs if self._orgs is not None else (0, [], {}, False)
            seen = self._org_ids
            for k, e in itertools.islice(self.by_org.items(), n0, None):
                titled = titled or k.split(" ", 1)[0] in _TITLE_KEYS
                if id(e) in seen:
                    continue
                seen.add(id(e))
                orgs.append(e)
                ks = self.keys_of(e)
                ends.setdefault(ks[0], []).append(e)     # first or last word's key -> organisations
                if ks[0] == "the" and len(ks) > 2:
                    ends.setdefault(ks[1], []).append(e)   # "The World Bank" opens with "World" too
                if ks[-1] != ks[0]:
                    ends.setdefault(ks[-1], []).append(e)
                # whether any organisation's name (or a key of the table) opens with a title word
                titled = titled or ks[0] in _TITLE_KEYS
            self._orgs = (n, orgs, ends, titled)
        return self._orgs[1]

    def org_ends(self) -> dict[str, list[Entity]]:
        """The organisations by the key of their name's first and of its last word."""
        if self._orgs is None or self._orgs[0] != len(self.by_org):   # (most calls: read as they stand)
            self.organisations()
        return self._orgs[2]

    def titled_orgs(self) -> bool:
        """Whether any organisation's name (or a key of the table) opens with a title word."""
        if self._orgs is None or self._orgs[0] != len(self.by_org):
            self.organisations()
        return self._orgs[3]

    def keys_of(self, e: Entity) -> tuple[str, ...]:
        """The keys of an entity's name words, made once for each form of its name."""
        got = self._name_keys.get(id(e))
        if got is None or got[0] is not e.words:
            got = self._name_keys[id(e)] = (e.words, tuple(map(key, e.words)))
        return got[1]

    def _acronym(self, word: str) -> Optional[Entity]:
        """The one organisation whose capitalised words have these initials ("IMF")."""
        want = word.replace(".", "")
        # (small words skipped: "Securities and Exchange Commission"; "UK Independence Party": UKIP)
        orgs = self.organisations()
        found = [e for e in orgs if len(want) > 1 and initials(e.words) == want]
        if not found:                          # "General Harbour Utilities Corp ... GHU said": no "Corp"
            found = [e for e in orgs if len(want) > 1 and len(e.words) > 2
                     and e.words[-1] in FIRM_TAILS and initials(e.words[:-1]) == want]
        if not found and len(want) >= 3:      # "Northern Court of Appeal for Games": CAG
            found = [e for e in orgs if initials(e.words).endswith(want)]
        return found[0] if len(found) == 1 else None

    def _single_kind(self, word: str) -> Optional[str]:
        """A lone word no full name carries: an acronym or an organisation word is an organisation,
        and one that the organisation table starts with is that organisation."""
        if word.isupper() and len(word) > 1 or word in ORG_WORDS or word in COUNTRIES:
            return ORGANIZATION
        return PERSON

    def carries(self, word: str) -> bool:
        """Whether a person of the table has this word as surname ("King" of Martin Luther King)."""
        if self._entities is None:
            self._scan()
        return key(word) in self.by_surname

    def org_around(self, words: tuple[str, ...], start: int, end: int) -> Optional[Entity]:
        """The organisation the scan read as one name over a mention (words at start:end) and further
        back: a phrase read back from a cue stops at "and" or "of" ("... Cooperation and Development
        said"), a run of the scan joins them when the name's last word or an acronym says so; None
        if none, or if the words alone name a body the article names apart ("Labour and the Tories")."""
        if self._entities is None:
            self._scan()
        i = bisect.bisect_left(self.run_starts, start) - 1
        if i < 0 or self.runs[i][1] != end or self.runs[i][4] is None \
                or not self.text[self.runs[i][0]:start].endswith((" and ", " of ", " & ")):
            return None
        e, alone = self.runs[i][4], self.by_org.get(" ".join(map(key, words)))
        return e if e.kind == ORGANIZATION and e.words[-len(words):] == words and alone in (None, e) else None

    def org_starting(self, word: str) -> Optional[Entity]:
        """The one organisation whose name starts with word."""
        return self._org_prefix((word,))

    def people(self) -> list[Entity]:
        """The persons of the table."""
        return [e for e in self.entities if e.kind == PERSON]
