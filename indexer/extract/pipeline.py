"""Direct quotations of an article: pair the marks, group the pieces, run the sieves.

The extractor works paragraph by paragraph with a small state machine over the quote marks (so
its cost is linear in the text length), groups the pieces of one quotation (a quote split by its
attribution, a quote running over several paragraphs), then runs the attribution sieves in their
fixed order (`sieves/__init__.py` lists them) and resolves the speaker within the article.
Paragraphs come from `tokenize.paragraphs`, the one splitter of the package.
"""
from __future__ import annotations

import dataclasses
from typing import Iterable, Iterator, Optional, Sequence

from ..records import Article, Quote
from ..tokenize import paragraphs
from .groups import group
from .marks import Piece, pair_marks
from .sieves import (LATE_SIEVES, MENTION_SIEVES, RELIABILITY, SPEAKER_SIEVES, Attr, Context, Previous, Window,
                     check_names, reliability)
from .sieves.after import after
from .sieves.before import before
from .entity import ANONYMOUS, Resolved
from .sieves.speaker import by_name
from .speechlike import speechlike
from .styles import quote_view
from .tokens import char_before, count_words


def direct_quotations(text: str, article_id: str = "", outlet: Optional[str] = None, *,
                      off: Iterable[str] = (), author: Optional[str] = None) -> Iterator[Quote]:
    """Every direct quote in text, attributed where the article says who spoke.

    `off` names sieves to switch off (see `sieves.NAMES`), to measure what each one earns;
    `author`, when the article names one, is the speaker of a first-person "I said". Anything
    that is not a text gives no quotes; a failure inside the extractor is not hidden: it raises,
    and the callers (the build, `quote-index extract`) report it with the article id and go on.
    """
    off = check_names(off)
    if not isinstance(text, str) or not text:
        return iter(())
    return iter(_extract(text, article_id, outlet, off, author))


def extract_quotes(article: Article) -> list[Quote]:
    """All quotes of an article (its text, id and outlet)."""
    return list(direct_quotations(article.text, article.id, article.outlet, author=article.author))


def _extract(text: str, article_id: str, outlet: Optional[str], off: frozenset = frozenset(),
             author: Optional[str] = None) -> list[Quote]:
    """The extractor proper (see direct_quotations), on the article as its house style of quote marks
    reads (`styles.quote_view`), each record's text then cut from the article as written."""
    view = quote_view(text)                   # (an article that quotes in single marks, read as one in double)
    if view is text:
        return _extract_from(text, article_id, outlet, off, author)
    return [dataclasses.replace(q, text=" ".join(text[a:b] for a, b in q.spans))   # its own marks inside
            for q in _extract_from(view, article_id, outlet, off, author)]


def _extract_from(text: str, article_id: str, outlet: Optional[str], off: frozenset,
                  author: Optional[str]) -> list[Quote]:
    """The quotes of a text whose quote marks are double ones (see direct_quotations)."""
    paras = paragraphs(text)
    pieces: list[Piece] = []
    for n, (pa, pb) in enumerate(paras):
        pair_marks(text, pa, pb, n, pieces)
    if not pieces:
        return []
    quote_spans = _quote_spans(text, paras, pieces)
    ctx = Context(text, paras, quote_spans, author)
    mention_sieves = [s for s in MENTION_SIEVES if s.name not in off]
    late_sieves = [s for s in LATE_SIEVES if s.name not in off]
    speaker_sieves = [s for s in SPEAKER_SIEVES if s.name not in off]
    out: list[Quote] = []
    prev: Optional[Previous] = None
    skipped: Optional[tuple[int, int]] = None   # (paragraph, lo) of a title or term just passed over
    for g, between, lo, hi in group(text, paras, pieces, split="split" not in off):
        if skipped is not None and skipped[0] == g[0].para:
            lo = min(lo, skipped[1])          # a title in marks is narration: 'Ann Lee told "Newsday" ...'
        skipped = None
        w = Window(text, paras, g, lo, hi, between, prev)
        attr = _first_attr(mention_sieves, w)
        carried = attr is not None and attr.carried is not None
        spans = tuple((p.start, p.end) for p in g)
        body = " ".join(text[a:b] for a, b in spans)
        if not speechlike(body, None if carried else attr, carried, w.starts_sentence,
                          char_before(text, w.first.open, w.para_start)):
            skipped = (g[-1].para, lo)
            continue
        if attr is None:
            attr = _first_attr(late_sieves, w)
        q = _quote(ctx, speaker_sieves, attr, article_id, spans, body, outlet)
        out.append(q)
        prev = Previous(q, w.last.para, w.last.close)
        for p in g:
            if p.nested:
                out.extend(nested_quotes(ctx, p, q, article_id, outlet, off))
    return out


def _quote_spans(text: str, paras: list, pieces: list[Piece]) -> list[tuple[int, int]]:
    """Where the quotes are, for salience (names inside quotes do not count). A mark that opens
    a paragraph and is never closed counts only when the next paragraph opens with a mark of the
    same kind (a quote running on); otherwise it is a stray mark, and the paragraph is narration."""
    out = []
    for p in pieces:
        if p.close is not None or p.run_on:
            out.append((p.open, p.close if p.close is not None else p.end))
            continue
        nxt = paras[p.para + 1][0] if p.para + 1 < len(paras) else None
        if nxt is not None and (text[nxt] == '"') == (text[p.open] == '"') and text[nxt] in "\"“«„'‘":
            out.append((p.open, paras[p.para][1]))
    return sorted(out)


def _first_attr(sieves: Sequence, w: Window) -> Optional[Attr]:
    """The attribution of the first sieve that finds one."""
    for s in sieves:
        attr = s.find(w)
        if attr is not None:
            return attr
    return None


def _quote(ctx: Context, speaker_sieves: Sequence, attr: Optional[Attr], article_id: str,
           spans: tuple, body: str, outlet: Optional[str]) -> Quote:
    """The Quote record of one quotation, its speaker resolved by the first speaker sieve that can."""
    if attr is None:
        return Quote(article_id, spans, body, None, None, None, None, outlet, None, False, "unattributed")
    if attr.carried is not None:
        c = attr.carried
        conf = round(c.confidence * RELIABILITY["continuation"], 2) if c.confidence else None
        return Quote(article_id, spans, body, c.speaker, c.speaker_mention, c.role, None, outlet, None,
                     False, attr.rule, c.speaker_kind, conf)
    got = None
    ctx.quoting = spans                       # (the pronoun sieve reads whom the quote itself names)
    for s in speaker_sieves:
        got = s.resolve(ctx, attr)
        if got is not None:
            break
    if got is not None and got.kind == ANONYMOUS:
        ctx.spoke.append((attr.mention.start, got.entity))      # an unnamed person spoke: nobody is named
        got = None
    if got is None:
        return Quote(article_id, spans, body, None, attr.mention, attr.role, attr.cue, outlet,
                     attr.medium, False, attr.rule)
    ctx.spoke.append((attr.mention.start, got.entity))
    conf = round(got.confidence * reliability(attr.rule), 2)
    return Quote(article_id, spans, body, got.name, attr.mention, attr.role, attr.cue, outlet,
                 attr.medium, False, attr.rule, got.kind, conf)


def nested_quotes(ctx: Context, p: Piece, outer: Quote, article_id: str, outlet: Optional[str],
                  off: frozenset = frozenset()) -> Iterator[Quote]:
    """Quotes inside a quote that the outer speaker attributes ("he said to me 'VAR didn't...'")."""
    text = ctx.text
    for a, b, o, c in p.nested:
        b2 = b
        while b2 > a and text[b2 - 1] in ",":
            b2 -= 1                             # the comma belongs to the outer sentence
        if count_words(text[a:b2]) < 3:
            continue
        attr = before(text, p.start, o) if "before" not in off else None
        if attr is None and "after" not in off:
            attr = after(text, c + 1, p.end, "nested")
        if attr is None:
            continue
        got = None
        if attr.name:
            got = by_name(ctx, attr) if "name" not in off else None
        elif attr.pronoun in ("i", "we") and outer.speaker:
            got = Resolved(outer.speaker, outer.speaker_kind, outer.confidence or 0.5)
        elif attr.pronoun in ("he", "she") and "pronoun" not in off:
            got = ctx.salience.resolve(attr.pronoun, attr.mention.start, [], lo=p.start)
        if got is not None and got.kind == ANONYMOUS:
            got = None
        conf = round(got.confidence * reliability("nested:" + attr.rule), 2) if got else None
        yield Quote(article_id, ((a, b2),), text[a:b2], got.name if got else None, attr.mention, attr.role,
                    attr.cue, outlet, attr.medium, True, "nested:" + attr.rule, got.kind if got else None, conf)
