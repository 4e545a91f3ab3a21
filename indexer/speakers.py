"""Speaker resolution inside one article: names, surnames, titles, roles and pronouns -> full names.

Cross-article identity (one person across the corpus) lives in `indexer/identities.py`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Optional

from rapidfuzz.distance import OSA

# Titles that may precede a name; they are not part of the canonical name.
TITLES = frozenset("""
Mr Mrs Ms Miss Mx Dr Prof Professor Sen Senator Rep Representative Gov Governor President Pres
Vice Secretary Sec Gen General Lt Col Colonel Maj Major Capt Captain Adm Admiral Sgt Judge Justice
Chief Chairman Chairwoman Director Minister Premier Prime Chancellor King Queen Prince Princess
Lord Lady Sir Dame Pope Father Rev Reverend Rabbi Imam Sheikh Coach Manager Mayor Speaker Leader
Ambassador Attorney Officer Detective Inspector Commissioner Deputy Sheriff Saint St Herr Frau
Mme Mlle Monsieur Madame Signor Senhor Dona Rabbi Cardinal Bishop Archbishop Brother Sister
Presidente Candidate Nominee Congressman Congresswoman Councilman Councilwoman Assemblyman
""".split())

# Capitalised words that start sentences or name things but are not people.
NOT_NAME = frozenset("""
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
# Adverbs and prepositions that open a sentence ("Again Roddick ...", "Across Wales, ..."), never
# a name word.
OPENING_ADVERBS = frozenset("""
Again Across Along Around Behind Beyond Below Beside Through Throughout Toward Towards Within
Via Amid Amidst Already Always Never Ever Once Twice Soon Afterwards Otherwise Nevertheless
Nonetheless Likewise Similarly Additionally Separately Ultimately Finally Eventually Recently
Currently Previously Apparently Clearly Obviously Certainly Sadly Unfortunately Fortunately
Interestingly Notably Initially Overall Elsewhere Inside Outside Beneath Above Except Alongside
""".split())
NOT_NAME = NOT_NAME | OPENING_ADVERBS

# Role nouns: a capitalised run that has one before a name keeps it (and what comes before it,
# "Treasury", "White House Press") out of the name. The list, not a list of departments, decides.
_OFFICE_NOUNS = frozenset("""
secretary minister director spokesman spokeswoman spokesperson counsel chancellor chairman
chairwoman chair president governor senator representative adviser advisor aide official
ambassador envoy negotiator commissioner administrator treasurer comptroller controller
undersecretary under-secretary attorney prosecutor lawyer economist analyst strategist editor
executive officer manager leader head chief deputy mayor premier judge justice general
coordinator superintendent inspector commander marshal sheriff nominee candidate
mp mep mla ceo cfo coo
""".split())
ROLE_NOUNS = _OFFICE_NOUNS | frozenset("""
actor actress agent accountant architect artist author broker campaigner consultant designer
developer diplomat doctor engineer entrepreneur filmmaker founder historian investor journalist
lecturer musician novelist physician poet producer publisher rapper researcher scientist
songwriter surgeon teacher trader comedian presenter broadcaster columnist commentator activist
pollster striker midfielder defender goalkeeper winger referee umpire chef
""".split())
# Occupations above that are also surnames (Player, Singer, Farmer, Baker, Cook) are left out on
# purpose: a lone "Player said" must stay a name.

# Capitalised words that open a sentence or qualify a name without being part of it.
OPENERS = frozenset("""
Besides Former Ex Late Then Now Also Even Only Meanwhile Still Moreover Furthermore Indeed
Year Week Month Weekend Morning Afternoon Evening Night Outgoing Incoming
Acting Interim Embattled Presumptive Rival Fellow Sources Source Says Said Ask Dear See
""".split())
# Adjectives for people only: dropped before any name ("Democrat Clinton").
ADJECTIVES = frozenset("""
Billionaire Millionaire Businessman Businesswoman Democrat Republican GOP Conservative
Socialist Communist Libertarian Progressive Populist Centrist Veteran Liar
""".split())
# Nationalities: dropped only before a person's full name ("American Express" stays).
NATIONALITIES = frozenset("""
American British French German Italian Spanish Japanese Chinese Russian Soviet Israeli Iranian
Iraqi Syrian Saudi Egyptian Turkish Greek Dutch Belgian Swiss Swedish Norwegian Danish Finnish
Polish Austrian Irish Scottish Welsh Canadian Mexican Brazilian Argentine Australian Indian
Pakistani Korean European African Asian Arab Palestinian Ukrainian Venezuelan Cuban Kenyan
Nigerian Portuguese Hungarian Czech Romanian Bulgarian Serbian Croatian
""".split())

# Long role nouns that reporters misspell; one slip still makes them a role ("Secertary").
# Only office words slip-match: "surgeon" is one letter from "Sturgeon", a surname.
_SLIP_ROLES = frozenset(r for r in ROLE_NOUNS if len(r) >= 7 and r in _OFFICE_NOUNS) - {"marshal", "justice"}

# Capitalised -ing words that are names, not a sentence-initial participle ("Addressing the crowd").
_ING_NAMES = frozenset("""Irving Sterling Stirling Channing Manning Browning Harding Golding Fielding
Cushing Ewing Redding Dowling Keating Spalding Reading Kipling Fleming Billing Hemming Deming Cumming
Gehring Goring Göring Young Bing Ming King Xing Jing Ling Ping Tsing Hong Jiang Qing Yang Wang
Rowling Vining Erling Baring Downing Peking Ealing Woking Kettering Epping Dorking Worthing Tring
Bowling Hastings Tilling Harling Darling Stebbing Spelling Cowling Hocking Hawking Pickering Whiting
""".split())
# Days and months that follow a name as a date ("Netflix Friday"); May, June, April, August are
# names too ("Theresa May") and stay.
_TRAILING_DATES = frozenset("""Monday Tuesday Wednesday Thursday Friday Saturday Sunday January
February September October November December Today Tonight Yesterday Tomorrow""".split())


def is_participle(word: str) -> bool:
    """A capitalised -ing word opening a participle clause ("Addressing", "Adding"), not a name."""
    return (len(word) >= 6 and word.endswith("ing") and word[:1].isupper() and word[1:].islower()
            and word not in _ING_NAMES and not _first_name(word))

# Before a run: "Secretary of ", "Chancellor of the ", "Office of Management and ".
_OFFICE_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(ROLE_NOUNS, key=len, reverse=True)) +
    r"|Secretary|Minister|Office|Department|Ministry)s?\s+of\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+(?:and|of)\s+)?$",
    re.IGNORECASE)

_OF_BEFORE = re.compile(r"\b[A-Za-z][\w'’-]*\s+of\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+(?:and|of)\s+)?$")

# Words that make a capitalised phrase an organisation or a place rather than a person.
ORG_WORDS = frozenset("""
House Senate Congress Party Committee Department Ministry Office Agency Bureau Council Court
Commission Association Union Federation League Club United City County State States Republic
Kingdom Government Administration Campaign Foundation Institute University College School
Company Corp Corporation Inc Ltd Group Bank Fund Trust Board Authority Service Services Police
Army Navy Force Forces Guard Network News Times Post Journal Street Square Center Centre Hall
Hospital Church Center Airlines Motors Stadium Stadio Arena Cup Championship Championships
Olympics Games Serie Premier Liga Bundesliga Ligue Champions Europa Conference Summit Council
Democrats Republicans Democratic Republican Pentagon National Convention Caucus Primary
Debate Platform Kremlin Parliament Assembly Cabinet Embassy
Press Media Television Radio TV Facebook Twitter Google Apple Microsoft Amazon Region Province
Island Islands Ocean Sea River Lake Mountain Valley North South East West Northern Southern
Eastern Western Central Juventus Inter Milan Napoli Roma Lazio Torino Verona Atalanta Genoa
America American Americans Europe European Africa African Asia Asian China Chinese Russia Russian
Britain British England English France French Germany German Italy Italian Spain Spanish
Japan Japanese India Indian Mexico Mexican Canada Canadian Iran Iraq Israel Israeli Syria Korea
Washington York London Paris Rome Moscow Beijing Brussels Berlin Tokyo Turin Naples Venezia
""".split())

# Gender hints for he/she: titles, and common first names (a short hand-written list, not a
# dataset; a name not listed is simply "unknown" and stays a candidate for either pronoun).
_MALE_TITLES = frozenset("Mr Sir Lord King Prince Father Brother Herr Monsieur Signor Senhor "
                         "Congressman Councilman Assemblyman Rabbi Pope Cardinal".split())
_FEMALE_TITLES = frozenset("Mrs Ms Miss Lady Queen Princess Dame Sister Frau Madame Mme Mlle Signora "
                           "Dona Congresswoman Councilwoman Assemblywoman Chairwoman".split())
MALE_NAMES = frozenset("""
Aaron Abe Adam Adrian Ahmed Al Alan Albert Alberto Alejandro Alessandro Alex Alexander Alexis Ali Andre
Andrea_m Andrew Andy Angelo Anthony Antonio Arnold Arthur Barack Ben Benjamin Bernie Bernard Bill
Billy Bob Bobby Brad Bradley Brandon Brett Brian Bruce Bryan Carl Carlos Charles Charlie Chris
Christian Christopher Chuck Claudio Cory Craig Dan Daniel Danny Dave David Davide Dennis Diego Dick
Don Donald Doug Douglas Duncan Dwight Ed Eddie Edin Edward Emmanuel Eric Erik Ernest Evan Fabio
Francesco Francis Frank Franklin Fred Frederick Gary Gavin George Gerald Gianluigi Giorgio Giovanni
Glenn Gordon Graham Greg Gregory Hans Harold Harry Hassan Henry Howard Hugh Ian Ivan Jack Jacob
Jake James Jamie_m Jared Jason Jay Jean Jeb Jeff Jeffrey Jeremy Jerry Jim Jimmy Joe Joel John
Johnny Jon Jonathan Jorge Jose Joseph Josh Joshua Juan Julian Justin Karl Keith Ken Kenneth Kevin
Kim_m Kurt Larry Lawrence Lee_m Leonardo Lindsey_m Lorenzo Louis Luca Lucas Luis Luke Manuel Marco
Marcus Mario Mark Martin Marvin Matt Matteo Matthew Max Michael Miguel Mike Mitch Mitt Mohammed
Muhammad Nate Nathan Neil Newt Nicholas Nick Nicola Noah Oliver Omar Oscar Pablo Paolo Pat_m Patrick
Paul Pedro Pete Peter Phil Philip Pierre Rahm Ralph Rand Randy Ray Raymond Reince Rex Ricardo
Richard Rick Rob Robert Robin_m Rod Roger Roman Ron Ronald Ross Roy Rudy Russ Russell Ryan Sam_m
Samir Samuel Scott Sean Sergio Simone_m Stefano Stephen Steve Steven Stuart Ted Terry Thomas Tim
Timothy Todd Tom Tommy Tony Travis Trey Victor Vincent Vladimir Walter Wayne Will William Xi Zach
Barry Boris Emmanuel Francois François Hollande Justin Matteo Recep Benjamin Bibi Shinzo Narendra
Gianni Massimo Luciano Roberto Carlo Antonio Romelu Cristiano Lionel Kylian Zlatan Harry Jurgen Jürgen
Pep Jose José Mauricio Mikel Unai Antonio Stefano Rafael Novak Roger Andy Tiger Rory LeBron Kobe
""".split())
FEMALE_NAMES = frozenset("""
Abigail Alexandra Alice Alicia Alison Amanda Amy Ana Andrea Angela Angelina Ann Anna Anne Annie
Ashley Barbara Betsy Betty Beth Bonnie Brenda Brittany Carly Carol Caroline Carolyn Catherine Chelsea
Cheryl Christina Christine Claire Claudia Cynthia Dana Daniela Deborah Debbie Debra Denise Diana
Diane Donna Doris Dorothy Elaine Elena Elisabeth Elizabeth Ellen Emily Emma Erin Eva Evelyn Fiona
Frances Gabriela Gina Giulia Gloria Grace Hannah Heather Heidi Helen Hillary Hope Huma Ivanka Jacqueline
Jane Janet Janice Jean_f Jeanne Jennifer Jessica Jill Joan Joanna Jodi Judith Judy Julia Julie
Karen Kate Katherine Kathleen Kathy Katie Kayleigh Kellyanne Kelly Kim Kirsten Kristen Laura Lauren
Linda Lisa Loretta Lori Louise Lucy Lynn Madeleine Madonna Maggie Margaret Maria Marie Marine Martha
Mary Maxine Megan Meghan Melania Melanie Melissa Michelle Michele_f Mika Monica Nancy Natalie Nicole
Nikki Nina Olivia Pam Pamela Patricia Patty Paula Peggy Rachel Rebecca Rosa Rose Ruth Samantha Sandra
Sara Sarah Serena Sharon Sheila Sophie Stephanie Sue Susan Susana Suzanne Tammy Tara Teresa Theresa
Tiffany Tina Tulsi Valerie Vanessa Victoria Virginia Wendy Yvonne Zoe Angela Theresa Nicola_f Dilma
Cristina Federica Francesca Giorgia Laura Elisa Simona Venus Naomi Megan Alex_f Jamie Stacey
""".split())


def gender_of(words: tuple[str, ...], surface: str = "") -> Optional[str]:
    """"m", "f" or None for a name (from a title in the surface form or a listed first name)."""
    title = surface.split()[0].rstrip(".") if surface.split() else ""
    if title in _MALE_TITLES:
        return "m"
    if title in _FEMALE_TITLES:
        return "f"
    if len(words) >= 2:
        first = words[0]
        if first in MALE_NAMES:
            return "m"
        if first in FEMALE_NAMES:
            return "f"
    return None


# Heads of a definite description that refers back to a person ("the 23-year-old said").
PERSON_NOUNS = frozenset("""
coach manager striker forward midfielder defender goalkeeper keeper player captain winger
president senator governor candidate nominee minister mayor chairman chairwoman singer actor
actress star veteran boss billionaire businessman businesswoman congressman congresswoman
premier chancellor champion rider driver frontrunner front-runner
""".split())


_MALE_NOUNS = frozenset("businessman congressman chairman actor king".split())
_FEMALE_NOUNS = frozenset("businesswoman congresswoman chairwoman actress queen".split())


def is_person_description(np: str) -> bool:
    """"the 23-year-old", "the Italian coach", "the former senator": a description of a person."""
    words = np.split()
    if len(words) < 2 or len(words) > 4 or words[0].lower() != "the":
        return False
    head = words[-1].lower()
    return head in PERSON_NOUNS or head.endswith("-year-old")


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
    gender: Optional[str] = None
    full: str = ""                 # the fullest form the article gives (set after the scan)
    is_person: bool = False        # a person, or a surname of a person named in full elsewhere


_POSSESSIVE = re.compile(r"['’]s$")


def clean_words(surface: str, before: str = "", caps: bool = False) -> tuple[str, ...]:
    """The words of a name mention without parentheses, titles, roles or a possessive ending."""
    return split_name(surface, before, caps)[1]


def split_name(surface: str, before: str = "",
               caps: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(role words, name words) of a capitalised run: "Treasury Secretary James Baker" ->
    (("Treasury", "Secretary"), ("James", "Baker")).

    `before` is the text just before the run; "Secretary of " before "Commerce Malcolm Baldrige"
    says the leading words name a department, not the person. With `caps`, an all-caps name of
    two or more words ("HILLARY CLINTON:", a transcript label) comes back in title case.
    """
    words = [w.strip("()") for w in surface.split()]
    words = [_POSSESSIVE.sub("", w) if w.endswith(("s", "S")) else w for w in words if w]
    words = [w for w in words if w]
    role: list[str] = []
    # An all-caps name ("HILLARY CLINTON", a transcript label) is the same name in title case;
    # short all-caps words stay (initials, "JR", an acronym inside a longer name).
    # Only when the first word is a known first name: an all-caps headline ("IOWA POLLS") must
    # not turn into something that looks like a person.
    if caps and len(words) >= 2 and all(w.isupper() and len(w.rstrip(".")) > 2 for w in words) \
            and _first_name(_title_case(words[0])):
        words = [_title_case(w) for w in words]
    # a date after a name is not part of it: "Netflix Friday", "Ada Park Tuesday"
    # ("Mike Friday" stays: what is left would be a bare first name)
    while len(words) > 1 and words[-1] in _TRAILING_DATES and not (len(words) == 2 and _first_name(words[0])):
        words.pop()
    while len(words) > 1 and (words[0].rstrip(".") in TITLES or words[0] in NOT_NAME
                              or words[0] in OPENERS or is_role_noun(words[0])
                              or _qualifier(words[0], words[1:])):
        role.append(words.pop(0))
    # "Addressing Argentine fans, ..." / "Adding that ...": a participle opens a clause, and
    # what it governs up to a name is not the speaker; dropped, not kept as role
    # (a lone -ing word may be a surname, "Ebeling": quotes.py judges that with the article)
    if len(words) >= 2 and is_participle(words[0]):
        words = []
    if words and (words[0].rstrip(".") in TITLES or words[0] in NOT_NAME or words[0] in OPENERS
                  or is_role_noun(words[0])):
        role.append(words.pop(0))                   # a lone "The" or "Former" is no name at all
    # a capitalised role ends at its last role word: "White House Press Secretary Josh Earnest",
    # "Finance Minster Gerhard Stoltenberg" (a one-letter slip in the role noun still counts)
    for j in range(len(words) - 2, -1, -1):
        if words[j].rstrip(".") in TITLES or is_role_noun(words[j]):
            role.extend(words[: j + 1])
            words = words[j + 1:]
            break
    # "Secretary of Commerce Malcolm Baldrige", "Chancellor of the Exchequer Nigel Lawson": after
    # "<role noun> of (the)", the capitalised words up to the person's first name are the office.
    # Any capitalised "<Word> of" will do when a known first name shows where the person starts
    # ("Security of State Hillary Clinton", a misprint); otherwise a role noun must say so.
    if len(words) >= 3 and _OF_BEFORE.search(before[-80:]):
        keep = next((i for i in range(1, len(words) - 1) if _first_name(words[i])), None)
        if keep is None and _OFFICE_BEFORE.search(before[-80:]) and looks_like_person(tuple(words)):
            keep = len(words) - 2             # not "of the Washington Restaurant Association"
        if keep:
            role.extend(words[:keep])
            words = words[keep:]
    # "National Review Ian Tuttle": organisation words, then a known first name and a surname
    if len(words) >= 3 and any(w in ORG_WORDS for w in words[:-2]):
        first = next((i for i in range(1, len(words) - 1) if _first_name(words[i])
                      and not any(w in ORG_WORDS for w in words[i:])), None)
        if first:
            role.extend(words[:first])
            words = words[first:]
    # "Indiana Gov." (the name follows after the full stop): a role, no name
    if len(words) >= 2 and (words[-1].rstrip(".") in _ROLE_ABBR or words[-1].lower() in _ROLE_END):
        role.extend(words)
        words = []
    return tuple(w for w in role if w not in NOT_NAME), tuple(words)


# Title abbreviations and role nouns that end a role, never a name (unlike "King", "Judge").
_ROLE_ABBR = frozenset("Gov Sen Rep Lt Col Gen Sgt Capt Supt Atty Pres Cmdr Adm".split())
_ROLE_END = frozenset("""secretary minister spokesman spokeswoman spokesperson director chairman
chairwoman governor senator ambassador commissioner adviser advisor counsel treasurer mp mep ceo""".split())


def _title_case(word: str) -> str:
    """"CLINTON" -> "Clinton", "O'NEIL" -> "O'Neil", "HOLDEN-BROWN" -> "Holden-Brown"."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group()[0] + m.group()[1:].lower(), word)


def _first_name(word: str) -> bool:
    """A word the hand-written first-name lists know."""
    return word in MALE_NAMES or word in FEMALE_NAMES


def _qualifier(word: str, rest: list[str]) -> bool:
    """An adjective before a name: "Billionaire Donald Trump", "Democrat Clinton"; a nationality
    or "Real" only before a full name ("American Express", "Real Madrid" stay whole), and never
    before an organisation ("Republican National Committee")."""
    if word in ADJECTIVES and len(rest) == 1 and rest[0] not in ORG_WORDS and rest[0] not in NOT_NAME:
        return True
    return (word in ADJECTIVES or word in NATIONALITIES or word == "Real") and looks_like_person(tuple(rest))


_role_cache: dict[str, bool] = {}


def is_role_noun(word: str) -> bool:
    """A role noun, or a word one letter-slip away from a long one ("Secertary", "Minster")."""
    w = word.rstrip(".").lower()
    if w in ROLE_NOUNS:
        return True
    if len(w) < 7 or not word[:1].isupper():
        return False
    hit = _role_cache.get(w)
    if hit is None:
        # OSA counts a swap of two neighbouring letters as one edit ("Secertary")
        hit = not _first_name(word) and any(
            abs(len(r) - len(w)) <= 1 and OSA.distance(w, r, score_cutoff=1) <= 1 for r in _SLIP_ROLES)
        if len(_role_cache) < 100_000:
            _role_cache[w] = hit
    return hit


def looks_like_person(words: tuple[str, ...]) -> bool:
    """A guess without a tagger: 2-4 capitalised words none of which is an org/place word."""
    if not words or any(w in ORG_WORDS or w.isupper() and len(w) > 1 for w in words):
        return False
    return 2 <= len(words) <= 4


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
                if _first_name(n.words[0]):
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
            titled = _title_case(words[0])
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
        kind = "f" if head in _FEMALE_NOUNS else "m" if head in _MALE_NOUNS else "?"
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
