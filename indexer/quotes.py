"""Direct quotations: quote-mark pairing, spans, nesting, continuation and attribution.

The extractor works paragraph by paragraph with a small state machine over the quote marks (so
its cost is linear in the text length), groups the pieces of one quotation (a quote split by its
attribution, a quote running over several paragraphs), then looks for the attribution after,
between and before the pieces, and resolves the speaker within the article (`speakers.py`).

`Quote.rule` names the rule that attributed a quote:
  after:name-cue / after:cue-name   `"...," Lee said` / `"...," said Lee`
  after:verb-name / after:name-verb `"...!" beamed Lee` / `"...," an angry Lee retaliated`
  after:dash / after:dash-line      `"..." ― Lee` / a "- Lee, Leeds" paragraph under the quote
  split:*                           `"A," Lee said. "B."` -- one quote, two spans
  before:name-cue / before:partial  `Lee said: "..."` / `Lee said the plan "would fail"`
  before:phrase                     `Lee called the plan "a disgrace"` (a naming or judging verb)
  before:colon / before:colon-paragraph   `Lee: "..."` / a paragraph ending "Lee said:"
  before:sentence                   `Lee said in a statement. "..."`
  subject                           a long quote inside a sentence whose subject is a person
  continuation                      no attribution of its own, right after a quote by someone
  unattributed / nested:*           nobody said it / a quote inside a quote
Paragraphs come from `tokenize.paragraphs`, the one splitter of the package.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Iterator, Optional

from . import media, speakers
from .tokenize import paragraphs  # noqa: F401 - one paragraph splitter for the whole package
from .records import Article, Mention, Quote

Span = tuple[int, int]

_MARKS = re.compile("[\"“”«»„‘’']")
_CLOSE_FOLLOW = set(" \t\n\r\u00a0.,;:!?)]}—–-…'’\"”")  # what may follow a closing mark


# ---------------------------------------------------------------- cue verbs

# Verb forms that introduce speech. Forms that are more often nouns ("state", "post", "remarks",
# "claims", "answer") are left out: they would make "the Washington Post" or "his answer:" a cue.
_CUE_STEMS = """
say says said saying tell tells told telling add adds added adding ask asks asked asking
admit admits admitted admitting explain explains explained explaining write writes wrote writing
tweeted tweeting stating insist insists insisted insisting stated declare declares declared declaring
noted noting continue continues continued continuing replied replying responded responding
claimed argue argues argued arguing warn warns warned warning stressed stressing recalled recalling
acknowledge acknowledges acknowledged acknowledging concede concedes conceded conceding complain
complains complained complaining suggest suggests suggested suggesting joked joking quipped quipping
shouted shouting yelled yelling announce announces announced announcing remarked observe observes
observed exclaimed countered cautioned emphasize emphasizes emphasized emphasizing emphasise
emphasises emphasised urged urging predict predicts predicted predicting vowed vowing promised
boasted boasting lamented lamenting mused musing conclude concludes concluded confirm confirms
confirmed reveal reveals revealed testify testifies testified testifying pleaded demanded
wondered charged allege alleges alleged contend contends contended maintained asserts asserted
answered posted recounted recounting agreed describes described describing chanted chanting
reiterated reiterating clarified assured scoffed laughed sighed grumbled barked interjected
interrupted opined proclaimed repeated echoed mentioned affirmed denied retorted snapped begged
whispered screamed cried texted emailed e-mailed messaged quoted explained pressed implored reasoned
marveled marvelled gushed raved fumed thundered bristled griped surmised speculated theorized
reckoned reported reports reporting sings sang singing reads read agrees remembered exhorted
retaliated boomed intoned roared hollered chimed chided mocked teased reminded cautioned conceded
estimated recalls remembers writes wrote posted tweets
"""
CUE_WORDS = frozenset(_CUE_STEMS.split())

_PRONOUN_SUBJECTS = {"he", "she", "they", "we", "i", "it", "you"}
_ADVERBS = frozenset("""
even only just still also later then again once previously recently reportedly simply quickly earlier further
softly quietly firmly bluntly flatly angrily calmly sharply candidly frankly publicly privately
recently repeatedly often once twice finally, eventually jokingly proudly bluntly clearly simply
""".split())
# Words that cannot be inside a speaker noun phrase: they begin a clause.
_CLAUSE = frozenset("""
that who whom which whose when while where because since if is was were are be been has have had
will would could can should did does do not but so than then as although though unless until
""".split())
_PREP = frozenset("in on at after before during from by about into over under with without through "
                  "across against toward towards".split())
_NP_STOP = _CLAUSE | _PREP | frozenset("adding saying according this these those there here or to".split())
_DETERMINERS = frozenset("the a an one another his her their its our my your some".split())
_TITLE_ABBR = frozenset("Mr Mrs Ms Dr Sen Rep Gov Lt Col Gen Maj Capt Sgt Prof Rev St Jr Sr Hon Pres Supt Insp Det Atty Messrs Gen Adm Cmdr".split())

_TOK = re.compile(r"\w+(?:[-'’.]\w+)*(?:['’]s?)?|[^\w\s]")


class _Tok:
    """One token of an attribution window, with its offsets in the article text."""

    __slots__ = ("s", "a", "b", "low", "cap")

    def __init__(self, s: str, a: int, b: int):
        """Keep the token and precompute its lower-case form and capitalisation."""
        self.s, self.a, self.b = s, a, b
        self.low = s.lower()
        self.cap = s[:1].isupper()

    def __repr__(self) -> str:
        """For debugging."""
        return f"_Tok({self.s!r}, {self.a}, {self.b})"


def _tokens(text: str, a: int, b: int) -> list[_Tok]:
    """Tokens of text[a:b] with absolute offsets."""
    return [_Tok(m.group(), m.start(), m.end()) for m in _TOK.finditer(text, a, b)]


def _is_cue(toks: list[_Tok], i: int, initial: bool = False) -> int:
    """Length in tokens of the cue starting at toks[i] (0 if none): said, told, according to.

    A capitalised word is a name ("Read said"), not a cue, unless it opens the sentence
    (`initial`: "Said Comey, ...").
    """
    t = toks[i]
    if t.cap and not initial:
        return 0
    low = t.low
    if low in CUE_WORDS:
        return 1
    if low in ("put", "puts") and i + 1 < len(toks) and toks[i + 1].low == "it":
        return 2                                   # "as Cornyn put it: ..."
    if low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to":
        return 2
    if low in ("went", "goes") and i + 2 < len(toks) and toks[i + 1].low == "on":
        return 2
    if low in ("pointed", "points") and i + 1 < len(toks) and toks[i + 1].low == "out":
        return 2
    return 0


# ---------------------------------------------------------------- mark pairing

@dataclass
class _Piece:
    """One stretch of quoted text inside one paragraph."""

    start: int                 # inner span, marks excluded, white space trimmed
    end: int
    open: int                  # offset of the opening mark
    close: Optional[int]       # offset of the closing mark; None when it runs to the paragraph end
    para: int
    nested: list[tuple[int, int, int, int]] = field(default_factory=list)  # (start, end, open, close)


def _trim(text: str, a: int, b: int) -> Span:
    """(a, b) without surrounding white space."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _pair(text: str, pa: int, pb: int, para: int, out: list[_Piece]) -> None:
    """Pair the quote marks of paragraph text[pa:pb] and append its quoted pieces to out."""
    open_at = -1
    kind = ""
    nest_at = -1
    nest_kind = ""
    nested: list[tuple[int, int, int, int]] = []
    for m in _MARKS.finditer(text, pa, pb):
        i = m.start()
        c = text[i]
        prev = text[i - 1] if i > pa else " "
        nxt = text[i + 1] if i + 1 < pb else " "
        if c in "’'" and prev.isalnum() and nxt.isalnum():
            continue                                   # an apostrophe: didn’t, O'Neill
        if prev == "=" or (c == '"' and nxt == ">"):
            continue                                   # markup attributes: <a href="...">
        if open_at < 0:
            if c in "“„«":
                # a “ glued to a word and followed by a space is a stray closer, not an opener
                if c == "“" and i > pa and not prev.isspace() and prev not in "([{—–-/" and nxt in _CLOSE_FOLLOW:
                    continue
                open_at, kind = i, c
            elif c == '"':
                if i > pa and not prev.isspace() and prev not in "([{—–-/:" and nxt in _CLOSE_FOLLOW:
                    continue
                open_at, kind = i, c
            continue                                   # single marks and stray closers outside a quote
        # inside a double quote
        if nest_at >= 0:
            if nest_kind in "‘'":
                if c in "’'" and not prev.isspace():
                    nested.append((*_trim(text, nest_at + 1, i), nest_at, i))
                    nest_at = -1
                    continue
            elif (c in "”\"»“" and not prev.isspace() and nxt in _CLOSE_FOLLOW
                  and not (c == kind and kind == '"')):
                nested.append((*_trim(text, nest_at + 1, i), nest_at, i))
                nest_at = -1
                continue
        if c in "‘'":
            if nest_at < 0 and (prev.isspace() or prev in "([{—–-/\"“:") and not nxt.isspace():
                nest_at, nest_kind = i, c
            continue
        if c == "’":
            continue                                   # a closer with nothing to close, or ’90s
        closes = False
        if c in "”»":
            closes = True
        elif c == '"':
            if kind == '"':
                closes = True                          # straight marks toggle
            elif prev.isspace() and not nxt.isspace() and nest_at < 0:
                nest_at, nest_kind = i, c              # a straight pair nested in curly marks
                continue
            else:
                closes = True
        elif c == "“":
            if not prev.isspace() and nxt in _CLOSE_FOLLOW:
                closes = True                          # wrong kind used as a closer (seed 000)
            elif nest_at < 0 and prev.isspace():
                nest_at, nest_kind = i, c
                continue
        elif c in "„«" and nest_at < 0:
            nest_at, nest_kind = i, c
            continue
        if closes:
            a, b = _trim(text, open_at + 1, i)
            if a < b:
                out.append(_Piece(a, b, open_at, i, para, nested))
            open_at, nest_at, nested = -1, -1, []
    if open_at >= 0:
        a, b = _trim(text, open_at + 1, pb)
        if a < b:
            out.append(_Piece(a, b, open_at, None, para, nested))


# ---------------------------------------------------------------- attribution

@dataclass
class _Attr:
    """What an attribution clause says: who (mention), with what cue, where, by which rule."""

    mention: Optional[Mention]
    name: Optional[tuple[str, ...]]   # the name words when the mention is a name
    pronoun: Optional[str]
    role: Optional[str]
    cue: Optional[str]
    medium: Optional[str]
    rule: str
    end: int = 0                      # where the clause ends in the text
    tight: bool = False               # nothing but "X said" (+ a short adverbial) before the end
    adjacent: bool = False            # the cue stands right before the opening mark ("chanting "No!"")


_NP_RESULT = Optional[tuple[Mention, Optional[tuple[str, ...]], Optional[str], Optional[str]]]


def _strip_parens(toks: list[_Tok]) -> list[_Tok]:
    """Tokens without parenthesised asides: "Rep. Elijah Cummings (D-Md.)" -> the name."""
    out, depth = [], 0
    for t in toks:
        if t.s == "(":
            depth += 1
        elif t.s == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(t)
    return out


def _np(text: str, toks: list[_Tok], allow_prep: bool = True) -> _NP_RESULT:
    """Read a speaker noun phrase: (mention, name words, pronoun, role) or None if it is not one.

    Handles "he", "Inzaghi", "Torino's sporting director Davide Vagnati", "Hugh Hill, a doctor",
    "Torino's sporting director, Davide Vagnati", "the White House", "a spokesman".
    """
    toks = _strip_parens(toks)
    while toks and (toks[-1].s in ",;:—–-―." or toks[-1].low in _ADVERBS
                    or (len(toks) > 1 and toks[-1].s.endswith("ly") and toks[-1].s.islower())):
        toks = toks[:-1]
    while toks and (toks[0].s in ",;:—–-―" or toks[0].low in _ADVERBS):
        toks = toks[1:]
    if not toks:
        return None
    if len(toks) == 1 and toks[0].low in _PRONOUN_SUBJECTS:
        t = toks[0]
        return Mention(t.s, t.a, t.b), None, t.low, None
    got = _affiliated(text, toks)
    if got:
        return got                               # "Bill Ray of Lynch, Pierce and Smith Inc"
    segs = _comma_parts(toks)
    # a time word is not a speaker: "On Tuesday, he said"
    segs = [x for x in segs if x and not all(t.s in _DAYS or t.low in _TIME_WORDS for t in x)]
    if not segs or len(segs[0]) > 10 or any(t.low in _CLAUSE or _cue_like(t) for t in segs[0]):
        return None
    for k, seg in enumerate(segs[:3]):
        if k and any(t.low in _CLAUSE or _cue_like(t) for t in seg):
            break
        if len(seg) == 1 and seg[0].low in _PRONOUN_SUBJECTS:
            t = seg[0]
            return Mention(t.s, t.a, t.b), None, t.low, None
        got = _affiliated(text, seg) if k else None
        if got:
            return got                           # "He said, Scott Winn of Winn and Co, ..."
        run = _trailing_name(seg)
        if run is None:
            continue
        i0, i1 = run
        name_toks = seg[i0:i1]
        lead, words = speakers.split_name(" ".join(t.s for t in name_toks),
                                          text[max(0, name_toks[0].a - 80):name_toks[0].a], caps=True)
        if not words:
            continue
        role = _role(text, seg[:i0])
        lead_role = _lead_role(text, name_toks, lead) if lead else None
        if role and lead_role and i0 and role.endswith(seg[i0 - 1].s):
            # "former Secretary of" + "State" before "Hillary Clinton": one role
            role = role + text[seg[i0 - 1].b:name_toks[0].a + len(lead_role)]
        if role is None:
            # "Treasury Secertary James Baker", "Spokesman Fitzwater": the words left out of the
            # name are the role (up to the first name word of the mention)
            role = lead_role
        if role is None and k > 0:
            role = _role(text, [t for x in segs[:k] for t in x])      # "Torino's director, Davide Vagnati"
        if role is None and k + 1 < len(segs) and segs[k + 1][0].low in _DETERMINERS:
            role = _role(text, segs[k + 1])                            # "Hugh Hill, a doctor"
        a = name_toks[0].a
        return Mention(text[a:name_toks[-1].b], a, name_toks[-1].b), words, None, role
    seg = segs[0]
    if len(seg) > 8 or (not allow_prep and any(t.low in _PREP for t in seg)):
        return None
    # a common noun phrase: "a spokesman", "officials", "the 23-year-old", "White House aides"
    if not (seg[0].low in _DETERMINERS or seg[0].cap or seg[0].s[:1].isdigit()
            or (len(seg) <= 3 and seg[-1].low.endswith("s") and seg[0].low not in _PREP)):
        return None
    return Mention(text[seg[0].a:seg[-1].b], seg[0].a, seg[-1].b), None, None, None


_OFFICE_OF = re.compile(r"\bof\s+(?:the\s+)?$")

# Prepositions that attach a person to an organisation or place: "Scott Winn of Winn and Co",
# "Ann Vole at Leeds University", "Dan McKay, analyst with Dale Brook".
_AFFIL = frozenset("of with at from for".split())
# Last words of a firm's name; a firm name ending in one may hold commas ("Dale Brook, Hart
# Webb and Co"), any other post-modifier ends at the first comma.
FIRM_TAILS = frozenset("""Co Cos Company Inc Corp Corporation Ltd Plc PLC LLC LLP LP Group Bank Bancorp
AG SA NV BV SpA GmbH Associates Partners Securities Brothers Bros Holdings Trust""".split())


def _org_after(toks: list[_Tok]) -> bool:
    """Whether toks (what follows "of"/"with"/"at"...) are an organisation or place name to the
    end: "(the) (brokerage) J.S. Winn and Co", "Leeds University", "Dale Brook, Hart Webb and Co"."""
    i, n = 0, len(toks)
    if i < n and toks[i].low == "the":
        i += 1
    lower = 0
    while i < n and not toks[i].cap and toks[i].s.isalpha() and toks[i].low not in _NP_STOP \
            and toks[i].low not in ("and", "of", "&") and lower < 3:
        i += 1                                   # "brokerage", "stockbroker", "investment bank"
        lower += 1
    if i >= n or not toks[i].cap:
        return False
    comma = False
    for t in toks[i:]:
        if t.s == ",":
            comma = True
        elif not (t.cap or t.s in ".&-" or t.low in ("and", "of", "de", "du", "la", "le", "van", "von", "the")
                  or t.s[:1].isdigit()):
            return False                         # a clause or a lower-case word: not a name
    last = toks[-1]
    return last.cap and (not comma or last.s in FIRM_TAILS)


def _comma_parts(toks: list[_Tok]) -> list[list[_Tok]]:
    """The runs of tokens between commas (empty runs kept, so callers see where commas were)."""
    parts: list[list[_Tok]] = [[]]
    for t in toks:
        if t.s == ",":
            parts.append([])
        else:
            parts[-1].append(t)
    return parts


def _affiliated(text: str, seg: list[_Tok]) -> _NP_RESULT:
    """A person's name, then of/with/at/from/for and an organisation to the end of the phrase:
    "Scott Winn of J.S. Winn and Co", "analyst Jack Kirk at Pell Norton" -> the person is the
    speaker and the mention; the role keeps the affiliation. None when no person leads it ("the
    Bank of England", "a spokesman for Chrysler Corp", "Secretary of State Ann Vole")."""
    for p in range(1, len(seg) - 1):
        t = seg[p]
        if t.low not in _AFFIL or t.cap or not seg[p - 1].cap or seg[p - 1].s.endswith(("'s", "’s")) \
                or "," in (x.s for x in seg[:p]) or not _org_after(seg[p + 1:]):
            continue
        got = _np(text, seg[:p], allow_prep=False)
        if not got or not got[1]:
            continue
        mention, words, _, role = got
        # a lone surname needs a title or role noun right before it ("analyst Kirk", "Lord Lee");
        # "the secretary general of the Organisation for ..." is no person
        titled = role is not None and (role.split()[-1].rstrip(".") in speakers.TITLES
                                       or speakers.is_role_noun(role.split()[-1]))
        person = speakers.looks_like_person(words) or (
            len(words) == 1 and titled and words[0] not in speakers.ORG_WORDS and not words[0].isupper())
        if not person or speakers.is_role_noun(words[-1]) or words[-1] in speakers.TITLES:
            continue                             # "the Roman Catholic Archbishop of Cardiff"
        org = seg[p + 2:] if seg[p + 1].low == "the" else seg[p + 1:]
        where = text[org[0].a:org[-1].b]
        return mention, words, None, f"{role} {t.low} {where}" if role else where
    return None


def _lead_role(text: str, name_toks: list[_Tok], lead: tuple[str, ...]) -> Optional[str]:
    """The text of the mention's leading non-name words, if they hold a role or title word."""
    if not any(speakers.is_role_noun(w) or w.rstrip(".") in speakers.TITLES for w in lead) \
            and not _OFFICE_OF.search(text, max(0, name_toks[0].a - 40), name_toks[0].a):
        return None                          # "Besides", "Billionaire": not a role
    last = None
    k = 0
    for t in name_toks:
        if k < len(lead) and t.s.strip("()") == lead[k].strip("()"):
            last, k = t, k + 1
        elif t.s != ".":
            break
    return text[name_toks[0].a:last.b] if last is not None else None


def _cue_like(t: _Tok) -> bool:
    """A cue verb or a negated auxiliary ("didn't") inside what should be a noun phrase; a
    capitalised word is a name ("Ian Read")."""
    return not t.cap and (t.low in CUE_WORDS or t.low.endswith(("n't", "n’t")))


def _trailing_name(seg: list[_Tok]) -> Optional[tuple[int, int]]:
    """(i0, i1): the capitalised run that ends the segment (a possessive is not a name end)."""
    i1 = len(seg)
    while i1 > 0 and seg[i1 - 1].s == ".":
        i1 -= 1
    if i1 == 0 or not seg[i1 - 1].cap or seg[i1 - 1].s.endswith(("'s", "’s", "'", "’")):
        return None
    i0 = i1 - 1
    while i0 > 0:
        p = seg[i0 - 1]
        if p.cap and not p.s.endswith(("'s", "’s")):
            i0 -= 1
        elif p.s == "." and i0 >= 2 and (seg[i0 - 2].s in _TITLE_ABBR or _INITIALS.match(seg[i0 - 2].s)):
            i0 -= 1                                 # "Sen." or the initial in "Elijah E. Cummings"
        elif p.low in _PARTICLES and i0 >= 2 and seg[i0 - 2].cap:
            i0 -= 1
        elif p.s == "&" and i0 >= 2 and seg[i0 - 2].cap:
            i0 -= 1                                 # "Smith & Co"
        elif p.s == "of" and i0 >= 2 and seg[i0 - 2].s in _ORG_HEADS:
            i0 -= 1                                 # "the Bank of England", not "England"
        else:
            break
    # a capitalised role ends at its last title word: "Finance Minister Ana Silva" -> "Ana Silva"
    for j in range(i1 - 2, i0 - 1, -1):
        if seg[j].s in speakers.TITLES or seg[j].s in _TITLE_ABBR:
            i0 = j + 1
            break
    while i0 < i1 and (seg[i0].s == "." or seg[i0].s in speakers.TITLES or seg[i0].s in _TITLE_ABBR):
        i0 += 1                                     # the title is role, not name
    if i0 < i1 and seg[i0].s in ("The", "A", "An"):
        i0 += 1
    if i0 >= i1:
        return None
    return i0, i1


# Heads of an organisation's name that take "of" + a name: "Bank of England", "University of Leeds".
_ORG_HEADS = frozenset("""Bank University Ministry Department Office Institute Commission College
School Board Council Federation Association Union Chamber Court Bureau Agency Committee Society
Academy Museum Church""".split())
_INITIALS = re.compile(r"[A-Z](?:\.[A-Z])*$")
_PARTICLES = frozenset("de da di del della van von der den al bin le la du dos".split())


def _role(text: str, toks: list[_Tok]) -> Optional[str]:
    """The role words before a name, without a leading article: "Torino's sporting director"."""
    while toks and (toks[0].low in ("the", "a", "an") or toks[0].s in ",."):
        toks = toks[1:]
    while toks and toks[-1].s in ",.":
        toks = toks[:-1]
    if not toks or any(t.low in _CLAUSE or _cue_like(t) for t in toks):
        return None
    return text[toks[0].a:toks[-1].b]


def _sentence_end(toks: list[_Tok], i: int, text: str = "") -> bool:
    """Whether toks[i] ends a sentence: a full stop not after an abbreviation or an initial, and
    not followed by a comma, a bracket or a lower-case word ("Wash., recently", "(D-Md.)")."""
    t = toks[i]
    if t.s in "!?;":
        return True
    if t.s != ".":
        return False
    if i > 0:
        p = toks[i - 1].s
        if p in _TITLE_ABBR or _INITIALS.match(p) or "." in p:
            return False
    if i + 1 < len(toks):
        n = toks[i + 1].s
        if n in ",)]" or n[:1].islower():
            return False
    return True


def _end_index(toks: list[_Tok], j: int) -> int:
    """Index of the first sentence end or quote mark at or after j (len(toks) if none)."""
    for k in range(j, len(toks)):
        if toks[k].s in "“\"" or _sentence_end(toks, k):
            return k
    return len(toks)


def _tight(toks: list[_Tok], j: int, e: int, told: bool = False) -> bool:
    """Whether toks[j:e] is a short adverbial only ("on Tuesday", "in a statement", "to DAZN"),
    or after "told" its object ("told CNN"), rather than a clause of reported speech."""
    rest = toks[j:e]
    if len(rest) > 8 or any(t.low in CUE_WORDS or t.low in ("that", "and", "but") or t.low in _CLAUSE
                            or (t.low.endswith("ing") and t.low not in ("during", "morning", "evening"))
                            for t in rest):
        return False
    if not rest or told:
        return True
    first = rest[0]
    return (first.s in ",.;!?" or first.low in _PREP or first.low in _ADVERBS or first.low in _TIME_WORDS
            or first.s in _DAYS or first.low in ("to", "via", "for", "of", "told", "later"))


def _after(text: str, a: int, b: int, rule: str) -> Optional[_Attr]:
    """An attribution right after a quote: `, X said` / `, said X` / `, X told DAZN` / `― X`."""
    toks = _tokens(text, a, min(b, a + 300))
    i = 0
    dash = False
    while i < len(toks) and toks[i].s in ",—–-―:":
        dash = dash or toks[i].s in "—–-―"
        i += 1
    if i >= len(toks) or toks[i].s in ".!?":
        return None
    e = _end_index(toks, i)
    closed = text[a - 2:a - 1] in ".!?" or text[a - 1:a] in ".!?"
    if closed and (e < len(toks) and toks[e].s == ":" or (e == len(toks) and toks[-1].s == ":")):
        return None                               # "A." X reiterated: "B." -- the clause is B's
    n = _is_cue(toks, i)
    if n:                                         # inverted: said X
        j = i + n
        while j < e and (toks[j].low in _ADVERBS or toks[j].s in _DAYS):
            j += 1                                # "said Tuesday Smith" is rare; "said later" is not
        k = j
        while k < e and (toks[k].cap and k > j or toks[k].low not in _NP_STOP and toks[k].low != "for"):
            k += 1                                # "said Treasury Under Secretary Ann Vole": a name word
        if k < e and toks[k].low in _AFFIL and _named_before(toks, k) and _org_after(toks[k + 1:e]):
            k = e                                 # "said Tom Ruck at Harbour Bank": the firm goes to the role
        got = _np(text, toks[j:k], allow_prep=False)
        if not got:
            return None
        mention, words, pron, role = got
        return _Attr(mention, words, pron, role, _cue_text(toks, i, n), _medium(text, toks, i, e),
                     rule + ":cue-name", _end_offset(toks, e), _tight(toks, k, e))
    for k in range(i, min(e, i + 30)):            # normal: X said
        n = _is_cue(toks, k)
        if n:
            got = None
            if toks[i].low in _DETERMINERS or toks[i].low in _PRONOUN_SUBJECTS or toks[i].cap or toks[i].s[:1].isdigit():
                got = _np(text, toks[i:k])
            if not got:
                # the quote ends inside a sentence: "The ferry was late" on both days, she said
                got = _np_before(text, toks[i:k + n], k - i)
            if not got:
                return None
            tight = _tight(toks, k + n, e, told=toks[k].low.startswith(("tell", "told")))
            if closed and toks[i].cap and not tight and not _asked_by(text, a, toks, i, k, n, e, got):
                return None                       # "A." He said Clinton would ... -- a new sentence
            mention, words, pron, role = got
            return _Attr(mention, words, pron, role, _cue_text(toks, k, n), _medium(text, toks, k, e),
                         rule + ":name-cue", _end_offset(toks, e), tight)
    # a speech verb not in the lexicon, right after a comma-ended quote: ", an angry Hollande retaliated."
    if text[a - 2:a - 1] in ",?!" or text[a - 1:a] == ",":
        got = _inverted_verb(text, toks, i, e)                # ", beamed Ada Park of Leeds."
        if got:
            return _Attr(*got[0], toks[i].low, _medium(text, toks, i, e), rule + ":verb-name",
                         _end_offset(toks, e), True)
        for k in range(i + 1, min(e, i + 8)):
            t = toks[k]
            if not t.cap and t.low.endswith("ed") and _tight(toks, k + 1, e) and k + 1 >= e - 4:
                got = _np(text, toks[i:k])
                if got and (got[1] or got[2]):
                    mention, words, pron, role = got
                    return _Attr(mention, words, pron, role, t.low, _medium(text, toks, k, e),
                                 rule + ":name-verb", _end_offset(toks, e), True)
                break
    if dash and e - i <= 8:                       # a byline-like "― Nell Carden Grey"
        got = _np(text, toks[i:e], allow_prep=False)
        if got and got[1]:
            mention, words, pron, role = got
            return _Attr(mention, words, pron, role, None, None, rule + ":dash", _end_offset(toks, e), True)
    return None


def _inverted_verb(text: str, toks: list[_Tok], i: int, e: int):
    """`"...," beamed Ada Park of Leeds` / `"...?" reacted Ada Park.`: a past-tense verb outside the
    cue lexicon, then a name that ends the clause (not the object of "prompted Ada Park to ...").
    ((mention, words, pronoun, role), end index) or None."""
    t = toks[i]
    if t.cap or not t.low.endswith("ed") or i + 1 >= e or not toks[i + 1].cap:
        return None
    j = i + 1
    while j < e and toks[j].s not in ",;" and toks[j].low not in _NP_STOP and (toks[j].cap or toks[j].s == "."):
        j += 1
    if j < e and toks[j].s not in ",;" and toks[j].low not in _PREP and toks[j].low != "of":
        return None                              # "... prompted Ada Park to resign"
    got = _np(text, toks[i + 1:j], allow_prep=False)
    if not got or not got[1]:
        return None
    return got, j


def _asked_by(text: str, a: int, toks: list[_Tok], i: int, k: int, n: int, e: int, got) -> bool:
    """After a quote closed by ? or !, "Todd asked the mogul" / "Trump told ITV in an interview":
    a name right before the cue, and the cue not followed by a clause of its own (as in
    "Why not?" Smith said the plan was dead), is the attribution, however long its tail."""
    if not (got[1] and (text[a - 2:a - 1] in ("?", "!") or text[a - 1:a] in ("?", "!")) and k - i <= 4):
        return False
    j = k + n
    if j >= e or toks[k].low in ("told", "tells", "asked", "asks"):
        return True
    t = toks[j]
    return (t.s in ",;" or t.low in _PREP or t.low in _ADVERBS or t.low.endswith("ly")
            or t.s in _DAYS or t.low in _TIME_WORDS)


_INTRO = _PREP | frozenset("after before when while as alongside amid despite for like unlike following to "
                           "asked speaking earlier later last along here there however meanwhile likewise "
                           "instead indeed moreover nevertheless nonetheless also still now again".split())
# Openers whose noun phrase is never the subject: "In Leeds, ...", "Here in Leeds, ...".
_PLACE_OPENERS = _PREP | frozenset("here there when while after before as since until".split())
_DAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
_TIME_WORDS = frozenset("today yesterday tonight tomorrow now then later earlier recently morning "
                        "afternoon evening night week month year last this next minutes hours days "
                        "moments seconds weeks months years".split())


def _end_offset(toks: list[_Tok], e: int) -> int:
    """Text offset where a clause ending at token index e ends."""
    if e < len(toks):
        return toks[e].b if toks[e].s not in "“\"" else toks[e].a
    return toks[-1].b if toks else 0


def _cue_text(toks: list[_Tok], i: int, n: int) -> str:
    """The cue as written, lower-cased: "said", "according to"."""
    return " ".join(t.low for t in toks[i:i + n])


def _medium(text: str, toks: list[_Tok], cue_i: int, e: int) -> Optional[str]:
    """The medium named in the clause from the cue to the sentence end."""
    if e <= cue_i:
        return None
    return media.medium_in(text[toks[cue_i].a:toks[e - 1].b])


def _said_sentence(text: str, lo: int, end: int) -> Optional[_Attr]:
    """A sentence ending at `end` that reports speech without its words: "Lee said in a statement."
    / "Lee told reporters Monday." -- the quote that follows is what was said."""
    toks = _tokens(text, max(lo, end - 300), end)
    if len(toks) < 3 or toks[-1].s != "." or not _sentence_end(toks, len(toks) - 1):
        return None
    s = 0
    for k in range(len(toks) - 2):
        if _sentence_end(toks, k) or toks[k].s in "\"“”":
            s = k + 1
    if _char_before(text, toks[s].a, max(0, toks[s].a - 3)) in ("\"", "”", "“"):
        return None                               # `"A," Lee said Friday.` attributes A, not what follows
    toks = toks[s:-1]
    for k in range(len(toks) - 1, -1, -1):
        n = _is_cue(toks, k)
        if not n:
            continue
        if toks[k].low.endswith("ing") or toks[k].low == "according" \
                or not _tight(toks, k + n, len(toks), told=toks[k].low.startswith(("tell", "told"))):
            return None
        got = _np_before(text, toks, k)
        if not got or not (got[1] or got[2] in ("he", "she", "they", "we", "i")):
            return None
        mention, words, pron, role = got
        return _Attr(mention, words, pron, role, _cue_text(toks, k, n),
                     media.medium_in(text[toks[k].a:end]), "before:sentence", end, True)
    return None


# Verbs that put a quoted phrase in someone's mouth without reporting a speech: "Lee called the
# plan "a disgrace"", "Lee blasted the firm for its "outrageous prices"". Only used before a quote
# and with a person (a name or a personal pronoun) as their subject: "a group called "Unite"" and
# "the report called ..." are names and titles, not speech.
PHRASE_VERBS = frozenset("""
called calls labeled labelled labels dubbed dubs branded brands termed
terms likened likens deemed deems blasted blasts slammed slams denounced denounces decried decries
praised praises hailed hails derided derides ridiculed ridicules coined pledged pledges touted
touts lauded lauds accused accuses criticized criticised criticizes criticises condemned condemns
characterized characterised characterizes characterises dismissed dismisses cited cites
""".split())
# Their base forms, which need a modal or a plural subject: "would denounce", "they call".
_PHRASE_BASE = frozenset("""
call label dub brand term liken blast slam denounce decry praise hail deride ridicule tout laud
accuse criticize criticise condemn characterize characterise dismiss cite
""".split())
PHRASE_VERBS = PHRASE_VERBS | _PHRASE_BASE

# Auxiliaries between a subject and its verb: "Lee had called it", "Lee would denounce".
_AUX = frozenset("had has have would will could did does do also once later then even".split())
# Phrase verbs that name rather than judge: with them a Title Case phrase is a nickname given by
# the subject ("called Rubio "Little Marco""), not a title.
_NAMING_VERBS = frozenset("called calls call dubbed dubs dub labeled labelled labels label "
                          "branded brands brand".split())


def _phrase_attr(text: str, toks: list[_Tok], k: int, open_at: int) -> Optional[_Attr]:
    """`Lee called the plan "a disgrace"`: the phrase verb toks[k], its object (at most 8 words,
    no clause), then the quote; the subject must be a name or a personal pronoun."""
    rest = toks[k + 1:]
    if rest and rest[-1].low == "as":
        rest = rest[:-1]                          # "blasted the deal as "rigged""
    if len(rest) > 8 or any(t.low in _CLAUSE or t.low == "and" or t.s in ".;:!?" for t in rest):
        return None
    j = k
    while j > 1 and toks[j - 1].low in _AUX:
        j -= 1
    if k == 0:
        return None
    modal = j < k and toks[j].low in ("would", "will", "could", "did", "does", "do")
    base = toks[k].low in _PHRASE_BASE
    if modal != base and not base:
        return None                               # "would denounced"
    got = _np_before(text, toks, j)
    if not got or not (got[1] or got[2] in ("he", "she", "they", "we", "i")):
        return None
    if base and not modal and got[2] not in ("they", "we", "i"):
        return None                               # "they call it"; "Lee call it" is no sentence
    mention, words, pron, role = got
    return _Attr(mention, words, pron, role, toks[k].low, None, "before:phrase", open_at, True,
                 adjacent=k + 1 == len(toks))


def _before(text: str, lo: int, open_at: int) -> Optional[_Attr]:
    """An attribution before a quote in its sentence: `X said: "` / `X said, "` / `X told CNN: "`."""
    toks = _tokens(text, max(lo, open_at - 300), open_at)
    if toks and toks[-1].s in ".!?" and _sentence_end(toks, len(toks) - 1):
        return None                               # the quote opens a new sentence
    s = 0
    for k in range(len(toks) - 1):
        if _sentence_end(toks, k):
            s = k + 1
    toks = toks[s:]
    for k in range(len(toks) - 1, -1, -1):
        n = _is_cue(toks, k, initial=k == 0)
        if not n:
            if toks[k].low in PHRASE_VERBS and not toks[k].cap:
                got = _phrase_attr(text, toks, k, open_at)
                if got:
                    return got
            continue
        rest = toks[k + n:]
        tail = text[toks[k + n - 1].b:open_at].rstrip()
        intro = tail.endswith((":", ",")) or not rest or rest[-1].low == "that"
        if not intro and (len(rest) > 8 or len(rest) > 3 and any(t.low in _CLAUSE or t.low == "and" for t in rest)):
            return None                           # a quoted phrase deep in reported speech
        if toks[k].low == "according" or k == 0:
            # "According to Smith, ..." / "Said Comey, ..."
            got = _np(text, [t for t in rest if t.s not in ":,"], allow_prep=False)
        elif toks[k].low.endswith("ing"):
            # "Spicer said, adding, ..." -> the speaker of the earlier cue; "Trump hit back, saying" -> subject
            earlier = next((j for j in range(k - 1, -1, -1) if _is_cue(toks, j)), None)
            got = _np_before(text, toks, earlier) if earlier is not None else None
            j = k
            while j > 0 and (toks[j - 1].low in _ADVERBS or toks[j - 1].low.endswith("ly")) and not toks[j - 1].cap:
                j -= 1
            if got is None and j > 0 and toks[j - 1].cap:
                got = _np_before(text, toks, j)   # "footage of Trump saying", "Trump reportedly yelling"
                got = got if got and got[1] else None
            got = got or _subject(text, toks[:k])
        else:
            got = _np_before(text, toks, k)
            if (not got or not (got[1] or got[2])) and k >= 3 and toks[k - 1].low == "and" \
                    and not toks[k - 2].cap and (toks[k - 2].low.endswith("ed") or _is_cue(toks, k - 2)):
                got = _np_before(text, toks, k - 2) or got    # "he laughed and said" -> he
            # a definite description right before the cue is the subject ("the 34-year-old replied");
            # otherwise ("Others, reacting to the delay, shouted") the sentence's subject is
            described = (got is not None and got[0].text.split()[0].lower() == "the" and toks[k - 1].b == got[0].end
                         and _clause_initial(toks, got[0].start)
                         and not any(w.lower() in speakers.PRONOUNS for w in got[0].text.split()))
            if (not got or not (got[1] or got[2])) and not described:
                subj = _subject(text, toks[:k])
                if subj and (subj[1] or subj[2]) or not got:
                    got = subj
        if not got:
            return None
        mention, words, pron, role = got
        rule = "before:name-cue" if intro else "before:partial"
        return _Attr(mention, words, pron, role, _cue_text(toks, k, n),
                     media.medium_in(text[toks[k].a:open_at]), rule, open_at, True,
                     adjacent=not text[toks[k + n - 1].b:open_at].strip(" ,:"))
    if toks and toks[-1].s == ":":
        # no cue, but a colon: "Cruz called them on it:", "Clinton:", "Blumenthal and Cohen:"
        body = toks[:-1]
        got = None
        run = _trailing_name(body)
        if run and (run[0] == 0 or body[run[0] - 1].s in "-—–―,"):
            got = _np(text, body[run[0]:])
        got = got or _subject(text, body)
        if got and (got[1] or got[2] or got[0].text[:1].isupper()):
            mention, words, pron, role = got
            return _Attr(mention, words, pron, role, None, None, "before:colon", open_at, True)
    return None


def _partial_subject(text: str, lo: int, open_at: int) -> Optional[_Attr]:
    """A quote inside a sentence with no cue: its speaker is the sentence's subject, if a name."""
    toks = _tokens(text, max(lo, open_at - 300), open_at)
    s = 0
    for k in range(len(toks) - 1):
        if _sentence_end(toks, k):
            s = k + 1
    got = _subject(text, toks[s:])
    if got and (got[1] or got[2] in ("he", "she", "they")):
        mention, words, pron, role = got
        return _Attr(mention, words, pron, role, None, None, "subject", open_at, False)
    return None


def _subject(text: str, toks: list[_Tok]) -> _NP_RESULT:
    """The subject at the start of a sentence: "He then defended it", "Republican nominee Donald Trump hit"."""
    i = 0
    for d in range(min(len(toks), 8)):
        if toks[d].s in "—―" and d + 1 < len(toks):
            i = d + 1                             # a dateline: "LEEDS, May 8 (AP) — ..."
            break
    while i < len(toks) and toks[i].low in ("but", "and", "so", "yet"):
        i += 1                                    # "But after Tuesday's debate, Lee imagined"
    # skip opening phrases: "In a statement Thursday, ...", "Minutes later, ...", "Appearing before
    # supporters Monday, ..." -- a comma segment that does not end in a name
    place = False                                 # the last opener ended in a place name
    for _ in range(4):
        for k in range(i, min(len(toks), i + 26)):
            if toks[k].s == ",":
                break
        else:
            break
        seg = toks[i:k]
        if place and 1 <= len(seg) <= 3 and all(t.cap for t in seg) and k + 1 < len(toks) \
                and (toks[k + 1].cap or toks[k + 1].low in _PRONOUN_SUBJECTS):
            i, place = k + 1, False               # "in Salem, New Hampshire, Lee ..." -- the place goes on
            continue
        # "Addressing the Leeds Club," / "Again in Leeds," open a sentence even when a name ends
        # them ("According to Ann Lee," is an attribution, not an opener)
        placed = len(seg) >= 2 and (seg[0].low in _PLACE_OPENERS     # "Here in Leeds," "After Ana Lee left,"
                                    or (speakers.is_participle(seg[0].s) or _participle(seg[0]))
                                    and seg[0].low != "according"
                                    or seg[0].s in speakers.OPENING_ADVERBS)
        place = placed and seg[-1].cap and seg[-1].s not in speakers.NOT_NAME \
            and any(t.low in _PREP for t in seg)      # a place, not "on Sunday"
        if not seg or (_trailing_name(seg) is not None and not placed) \
                or (len(seg) == 1 and seg[0].low in _PRONOUN_SUBJECTS):
            break
        counted = len(seg) > 1 and seg[0].low in _ABOUT and seg[1].s[:1].isdigit()   # "about 200 protesters"
        opener = not counted and (seg[0].low in _INTRO or seg[0].low.endswith(("ing", "ly"))
                                  or seg[0].s in speakers.OPENING_ADVERBS)
        if (len(seg) > 1 and _is_cue(seg, 1)) or (not opener and any(_is_cue(seg, x) for x in range(1, len(seg)))):
            break                                 # "Boreing said ..., but said" is a clause, not an opener
        # an opener starts with a preposition, a participle, an adverb or a time ("Minutes later"),
        # or is a short time phrase ("Two days ago"); "Trump then appears in a clip" is a clause
        if not (opener or seg[0].low in _TIME_WORDS
                or seg[0].s in _DAYS or (len(seg) <= 3 and any(t.low in _TIME_WORDS or t.s in _DAYS for t in seg))):
            break
        i = k + 1
    while i < len(toks) and toks[i].s in "-—–―\"“”":
        i += 1
    if i + 1 < len(toks) and toks[i].low in _ABOUT and toks[i + 1].s[:1].isdigit():
        i += 1                                    # "about 200 protesters" is the subject, not a preposition
    if i < len(toks) and toks[i].low in _PRONOUN_SUBJECTS:
        t = toks[i]
        return Mention(t.s, t.a, t.b), None, t.low, None
    j = i
    while j < len(toks) and j - i < 10:
        t = toks[j]
        if t.low in _CLAUSE or t.s in ",;:" or (not t.cap and t.low.endswith("ed")) or (t.low in CUE_WORDS and not t.cap):
            break
        if j > i and not t.cap and toks[j - 1].cap and toks[j - 1].low not in _DETERMINERS:
            # a name ends where lower-case words begin, unless a role sits between two names
            # ("Republican nominee Donald Trump"): "Mayor Ann Cole hit back" -> "Mayor Ann Cole";
            # a verb is no role: "Lee went after Bush" -> "Lee"
            if not any(x.cap for x in toks[j + 1:j + 3]) or (
                    j + 1 < len(toks) and toks[j + 1].low in _PREP and t.low not in _PREP
                    and not speakers.is_role_noun(t.s) and t.low not in speakers.PERSON_NOUNS):
                break
        if j > i + 1 and toks[i].low in _DETERMINERS and not t.cap and t.low.endswith("s") and not toks[j - 1].cap:
            break                                 # "The spot concludes" -> "The spot"
        j += 1
    if j >= len(toks) and j - i > 6:
        return None
    return _np(text, toks[i:j]) if j > i else None


_ABOUT = frozenset("about nearly almost around roughly approximately some over".split())


def _np_before(text: str, toks: list[_Tok], k: int) -> _NP_RESULT:
    """The speaker noun phrase ending right before toks[k] (the cue), read backwards."""
    j = k
    while j > 0 and toks[j - 1].low in _ADVERBS:
        j -= 1
    i = _scan_back(toks, j)
    inner = [t.s for t in toks[i:j]]
    while inner and inner[-1] == ",":
        inner.pop()
    # a firm's name may hold commas: "Dan McKay, analyst with Dale Brook, Hart Webb and Co, said"
    tail = [w for w in inner if w != "."]
    firm = bool(tail) and tail[-1] in FIRM_TAILS and _org_after([t for t in toks[i:i + len(inner)] if t.s != "."])
    if 0 < i and (toks[i - 1].low in _PREP or toks[i - 1].low == "to") and ("," not in inner or firm):
        # the scan stopped inside a participle phrase: "Ada Park, speaking to voters in Leeds, said"
        for p in range(i - 2, max(0, i - 12), -1):
            if toks[p].s in ";:\"“”" or _is_cue(toks, p):
                break
            if _participle(toks[p]):
                got = _np_before(text, toks, p - 1 if toks[p - 1].s == "," else p)
                if got:
                    return got
                break
            if toks[p].s == ",":
                # or inside an appositive: "Ann Lee, a doctor at the Leeds Clinic, said"
                head = toks[p + 1]
                # a capitalised office is an appositive only when a comma closes it: "Ann Vole,
                # Chief Secretary to the Treasury, said", not ", U.S. Envoy to GATT Ann Vole said"
                closed = toks[j - 1].s == ","
                if (not head.cap or closed and _office(toks[p + 1:j])) and head.low not in _PRONOUN_SUBJECTS \
                        and not _cue_like(head):
                    got = _np_before(text, toks, p)
                    if got and got[1]:
                        return got[0], got[1], got[2], _role(text, toks[p + 1:j])
                break
    # "Rucker Culpepper, who runs the effort, said" -> the name before the relative clause
    if i >= 2 and toks[i - 1].low in ("who", "which", "whose") and toks[i - 2].s == ",":
        i2 = _scan_back(toks, i - 2)
        got = _np(text, toks[i2:i - 2])
        if got and got[1]:
            return got
    seg = toks[i:j]
    got = _affiliated(text, seg)
    if got:
        return got                                  # "Dan McKay of Dale Brook, Hart Webb and Co said"
    parts = [x for x in _comma_parts(seg) if x]
    if not parts:
        return None
    while len(parts) >= 2 and all(t.s in FIRM_TAILS or t.s == "." for t in parts[-1]):
        parts[-2:] = [parts[-2] + parts[-1]]       # "president of HyOx, Inc." -- one firm
    if len(parts) >= 2 and (i == 0 or toks[i - 1].low not in _INTRO) and parts[-2][0].low not in _INTRO:
        # an appositive after the name: "Hugh Hill, a doctor at the Clinic, said" / "Ann Lee, chair
        # of the Harbour Board, praised" -- the name is the speaker, the appositive its role
        head = parts[-1][0]
        if (head.s[:1].islower() or toks[j - 1].s == "," and _office(parts[-1])) and head.low not in _PRONOUN_SUBJECTS \
                and not _cue_like(head) and not head.low.endswith("ing"):
            prev = _np(text, parts[-2])
            if prev and prev[1] and (head.low in _DETERMINERS or len(prev[1]) >= 2):
                return prev[0], prev[1], prev[2], _role(text, parts[-1])
    if len(parts) >= 2 and _participle(parts[-1][0]):
        prev = _np(text, parts[-2])                 # "Smith, speaking to Iowans, asked"
        if prev and (prev[1] or prev[2]):
            return prev
    cut = next((n for n, t in enumerate(parts[-1]) if n and _participle(t)), None)
    if cut is not None:                             # "Another source speaking to Fox News said"
        parts[-1] = parts[-1][:cut]
    last = _np(text, parts[-1])
    return last


def _office(toks: list[_Tok]) -> bool:
    """An appositive naming an office, capitalised or not: "Labour's Chief Secretary to the
    Treasury", "Minister of Health" -- a role or title word right before of/to/for/at."""
    return any(t.low in ("of", "to", "for", "at") and not t.cap and n
               and (speakers.is_role_noun(toks[n - 1].s) or toks[n - 1].s in speakers.TITLES)
               for n, t in enumerate(toks))


def _participle(t: _Tok) -> bool:
    """A lower-case -ing word that opens a participle phrase ("speaking to"), not "morning"."""
    return not t.cap and t.low.endswith("ing") and len(t.low) > 4 and t.low not in _ING_NOUNS


_ING_NOUNS = frozenset("morning evening during thing nothing something anything everything "
                       "building meeting hearing briefing ruling spring string king wing ring".split())


def _clause_initial(toks: list[_Tok], start: int) -> bool:
    """Whether the phrase starting at offset `start` opens its clause (after nothing or a comma),
    as a subject does; "marching through the streets" or "and the way they" is not a subject."""
    for n, t in enumerate(toks):
        if t.a == start:
            return n == 0 or toks[n - 1].s == ","
    return False


def _scan_back(toks: list[_Tok], j: int) -> int:
    """Start index of the noun phrase that ends at toks[j] (exclusive), scanning backwards."""
    i = j
    while i > 0 and j - i < 16:
        t = toks[i - 1]
        if t.low in _AFFIL and not t.cap and _named_before(toks, i - 1) and _org_after(toks[i:j]):
            i -= 1                                  # "Ann Vole at Leeds University said": one phrase
            continue
        if t.low in _NP_STOP or t.s in ";:—–\"“”" or _is_cue(toks, i - 1):
            break
        if t.low == "and" and not (i >= 2 and toks[i - 2].cap and i < len(toks) and toks[i].cap):
            break
        i -= 1
    return i


def _named_before(toks: list[_Tok], p: int) -> bool:
    """Whether the two tokens before toks[p] are capitalised words, as a "First Last" name is."""
    return p >= 2 and all(t.cap and t.s.isalpha() and t.s not in speakers.ORG_WORDS for t in toks[p - 2:p])


# ---------------------------------------------------------------- the extractor

def _words(s: str) -> int:
    """Number of words in s."""
    return len(re.findall(r"\w+", s))


_SMALL = frozenset("a an the and or of in on at to for with by from de del la le van von vs".split())


def _title_like(body: str) -> bool:
    """Title Case words only ("Fox and Friends", "Face the Nation"): a name in marks, not speech."""
    words = re.findall(r"[^\W\d_][\w'’-]*", body)
    if not words or len(words) > 8 or re.search(r"[.!?]\s+\S", body):
        return False
    return all(w[0].isupper() or w.lower() in _SMALL for w in words) and words[0][0].isupper()


def _speechlike(body: str, attr: Optional[_Attr], inherited: bool, starts_sentence: bool = False,
                lead: str = "") -> bool:
    """A quotation rather than a scare quote, a title or a nickname in marks.

    `starts_sentence`: the quote opens its sentence; `lead`: the character before the opening mark.
    """
    n = _words(body)
    if _title_like(body) and not _said_not_named(body, attr, starts_sentence, lead):
        return False
    ends = body.rstrip()[-1:] in ".!?…"
    comma = ends or body.rstrip()[-1:] == ","
    if attr is not None:
        if attr.rule.endswith("phrase"):
            return n >= 1
        if attr.rule.endswith("partial"):
            return n >= 3 or comma
        return n >= 2 or comma                   # "Denver," he answered.
    if inherited:
        return n >= 3 or comma
    # unattributed: a sentence in marks, not a phrase ("targeted employment area,")
    return n >= 6 or (n >= 2 and ends)


def _said_not_named(body: str, attr: Optional[_Attr], starts_sentence: bool, lead: str) -> bool:
    """Whether a Title Case body ("Quiet," "Probably." "What a Great Night!") is still speech: a
    speech cue frames it the way speech is framed, not the way a title is named.

    - `"Quiet," he demanded` -- it opens its sentence and the cue follows it (a title in that
      place would be the subject: "Face the Nation" airs ...);
    - `Lee said, "Probably."` / `Lee said: "Never."` -- the cue, then a comma or colon, then marks;
    - `She declared "What a day!"` -- a cue, and the words end in ! or ? (titles rarely do).
    """
    if attr is None or attr.cue is None:
        return False
    if attr.tight and attr.rule.startswith(("after", "split")):
        return True
    stop = body.rstrip()[-1:]
    if attr.rule.startswith(("after", "split")):
        return starts_sentence and stop in ",!?"
    if attr.rule.startswith("before"):
        if attr.rule.endswith("phrase"):          # a nickname: called Rubio "Little Marco"
            return attr.cue in _NAMING_VERBS
        return lead in ",:" or stop in "!?" or (attr.adjacent and attr.cue in _VOICE_CUES)
    return False


# Cues that report a voice, not a text: right before the marks, what follows is what was said,
# even in Title Case (`chanting "Dump Lee"`); "wrote "The Art of War"" may be a book.
_VOICE_CUES = frozenset("said says say saying chanted chanting chant chants shouted shouting yelled yelling "
                        "cried screamed screaming declared exclaimed replied answered asked added".split())


def direct_quotations(text: str, article_id: str = "", outlet: Optional[str] = None) -> Iterator[Quote]:
    """Every direct quote in text, attributed where the article says who spoke; never raises."""
    if not isinstance(text, str) or not text:
        return iter(())
    try:
        return iter(_extract(text, article_id, outlet))
    except Exception:       # noqa: BLE001 - one odd text must not stop a corpus run; see tests
        return iter(())


def extract_quotes(article: Article) -> list[Quote]:
    """All quotes of an article (its text, id and outlet)."""
    return list(direct_quotations(article.text, article.id, article.outlet))


def _extract(text: str, article_id: str, outlet: Optional[str]) -> list[Quote]:
    """The extractor proper (see direct_quotations)."""
    paras = paragraphs(text)
    pieces: list[_Piece] = []
    for n, (pa, pb) in enumerate(paras):
        _pair(text, pa, pb, n, pieces)
    if not pieces:
        return []
    para_starts = [a for a, _ in paras]

    def para_of(pos: int) -> int:
        """Index of the paragraph holding pos."""
        return max(0, bisect.bisect_right(para_starts, pos) - 1)

    groups = _group(text, paras, pieces)
    names = None
    quote_spans = sorted((p.open, (p.close if p.close is not None else paras[p.para][1])) for p in pieces)
    out: list[Quote] = []
    spoke: list[tuple[int, str]] = []          # (offset, full name) of attributed quotes so far
    prev_q: Optional[Quote] = None
    prev_close: Optional[int] = None
    prev_para = -10
    for gi, (g, attr, lo, hi) in enumerate(groups):
        first, last = g[0], g[-1]
        pa = paras[first.para][0]
        if attr is None and last.close is not None:
            attr = _after(text, last.close + 1, hi, "after")
        if attr is None:
            attr = _before(text, lo, first.open)
            if attr is None and first.open == pa and first.para > 0:
                attr = _colon_paragraph(text, paras[first.para - 1])
            if attr is None and _char_before(text, first.open, lo) == ".":
                attr = _said_sentence(text, lo, _last_stop(text, first.open, lo))
            if attr is None and last.close is not None and paras[last.para][1] - last.close <= 4 \
                    and _only_punct(text, last.close + 1, paras[last.para][1]) and last.para + 1 < len(paras):
                attr = _byline(text, *paras[last.para + 1])
        # a quote with no attribution of its own that opens a paragraph right after a quote by X,
        # or opens a sentence after X's quote in the same paragraph, is X's
        inherited = False
        starts_sentence = first.open == pa or _char_before(text, first.open, pa, skip_marks=True) in ".!?:"
        if attr is None and prev_q is not None and prev_q.speaker_mention is not None:
            if first.open == pa and first.para - prev_para == 1:
                inherited = True
            elif first.para == prev_para and (starts_sentence or (
                    prev_close is not None and first.open - prev_close < 40
                    and _ADDING.fullmatch(text, prev_close + 1, first.open))):
                inherited = True                # `"A," adding, "B"` -- B is A's speaker's too
        spans = tuple((p.start, p.end) for p in g)
        body = " ".join(text[a:b] for a, b in spans)
        if not _speechlike(body, attr, inherited, starts_sentence, _char_before(text, first.open, pa)):
            continue
        if attr is None and not inherited and not starts_sentence:
            attr = _partial_subject(text, lo, first.open)    # "Huckabee is labeling it "a blatant abuse.""
        if inherited:
            q = Quote(article_id, spans, body, prev_q.speaker, prev_q.speaker_mention, prev_q.role,
                      None, outlet, None, False, "continuation")
        elif attr is None:
            q = Quote(article_id, spans, body, None, None, None, None, outlet, None, False, "unattributed")
        else:
            if names is None:
                names = speakers.ArticleNames(text)
            speaker = None
            if attr.name:
                speaker = _named(names, attr)
            elif attr.pronoun in ("he", "she"):
                speaker = speakers.resolve_pronoun(names, attr.pronoun, attr.mention.start, spoke,
                                                   para_of, quote_spans)
            elif speakers.is_person_description(attr.mention.text):
                speaker = speakers.resolve_pronoun(names, attr.mention.text, attr.mention.start, spoke,
                                                   para_of, quote_spans)
            q = Quote(article_id, spans, body, speaker, attr.mention, attr.role, attr.cue, outlet,
                      attr.medium, False, attr.rule)
            if speaker:
                spoke.append((attr.mention.start, speaker))
        out.append(q)
        prev_q, prev_para, prev_close = q, last.para, last.close
        for p in g:
            if p.nested:
                if names is None:
                    names = speakers.ArticleNames(text)
                out.extend(_nested(text, p, q, names, para_of, article_id, outlet))
    return out


def _named(names, attr: _Attr) -> Optional[str]:
    """The full name of a named speaker; None for a lone participle ("Adding, ...") that the
    article never gives as a surname of a full name ("Ebeling" with "Betsy Ebeling" is a name)."""
    full = names.full_name(attr.name, attr.mention.start)
    if " " not in full and speakers.is_participle(full):
        return None
    return full


# Between two quotes, a participle that carries the first speaker on: `"A," adding, "B"`.
_ADDING = re.compile(r"[\s,;:—–-]*(?:and\s+|before\s+|then\s+)?"
                     r"(?:adding|saying|continuing|noting|explaining|concluding|insisting|arguing)[\s,:—–-]*")


def _group(text: str, paras: list[Span], pieces: list[_Piece]):
    """Group pieces into quotations: [(pieces, attribution found between them, lo, hi)].

    A quote runs on into the next paragraph when its paragraph ends with no closing mark and the
    next one opens with a mark; "A," X said. "B." is one quote with two pieces; "A," X said, adding
    that ... "B" is two. lo/hi bound where the group's own attribution may be looked for.
    """
    groups: list[list] = []
    for n, p in enumerate(pieces):
        nxt_open = pieces[n + 1].open if n + 1 < len(pieces) and pieces[n + 1].para == p.para else paras[p.para][1]
        if groups:
            g, attr, lo, _ = groups[-1]
            last = g[-1]
            if (last.close is None and p.para == last.para + 1 and p.open == paras[p.para][0]
                    and (text[p.open] == '"') == (text[last.open] == '"')):
                g.append(p)
                groups[-1][3] = nxt_open
                continue
            if last.close is not None and p.para == last.para and attr is None:
                gap = _after(text, last.close + 1, p.open, "split")
                if gap and _only_punct(text, gap.end, p.open) and p.open - last.close < 250:
                    # the first piece must break off its sentence: "A," X said ... / "A", X said ...
                    comma = text[last.end - 1] == "," or _char_after(text, last.close + 1) == ","
                    sep = _char_before(text, p.open, last.close)
                    lower = text[p.start:p.start + 1].islower() and sep == ","
                    own = p.close is not None and _after(text, p.close + 1, nxt_open, "after")
                    if comma and p.close is not None and (lower or (gap.tight and not own and sep in ".,:;—–-")):
                        g.append(p)
                        groups[-1][1] = gap
                        groups[-1][3] = nxt_open
                        continue
        lo = paras[p.para][0]
        if groups and groups[-1][0][-1].para == p.para and groups[-1][0][-1].close is not None:
            lo = groups[-1][0][-1].close + 1
        groups.append([[p], None, lo, nxt_open])
    return groups


def _char_after(text: str, pos: int) -> str:
    """The first non-space character at or after pos; "" if none."""
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    return text[pos] if pos < n else ""


def _char_before(text: str, pos: int, lo: int, skip_marks: bool = False) -> str:
    """The last non-space character before pos (not looking before lo); "" if none. With
    `skip_marks`, closing quote marks are passed over too (`... "Meet the Press." "Next` -> ".")."""
    i = pos - 1
    if skip_marks:
        lo = max(lo, pos - 12)                    # a few marks at most: runs of marks stay linear
    while i >= lo and (text[i].isspace() or skip_marks and text[i] in "\"”’'"):
        i -= 1
    return text[i] if i >= lo else ""


def _last_stop(text: str, pos: int, lo: int) -> int:
    """Offset just after the last non-space character before pos (not looking before lo)."""
    i = pos
    while i > lo and text[i - 1].isspace():
        i -= 1
    return i


def _byline(text: str, a: int, b: int) -> Optional[_Attr]:
    """A paragraph that names the speaker of the quote paragraph before it: "- Ada Park, Leeds." """
    toks = _tokens(text, a, min(b, a + 200))
    if len(toks) < 2 or toks[0].s not in "-—–―":
        return None
    j = 1
    while j < len(toks) and toks[j].s != "," and not _sentence_end(toks, j):
        j += 1
    if j - 1 > 6 or not all(t.cap or t.s == "." or t.low in _PARTICLES for t in toks[1:j]):
        return None                               # a name, not a heading ("- Ready to quiz Lee -")
    got = _np(text, toks[1:j], allow_prep=False)
    if not got or not got[1]:
        return None
    mention, words, pron, role = got
    return _Attr(mention, words, pron, role, None, None, "after:dash-line", toks[j - 1].b, True)


def _only_punct(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] holds nothing but white space and punctuation."""
    return a <= b and not re.search(r"\w", text[a:b])


def _colon_paragraph(text: str, para: Span) -> Optional[_Attr]:
    """A paragraph that ends with "X said:" introduces the quote paragraph after it."""
    a, b = para
    if text[b - 1] != ":":
        return None
    attr = _before(text, a, b)
    if attr is None:
        return None
    attr.rule = "before:colon-paragraph"
    return attr


def _nested(text: str, p: _Piece, outer: Quote, names, para_of, article_id: str,
            outlet: Optional[str]) -> Iterator[Quote]:
    """Quotes inside a quote that the outer speaker attributes ("he said to me 'VAR didn't...'")."""
    for a, b, o, c in p.nested:
        b2 = b
        while b2 > a and text[b2 - 1] in ",":
            b2 -= 1                             # the comma belongs to the outer sentence
        if _words(text[a:b2]) < 3:
            continue
        attr = _before(text, p.start, o)
        if attr is None:
            attr = _after(text, c + 1, p.end, "nested")
        if attr is None:
            continue
        if names is None:
            names = speakers.ArticleNames(text)
        speaker = None
        if attr.name:
            speaker = _named(names, attr)
        elif attr.pronoun in ("i", "we"):
            speaker = outer.speaker
        elif attr.pronoun in ("he", "she"):
            speaker = speakers.resolve_pronoun(names, attr.pronoun, attr.mention.start, [], para_of,
                                               (), lo=p.start)
        yield Quote(article_id, ((a, b2),), text[a:b2], speaker, attr.mention, attr.role, attr.cue,
                    outlet, attr.medium, True, "nested:" + attr.rule)
