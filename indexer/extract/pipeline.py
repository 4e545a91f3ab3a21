"""Direct quotations of an article: pair the marks, group the pieces, run the sieves.

The extractor works paragraph by paragraph with a small state machine over the quote marks (so
its cost is linear in the text length), groups the pieces of one quotation (a quote split by its
attribution, a quote running over several paragraphs), then runs the attribution sieves in their
fixed order (`sieves/__init__.py` lists them) and resolves the speaker within the article.
Paragraphs come from `tokenize.paragraphs`, the one splitter of the package.
"""
from __future__ import annotations

from typing import Iterable, Iterator, Optional, Sequence

from ..records import Article, Quote
from ..tokenize import paragraphs
from .groups import group
from .marks import Piece, pair_marks
from .sieves import LATE_SIEVES, MENTION_SIEVES, SPEAKER_SIEVES, Attr, Context, Previous, Window, check_names
from .sieves.after import after
from .sieves.before import before
from .sieves.speaker import named
from .entities import resolve_pronoun
from .speechlike import speechlike
from .tokens import char_before, count_words


def direct_quotations(text: str, article_id: str = "", outlet: Optional[str] = None, *,
                      off: Iterable[str] = ()) -> Iterator[Quote]:
    """Every direct quote in text, attributed where the article says who spoke; never raises.

    `off` names sieves to switch off (see `sieves.NAMES`), to measure what each one earns.
    """
    off = check_names(off)
    if not isinstance(text, str) or not text:
        return iter(())
    try:
        return iter(_extract(text, article_id, outlet, off))
    except Exception:       # noqa: BLE001 - one odd text must not stop a corpus run; see tests
        return iter(())


def extract_quotes(article: Article) -> list[Quote]:
    """All quotes of an article (its text, id and outlet)."""
    return list(direct_quotations(article.text, article.id, article.outlet))


def _extract(text: str, article_id: str, outlet: Optional[str], off: frozenset = frozenset()) -> list[Quote]:
    """The extractor proper (see direct_quotations)."""
    paras = paragraphs(text)
    pieces: list[Piece] = []
    for n, (pa, pb) in enumerate(paras):
        pair_marks(text, pa, pb, n, pieces)
    if not pieces:
        return []
    quote_spans = sorted((p.open, (p.close if p.close is not None else paras[p.para][1])) for p in pieces)
    ctx = Context(text, paras, quote_spans)
    mention_sieves = [s for s in MENTION_SIEVES if s.name not in off]
    late_sieves = [s for s in LATE_SIEVES if s.name not in off]
    speaker_sieves = [s for s in SPEAKER_SIEVES if s.name not in off]
    out: list[Quote] = []
    prev: Optional[Previous] = None
    for g, between, lo, hi in group(text, paras, pieces, split="split" not in off):
        w = Window(text, paras, g, lo, hi, between, prev)
        attr = _first_attr(mention_sieves, w)
        carried = attr is not None and attr.carried is not None
        spans = tuple((p.start, p.end) for p in g)
        body = " ".join(text[a:b] for a, b in spans)
        if not speechlike(body, None if carried else attr, carried, w.starts_sentence,
                          char_before(text, w.first.open, w.para_start)):
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
        return Quote(article_id, spans, body, c.speaker, c.speaker_mention, c.role, None, outlet, None,
                     False, "continuation")
    speaker = None
    for s in speaker_sieves:
        speaker = s.resolve(ctx, attr)
        if speaker is not None:
            break
    if speaker:
        ctx.spoke.append((attr.mention.start, speaker))
    return Quote(article_id, spans, body, speaker, attr.mention, attr.role, attr.cue, outlet,
                 attr.medium, False, attr.rule)


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
        speaker = None
        if attr.name:
            speaker = named(ctx.names, attr) if "name" not in off else None
        elif attr.pronoun in ("i", "we"):
            speaker = outer.speaker
        elif attr.pronoun in ("he", "she") and "pronoun" not in off:
            speaker = resolve_pronoun(ctx.names, attr.pronoun, attr.mention.start, [], ctx.para_of,
                                      (), lo=p.start)
        yield Quote(article_id, ((a, b2),), text[a:b2], speaker, attr.mention, attr.role, attr.cue,
                    outlet, attr.medium, True, "nested:" + attr.rule)
