"""The speakers page: the most quoted first (or A-Z), by kind, outlet and period, by letter or
name; a name nobody has ("sandres") lists the closest names, most alike first."""
from __future__ import annotations

import unicodedata

from flask import current_app, url_for

from indexer import search as api
from indexer.results import csv_row
from indexer.settings import DEFAULTS

from . import params
from .cache import per_generation
from .links import choices, next_page, paged, pager, speaker_links, twin_urls
from .pages import LetterGroup, LetterLink, LinkedCandidate, SpeakersPage
from .store import get_index
from .twin import Reply, path_url, query_string, twin_path

SPEAKERS_PER_PAGE = DEFAULTS.speakers_per_page
SORTS = (("count", "most quoted"), ("name", "A–Z"))
KINDS = (("", "everyone"), ("person", "people"), ("organization", "organisations"))
DEFAULTS_HERE = {"sort": "count"}


def initial(name: str) -> str:
    """The A-Z letter a name files under ('Ž' -> 'Z'; digits and symbols under '#')."""
    base = unicodedata.normalize("NFKD", name.strip()[:1]).encode("ascii", "ignore").decode().upper()
    return base if base.isalpha() else "#"


def speakers_reply() -> Reply:
    """Speakers by quote count or A-Z; filters: kind, outlet, period, letter, name prefix."""
    messages: list[str] = []
    q = params.text("q", limit=100, messages=messages)
    letter = params.text("letter", limit=1).upper()
    sort = params.choice("sort", api.SPEAKER_ORDERS, "name" if letter else "count")
    kind = params.choice("kind", ("",) + api.KINDS + ("organisation",), "") or None
    outlet = params.text("outlet", limit=200) or None
    since, until = params.date("since"), params.date("until")
    page, per_page = params.listing(SPEAKERS_PER_PAGE, DEFAULTS.max_speakers_per_page, messages)
    ix = get_index()
    letters = per_generation(ix, "speaker_letters", lambda: _letters(ix))
    rows = api.speakers(ix, q or None, sort=sort, kind=kind, outlet=outlet, since=since, until=until)
    if letter:
        rows = [s for s in rows if initial(s.name) == letter]
    candidates, sure = [], False
    if q and not rows:
        found = api.find_speaker(ix, q)
        candidates, sure = list(found.candidates)[:10], found.sure
        messages.append(found.message or f"No speaker's name starts with {q!r}.")
    total = len(rows)
    on_page, pages = paged(rows, page, per_page, messages, "the list fills")
    shown = tuple(speaker_links(s) for s in on_page)
    state = {"q": q, "letter": letter, "sort": None if sort == "count" else sort, "kind": kind,
             "outlet": outlet, "since": since, "until": until,
             "per_page": None if per_page == SPEAKERS_PER_PAGE else per_page}
    state = {k: v for k, v in state.items() if v}
    nxt, next_url = next_page(state, page, pages, base="/speakers")
    page_ = SpeakersPage(
        q, letter or None, sort, kind, outlet, since, until, total, page, per_page, pages, tuple(messages),
        tuple(LetterLink(c, path_url(twin_path("/speakers")) + query_string({"letter": c}), c == letter)
              for c in letters),
        shown, _groups(shown) if sort == "name" else (),
        tuple(LinkedCandidate(c, url_for("pages.speaker_page", sid=c.id)) for c in candidates), sure,
        choices(state, "sort", SORTS, sort, DEFAULTS_HERE, "/speakers"),
        choices(state, "kind", KINDS, kind, DEFAULTS_HERE, "/speakers"),
        _outlets(ix, state, outlet), pager("/speakers", state, page, pages), nxt, next_url,
        twin_urls({**state, **({"page": page} if page > 1 else {})}, base="/speakers"))
    return Reply(page_, csv_rows=(csv_row(s) for s in rows[:current_app.config["MAX_CSV_ROWS"]]),
                 csv_name="speakers")


def _letters(ix) -> list[str]:
    """The initials speakers' names file under (A-Z, then '#')."""
    return sorted({initial(s.name) for s in api.speakers(ix)}, key=lambda c: (c == "#", c))


def _groups(shown) -> tuple[LetterGroup, ...]:
    """The speakers of a page grouped by initial (for the A-Z order)."""
    groups: list[list] = []
    for s in shown:
        ini = initial(s.speaker.name)
        if not groups or groups[-1][0] != ini:
            groups.append([ini, []])
        groups[-1][1].append(s)
    return tuple(LetterGroup(ini, tuple(ss)) for ini, ss in groups)


def _outlets(ix, state: dict, chosen):
    """The outlet filter's choices: every outlet of the index by name, and "all outlets"."""
    names = per_generation(ix, "outlet_names", lambda: [(v.value, v.label) for v in api.search(
        ix, scope="articles", per_page=1).facets.outlet])
    return choices(state, "outlet", [("", "all outlets")] + names, chosen, DEFAULTS_HERE, "/speakers")
