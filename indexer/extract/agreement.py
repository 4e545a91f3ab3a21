"""Gender read off the pronoun that follows a name: "Sandy Cole, who lost her daughter in the
fire, said ..." makes Sandy Cole a woman, though no list knows "Sandy".

A person whose gender neither a title, a listed first name nor a gendered noun gives takes it from
the first his/himself or her/herself after one of its mentions in the same sentence, outside
quotes, when every other person named in between is known to be of the other gender ("Jody
Kestrel, a supporter of Tom Reed, finds herself ..."). A pronoun with an unknown or agreeing person
in between says nothing (in "Dan Cole praised Kim Reed for her work" the "her" may be Kim Reed's),
nor one after a gendered noun ("Olwen Lee ... my father took his degree"). The gender so read is
weak: a title or a gendered noun overrides it.
"""
from __future__ import annotations

import re
from typing import Iterable

from ..lexicon import CLAUSE_WORDS, DETERMINERS, FEMALE_NOUNS, MALE_NOUNS, PREPOSITIONS
from .entity import PERSON, Entity
from .furniture import inside
from .names import looks_like_person

Span = tuple[int, int]

# (no he/she: in "Dan Cole told reporters that she was a regular" the subject of what was said is
# someone else as often as not; nor an object, "when she called him ...": a possessive or a
# reflexive goes with the subject before it -- "her" only before a word no function word)
# (the first letter read first, then what stands before it: re skips fast to an opening letter;
# group 1, "is"/"imself", says a male one, group 3 is the word after "her")
_GENDERED = re.compile(r"[Hh](?<![\w'’-].)(?:(is|imself)|(erself|er(?=\s+([a-z][\w-]*))))(?![\w'’-])")
# after "her", a word that makes it an object ("told her that", "gave her a"), not a possessive
_NO_NOUN = PREPOSITIONS | DETERMINERS | CLAUSE_WORDS
_WORD = re.compile(r"[a-z]+")
# how far after a name its pronoun may stand, in characters ("Jody Kestrel, 33, a supporter of ...,
# finds herself": about 110)
REACH = 250


def learn_genders(text: str, mentions: list[tuple[int, int, Entity]], sentences: Iterable[Span],
                  quote_spans: list[Span]) -> None:
    """Give the people of `mentions` ((start, end, entity), in text order) with no gender the one
    their following pronoun shows, sentence by sentence (see the module)."""
    i = 0
    for a, b in sentences:
        if i == len(mentions):
            break                             # (the sentences after the last mention: nothing to read)
        while i < len(mentions) and mentions[i][0] < a:
            i += 1
        j = i
        while j < len(mentions) and mentions[j][0] < b:
            j += 1
        for k in range(i, j):
            start, end, e = mentions[k]
            if e.kind != PERSON or e.gender is not None or e.places or text[max(0, start - 4):start].lower() == "the ":
                continue                      # ("The Florida senator ... his": the name is no one)
            g = _first_pronoun(text, end, end + REACH if end + REACH < b else b, quote_spans)   # (min(), no call)
            if g is None:
                continue
            at, gender = g
            between = [x for s, _, x in mentions[k + 1:j] if s < at and x is not e and x.kind == PERSON]
            if all(x.gender is not None and x.gender != gender for x in between) \
                    and not any(w in MALE_NOUNS or w in FEMALE_NOUNS for w in _WORD.findall(text, end, at)):
                e.gender = gender
                # and a full name with a gender is a person's (not a lone "Lately, his ...")
                e.evidence += len(e.words) >= 2 and looks_like_person(e.words)
        i = j


def _first_pronoun(text: str, a: int, b: int, quote_spans: list[Span]):
    """(offset, "m" or "f") of the first gendered pronoun in text[a:b] outside quotes; None if none."""
    for m in _GENDERED.finditer(text, a, b):
        if m.group(3) in _NO_NOUN:
            continue                          # "told her that", "gave her a": an object
        if not inside(m.start(), quote_spans):
            return m.start(), "m" if m.group(1) else "f"
    return None
