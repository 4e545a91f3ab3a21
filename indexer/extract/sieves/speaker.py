"""Stage two: the speaker sieves resolve the mention a stage-one sieve found to a full name.

`name`: "Inzaghi" -> the fullest form the article gives ("Simone Inzaghi"); `pronoun`: he/she ->
the most salient person of that gender; `description`: "the 23-year-old" -> likewise.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Callable, Optional

from ..entities import ArticleNames, resolve_pronoun
from ..names import is_participle, is_person_description
from .base import Attr, Span


class Context:
    """What the speaker sieves know of one article: its names (found on first need), its
    paragraphs, where its quotes are, and who spoke so far."""

    def __init__(self, text: str, paras: list[Span], quote_spans: list[Span]):
        """Remember the article; nothing is scanned yet."""
        self.text = text
        self.para_starts = [a for a, _ in paras]
        self.quote_spans = quote_spans
        self.spoke: list[tuple[int, str]] = []      # (offset, full name) of attributed quotes so far
        self._names: Optional[ArticleNames] = None

    @property
    def names(self) -> ArticleNames:
        """The article's names (scanned on the first look-up)."""
        if self._names is None:
            self._names = ArticleNames(self.text)
        return self._names

    def para_of(self, pos: int) -> int:
        """Index of the paragraph holding pos."""
        return max(0, bisect.bisect_right(self.para_starts, pos) - 1)


@dataclass(frozen=True)
class SpeakerSieve:
    """One resolution rule: its name (for the switches) and its resolver."""

    name: str
    resolve: Callable[[Context, Attr], Optional[str]]
    doc: str


def named(names: ArticleNames, attr: Attr) -> Optional[str]:
    """The full name of a named speaker; None for a lone participle ("Adding, ...") that the
    article never gives as a surname of a full name ("Ebeling" with "Betsy Ebeling" is a name)."""
    full = names.full_name(attr.name, attr.mention.start)
    if " " not in full and is_participle(full):
        return None
    return full


def by_name(ctx: Context, attr: Attr) -> Optional[str]:
    """A name mention: the fullest form the article gives of it."""
    return named(ctx.names, attr) if attr.name else None


def by_pronoun(ctx: Context, attr: Attr) -> Optional[str]:
    """he/she: the most salient person of that gender before it."""
    if attr.pronoun not in ("he", "she"):
        return None
    return resolve_pronoun(ctx.names, attr.pronoun, attr.mention.start, ctx.spoke, ctx.para_of, ctx.quote_spans)


def by_description(ctx: Context, attr: Attr) -> Optional[str]:
    """"the 23-year-old", "the coach": the most salient person before it."""
    if not is_person_description(attr.mention.text):
        return None
    return resolve_pronoun(ctx.names, attr.mention.text, attr.mention.start, ctx.spoke, ctx.para_of,
                           ctx.quote_spans)


SPEAKER_SIEVES = (
    SpeakerSieve("name", by_name, "a name -> the fullest form the article gives"),
    SpeakerSieve("pronoun", by_pronoun, "he/she -> the most salient person of that gender"),
    SpeakerSieve("description", by_description, '"the 23-year-old" -> the most salient person'),
)
