"""Entities of one article that are one person named two ways, merged once the scan has made them:
"De Vorse:" in a headline and "Mayor Tom de Vorse" (a surname with its particle, capitalised), "Ken
Vale" and "Kenneth Vale" (a first name that begins another); and a first name that shares the
surname of the full name it is joined to ("Ann and Ivo Lee"). `Merging` is the part of
`entities.Entities` that does this, over the indexes `Entities` builds.
"""
from __future__ import annotations

import bisect
import re

from ..lexicon import PARTICLES
from .entity import Entity
from .namekeys import key
from .names import first_name


# after a first name: "and", a first name and a surname ("Ann and Ivo Lee")
_AND_FULL_NAME = re.compile(r"\s+and\s+([A-Z][\w'’-]+)\s+([A-Z][\w'’-]+)(?![\w'’-])")


class Merging:
    """The merges of the entity table; mixed into `entities.Entities`, whose indexes they change."""

    def _join_particle_surnames(self) -> None:
        """"De Blasio: ..." (a headline, or a sentence's first words) before "Mayor Bill de
        Blasio": a surname with its particle, capitalised, is the one person whose full name ends
        with it, not someone with the first name "De"."""
        for (given, sur), e in list(self.by_full.items()):
            if given not in PARTICLES or len(e.words) != 2 or first_name(e.words[0]):
                continue
            full = [f for f in self.by_surname.get(sur, ()) if f is not e and len(f.words) > 2
                    and key(f.words[-2]).lower() == given]
            if len(full) != 1:
                continue
            self._merge(e, full[0])

    def _join_short_given_names(self) -> None:
        """"Ken Vale" and "Kenneth Vale" in one article are one person, named by the longer form:
        a first name of three letters or more that begins another with the same surname, when
        their genders do not differ and no paragraph names both ("Dana Vale met her brother Dan
        Vale")."""
        starts = [a for a, _ in self.paras]

        def paras(e: Entity) -> set:
            """The paragraphs that name e."""
            return {bisect.bisect(starts, s) for s in e.starts}

        for sur, people in list(self.by_surname.items()):
            for e in list(people):
                longer = [f for f in people if f is not e and len(e.given) >= 3 and len(f.given) > len(e.given)
                          and f.given.startswith(e.given) and not (e.gender and f.gender and e.gender != f.gender)
                          and not paras(e) & paras(f)]
                if len(longer) == 1 and e in people:
                    self._merge(e, longer[0])

    def _join_coordinated_given_names(self) -> None:
        """"Ann and Ivo Lee": a known first name named alone and joined by "and" to a person's full
        name shares its surname: one more person, not a lone "Ann"."""
        text, keep, made = self.text, [], {}
        for start, words, titles in self.singles:
            m = _AND_FULL_NAME.match(text, start + len(words[0])) if len(words) == 1 and first_name(words[0]) else None
            if m is None or (key(m.group(1)), key(m.group(2))) not in self.by_full:
                keep.append((start, words, titles))
                continue
            made[start] = self._add(start, start + len(words[0]), (words[0], m.group(2)), titles, [], words[0],
                                    text[max(0, start - 80):start])
        self.singles = keep
        if made:                               # (the run of each such first name now names its person)
            self.runs = [(*r[:4], made[r[0]]) if r[0] in made else r for r in self.runs]

    def _merge(self, e: Entity, into: Entity) -> None:
        """Entity e is `into`, named another way: one entity with the mentions and signs of both."""
        f = into
        f.starts = sorted(f.starts + e.starts)
        f.places += e.places
        f.evidence += e.evidence
        f.speaks += e.speaks
        f.roles |= e.roles
        f.nicknames |= e.nicknames
        if not f.gender:
            f.gender, f.strong_gender = e.gender, e.strong_gender
        self.by_full[(e.given, e.surname)] = f
        self.by_surname[e.surname].remove(e)
        self.by_given[e.given].remove(e)
        self.by_given.setdefault(e.given, []).append(f)
        self._entities.remove(e)
        self.runs = [r if r[4] is not e else (*r[:4], f) for r in self.runs]
