"""The name runs of an article's text, as the entity table reads them.

`names.NAME_RUN` finds capitalised runs; here they are joined and cut the way names are written:
two runs joined by "and" or "of" into one organisation's name when its last word or an acronym in
brackets says so ("Food and Drug Administration", "Ministry of Trade and Industry (MTI)"), and cut
after an owner's possessive ("Harbourland's Tomas Vidal"); a "Jr."/"Sr." keeps its full stop, which
NAME_RUN leaves out. All-caps lines give no runs.
"""
from __future__ import annotations

import re
from typing import Iterator

from ..lexicon import FIRM_TAILS, ORG_HEADS, ORG_KINDS, ORG_WORDS
from ..text import irregular_plural
from .furniture import caps_lines
from .names import NAME_RUN, first_name, initials


def name_runs(text: str) -> Iterator[tuple[int, str]]:
    """(start, surface) of every name run of the text, joined and cut as the module says."""
    for start, run in _acronym_joined(text, _and_joined(text, NAME_RUN.finditer(_without_caps_lines(text)))):
        if run[-3:] in (" Jr", " Sr") and text[start + len(run):start + len(run) + 1] == ".":
            run += "."                   # "Ivo Dane Jr.": the suffix as written
        if "'" in run or "’" in run:
            yield from _owner_split(start, run)
        else:
            yield start, run             # most runs: no possessive to cut at


_OWNER = re.compile(r"(?:['’]s|(?<=s)['’])\s+(?=\S)")


def _and_joined(text: str, matches) -> list[tuple[int, str]]:
    """(start, surface) of the name runs, two runs joined by "of" into one when both end as a firm's
    name does ("Harbour Holdings of Kell Inc"), by "and" into one when the second ends an
    organisation's name ("Securities and Exchange Commission", "Food and Drug Administration") or
    an acronym of the text spells both ("the Organization for Harbour Cooperation and Development
    ... the OHCD"), not when the first is a person's ("Ann Lee and Acme Corp")."""
    out: list[tuple[int, str]] = []
    acronyms = None
    gap = -10                                  # where the last run of out ends (none yet: no gap to read)
    for m in matches:
        start, end = m.span()
        n = start - gap
        if n == 4 or n == 5:                   # (most runs: no gap of 4 or 5 to read)
            a, prev = out[-1]
            surface = m.group()
            if n == 4 and _OF.fullmatch(text, gap, start) and prev.split()[-1] in FIRM_TAILS \
                    and surface.split()[-1] in FIRM_TAILS:
                gap = m.end()
                out[-1] = (a, text[a:gap])     # "Kell Power Co of Ohio Inc": one firm
                continue
            words = surface.split() if n == 5 and _AND.fullmatch(text, gap, start) else ()   # (split only to join)
            # (not two firms, each named whole: "Kell Ltd and Dane Corp")
            if words and not first_name(prev.split()[0]) and not first_name(words[0]) \
                    and not (len(prev.split()) - prev.startswith(("The ", "the ")) > 1
                             and prev.split()[-1] in FIRM_TAILS and words[-1] in FIRM_TAILS):
                org_end = text.startswith(" and ", gap) and (words[-1] in ORG_WORDS or words[-1] in FIRM_TAILS
                                                             or words[-1].lower() in ORG_KINDS)
                if not org_end and acronyms is None:
                    acronyms = set(_ACRONYM.findall(text))
                if org_end or _spelled(prev.split() + words, acronyms):
                    gap = m.end()
                    out[-1] = (a, text[a:gap])
                    continue
        out.append((start, m.group()))        # (the run as matched: caps lines are blanked there)
        gap = end
    return out


def _spelled(words: list[str], acronyms: set) -> bool:
    """Whether an acronym of the text spells the initials of these words, or all but an
    organisation's head word ("HUR": the Department of Harbour and Urban Renewal)."""
    caps = initials(words)
    return caps in acronyms or len(caps) > 3 and words[0] in ORG_HEADS and caps[1:] in acronyms


_AND = re.compile(r" and |\nand | and\n")
_OF = re.compile(r" of |\nof | of\n")
_ACRONYM = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]{2,5}\b")    # \b[A-Z]{3,6}\b, its first capital read first (faster)


# an acronym in brackets right after a name defines it: "Ministry of Trade and Industry (MTI)"
_DEFINED = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)$")     # "(MHTI)", "(HbKW)"
_JOINS = (" and ", " of ", " for ", " of the ", " on ", " & ")


def _capitals(acronym: str) -> str:
    """The capital letters of an acronym ("HbKW" -> "HKW")."""
    return "".join(c for c in acronym if c.isupper())


def defined_acronym(surface: str) -> str:
    """The acronym in brackets a run ends with when its capitals end the run's own initials
    ("Harbour Kell Wessel (HbKW)"); "" otherwise."""
    m = _DEFINED.search(surface)
    return m.group(1) if m is not None and _spells(m.group(1), initials(surface[:m.start()].split())) else ""


def _spells(acronym: str, caps: str) -> bool:
    """Whether an acronym spells these initials: its capitals end them ("HbKW" for "HKW"), or, when
    it is written as a word ("Nasa", "Apacs", as some house styles do), its letters hold three or
    more initials in order from the first ("Apacs": Association of Payment Clearing Services)."""
    if acronym[1:].islower():
        letters, want = iter(acronym.lower()), caps.lower()
        return len(want) >= 3 and acronym[0] == caps[0] and all(c in letters for c in want)
    return len(_capitals(acronym)) >= 2 and caps.endswith(_capitals(acronym))


def _acronym_joined(text: str, runs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Runs joined by and/of/for into one when an acronym in brackets after the last spells them
    all ("Ministry of Harbour Trade and Industry (MHTI)": two runs, one name)."""
    out: list[tuple[int, str]] = []
    for start, surface in runs:
        m = _DEFINED.search(surface) if surface[-1] == ")" else None   # (most runs: no bracket to read)
        if m and out and not defined_acronym(surface):
            want = _capitals(m.group(1))
            for back in range(1, min(3, len(out)) + 1):
                a, prev = out[-back]
                joined = text[a:start + len(surface)]
                seq = out[len(out) - back:] + [(start, surface)]
                if any(text[x + len(y):z] not in _JOINS for (x, y), (z, _) in zip(seq, seq[1:])):
                    break
                if initials(joined[:joined.rindex("(")].split()).endswith(want):
                    del out[-back:]
                    start, surface = a, joined
                    break
        out.append((start, surface))
    return out


def _owner_split(start: int, surface: str) -> list[tuple[int, str]]:
    """A run cut after an owner's possessive into (start, surface) pieces: "Harbourland's Tomas Vidal"
    is Harbourland's, then Tomas Vidal; "Pell Norton's Korda" is the firm's, then Korda. An irregular
    plural owns no one: "People's Daily" is one name."""
    if "'" not in surface and "’" not in surface:
        return [(start, surface)]        # most runs: no possessive to cut at
    out = []
    at = 0
    for m in _OWNER.finditer(surface):
        owner = (surface[at:m.start()].split() or [""])[-1]
        if irregular_plural(owner):
            continue                     # "People's Daily": one name
        out.append((start + at, surface[at:m.start() + len(m.group().rstrip())]))
        at = m.end()
    out.append((start + at, surface[at:]))
    return out


def _without_caps_lines(text: str) -> str:
    """text with its all-caps lines blanked (same offsets): in "ACME SAYS IVO LUND TO QUIT" the
    capitals do not tell names from other words, so its words make no entity and no mention; a
    name it holds counts only where the article writes it in normal case."""
    spans = caps_lines(text)
    if not spans:
        return text
    parts, at = [], 0
    for a, b in spans:
        parts += [text[at:a], " " * (b - a)]
        at = b
    return "".join(parts) + text[at:]
