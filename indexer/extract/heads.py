"""What heads a noun phrase in a subject or a speaker phrase: a role noun that lower-case words
lead to before a name ("Green Party home affairs spokesman Tom Reed"), the head after a name's
modifiers ("The Harbour presidential candidate"), a person noun before a verb, an office."""
from __future__ import annotations

from typing import Optional

from ..lexicon import AUXILIARIES, CLAUSE_WORDS, CUE_WORDS, PERSON_NOUNS, PREPOSITIONS, TITLES
from .names import is_role_noun
from .tokens import Tok


def person_head_then_verb(head: Tok, t: Tok) -> bool:
    """A person noun, then a lower-case word that is neither a preposition nor a noun of a person."""
    return (is_role_noun(head.s) or head.low in PERSON_NOUNS) and t.low not in PREPOSITIONS and not (
        is_role_noun(t.s) or t.low in PERSON_NOUNS or t.low.endswith("-year-old"))


def role_then_name(toks: list[Tok], j: int) -> bool:
    """Whether a few lower-case words from toks[j] end in a role noun right before a name:
    "Green Party home affairs spokesman Tom Reed" (the party is the role's, not a name), or in an
    office, a role noun and of/for/to and a word or two: "Kell secretary of state Ann Vale"."""
    k = j
    while k < len(toks) and k - j < 4 and not toks[k].cap and toks[k].s.isalpha():
        k += 1
    if not (k > j and k < len(toks) and toks[k].cap):
        return False
    if is_role_noun(toks[k - 1].s) or toks[k - 1].low in PERSON_NOUNS:
        return True
    return any(is_role_noun(toks[m].s) and toks[m + 1].low in ("of", "for", "to") and 1 <= k - m - 2 <= 2
               and not any(t.low.endswith("ed") for t in toks[m + 2:k]) for m in range(j, k - 2))


def head_after_modifiers(toks: list[Tok], j: int) -> Optional[int]:
    """After a determiner and a name, the role or person noun that a lower-case modifier or two
    from toks[j] lead to ("The Harbour presidential candidate"), or a role noun owning what follows
    ("The Kell senator's answer"); its index, or None."""
    for m in range(j, min(len(toks), j + 3)):
        t = toks[m]
        if t.cap or not t.s.replace("'", "").replace("’", "").isalpha() or t.low in CUE_WORDS \
                or t.low in AUXILIARIES or t.low in CLAUSE_WORDS or t.low.endswith("ed"):
            return None
        bare = t.s[:-2] if t.s.endswith(("'s", "’s")) else t.s
        if is_role_noun(bare) or bare.lower() in PERSON_NOUNS:
            return m
    return None


def office(toks: list[Tok]) -> bool:
    """An appositive naming an office, capitalised or not: "the Kell Party's Chief Secretary to the
    Exchequer", "Minister of Health" -- a role or title word right before of/to/for/at."""
    return any(t.low in ("of", "to", "for", "at") and not t.cap and n
               and (is_role_noun(toks[n - 1].s) or toks[n - 1].s in TITLES)
               for n, t in enumerate(toks))
