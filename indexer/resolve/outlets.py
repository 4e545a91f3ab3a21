"""Outlets by name: every outlet has a slug (kept in URLs, filters and JSON) and a display name.

An article's outlet comes as the corpus gives it: a slug ("wash-post", "nyt"), a name ("Daily
Planet"), or a wire signature ("Reuters"). Its slug is that value folded to lower-case ASCII
words joined by hyphens; its name, in this order of preference, is
  1. a name the article's metadata gives (`outlet_name` in a JSON record or a sidecar column),
  2. the name given to `build --outlet NAME` for the folder it came from,
  3. the built-in table below, for common slugs of well-known outlets,
  4. the value as the corpus gives it, when it is not itself a bare slug,
and otherwise the slug itself. An article with no outlet at all stays unknown (None), and the
pages say so once.

The table is general knowledge (publishers' own public names), written by hand; it is not
derived from any corpus.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Optional

from ..text import fold

# Common slugs and short forms of well-known outlets -> the name they publish under.
KNOWN = {
    "nyt": "The New York Times", "nytimes": "The New York Times", "ny-times": "The New York Times",
    "new-york-times": "The New York Times", "the-new-york-times": "The New York Times",
    "wash-post": "The Washington Post", "wapo": "The Washington Post", "washpost": "The Washington Post",
    "washington-post": "The Washington Post", "the-washington-post": "The Washington Post",
    "wsj": "The Wall Street Journal", "wall-street-journal": "The Wall Street Journal",
    "usa-today": "USA Today", "usatoday": "USA Today",
    "la-times": "Los Angeles Times", "latimes": "Los Angeles Times",
    "huff-post": "HuffPost", "huffpost": "HuffPost", "huffington-post": "HuffPost",
    "politico": "Politico", "breitbart": "Breitbart News", "breitbart-news": "Breitbart News",
    "west-journal": "The Western Journal", "western-journal": "The Western Journal",
    "the-hill": "The Hill", "axios": "Axios", "vox": "Vox", "slate": "Slate", "salon": "Salon",
    "npr": "NPR", "pbs": "PBS", "cnn": "CNN", "msnbc": "MSNBC", "fox": "Fox News",
    "fox-news": "Fox News", "foxnews": "Fox News", "abc": "ABC News", "abc-news": "ABC News",
    "cbs": "CBS News", "cbs-news": "CBS News", "nbc": "NBC News", "nbc-news": "NBC News",
    "bloomberg": "Bloomberg", "ft": "Financial Times", "financial-times": "Financial Times",
    "economist": "The Economist", "the-economist": "The Economist",
    "bbc": "BBC News", "bbc-news": "BBC News", "guardian": "The Guardian",
    "the-guardian": "The Guardian", "telegraph": "The Daily Telegraph", "independent": "The Independent",
    "daily-mail": "Daily Mail", "times-of-london": "The Times", "sky-news": "Sky News",
    "al-jazeera": "Al Jazeera", "aljazeera": "Al Jazeera", "dw": "Deutsche Welle",
    "le-monde": "Le Monde", "el-pais": "El País", "der-spiegel": "Der Spiegel", "spiegel": "Der Spiegel",
    "corriere": "Corriere della Sera", "gazzetta": "La Gazzetta dello Sport",
    "reuters": "Reuters", "reuter": "Reuters", "ap": "The Associated Press",
    "associated-press": "The Associated Press", "afp": "AFP", "upi": "UPI", "dpa": "dpa",
    "xinhua": "Xinhua", "efe": "EFE", "ansa": "ANSA", "kyodo": "Kyodo News", "yonhap": "Yonhap",
    "tass": "TASS", "pti": "Press Trust of India",
}

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(value: Optional[str]) -> Optional[str]:
    """An outlet's slug: folded lower-case ASCII words joined by hyphens; None when it has none."""
    if not value or not value.strip():
        return None
    return _NOT_SLUG.sub("-", fold(value)).strip("-") or None


def _is_bare_slug(value: str) -> bool:
    """True for a value that is a slug rather than a name ("wash-post", "nyt"; not "BBC")."""
    return value == slug(value)


def name_of(value: Optional[str], given: Optional[str] = None) -> Optional[str]:
    """The display name of an outlet value, with a name the metadata or `--outlet` gives first."""
    key = slug(value)
    if key is None:
        return None
    if given and given.strip():
        return given.strip()
    return KNOWN.get(key) or (value.strip() if not _is_bare_slug(value.strip()) else key)


def override(value: str) -> tuple[str, Optional[str]]:
    """What `build --outlet VALUE` means: (the slug, the name) of the outlet it names.

    A known slug keeps its table name (`--outlet bbc` is "BBC News"); a name is kept as given
    (`--outlet "Riverton Herald"` is slug "riverton-herald").
    """
    key = slug(value)
    if key is None:
        raise ValueError(f"--outlet: {value!r} names no outlet")
    return key, (KNOWN.get(key) if _is_bare_slug(value.strip()) else value.strip()) or key


class Book:
    """The outlets of one build: slug -> the name most of its articles give (ties: A-Z)."""

    def __init__(self):
        self._votes: dict[str, Counter] = defaultdict(Counter)

    def vote(self, key: str, name: str, count: int = 1) -> None:
        """count articles of the outlet `key` name it `name`."""
        self._votes[key][name] += count

    def table(self) -> dict[str, str]:
        """slug -> display name, for outlets.json."""
        return {key: min(votes, key=lambda n: (-votes[n], n)) for key, votes in sorted(self._votes.items())}
