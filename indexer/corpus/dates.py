"""Dates in the common news forms, normalized to YYYY-MM-DD."""
from __future__ import annotations

import re
from datetime import date as _date
from typing import Optional

_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ]|\s)")
_SLASHED = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})\b")
_DMY = re.compile(r"(\d{1,2})[-/ ]([A-Za-z]{3,9})\.?[-/ ,]+(\d{4})\b")   # 26-FEB-1987, 14 March 2022
_MDY = re.compile(r"([A-Za-z]{3,9})\.?[ ]+(\d{1,2})(?:st|nd|rd|th)?,?[ ]+(\d{4})\b")   # March 14, 2022


def normalize_date(s: object) -> Optional[str]:
    """A date in one of the common news forms as YYYY-MM-DD; None when it does not parse."""
    if not isinstance(s, str):
        return None
    s = s.strip()
    for rx, order in ((_ISO, "ymd"), (_SLASHED, "ymd"), (_DMY, "dmy"), (_MDY, "mdy")):
        m = rx.match(s + " ") if rx is _ISO else rx.match(s)
        if not m:
            continue
        parts = dict(zip(order, m.groups()))
        month = parts["m"]
        if not month.isdigit():
            month = _MONTHS.get(month[:3].lower())
            if month is None or (len(parts["m"]) > 3 and not _full_month(parts["m"])):
                return None
        try:
            return _date(int(parts["y"]), int(month), int(parts["d"])).isoformat()
        except ValueError:
            return None
    return None


def _full_month(word: str) -> bool:
    """True for a month name or a common abbreviation ("Sept")."""
    w = word.lower().rstrip(".")
    return w in ("january", "february", "march", "april", "may", "june", "july", "august",
                 "september", "october", "november", "december", "sept")
