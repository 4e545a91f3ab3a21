"""JSON and JSON-lines files: one Article per record, a bad record reported and skipped alone."""
from __future__ import annotations

import json
import re
from typing import Iterator, Optional

from ..records import Article
from .facts import build_article
from .jsonarray import DECODE_ERRORS, array_records, invalid
from .source import OnProblem, Problem, SourceFile, file_hash

# Record field names, first one present wins.
TEXT_FIELDS = ("text", "body", "content")
FIELDS = {
    "title": ("title", "headline"),
    "outlet": ("outlet", "publisher", "source", "site"),
    "outlet_name": ("outlet_name", "publisher_name"),
    "date": ("date", "published", "publication_date"),
    "url": ("url",),
    "author": ("author",),
    "dateline": ("dateline",),
    "wire": ("wire",),
}


def json_articles(src: SourceFile, text: str, report) -> Iterator[Article]:
    """Articles of a .json file: an array of records (a single object counts as one record).

    A record that is not valid JSON is reported and skipped alone (see jsonarray).
    """
    for n, line, rec in array_records(text, src.path, report):
        art = article_from_record(rec, f"{src.id}#{n}", src.shown, line, report)
        if art is not None:
            yield art


def jsonl_articles(src: SourceFile, text: str, report) -> Iterator[Article]:
    """Articles of a .jsonl file: one record per non-blank line; a bad line is skipped alone."""
    n = 0
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        n += 1
        try:
            rec = json.loads(line)
        except DECODE_ERRORS as e:
            report(Problem(src.path, f"{invalid(e)}; record {n} skipped", lineno))
            continue
        art = article_from_record(rec, f"{src.id}#{n}", src.shown, lineno, report)
        if art is not None:
            yield art
    if n == 0:
        report(Problem(src.path, "no records; skipped"))


def article_from_record(rec: object, art_id: str, path: str, line: Optional[int] = None,
                        on_problem: OnProblem = None) -> Optional[Article]:
    """An Article from one JSON record, or None (reported) when it has no usable text."""
    report = on_problem or (lambda p: None)
    n = art_id.rsplit("#", 1)[-1]
    if not isinstance(rec, dict):
        report(Problem(path, f"record {n} is a {_jtype(rec)}, expected an object; skipped", line))
        return None
    key = next((k for k in TEXT_FIELDS if rec.get(k) is not None), None)
    if key is None:
        report(Problem(path, f"record {n} has no text field (tried {', '.join(TEXT_FIELDS)}); skipped", line))
        return None
    text = rec[key]
    if not isinstance(text, str):
        report(Problem(path, f"record {n}: field {key!r} is a {_jtype(text)}, expected a string; skipped", line))
        return None
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    if _SURROGATE.search(text):
        # "\ud800" escapes decode to lone surrogates that no UTF-8 writer accepts; one for one keeps offsets.
        text = _SURROGATE.sub("\ufffd", text)
        report(Problem(path, f"record {n}: field {key!r} has lone surrogate escapes; replaced by U+FFFD",
                       line, warning=True))
    if not text.strip():
        report(Problem(path, f"record {n}: field {key!r} is empty; skipped", line))
        return None
    meta: dict[str, Optional[str]] = {}
    for name, keys in FIELDS.items():
        k = next((k for k in keys if rec.get(k) is not None), None)
        if k is None:
            continue
        v = rec[k]
        if isinstance(v, (int, float)) and not isinstance(v, bool) and name not in ("date",):
            v = str(v)
        if not isinstance(v, str):
            report(Problem(path, f"record {n}: field {k!r} is a {_jtype(v)}, expected a string; ignored",
                           line, warning=True))
            continue
        meta[name] = _SURROGATE.sub("\ufffd", v)
    h = file_hash(json.dumps(rec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
                  .encode("utf-8", "surrogatepass"))
    return build_article(art_id, path, text, meta, h, title_from_text=False)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _jtype(v: object) -> str:
    """The JSON name of a value's type, for messages."""
    return {dict: "object", list: "list", str: "string", bool: "boolean", int: "number",
            float: "number", type(None): "null"}.get(type(v), type(v).__name__)
