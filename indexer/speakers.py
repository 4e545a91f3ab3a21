"""Speaker resolution inside one article: names, surnames, titles, roles and pronouns -> full names.

Cross-article identity (one person across the corpus) lives in `indexer/identities.py`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Optional

# Titles that may precede a name; they are not part of the canonical name.
TITLES = frozenset("""
Mr Mrs Ms Miss Mx Dr Prof Professor Sen Senator Rep Representative Gov Governor President Pres
Vice Secretary Sec Gen General Lt Col Colonel Maj Major Capt Captain Adm Admiral Sgt Judge Justice
Chief Chairman Chairwoman Director Minister Premier Prime Chancellor King Queen Prince Princess
Lord Lady Sir Dame Pope Father Rev Reverend Rabbi Imam Sheikh Coach Manager Mayor Speaker Leader
Ambassador Attorney Officer Detective Inspector Commissioner Deputy Sheriff Saint St Herr Frau
Mme Mlle Monsieur Madame Signor Senhor Don Dona Rabbi Cardinal Bishop Archbishop Brother Sister
Presidente Candidate Nominee Congressman Congresswoman Councilman Councilwoman Assemblyman
""".split())

# Capitalised words that start sentences or name things but are not people.
_NOT_NAME = frozenset("""
A An The This That These Those It Its It's He She They We I You His Her Their Our My Your Him Them
In On At Of For From To By With Without About After Before During Since Until As If When While
Where Why How What Who Whom Which Whose And But Or Nor So Yet Also Then Now Still However
Meanwhile Although Though Because Despite Under Over Into Onto Upon Between Among Against
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
July August September October November December Mon Tue Wed Thu Fri Sat Sun Jan Feb Mar Apr Jun
Jul Aug Sep Sept Oct Nov Dec Today Yesterday Tomorrow Tonight Last Next Earlier Later There Here
Yes No Not All Some Many Most Both Each Every Any Several Few Other Another Such One Two Three
Four Five Six Seven Eight Nine Ten First Second Third New Old Even Just Only Well Oh OK Okay
Read More Click Share Watch Photo Video Related Advertisement Getty Images Reuters AP AFP
Do Does Did Don't Is Are Was Were Be Been Has Have Had Will Would Can Could Should Must Let
Please Thank Thanks Like Unlike Instead Perhaps Maybe Asked Told Said Says Speaking According
Mr Mrs Ms Dr
""".split())

# Words that make a capitalised phrase an organisation or a place rather than a person.
ORG_WORDS = frozenset("""
House Senate Congress Party Committee Department Ministry Office Agency Bureau Council Court
Commission Association Union Federation League Club United City County State States Republic
Kingdom Government Administration Campaign Foundation Institute University College School
Company Corp Corporation Inc Ltd Group Bank Fund Trust Board Authority Service Services Police
Army Navy Force Forces Guard Network News Times Post Journal Street Square Center Centre Hall
Hospital Church Center Airlines Motors Stadium Stadio Arena Cup Championship Championships
Olympics Games Serie Premier Liga Bundesliga Ligue Champions Europa Conference Summit Council
Democrats Republicans Democratic Republican Pentagon Kremlin Parliament Assembly Cabinet Embassy
Press Media Television Radio TV Facebook Twitter Google Apple Microsoft Amazon Region Province
Island Islands Ocean Sea River Lake Mountain Valley North South East West Northern Southern
Eastern Western Central Juventus Inter Milan Napoli Roma Lazio Torino Verona Atalanta Genoa
America American Americans Europe European Africa African Asia Asian China Chinese Russia Russian
Britain British England English France French Germany German Italy Italian Spain Spanish
Japan Japanese India Indian Mexico Mexican Canada Canadian Iran Iraq Israel Israeli Syria Korea
Washington York London Paris Rome Moscow Beijing Brussels Berlin Tokyo Turin Naples Venezia
""".split())

PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "they": "p", "it": "n", "we": "p",
            "i": "1", "me": "1", "us": "p", "you": "2"}

_CONNECT = r"(?:de|da|di|del|della|dos|das|do|du|van|von|der|den|la|le|al|el|bin|ibn|ben|y|St\.?)"
_WORD = r"(?:[A-Z][a-zà-öø-ÿ]*(?:['’][A-Z]?[a-zà-öø-ÿ]+)?(?:-[A-Z]?[a-zà-öø-ÿ]+)*|[A-Z]\.|[A-Z]{2,}|Mc[A-Z][a-z]+|[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+)"
# white space inside a name: a hard line wrap is fine, a blank line (new paragraph) is not
_GAP = r"(?:[ \t\u00a0]+\n?[ \t\u00a0]*|\n[ \t\u00a0]*)"
# A run of capitalised words, allowing name particles and one pair of parentheses around a
# first name ("(Kalidou) Koulibaly", "(referee Marco) Guida" -> "Marco) Guida").
NAME_RUN = re.compile(
    rf"(?<![\w'’-])(?:\({_WORD}\)|{_WORD}\)?)(?:{_GAP}(?:{_CONNECT}{_GAP})?(?:\({_WORD}\)|{_WORD}\)?))*(?![\w'’])")


@dataclass
class Name:
    """One capitalised mention in the article: where, the words, and whether it looks like a person."""

    start: int
    end: int
    words: tuple[str, ...]
    person: bool


def clean_words(surface: str) -> tuple[str, ...]:
    """The words of a name mention without parentheses, titles or a possessive ending."""
    words = [w.strip("()") for w in surface.split()]
    words = [re.sub(r"['’]s$", "", w) for w in words if w]
    while words and (words[0].rstrip(".") in TITLES or words[0] in _NOT_NAME):
        words.pop(0)
    return tuple(words)


def looks_like_person(words: tuple[str, ...]) -> bool:
    """A guess without a tagger: 2-4 capitalised words none of which is an org/place word."""
    if not words or any(w in ORG_WORDS or w.isupper() and len(w) > 1 for w in words):
        return False
    return 2 <= len(words) <= 4


class ArticleNames:
    """The capitalised names of one article, found once, for surname and pronoun resolution."""

    def __init__(self, text: str, outside: Optional[list[tuple[int, int]]] = None):
        """Find the names of text; mentions inside the `outside` spans (quotes) are kept apart."""
        self.text = text
        self.names: list[Name] = []
        for m in NAME_RUN.finditer(text):
            a, b = m.start(), m.end()
            surface = m.group()
            # a leading sentence word ("The", "After") is not part of the name
            words = clean_words(surface)
            if not words:
                continue
            # an unmatched parenthesis at the edges belongs to the text, not the name
            self.names.append(Name(a, b, words, looks_like_person(words)))
        self.starts = [n.start for n in self.names]
        self._full_by_surname: dict[str, list[Name]] = {}
        for n in self.names:
            if n.person:
                self._full_by_surname.setdefault(n.words[-1], []).append(n)

    def full_name(self, words: tuple[str, ...], pos: int) -> str:
        """The fullest form the article gives of a name: "Inzaghi" -> "Simone Inzaghi"."""
        if not words:
            return ""
        if len(words) >= 2:
            return " ".join(words)
        cands = self._full_by_surname.get(words[0], [])
        if not cands:
            return words[0]
        # the most frequent full form; ties go to the one nearest before pos
        counts: dict[tuple[str, ...], int] = {}
        for n in cands:
            counts[n.words] = counts.get(n.words, 0) + 1
        best = max(counts.items(),
                   key=lambda kv: (kv[1], max((n.start for n in cands if n.words == kv[0] and n.start < pos), default=-1)))
        return " ".join(best[0])

    def is_person_name(self, words: tuple[str, ...]) -> bool:
        """A single surname counts as a person when the article gives a full name ending in it."""
        if len(words) == 1:
            return words[0] in self._full_by_surname
        return looks_like_person(words)

    def people_before(self, pos: int, lo: int = 0) -> list[Name]:
        """Person mentions that end before pos and start at or after lo, nearest last."""
        i = bisect.bisect_left(self.starts, pos)
        j = bisect.bisect_left(self.starts, lo)
        return [n for n in self.names[j:i] if n.end <= pos and self.is_person_name(n.words)]


def resolve_pronoun(names: ArticleNames, pronoun: str, pos: int, speakers: list[tuple[int, str]],
                    paragraph_of, excluded: list[tuple[int, int]] = (), lo: int = 0) -> Optional[str]:
    """The person a he/she at pos most likely is: a salience score over recent names and speakers.

    `speakers` are (offset, full name) of quotes already attributed to a name; they weigh most,
    since news keeps quoting the same person. Names inside `excluded` spans (quotes) do not count.
    """
    kind = PRONOUNS.get(pronoun.lower())
    if kind not in ("m", "f"):
        return None
    here = paragraph_of(pos)
    score: dict[str, float] = {}
    for n in names.people_before(pos, lo):
        if _inside(n.start, excluded):
            continue
        dist = here - paragraph_of(n.start)
        if dist > 6:
            continue
        full = names.full_name(n.words, n.start)
        w = 0.5 ** dist
        # the subject of a sentence (first words, or right before a verb) is the likely referent
        before = names.text[max(0, n.start - 3):n.start]
        if n.start == 0 or not before.strip() or before.rstrip().endswith((".", "\n", '"', "”", "“")):
            w *= 2.0
        score[full] = score.get(full, 0.0) + w
    for off, full in speakers:
        if off >= pos:
            continue
        dist = here - paragraph_of(off)
        if dist > 8:
            continue
        score[full] = score.get(full, 0.0) + 3.0 * 0.6 ** dist
    if not score:
        return None
    return max(score.items(), key=lambda kv: kv[1])[0]


def _inside(pos: int, spans) -> bool:
    """Whether pos falls inside one of the (start, end) spans."""
    for a, b in spans:
        if a <= pos < b:
            return True
    return False
