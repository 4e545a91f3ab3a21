"""Speaker names: look-up with typos, case, accents and a missing first name tolerated;
prefixes and completion (any word of a name, apostrophes and accents either way, a small typo),
from the speakers table loaded with each generation (never a scan of the quote documents)."""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from typing import Optional

from rapidfuzz import fuzz, process

from ..resolve import identities
from ..text import fold, name_key, surname
from ..records import Speaker
from ..results import SpeakerCandidate, SpeakerMatch
from ..settings import DEFAULTS
from .backend import Generation


def names(gen: Generation) -> "NameTable":
    """The name look-up table of a generation (built on first use, then shared by every thread)."""
    return gen.memo("names", lambda: NameTable(gen.speakers))


class NameTable:
    """In-memory look-up structures over the speakers table (built once per generation)."""

    def __init__(self, speakers: dict):
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
        self._by_length: dict = {}

    def prefixed(self, prefix: str) -> list[str]:
        """Ids whose name or an alias (or one of its words) starts with prefix, folded."""
        p = folded_prefix(prefix)
        i = bisect.bisect_left(self.words, (p, ""))
        out = []
        while i < len(self.words) and self.words[i][0].startswith(p):
            out.append(self.words[i][1])
            i += 1
        return list(dict.fromkeys(out))

    def near(self, prefix: str, limit: int) -> list[str]:
        """Ids with a name word that starts with prefix give or take one typo (a letter wrong,
        missing, extra, or two swapped): the beginnings of the words as long as the prefix, one
        letter shorter and one longer, compared with rapidfuzz (a C loop, no Python scan)."""
        p = folded_prefix(prefix)
        if len(p) < MIN_TYPO_PREFIX:
            return []
        cutoff = 100.0 * (len(p) - 1) / len(p) - 0.01
        found: dict[str, float] = {}
        for n in (len(p) - 1, len(p), len(p) + 1):
            starts, keys = self._starts(n)
            for start, score, _ in process.extract(p, keys, scorer=fuzz.ratio, score_cutoff=cutoff,
                                                   limit=limit * 4):
                for sid in starts[start]:
                    found[sid] = max(found.get(sid, 0.0), score)
        return sorted(found, key=lambda sid: -found[sid])

    def _starts(self, n: int) -> tuple[dict[str, list[str]], list[str]]:
        """The first n letters of every name word -> the ids having it, and those beginnings as
        a list for rapidfuzz (made once per length)."""
        got = self._by_length.get(n)
        if got is None:
            starts: dict[str, list[str]] = defaultdict(list)
            for word, sid in self.words:
                if len(word) >= n and (not starts[word[:n]] or starts[word[:n]][-1] != sid):
                    starts[word[:n]].append(sid)
            starts = dict(starts)
            self._by_length[n] = got = (starts, list(starts))
        return got


# A typed name nobody has is unsure when a runner-up is this close in similarity (0-100) and
# quoted as often or more: "sandres" is Andres (92) or Sanders (86), "hilary" Hilary Swank (100)
# or Hillary Clinton (92), and the most alike is not always the one meant.
UNSURE_MARGIN = 10.0
MIN_TYPO_PREFIX = 4        # shorter prefixes are completed only as typed: one edit in three letters is anything
_APOSTROPHES = re.compile(r"['\u2019\u2018`\u00b4]")


def folded_prefix(prefix: str) -> str:
    """A typed name prefix as the name table keeps words: folded, apostrophes dropped ("O'Ne" and
    "o’ne" -> "one"), other marks as spaces."""
    return " ".join(re.sub(r"[^\w\s-]+|_", " ", _APOSTROPHES.sub("", fold(prefix))).split())


def speaker_records(gen: Generation) -> dict[str, Speaker]:
    """Every speaker of a generation as a record, by id (made once per generation)."""
    def make() -> dict[str, Speaker]:
        """The speakers table's rows as records."""
        return {sid: Speaker(row["id"], row["name"], tuple(row["aliases"]), row["quote_count"],
                             tuple(row["outlets"]), row.get("first_date"), row.get("last_date"),
                             row.get("kind"), row.get("article_count", 0))
                for sid, row in gen.speakers.items()}
    return gen.memo("speaker_records", make)


def speaker_by_id(ix, speaker_id: str) -> Optional[Speaker]:
    """One speaker's record by id (None if unknown): a dict look-up."""
    return speaker_records(ix.generation()).get(speaker_id)


def find_speaker(ix, name: str) -> SpeakerMatch:
    """Resolve a typed name (any case, accents, first name missing, a typo) to speakers.

    `match` is set when one speaker is clearly meant; otherwise `candidates` lists the plausible
    ones. A name no speaker has ("sandres", "hilary") is looked for among similar names
    (`identities.candidates`: the whole name, the surname or the first name, ranked by
    similarity, then quote count); the best is taken when it is clearly ahead
    (`identities.unsure` with UNSURE_MARGIN), and `message` says so.
    """
    gen = ix.generation()
    records = speaker_records(gen)
    typed = (name or "").strip()
    ids = _exact(gen, typed) if typed else []
    if ids:
        found = tuple(_candidate(records[i], 100.0) for i in ids)
        if len(found) == 1 or _dominates(gen, typed, found):
            return SpeakerMatch(records[ids[0]], found, True, None)
        return SpeakerMatch(None, found, False, f"{typed!r} may be any of {len(found)} speakers.")
    near = identities.candidates(typed, _resolution(gen), _counts(gen)) if typed else []
    found = tuple(_candidate(records[c.id], c.similarity) for c in near)
    if not found:
        return SpeakerMatch(None, (), False, f"No speaker matches {typed!r}." if typed else "No name given.")
    if not identities.unsure(near, margin=UNSURE_MARGIN):
        return SpeakerMatch(records[found[0].id], found, True,
                            f"No speaker is named {typed!r}; the closest name is {found[0].name}.")
    return SpeakerMatch(None, found, False, f"No speaker is named {typed!r}; the closest names are listed, "
                                            "most alike first.")


def _candidate(sp: Speaker, similarity: float) -> SpeakerCandidate:
    """A speaker record as a candidate for a typed name."""
    return SpeakerCandidate(sp.id, sp.name, sp.aliases, sp.quote_count, sp.outlets, sp.first_date,
                            sp.last_date, sp.kind, sp.article_count, similarity)


def _resolution(gen: Generation) -> identities.Resolution:
    """The speakers of a generation as the identities module's Resolution (for candidates())."""
    return gen.memo("resolution", lambda: identities.Resolution(
        {}, {sid: row["name"] for sid, row in gen.speakers.items()}, {}))


def _counts(gen: Generation) -> dict:
    """speaker id -> quote count."""
    return gen.memo("quote_counts", lambda: {sid: row["quote_count"] for sid, row in gen.speakers.items()})


def _dominates(gen: Generation, name: str, found: tuple[Speaker, ...]) -> bool:
    """The first of several speakers is clearly meant: the typed name is one of their own aliases
    and they are quoted DOMINANT times more than the next ("trump" -> Donald, not Eric)."""
    owners = names(gen).by_key.get(name_key(name), set())
    first, second = found[0], found[1]
    return first.id in owners and first.quote_count >= identities.DOMINANT * second.quote_count


def _exact(gen: Generation, name: str) -> list[str]:
    """Speaker ids a typed name is exactly (folded): an id, a name or an alias, or, for one word,
    the surname of each; most quoted first."""
    t = names(gen)
    speakers = gen.speakers
    if name in speakers:                       # already an id
        return [name]
    key = name_key(name)
    if not key:
        return []
    exact = set(t.by_key.get(key, set()))
    if len(key.split()) == 1:
        # "osimhen": the people with that surname (and a bare-surname identity, if any).
        exact |= t.by_surname.get(key, set())
    return sorted(exact, key=lambda i: (-speakers[i]["quote_count"], i))


def resolve_name(gen: Generation, name: str) -> list[str]:
    """Speaker ids a typed name may mean: one when clear, several (best first) when ambiguous."""
    exact = _exact(gen, name)
    if exact:
        return exact
    t = names(gen)
    speakers = gen.speakers
    key = name_key(name)
    if not key:
        return []
    by_count = lambda ids: sorted(ids, key=lambda i: (-speakers[i]["quote_count"], i))  # noqa: E731
    toks = tuple(key.split())
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


def complete_names(ix, prefix: str, limit: int = DEFAULTS.names_limit) -> list[Speaker]:
    """Name completion: speakers one of whose name words starts with prefix (accents and
    apostrophes either way), most quoted first; then, when that leaves room, those whose name
    word starts with it give or take one typo (a prefix of MIN_TYPO_PREFIX letters or more),
    most quoted first."""
    gen = ix.generation()
    if not (prefix or "").strip() or limit < 1:
        return []
    records = speaker_records(gen)
    table = names(gen)
    by_count = lambda sp: (-sp.quote_count, fold(sp.name))      # noqa: E731
    found = sorted((records[i] for i in table.prefixed(prefix)), key=by_count)[:limit]
    if len(found) < limit:
        have = {sp.id for sp in found}
        near = sorted((records[i] for i in table.near(prefix, limit) if i not in have), key=by_count)
        found += near[:limit - len(found)]
    return found
