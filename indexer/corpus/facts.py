"""What a text says about itself: title line, date line, dateline place, wire signature."""
from __future__ import annotations

import re
from typing import Optional

from ..records import Article
from .dates import normalize_date
from .source import file_hash

# Wire agencies as they sign (lower-case key) -> the name we store.
AGENCIES = {
    "afp": "AFP", "ap": "AP", "associated press": "AP", "reuters": "Reuters", "reuter": "Reuters",
    "upi": "UPI", "dpa": "dpa", "xinhua": "Xinhua", "efe": "EFE", "ansa": "ANSA", "pti": "PTI",
    "ians": "IANS", "kyodo": "Kyodo", "yonhap": "Yonhap", "tass": "TASS", "bloomberg": "Bloomberg",
}
_AGENCY = r"(?:AFP|AP|Associated Press|Reuters?|REUTERS?|UPI|dpa|DPA|Xinhua|EFE|ANSA|PTI|IANS|Kyodo|Yonhap|TASS|Bloomberg)"
_DASH = r"[-\u2013\u2014\u2015]"
_WS = r"[ \t\u00a0]"
# Only the start and the end of a text are looked at, so big files cost nothing extra.
_HEAD, _TAIL = 2000, 300

# "date 2022-03-14", "Date: March 14, 2022", "Published: 2022-03-14" at the very start of a line.
_DATE_LINE = re.compile(r"[ \t]*(?:date|dated|published)[ \t]*:?[ \t]+"
                        r"(\d{4}-\d{2}-\d{2}|\d{1,2}[-/ ][A-Za-z]{3,9}\.?[-/ ]\d{4}|[A-Za-z]{3,9}\.? \d{1,2},? \d{4}"
                        r"|\d{4}/\d{2}/\d{2})\b", re.I)
# "MILAN:", "WASHINGTON (AP) —", "NEW YORK, March 3 (Reuters) -", "SALVADOR, Feb 26 -",
# "COLUMBIA, S.C. (AP) —", "FLINT, Mich., Oct. 4 (UPI) —", "BOSTON —Standing ..."
_DATELINE = re.compile(
    r"[ \t]*(?P<place>[A-Z][A-Z.'\u2019]*(?:[ -][A-Z][A-Z.'\u2019]*){0,3})"
    r"(?:," + _WS + r"+[A-Z][A-Za-z.]*(?:" + _WS + r"+[A-Z][A-Za-z.]*)?(?:" + _WS + r"+\d{1,2})?){0,2}"
    r"(?:" + _WS + r"*\((?P<wire>" + _AGENCY + r")\))?"
    # A hyphen needs a space after it ("U.S.-China" is no dateline); a long dash need not.
    r"" + _WS + r"*(?::" + _WS + r"|-{1,2}" + _WS + r"|[\u2013\u2014\u2015]{1,2}(?:" + _WS + r"|(?=[A-Z\"\u201c])))")
# Capitalised openers that are not places.
NOT_PLACES = frozenset("""EXCLUSIVE BREAKING UPDATE UPDATED BYLINE WATCH VIDEO PHOTOS PHOTO LOOK BOOM BUSTED
ANALYSIS OPINION EDITORIAL COMMENTARY REVIEW NOTE CORRECTION LIVE FLASHBACK REPORT WOW ALERT
HUFFPOLLSTER ABSTRACT LETTERS FACEBOOK TWITTER""".split()) | frozenset(a.upper() for a in AGENCIES)
_NOT_PLACE_WORDS = frozenset("IS ARE WAS WERE WILL HAS HAVE".split())
_WIRE_END = re.compile(
    r"(?:" + _DASH + r"[ \t]*(?P<a>" + _AGENCY + r")"            # "...night.-AFP", "— AP"
    r"|\n[ \t]*\(?(?P<b>(?i:" + _AGENCY + r"))\)?"              # "\n Reuter", "\nreuter" on its own line
    r"|(?<=[.!?\"'\u201d])[ \t]+(?P<d>REUTERS?)"                 # "... 14 pct. REUTER" (capitals only)
    r"|\((?P<c>" + _AGENCY + r")\))"                            # "... (Reuters)"
    # Reuters-21578 leaves teleprinter debris after the signature: "REUTER...", "REUTER^M", "REUTER N".
    r"(?:\.{2,}|\^M|[ \t]+[A-Z]{1,3}|\d)*"
    r"[ \t]*\.?(?:[ \t\n]*&#3;)?\s*\Z")


def build_article(art_id: str, path: str, text: str, meta: dict, h: str, *,
                  title_from_text: bool = True) -> Article:
    """An Article from text plus metadata; what metadata lacks is recovered from the text."""
    facts = text_facts(text, title=title_from_text)
    wire = _agency(meta.get("wire")) or meta.get("wire") or facts["wire"]
    dateline = _dateline_place(meta.get("dateline")) or facts["dateline"]
    date = normalize_date(meta.get("date")) if meta.get("date") else None
    return Article(
        id=art_id, path=path, text=text,
        title=(meta.get("title") or facts["title"] or None),
        # A wire signature names the outlet only when nothing else says who published it.
        outlet=meta.get("outlet") or wire,
        date=date or facts["date"],
        author=meta.get("author"), url=meta.get("url"),
        dateline=dateline, wire=wire, hash=h, outlet_name=meta.get("outlet_name"))


def article_from_text(rel: str, path: str, text: str, meta: Optional[dict] = None, h: str = "") -> Article:
    """An Article from a text file's decoded text and its sidecar row (if any)."""
    return build_article(rel, path, text, meta or {}, h or file_hash(text.encode()))


def text_facts(text: str, title: bool = True) -> dict[str, Optional[str]]:
    """What the text says about itself: title line, date line, dateline place, wire agency."""
    head = text[:_HEAD]
    facts: dict[str, Optional[str]] = {"title": None, "date": None, "dateline": None, "wire": None}
    pos = 0
    lines = head.split("\n")
    first = lines[0]
    # A title: a short first line, then a blank line, then more text; not a dateline or date line.
    if (title and len(lines) > 2 and not lines[1].strip() and first.strip()
            and len(first) <= 160 and len(first.split()) <= 30
            and not _DATE_LINE.match(first) and not _DATELINE.match(first)):
        facts["title"] = first.strip()
        pos = len(first) + 1
        while pos < len(head) and head[pos] in " \t\n":
            pos += 1
    m = _DATE_LINE.match(head, pos)
    if m:
        facts["date"] = normalize_date(m.group(1))
        pos = m.end()
        while pos < len(head) and head[pos] in " \t\n":
            pos += 1
    m = _DATELINE.match(head, pos)
    if m and _is_place(m.group("place")):
        facts["dateline"] = _dateline_place(m.group("place"))
        facts["wire"] = _agency(m.group("wire"))
    if not facts["wire"]:
        tail = text[-_TAIL:]
        m = _WIRE_END.search(tail)
        if m:
            facts["wire"] = _agency(m.group("a") or m.group("b") or m.group("c") or m.group("d"))
    return facts


def _is_place(s: str) -> bool:
    """False for capitalised openers that are not places ("EXCLUSIVE —", "FIX IS IN:")."""
    words = s.replace("-", " ").split()
    return s.strip() not in NOT_PLACES and not _NOT_PLACE_WORDS.intersection(words)


def _agency(s: Optional[str]) -> Optional[str]:
    """The canonical agency name for a signature ("Reuter" -> "Reuters"), None when not an agency."""
    return AGENCIES.get(s.strip().lower()) if s else None


def _dateline_place(s: Optional[str]) -> Optional[str]:
    """The place of a dateline ("SALVADOR, Feb 26 -" -> "SALVADOR"), None when empty."""
    if not s:
        return None
    place = re.split(r"[,(:]|\s" + _DASH, s, maxsplit=1)[0].strip(" \t\u00a0-\u2013\u2014\u2015")
    return place or None
