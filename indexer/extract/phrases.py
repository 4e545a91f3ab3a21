"""Speaker noun phrases: read who a clause names ("he", "Inzaghi", "Torino's sporting director
Davide Vagnati", "Bill Ray of Lynch, Pierce and Smith Inc", "a spokesman").

`noun_phrase` returns (mention, name words, pronoun, role) or None; the name words come from
`names.split_name`, the role is what stands before or beside the name.
"""
from __future__ import annotations

import re
from typing import Optional

from ..lexicon import (ADJECTIVES, ADVERBS, AFFILIATION, CLAUSE_WORDS, COLLECTIVE_NOUNS, DAYS, DEMONYMS, DETERMINERS,
                       FIRM_TAILS, NP_STOPS, ORG_HEADS, ORG_WORDS, PARTICLES, PERSON_NOUNS, PLACE_PREPOSITIONS, PREPOSITIONS,
                       PRONOUN_OPENERS, SOURCE_NOUNS, SUBJECT_PRONOUNS, TIME_WORDS, TITLE_ABBREVIATIONS, TITLES)
from ..records import Mention
from ..text import irregular_plural
from .names import first_name, is_role_noun, looks_like_person, org_headed, split_name
from .tokens import INITIALS, Tok, comma_parts, cue_like, strip_parens
from .unnamed import INDEFINITE, is_person_head

NP = Optional[tuple[Mention, Optional[tuple[str, ...]], Optional[str], Optional[str]]]


def noun_phrase(text: str, toks: list[Tok], allow_prep: bool = True) -> NP:
    """Read a speaker noun phrase: (mention, name words, pronoun, role) or None if it is not one.

    Handles "he", "Inzaghi", "Torino's sporting director Davide Vagnati", "Hugh Hill, a doctor",
    "Torino's sporting director, Davide Vagnati", "the White House", "a spokesman".

    Long on purpose: one pass, a sequence of cases read in order; split up it would read worse.
    """
    toks = strip_parens(toks)
    while toks and (toks[-1].s in ",;:—–-―." or toks[-1].low in ADVERBS
                    or (len(toks) > 1 and toks[-1].s.endswith("ly") and toks[-1].s.islower())):
        toks = toks[:-1]
    while toks and (toks[0].s in ",;:—–-―" or toks[0].low in ADVERBS):
        toks = toks[1:]
    if not toks:
        return None
    if len(toks) == 1 and toks[0].low in SUBJECT_PRONOUNS:
        t = toks[0]
        return Mention(t.s, t.a, t.b), None, t.low, None
    if toks[-1].low in SUBJECT_PRONOUNS and toks[-1].low != "it" and (
            len(toks) <= 4 and toks[0].low in PRONOUN_OPENERS or len(toks) >= 2 and toks[-2].s == "." and toks[-1].cap):
        t = toks[-1]                             # "At first he said", "In reply she said", "at 9 p.m. He said"
        return Mention(t.s, t.a, t.b), None, t.low, None
    if len(toks) >= 4 and toks[0].low in INDEFINITE and not toks[1].cap \
            and (toks[2].low in AFFILIATION and (toks[1].low in SOURCE_NOUNS or is_role_noun(toks[1].s))
                 or is_person_head(toks[1].low) and _post_modifier(toks, 2)) \
            and not _named_after_comma(toks):
        # "a spokesman for the Leeds Film Board", "a lawyer for Ann Lee": an unnamed person who
        # speaks for it (or for them); "a source speaking to the Daily Vole", "an aide close to
        # Ivo Lund": a name inside what describes the unnamed person is not who spoke
        return Mention(text[toks[0].a:toks[-1].b], toks[0].a, toks[-1].b), None, None, None
    got = affiliated(text, toks)
    if got:
        return got                               # "Bill Ray of Lynch, Pierce and Smith Inc"
    segs = comma_parts(toks)
    # a time word is not a speaker: "On Tuesday, he said"
    segs = [x for x in segs if x and not all(t.s in DAYS or t.low in TIME_WORDS for t in x)]
    if not segs or len(segs[0]) > 10 or any(t.low in CLAUSE_WORDS or cue_like(t) for t in segs[0]):
        return None
    for k, seg in enumerate(segs[:3]):
        if k and any(t.low in CLAUSE_WORDS or cue_like(t) for t in seg):
            break
        if len(seg) == 1 and seg[0].low in SUBJECT_PRONOUNS:
            t = seg[0]
            return Mention(t.s, t.a, t.b), None, t.low, None
        got = affiliated(text, seg) if k else None
        if got:
            return got                           # "He said, Scott Winn of Winn and Co, ..."
        run = trailing_name(seg)
        if run is None:
            continue
        i0, i1 = run
        the = i0 and seg[i0 - 1].low == "the" or i0 >= 2 and seg[i0 - 1].low.endswith("-year-old") and seg[i0 - 2].low == "the"
        if the and (seg[i1 - 1].s in DEMONYMS or seg[i1 - 1].s in ADJECTIVES or seg[i1 - 1].s in TITLES
                    or i1 - i0 > 1 and seg[i1 - 1].low in PERSON_NOUNS):
            # "said the American", "the Spaniard said", "the Kansas Republican", "the 27-year-old
            # Austrian", "the Democrat", "the Crown Prince": a description of someone named before
            a = seg[i0 - 1].a if seg[i0 - 1].low == "the" else seg[i0 - 2].a
            return Mention(text[a:seg[i1 - 1].b], a, seg[i1 - 1].b), None, None, None
        if i0 >= 2 and (seg[i0 - 1].low in PLACE_PREPOSITIONS or from_place(seg, i0 - 1)) \
                and not seg[i0 - 2].cap and seg[i0 - 2].s.isalpha():
            # "one bond trader in New York", "the senator from Vermont": the place says where the
            # person is from
            return Mention(text[seg[0].a:seg[i0 - 2].b], seg[0].a, seg[i0 - 2].b), None, None, None
        name_toks = seg[i0:i1]
        lead, words = split_name(" ".join(t.s for t in name_toks),
                                 text[max(0, name_toks[0].a - 80):name_toks[0].a], caps=True)
        if not words:
            continue
        role = role_text(text, seg[:i0])
        lead_role = leading_role(text, name_toks, lead) if lead else None
        if role and lead_role and i0 and role.endswith(seg[i0 - 1].s):
            # "former Secretary of" + "State" before "Hillary Clinton": one role
            role = role + text[seg[i0 - 1].b:name_toks[0].a + len(lead_role)]
        if role is None:
            # "Treasury Secertary James Baker", "Spokesman Fitzwater": the words left out of the
            # name are the role (up to the first name word of the mention)
            role = lead_role
        if role is None and k > 0:
            role = role_text(text, [t for x in segs[:k] for t in x])      # "Torino's director, Davide Vagnati"
        if role is None and k + 1 < len(segs) and segs[k + 1][0].low in DETERMINERS:
            role = role_text(text, segs[k + 1])                            # "Hugh Hill, a doctor"
        a = name_toks[0].a
        return Mention(text[a:name_toks[-1].b], a, name_toks[-1].b), words, None, role
    seg = segs[0]
    if len(seg) > 8 or (not allow_prep and any(t.low in PREPOSITIONS for t in seg)):
        return None
    # a common noun phrase: "a spokesman", "officials", "the 23-year-old", "White House aides", "police"
    if not (seg[0].low in DETERMINERS or seg[0].cap or seg[0].s[:1].isdigit()
            or (len(seg) <= 3 and (seg[-1].low.endswith("s") or seg[-1].low in COLLECTIVE_NOUNS)
                and seg[0].low not in PREPOSITIONS)):
        return None
    return Mention(text[seg[0].a:seg[-1].b], seg[0].a, seg[-1].b), None, None, None


# participles that give the name after them to the one before: "a man named Ivo Lund"
_NAMING = frozenset({"named", "called", "identified", "known", "dubbed", "nicknamed", "titled"})


# the words that tie a modifier to the noun before it: "an aide to ...", "a source close to ..."
_LINKING = PREPOSITIONS | AFFILIATION | {"to"}


def _post_modifier(toks: list[Tok], i: int) -> bool:
    """Whether toks[i] opens a modifier after a noun: a preposition ("an aide to ...", "a visitor
    from ..."), a participle ("speaking to ...", "working at ...") or a lower-case word and a
    preposition ("close to ...", "familiar with ..."); not one that names the noun ("named Ivo Lund")."""
    t = toks[i]
    if t.low in _LINKING:
        return True
    if t.cap or not t.s.isalpha() or t.low in _NAMING or t.low in CLAUSE_WORDS:
        return False
    return t.low.endswith("ing") or i + 1 < len(toks) and toks[i + 1].low in _LINKING


def described_unnamed(text: str, toks: list[Tok], j: int) -> NP:
    """The unnamed person opening the clause that ends at toks[j] when a description follows the
    noun ("An aide to Ivo Lund [said]", "A source loyal to the Kell Gazette [told]"): the name in
    the description is not who spoke; None when the clause opens otherwise."""
    for p in range(j - 1, max(-1, j - 14), -1):
        if toks[p].s in ",;:—–-―":
            return None                          # ("Ann Lee, an aide to Ivo Lund said": an appositive)
        if toks[p].low in INDEFINITE and j - p >= 4 and (p == 0 or toks[p - 1].s in ".!?\"“”'‘’"):
            got = noun_phrase(text, toks[p:j])
            return got if got is not None and got[1] is None and got[0].start == toks[p].a else None
    return None


def _named_after_comma(toks: list[Tok]) -> bool:
    """Whether a person's name stands set off after the phrase's last comma ("one broker at Kell
    Ltd, Ivo Lund"): then the phrase names its speaker."""
    cut = max((k for k, t in enumerate(toks) if t.s == ","), default=-1)
    tail = tuple(t.s for t in toks[cut + 1:]) if cut >= 0 else ()
    return len(tail) >= 2 and looks_like_person(tail)


OFFICE_OF = re.compile(r"\bof\s+(?:the\s+)?$")


def org_after(toks: list[Tok]) -> bool:
    """Whether toks (what follows "of"/"with"/"at"...) are an organisation or place name to the
    end: "(the) (brokerage) J.S. Winn and Co", "Leeds University", "Dale Brook, Hart Webb and Co"."""
    i, n = 0, len(toks)
    if i < n and toks[i].low == "the":
        i += 1
    lower = 0
    while i < n and not toks[i].cap and toks[i].s.replace("-", "").isalpha() and toks[i].low not in NP_STOPS \
            and toks[i].low not in ("and", "of", "&") and lower < 3:
        i += 1                                   # "brokerage", "investment bank", "London-based brokers"
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


def affiliated(text: str, seg: list[Tok]) -> NP:
    """A person's name, then of/with/at/from/for and an organisation to the end of the phrase:
    "Scott Winn of J.S. Winn and Co", "analyst Jack Kirk at Pell Norton" -> the person is the
    speaker and the mention; the role keeps the affiliation. None when no person leads it ("the
    Bank of England", "a spokesman for Chrysler Corp", "Secretary of State Ann Vole")."""
    for p in range(1, len(seg) - 1):
        t = seg[p]
        q = p                                    # where the name before the preposition ends
        if t.low in AFFILIATION and not t.cap and not seg[p - 1].cap and is_role_noun(seg[p - 1].s):
            # "Mark Tuffo games systems director at Acme": lower-case role words between
            q = next((j + 1 for j in range(p - 2, max(-1, p - 6), -1) if seg[j].cap), p)
            if q == p or not all(x.s.isalpha() and x.s.islower() for x in seg[q:p]):
                continue
        if t.low not in AFFILIATION or t.cap or not seg[q - 1].cap or seg[q - 1].s.endswith(("'s", "’s")) \
                or "," in (x.s for x in seg[:p]) or not org_after(seg[p + 1:]):
            continue
        got = noun_phrase(text, seg[:q], allow_prep=False)
        if not got or not got[1]:
            continue
        mention, words, _, role = got
        # a lone surname needs a title or role noun right before it ("analyst Kirk", "Lord Lee");
        # "the secretary general of the Organisation for ..." is no person
        titled = role is not None and (role.split()[-1].rstrip(".") in TITLES
                                       or is_role_noun(role.split()[-1]))
        person = looks_like_person(words) or (
            len(words) == 1 and (titled or words[0] not in ORG_HEADS and not is_role_noun(words[0])
                                 and words[0] not in TITLES and seg[0].cap and p == 1
                                 and not any(x.s in TITLES or is_role_noun(x.s) for x in seg[p + 1:]))
            and words[0] not in ORG_WORDS and not words[0].isupper())   # "Vanko of Pell Norton"
        if not person or is_role_noun(words[-1]) or words[-1] in TITLES:
            continue                             # "the Roman Catholic Archbishop of Cardiff"
        org = seg[p + 2:] if seg[p + 1].low == "the" else seg[p + 1:]
        lead = next((n for n, x in enumerate(org) if x.cap), 0)
        named = [x.s for x in org[lead:]]
        if lead and seg[p + 1].low != "the" and 2 <= len(named) <= 3 and all(x.cap for x in org[lead:]) \
                and first_name(named[0]) and len(words) >= 2 and not first_name(words[0]):
            continue                             # "Green spokeswoman for women Ann Lee": a role, then her name
        where = text[org[0].a:org[-1].b]
        if q < p:
            where = f"{text[seg[q].a:seg[p - 1].b]} {t.low} {where}"   # "games systems director at Acme"
            return mention, words, None, f"{role} {where}" if role else where
        return mention, words, None, f"{role} {t.low} {where}" if role else where
    return None


def leading_role(text: str, name_toks: list[Tok], lead: tuple[str, ...]) -> Optional[str]:
    """The text of the mention's leading non-name words, if they hold a role or title word."""
    if not any(is_role_noun(w) or w.rstrip(".") in TITLES for w in lead) \
            and not OFFICE_OF.search(text, max(0, name_toks[0].a - 40), name_toks[0].a):
        return None                          # "Besides", "Billionaire": not a role
    last = None
    k = 0
    for t in name_toks:
        if k < len(lead) and t.s.strip("()") == lead[k].strip("()"):
            last, k = t, k + 1
        elif t.s != ".":
            break
    return text[name_toks[0].a:last.b] if last is not None else None


def trailing_name(seg: list[Tok]) -> Optional[tuple[int, int]]:
    """(i0, i1): the capitalised run that ends the segment (a possessive is not a name end)."""
    i1 = len(seg)
    while i1 > 0 and seg[i1 - 1].s == ".":
        i1 -= 1
    if i1 == 0 or not seg[i1 - 1].cap or seg[i1 - 1].s.endswith(("'s", "’s", "'", "’")):
        return None
    i0 = i1 - 1
    while i0 > 0:
        p = seg[i0 - 1]
        if p.cap and (not p.low.endswith(("'s", "’s", "s'", "s’")) or irregular_plural(p.s)):
            i0 -= 1                                 # (not an owner: "Acme's", "PBS'"; but "People's Daily")
        elif p.s == "." and i0 >= 2 and (seg[i0 - 2].s in TITLE_ABBREVIATIONS or INITIALS.match(seg[i0 - 2].s)):
            i0 -= 1                                 # "Sen." or the initial in "Elijah E. Cummings"
        elif p.low in PARTICLES and i0 >= 2 and seg[i0 - 2].cap:
            i0 -= 1
        elif p.s == "&" and i0 >= 2 and seg[i0 - 2].cap:
            i0 -= 1                                 # "Smith & Co"
        elif p.s in ("of", "for", "on") and i0 >= 2 and org_headed((seg[i0 - 2].s, p.s)):
            i0 -= 1                                 # "the Bank of England", not "England" (also "Chambers of",
                                                    # "Trust for Public Land", "Commission on Debates")
        else:
            break
    # a capitalised role ends at its last title word: "Finance Minister Ana Silva" -> "Ana Silva"
    # (not in a firm's name: "General Motors Corp")
    for j in range(i1 - 2 if seg[i1 - 1].s not in FIRM_TAILS else i0 - 1, i0 - 1, -1):
        if seg[j].s in TITLES or seg[j].s in TITLE_ABBREVIATIONS or seg[j].s.rsplit("-", 1)[-1] in TITLES:
            i0 = j + 1                              # (and "Vice-President Ana Silva")
            break
    firm = seg[i1 - 1].s in FIRM_TAILS
    while i0 < i1 and not firm and (seg[i0].s == "." or seg[i0].s in TITLES or seg[i0].s in TITLE_ABBREVIATIONS
                                    or seg[i0].s.rsplit("-", 1)[-1] in TITLES):
        i0 += 1                                     # the title is role, not name
    if i0 < i1 and seg[i0].s in ("The", "A", "An"):
        i0 += 1
    if i0 >= i1:
        return None
    return i0, i1


def from_place(toks: list[Tok], i: int) -> bool:
    """Whether toks[i] is "from" after a person or role noun ("the senator from Vermont"): the name
    after it says where that person is from; it is not the speaker."""
    return toks[i].low == "from" and i > 0 and (is_role_noun(toks[i - 1].s) or toks[i - 1].low in PERSON_NOUNS)


def role_text(text: str, toks: list[Tok]) -> Optional[str]:
    """The role words before a name, without a leading article: "Torino's sporting director"."""
    while toks and (toks[0].low in ("the", "a", "an") or toks[0].s in ",."):
        toks = toks[1:]
    while toks and toks[-1].s in ",.":
        toks = toks[:-1]
    if not toks or any(t.low in CLAUSE_WORDS or cue_like(t) for t in toks):
        return None
    return text[toks[0].a:toks[-1].b]
