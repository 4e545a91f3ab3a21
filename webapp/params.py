"""Reading query-string parameters: cleaned, bounded, and a clear message when one is wrong."""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from flask import current_app, request

from indexer import search as api
from indexer.errors import BadParameter
from indexer.search.params import SORT_ALIASES, check_confidence, check_date, check_year
from indexer.settings import DEFAULTS

from .exceptions import HttpError

# Control characters (NUL included) mean nothing in a search box and upset parsers downstream.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
FILTERS = ("speaker", "outlet", "medium", "year")
# The order parameters appear in the links the site builds, so equal states give equal URLs.
ORDER = ("q", "scope", "speaker", "outlet", "medium", "year", "since", "until", "min_confidence", "sort",
         "group", "per_page", "page", "_raw")
SHAPES = ("objects", "arrays")              # Datasette's _shape for the rows of a JSON list


def text(name: str, limit: Optional[int] = None, messages: Optional[list] = None) -> str:
    """A free-text parameter, control characters removed, cut to `limit` with a message."""
    value = request.args.get(name, "")
    cleaned = _CONTROL.sub(" ", value)
    if cleaned != value and messages is not None:
        messages.append(f"Control characters were removed from '{name}'.")
    limit = limit or current_app.config["MAX_QUERY_LENGTH"]
    if len(cleaned) > limit:
        cleaned = cleaned[:limit]
        if messages is not None:
            messages.append(f"'{name}' was longer than {limit} characters and was cut.")
    return cleaned.strip()


def integer(name: str, default: int, lo: int, hi: int, *, clamp_high: bool = False,
            messages: Optional[list] = None) -> int:
    """A whole-number parameter in [lo, hi]; out of range is a 400 naming it (or clamped)."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return default
    if not re.fullmatch(r"[+-]?\d{1,12}", raw):
        raise HttpError(400, f"Parameter '{name}' must be a whole number, not {raw[:40]!r}.")
    value = int(raw)
    if value < lo:
        raise HttpError(400, f"Parameter '{name}' must be at least {lo} (got {value}).")
    if value > hi:
        if clamp_high:
            if messages is not None:
                messages.append(f"'{name}' is at most {hi}; showing {hi}.")
            return hi
        raise HttpError(400, f"Parameter '{name}' must be at most {hi} (got {value}).")
    return value


def choice(name: str, allowed: tuple[str, ...], default: str) -> str:
    """A parameter from a fixed list; anything else is a 400 listing the choices."""
    value = request.args.get(name, "").strip() or default
    if value not in allowed:
        raise HttpError(400, f"Parameter '{name}' must be one of {', '.join(allowed)} "
                             f"(got {value[:40]!r}).")
    return value


def date(name: str) -> Optional[str]:
    """A YYYY, YYYY-MM or YYYY-MM-DD parameter as given; a 400 naming it when it does not parse."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            dt.datetime.strptime(raw, fmt)
        except ValueError:
            continue
        if len(raw) >= 4 and raw[:4].isdigit():
            return raw
    raise HttpError(400, f"Parameter '{name}' must be a date like 2022-03-14 "
                         f"(or 2022-03, 2022), not {raw[:40]!r}.")


def flag(name: str, default: bool = False) -> bool:
    """A yes/no parameter: 1, true, yes, on are yes; 0, false, no, off are no; absent: default."""
    value = request.args.get(name, "").strip().lower()
    if value in ("0", "false", "no", "off"):
        return False
    return value in ("1", "true", "yes", "on") or (default and not value)


def listing(size: int, maximum: int, messages: Optional[list] = None) -> tuple[int, int]:
    """(page, rows per page) of a list page: Datasette's `_next` (the `next` token of the
    previous page) or `page`, and `_size` or `per_page`; a size above maximum is cut to it."""
    page = integer("_next" if request.args.get("_next", "").strip() else "page", 1, 1,
                   current_app.config["MAX_PAGE"])
    name = "_size" if request.args.get("_size", "").strip() else "per_page"
    return page, integer(name, size, 1, maximum, clamp_high=True, messages=messages)


def shape() -> str:
    """The `_shape` of a JSON list: objects (default) or arrays; a 400 for anything else."""
    return choice("_shape", SHAPES, "objects")


def confidence() -> Optional[float]:
    """`min_confidence`: hide attributions less sure than this (0 to 1); `hide_unsure=1` is the
    documented threshold (settings.low_confidence)."""
    raw = request.args.get("min_confidence", "").strip()
    if not raw:
        return DEFAULTS.low_confidence if flag("hide_unsure") else None
    return _checked("min_confidence", check_confidence, raw[:40])


def search_params(messages: list) -> dict:
    """Every search parameter, validated; keys are the names `indexer.search.search` takes."""
    cfg = current_app.config
    page, per_page = listing(DEFAULTS.default_per_page, cfg["MAX_PER_PAGE"], messages)
    p = {
        "q": text("q", messages=messages),
        "scope": choice("scope", api.SCOPES, DEFAULTS.default_scope),
        "sort": _sort(),
        "since": date("since"),
        "until": date("until"),
        "page": page,
        "per_page": per_page,
        "raw": flag("_raw"),
        "min_confidence": confidence(),
        "group": flag("group", default=True),
    }
    if p["sort"] == "carried" and p["scope"] != "quotes":
        raise HttpError(400, "Parameter 'sort': 'carried' orders quotes (by the articles carrying them), "
                             "not articles.")
    for name in FILTERS:
        p[name] = text(name, limit=200, messages=messages) or None
    p["year"] = _checked("year", check_year, p["year"])
    # compared as the search compares them: a month or day may be written without its leading zero
    if p["since"] and p["until"] and check_date("since", p["since"], False) > check_date("until", p["until"], True):
        raise HttpError(400, f"Parameter 'since' ({p['since']}) is after 'until' ({p['until']}).")
    return p


def _checked(name: str, check, raw):
    """raw checked by the search library's own rule for it; its complaint as a 400 naming the
    parameter the way this site's other messages do."""
    try:
        return check(raw)
    except BadParameter as e:
        raise HttpError(400, f"Parameter '{name}': {str(e).split(': ', 1)[-1]}.") from None


def _sort() -> str:
    """`sort`, an old name ("date") resolved as the search resolves it, so old links still work."""
    raw = request.args.get("sort", "").strip()
    return SORT_ALIASES.get(raw) or choice("sort", api.SORTS, DEFAULTS.default_sort)


def state(p: dict) -> dict:
    """The search parameters as they go back into a URL (defaults left out), in a fixed order."""
    out = {"q": p.get("q"), "scope": None if p.get("scope") == DEFAULTS.default_scope else p.get("scope")}
    for name in FILTERS:
        out[name] = p.get(name)
    out["since"], out["until"] = p.get("since"), p.get("until")
    out["min_confidence"] = p.get("min_confidence")
    out["sort"] = None if p.get("sort") == DEFAULTS.default_sort else p.get("sort")
    out["group"] = "0" if p.get("group") is False else None
    out["per_page"] = None if p.get("per_page") in (None, DEFAULTS.default_per_page) else p.get("per_page")
    out["page"] = None if p.get("page") in (None, 1) else p.get("page")
    out["_raw"] = 1 if p.get("raw") else None
    return {k: out[k] for k in ORDER if out.get(k) not in (None, "")}
