"""The records of an article's entity table: one `Entity` (a person or an organisation, with what
the article says about it) and a `Resolved` mention; and `at_place`, whether a name stands where a
place does ("in Leeds", a dateline), which decides whether an entity is a place.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from typing import Optional

from ..lexicon import FIRM_TAILS, ORG_HEADS, PEERAGES, PLACE_PREPOSITIONS, TITLE_NOUNS
from .media import canonical
from .namekeys import clean_display

PERSON, ORGANIZATION = "person", "organization"
# `Entity.name` is read for every mention resolved; the display form of the same words is kept
_display = functools.lru_cache(maxsize=1 << 14)(clean_display)
ANONYMOUS = "anonymous"              # an unnamed person ("a Western banker"): a candidate that names nobody
# where a place stands: "in Leeds", "near the Port Essen border" (lexicon.PLACE_PREPOSITIONS)
_PLACE_BEFORE = re.compile(r"(?<![\w'’-])(?:" + "|".join(sorted(PLACE_PREPOSITIONS)) + r")\s+(?:the\s+)?$",
                           re.IGNORECASE)
_PLACE_ENDS = tuple(sorted(PLACE_PREPOSITIONS)) + ("the",)
_PLACE_OPENS = re.compile(r"(?:In|Near|Outside|Across|Throughout)\s+(?:the\s+)?[A-Z]")
_PLACE_OPENERS = frozenset("INOAT")          # the letters _PLACE_OPENS can start with (most names: none)
# the state or country after a place: "in Aurora, Colorado"
_PLACE_THEN = re.compile(r"(?<![\w'’-])(?:" + "|".join(sorted(PLACE_PREPOSITIONS))
                         + r")\s+[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?,\s$")
_DATELINE_AFTER = re.compile(r"\s*(?:,|\(\w+\)\s*[-—–]|[-—–])")


def at_place(text: str, start: int, surface: str) -> bool:
    """Whether the name run at start stands where a place does: after "in", "near", "outside" ...
    ("shares rose in Port Essen", "In Leeds, ...", "in Aurora, Colorado"; not "in Acme's plan"), or
    as a dateline (a name in capitals opening a paragraph, then a comma or a dash: "LEEDS, May 3 -")."""
    if surface.endswith(("'s", "’s")) or text.startswith(("'s", "’s"), start + len(surface)):
        return False
    near = text[max(0, start - 14):start]
    # (the search only where the words before can end as it needs: a preposition or "the", in
    # any case -- read only in plain ASCII, where lower() is the pattern's IGNORECASE)
    if (not near.isascii() or near.rstrip().lower().endswith(_PLACE_ENDS)) \
            and _PLACE_BEFORE.search(text, max(0, start - 14), start) \
            or text[start:start + 1] in _PLACE_OPENERS and _PLACE_OPENS.match(text, start) \
            or text[start - 2:start - 1] == "," and _PLACE_THEN.search(text, max(0, start - 40), start):
        return True
    return surface.isupper() and (start == 0 or text[start - 1] == "\n" or text[max(0, start - 4):start].isspace()) \
        and bool(_DATELINE_AFTER.match(text, start + len(surface)))


# the offices a title abbreviation names ("senator", "governor"): roles a description agrees with
OFFICES = frozenset(n for nouns in TITLE_NOUNS.values() for n in nouns)


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
        name = _display(tuple(self.words))
        if self.kind == ORGANIZATION and canonical(name) == "The " + name:
            return "The " + name
        if self.kind == PERSON and len(self.words) == 1 and self.roles:
            peer = next((t.capitalize() for t in sorted(self.roles) if t.capitalize() in PEERAGES), None)
            if peer:
                return f"{peer} {name}"            # "Lord Harwood": no first name given, the title is his name
        return name

    def other_office(self, noun: str) -> bool:
        """Whether the titles the article gives this person ("Gov. Tim Vole", "Tim Vole, the
        governor") name an office, and not the one `noun` names ("senator"): then "the senator"
        does not mean them. A person of no known office may be anyone."""
        if noun not in OFFICES:
            return False
        held = {n for r in self.roles for n in TITLE_NOUNS.get(r.capitalize(), ())} | (self.roles & OFFICES)
        return bool(held) and noun not in held

    def disagrees(self, kind: str) -> bool:
        """Whether its known gender contradicts a pronoun's ("m", "f"; "?" agrees with anyone)."""
        return kind in ("m", "f") and self.gender is not None and self.gender != kind

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


def campaign_of(r: Resolved) -> Resolved:
    """The campaign of the person r resolved to: "Ted Cruz" -> "Ted Cruz campaign"."""
    return Resolved(f"{r.name} campaign", ORGANIZATION, min(r.confidence, 0.7), None)
