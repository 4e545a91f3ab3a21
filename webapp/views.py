"""Every page of the site, its address and its template; each page's content is built in its
own module (home_page, search_page, check_page, speakers_page, speaker_page, record_pages) and
rendered as HTML, JSON or CSV by `page`."""
from __future__ import annotations

from typing import Optional

from flask import Blueprint

from indexer import search as api

from . import check_page, home_page, record_pages
from . import search_page as search_module
from . import speaker_page as speaker_module
from . import speakers_page as speakers_module
from .store import get_index
from .twin import page

bp = Blueprint("pages", __name__)


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


@bp.route("/")
@bp.route("/.<any(json):fmt>")
@page("home.html")
def home():
    """The home page: the most quoted speakers, the latest quotes, search and check a quote."""
    return home_page.reply()


@bp.route("/search")
@bp.route("/search.<any(json,csv):fmt>")
@page("search.html")
def search_page():
    """Search quotes (one result per quote, however many articles carried it) or articles:
    hits, facets, orders, pagination, suggestions, query help; JSON and CSV twins."""
    return search_module.reply()


@bp.route("/check")
@bp.route("/check.<any(json):fmt>")
@page("check.html")
def check():
    """Check a quote: the quotes a pasted text may be, who said them, where they ran first."""
    return check_page.reply()


@bp.route("/speakers")
@bp.route("/speakers.<any(json,csv):fmt>")
@page("speakers.html")
def speakers_page():
    """Speakers, most quoted first (or A-Z); filter by kind, outlet, period, letter or name."""
    return speakers_module.speakers_reply()


@bp.route("/speaker/<sid>")
@page("speaker.html", lookup=lambda sid: api.speaker_by_id(get_index(), sid),
      missing="There is no speaker with id {id!r}. Find people on the speakers page.")
def speaker_page(found, sid: str):
    """One speaker: quotes grouped by cluster (or searched within), sorted and filtered, timeline."""
    return speaker_module.speaker_reply(found, sid)


@bp.route("/article/<id:aid>")
@page("article.html", lookup=lambda aid: api.article(get_index(), aid),
      missing="There is no article with id {id!r}.")
def article_page(found, aid: str):
    """One article: metadata and the full text with every quote marked and attributed."""
    return record_pages.article_reply(found, aid)


@bp.route("/quote/<id:cid>")
@page("quote.html", lookup=lambda cid: api.cluster(get_index(), cid),
      missing="There is no quote with id {id!r}.")
def quote_page(found, cid: str):
    """One quote as carried by several outlets: wordings side by side, differences marked."""
    return record_pages.quote_reply(found, cid)
