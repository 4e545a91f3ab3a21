"""Query help with examples taken from the index being served, each checked to find something."""
from __future__ import annotations

import re

from ..results import QueryExample
from ..text import name_tokens, surname
from .api import Index, search
from .facets import FACET_LIMIT
from .query import quote_words

# Frequent words say little; an example uses words of middling frequency that read as words.
_WORD = re.compile(r"[a-z]{5,12}")
_COMMON = 0.02          # a word in more than this share of the quotes is too common to show off


def query_examples(ix: Index) -> tuple[QueryExample, ...]:
    """Examples of the query syntax (a phrase, AND, OR, NOT, speaker:, outlet:, year:) built
    from this index's own words, speakers and outlets, each with how many quotes it finds
    here; an example that would find nothing is left out. Made once per generation."""
    gen = ix.generation()
    return gen.memo("query_examples", lambda: _examples(ix, gen.words))


def _examples(ix: Index, vocab: dict) -> tuple[QueryExample, ...]:
    """The examples, searched once each (vocab: the generation's words and their counts)."""
    listing = search(ix, per_page=1)
    carried = search(ix, sort="carried", per_page=1).hits
    text = carried[0].text if carried else ""
    tries = []
    phrase = _phrase(text)
    if phrase:
        tries.append((f'"{phrase}"', "these words, in this order"))
    mine = _telling(vocab, re.findall(r"[A-Za-z]+", text.lower()), listing.reports)
    if len(mine) >= 2:
        tries += [(f"{mine[0]} AND {mine[1]}", "both words"),
                  (f"{mine[0]} NOT {mine[1]}", "the first word without the second")]
    common = _telling(vocab, sorted(vocab, key=lambda w: -vocab[w]), listing.reports)
    if len(common) >= 2:
        tries.append((f"{common[0]} OR {common[1]}", "either word"))
    if listing.facets.speaker:
        top = listing.facets.speaker[0]
        toks = name_tokens(top.label)
        if toks:
            tries.append((f"speaker:{surname(toks).split()[-1]}", f"quotes by {top.label} (or anyone so named)"))
    if listing.facets.outlet:
        top = listing.facets.outlet[0]
        tries.append((f"outlet:{top.value}", f"quotes carried by {top.label} (its slug)"))
    if listing.facets.year:
        year = max(listing.facets.year[:FACET_LIMIT], key=lambda v: v.count).value
        tries.append((f"year:{year}", "quotes of one year (or use the dates below)"))
    out = []
    for q, what in tries:
        found = search(ix, q, per_page=1)
        if found.total and not found.messages:
            out.append(QueryExample(q, what, found.total))
    return tuple(out)


def _telling(vocab: dict, words, quotes: int) -> list[str]:
    """Words that make a readable example, in the order given: five letters or more, a stem as
    long (so that what is searched is the word shown), in few enough quotes to say something."""
    out: list[str] = []
    for w in words:
        if (w not in out and _WORD.fullmatch(w) and len("".join(quote_words(w))) >= 5
                and 0 < vocab.get(w, 0) <= max(1, quotes * _COMMON)):
            out.append(w)
            if len(out) == 2:
                break
    return out


def _phrase(text: str) -> str:
    """Three words in a row from a quote (the one most articles carried)."""
    toks = text.split()
    for i in range(len(toks) - 2):
        window = toks[i:i + 3]
        if all(re.fullmatch(r"[A-Za-z]{2,}", t) for t in window) and any(len(t) > 3 for t in window):
            return " ".join(window).lower()
    return ""
