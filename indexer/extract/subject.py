"""The subject of a sentence, and the noun phrase that ends right before a cue, read backwards.

`subject` skips what opens a sentence before its subject ("In a statement Thursday,", "Minutes
later,", a dateline); `np_before` reads "Ada Park, speaking to voters in Leeds, said" or "Ann
Lee, a doctor at the clinic, said" back from the cue to the name.
"""
from __future__ import annotations

from typing import Optional

from ..lexicon import (ADVERBS, AFFILIATION, APPROXIMATORS, AUXILIARIES, CLAUSE_WORDS, CUE_WORDS, DAYS, DETERMINERS,
                       FIRM_TAILS, INTRO_WORDS, NOT_NAME, NP_STOPS, OPENING_ADVERBS, ORG_WORDS, PERSON_NOUNS,
                       PLACE_OPENERS, PLACE_PREPOSITIONS, PREPOSITIONS, SUBJECT_PRONOUNS, TIME_WORDS,
                       TRAILING_DATES)
from ..records import Mention
from .heads import head_after_modifiers, office, person_head_then_verb, role_then_name
from .names import is_participle, is_role_noun, org_like
from .phrases import NP, affiliated, described_unnamed, from_place, noun_phrase, org_after, role_text, trailing_name
from .tokens import PARTY_TAG, Tok, comma_parts, cue_like, is_cue, participle

def subject(text: str, toks: list[Tok]) -> NP:
    """The subject at the start of a sentence: "He then defended it", "Republican nominee Donald Trump hit".

    Long on purpose: one pass, a sequence of cases read in order; split up it would read worse.
    """
    i = 0
    for d in range(min(len(toks), 8)):
        if toks[d].s in "—―" and d + 1 < len(toks):
            i = d + 1                             # a dateline: "LEEDS, May 8 (AP) — ..."
            break
    while i < len(toks) and (toks[i].low in ("but", "and", "so", "yet") or toks[i].low in ("even", "just", "only")
                             and i + 1 < len(toks) and toks[i + 1].low in INTRO_WORDS):
        i += 1                                    # "But after Tuesday's debate, Lee imagined", "Even as ..."
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
                and (toks[k + 1].cap or toks[k + 1].low in SUBJECT_PRONOUNS):
            i, place = k + 1, False               # "in Salem, New Hampshire, Lee ..." -- the place goes on
            continue
        # "Addressing the Leeds Club," / "Again in Leeds," open a sentence even when a name ends
        # them ("According to Ann Lee," is an attribution, not an opener)
        placed = len(seg) >= 2 and (seg[0].low in PLACE_OPENERS     # "Here in Leeds," "After Ana Lee left,"
                                    or (is_participle(seg[0].s) or participle(seg[0]))
                                    and seg[0].low != "according"
                                    or seg[0].s in OPENING_ADVERBS)
        place = placed and seg[-1].cap and seg[-1].s not in NOT_NAME \
            and any(t.low in PREPOSITIONS for t in seg)      # a place, not "on Sunday"
        run = trailing_name(seg)
        named = run is not None and not (run[1] - run[0] == 1 and seg[run[0]].s in NOT_NAME)   # not "However,"
        if not seg or (named and not placed) \
                or (len(seg) == 1 and seg[0].low in SUBJECT_PRONOUNS):
            break
        counted = len(seg) > 1 and seg[0].low in APPROXIMATORS and seg[1].s[:1].isdigit()   # "about 200 protesters"
        opener = not counted and (seg[0].low in INTRO_WORDS or seg[0].low.endswith(("ing", "ly"))
                                  or seg[0].s in OPENING_ADVERBS)
        if (len(seg) > 1 and is_cue(seg, 1)) or (not opener and any(is_cue(seg, x) for x in range(1, len(seg)))):
            break                                 # "Boreing said ..., but said" is a clause, not an opener
        # an opener starts with a preposition, a participle, an adverb or a time ("Minutes later"),
        # or is a short time phrase ("Two days ago"); "Trump then appears in a clip" is a clause
        if not (opener or seg[0].low in TIME_WORDS
                or seg[0].s in DAYS or (len(seg) <= 3 and any(t.low in TIME_WORDS or t.s in DAYS for t in seg))):
            break
        i = k + 1
    while i < len(toks) and toks[i].s in "-—–―\"“”":
        i += 1
    if i + 1 < len(toks) and toks[i].low in APPROXIMATORS and toks[i + 1].s[:1].isdigit():
        i += 1                                    # "about 200 protesters" is the subject, not a preposition
    if i < len(toks) and toks[i].low in SUBJECT_PRONOUNS:
        t = toks[i]
        return Mention(t.s, t.a, t.b), None, t.low, None
    j = i
    while j < len(toks) and j - i < 10:
        t = toks[j]
        if t.low in CLAUSE_WORDS or t.s in ",;:" or (not t.cap and t.low.endswith("ed")) or (t.low in CUE_WORDS and not t.cap):
            break
        if j > i and t.low in PREPOSITIONS and j + 1 < len(toks) and (
                toks[j + 1].s in TRAILING_DATES or toks[j + 1].low in TIME_WORDS) and all(x.cap for x in toks[i:j]):
            break                                 # "Mr Reed on Friday rejected": a date, no name
        if j > i and not t.cap and toks[j - 1].cap and toks[j - 1].low not in DETERMINERS:
            # a name ends where lower-case words begin, unless a role sits between two names
            # ("Republican nominee Donald Trump"): "Mayor Ann Cole hit back" -> "Mayor Ann Cole";
            # a verb is no role: "Lee went after Bush" -> "Lee"; "The Acme executive", "an Acme
            # official": the name is the person's body, the head noun after it is the subject
            if toks[i].low in DETERMINERS and (is_role_noun(t.s) or t.low in PERSON_NOUNS):
                j += 1
                break
            head = head_after_modifiers(toks, j) if toks[i].low in DETERMINERS else None
            if head is not None:                  # "The Harbour presidential candidate", "The Kell senator's"
                j = head + 1
                break
            if not (any(x.cap for x in toks[j + 1:j + 3]) or role_then_name(toks, j)) or (
                    j + 1 < len(toks) and toks[j + 1].low in PREPOSITIONS and t.low not in PREPOSITIONS
                    and not is_role_noun(t.s) and t.low not in PERSON_NOUNS):
                break
        if j > i and toks[i].low in DETERMINERS and not t.cap and (
                j > i + 1 and t.low.endswith("s") and not toks[j - 1].cap or person_head_then_verb(toks[j - 1], t)):
            break                                 # "The spot concludes" -> "The spot"; "The coach began"
        j += 1
    if j >= len(toks) and j - i > 6:
        return None
    return noun_phrase(text, toks[i:j]) if j > i else None


_RELATIVES = ("who", "which", "whose")


def np_before(text: str, toks: list[Tok], k: int) -> NP:
    """The speaker noun phrase ending right before toks[k] (the cue), read backwards.

    Long on purpose: one pass, a sequence of cases read in order; split up it would read worse.
    """
    j = k
    while j > 0 and (toks[j - 1].low in ADVERBS or toks[j - 1].low in AUXILIARIES and not toks[j - 1].cap
                     or toks[j - 1].s in DAYS and j > 1 and toks[j - 2].low in ADVERBS):
        j -= 1                                      # "Lee later said", "the leader will argue", "Lee later Friday told"
    if j > 0 and toks[j - 1].low in SUBJECT_PRONOUNS and (j == 1 or not toks[j - 1].cap):
        t = toks[j - 1]                             # "Laying into the plan he said": the pronoun is the subject
        return Mention(t.s, t.a, t.b), None, t.low, None
    d = dash_pair(toks, j)
    if d is not None:                               # "Ann Lee - then an adviser to Tom Reed - said"
        return np_before(text, toks, d)
    got = described_unnamed(text, toks, j)          # "An aide to Ivo Lund said": the aide
    if got is not None:
        return got
    i = scan_back(toks, j)
    if i >= 3 and toks[i - 1].low == "and" and (not toks[i].cap or is_role_noun(toks[i].s)) \
            and any(t.s == "," for t in toks[scan_back(toks, i - 1):i - 1]):
        i = scan_back(toks, i - 1)                  # "Ann Lee, a lawyer and director of Acme, said": two roles
    r = i - 1
    while r > 0 and (toks[r].low in ("is", "was", "been") or toks[r].low in AUXILIARIES or toks[r].low in ADVERBS
                     or toks[r].low in TIME_WORDS):
        r -= 1                                      # "who is now", "who has since been"
    if r < i - 1 and toks[r].low in ("who", "whose") and not toks[i].cap:
        i = r + 1                                   # "Al Vos, a former official who is now chairman of Acme, said"
    if i >= 2 and (toks[i - 1].s in PLACE_PREPOSITIONS or from_place(toks, i - 1)) \
            and toks[i - 2].s.isalpha() and i < j \
            and (toks[i].cap or toks[i].low in ("the", "a", "an") and i + 1 < j and not toks[i + 1].cap) \
            and not any(t.s in ",;:" for t in toks[i:j]):
        # "one bond trader in New York said" / "Ann Lee in Leeds said" / "The judge in the case
        # said": the place (or what the one speaking is part of) says where the
        # speaker is, and the speaker is the phrase before it (when that is the firm of an
        # appositive, "Ann Lee, economist with Acme Ltd in Leeds said", it is read as one)
        k0 = scan_back(toks, i - 1)
        if k0 and toks[k0 - 1].low in AFFILIATION:
            i, j = k0, i - 1
        else:
            got = noun_phrase(text, toks[k0:i - 1])
            if got is not None:
                return got
    inner = [t.s for t in toks[i:j]]
    while inner and inner[-1] == ",":
        inner.pop()
    # a firm's name may hold commas: "Dan McKay, analyst with Dale Brook, Hart Webb and Co, said"
    tail = [w for w in inner if w != "."]
    firm = bool(tail) and tail[-1] in FIRM_TAILS and org_after([t for t in toks[i:i + len(inner)] if t.s != "."])
    if 0 < i and (toks[i - 1].low in PREPOSITIONS or toks[i - 1].low == "to") and ("," not in inner or firm
                                                                                 or _city_state(inner)):
        # the scan stopped inside a participle phrase: "Ada Park, speaking to voters in Leeds, said"
        for p in range(i - 2, max(0, i - 20), -1):
            # (a participle first: "Ann Lee, writing in the Leeds Post, said" -- "writing" is a cue too)
            if toks[p].s in ";:\"“”" or is_cue(toks, p) and not (participle(toks[p]) and toks[p - 1].s == ","):
                break
            if participle(toks[p]) and not _modifies_noun(toks, p):
                got = np_before(text, toks, p - 1 if toks[p - 1].s == "," else p)
                if got:
                    return got
                break
            if toks[p].s == ",":
                # or inside an appositive: "Ann Lee, a doctor at the Leeds Clinic, said"
                head = toks[p + 1]
                # a capitalised office is an appositive only when a comma closes it: "Ann Vole,
                # Chief Secretary to the Treasury, said", not ", U.S. Envoy to GATT Ann Vole said"
                closed = toks[j - 1].s == ","
                if (not head.cap or closed and office(toks[p + 1:j])) and head.low not in SUBJECT_PRONOUNS \
                        and not cue_like(head):
                    got = np_before(text, toks, p)
                    if got and got[1]:
                        return got[0], got[1], got[2], role_text(text, toks[p + 1:j])
                break
    if 0 < i and toks[i - 1].low in PREPOSITIONS and "," in inner:
        # the scan stopped inside an appositive that a second one follows: "Ann Lee, an expert at
        # Acme, a research body, said" -- read from the name before the first appositive
        p = next((q for q in range(i - 2, max(0, i - 14), -1) if toks[q].s == ","), None)
        if p is not None and p > 0 and (toks[p + 1].low in DETERMINERS or any(
                is_role_noun(t.s) or t.low in PERSON_NOUNS for t in toks[p + 1:i - 1])):
            i = scan_back(toks, p)
    if i >= 2 and toks[i - 1].low in ("who", "whose") and "," not in (t.s for t in toks[i:j]):
        # "Al Vos, a former official who is now chairman of Acme, said": the relative clause hangs
        # on an appositive; the name is before the appositive's comma
        p = next((q for q in range(i - 2, max(0, i - 14), -1) if toks[q].s == ","), None)
        if p is not None and toks[p + 1].low in DETERMINERS:
            got = np_before(text, toks, p)
            if got and got[1]:
                return got[0], got[1], got[2], role_text(text, toks[p + 1:i - 1])
    # "Rucker Culpepper, who runs the effort, said" / "Blue Fox, whose real name is Tom Reed,
    # told ..." -> the name before the relative clause (which may itself hold a name)
    rel = _relative_start(toks, i, j)
    if rel is not None:
        i2 = scan_back(toks, rel - 1)
        got = noun_phrase(text, toks[i2:rel - 1])
        if got and got[1]:
            return got
        if toks[j - 1].s == ",":       # a description too: "The judge at the trial, which ran a week, said"
            got = np_before(text, toks, rel - 1)
            if got:
                return got
    seg = toks[i:j]
    got = affiliated(text, seg)
    if got:
        return got                                  # "Dan McKay of Dale Brook, Hart Webb and Co said"
    # (an age set off after the first part is the name's: "Ann Lee, 34, from Leeds, said")
    parts = [x for n, x in enumerate(comma_parts(seg)) if x and not (n and len(x) == 1 and x[0].s.isdigit())]
    if not parts:
        return None
    while len(parts) >= 2 and all(t.s in FIRM_TAILS or t.s == "." for t in parts[-1]):
        parts[-2:] = [parts[-2] + parts[-1]]       # "president of HyOx, Inc." -- one firm
    for k in range(len(parts) - 1, max(0, len(parts) - 3), -1):
        # an appositive after the name: "Hugh Hill, a doctor at the Clinic, said" / "Ann Lee, chair
        # of the Harbour Board, praised" / "Lord Lee, Minister for Trade, said" / "Al Vos,
        # president of Ogden, Utah-based Acme, said" (two parts) -- the name is the speaker, the
        # appositive its role
        closed = toks[j - 1].s == ","
        # an opening phrase ("After meeting Ann Lee, the minister said") -- unless a comma closes
        # the part as an appositive's ("After the ruling Ann Lee, director of Acme, said")
        # (the word before the scan opens the first part only: "In testimony today, Ann Lee,
        # director of Acme said")
        if not (closed and k == len(parts) - 1) and (k == 1 and i > 0 and toks[i - 1].low in INTRO_WORDS
                                                    or parts[k - 1][0].low in INTRO_WORDS):
            break
        # (past an adverb: "Lee, also the head of Acme, told")
        head = next((t for t in parts[k] if t.low not in ADVERBS), parts[k][0])
        if k == len(parts) - 1 and PARTY_TAG.fullmatch(head.s) and all(t.s == "." for t in parts[k][1:]):
            prev = noun_phrase(text, parts[k - 1])  # "Dan Bell, D-Kan., said": a US party and state
            if prev and prev[1]:
                return prev[0], prev[1], prev[2], prev[3]
            break
        if k == len(parts) - 1 and _firm_part(parts[k]):
            # "Colin Vale, Harbour Hotel Association said": a person's name, then the body they speak for
            prev = noun_phrase(text, parts[k - 1])
            if prev and prev[1] and len(prev[1]) >= 2 and not org_like(prev[1]):
                return prev[0], prev[1], prev[2], role_text(text, parts[k])
            break
        owned_role = head.s.endswith(("'s", "’s")) and is_role_noun(parts[k][-1].s)   # ", Acme's sales manager,"
        if not ((head.s[:1].islower() or closed and (office(parts[k]) or owned_role)) and head.low not in SUBJECT_PRONOUNS
                and not cue_like(head) and not head.low.endswith("ing")):
            continue
        if k < len(parts) - 1 and not (closed and (head.low in DETERMINERS or is_role_noun(head.s) or office(parts[k])
                                                   or owned_role)):
            break                                   # a second part only after a role: "president of"
        if closed and k == len(parts) - 1 and k >= 2 and parts[k - 1][0].s[:1].islower() \
                and parts[k - 1][0].low not in SUBJECT_PRONOUNS and not cue_like(parts[k - 1][0]):
            continue                                # "Ann Lee, an expert at Acme, a research body, said": two appositives
        prev = noun_phrase(text, parts[k - 1])
        # ("Mora, nicknamed Chato, said": a one-word name before a past participle too, and
        # before a role noun: "Dane, chairman of Acme, said")
        if prev and prev[1] and (head.low in DETERMINERS or len(prev[1]) >= 2 or prev[3] is not None
                                 or (head.low.endswith("ed") or is_role_noun(head.s)) and k == len(parts) - 1):
            # (a role owned by a firm, "Acme's sales manager", is the role too)
            return prev[0], prev[1], prev[2], role_text(text, [t for x in parts[k:] for t in x])
        break
    if len(parts) >= 2 and participle(parts[-1][0]):
        prev = noun_phrase(text, parts[-2])                 # "Smith, speaking to Iowans, asked"
        if prev and (prev[1] or prev[2]):
            return prev
    # (not an -ing word of a role: "Acme managing director Ann Lee said", "the acting chairman")
    cut = next((n for n, t in enumerate(parts[-1]) if n and participle(t)
                and not (n + 1 < len(parts[-1]) and is_role_noun(parts[-1][n + 1].s))), None)
    if cut is not None:                             # "Another source speaking to Fox News said"
        parts[-1] = parts[-1][:cut]
    last = noun_phrase(text, parts[-1])
    return last


def _modifies_noun(toks: list[Tok], p: int) -> bool:
    """Whether the -ing word toks[p] stands inside an appositive noun phrase (", a local broking
    firm with Leeds ties,"), not opening a participle phrase (", speaking to voters,")."""
    q = next((q for q in range(p - 1, max(-1, p - 6), -1) if toks[q].s == ","), None)
    return q is not None and q + 1 < p and toks[q + 1].low in DETERMINERS


def _city_state(words: list[str]) -> bool:
    """Whether the words are a place and its state or country, "Bexley, New Kent": in
    "Dean Park, a grocer from Bexley, New Kent, says" the comma is the place's, not one
    that closes the appositive."""
    if words.count(",") != 1 or words[0] == ",":
        return False
    return all(w == "," or w[:1].isupper() and w.replace(".", "").isalpha() for w in words) and len(words) <= 6


def _firm_part(part: list[Tok]) -> bool:
    """Whether a comma part names an organisation, whole: "Harbour Hotel Association"."""
    return len(part) >= 2 and part[0].cap and all(t.cap or t.low in ("of", "and", "for", "the", "&") for t in part) \
        and org_like(tuple(t.s for t in part if t.cap))


def _relative_start(toks: list[Tok], i: int, j: int) -> Optional[int]:
    """Index of the who/whose/which opening a relative clause set off by commas that ends right
    before toks[j] (the cue), the scan having stopped at i inside it; None if there is none."""
    if j < 1 or toks[j - 1].s != ",":
        return None if not (i >= 2 and toks[i - 1].low in _RELATIVES and toks[i - 2].s == ",") else i - 1
    named = False
    for r in range(j - 2, max(1, j - 16), -1):
        if toks[r].s == "," and not named and r < j - 2 and all(t.cap for t in toks[r + 1:j - 1]) \
                and not toks[r - 1].cap:
            named = True        # "Ann Lee, who lives outside the capital, Bristol, said": the
            continue            # clause's own noun named, set off by its own comma
        if toks[r].s == "," or toks[r].s in ";:\"“”":
            return None
        if toks[r].low in _RELATIVES and toks[r - 1].s == ",":
            return r
    return None


def clause_initial(toks: list[Tok], start: int) -> bool:
    """Whether the phrase starting at offset `start` opens its clause (after nothing or a comma),
    as a subject does; "marching through the streets" or "and the way they" is not a subject."""
    for n, t in enumerate(toks):
        if t.a == start:
            # (or opens a clause joined by and/but: "Talks went on and the defender said"; or
            # follows a title closed with its comma: 'On "Meet the Voters," the senator said')
            return n == 0 or toks[n - 1].s == "," or n >= 2 and toks[n - 1].low in ("and", "but") \
                and not toks[n - 2].cap and toks[n - 2].s.isalpha() \
                or n >= 2 and toks[n - 1].s in "\"”" and toks[n - 2].s == ","
    return False


def scan_back(toks: list[Tok], j: int) -> int:
    """Start index of the noun phrase that ends at toks[j] (exclusive), scanning backwards."""
    i = j
    while i > 0 and j - i < 16:
        t = toks[i - 1]
        if t.low in AFFILIATION and not t.cap and named_before(toks, i - 1) and org_after(toks[i:j]):
            i -= 1                                  # "Ann Vole at Leeds University said": one phrase
            continue
        if t.low in NP_STOPS or t.s in ";:—–\"“”" or is_cue(toks, i - 1):
            break
        if t.low == "and" and not (i >= 2 and toks[i - 2].cap and i < len(toks) and toks[i].cap):
            break
        i -= 1
    return i


def named_before(toks: list[Tok], p: int) -> bool:
    """Whether the two tokens before toks[p] are capitalised words, as a "First Last" name is."""
    return p >= 2 and all(t.cap and t.s.isalpha() and t.s not in ORG_WORDS for t in toks[p - 2:p])


DASHES = ("-", "–", "—")


def dash_pair(toks: list[Tok], j: int) -> Optional[int]:
    """Where the opening dash is, when toks[j - 1] closes an aside between dashes that follows a
    name ("Ann Lee - then an adviser to Tom Reed -"); None otherwise."""
    if j < 4 or toks[j - 1].s not in DASHES:
        return None
    for p in range(j - 2, max(0, j - 30), -1):
        if toks[p].s in ".;:!?\"“”":
            return None
        if toks[p].s in DASHES:
            return p if p > 0 and toks[p - 1].cap else None
    return None
