"""The people an article names, for resolving a surname, a first name or a pronoun to a full name.

`ArticleNames` finds the capitalised runs of one article once (on first need) and indexes full
names by surname and first name; `resolve_pronoun` scores the recent names and speakers for a
he/she. Identity across articles lives in `indexer/resolve/identities.py`.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Optional

from ..lexicon import FEMALE_NOUNS, MALE_NOUNS
from .names import (NAME_RUN, PRONOUNS, clean_words, first_name, gender_of, is_person_description,
                    looks_like_person, title_case)


@dataclass
class Name:
    """One capitalised mention in the article: where, the words, and whether it looks like a person."""

    start: int
    end: int
    words: tuple[str, ...]
    person: bool
    gender: Optional[str] = None
    full: str = ""                 # the fullest form the article gives (set after the scan)
    is_person: bool = False        # a person, or a surname of a person named in full elsewhere


class ArticleNames:
    """The capitalised names of one article, found on first need, for surname and pronoun resolution."""

    def __init__(self, text: str):
        """Remember the text; the names are found the first time a lookup needs them."""
        self.text = text
        self._names: Optional[list[Name]] = None

    def _scan(self) -> None:
        """Find every capitalised run once, and index full names by surname."""
        self._names = []
        for m in NAME_RUN.finditer(self.text):
            surface = m.group()
            # a leading sentence word ("The", "After") or role is dropped; the text before says
            # whether the first words are an office ("Secretary of Commerce Malcolm Baldrige")
            words = clean_words(surface, self.text[max(0, m.start() - 80):m.start()])
            if words:
                self._names.append(Name(m.start(), m.end(), words, looks_like_person(words),
                                        gender_of(words, surface)))
        self.starts = [n.start for n in self._names]
        self._full_by_surname: dict[str, list[Name]] = {}
        self.genders: dict[str, str] = {}          # full name -> "m"/"f", when a title or first name says
        self._full_by_first: dict[str, set] = {}    # known first name -> the full names it starts
        for n in self._names:
            if n.person:
                self._full_by_surname.setdefault(n.words[-1], []).append(n)
                if first_name(n.words[0]):
                    self._full_by_first.setdefault(n.words[0], set()).add(n.words)
        for n in self._names:
            n.full = self.full_name(n.words, n.start)
            n.is_person = self.is_person_name(n.words)
            if n.gender and (n.person or len(n.words) == 1):
                self.genders.setdefault(n.full, n.gender)

    @property
    def names(self) -> list[Name]:
        """All name mentions, in text order."""
        if self._names is None:
            self._scan()
        return self._names

    def full_name(self, words: tuple[str, ...], pos: int) -> str:
        """The fullest form the article gives of a name: "Inzaghi" -> "Simone Inzaghi"."""
        if not words:
            return ""
        if len(words) >= 2:
            return " ".join(words)
        if self._names is None:
            self._scan()
        cands = self._full_by_surname.get(words[0], [])
        if not cands and words[0].isupper() and len(words[0]) > 2:
            # "CLINTON:" in a transcript is the "Hillary Clinton" the article names in full
            titled = title_case(words[0])
            cands = self._full_by_surname.get(titled, [])
            words = (titled,) if cands else words
        if not cands:
            # a lone first name ("Al said") is the one full name the article gives with it
            firsts = self._full_by_first.get(words[0], ())
            return " ".join(next(iter(firsts))) if len(firsts) == 1 else words[0]
        # the most frequent full form; ties go to the one nearest before pos. The starts of each
        # form are grouped once per surname, so that a name repeated 10,000 times in one article
        # costs no more per call (counting them on every call made extraction quadratic).
        cache = self.__dict__.setdefault("_forms", {})
        forms = cache.get(words[0])
        if forms is None:
            forms = cache[words[0]] = {}
            for n in cands:
                forms.setdefault(n.words, []).append(n.start)       # text order: sorted
        top = max(len(v) for v in forms.values())
        tied = [w for w, v in forms.items() if len(v) == top]
        if len(tied) > 1:
            def nearest(w):
                """Offset of this form's last mention before pos (-1 if none)."""
                i = bisect.bisect_left(forms[w], pos)
                return forms[w][i - 1] if i else -1
            tied.sort(key=nearest, reverse=True)
        return " ".join(tied[0])

    def is_person_name(self, words: tuple[str, ...]) -> bool:
        """A single surname counts as a person when the article gives a full name ending in it."""
        if self._names is None:
            self._scan()
        if len(words) == 1:
            return words[0] in self._full_by_surname
        return looks_like_person(words)

    def people_before(self, pos: int, lo: int = 0) -> list[Name]:
        """Person mentions that end before pos and start at or after lo, nearest last."""
        names = self.names
        i = bisect.bisect_left(self.starts, pos)
        j = bisect.bisect_left(self.starts, lo)
        j = max(j, i - 60)             # only the recent names matter; keeps the cost bounded
        return [n for n in names[j:i] if n.end <= pos and n.is_person]


def resolve_pronoun(names: ArticleNames, pronoun: str, pos: int, speakers: list[tuple[int, str]],
                    paragraph_of, excluded: list[tuple[int, int]] = (), lo: int = 0) -> Optional[str]:
    """The person a he/she at pos most likely is: a salience score over recent names and speakers.

    `speakers` are (offset, full name) of quotes already attributed to a name; they weigh most,
    since news keeps quoting the same person. Names inside `excluded` spans (quotes) do not count.
    """
    kind = PRONOUNS.get(pronoun.lower())
    if kind is None and is_person_description(pronoun):
        head = pronoun.split()[-1].lower()
        kind = "f" if head in FEMALE_NOUNS else "m" if head in MALE_NOUNS else "?"
    if kind not in ("m", "f", "?"):
        return None
    wrong = {"m": "f", "f": "m"}.get(kind)
    here = paragraph_of(pos)
    score: dict[str, float] = {}
    subject = None                     # the last sentence subject in the pronoun's own paragraph
    for n in names.people_before(pos, lo):
        if _inside(n.start, excluded):
            continue
        dist = here - paragraph_of(n.start)
        if dist > 6:
            continue
        full = n.full
        w = 0.5 ** dist
        # the subject of a sentence (first words, or right before a verb) is the likely referent
        before = names.text[max(0, n.start - 3):n.start]
        if n.start == 0 or not before.strip() or before.rstrip().endswith((".", "\n", '"', "”", "“")):
            w *= 2.0
            if dist == 0 and names.genders.get(full) != wrong:
                subject = full
        score[full] = score.get(full, 0.0) + w
    for off, full in speakers[-50:]:
        if off >= pos or not names.is_person_name(tuple(full.split())):
            continue                   # a pronoun refers to a person, not to "Europe" quoted earlier
        dist = here - paragraph_of(off)
        if dist > 8:
            continue
        score[full] = score.get(full, 0.0) + 3.0 * 0.6 ** dist
    if subject is not None:
        # "O'Malley stressed his record. "I know it's tough," he said." -- the nearest subject
        # outweighs a speaker quoted a paragraph earlier
        score[subject] = score.get(subject, 0.0) + 2.5
    score = {k: v for k, v in score.items() if names.genders.get(k) != wrong}
    if not score:
        return None
    return max(score.items(), key=lambda kv: kv[1])[0]


def _inside(pos: int, spans) -> bool:
    """Whether pos falls inside one of the (start, end) spans, sorted by start and not overlapping."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]
