"""The word lists (indexer/lexicon): each defined once, no duplicates, no entry that can never
match, no word in two lists that contradict each other; and the checks themselves, on bad lists."""
from __future__ import annotations

import re

import pytest

from indexer import lexicon
from indexer.lexicon import DISJOINT, LISTS, WordList

# A word entry must be one token as the extractor cuts them (extract/tokens.py TOKEN), without
# "_": "finally," or "Andrea_m" can never equal a token.
_ONE_TOKEN = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*(?:['’]s?)?")


def problems(wl: WordList) -> list[str]:
    """What is wrong with one list: duplicates, wrong case, entries that are not one token."""
    out = []
    seen: set = set()
    for e in wl.entries:
        if e in seen:
            out.append(f"{wl.name}: {e!r} twice")
        seen.add(e)
        if wl.mode == "lines":
            forms = [f.strip() for f in e.split("|")]
            if any(not f for f in forms):
                out.append(f"{wl.name}: empty form in {e!r}")
            continue
        if not _ONE_TOKEN.fullmatch(e):
            out.append(f"{wl.name}: {e!r} is not one word")
        if wl.mode == "lower" and e != e.lower():
            out.append(f"{wl.name}: {e!r} is not lower case")
        if wl.mode == "title" and not e[:1].isupper():
            out.append(f"{wl.name}: {e!r} does not start with a capital")
    return out


def clashes(lists: dict[str, WordList], pairs) -> list[str]:
    """Words that sit in two lists that contradict each other."""
    return [f"{a} & {b}: {sorted(set(lists[a].entries) & set(lists[b].entries))}"
            for a, b in pairs if set(lists[a].entries) & set(lists[b].entries)]


@pytest.mark.parametrize("name", sorted(LISTS))
def test_list_is_clean(name):
    assert problems(LISTS[name]) == []


def test_no_contradicting_lists():
    assert all(a in LISTS and b in LISTS for a, b in DISJOINT)
    assert clashes(LISTS, DISJOINT) == []


def test_one_medium_per_surface_form():
    seen: dict = {}
    for canon, aliases in lexicon.MEDIA.items():
        for form in (canon,) + aliases:
            assert seen.setdefault(form, canon) == canon, f"{form!r} names {seen[form]} and {canon}"


def test_every_list_is_used():
    # a list in the data files that no code reads is dead weight (or a typo in a name)
    import pathlib
    src = "\n".join(p.read_text(encoding="utf-8")
                    for p in pathlib.Path(lexicon.__file__).parent.parent.rglob("*.py"))
    unused = [n for n in LISTS if f'"{n}"' not in src]
    assert unused == []


# The checks find what they are meant to find (made-up lists).
BAD = [
    (WordList("x", "lower", "f", 1, ("said", "said")), ["x: 'said' twice"]),
    (WordList("x", "lower", "f", 1, ("finally,",)), ["x: 'finally,' is not one word"]),
    (WordList("x", "title", "f", 1, ("Andrea_m",)), ["x: 'Andrea_m' is not one word"]),
    (WordList("x", "lower", "f", 1, ("Said",)), ["x: 'Said' is not lower case"]),
    (WordList("x", "title", "f", 1, ("monday",)), ["x: 'monday' does not start with a capital"]),
    (WordList("x", "lines", "f", 1, ("CNN | | CNN International",)), ["x: empty form in 'CNN | | CNN International'"]),
    # good entries: possessives, hyphens, apostrophes, dotted abbreviations
    (WordList("x", "lower", "f", 1, ("e-mailed", "u.s", "front-runner")), []),
    (WordList("x", "title", "f", 1, ("It's", "Don't", "Göring", "GmbH")), []),
]


@pytest.mark.parametrize("wl,expected", BAD)
def test_problems_table(wl, expected):
    assert problems(wl) == expected


def test_clashes_found():
    lists = {"m": WordList("m", "title", "f", 1, ("Alex", "Tom")),
             "f": WordList("f", "title", "f", 1, ("Alex", "Ann"))}
    assert clashes(lists, [("m", "f")]) == ["m & f: ['Alex']"]


def test_bad_header_is_reported(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("[cues lowercase]\nsaid\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.txt:1: a section header is \[name mode\]"):
        lexicon._parse(bad)
    bad.write_text("said told\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.txt:1: words before the first"):
        lexicon._parse(bad)
