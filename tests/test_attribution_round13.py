"""Rules of the thirteenth round of attribution work, each a table of made-up sentences with the
speaker of a quote: positive rows (the rule finds the speaker) and negative rows (it must not find
one, or must not find the wrong one). What each rule earned is in docs/ATTRIBUTION.md."""
from __future__ import annotations

import pytest

from indexer.extract.namekeys import clean_run
from quoted import found, last


SPEAKER_ROWS = [
    # continuation:reported -- a phrase in the sentence right after a quote, with no speaker of its
    # own, carries that quote's speaker on
    pytest.param("“The dam is safe,” Ola Brandt said. The town would “need to keep watch all winter.”",
                 "Ola Brandt", id="reported-next-sentence"),
    pytest.param("“Sales were weak,” Pia Lund said on Monday. Instead, “buyers waited for the new model.”",
                 "Pia Lund", id="reported-after-an-adverb"),
    pytest.param("“Costs went up,” said Ivo Marsh. That left the firm “short of cash by the spring.”",
                 "Ivo Marsh", id="reported-after-cue-name"),
    pytest.param("“I want more time,” Eda Kran said. We “would like a vote in May,” she added later.",
                 "Eda Kran", id="negative-own-cue-is-found-first"),
    pytest.param("“Costs went up,” said Ivo Marsh. His rival Tom Vell said the plan was “doomed from the "
                 "start.”",
                 "Tom Vell", id="negative-someone-else-speaks"),
    pytest.param("“Costs went up,” said Ivo Marsh. Later they called the plan “doomed from the start.”",
                 None, id="negative-a-pronoun-of-its-own"),
    pytest.param("“Costs went up,” said Ivo Marsh.\n\nThe board called the plan “doomed from the start.”",
                 None, id="negative-another-paragraph"),
    pytest.param("“Costs went up,” said Ivo Marsh. The chairman resigned. The board was gone. A new team "
                 "took over and called it “doomed from the start.”", None, id="negative-two-sentences-on"),
    # continuation:clause -- an initial's full stop ends no sentence ("Jo C. Lamb, who thinks ...")
    pytest.param("“We are tired,” said Councillor Jo C. Lamb, who thinks the mayor “must listen to the "
                 "people now.”", "Jo C. Lamb", id="clause-past-an-initial"),
    pytest.param("“We are tired,” said Councillor Jo Lamb. Vik Orr, who thinks the mayor “must listen to "
                 "the people now,” stayed away.", "Vik Orr", id="negative-a-sentence-ends"),
    # a nickname in single marks between the words of a name, and the nickname alone later
    pytest.param("Ali 'Bo' Demir scored twice on Sunday. Bo said: “We were ready for them.”", "Ali Demir",
                 id="single-mark-nickname"),
    pytest.param("Coach Lars ‘Tank’ Holm was angry after the match. “It was a disgrace,” Tank said.",
                 "Lars Holm",
                 id="curly-single-mark-nickname"),
    pytest.param("Tom O'Neil and Ida O' Brien spoke. “We were ready,” O'Neil said.", "Tom O'Neil",
                 id="negative-an-apostrophe-in-a-name"),
    pytest.param("Ann Vole called it 'Madness' on Tuesday. “It is madness,” Vole said.", "Ann Vole",
                 id="negative-a-word-in-marks-after-a-verb"),
    # a relative "which" after a lone name agrees with no person: an organisation ("the company")
    pytest.param("Big employers such as Kellco, which opposed the bill, spoke up. “We call on others to join us,” "
                 "the company said.", "Kellco", id="which-makes-an-organisation"),
    pytest.param("The plan was backed by Vantor, which makes drills. “It was a hard year,” the company said.",
                 "Vantor", id="which-after-an-object"),
    pytest.param("Farmers in Kellia, which had no rain, waited. “It is dry,” the company said.", None,
                 id="negative-a-place-with-which"),
    pytest.param("Coach Ivo Marsh praised Dane, who scored twice. “We were ready,” Dane said.", "Dane",
                 id="negative-who-is-a-person"),
    # two people named in full and joined by "and" speak together after the cue or deep in a phrase too
    pytest.param("“Sales will rise in the spring,” said analysts Ola Brandt and Pia Lund.",
                 "Ola Brandt and Pia Lund", id="joined-after-the-cue"),
    pytest.param("According to a study by economists Ola Brandt and Pia Lund, the plan was “costly and slow.”",
                 "Ola Brandt and Pia Lund", id="joined-in-a-phrase"),
    pytest.param("Kellco Marketing and Ivo Marsh signed a deal. It was “a fine result for the whole team,” "
                 "said Marsh.",
                 "Ivo Marsh", id="negative-a-firm-and-a-surname"),
    pytest.param("Ola Brandt met Pia Lund. “It was a long and hard meeting,” said Lund.", "Pia Lund",
                 id="negative-not-joined"),
    # a first name set off after a family tie of someone named shares that surname
    pytest.param("Ida Vane thanked her voters. Vane's husband, Bill, spoke later. “It was a long night,” "
                 "Bill said.",
                 "Bill Vane", id="kin-of-a-named-person"),
    pytest.param("Tom Ridd won the seat. Ridd’s daughter, Sarah, 19, was there. “I am so proud of him,” "
                 "Sarah said.",
                 "Sarah Ridd", id="kin-with-an-age"),
    pytest.param("Her father, Brad, was worried about the vote. “People are afraid,” Brad said.", "Brad",
                 id="negative-kin-of-a-pronoun"),
    pytest.param("Ann Lee and Ida Lee arrived. Lee's husband, Bill, spoke. “It was a long night,” Bill said.",
                 "Bill",
                 id="negative-kin-of-an-ambiguous-name"),
]


@pytest.mark.parametrize("text, speaker", SPEAKER_ROWS)
def test_speaker_of_last_quote(text, speaker):
    """The last quote of each made-up text gets the speaker the rule gives (or none)."""
    assert last(text) == speaker


def test_reported_rule_is_named():
    """A phrase carried on this way says so in its rule (a user can filter on it)."""
    quotes = found("“The dam is safe,” Ola Brandt said. The town would “need to keep watch all winter.”")
    assert quotes[-1] == ("need", "Ola Brandt", "continuation:reported")


@pytest.mark.parametrize("surface, want", [
    ("Ali 'Bo' Demir", ("Ali Demir", ["Bo"])),
    ("Lars ‘Tank’ Holm", ("Lars Holm", ["Tank"])),
    ('Robert C. "Bobby" Vane', ("Robert C. Vane", ["Bobby"])),
    ("Tom O'Neil", ("Tom O'Neil", [])),
    ("Ida O’Brien", ("Ida O’Brien", [])),
])
def test_clean_run_takes_out_nicknames(surface, want):
    """A nickname in double or single marks is taken out of a run; an apostrophe inside a name is not one."""
    assert clean_run(surface) == want
