"""One speaker, one identity: the names quotes are attributed to, merged across the whole corpus.

Within an article the extractor already resolves "he" and "Inzaghi" to the fullest name the article
gives. Across articles this module decides which names are one person:

- names are compared folded (case, accents, punctuation, honorifics and middle initials dropped):
  "Sánchez" = "sanchez", "Mr. George W. Bush" = "george bush";
- a full name whose first name has a one-letter typo joins the same surname's identity
  ("Mohamed Salah" ~ "Mohammed Salah"; rapidfuzz, only among names sharing the surname);
- a bare surname joins the one full name with that surname, or the one that carries at least
  DOMINANT times as many quotes as the next ("Trump" -> Donald, not Melania); when several people
  share it evenly ("Inzaghi": Simone and Filippo) it stays its own identity rather than guess;
- a name with extra words before a known full name is that person ("Exchequer Nigel Lawson"),
  and so is one with a middle name more ("Hillary Rodham Clinton" = "Hillary Clinton");
- two full names that differ stay apart even when the surname is the same.

The result depends only on the set of names and their counts, never on input order, so an
incremental update gives the same identities as a fresh build.
"""
from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Optional

from rapidfuzz import fuzz

from ..extract.names import is_role_noun
from ..lexicon import ADJECTIVES, NATIONALITIES, OPENERS, ORG_WORDS, TITLES
from ..text import HONORIFICS, fold, name_key, name_tokens, one_edit, slugify, surname

FIRST_NAME_TYPO = 80      # rapidfuzz ratio for two first names that are one typo apart
DOMINANT = 5              # a bare surname goes to a namesake quoted this many times more than the next


@dataclass(frozen=True)
class Resolution:
    """Where each speaker name went: name -> speaker id, and the identities themselves."""

    ids: dict                                 # surface name -> speaker id
    names: dict                               # speaker id -> display name
    aliases: dict                             # speaker id -> sorted surface forms

    def speaker_id(self, name: Optional[str]) -> Optional[str]:
        """The speaker id of a surface name, None for an unattributed quote."""
        return self.ids.get(name) if name else None


def resolve(names: Iterable[str]) -> Resolution:
    """Group surface speaker names (one per quote, repeats count) into identities with stable ids.

    Long on purpose: one union-find, its merge passes in the order they must run.
    """
    counts = Counter(n for n in names if n and n.strip())
    by_key: dict[str, Counter] = defaultdict(Counter)
    for form, n in counts.items():
        key = name_key(form)
        if key:
            by_key[key][form] += n

    # (names joined by "and" -- "Ann Lee and Ivo Lund", two people speaking together -- are an
    # identity of their own: merged by a middle name or a name before them, they would join the
    # first person to the second)
    full = sorted(k for k in by_key if len(k.split()) > 1 and "and" not in k.split())
    single = sorted(k for k in by_key if len(k.split()) == 1)
    parent: dict[str, str] = {k: k for k in by_key}

    def find(k: str) -> str:
        """Union-find root of a key."""
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    # Full names sharing a surname: merge first names one typo apart (blocked by surname).
    by_surname: dict[str, list[str]] = defaultdict(list)
    for k in full:
        by_surname[surname(tuple(k.split()))].append(k)
    for sur, keys in by_surname.items():
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                if _same_person(a, b, sur):
                    ra, rb = find(a), find(b)
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)

    # A middle name more or less is the same person ("Hillary Rodham Clinton"), if only one fits.
    for sur, keys in by_surname.items():
        short = defaultdict(set)
        for k in keys:
            toks = k.split()
            if len(toks) == 2:
                short[toks[0]].add(k)
        for k in keys:
            toks = k.split()
            if len(toks) > 2 and len(short.get(toks[0], ())) == 1:
                ra, rb = find(k), find(next(iter(short[toks[0]])))
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)

    # A name with words before a known full name is that person ("Billionaire Donald Trump").
    for k in full:
        toks = k.split()
        for i in range(1, len(toks) - 1):
            tail = " ".join(toks[i:])
            if tail in by_key:
                ra, rb = find(k), find(tail)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
                break

    # A bare surname joins the identity with that surname, if there is one clear one.
    for k in single:
        weight: Counter = Counter()
        for f in by_surname.get(k, ()):
            weight[find(f)] += sum(by_key[f].values())
        ranked = sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) == 1 or (ranked and ranked[0][1] >= DOMINANT * ranked[1][1]):
            parent[k] = ranked[0][0]

    groups: dict[str, Counter] = defaultdict(Counter)
    for key, forms in by_key.items():
        groups[find(key)].update(forms)
    return number([(root, _display_name(forms), list(forms)) for root, forms in groups.items()])


def number(groups: Iterable[tuple[str, str, list[str]]]) -> Resolution:
    """Ids for identities given as (root key, display name, surface forms): the display name's slug,
    with "-2", "-3" for later ones of the same slug. Sorted by root key so that slug collisions get
    the same suffix whatever the input order (the Dask job numbers its groups with this too)."""
    ids: dict[str, str] = {}
    names: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    used: Counter = Counter()
    for _root, display, forms in sorted(groups):
        base = slugify(display)
        used[base] += 1
        sid = base if used[base] == 1 else f"{base}-{used[base]}"
        names[sid] = display
        aliases[sid] = sorted(forms)
        for form in forms:
            ids[form] = sid
    return Resolution(ids, names, aliases)


def resolve_counts(counts: Counter) -> Resolution:
    """`resolve` over names given with their number of quotes ({name: count}, e.g. names.json)."""
    return resolve(itertools.chain.from_iterable(itertools.repeat(n, c) for n, c in sorted(counts.items())))


def from_table(speakers: dict) -> Resolution:
    """The Resolution a speakers table was made from (every row lists its name and aliases)."""
    ids = {form: sid for sid, row in speakers.items() for form in row["aliases"]}
    return Resolution(ids, {sid: row["name"] for sid, row in speakers.items()},
                      {sid: list(row["aliases"]) for sid, row in speakers.items()})


def _same_person(a: str, b: str, sur: str) -> bool:
    """Two folded full names with the same surname: the same person if the rest is one typo apart."""
    ra, rb = a[: len(a) - len(sur)].strip(), b[: len(b) - len(sur)].strip()
    if not ra or not rb:
        return False
    fa, fb = ra.split()[0], rb.split()[0]
    # A first name and its initial-free variant ("george w" vs "george") were already folded;
    # require the first names to be long enough that one edit is a typo, not another name.
    return min(len(fa), len(fb)) >= 4 and fuzz.ratio(ra, rb) >= FIRST_NAME_TYPO and one_edit(fa, fb)


def _display_name(forms: Counter) -> str:
    """The name to show: the most quoted clean full form ("Donald Trump", not "Real Donald Trump",
    "DONALD TRUMP" or "Trump"); without one, the fullest form with the fewest title words."""
    # a form that is another form with words in front ("Real Donald Trump" next to "Donald
    # Trump") carries a qualifier the lists may not know: it is not clean
    folded = {name_key(f) for f in forms}
    qualified = {f for f in forms
                 if any(" ".join(name_tokens(f)[i:]) in folded for i in range(1, len(name_tokens(f)) - 1))}

    def rank(form: str):
        """Sort key: clean first, then more quotes, more non-ascii letters, fewer words."""
        if form not in qualified and is_clean_full_name(form):
            return (0, -forms[form], -sum(ord(c) > 127 for c in form), len(form.split()), form)
        kept = len(name_tokens(form))
        return (1, -kept, len(form.split()) - kept, any(w.isupper() and len(w) > 2 for w in form.split()),
                -forms[form], -sum(ord(c) > 127 for c in form), form)
    return min(forms, key=rank).strip()


def is_clean_full_name(form: str) -> bool:
    """First and last name with nothing else: no title, role, opener or adjective word, not all
    caps, no word twice ("Hillary Clinton" yes; "Democrat Hillary Clinton", "CLINTON" no)."""
    words = form.split()
    if len(words) < 2 or len(words) > 4 or not words[0][:1].isupper():
        return False
    if any(w.isupper() and len(w.rstrip(".")) > 2 for w in words):
        return False
    for w in words[:-1]:
        bare = w.rstrip(".")
        if (fold(bare) in HONORIFICS or bare in TITLES or bare in OPENERS
                or bare in ADJECTIVES or bare in NATIONALITIES
                or bare in ORG_WORDS or is_role_noun(bare)):
            return False
    folded = [fold(w) for w in words]
    return len(set(folded)) == len(folded) and len(name_tokens(form)) >= 2


@dataclass(frozen=True)
class Candidate:
    """A speaker that a typed name may mean: its id, display name, how alike, how often quoted."""

    id: str
    name: str
    similarity: float              # 0-100: the best match of the typed words to the name or a part
    quote_count: int


def candidates(typed: str, resolution: Resolution, counts: dict, limit: int = 5,
               cutoff: float = 70.0) -> list[Candidate]:
    """The speakers a typed name ("sandres", "hilary") may mean, best first: by similarity of the
    folded words (the whole name, the surname or the first name, one typo allowed), then by quote
    count. `counts` maps speaker id -> quotes. Nothing below `cutoff` is listed."""
    want = name_key(typed)
    if not want:
        return []
    out = []
    for sid, display in resolution.names.items():
        toks = name_tokens(display)
        parts = [" ".join(toks), surname(toks)] + ([toks[0]] if len(toks) > 1 else [])
        sim = max(fuzz.ratio(want, p) for p in parts if p)
        if sim >= cutoff:
            out.append(Candidate(sid, display, round(sim, 1), counts.get(sid, 0)))
    out.sort(key=lambda c: (-c.similarity, -c.quote_count, c.name))
    return out[:limit]


def unsure(found: list[Candidate], margin: float = 5.0) -> bool:
    """Whether the best candidate is not clearly the one: none, or another within `margin` of it
    and quoted as often or more."""
    if not found:
        return True
    best = found[0]
    # Any runner-up, not only the second: "sandres" has three Andreses at 92 before Sanders at 86.
    return any(best.similarity - c.similarity < margin and c.quote_count >= best.quote_count
               for c in found[1:])
