"""Group the quoted pieces of an article into quotations: a quote split by its attribution ("A,"
X said. "B.") is one quotation with two pieces, and so is a quote running over paragraphs."""
from __future__ import annotations

from .marks import Piece
from .sieves.after import after
from .tokens import char_after, char_before, only_punct

Span = tuple[int, int]


def group(text: str, paras: list[Span], pieces: list[Piece], split: bool = True) -> list[list]:
    """Group pieces into quotations: [(pieces, attribution found between them, lo, hi)].

    A quote runs on into the next paragraph when its paragraph ends with no closing mark and the
    next one opens with a mark; "A," X said. "B." is one quote with two pieces; "A," X said, adding
    that ... "B" is two. lo/hi bound where the group's own attribution may be looked for.
    With `split` off (the `split` sieve switched off), pieces are joined only across paragraphs.
    """
    groups: list[list] = []
    for n, p in enumerate(pieces):
        nxt_open = pieces[n + 1].open if n + 1 < len(pieces) and pieces[n + 1].para == p.para else paras[p.para][1]
        if groups:
            g, attr, lo, _ = groups[-1]
            last = g[-1]
            if (last.close is None and p.para == last.para + 1 and p.open == paras[p.para][0]
                    and (text[p.open] == '"') == (text[last.open] == '"')):
                g.append(p)
                groups[-1][3] = nxt_open
                continue
            if split and last.close is not None and p.para == last.para and attr is None:
                gap = after(text, last.close + 1, p.open, "split")
                if gap and only_punct(text, gap.end, p.open) and p.open - last.close < 250:
                    # the first piece must break off its sentence: "A," X said ... / "A", X said ...
                    comma = text[last.end - 1] == "," or char_after(text, last.close + 1) == ","
                    sep = char_before(text, p.open, last.close)
                    lower = text[p.start:p.start + 1].islower() and sep == ","
                    own = p.close is not None and after(text, p.close + 1, nxt_open, "after")
                    if comma and p.close is not None and (lower or (gap.tight and not own and sep in ".,:;—–-")):
                        g.append(p)
                        groups[-1][1] = gap
                        groups[-1][3] = nxt_open
                        continue
        lo = paras[p.para][0]
        if groups and groups[-1][0][-1].para == p.para and groups[-1][0][-1].close is not None:
            lo = groups[-1][0][-1].close + 1
        groups.append([[p], None, lo, nxt_open])
    return groups
