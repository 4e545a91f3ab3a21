"""Check a quote: paste a sentence, get the quotes of the index that it may be, who said each,
the article that carried it first and how many outlets did, and the paste against the real
wording."""
from __future__ import annotations

from flask import request, url_for

from indexer import search as api
from indexer.settings import DEFAULTS

from .exceptions import HttpError
from .links import twin_urls
from .pages import CheckPage, LinkedMatch
from .store import get_index
from .twin import Reply, current_format

MAX_CHECK = DEFAULTS.max_check_length


def reply() -> Reply:
    """The check page: the form alone (HTML without ?q=), or the check of ?q=. A text that
    cannot be checked (empty, too long, no words) is a 400 that says why, on the page and in
    the JSON twin."""
    raw = request.args.get("q")
    urls = twin_urls({"q": raw} if raw else {}, base="/check")
    if raw is None and current_format() == "html":
        return Reply(CheckPage("", None, None, MAX_CHECK, (), 0, None, None, urls))
    if raw is not None and len(raw) > MAX_CHECK * 4:
        # Not even worth stripping: say so before doing anything with it.
        raise HttpError(400, f"Parameter 'q': the text has {len(raw)} characters; a quote to check "
                             f"has at most {MAX_CHECK}.")
    try:
        result = api.check(get_index(), raw or "")
    except api.BadParameter as e:
        message = str(e)
        if message.startswith("q:"):
            message = "Parameter 'q':" + message[2:]
        if current_format() == "html":
            return Reply(CheckPage((raw or "")[:MAX_CHECK], "invalid", message, MAX_CHECK, (), 0, None, None, urls),
                         status=400)
        raise HttpError(400, message) from None
    rows = tuple(LinkedMatch(m, url_for("pages.speaker_page", sid=m.speaker_id) if m.speaker_id else None,
                             url_for("pages.quote_page", cid=m.cluster),
                             url_for("pages.article_page", aid=m.first.article))
                 for m in result.matches)
    return Reply(CheckPage(result.query, result.verdict, result.message, MAX_CHECK, rows, len(rows),
                           None, None, urls))
