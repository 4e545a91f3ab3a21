"""One speaker, one identity: name folding and cross-article merging (indexer/identities.py)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.resolve import identities as idn
from indexer import text


@pytest.mark.parametrize("name, key", [
    ("Simone Inzaghi", "simone inzaghi"),
    ("Sánchez", "sanchez"),
    ("ALEXIS SÁNCHEZ", "alexis sanchez"),
    ("Martin Ødegaard", "martin odegaard"),
    ("Mr. George W. Bush", "george bush"),
    ("Sen. Elizabeth Warren", "elizabeth warren"),
    ("Martin Luther King Jr.", "martin luther king"),
    ("Shaquille O'Neal", "shaquille oneal"),
    ("Torino's Davide Vagnati", "torino davide vagnati"),
    ("Mr", "mr"),                       # an honorific alone is kept rather than emptied
])
def test_name_key(name, key):
    assert text.name_key(name) == key


@pytest.mark.parametrize("names, same, apart", [
    # a bare surname joins the one full name with that surname
    (["Inzaghi", "Simone Inzaghi"], [("Inzaghi", "Simone Inzaghi")], []),
    # accents and case do not split a person
    (["Sanchez", "Alexis Sánchez", "Sánchez"], [("Sanchez", "Sánchez"), ("Sanchez", "Alexis Sánchez")], []),
    # a one-letter typo in a first name of four letters or more is the same person
    (["Mohamed Salah", "Mohammed Salah"], [("Mohamed Salah", "Mohammed Salah")], []),
    # two people sharing a surname stay apart ...
    (["John Smith", "Jane Smith"], [], [("John Smith", "Jane Smith")]),
    # ... and the bare surname, shared evenly, is not given to either
    (["John Smith", "Jane Smith", "Smith"], [], [("Smith", "John Smith"), ("Smith", "Jane Smith")]),
    # short first names one letter apart are different names, not typos
    (["Jon Brown", "Jan Brown"], [], [("Jon Brown", "Jan Brown")]),
    # a hyphenated surname is its own surname
    (["Derrick Holden-Brown", "Gordon Brown", "Brown"], [("Brown", "Gordon Brown")],
     [("Derrick Holden-Brown", "Gordon Brown")]),
    # two people speaking together are neither of them, and do not join one to the other
    (["Ann Vole", "Ivo Vole", "Ann Vole and Ivo Vole", "Tom Reed and Jo Dane", "Jo Dane"], [],
     [("Ann Vole", "Ivo Vole"), ("Ann Vole and Ivo Vole", "Ann Vole"), ("Ann Vole and Ivo Vole", "Ivo Vole"),
      ("Tom Reed and Jo Dane", "Jo Dane")]),
])
def test_resolve_merges_and_separates(names, same, apart):
    res = idn.resolve(names)
    for a, b in same:
        assert res.ids[a] == res.ids[b]
    for a, b in apart:
        assert res.ids[a] != res.ids[b]


def test_dominant_namesake_takes_the_bare_surname():
    res = idn.resolve(["Donald Trump"] * 10 + ["Melania Trump", "Trump"])
    assert res.ids["Trump"] == res.ids["Donald Trump"] != res.ids["Melania Trump"]


def test_display_name_is_the_fullest_form_and_ids_are_slugs():
    res = idn.resolve(["Inzaghi", "Inzaghi", "Simone Inzaghi"])
    sid = res.ids["Inzaghi"]
    assert sid == "simone-inzaghi"
    assert res.names[sid] == "Simone Inzaghi"
    assert res.aliases[sid] == ["Inzaghi", "Simone Inzaghi"]


@pytest.mark.parametrize("a, b", [("José Pérez", "Jose Perez!"), ("Ann O'Neil", "Ann O’Neil"),
                                  ("Hillary Rodham Clinton", "Hillary Clinton"),
                                  ("Billionaire Donald Trump", "Donald Trump"),
                                  ("Exchequer Nigel Lawson", "Nigel Lawson")])
def test_spellings_of_one_name_share_an_id(a, b):
    res = idn.resolve([a, b])
    assert res.ids[a] == res.ids[b]


def test_slug_collisions_get_suffixes():
    # "Þ" does not fold to ascii, so two different surnames give the slug "martin-orsson"
    res = idn.resolve(["Martin Þórsson", "Martin Órsson"])
    assert sorted(res.names) == ["martin-orsson", "martin-orsson-2"]


def test_empty_and_none_names_are_ignored():
    res = idn.resolve(["", "  ", None, "Ada Lovelace"])
    assert list(res.names.values()) == ["Ada Lovelace"]
    assert res.speaker_id(None) is None


NAMES = st.lists(st.sampled_from(["Inzaghi", "Simone Inzaghi", "Filippo Inzaghi", "Sánchez", "Sanchez",
                                  "Alexis Sanchez", "Smith", "John Smith", "Jane Smith", "Mohamed Salah",
                                  "Mohammed Salah", "Salah", "Ö", "Dr. Who"]), max_size=30)


@settings(max_examples=60, deadline=None)
@given(NAMES, st.randoms())
def test_resolution_does_not_depend_on_order(names, rnd):
    shuffled = list(names)
    rnd.shuffle(shuffled)
    assert idn.resolve(names) == idn.resolve(shuffled)


@settings(max_examples=60, deadline=None)
@given(NAMES)
def test_every_name_gets_an_id_and_ids_are_unique_slugs(names):
    res = idn.resolve(names)
    for n in names:
        assert res.ids[n] in res.names
    for sid in res.names:
        assert sid == text.slugify(sid)


# names quoted (form, times) -> the display name: the most quoted clean full form
DISPLAY = [
    ([("Real Walter Quist", 5), ("Walter Quist", 2), ("Quist", 9)], "Walter Quist"),
    ([("Billionaire Walter Quist", 5), ("Walter Quist", 1)], "Walter Quist"),
    ([("NORA VANCE", 9), ("Nora Vance", 1), ("Vance", 20)], "Nora Vance"),
    ([("Harbour Secertary Ivo Lund", 7), ("Ivo Lund", 1), ("Lund", 3)], "Ivo Lund"),
    ([("Nora Anne Vance", 4), ("Nora Vance", 2)], "Nora Anne Vance"),     # the most quoted clean form
    ([("Nora Anne Vance", 1), ("Nora Vance", 2)], "Nora Vance"),
    ([("José Pérez", 2), ("Jose Perez", 2)], "José Pérez"),                # a tie goes to the accents
    # negative rows: with no clean full form, the fullest, least titled, not all-caps form
    ([("Vance", 3), ("VANCE", 9)], "Vance"),
    ([("Spokesman Lund", 2), ("Lund", 5)], "Lund"),
]


@pytest.mark.parametrize("forms,display", DISPLAY)
def test_display_name_is_the_most_quoted_clean_full_form(forms, display):
    names = [f for f, n in forms for _ in range(n)]
    res = idn.resolve(names)
    (sid,) = set(res.ids.values())
    assert res.names[sid] == display
    assert res.aliases[sid] == sorted(f for f, _ in forms)         # every surface form kept


@pytest.mark.parametrize("form,clean", [
    ("Walter Quist", True), ("Nora Anne Vance", True), ("Marco de Luca", True), ("Ivo A. Lund", True),
    ("Quist", False), ("NORA VANCE", False), ("Democrat Nora Vance", False),
    ("Treasury Secertary Ivo Lund", False), ("Besides Lund", False), ("Lund Lund", False),
    ("Canadian Paul Fenwick", False), ("Mr. Ivo Lund", False),
])
def test_is_clean_full_name(form, clean):
    assert idn.is_clean_full_name(form) is clean


# A typed name with a typo: ranked candidates, and whether the best one is clear.
_NAMES = ["Bernie Sanders"] * 9 + ["Hillary Clinton"] * 12 + ["Bill Clinton"] * 3 + ["Sarah Sanderson"] * 2 + \
         ["Hilary Benn"] * 2


@pytest.mark.parametrize("typed,best", [
    ("sandres", "Bernie Sanders"), ("hilary", "Hilary Benn"), ("hillary clintn", "Hillary Clinton"),
    ("Bernie Sanders", "Bernie Sanders"), ("clinton", "Hillary Clinton"),
])
def test_candidates_for_a_typo(typed, best):
    res = idn.resolve(_NAMES)
    counts = {res.speaker_id(n): _NAMES.count(n) for n in set(_NAMES)}
    found = idn.candidates(typed, res, counts)
    assert found and found[0].name == best
    assert all(a.similarity >= b.similarity for a, b in zip(found, found[1:]))


def test_candidates_negative_and_unsure():
    res = idn.resolve(_NAMES)
    counts = {res.speaker_id(n): _NAMES.count(n) for n in set(_NAMES)}
    assert idn.candidates("zzyzx", res, counts) == []
    assert idn.unsure([])
    # "hilary": Hilary Benn exactly, but Hillary Clinton one letter away and quoted far more
    found = idn.candidates("hilary", res, counts)
    assert [c.name for c in found[:2]] == ["Hilary Benn", "Hillary Clinton"] and idn.unsure(found, margin=10)
    assert not idn.unsure(idn.candidates("Bernie Sanders", res, counts))
