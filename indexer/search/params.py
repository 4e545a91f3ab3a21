"""The parameters of a search, checked: a bad one raises BadParameter naming it."""
from __future__ import annotations

import re
from datetime import date as _date
from typing import Optional

from ..errors import BadParameter
from ..settings import DEFAULTS

SCOPES = ("quotes", "articles")
# relevance: best match first (an empty query lists newest first); newest, oldest: by date,
# undated last; carried: the quotes most articles carried first (quotes only).
SORTS = ("relevance", "newest", "oldest", "carried")
SORT_ALIASES = {"date": "newest"}         # the name "newest" had before there were other dates
MAX_PER_PAGE = DEFAULTS.max_per_page
LOW_CONFIDENCE = DEFAULTS.low_confidence


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


def validate(scope, sort, page, per_page) -> str:
    """The sort to use (an alias resolved); raise BadParameter naming the first bad parameter."""
    if scope not in SCOPES:
        raise BadParameter(f"scope: {scope!r} is not one of {', '.join(SCOPES)}")
    sort = SORT_ALIASES.get(sort, sort)
    if sort not in SORTS:
        raise BadParameter(f"sort: {sort!r} is not one of {', '.join(SORTS)}")
    if sort == "carried" and scope != "quotes":
        raise BadParameter("sort: 'carried' orders quotes (by the articles carrying them), not articles")
    if not isinstance(page, int) or isinstance(page, bool) or page < 1:
        raise BadParameter(f"page: {page!r} must be a whole number >= 1")
    if not isinstance(per_page, int) or isinstance(per_page, bool) or not 1 <= per_page <= MAX_PER_PAGE:
        raise BadParameter(f"per_page: {per_page!r} must be a whole number from 1 to {MAX_PER_PAGE}")
    return sort


def check_confidence(value) -> Optional[float]:
    """A min_confidence filter as a number from 0 to 1 (None when not given); BadParameter if not."""
    if value in (None, ""):
        return None
    try:
        got = float(value)
    except (TypeError, ValueError):
        got = float("nan")
    if not 0.0 <= got <= 1.0:           # NaN fails both comparisons
        raise BadParameter(f"min_confidence: {value!r} must be a number from 0 to 1 "
                           f"(attributions below {LOW_CONFIDENCE} are the unsure ones)")
    return got


def check_year(year) -> Optional[str]:
    """A YYYY filter as a string (None when not given); BadParameter when it is not four digits."""
    if year in (None, ""):
        return None
    if not re.fullmatch(r"\d{4}", str(year)):
        raise BadParameter(f"year: {year!r} is not a year (YYYY)")
    return str(year)
