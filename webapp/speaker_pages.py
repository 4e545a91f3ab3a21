"""The speakers pages: everyone A-Z (by letter or name prefix), and one speaker's quotes."""
from __future__ import annotations

import itertools
import unicodedata

from flask import current_app

from indexer import search as api
from indexer.results import SpeakerProfile, csv_row
from indexer.settings import DEFAULTS

from . import params
from .cache import per_generation
from .chart import timeline_chart
from .links import cluster_links, pager, quote_links, safe_name, speaker_links, twin_urls
from .pages import LetterGroup, LetterLink, SpeakerPage, SpeakerSearchPage, SpeakersPage
from .store import get_index
from .twin import Reply, path_url, query_string, twin_path

SPEAKERS_PER_PAGE = DEFAULTS.speakers_per_page
CLUSTERS_PER_PAGE = DEFAULTS.clusters_per_page


def initial(name: str) -> str:
    """The A-Z letter a name files under ('Ž' -> 'Z'; digits and symbols under '#')."""
    base = unicodedata.normalize("NFKD", name.strip()[:1]).encode("ascii", "ignore").decode().upper()
    return base if base.isalpha() else "#"


def speakers_reply() -> Reply:
    """Every speaker A-Z with quote counts; filter by a letter or a name prefix."""
    messages: list[str] = []
    q = params.text("q", limit=100, messages=messages)
    letter = params.text("letter", limit=1).upper()
    page = params.integer("page", 1, 1, current_app.config["MAX_PAGE"])
    per_page = params.integer("per_page", SPEAKERS_PER_PAGE, 1, DEFAULTS.max_speakers_per_page,
                              clamp_high=True, messages=messages)
    ix = get_index()
    everyone, by_letter = per_generation(ix, "speakers", lambda: _everyone(ix))
    rows = api.speakers(ix, q) if q else by_letter.get(letter, []) if letter else everyone
    candidates = []
    if q and not rows:
        found = api.find_speaker(ix, q)
        candidates = [found.match] if found.match else list(found.candidates)[:10]
    total = len(rows)
    pages = max(1, -(-total // per_page))
    shown = tuple(speaker_links(s) for s in rows[(page - 1) * per_page: page * per_page])
    if total and not shown:
        messages.append(f"There is no page {page}: the list fills {pages} page(s).")
    state = {"q": q, "letter": letter, "per_page": None if per_page == SPEAKERS_PER_PAGE else per_page}
    groups: list[list] = []
    for s in shown:
        ini = initial(s.speaker.name)
        if not groups or groups[-1][0] != ini:
            groups.append([ini, []])
        groups[-1][1].append(s)
    page_ = SpeakersPage(
        q, letter or None, total, page, per_page, pages, tuple(messages),
        tuple(LetterLink(c, path_url(twin_path("/speakers")) + query_string({"letter": c}), c == letter)
              for c in by_letter),
        shown, tuple(LetterGroup(ini, tuple(ss)) for ini, ss in groups),
        tuple(speaker_links(c) for c in candidates), pager("/speakers", state, page, pages),
        twin_urls({k: v for k, v in dict(state, page=page if page > 1 else None).items() if v},
                  base="/speakers"))
    return Reply(page_, csv_rows=(csv_row(s) for s in rows[:current_app.config["MAX_CSV_ROWS"]]),
                 csv_name="speakers")


def _everyone(ix) -> tuple[list, dict[str, list]]:
    """Every speaker A-Z, and the same grouped by initial (A-Z, then '#')."""
    everyone = api.speakers(ix)
    by_letter: dict[str, list] = {}
    for s in everyone:
        by_letter.setdefault(initial(s.name), []).append(s)
    order = sorted(by_letter, key=lambda c: (c == "#", c))
    return everyone, {c: by_letter[c] for c in order}


def speaker_reply(found: SpeakerProfile, sid: str) -> Reply:
    """One speaker: quotes grouped by cluster (or searched within), outlets, timeline."""
    messages: list[str] = []
    q = params.text("q", messages=messages)
    page = params.integer("page", 1, 1, current_app.config["MAX_PAGE"])
    ix = get_index()
    base = f"/speaker/{sid}"
    clusters = found.clusters
    head = (found.speaker, q, page)
    tail = (found.timeline, timeline_chart(found.timeline), len(clusters))
    urls = twin_urls({k: v for k, v in {"q": q, "page": page if page > 1 else None}.items() if v}, base=base)
    if q:
        res = api.speaker_quotes(ix, sid, q, page=page, per_page=CLUSTERS_PER_PAGE)
        messages += res.messages
        _no_page(messages, res.total, page, res.pages)
        page_ = SpeakerSearchPage(*head, tuple(messages), *tail, res.total, res.pages,
                                  tuple(quote_links(h) for h in res.hits), res.suggestion,
                                  pager(base, {"q": q}, page, res.pages), urls)
        rows = (csv_row(h) for h in res.hits)
    else:
        pages = max(1, -(-len(clusters) // CLUSTERS_PER_PAGE))
        shown = clusters[(page - 1) * CLUSTERS_PER_PAGE: page * CLUSTERS_PER_PAGE]
        _no_page(messages, len(clusters), page, pages)
        page_ = SpeakerPage(*head, tuple(messages), *tail, len(clusters), pages,
                            tuple(cluster_links(c) for c in shown), pager(base, {"q": q}, page, pages), urls)
        # A generator: only the CSV twin walks every quote.
        rows = (csv_row(h) for c in clusters for h in c.quotes)
    return Reply(page_, csv_rows=itertools.islice(rows, current_app.config["MAX_CSV_ROWS"]),
                 csv_name=f"speaker-{safe_name(sid)}")


def _no_page(messages: list, total: int, page: int, pages: int) -> None:
    """Say so when the page asked for is past the last one."""
    if total and page > pages:
        messages.append(f"There is no page {page}: the quotes fill {pages} page(s).")

