"""Check a quote: is a pasted sentence (or a half-remembered one) a quote of the index, who said
it, which article carried it first, how many outlets did, and how does the paste differ from it?

Two steps. The backend finds candidates, the quotes sharing the most of the paste's rarer words
(`View.similar`: a term look-up, never a scan of the quotes); the API scores each candidate
against the paste here, on normalised text (case, accents, quote marks and punctuation
dropped, as clusters are made), tolerant of what memory and copying do to a quote:
  - the same words with other marks, or a word changed: rapidfuzz `ratio`;
  - the same words in another order: `token_sort_ratio`;
  - a part of the quote (shortened, and maybe reordered): `partial_ratio` and
    `partial_token_sort_ratio`, worth as much only when the shared words say something (their
    rarity in the index's quotes adds up to INFORMATIVE; "the city and the council" does not).
A score of FOUND or more is a match, SIMILAR or more a looser one, anything less is not listed.
"""
from __future__ import annotations

import math
from typing import Optional

from rapidfuzz import fuzz

from ..errors import BadParameter
from ..resolve.clusters import normalize
from ..results import CheckMatch, CheckResult, DiffSegment, WordDiff
from ..settings import DEFAULTS
from .api import _RECENT, Index
from .backend import Generation, QuoteDoc, View
from .diff import word_diff
from .hits import outlet_name, quote_hit
from .query import quote_words
from .recent import Recent

MAX_CHECK = DEFAULTS.max_check_length
FOUND = 85              # this close or closer: the quote
SIMILAR = 70            # this close: listed as a looser match
CANDIDATES = 30         # quotes the backend proposes
MIN_PART_WORDS = 4      # a shorter paste is compared whole only
PART_SHARE = 0.8        # a paste with fewer of the quote's words than this share is a part of it
INFORMATIVE = 20.0      # summed rarity (natural-log IDF) of the shared words a part match needs


def check(ix: Index, text: str, limit: int = DEFAULTS.check_matches) -> CheckResult:
    """The quotes of the index closest to `text`, best first (at most `limit`), with a verdict.

    BadParameter (naming `q`) when the text is empty, longer than MAX_CHECK characters, or has
    no words.
    """
    text = _checked(text)
    # Kept per generation like search answers (api.search): a repeated paste, the page's JSON
    # twin or a reload costs a dictionary look-up, and a new generation never answers from it.
    recent = ix.generation().memo("recent_checks", lambda: Recent(_RECENT))
    try:
        result = recent.get((text, limit))
    except TypeError:           # a limit of an odd type: answered uncached
        return _check(ix, text, limit)
    if result is None:
        result = _check(ix, text, limit)
        recent.put((text, limit), result)
    return result


def _check(ix: Index, text: str, limit: int) -> CheckResult:
    """`check` of a text already checked, uncached."""
    view = ix.view()
    gen = view.generation
    mine = normalize(text)
    best: dict[str, tuple[int, str, QuoteDoc]] = {}
    for cand in view.similar(tuple(quote_words(text)), CANDIDATES):
        d = cand.doc
        score, how = likeness(mine, normalize(d.text), gen)
        cid = d.cluster or d.id
        if score >= SIMILAR and (cid not in best or score > best[cid][0]):
            best[cid] = (score, how, d)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))[:max(0, limit)]
    matches = tuple(_match(view, gen, text, mine, cid, d) for cid, (_, _, d) in ranked)
    matches = tuple(sorted(matches, key=lambda m: (-m.score, m.cluster)))
    return CheckResult(text, *_verdict(matches), matches)


def _checked(text: Optional[str]) -> str:
    """The text to check, stripped; BadParameter when it cannot be checked."""
    text = (text or "").strip()
    if not text:
        raise BadParameter("q: paste the words of a quote to check")
    if len(text) > MAX_CHECK:
        raise BadParameter(f"q: the text has {len(text)} characters; a quote to check has at most {MAX_CHECK} "
                           "(paste the sentence you want to check, not the article)")
    if not quote_words(text):
        raise BadParameter("q: the text has no words to look for (only marks, digits or symbols?)")
    return text


def likeness(mine: str, real: str, gen: Optional[Generation] = None) -> tuple[int, str]:
    """(0-100, how) for a normalised paste against a normalised real wording (see the module)."""
    if not mine or not real:
        return 0, "reworded"
    same, sorted_ = fuzz.ratio(mine, real), fuzz.token_sort_ratio(mine, real)
    score, how = (same, "same words") if same >= sorted_ else (sorted_, "reordered")
    words = mine.split()
    if len(words) >= MIN_PART_WORDS and len(mine) < len(real):
        # A part: its letters found in the quote in order (partial ratios) or its words in any
        # order (the share of what its words say that the quote has: rarity of the shared words
        # over that of all of them), weighed by that share again and by whether the shared
        # words say enough to tell one quote from another.
        own = set(words)
        said, have = _rarity(own & set(real.split()), gen), _rarity(own, gen)
        covered = said / have if have else 0.0
        part = max(fuzz.partial_ratio(mine, real), fuzz.partial_token_sort_ratio(mine, real), 100 * covered)
        part *= covered * min(1.0, said / _informative(gen))
        if part > score:
            # Most of the quote's words, in another order, is the quote reordered, not a part.
            whole = len(words) >= PART_SHARE * len(real.split())
            score, how = part, ("reordered" if whole else "part of the quote")
    if score < FOUND and how == "same words":
        how = "reworded"
    return int(round(score)), how


def _informative(gen: Optional[Generation]) -> float:
    """What the shared words of a part must weigh: INFORMATIVE, or in a small index (where no
    word is very rare) as much as four words found in a single quote."""
    if gen is None:
        return INFORMATIVE
    n = gen.meta.get("counts", {}).get("quotes") or 1
    return min(INFORMATIVE, 4 * math.log((n + 1) / 2))


def _rarity(words: set, gen: Optional[Generation]) -> float:
    """How much the words say: the sum of their IDF over the index's quote vocabulary (a word
    the vocabulary lacks counts as rare; one of two letters or fewer as common)."""
    if gen is None:
        return INFORMATIVE * len(words) / 4
    vocab = gen.words
    n = gen.meta.get("counts", {}).get("quotes") or sum(vocab.values()) or 1
    return sum(math.log((n + 1) / (vocab.get(w, 0) + 1)) for w in words if len(w) > 2)


def _match(view: View, gen: Generation, text: str, mine: str, cid: str, found: QuoteDoc) -> CheckMatch:
    """One matching quote: its reports, the first of them, the outlets, the closest wording."""
    reports = [d for d in view.quotes("cluster", cid) if not d.nested] or [found]
    reports.sort(key=lambda d: (d.date or "9999", d.article, d.start or 0))
    # The closest wording: the best score, then the most alike as a whole (a paste of the short
    # wording is a part of the long one too).
    real = [(normalize(d.text), d) for d in reports]
    scored = [(likeness(mine, t, gen), fuzz.ratio(mine, t), d) for t, d in real]
    (score, how), _, closest = max(scored, key=lambda x: (x[0][0], x[1]))
    first = quote_hit(gen, reports[0])
    outlets = sorted({d.outlet for d in reports if d.outlet})
    sid = next((d.speaker_id for d in reports if d.speaker_id), None)
    speaker = gen.speakers[sid]["name"] if sid in gen.speakers else next(
        (d.speaker_name for d in reports if d.speaker_name), None)
    dates = [d.date for d in reports if d.date]
    return CheckMatch(cid, score, how, speaker, sid, closest.text,
                      _diff(closest.text, text, how), first, tuple(outlets),
                      tuple(outlet_name(gen, o) for o in outlets), len(outlets),
                      len({d.article for d in reports}), min(dates) if dates else None)


def _diff(real: str, text: str, how: str) -> WordDiff:
    """The checked text against the real wording; for a part of the quote, the words of the
    quote before and after the part the text covers are "outside", not missing."""
    diff = word_diff(real, text)
    segs = list(diff.segments)
    if how == "part of the quote":
        for i in (0, -1):
            if segs and segs[i].op == "delete":
                segs[i] = DiffSegment(segs[i].text, "outside")
    return WordDiff(tuple(segs), diff.ratio)


def _verdict(matches: tuple[CheckMatch, ...]) -> tuple[str, str]:
    """("found" | "similar" | "none", the answer in a sentence)."""
    if not matches:
        return "none", ("Nothing close: no quote in this index has these words or words near them. "
                        "It may be worded differently, or not be in the articles indexed here.")
    top = matches[0]
    who = top.speaker or "an unnamed speaker"
    where = f", first on {top.first_date}" if top.first_date else ""
    by = f" in {top.first.outlet_name}" if top.first.outlet_name else ""
    if top.score >= FOUND:
        return "found", (f"Found: {who} ({top.how}, {top.score}% alike){where}{by}; carried by "
                         f"{top.article_count} article{'s' * (top.article_count != 1)}.")
    return "similar", (f"No exact match; the closest is a quote by {who} ({top.score}% alike){where}{by}. "
                       "Compare the wording below before relying on it.")
