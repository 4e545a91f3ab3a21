"""What the sieves share: the quotation they read (`Window`), what they find (`Attr`), and `Sieve`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from ...records import Mention, Quote
from ..marks import Piece
from ..media import medium_in
from ..tokens import Tok, char_before

Span = tuple[int, int]


@dataclass
class Attr:
    """What an attribution clause says: who (mention), with what cue, where, by which rule."""

    mention: Optional[Mention]
    name: Optional[tuple[str, ...]]   # the name words when the mention is a name
    pronoun: Optional[str]
    role: Optional[str]
    cue: Optional[str]
    medium: Optional[str]
    rule: str
    end: int = 0                      # where the clause ends in the text
    tight: bool = False               # nothing but "X said" (+ a short adverbial) before the end
    adjacent: bool = False            # the cue stands right before the opening mark ("chanting "No!"")
    carried: Optional[Quote] = None   # continuation: the earlier quote whose speaker this one carries on


@dataclass(frozen=True)
class Previous:
    """The last quote kept before this one, and where its last piece was."""

    quote: Quote
    para: int                         # paragraph of its last piece
    close: Optional[int]              # offset of its closing mark (None: it ran to the paragraph end)


@dataclass(frozen=True)
class Window:
    """One quotation as the sieves see it: its pieces, the paragraphs, and the bounds [lo, hi) in
    which its own attribution may stand (not inside the quotes before and after it)."""

    text: str
    paras: list[Span]
    pieces: list[Piece]
    lo: int
    hi: int
    between: Optional[Attr] = None    # the attribution found between its pieces ("A," X said. "B.")
    prev: Optional[Previous] = None

    @property
    def first(self) -> Piece:
        """The first piece."""
        return self.pieces[0]

    @property
    def last(self) -> Piece:
        """The last piece."""
        return self.pieces[-1]

    @property
    def para_start(self) -> int:
        """Offset where the first piece's paragraph starts."""
        return self.paras[self.first.para][0]

    @property
    def starts_sentence(self) -> bool:
        """Whether the quotation opens its paragraph or a sentence (closing marks passed over)."""
        first, pa = self.first, self.para_start
        return first.open == pa or char_before(self.text, first.open, pa, skip_marks=True) in ".!?:"


@dataclass(frozen=True)
class Sieve:
    """One attribution rule: a name (what `Quote.rule` and the switches use) and its finder."""

    name: str
    find: Callable[[Window], Optional[Attr]]
    doc: str


def clause_medium(text: str, toks: list[Tok], cue_i: int, e: int) -> Optional[str]:
    """The medium named in the clause from the cue to the sentence end."""
    if e <= cue_i:
        return None
    return medium_in(text[toks[cue_i].a:toks[e - 1].b])
