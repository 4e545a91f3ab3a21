"""Outlets and media gazetteer: tells "told DAZN" and "said on Fox News" from "told reporters"."""
from __future__ import annotations

import re
from typing import Optional

# Canonical name -> other surface forms. Matching ignores case only for the aliases written in
# lower case here; acronyms must be written as acronyms ("told CNN", not "told cnn").
_GAZETTEER: dict[str, tuple[str, ...]] = {
    "ABC": ("ABC News", "ABC's", "ABC’s"),
    "AFP": ("Agence France-Presse", "Agence France Presse"),
    "Al Jazeera": ("Al-Jazeera",),
    "AP": ("Associated Press", "The Associated Press", "the Associated Press"),
    "BBC": ("BBC News", "the BBC", "BBC Radio", "BBC Radio 4", "BBC Radio 5 Live", "BBC Sport",
            "BBC Television", "BBC One", "BBC Two", "BBC World Service", "Radio 4", "Radio Five Live",
            "5 Live", "Five Live"),
    "Bloomberg": ("Bloomberg News", "Bloomberg TV", "Bloomberg Television"),
    "Breitbart": ("Breitbart News", "Breitbart News Daily"),
    "BuzzFeed": ("BuzzFeed News",),
    "CBS": ("CBS News", "CBS This Morning", "Face the Nation", "60 Minutes"),
    "CNBC": (),
    "CNN": ("CNN International", "State of the Union"),
    "C-SPAN": (),
    "DAZN": (),
    "ESPN": (),
    "Fox News": ("Fox", "Fox News Channel", "Fox Business", "Fox Business Network", "Fox & Friends",
                 "Fox and Friends", "Fox News Sunday"),
    "Fox Sports": (),
    "HuffPost": ("The Huffington Post", "Huffington Post"),
    "ITV": ("ITV News",),
    "L'Equipe": ("L’Equipe", "L'Équipe", "L’Équipe"),
    "Mediaset": ("Mediaset Premium",),
    "MSNBC": ("Morning Joe",),
    "NBC": ("NBC News", "Meet the Press", "Today", "the Today show", "NBC's Today"),
    "NPR": ("National Public Radio",),
    "Politico": ("POLITICO",),
    "RAI": ("Rai", "Rai Sport", "RAI Sport"),
    "Reuters": ("Thomson Reuters",),
    "Sky Sports": ("Sky Sport", "Sky Sport Italia", "Sky Italia", "Sky", "Sky News"),
    "Channel 4": ("Channel 4 News",),
    "The Atlantic": (),
    "The Daily Telegraph": ("The Telegraph", "the Telegraph", "the Daily Telegraph"),
    "The Guardian": ("the Guardian", "Guardian"),
    "The Independent": ("the Independent",),
    "The New York Times": ("the New York Times", "New York Times", "The Times", "the Times"),
    "The Wall Street Journal": ("the Wall Street Journal", "Wall Street Journal", "the Journal"),
    "The Washington Post": ("the Washington Post", "Washington Post", "The Post", "the Post"),
    "The Sun": ("the Sun",),
    "Gazzetta dello Sport": ("La Gazzetta dello Sport", "Gazzetta", "la Gazzetta dello Sport"),
    "Corriere dello Sport": ("Corriere della Sera",),
    "Tuttosport": (),
    "Marca": (),
    "Kicker": (),
    "Bild": ("Bild am Sonntag",),
    "Le Monde": (),
    "Le Figaro": (),
    "Der Spiegel": ("Spiegel",),
    "USA Today": (),
    "Time": ("Time magazine", "TIME"),
    "Newsweek": (),
    "Axios": (),
    "The Hill": ("the Hill",),
    "Yahoo News": ("Yahoo! News", "Yahoo"),
    "TMZ": (),
    "Variety": (),
    "Rolling Stone": (),
    "People": ("People magazine",),
    "The Times of India": (),
    "Xinhua": (),
    "Interfax": (),
    "Tass": ("TASS", "Itar-Tass"),
    "Kyodo": ("Kyodo News",),
    "Yonhap": (),
    "Twitter": (),
    "Facebook": (),
}

# Generic heads: a capitalised name ending in one of these is a medium even if not listed
# ("told Radio Marca", "told the Boston Globe", "told Channel 5").
_MEDIA_HEADS = {"News", "TV", "Television", "Radio", "Times", "Post", "Journal", "Magazine",
                "Network", "Channel", "Gazette", "Herald", "Tribune", "Telegraph", "Globe",
                "Chronicle", "Sport", "Sports", "Daily", "Examiner", "Observer", "Mirror",
                "Express", "Record", "Review", "Inquirer", "Register", "Dispatch", "Courier",
                "Bulletin", "Standard", "Sun", "Star", "FM", "Show", "Podcast", "Hour"}

_ALIAS: dict[str, str] = {}
for _canon, _aliases in _GAZETTEER.items():
    for _form in (_canon,) + _aliases:
        _ALIAS[_form] = _canon
        _ALIAS[_form.lower()] = _canon if _form.lower() != _form else _canon

_NAME = r"[A-Z0-9][\w&'’!.-]*"
_PHRASE = re.compile(rf"(?:[Tt]he\s+)?{_NAME}(?:\s+(?:&|and|of|the|dello|della|de|di|am|for|\d+|{_NAME}))*")


def canonical(name: str) -> Optional[str]:
    """The gazetteer's canonical name for an outlet or medium, or None when not a known one."""
    name = name.strip().rstrip(".,;:")
    if name in _ALIAS:
        return _ALIAS[name]
    bare = re.sub(r"^[Tt]he\s+", "", name)
    return _ALIAS.get(bare) or _ALIAS.get("The " + bare)


def _longest_medium(phrase: str) -> Optional[str]:
    """The medium named by the longest prefix of a capitalised phrase, or None."""
    words = [w.group() for w in re.finditer(r"\S+", phrase)]
    for k in range(len(words), 0, -1):
        cand = re.sub(r"(?:['’]s)?[.,;:]*$", "", " ".join(words[:k]))
        c = canonical(cand)
        if c:
            return c
        # an unlisted capitalised name ending in a media head word ("the Boston Globe")
        if k >= 2 and cand.split()[-1] in _MEDIA_HEADS:
            return re.sub(r"^the\s+", "", cand)
    return None


# Where a quote was given: "told X", "said on X", "in an interview with X", "speaking to X", "wrote in X".
_MEDIUM_CUE = re.compile(
    r"\b(?:told|tells|telling|speaking\s+to|speaking\s+on|spoke\s+to|spoke\s+on|"
    r"(?:in\s+)?an?\s+(?:\w+\s+){0,2}?(?:interview|appearance|op-ed|column|article|post|broadcast|"
    r"podcast|statement)\s+(?:with|on|to|for|in|published\s+by|aired\s+by)|"
    r"(?:said|says|saying|added|explained|admitted|insisted|wrote|writes|argued|claimed|noted|"
    r"told\s+\w+|appeared|appearing|posted|tweeted)\s+(?:on|in|to)|on|in)\s+")


def medium_in(clause: str) -> Optional[str]:
    """The medium an attribution clause names ("Inzaghi admitted to DAZN" -> "DAZN"), or None.

    Only a known outlet or a capitalised name ending in a media word counts: "told reporters",
    "told a crowd" and "told Smith" give None.
    """
    for m in _MEDIUM_CUE.finditer(clause):
        rest = clause[m.end():]
        p = _PHRASE.match(rest)
        if not p:
            continue
        found = _longest_medium(p.group())
        if found:
            return found
    return None
