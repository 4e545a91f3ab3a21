"""The parameters of a search, checked: a bad one raises BadParameter naming it."""
from __future__ import annotations

import re
from datetime import date as _date
from typing import Optional

from ..errors import BadParameter
from ..settings import DEFAULTS

SCOPES = ("quotes", "articles")
SORTS = ("relevance", "date")
MAX_PER_PAGE = DEFAULTS.max_per_page


def check_date(name: str, value: Optional[str], end: bool) -> Optional[str]:
    """A YYYY, YYYY-MM or YYYY-MM-DD filter as a full date (first or last day); BadParameter if bad."""
    if value is None or value == "":
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", str(value).strip())
    try:
        if not m:
            raise ValueError
        y, mo, d = int(m.group(1)), m.group(2), m.group(3)
        if d:
            return _date(y, int(mo), int(d)).isoformat()
        if mo:
            first = _date(y, int(mo), 1)
            if not end:
                return first.isoformat()
            nxt = _date(y + (first.month == 12), first.month % 12 + 1, 1)
            return _date.fromordinal(nxt.toordinal() - 1).isoformat()
        return _date(y, 12, 31).isoformat() if end else _date(y, 1, 1).isoformat()
    except ValueError:
        raise BadParameter(f"{name}: {value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)") from None


def validate(scope, sort, page, per_page) -> None:
    """Raise BadParameter naming the first bad parameter."""
    if scope not in SCOPES:
        raise BadParameter(f"scope: {scope!r} is not one of {', '.join(SCOPES)}")
    if sort not in SORTS:
        raise BadParameter(f"sort: {sort!r} is not one of {', '.join(SORTS)}")
    if not isinstance(page, int) or isinstance(page, bool) or page < 1:
        raise BadParameter(f"page: {page!r} must be a whole number >= 1")
    if not isinstance(per_page, int) or isinstance(per_page, bool) or not 1 <= per_page <= MAX_PER_PAGE:
        raise BadParameter(f"per_page: {per_page!r} must be a whole number from 1 to {MAX_PER_PAGE}")


def check_year(year) -> Optional[str]:
    """A YYYY filter as a string (None when not given); BadParameter when it is not four digits."""
    if year in (None, ""):
        return None
    if not re.fullmatch(r"\d{4}", str(year)):
        raise BadParameter(f"year: {year!r} is not a year (YYYY)")
    return str(year)
