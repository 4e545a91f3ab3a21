"""The site's pages: search, speakers, speaker, article, quote; each view also serves its twins."""
from __future__ import annotations

import itertools
import re
import unicodedata
from typing import Optional

from flask import Blueprint, current_app, request, url_for

from indexer import search as api
from indexer.serial import to_json

from . import params
from .cache import per_generation
from .diff import word_diff
from .errors import HttpError
from .marks import mark_quotes
from .store import get_index
from .twin import negotiate, path_url, query_string, render, split_format, twin_path

bp = Blueprint("pages", __name__)

FACETS = (("speaker", "Speaker"), ("outlet", "Outlet"), ("medium", "Medium"), ("year", "Year"))
SPEAKERS_PER_PAGE = 100
CLUSTERS_PER_PAGE = 20


# ---------------------------------------------------------------- template helpers

@bp.app_template_filter("lead_in")
def lead_in(text: Optional[str], n: int = 140) -> str:
    """The last ~n characters of the text before a quote, cut at a word, white space collapsed."""
    tail = " " if text and text[-1].isspace() else ""     # keep the gap before the quote, if any
    text = " ".join((text or "").split())
    if len(text) > n:
        cut = text[-n:]
        if text[-n - 1] != " " and " " in cut:      # drop the partial word the cut began in
            cut = cut[cut.find(" ") + 1:]
        text = "…" + cut
    return text + tail


@bp.app_template_filter("lead_out")
def lead_out(text: Optional[str], n: int = 140) -> str:
    """The first ~n characters of the text after a quote, cut at a word, white space collapsed."""
    head = " " if text and text[0].isspace() else ""
    text = " ".join((text or "").split())
    if len(text) > n:
        cut = text[:n]
        if text[n] != " " and " " in cut:           # drop the partial word the cut ended in
            cut = cut[: cut.rfind(" ")]
        text = cut + "…"
    return head + text


# ---------------------------------------------------------------- search

@bp.route("/")
@bp.route("/search")
@bp.route("/search.<any(json,csv):fmt>")
def search_page(fmt: Optional[str] = None):
    """Search quotes or articles: hits, facets, pagination, suggestions; JSON and CSV twins."""
    negotiate(fmt)
    messages: list[str] = []
    p = params.search_params(messages)
    ix = get_index()
    if params.state(p):
        res = _search(ix, p)
    else:
        # The bare listing (home page) sorts every quote by date: the same until a rebuild.
        res = per_generation(ix, "newest", lambda: _search(ix, p))
    data = search_data(res, p, messages)
    if request.path == "/" and not params.state(p):
        data["stats"] = per_generation(ix, "stats", lambda: _stats(ix))
    return render("search.html", data, csv_rows=_search_rows(ix, p), csv_name="search")


def _search(ix, p: dict, **changes) -> dict:
    """Call the library's search with the page's parameters; its ValueError becomes a 400."""
    args = dict(p, **changes)
    try:
        return to_json(api.search(ix, args["q"], scope=args["scope"], speaker=args["speaker"],
                                  outlet=args["outlet"], medium=args["medium"], year=args["year"],
                                  since=args["since"], until=args["until"], sort=args["sort"],
                                  page=args["page"], per_page=args["per_page"], raw=args["raw"]))
    except ValueError as e:
        raise HttpError(400, str(e)) from None


def _stats(ix) -> Optional[dict]:
    """Index counts for the home page; None when the library cannot give them."""
    try:
        # Server paths (the index directory, the corpus roots) are nobody's business on the web.
        return {k: v for k, v in to_json(api.stats(ix)).items() if k not in ("path", "corpus")}
    except Exception:       # counts are a nicety: the search page must not fail for them
        current_app.logger.exception("stats failed")
        return None


def _link(state: dict, base: Optional[str] = None, **changes) -> str:
    """This page's URL with some parameters changed (None removes one); the page resets to 1."""
    s = dict(state)
    s.pop("page", None)
    defaults = {"page": 1, "scope": "quotes", "sort": "relevance"}
    for k, v in changes.items():
        s[k] = None if defaults.get(k) == v else v
    ordered = {k: s[k] for k in params.ORDER if s.get(k) not in (None, "")}
    if base is None:
        base = "/search" if request.path == "/" else request.path
    return path_url(twin_path(base)) + query_string(ordered)


def search_data(res: dict, p: dict, messages: list[str]) -> dict:
    """The search page's dict (also its JSON twin): the SearchResult plus every link the page shows."""
    state = params.state(p)
    total, page = int(res.get("total") or 0), int(res.get("page") or p["page"])
    per_page = int(res.get("per_page") or p["per_page"])
    pages = int(res.get("pages") or 0)
    hits = [hit_links(h) for h in res.get("hits", [])]
    first = (page - 1) * per_page + 1 if hits else 0
    last = first + len(hits) - 1 if hits else 0
    messages = messages + list(res.get("messages") or [])
    if total and not hits and page > 1:
        messages.append(f"There is no page {page}: the results fill {pages} page(s).")

    facets = {}
    for name, _title in FACETS:
        facets[name] = _facet(name, res.get("facets", {}).get(name, []), p, state, total,
                              res.get("filters") or {})

    active = []
    for name, title in FACETS:
        if p.get(name):
            label = next((v["label"] for v in facets[name] if v["selected"]), p[name])
            active.append({"name": name, "title": title, "value": p[name], "label": label,
                           "remove_url": _link(state, **{name: None})})
    for name, title in (("since", "From"), ("until", "Until")):
        if p.get(name):
            active.append({"name": name, "title": title, "value": p[name], "label": p[name],
                           "remove_url": _link(state, **{name: None})})

    help_links = []
    if total == 0 and active:
        help_links = [{"label": f"Remove {a['title'].lower()}: {a['label']}", "url": a["remove_url"]}
                      for a in active]
        cleared = {a["name"]: None for a in active}
        help_links.append({"label": "Search without any filter", "url": _link(state, **cleared)})

    suggestion = res.get("suggestion")
    return {
        "ok": True,
        # The order actually used: an empty query lists newest first whatever was asked.
        "query": p["q"], "scope": p["scope"], "sort": res.get("sort") or p["sort"], "raw": p["raw"],
        "since": p["since"], "until": p["until"],
        "filters": {name: p[name] for name, _ in FACETS if p.get(name)},
        "total": total, "page": page, "per_page": per_page, "pages": pages,
        "first": first, "last": last,
        "range_text": f"results {first}\u2013{last} of {total}" if hits else
                      ("no results" if total == 0 else f"{total} results"),
        "messages": messages,
        "suggestion": {"query": suggestion, "url": _link(state, q=suggestion)} if suggestion else None,
        "active": active,
        "help": help_links,
        "hits": hits,
        "facets": facets,
        "pagination": _pagination(state, page, pages),
        "sort_urls": {s: _link(state, sort=s) for s in api.SORTS},
        "scope_urls": {s: _link(state, scope=s) for s in api.SCOPES},
        "urls": _twin_urls(state, base="/search" if request.path == "/" else None),
    }


def _facet(name: str, values: list, p: dict, state: dict, total: int, applied: dict) -> list[dict]:
    """One facet in Datasette style: {value, label, count, toggle_url, selected} per value."""
    chosen = p.get(name)
    # The library may resolve a typed speaker name to its id: either one counts as chosen.
    chosen_set = {c for c in (chosen, applied.get(name)) if c}
    out = []
    for v in values:
        value = str(v.get("value"))
        selected = value in chosen_set or str(v.get("label")) in chosen_set
        out.append({"value": value, "label": v.get("label") or value, "count": int(v.get("count") or 0),
                    "selected": selected,
                    "toggle_url": _link(state, **{name: None if selected else value})})
    if chosen and not any(v["selected"] for v in out):
        # A filter the facet list does not show (no hits, or beyond its top values): keep it
        # visible so it can be switched off.
        out.insert(0, {"value": chosen, "label": chosen, "count": total, "selected": True,
                       "toggle_url": _link(state, **{name: None})})
    return out


def _pagination(state: dict, page: int, pages: int) -> dict:
    """Previous/next and a window of page links: 1 … 4 5 [6] 7 8 … 20."""
    pages = min(pages, current_app.config["MAX_PAGE"])
    shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)} - {0})
    items, prev = [], 0
    for n in shown:
        if n - prev > 1:
            items.append({"gap": True})
        items.append({"page": n, "url": _link(state, page=n), "current": n == page})
        prev = n
    return {"prev_url": _link(state, page=page - 1) if 1 < page <= pages + 1 else None,
            "next_url": _link(state, page=page + 1) if page < pages else None,
            "items": items if pages > 1 else []}


def _twin_urls(state: dict, base: Optional[str] = None) -> dict:
    """Links to this page as HTML, JSON and CSV (with the same parameters, page kept)."""
    base, _ = split_format(base or request.path)
    qs = query_string(state)
    return {"html": path_url(base) + qs, "json": path_url(base + ".json") + qs,
            "csv": path_url(base + ".csv") + qs}


def hit_links(hit: dict) -> dict:
    """A quote or article hit with the links the page shows (speaker, article, quote page)."""
    h = dict(hit)
    if h.get("kind") == "article":
        h["url"] = url_for("pages.article_page", aid=h["id"])
        return h
    start = str(h.get("id", "")).rpartition("@")[2]
    h["anchor"] = f"q-{start}"
    if h.get("article"):
        h["article_url"] = url_for("pages.article_page", aid=h["article"]) + (f"#q-{start}" if start else "")
    h["speaker_url"] = url_for("pages.speaker_page", sid=h["speaker_id"]) if h.get("speaker_id") else None
    h["quote_url"] = url_for("pages.quote_page", cid=h["cluster"]) if h.get("cluster") else None
    return h


def _search_rows(ix, p: dict):
    """CSV rows for a search: every hit up to MAX_CSV_ROWS, fetched a page of 100 at a time."""
    cap = current_app.config["MAX_CSV_ROWS"]
    per_page = min(100, current_app.config["MAX_PER_PAGE"])
    sent, page = 0, 1
    while sent < cap:
        res = _search(ix, p, page=page, per_page=per_page)
        for h in res.get("hits", []):
            if p["scope"] == "articles":
                yield {"id": h.get("id"), "title": h.get("title"), "outlet": h.get("outlet"),
                       "date": h.get("date"), "dateline": h.get("dateline"), "wire": h.get("wire"),
                       "quote_count": h.get("quote_count"), "score": h.get("score")}
            else:
                yield _quote_row(h)
            sent += 1
            if sent >= cap:
                return
        if page >= int(res.get("pages") or 0):
            return
        page += 1


def _quote_row(h: dict) -> dict:
    """One quote as a CSV row."""
    return {"id": h.get("id"), "text": h.get("text"), "speaker": h.get("speaker"),
            "speaker_id": h.get("speaker_id"), "role": h.get("role"), "cue": h.get("cue"),
            "medium": h.get("medium"), "outlet": h.get("outlet"), "date": h.get("date"),
            "article": h.get("article"), "title": h.get("title"), "cluster": h.get("cluster")}


# ---------------------------------------------------------------- speakers

def _initial(name: str) -> str:
    """The A-Z letter a name files under ('Ž' -> 'Z'; digits and symbols under '#')."""
    base = unicodedata.normalize("NFKD", name.strip()[:1]).encode("ascii", "ignore").decode().upper()
    return base if base.isalpha() else "#"


@bp.route("/speakers")
@bp.route("/speakers.<any(json,csv):fmt>")
def speakers_page(fmt: Optional[str] = None):
    """Every speaker A-Z with quote counts; filter by a letter or a name prefix."""
    negotiate(fmt)
    messages: list[str] = []
    q = params.text("q", limit=100, messages=messages)
    letter = params.text("letter", limit=1).upper()
    page = params.integer("page", 1, 1, current_app.config["MAX_PAGE"])
    per_page = params.integer("per_page", SPEAKERS_PER_PAGE, 1, 500, clamp_high=True, messages=messages)
    ix = get_index()
    everyone, by_letter = per_generation(ix, "speakers", lambda: _everyone(ix))
    letters = list(by_letter)
    if q:
        rows = to_json(api.speakers(ix, q))
    elif letter:
        rows = by_letter.get(letter, [])
    else:
        rows = everyone
    candidates = []
    if q and not rows:
        found = to_json(api.find_speaker(ix, q))
        candidates = [found["match"]] if found.get("match") else list(found.get("candidates") or [])[:10]
        candidates = [dict(c, url=url_for("pages.speaker_page", sid=c["id"])) for c in candidates]
    total = len(rows)
    pages = max(1, -(-total // per_page))
    shown = [dict(s, url=url_for("pages.speaker_page", sid=s["id"]))
             for s in rows[(page - 1) * per_page: page * per_page]]
    if total and not shown:
        messages.append(f"There is no page {page}: the list fills {pages} page(s).")
    state = {"q": q, "letter": letter, "per_page": None if per_page == SPEAKERS_PER_PAGE else per_page}
    groups: list[dict] = []
    for s in shown:
        ini = _initial(s["name"])
        if not groups or groups[-1]["letter"] != ini:
            groups.append({"letter": ini, "speakers": []})
        groups[-1]["speakers"].append(s)
    data = {
        "ok": True, "query": q, "letter": letter or None, "total": total, "page": page,
        "per_page": per_page, "pages": pages, "messages": messages,
        "letters": [{"letter": c, "url": path_url(twin_path("/speakers")) + query_string({"letter": c}),
                     "current": c == letter} for c in letters],
        "speakers": shown, "groups": groups,
        "candidates": candidates,
        "pagination": _simple_pages("/speakers", state, page, pages),
        "urls": _twin_urls({k: v for k, v in dict(state, page=page if page > 1 else None).items() if v},
                           base="/speakers"),
    }
    return render("speakers.html", data, csv_rows=(_speaker_row(s) for s in rows[:current_app.config["MAX_CSV_ROWS"]]),
                  csv_name="speakers")


def _everyone(ix) -> tuple[list[dict], dict[str, list[dict]]]:
    """Every speaker A-Z, and the same grouped by initial (A-Z, then '#')."""
    everyone = to_json(api.speakers(ix))
    by_letter: dict[str, list[dict]] = {}
    for s in everyone:
        by_letter.setdefault(_initial(s["name"]), []).append(s)
    order = sorted(by_letter, key=lambda c: (c == "#", c))
    return everyone, {c: by_letter[c] for c in order}


def _speaker_row(s: dict) -> dict:
    """One speaker as a CSV row."""
    return {"id": s.get("id"), "name": s.get("name"), "quote_count": s.get("quote_count"),
            "outlets": s.get("outlets"), "aliases": s.get("aliases"),
            "first_date": s.get("first_date"), "last_date": s.get("last_date")}


def _simple_pages(base: str, state: dict, page: int, pages: int) -> dict:
    """Previous/next links for pages that are not searches (speakers list, a speaker's quotes)."""
    def link(n):
        s = {k: v for k, v in state.items() if v}
        if n > 1:
            s["page"] = n
        return path_url(twin_path(base)) + query_string(s)
    return {"prev_url": link(page - 1) if 1 < page <= pages + 1 else None,
            "next_url": link(page + 1) if page < pages else None,
            "page": page, "pages": pages, "base_url": path_url(base)}


@bp.route("/speaker/<sid>")
def speaker_page(sid: str):
    """One speaker: quotes grouped by cluster (or searched within), outlets, timeline."""
    sid, fmt = split_format(sid)
    negotiate(fmt)
    messages: list[str] = []
    q = params.text("q", messages=messages)
    page = params.integer("page", 1, 1, current_app.config["MAX_PAGE"])
    ix = get_index()
    found = to_json(api.speaker(ix, sid))
    if found is None:
        raise HttpError(404, f"There is no speaker with id {sid!r}. Find people on the speakers page.")
    base = f"/speaker/{sid}"
    clusters = found.get("clusters") or []
    data = {"ok": True, "speaker": found["speaker"], "query": q, "page": page, "messages": messages,
            "timeline": found.get("timeline") or [], "chart": timeline_chart(found.get("timeline") or []),
            "cluster_count": len(clusters)}
    if q:
        try:
            res = to_json(api.speaker_quotes(ix, sid, q, page=page, per_page=CLUSTERS_PER_PAGE))
        except ValueError as e:
            raise HttpError(400, str(e)) from None
        pages = int(res.get("pages") or 0)
        data.update(total=int(res.get("total") or 0), pages=pages,
                    hits=[hit_links(h) for h in res.get("hits", [])],
                    suggestion=res.get("suggestion"))
        data["messages"] = messages + list(res.get("messages") or [])
        rows = (_quote_row(h) for h in data["hits"])
    else:
        pages = max(1, -(-len(clusters) // CLUSTERS_PER_PAGE))
        shown = clusters[(page - 1) * CLUSTERS_PER_PAGE: page * CLUSTERS_PER_PAGE]
        data.update(total=len(clusters), pages=pages,
                    clusters=[_cluster_links(c) for c in shown])
        # A generator: only the CSV twin walks every quote.
        rows = (_quote_row(h) for c in clusters for h in c.get("quotes", []))
    if data["total"] and page > pages:
        data["messages"].append(f"There is no page {page}: the quotes fill {pages} page(s).")
    data["pagination"] = _simple_pages(base, {"q": q}, page, pages)
    data["urls"] = _twin_urls({k: v for k, v in {"q": q, "page": page if page > 1 else None}.items() if v},
                              base=base)
    return render("speaker.html", data, csv_rows=itertools.islice(rows, current_app.config["MAX_CSV_ROWS"]),
                  csv_name=f"speaker-{_safe_name(sid)}")


def _cluster_links(c: dict) -> dict:
    """A speaker's cluster with links to its quote page and to each article carrying it."""
    out = dict(c)
    out["url"] = url_for("pages.quote_page", cid=c["cluster"]) if c.get("cluster") else None
    out["quotes"] = [hit_links(h) for h in c.get("quotes", [])]
    return out


def timeline_chart(timeline: list[dict]) -> dict:
    """Bars for the 'quoted over time' chart: months with gaps filled (years when > 10 years)."""
    counts: dict[str, int] = {}
    for t in timeline:
        period = str(t.get("period") or "")
        if re.fullmatch(r"\d{4}-\d{2}", period):
            counts[period] = counts.get(period, 0) + int(t.get("count") or 0)
    if not counts:
        return {"bars": [], "unit": "month", "max": 0, "width": 0, "height": 0}
    # Wide enough for the first and last period labels even with one bar.
    lo, hi = min(counts), max(counts)
    periods = []
    y, m = int(lo[:4]), int(lo[5:])
    while f"{y:04d}-{m:02d}" <= hi:
        periods.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    unit = "month"
    series = [(p, counts.get(p, 0)) for p in periods]
    if len(periods) > 120:
        unit = "year"
        years: dict[str, int] = {}
        for p, n in series:
            years[p[:4]] = years.get(p[:4], 0) + n
        series = sorted(years.items())
    top = max(n for _, n in series) or 1
    bar_w, gap, height = 14, 2, 80
    bars = []
    for i, (p, n) in enumerate(series):
        h = round(height * n / top) if n else 0
        bars.append({"period": p, "count": n, "x": i * (bar_w + gap), "y": height - h,
                     "w": bar_w, "h": h})
    return {"bars": bars, "unit": unit, "max": top, "width": max(120, len(series) * (bar_w + gap)),
            "height": height}


def _safe_name(value: str) -> str:
    """A string made safe for a download file name."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", value)[:80] or "export"


# ---------------------------------------------------------------- article

def _lookup(fetch, ident: str, noun: str) -> tuple[dict, str]:
    """Fetch a record by id for a page or its twin; (record, id) or a 404 naming the id."""
    ix = get_index()
    found = to_json(fetch(ix, ident))
    fmt = None
    if found is None:
        # Only now read a .json/.csv ending as a twin request: an id may itself end in .json.
        base, fmt = split_format(ident)
        if fmt:
            found = to_json(fetch(ix, base))
            ident = base
    negotiate(fmt)
    if found is None:
        raise HttpError(404, f"There is no {noun} with id {ident!r}.")
    return found, ident

@bp.route("/article/<path:aid>")
def article_page(aid: str):
    """One article: metadata and the full text with every quote marked and attributed."""
    found, aid = _lookup(api.article, aid, "article")
    quotes = [hit_links(q) for q in found.get("quotes", [])]
    data = dict(found, ok=True, quotes=quotes)
    data["urls"] = _twin_urls({}, base=f"/article/{aid}")
    segments = mark_quotes(found.get("text") or "", quotes)
    return render("article.html", data, segments=segments,
                  csv_rows=[_quote_row(q) for q in quotes], csv_name=f"article-{_safe_name(aid)}")


# ---------------------------------------------------------------- quote (cluster)

@bp.route("/quote/<path:cid>")
def quote_page(cid: str):
    """One quote as carried by several outlets: wordings side by side, differences marked."""
    found, cid = _lookup(api.cluster, cid, "quote")
    quotes = [hit_links(q) for q in found.get("quotes", [])]
    base_text = quotes[0]["text"] if quotes else ""
    for i, q in enumerate(quotes):
        q["diff"] = None if i == 0 else word_diff(base_text, q.get("text") or "")
    data = dict(found, ok=True, quotes=quotes)
    data["speaker_url"] = (url_for("pages.speaker_page", sid=found["speaker_id"])
                           if found.get("speaker_id") else None)
    data["urls"] = _twin_urls({}, base=f"/quote/{cid}")
    return render("quote.html", data, csv_rows=[_quote_row(q) for q in quotes],
                  csv_name=f"quote-{_safe_name(cid)}")
