"""Speaker names: look-up with typos, case, accents and a missing first name tolerated;
prefixes and completion, from the speakers table loaded with each generation (never a scan of
the quote documents)."""
from __future__ import annotations

import bisect
from collections import defaultdict
from typing import Optional

from rapidfuzz import fuzz, process

from ..resolve import identities
from ..text import fold, name_key, surname
from ..records import Speaker
from ..results import SpeakerMatch
from ..settings import DEFAULTS
from .backend import Generation


def names(gen: Generation) -> "NameTable":
    """The name look-up table of a generation (built on first use, then shared by every thread)."""
    return gen.memo("names", lambda: NameTable(gen.speakers))


class NameTable:
    """In-memory look-up structures over the speakers table (built once per generation)."""

    def __init__(self, speakers: dict):
        self.speakers = speakers
        self.by_key: dict[str, set] = defaultdict(set)        # folded full key -> ids
        self.by_surname: dict[str, set] = defaultdict(set)    # folded surname -> ids
        self.words: list[tuple[str, str]] = []                # (folded word or key, id) for prefixes
        for sid, sp in speakers.items():
            for form in [sp["name"], *sp["aliases"]]:
                key = name_key(form)
                if not key:
                    continue
                self.by_key[key].add(sid)
                toks = tuple(key.split())
                self.by_surname[surname(toks)].add(sid)
                self.words.append((key, sid))
                for w in toks[1:]:
                    self.words.append((w, sid))
        self.keys = sorted(self.by_key)
        self.surnames = sorted(self.by_surname)
        self.words.sort()

    def prefixed(self, prefix: str) -> list[str]:
        """Ids whose name or an alias (or one of its words) starts with prefix, folded."""
        p = " ".join(fold(prefix).split())
        i = bisect.bisect_left(self.words, (p, ""))
        out = []
        while i < len(self.words) and self.words[i][0].startswith(p):
            out.append(self.words[i][1])
            i += 1
        return list(dict.fromkeys(out))


def speaker_records(gen: Generation) -> dict[str, Speaker]:
    """Every speaker of a generation as a record, by id (made once per generation)."""
    def make() -> dict[str, Speaker]:
        """The speakers table's rows as records."""
        return {sid: Speaker(row["id"], row["name"], tuple(row["aliases"]), row["quote_count"],
                             tuple(row["outlets"]), row.get("first_date"), row.get("last_date"),
                             row.get("article_count", 0))
                for sid, row in gen.speakers.items()}
    return gen.memo("speaker_records", make)


def _a_to_z(gen: Generation) -> list[Speaker]:
    """Every speaker A-Z by folded name, then id (made once per generation)."""
    return gen.memo("speakers_a_z", lambda: sorted(speaker_records(gen).values(),
                                                   key=lambda sp: (fold(sp.name), sp.id)))


def find_speaker(ix, name: str) -> SpeakerMatch:
    """Resolve a typed name (any case, accents, first name missing, one typo) to speakers.

    `match` is set when one speaker is clearly meant; otherwise `candidates` lists the plausible
    ones, best first.
    """
    gen = ix.generation()
    records = speaker_records(gen)
    found = tuple(records[i] for i in resolve_name(gen, name or ""))
    if len(found) == 1 or (found and _dominates(gen, name, found)):
        return SpeakerMatch(found[0], found)
    return SpeakerMatch(None, found)


def _dominates(gen: Generation, name: str, found: tuple[Speaker, ...]) -> bool:
    """The first of several speakers is clearly meant: the typed name is one of their own aliases
    and they are quoted DOMINANT times more than the next ("trump" -> Donald, not Eric)."""
    owners = names(gen).by_key.get(name_key(name), set())
    first, second = found[0], found[1]
    return first.id in owners and first.quote_count >= identities.DOMINANT * second.quote_count


def resolve_name(gen: Generation, name: str) -> list[str]:
    """Speaker ids a typed name may mean: one when clear, several (best first) when ambiguous."""
    t = names(gen)
    speakers = gen.speakers
    if name in speakers:                       # already an id
        return [name]
    key = name_key(name)
    if not key:
        return []
    by_count = lambda ids: sorted(ids, key=lambda i: (-speakers[i]["quote_count"], i))  # noqa: E731
    toks = tuple(key.split())
    exact = t.by_key.get(key, set())
    if len(toks) == 1:
        # "osimhen": the people with that surname (and a bare-surname identity, if any).
        same = exact | t.by_surname.get(key, set())
        if same:
            return by_count(same)
    elif exact:
        return by_count(exact)
    # A typo: the closest folded full names and surnames (rapidfuzz, no scan of the quotes).
    pool = t.surnames if len(toks) == 1 else t.keys
    hits = process.extract(key, pool, scorer=fuzz.ratio, score_cutoff=75, limit=5)
    if not hits:
        return []
    best = hits[0][1]
    table = t.by_surname if len(toks) == 1 else t.by_key
    ids: list[str] = []
    for choice, score, _ in hits:
        if score >= best - 0.01 or score >= 90:
            ids.extend(i for i in by_count(table[choice]) if i not in ids)
    if len(ids) > 1 and best < 90:
        return ids
    return ids if len(ids) > 1 else ids[:1]


def speakers(ix, prefix: Optional[str] = None, *, limit: Optional[int] = None) -> list[Speaker]:
    """All speakers (optionally those whose name or an alias starts with prefix), A-Z by name."""
    gen = ix.generation()
    if not prefix:
        return _a_to_z(gen)[:limit]
    records = speaker_records(gen)
    out = sorted((records[i] for i in names(gen).prefixed(prefix)), key=lambda sp: (fold(sp.name), sp.id))
    return out[:limit]


def complete_names(ix, prefix: str, limit: int = DEFAULTS.names_limit) -> list[Speaker]:
    """Name completion: speakers whose name words start with prefix, most quoted first."""
    gen = ix.generation()
    if not (prefix or "").strip():
        return []
    records = speaker_records(gen)
    found = [records[i] for i in names(gen).prefixed(prefix)]
    found.sort(key=lambda sp: (-sp.quote_count, fold(sp.name)))
    return found[:max(0, limit)]
