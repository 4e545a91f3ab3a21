"""Descriptions to entities: "the senator", "the spokeswoman", "the company", "the IMF report".

A description resolves to the entity the article introduced with that role or kind (an
apposition "Ann Ruiz, the network's host", "Acme Mining ... the company"), to the organisation that
issued a document ("the circular states"), or to an unnamed person ("a senior official": no
speaker); a person noun with no such entity goes by salience, as a pronoun would. `Describing` is
the part of `salience.Salience` that does this: it reads the mentions and the entity table that
`Salience` keeps.
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from ..lexicon import (COUNTRIES, DEMONYMS, DOCUMENT_NOUNS, FEMALE_NOUNS, MALE_NOUNS, MEDIA_HEADS, ORG_KINDS,
                       PERSON_NOUNS, PUBLICATION_NOUNS, SOURCE_NOUNS, TITLES)
from .documents import document_head, issuer
from .entity import ANONYMOUS, ORGANIZATION, PERSON, Entity, Resolved
from .media import canonical
from .names import is_role_noun, nation_only
from .unnamed import INDEFINITE, POSSESSIVE_PRONOUNS, UNNAMED_WORDS, head_gender, possessive

# How much one mention makes its entity salient (read by `salience`, and here by the look-ups of
# who spoke): the one who says something; the subject of its sentence; any other mention.
AGENT, SUBJECT, OTHER = 4.0, 2.5, 1.0
# How many sentences back an agent noun no list knows ("the youngster") may find its person.
AGENT_REACH = 1


class Describing:
    """How a description names an entity; mixed into `salience.Salience`, whose mentions it reads."""

    def _named_in(self, description: str, pos: int) -> Optional[Resolved]:
        """An organisation a description names before its head: "the IMF report" -> the IMF."""
        caps = [w.rstrip("'’s").rstrip("'’") for w in description.split()[:-1]
                if w[:1].isupper() and w.lower() not in ("the", "a", "an")]
        if not caps:
            return None
        r = self.table.resolve(tuple(caps), pos)
        if r.entity is not None and r.entity.kind == ORGANIZATION:
            return r
        words = description.split()
        if (words[-1].lower() in ORG_KINDS or words[-1].capitalize() in MEDIA_HEADS) and words[-2][:1].isupper() \
                and not possessive(words[-2]) and not nation_only(tuple(caps)) \
                and (r.entity is None or r.entity.kind != PERSON or len(r.entity.words) == 1):
            # "the influential Edge magazine", "the Acme company": the name right before the kind is its name
            # (not "the German exchange": a nation's word is no name)
            return Resolved(" ".join(caps), ORGANIZATION, 0.7, r.entity)
        return None

    def _last_before(self, e: Entity, pos: int) -> int:
        """Offset of e's last mention before pos, its lone-surname mentions included (-1: none)."""
        last = e.mentioned_before(pos)
        for start, x, _ in self.mentions_before(pos):
            if x is e:
                last = max(last, start)
        return last

    def _last_meant(self, e: Entity, pos: int, spoke) -> int:
        """Offset of e's last mention before pos, or of a he/she after it that refers to e ("Ann Lee
        is suing. She said ... The youngster said": she keeps Ann Lee in view)."""
        last = self._last_before(e, pos)
        for start, g, _ in reversed(self.pronouns_before(pos)):
            if start <= last:
                break
            if self._referent(start, g, spoke, 1) is e:
                return start
        return last

    def describe(self, description: str, pos: int, spoke, spoken: bool = True) -> Optional[Resolved]:
        """"the senator", "the spokeswoman", "the company": the entity introduced with that role or
        kind; a person noun with no such entity goes by salience, as a pronoun would. `spoken`: the
        description is the subject of a speech verb (then "the athlete", a noun no list knows, is
        someone just named)."""
        words = description.lower().split()
        joined = words.index("and", 2) if "and" in words[2:-1] else 0
        if joined and words[0] == "the" and is_role_noun(words[-1]) and is_role_noun(words[joined - 1]):
            # "the Ohio senator and Republican presidential candidate": one person, two roles
            description, words = " ".join(description.split()[:joined]), words[:joined]
        head = document_head(words) or noun_before_phrase(words) or words[-1]
        named = self._named_in(description, pos)
        if named is not None and (head in PUBLICATION_NOUNS or head in ORG_KINDS or head in DOCUMENT_NOUNS):
            return named                         # "the IMF report", "Acme's statement"
        if head in DOCUMENT_NOUNS:               # "the circular states": whoever issued it
            got = issuer(self, head, pos, SUBJECT)
            if got is not None:
                return got
            e = self._org_spoke(pos)             # else the organisation that said something last
            return Resolved(e.name, ORGANIZATION, 0.5, e) if e is not None else None
        if head in PUBLICATION_NOUNS or head in DOCUMENT_NOUNS:
            orgs = [e for _, e, _ in self.mentions_before(pos) if e.kind == ORGANIZATION and not e.is_place]
            media = [e for e in orgs if canonical(" ".join(e.words)) or e.words[-1] in MEDIA_HEADS]
            if media or orgs:
                e = (media or orgs)[-1]
                return Resolved(e.name, ORGANIZATION, 0.6, e)
            return None
        headed = self._org_headed(head, pos) if words[0] == "the" and head.isalpha() and not (
            head in PERSON_NOUNS or head in SOURCE_NOUNS or is_role_noun(head)) else None
        if headed is not None:                   # "the exchange" after "the Harbour Stock Exchange"
            return Resolved(headed.name, ORGANIZATION, 0.7, headed)
        if head in ORG_KINDS:
            if words[0] in POSSESSIVE_PRONOUNS:
                return None                      # "its auditing firm", "their union": another body, unnamed
            e = self._org_kind(pos, head)
            if e is None:
                return None
            return Resolved(e.name, ORGANIZATION, 0.6 if e.kind == ORGANIZATION else 0.45, e)
        known = head in PERSON_NOUNS or head in SOURCE_NOUNS or is_role_noun(head) or _demonym(head)
        # an agent noun no list knows ("the youngster", "the record holder") is a person too; not
        # one described through something else ("the ad's narrator": someone new)
        agent = not known and words[0] == "the" and len(words) <= 6 and (agentive(head) or spoken and common_singular(head)) \
            and not any(possessive(w) for w in words)
        person_head = known or agent
        if person_head and (words[0] in INDEFINITE or UNNAMED_WORDS.intersection(words)):
            return self._unnamed(head, pos)      # "a senior official", "the unidentified official"
        roled = [e for e in self.table.people() if head in e.roles and 0 <= self._last_before(e, pos)]
        before = self._unnamed_before(head, pos) if person_head else -1
        if roled:
            e = max(roled, key=lambda x: self._last_before(x, pos))
            if self._last_before(e, pos) > before:
                return Resolved(e.name, PERSON, 0.75 if len(roled) == 1 else 0.6, e)
        if before >= 0 or head in SOURCE_NOUNS and (len(words) <= 3 or any(possessive(w) for w in words[:-1])) \
                and not (words[0] == "the" and head in ("man", "woman")) \
                or person_head and words[0] in POSSESSIVE_PRONOUNS:
            # "the banker" after "a Western banker"; "the source", "his spokesman" (but "the former
            # top aide to ..." describes someone again, and so does "the Leeds man" when no man
            # came in unnamed); "his lawyer", given no name, is not the one he stands for
            return self._unnamed(head, pos)
        if person_head or head.endswith("-year-old") or head in FEMALE_NOUNS or head in MALE_NOUNS:
            r = self.resolve(description, pos, spoke)
            if agent and r is not None and r.entity is not None \
                    and self.distance(pos, self._last_meant(r.entity, pos, spoke)) > AGENT_REACH:
                return None                      # named too far back to be the one meant
            return Resolved(r.name, r.kind, min(r.confidence, 0.6), r.entity) if r else None
        return None

    def _org_spoke(self, pos: int) -> Optional[Entity]:
        """The organisation that last said something before pos ("Acme confirmed ..."), in the
        paragraphs just before, else in the article so far; None if none did (a person who spoke
        last is no safer a guess: measured, it was more often wrong)."""
        for ms in (self.mentions_before(pos), self._article_before(pos)):
            agents = [e for _, e, w in ms if w == AGENT and e.kind == ORGANIZATION]
            if agents:
                return agents[-1]
        return None

    def _org_headed(self, head: str, pos: int) -> Optional[Entity]:
        """The organisation named last before pos (over the article so far) whose name has this
        head noun for its last word ("the exchange" -> "Harbour Stock Exchange", "the institute"
        -> "Institute for Harbour Economics" as its first): a description that repeats the name's head."""
        found, last = None, -1
        for e in self.table.entities:
            if e.kind == ORGANIZATION and len(e.words) >= 2 and head in (e.words[-1].lower(), e.words[0].lower()) \
                    and not e.is_place:
                at = e.mentioned_before(pos)
                if at > last:
                    found, last = e, at
        return found

    def _org_kind(self, pos: int, head: str) -> Optional[Entity]:
        """The organisation "the company" / "the agency" at pos stands for: of those named in the
        paragraphs just before, the last that said something ("Acme said it sued Bolt Corp ...
        the company said" is Acme), else the last named; failing those, the same over the article
        so far (wire copy names the firm once, in its first line). One the article gave this kind
        ("the daily Izvestia") comes first; a country is no company, only a government."""
        near = self.mentions_before(pos)
        for ms in (near, self._article_before(pos)):
            orgs = [(e, w) for _, e, w in ms if e.kind == ORGANIZATION and not e.is_place
                    and (head == "government" or e.name not in COUNTRIES)]
            # one the article gave this kind, or whose name holds it ("the board": the Illinois Board of Elections)
            orgs = [(e, w) for e, w in orgs if head in e.roles] \
                or [(e, w) for e, w in orgs if any(x.lower() == head for x in e.words)] or orgs
            if orgs:
                agents = [e for e, w in orgs if w == AGENT]
                return (agents or [e for e, _ in orgs])[-1]
        # with no organisation named, a name with no sign of a person may be the firm ("Acme
        # Mining reported a loss ... the company said")
        guess = [e for _, e, _ in near if e.evidence == 0 and len(e.words) > 1 and not e.is_place]
        return guess[-1] if guess else None

    def _article_before(self, pos: int) -> list[tuple[int, Entity, float]]:
        """The mentions of the article from its start up to pos."""
        ms = self.mentions_in(0, self.para_of(pos))
        return ms[:bisect.bisect_left(ms, pos, key=lambda m: m[0])]

    def _unnamed_before(self, head: str, pos: int) -> int:
        """Offset of the last mention before pos of the unnamed person of this head noun (-1: none),
        the article read from its start."""
        self.mentions_in(0, self.para_of(pos))
        e = self.unnamed.get(head)
        return e.mentioned_before(pos) if e is not None else -1

    def _unnamed(self, head: str, pos: int) -> Resolved:
        """The unnamed person of this head noun (made if the article has not named one so far)."""
        e = self.unnamed.get(head)
        if e is None:
            g = head_gender(head)
            e = self.unnamed[head] = Entity(ANONYMOUS, (head,), gender=g, strong_gender=bool(g), evidence=1)
        return Resolved("", ANONYMOUS, 0.6, e)


def noun_before_phrase(words: list[str]) -> Optional[str]:
    """The person noun a description is about when a phrase follows it: "the 41-year-old mother of
    two" -> "mother", "the chief of staff" -> "chief"; None when the word before the phrase is
    no person noun ("the head of the agency" stays about the agency)."""
    for i in range(1, len(words) - 1):
        if words[i + 1] in ("of", "for", "at", "from", "with", "in"):
            w = words[i]
            return w if w in PERSON_NOUNS or w in SOURCE_NOUNS or w in FEMALE_NOUNS or w in MALE_NOUNS \
                or w.endswith("-year-old") else None    # (and "a spokesman for the council")
    return None


# English agent nouns: "the youngster", "the record holder", "the debutant", "the novelist"
_AGENTIVE = re.compile(r"^[a-z]{3,}(?:er|or|ist|ian|ant|ent|ster)$")


def _names_a_body_or_text(head: str) -> bool:
    """Whether a head noun names an organisation, a document, a publication or a medium."""
    return head in ORG_KINDS or head in DOCUMENT_NOUNS or head in PUBLICATION_NOUNS or head in MEDIA_HEADS


def agentive(head: str) -> bool:
    """Whether a description's head is by its form a noun for someone who does something (a
    person, when it speaks): not an organisation, a document, a publication or a medium."""
    return bool(_AGENTIVE.match(head)) and not _names_a_body_or_text(head) and not head.endswith("ment")


def common_singular(head: str) -> bool:
    """A singular common noun that names no organisation, document, publication, medium or office
    ("the athlete", "the star"): as the subject of a speech verb, someone the article has named."""
    return head.isalpha() and head.islower() and len(head) > 2 and not head.endswith("s") \
        and head.capitalize() not in TITLES and not _names_a_body_or_text(head)


def _demonym(head: str) -> bool:
    """A person of a nation: "american", "spaniard" (lower-cased heads of "the American")."""
    return head[:1].upper() + head[1:] in DEMONYMS
