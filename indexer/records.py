"""Small immutable records that flow through the pipeline: Article -> Quote -> Speaker, Cluster."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from .serial import frozen

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from the corpus, with what its text or metadata says about it."""

    id: str                       # path relative to the corpus root, plus "#N" for the Nth JSON record
    path: str                     # the file it came from (as given, not resolved)
    text: str                     # the text as read (BOM stripped, CRLF -> LF); offsets point here
    title: Optional[str] = None
    outlet: Optional[str] = None  # who published it; None when nothing says
    date: Optional[str] = None    # ISO 8601 date (YYYY-MM-DD) when known
    author: Optional[str] = None
    url: Optional[str] = None
    dateline: Optional[str] = None  # "MILAN", "WASHINGTON"
    wire: Optional[str] = None      # wire agency: "AFP", "AP", "Reuters"
    hash: str = ""                  # content hash of the source bytes/record, for incremental update
    outlet_name: Optional[str] = None  # the outlet's name when the metadata gives one beside it

    def to_json(self) -> dict:
        """The article's metadata as a plain dict (text left out)."""
        return {"id": self.id, "path": self.path, "title": self.title, "outlet": self.outlet,
                "date": self.date, "author": self.author, "url": self.url,
                "dateline": self.dateline, "wire": self.wire, "hash": self.hash,
                "outlet_name": self.outlet_name}


@dataclass(frozen=True, slots=True)
class Mention:
    """The words in the article an attribution rests on ("he", "Inzaghi", "Torino's sporting director Davide Vagnati")."""

    text: str
    start: int
    end: int

    def to_json(self) -> dict:
        """The mention as the extract contract prints it."""
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Quote:
    """One direct quote: its pieces in the article text, who said it, how and where."""

    article: str                         # Article.id
    spans: tuple[Span, ...]              # (start, end) into Article.text, quote marks excluded
    text: str                            # the pieces joined by a space
    speaker: Optional[str] = None        # canonical name within the article, or None
    speaker_mention: Optional[Mention] = None
    role: Optional[str] = None           # "Torino's sporting director"
    cue: Optional[str] = None            # "said", "admitted", "told"
    outlet: Optional[str] = None         # who published the article
    medium: Optional[str] = None         # where the quote was given: "DAZN", "Fox News"
    nested: bool = False                 # a quote inside another quote
    rule: str = ""                       # which rule attributed it, so a user can see why
    speaker_kind: Optional[str] = None   # "person" or "organization" (None when no speaker)
    confidence: Optional[float] = None   # 0-1: how sure the speaker is (None when no speaker)

    @property
    def start(self) -> int:
        """Offset of the first piece."""
        return self.spans[0][0]

    @property
    def end(self) -> int:
        """End offset of the last piece."""
        return self.spans[-1][1]

    def to_json(self) -> dict:
        """Exactly the fields of the `extract --format jsonl` contract."""
        return {
            "article": self.article,
            "spans": [[a, b] for a, b in self.spans],
            "text": self.text,
            "speaker": self.speaker,
            "speaker_mention": self.speaker_mention.to_json() if self.speaker_mention else None,
            "role": self.role,
            "cue": self.cue,
            "outlet": self.outlet,
            "medium": self.medium,
            "nested": self.nested,
            "rule": self.rule,
            "speaker_kind": self.speaker_kind,
            "confidence": self.confidence,
        }


@frozen
class Speaker:
    """One person or organisation across the corpus, with every surface form seen."""

    id: str                              # stable slug, e.g. "simone-inzaghi"
    name: str                            # display name
    aliases: tuple[str, ...] = ()
    quote_count: int = 0
    outlets: tuple[str, ...] = ()        # the outlets quoting them, most often first
    first_date: Optional[str] = None     # of their first and last dated quote
    last_date: Optional[str] = None
    kind: Optional[str] = None           # "person" or "organization" (what most quotes say)
    article_count: int = field(default=0, metadata={"json": False})   # exports only


@frozen
class Cluster:
    """The same quote as carried by several articles."""

    id: str
    quotes: tuple[str, ...] = ()         # quote ids ("<article id>@<start>")
    articles: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    first_date: Optional[str] = None
    speaker_id: Optional[str] = None
    wordings: tuple[str, ...] = field(default=())


def quote_id(q: Quote) -> str:
    """A quote's stable id: its article and the offset of its first piece."""
    return f"{q.article}@{q.start}"
