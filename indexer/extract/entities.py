"""The entity table of one article: every person and organisation it names, with their mentions.

Built once, on the first look-up, from the name runs of the text (`runs.name_runs`):

- a person named in full ("Mary J. Blige", "Rep. Robert C. "Bobby" Scott") is one entity, keyed by
  first name and surname; middle names and initials, suffixes and a nickname in marks join it, and
  its fullest form is its name ("Charles B. Rangel", never "Charles B . Rangel");
- an organisation keeps every word of its name ("The New York Times", "Peabody Energy");
- titles and roles seen with a person ("Sen.", "the spokeswoman", "Ann Ruiz, the network's host")
  are kept, for gender and for descriptions ("the senator", "the host").

Its records (`Entity`, `Resolved`) are in `entity`; `resolve(words, pos)`, which turns a name
mention into an entity, is in `lookups` (`Entities` is a `Lookups`); the merges of one person
named two ways ("Ken Vale" and "Kenneth Vale") are in `merges` (`Entities` is a `Merging`); a
lone name's entity ("Melanie", "the Kellbank") is made in `lone` (`Entities` is a `LoneNames`).
"""
from __future__ import annotations

import re
from typing import Optional

from ..lexicon import (COUNTRIES, FEMALE_NOUNS, FEMALE_TITLES, FIRM_TAILS, MALE_NOUNS, MALE_TITLES, MEDIA_HEADS,
                       NOT_NAME, ORG_KINDS, ORG_WORDS, PARTICLES, PERSONAL_TITLES, ROLE_NOUNS, TITLE_SMALL_WORDS,
                       TITLES)
from ..tokenize import paragraphs
from .entity import ORGANIZATION, PERSON, Entity, at_place
from .furniture import headings, inside, title_case_lines
from .lone import LoneNames
from .lookups import Lookups
from .merges import Merging
from .namekeys import clean_run, key, name_words, title_before
from .names import (POSSESSIVE, first_name, gender_of, initials, is_role_noun, looks_like_person, nation_only,
                    org_like, split_cached)
from .runs import defined_acronym, name_runs


_LOWER_WORD = re.compile(r"\b[a-z][a-z-]+\b")
# an acronym written alone: "GE", "B&B" (its first capital read first, then what stands before it:
# re skips fast to a capital, which a pattern opening with a look-behind does not; the second capital
# read before the repeat, which most capitals, those of words, do not need set up)
_ACRONYM_FORM = re.compile(r"[A-Z](?<![\w&][A-Z])&?[A-Z](?:&?[A-Z]){0,3}(?![\w&])")
# in a Title Case line: a first name, an initial perhaps, and the word after it
_FIRST_AND_NEXT = re.compile(r"\b[A-Z][a-z]+(?: [A-Z]\.)? [A-Z][\w'’-]+")
_AFFILIATION_BEFORE = re.compile(r"([A-Z][\w'’.-]+),?\s+(?:of|at|with)\s+$")
# An apposition after a name: ", the network's host," / ", a spokeswoman for" -> the role noun.
_ROLE_DETERMINERS = ("the", "a", "an", "its", "his", "her", "their")
_APPOSITION = re.compile(r"\s*,\s+(?:\d{1,3},\s+)?(?:" + "|".join(_ROLE_DETERMINERS) + r")\s+([^,;:.()\"“”]{1,80})")
# an apposition with no article must start with a role noun: ", president of the Harbour Union"
_AGED = re.compile(r",\s+\d{1,3},\s")
_BARE_APPOSITION = re.compile(r"\s*,\s+([a-z][a-z-]+)\b")
# "hired Ada Park as spokeswoman", "named Lee as its chief executive"
# "Ada Park is senior benefit officer at ...", "Ivo Lund was a spokesman for ..."
_COPULA_ROLE = re.compile(r"\s+(?:is|was)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?([a-z][a-z -]{1,40})")
# a noun and its determiner set off by a comma right before a name: "her husband, Milo Vale"
_NOUN_SET_OFF = re.compile(r"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Tt]he)\s+([a-z]+),\s+$")
_AS_ROLE = re.compile(r"\s+as\s+(?:" + "|".join(_ROLE_DETERMINERS) + r")?\s*([a-z][a-z -]{1,40})")


def _word_before(before: str) -> str:
    """The word right before a run, with only white space between ("striker Ann Lee"); "" if none."""
    last = before[-30:].split()[-1:] if before[-1:].isspace() else []
    return last[0] if last else ""


class Entities(Lookups, Merging, LoneNames):
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
        self._orgs: Optional[tuple] = None     # (len(by_org), its organisations once, their ends, titled)
        self._org_ids: set[int] = set()        # id() of the organisations in self._orgs
        self._name_keys: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}   # id -> (words, their keys)
        self.by_single: dict[str, Entity] = {}
        self.acronyms: dict[str, Entity] = {}   # an acronym the article defines -> its organisation
        self.singles: list[tuple[int, tuple[str, ...], tuple[str, ...]]] = []   # (start, words, role)
        # (start, end, name words, surface, its entity when a full name or an organisation)
        self.runs: list[tuple[int, int, tuple[str, ...], str, Optional[Entity]]] = []
        heads = headings(text, self.paras)
        titled = self.titled = title_case_lines(text, self.paras)
        self._used: Optional[dict[str, str]] = None   # capitals -> the acronym form the article uses last
        for a, b in titled:
            self._headline_people(a, b)
        for start, surface in name_runs(text):
            if surface not in NOT_NAME:        # "The", "In", "He": most runs, and never a name
                self._run(start, surface, heads, titled)
        self._join_particle_surnames()
        self._join_short_given_names()
        self._join_coordinated_given_names()
        for ents in (self.by_surname, self.by_given):
            for lst in ents.values():
                lst.sort(key=lambda e: e.starts[0])
        self.by_last: dict[str, list[Entity]] = {}
        for e in self.by_full.values():
            if key(e.words[-1]) != e.surname:
                self.by_last.setdefault(key(e.words[-1]), []).append(e)
        self._near: dict[str, list[Entity]] = {}
        self._middles: Optional[dict[str, list[Entity]]] = None   # middle name word -> people (lookups)
        self._firm_words: Optional[dict[str, list[Entity]]] = None   # inner word of a firm's name -> firms
        self.lone: dict[str, list[tuple[int, str, tuple[str, ...]]]] = {}   # key -> (start, word, titles)
        named_again: set[int] = set()
        for start, words, titles in self.singles:
            names = name_words(words)
            if len(names) != 1:
                continue
            k = key(names[0])
            self.lone.setdefault(k, []).append((start, names[0], titles))
            same = self.by_surname.get(k, ())
            if len(same) != 1:
                continue                         # (the rest is read only for a surname one person carries)
            one = same[0]
            title = title_before(text[max(0, start - 12):start]) or (titles[-1].rstrip(".") if titles else "")
            if not one.strong_gender and (title in MALE_TITLES or title in FEMALE_TITLES):
                # "Nicola Vance ... Ms Vance": the title anywhere says the gender
                one.gender, one.strong_gender = ("m" if title in MALE_TITLES else "f"), True
            if id(one) not in named_again and one.starts[0] < start:
                # named again by the surname alone ("Olek Varsh ... Varsh won"), as
                # people are (firms by their first word): a sign of a person
                named_again.add(id(one))
                one.evidence += 1
        self.run_starts = [r[0] for r in self.runs]

    def _headline_people(self, a: int, b: int) -> None:
        """In a Title Case line every word is capitalised, so runs say nothing: the people are a
        known first name, an initial perhaps, and the word after it ("Hillary Clinton")."""
        for m in _FIRST_AND_NEXT.finditer(self.text, a, b):
            words = tuple(POSSESSIVE.sub("", w) for w in m.group().split())
            if first_name(words[0]) and words[-1] not in NOT_NAME and not is_role_noun(words[-1]):
                self._add(m.start(), m.end(), words, (), [], m.group(), "")

    def _run(self, start: int, surface: str, heads: list, titled: list) -> None:
        """One name run of the scan (none of NOT_NAME): kept for look-ups, and made an entity when it
        is a full name."""
        text = self.text
        end = start + len(surface)
        if text[start - 1:start] in ("<", ";") and self.runs and self.runs[-1][4] is not None \
                and self.runs[-1][4].kind == ORGANIZATION and text[self.runs[-1][1]:start].strip() in ("<", "&lt;"):
            self.acronyms[surface] = self.runs[-1][4]      # "Acme Corp <ACME.N>": the ticker is the firm
        if titled and inside(start, titled):
            return                       # "Hillary Clinton Goes After Donald Trump": one run
        heading = bool(heads) and inside(start, heads)
        if heading and not first_name(surface.split()[0]):
            return                       # a section heading is page furniture, not a name
        if " " not in surface and "\n" not in surface and surface[-1] != ")":
            self._one_word(start, end, surface)   # most runs: kept for look-ups, no more
            return
        before = text[max(0, start - 80):start]
        # a name with its acronym is an organisation's (not "Ann Lee (AL)", nor "Mr Pound" the "MP")
        parts = surface.split()
        defined = ""
        # (a word to strip of a full stop only where the run has one)
        personal = not PERSONAL_TITLES.isdisjoint(w.rstrip(".") for w in parts) if "." in surface \
            else not PERSONAL_TITLES.isdisjoint(parts)
        if not first_name(parts[0]) and not personal:
            defined = defined_acronym(surface)
            if not defined and all(w[:1].isupper() and not w.isupper() for w in parts):
                defined = self._acronym_used(initials(parts))   # "General Electric ... GE said"
        surface, nick = clean_run(surface)
        role, words = split_cached(surface, before)
        # every word of it when its acronym spells them ("British ..."), or when it is a firm the
        # article named in full ("General Motors" after "General Motors Corp", not General Motors)
        whole = tuple(w for w in surface.split() if w not in ("The", "the")) if defined or role else ()
        if whole and whole[-1][-2:] in ("'s", "’s"):
            whole = whole[:-1] + (whole[-1][:-2],)   # "the European Union's pact": the owner's name
        known = role and not personal and self.by_org and (self.by_org.get(" ".join(map(key, whole)))
                                                           or self._org_tail(whole))
        if defined or known:
            role, words = (), whole
        if not words:
            return
        if len(words) == 2 and not role and not first_name(words[0]) and key(words[1]) in self.by_surname \
                and at_place(text, start, surface):
            # "meeting in Leeds Dane said" (a full stop lost): the place, then a known surname
            last = surface.rindex(words[1])
            self._one_word(start + last, end, surface[last:])
            return
        title = title_before(before)
        titles = tuple(role) + ((title,) if title else ())
        e = self._add(start, end, words, titles, nick, surface, before, org=bool(defined or known))
        if defined and e is not None:
            self.acronyms[defined] = e         # "HbKW said" later is this organisation
        if not heading:                    # a headline names people, but is about no one
            self.runs.append((start, end, words, surface, e))

    def _acronym_used(self, caps: str) -> str:
        """The acronym the article uses alone for these capitals ("GE", "B&B" for "BB"), its last
        form; "" when none (the article's acronyms are read in one pass, on the first need)."""
        if not (2 <= len(caps) <= 5 and caps.isascii() and caps.isalpha() and caps.isupper()):
            return ""
        if self._used is None:
            if caps not in self.text and "&" not in self.text:
                return ""                      # (most look-ups: the capitals are nowhere, alone or with "&")
            # every acronym of 2-5 capitals, "&" perhaps between them, set off from words: each
            # one a search for these capitals alone would find (a later form overwrites an earlier)
            self._used = {m.replace("&", ""): m for m in _ACRONYM_FORM.findall(self.text)}
        return self._used.get(caps, "")

    def _add(self, start: int, end: int, words: tuple[str, ...], titles: tuple[str, ...],
             nick: list[str], surface: str, before: str, org: bool = False) -> Optional[Entity]:
        """One name run: join it to its entity (or make one) and return it; a lone word waits
        for resolve (None). `org`: the run is known to name an organisation."""
        if nation_only(words):
            return None                        # "One West German trader": an adjective, no one
        # "the Presidential Debates"; "Harry Lamb of Tucker Anthony": the firm a person is of
        aff = _AFFILIATION_BEFORE.search(before[-40:]) if before[-40:].rstrip().endswith(("of", "at", "with")) else None
        titled = bool(titles) and any(is_role_noun(t) or t.rstrip(".") in TITLES for t in titles)   # "Rep."
        # not after "Secretary of"; not a titled person ("in Oslo with Finance Secretary Tove Marum")
        aff = aff is not None and not (aff.group(1) in TITLES or is_role_noun(aff.group(1))) and not titled
        the = before.endswith(("the ", "The ")) and not titles or aff
        # "forward Milan Baros": a role noun right before the run says a person follows, whatever
        # organisation word the name holds (not before a firm's name: "analyst at Acme Corp")
        w = _word_before(before)
        role_before = w[:1].islower() and is_role_noun(w) and words[-1] not in ORG_WORDS \
            and words[-1] not in FIRM_TAILS \
            or len(words) == 2 and first_name(words[0]) and titled   # "Chairman Jo Hall", "Rep. Ed Israel"
        # (and a run that starts a firm named before, with no first name: "J.P. Vanner" after
        # "J.P. Vanner and Co Inc")
        if (org or the or org_like(words) and not role_before or " ".join(words) in COUNTRIES
                or len(words) > 1 and not titles and not first_name(words[0]) and self._org_tail(words)) \
                and (not titles or PERSONAL_TITLES.isdisjoint(t.rstrip(".") for t in titles)):
            while len(words) > 1 and words[-1].islower():
                words = words[:-1]             # "the Water Board on Friday": "on" joined no name
            k = " ".join(map(key, words))
            e = self.by_org.get(k) or self._org_tail(words)
            if e is None:
                e = Entity(ORGANIZATION, words)
                self._entities.append(e)
            self.by_org[k] = e
            if w in ORG_KINDS:
                e.roles.add(w)                 # "the daily Izvestia": the kind the article gives it
            e.starts.append(start)
            e.places += at_place(self.text, start, surface)
            return e
        names = name_words(words)
        if len(names) < 2 or not (first_name(words[0]) or looks_like_person(words) or role_before
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
            particle, dash, bare = sur.partition("-")
            if dash and particle in PARTICLES:     # "Khalid al-Rumani ... Rumani said"
                self.by_surname.setdefault(bare, []).append(e)
            self.by_given.setdefault(given, []).append(e)
            self._entities.append(e)
        elif len(words) > len(e.words):
            e.words = words                    # "Charles B. Rangel" after "Charles Rangel"
        e.starts.append(start)
        e.places += at_place(self.text, start, surface)
        if nick:                               # (most runs: no nickname)
            e.nicknames.update(map(key, nick))
            for n in nick:
                self.by_given.setdefault(key(n), []).append(e)
        e.evidence += bool(nick) + first_name(names[0])
        self._learn(e, titles, words, surface, before, end)
        return e

    def _org_tail(self, words: tuple[str, ...]) -> Optional[Entity]:
        """The one organisation named before whose name ends (or starts) with these words (two or
        more): "the Water Board" after "the Lake Ordo Water Board", "Standard Bank" after "Standard
        Bank Investment Corp", "The Journal" after "the Harbour Street Journal" (a medium's last word
        alone), "the Exchange" after "the Kell Stock Exchange" (an organisation's kind alone); None if
        none or several."""
        if not self.by_org:
            return None                        # (no organisation named yet: none to end with these words)
        if len(words) > 1 and words[0] in ("The", "the"):
            words = words[1:]                  # "The Bank" after "The World Bank": the article is no name word
        if len(words) < 2 and not (words[0] in MEDIA_HEADS and words[0] not in ("TV", "Radio")   # (any station's)
                                   or words[0].lower() in ORG_KINDS):
            return None
        tail, n = tuple(map(key, words)), len(words)
        ends = self.org_ends()
        near = {id(e): e for e in ends.get(tail[0], []) + ends.get(tail[-1], [])}   # (a match has one of them)
        found = [e for e in near.values()
                 if len(ks := _bare(self.keys_of(e))) > n and (ks[-n:] == tail or ks[:n] == tail)]
        return found[0] if len(found) == 1 else None

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
            # "Vice-Premier Tian Juro", "Finance Minister Lin": the title's last part is one
            e.evidence += t.rstrip(".") in TITLES or t.rsplit("-", 1)[-1] in TITLES
        text = self.text
        if len(e.starts) > 3:
            return                             # roles come with the first mentions
        nouns = []
        w = _word_before(before)
        if w.replace("-", "").isalpha() and w.islower():
            nouns.append(w)                    # "spokeswoman Jane Doe"
        elif before.endswith(", "):
            m = _NOUN_SET_OFF.search(before[-40:])
            if m:
                nouns.append(m.group(1))       # "her husband, Milo Vale, ...": a noun set off before the name
        said = []
        nxt = text[end:end + 4]
        if nxt[:1] == ",":                     # ", the network's host," / ", president of ..."
            e.evidence += bool(_AGED.match(text, end))   # "Lance Vole, 49,": an age says a person
            bare = _BARE_APPOSITION.match(text, end, min(len(text), end + 40))
            if bare and is_role_noun(bare.group(1)):
                nouns.append(bare.group(1))
            m = _APPOSITION.match(text, end, min(len(text), end + 100))
        elif _COPULA_ROLE.match(text, end, min(len(text), end + 60)):
            m = _COPULA_ROLE.match(text, end, min(len(text), end + 60))   # "Ada Park is senior officer at ..."
        else:                                  # "hired Ada Park as spokeswoman"
            m = _AS_ROLE.match(text, end, min(len(text), end + 80)) if nxt == " as " else None
            if m and m.group(0).split()[1] not in _ROLE_DETERMINERS \
                    and not is_role_noun(m.group(1).split()[0]):
                m = None                       # "Transcript as follows:": no role
        if m:
            said.extend(_LOWER_WORD.findall(m.group(1).split(" of ")[0].split(" for ")[0])[:8])
        e.roles.update(w for w in said if w not in TITLE_SMALL_WORDS)
        e.roles.update(n for n in nouns if n in ORG_KINDS)   # "firm Macrovision": its kind
        for n in nouns + said:
            if is_role_noun(n) or n in ROLE_NOUNS or n in MALE_NOUNS or n in FEMALE_NOUNS:
                e.roles.add(n)
                e.evidence += 1
            if n in MALE_NOUNS or n in FEMALE_NOUNS:
                said = "m" if n in MALE_NOUNS else "f"
                if said == "m" and n.endswith("man") and gender_of(e.words) == "f":
                    continue               # "Martha Quill, chairman of ...": a "-man" role is said of women too
                e.gender, e.strong_gender = said, True

    # ---- look-ups


def _bare(keys: tuple[str, ...]) -> tuple[str, ...]:
    """An organisation's name keys without a leading "the" ("The World Bank" -> world bank)."""
    return keys[1:] if keys[0] == "the" else keys
