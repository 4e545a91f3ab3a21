"""The attribution sieves, in the fixed order they run (as CoreNLP's QuoteAttributionAnnotator).

Stage one finds the mention a quotation's attribution rests on; the first sieve that finds one
wins, and `Quote.rule` names it (with the pattern it matched, e.g. "after:name-cue"):

  label            "LEE: ..."                  a transcript label opening the quote
  split            "A," Lee said. "B."         the attribution between the pieces of one quote
  after            "...," Lee said / said Lee  right after the closing mark (also "― Lee")
  before           Lee said: "..."             before the opening mark in its sentence; also
                                               Lee said the plan "would fail" (before:partial),
                                               Lee said that if it came, the plan "would fail"
                                               (before:deep: a phrase deep in what Lee said),
                                               Lee called it "a disgrace" (before:phrase), Lee: "..."
  colon-paragraph  a paragraph ending "Lee said:" before the quote paragraph
  said-sentence    Lee said in a statement. "..." / Lee said the bank would sell. "..."
  dash-line        a "- Lee, Leeds" paragraph right under the quote paragraph
  continuation     no attribution of its own, right after a quote by someone: that speaker;
                   also Lee said it was "late," not least because "..." (continuation:clause)

Then the speech gate (`extract/speechlike.py`) drops scare quotes, titles and nicknames, and one
late sieve runs on the quotations still unattributed:

  subject          the subject of the sentence the quote stands in ("Lee is labeling it "...".")
  recent-said      the one reported speaking up to three sentences before, no quote between
  recent-subject   the subject (a name, he or she) of the sentence right before, no speech verb
  reported         "A," Lee said. The board would "need B": a phrase in the sentence right after a
                   quote, with no speaker or cue of its own, carries that quote's speaker on

Stage two (`SPEAKER_SIEVES`) resolves the mention to a full name: name, pronoun, description.

Each sieve can be switched off by name (`direct_quotations(..., off={"subject"})`,
`bench/eval_polnear.py --off subject`) to measure what it earns alone.
"""
from __future__ import annotations

import functools

from . import after, before, continuation, paragraph, sentence
from .base import Attr, Previous, Sieve, Window
from .speaker import SPEAKER_SIEVES, Context, SpeakerSieve

__all__ = ["Attr", "Context", "LATE_SIEVES", "MENTION_SIEVES", "NAMES", "Previous", "RELIABILITY", "SPEAKER_SIEVES",
           "Sieve", "SpeakerSieve", "Window", "check_names", "reliability"]

MENTION_SIEVES = (
    Sieve("label", paragraph.find_label, '"LEE: ..." -- a transcript label opening the quote'),
    Sieve("split", lambda w: w.between, '"A," Lee said. "B." -- between the pieces of one quote'),
    Sieve("after", after.find, '"...," Lee said / "...," said Lee / "..." ― Lee'),
    Sieve("before", before.find, 'Lee said: "..." / Lee said the plan "would fail" / Lee: "..."'),
    Sieve("colon-paragraph", paragraph.find_colon_paragraph, 'a paragraph ending "Lee said:"'),
    Sieve("said-sentence", sentence.find_said_sentence, 'Lee said in a statement. "..."'),
    Sieve("dash-line", paragraph.find_dash_line, 'a "- Lee, Leeds" paragraph under the quote'),
    Sieve("continuation", continuation.find, "the speaker of the quote right before"),
)
LATE_SIEVES = (
    Sieve("subject", sentence.find_subject, "the subject of the sentence the quote stands in"),
    Sieve("recent-said", sentence.find_recent_said, "the one reported speaking a few sentences before"),
    Sieve("recent-subject", sentence.find_recent_subject, "the subject of the sentence right before"),
    Sieve("reported", continuation.find_reported, "the speaker of the quote just before, no cue between"),
)
NAMES = tuple(s.name for s in MENTION_SIEVES + LATE_SIEVES + SPEAKER_SIEVES)

# How often the mention a rule finds is the right one (the first factor of Quote.confidence; the
# second is how sure the resolution of that mention to a name is): the speaker-mention accuracy of
# each rule on the PolNeAR train split (`bench/eval_polnear.py --split train --by-rule`), rounded;
# rules seen fewer than five times there keep a prior of 0.9 (0.8 for nested quotes). The longest
# matching prefix of Quote.rule counts.
RELIABILITY = {
    "split": 0.99, "after": 0.98, "after:dash": 0.9, "before": 0.91, "before:partial": 0.86,
    "before:phrase": 0.89, "before:colon": 0.71, "before:colon-paragraph": 0.87, "before:sentence": 0.9,
    "continuation": 0.91, "subject": 0.87, "nested": 0.8,
    "before:said-clause": 0.8,   # a prior: none of the gold quotes of train is found this way
    "before:deep": 0.8,          # a prior: one gold quote of train is found this way
    "label": 0.9,                # a prior: few gold quotes of train open with a transcript label
    "before:recent-said": 0.7,   # a prior: a last resort, a few sentences from the quote
    "before:recent-subject": 0.6,   # a prior: the last resort, no speech verb at all
}


@functools.lru_cache(maxsize=256)     # (a few dozen rule names, asked for every quote)
def reliability(rule: str) -> float:
    """The reliability of the rule that found a mention (longest prefix of RELIABILITY)."""
    best = ""
    for k in RELIABILITY:
        if rule.startswith(k) and len(k) > len(best):
            best = k
    return RELIABILITY.get(best, 0.8)


def check_names(off) -> frozenset[str]:
    """The sieve names to switch off, checked: an unknown name is a ValueError naming the known ones."""
    off = frozenset(off or ())
    unknown = sorted(off - set(NAMES))
    if unknown:
        raise ValueError(f"unknown sieve(s) {', '.join(unknown)}; the sieves are {', '.join(NAMES)}")
    return off
