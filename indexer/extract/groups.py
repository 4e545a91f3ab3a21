"""Group the quoted pieces of an article into quotations: a quote split by its attribution ("A,"
X said. "B.") is one quotation with two pieces, and so is a quote running over paragraphs."""
from __future__ import annotations

from .marks import Piece
from .sieves.after import after
from .tokens import TRANSCRIPT_LABEL, char_after, char_before, only_punct

Span = tuple[int, int]


def group(text: str, paras: list[Span], pieces: list[Piece], split: bool = True) -> list[list]:
    """Group pieces into quotations: [(pieces, attribution found between them, lo, hi)].

    A quote runs on into the next paragraph when its paragraph ends with no closing mark and the
    next one opens with a mark; "A," X said. "B." is one quote with two pieces; "A," X said, adding
    that ... "B" is two. lo/hi bound where the group's own attribution may be looked for.
    With `split` off (the `split` sieve switched off), pieces are joined only across paragraphs.
    """
    groups: list[list] = []
    runs = _runs(pieces)
    for n, run in enumerate(runs):
        p, z = run[0], run[-1]                 # a run's first and last pieces
        nxt_open = runs[n + 1][0].open if n + 1 < len(runs) and runs[n + 1][0].para == z.para else paras[z.para][1]
        if groups:
            g, attr, lo, _ = groups[-1]
            last = g[-1]
            if (last.close is None and not last.run_on and p.para == last.para + 1 and p.open == paras[p.para][0]
                    and (text[p.open] == '"') == (text[last.open] == '"')
                    and not TRANSCRIPT_LABEL.match(text, p.open + 1, p.open + 40)):   # "RAMOS: ...": a new speaker
                g.extend(run)
                groups[-1][3] = nxt_open
                continue
            if split and last.close is not None and p.para == last.para and attr is None:
                gap = after(text, last.close + 1, p.open, "split")
                if gap and only_punct(text, gap.end, p.open) and p.open - last.close < 250:
                    # the first piece must break off its sentence: "A," X said ... / "A", X said ...
                    comma = text[last.end - 1] == "," or char_after(text, last.close + 1) == ","
                    sep = char_before(text, p.open, last.close)
                    lower = text[p.start:p.start + 1].islower() and sep == ","
                    own = z.close is not None and after(text, z.close + 1, nxt_open, "after")
                    if comma and z.close is not None and (lower or (gap.tight and not own and sep in ".,:;—–-")):
                        g.extend(run)
                        groups[-1][1] = gap
                        groups[-1][3] = nxt_open
                        continue
        lo = paras[p.para][0]
        if groups and groups[-1][0][-1].para == p.para and groups[-1][0][-1].close is not None:
            lo = groups[-1][0][-1].close + 1
        groups.append([list(run), None, lo, nxt_open])
    return groups


def _runs(pieces: list[Piece]) -> list[list[Piece]]:
    """The pieces, those of one quote whose paragraphs were run together (`"A. "B."`) kept together."""
    runs: list[list[Piece]] = []
    for p in pieces:
        if runs and runs[-1][-1].run_on and runs[-1][-1].para == p.para:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs
