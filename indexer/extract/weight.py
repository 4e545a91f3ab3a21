"""The weight of a mention in its sentence, for salience: AGENT for the one who says something
("Scott said", "noted NBC's Dante Chinni"), SUBJECT for the subject, INTRODUCED for one brought in
with a role ("Hal Corbin, president of ..."), else OTHER. `subject_after` tells whether a name is
its sentence's subject from the words before it."""
from __future__ import annotations

import re

from ..lexicon import (ADDRESSEE_VERBS, ADVERBS, AUXILIARIES, CLAUSE_WORDS, CUE_WORDS, DAYS, INTRO_WORDS,
                       DETERMINERS, OPENING_ADVERBS, PERSON_NOUNS, PREPOSITIONS, TIME_WORDS, TITLES)
from .descriptions import AGENT, OTHER, SUBJECT
from .names import is_role_noun

# the cue after a name: "Scott said", "Scott, 56, said", "Perdue (R-Ga.) said", "Dan Lee at the
# National Review agreed", "Lee later said"
_CUE_AFTER = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?(?:,[^,.\"“”]{1,80},\s*)?"
                        r"(?:(?:at|of|with|from|for)\s+(?:the\s+)?(?:[A-Z][\w'’.&-]*\s+){1,5})?"
                        r"(?:[a-z]+ly\s+)?([a-z]+)\b")
# the clause ends after a name (perhaps after its firm: "said Harry Lamb of Tucker Anthony.")
_CLAUSE_ENDS = re.compile(r"\s*(?:(?:of|at|with|from)\s+(?:the\s+)?(?:[A-Z][\w'’.&-]*,?\s*){1,6})?(?:[,.;:!?]|$)")
_AFFILIATED = re.compile(r"\b([\w'’]+)\s+(?:at|of|with|from|for)\s+(?:the\s+)?$")
# a lower-case word, then up to four capitalised ones, before a name ("said [NBC's Dante] Chinni"), read
# on the text reversed (one match at the name, not r"\b([a-z]+)\s+(?:[A-Z][\w'’.-]*\s+){0,4}$"
# searched from every offset before it)
_CUE_BEFORE_BACK = re.compile(r"\s+(?:[\w'’.-]*[A-Z]\s+){0,4}([a-z]+)(?!\w)")
INVERSION_MARKS = (",", '"', "”", "’", "'", "—", "–", "")   # what comes before an inverted cue: '"...," noted Lee.'
INTRODUCED = 3.0                        # brought in with a role: "Hal Corbin, president of ..."
_INTRODUCED = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,2}?([a-z][a-z-]+)\b")
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s")
_PARTICIPLE_CUE = re.compile(r",\s+(?:saying|adding|noting|arguing|insisting|explaining)\b")
# a name set off after its description, then the cue: "The leader of the guild, Jon Lee, warned"
_DESCRIBED_FIRST = re.compile(r"(?:The|A|An|His|Her|Its|Their|Our|One of)\s[^,;:\"“”]{2,80},\s+$")
_CUE_AFTER_COMMA = re.compile(r",\s+(?:[a-z]+ly\s+)?([a-z]+)\b")
# a name between a determiner and a noun modifies the noun: "the Cole campaign", "a Lee aide"
_DETERMINER_BEFORE = re.compile(r"(?<![\w'’-])(?:[Tt]he|[Aa]n?)\s+$")
_DETERMINER_OPENS = re.compile(r"The\s")      # (a run may hold its sentence's "The")
_NOUN_AFTER = re.compile(r"\s+([a-z][a-z-]+)\b")
# a relative clause whose verb is a cue, after the name's place and apposition
_WHO_SAID = re.compile(r"(?:\s+(?:of|from)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?"
                       r"(?:,\s+(?:the|a|an|his|her|its|their)\s[^,.;\"“”]{1,100})?"
                       r",\s+who\s+(?:[a-z]+ly\s+)?([a-z]+)\b")
_PLACE_BEFORE = re.compile(r"\b(?:of|from|in|at)\s+$")     # (the "of Ohio" of that name)
_AS_SAYING = r"\bas\s+(?:saying|telling|stating)\b"
# "Lee was quoted as saying", "Lee, the governor, was quoted by the Daily Post as saying": Lee speaks
_QUOTED_AS = re.compile(r"\s*(?:,[^,.;\"“”]{1,80},\s*|,\s*)?(?:was|were|is|has been|had been)\s+(?:[a-z]+ly\s+)?"
                        r"quoted\b[^.;\"“”]{0,80}?" + _AS_SAYING)
# what a medium "quoted ... as saying": its object speaks, not the medium ("The Post quoted him as saying")
_QUOTING_AS = re.compile(r"[^.;\"“”]{1,80}?" + _AS_SAYING)
_AS_SAYING_NEXT = re.compile(r"\s+" + _AS_SAYING)      # "quoted Ann Lee [as saying]"
_QUOTE_VERBS = ("quoted", "quotes", "quoting")
# what a medium "reported" someone "said": that one speaks ("The agency reported that Lee said ...")
_REPORTED_THAT = re.compile(r"\s+that\s+[^.;\"“”]{1,60}?\b(?:said|says|told)\b")
_REPORT_VERBS = ("reported", "reports")
# a few lower-case words after a name, the last perhaps a role noun, then a name ("Vole communication
# director Jenna Pike"); and those words alone
_WORDS_THEN_NAME = re.compile(r"\s+(?:[a-z]+\s+){0,3}([a-z]+)\s+[A-Z]")
_WORDS_AFTER = re.compile(r"\s+(?:[a-z]+\s+){0,3}([a-z]+)")
_ASKED = re.compile(r"\s+(?:was|were|is|has been|had been|being)\s+(?:later\s+|then\s+|also\s+)?asked\b")


def _only_reports(text: str, cue: re.Match, end: int) -> bool:
    """Whether the cue after a name only reports someone else's words: "The Post quoted him as
    saying", "The agency reported that Lee said"."""
    verb = cue.group(1)
    return verb in _QUOTE_VERBS and _QUOTING_AS.match(text, cue.end(), end) is not None \
        or verb in _REPORT_VERBS and _REPORTED_THAT.match(text, cue.end(), end) is not None


def _cue_before(text: str, start: int, a: int) -> tuple[str, int]:
    """(word, its offset) of the lower-case word right before a, or before the capitalised words
    (at most four) that end at a, in the 60 characters before a from start on ("said" in "..., said
    Ann Lee"); ("", -1) if none."""
    lo = a - 60 if a - 60 > start else start  # (max(start, a - 60), without the call: once for each name)
    back = text[lo:a][::-1]
    if lo:                                # (what stands before lo: a letter there joins the word)
        back += "0" if text[lo - 1].isalnum() or text[lo - 1] == "_" else " "
    m = _CUE_BEFORE_BACK.match(back)
    return (m.group(1)[::-1], a - m.end()) if m else ("", -1)


def pronoun_speaks(text: str, a: int, b: int, end: int) -> bool:
    """Whether the he/she at a:b says something ("he said", "said he", "He left, saying ..."):
    `weigh`'s AGENT test, without the sentence analysis a name needs (it is the costly part,
    and a paragraph has many pronouns)."""
    cue = _CUE_AFTER.match(text, b, b + 140)
    if cue and cue.group(1) in CUE_WORDS:
        return not _only_reports(text, cue, end)
    near = end if end < b + 160 else b + 160
    if text.find("quoted", b, near) >= 0 and _QUOTED_AS.match(text, b, near):
        return True
    if _CLAUSE_ENDS.match(text, b, b + 80):
        if _cue_before(text, 0, a)[0] in CUE_WORDS:
            return True
    if not text[a].isupper():
        return False
    stop = _SENTENCE_END.search(text, b, end)
    return _PARTICIPLE_CUE.search(text, b, stop.start() if stop else end) is not None


def weigh(text: str, a: int, b: int, start: int, end: int) -> tuple[float, bool]:
    """(AGENT for the one who says something -- "Scott said", "noted NBC's Dante Chinni" --,
    SUBJECT for the subject of its sentence, else OTHER; whether it says something). start:end is
    its sentence."""
    cue = _CUE_AFTER.match(text, b, b + 140)
    said = cue.group(1) if cue else ""
    if (said in _QUOTE_VERBS or said in _REPORT_VERBS) and _only_reports(text, cue, end):
        return OTHER, False                 # the paper only reports
    if said in CUE_WORDS:
        aff = _AFFILIATED.search(text, max(start, a - 40), a)
        if aff and not (is_role_noun(aff.group(1)) or aff.group(1) in TITLES):
            return OTHER, False             # "Dan Lee at the National Review agreed": Lee speaks,
                                            # but "Secretary of State Ivo Dane said": Dane
        return AGENT, True
    # (each pattern below is tried only where its first mark or word stands: most names have none)
    cue = _CUE_AFTER_COMMA.match(text, b, min(len(text), b + 40)) if text[b:b + 1] == "," else None
    if cue and cue.group(1) in CUE_WORDS and _DESCRIBED_FIRST.fullmatch(text, start, a):
        return AGENT, True
    near = end if end < b + 160 else b + 160    # (min(end, b + 160), without the call: once for each name)
    cue = _WHO_SAID.match(text, b, near) if text.find("who", b, near) >= 0 else None
    if cue and cue.group(1) in CUE_WORDS and not _PLACE_BEFORE.search(text, max(start, a - 6), a):
        return AGENT, True                  # "Sen. Ann Vole of Ohio, the panel's chair, who said ..."
    if text.find("quoted", b, near) >= 0 and _QUOTED_AS.match(text, b, near):
        return AGENT, True                  # "Lee was quoted by the Post as saying"
    # (the searches that end at the name end in white space: none where the name follows a mark)
    spaced = text[a - 1:a].isspace()
    # (one search, read thrice below; it ends at the name)
    verb, verb_at = _cue_before(text, start, a) if spaced else ("", -1)
    if verb in _QUOTE_VERBS and _AS_SAYING_NEXT.match(text, b, b + 20):
        return AGENT, True                  # "The Post quoted Ann Lee as saying"
    ends = _CLAUSE_ENDS.match(text, b, b + 80)
    if ends and verb in CUE_WORDS and verb not in ADDRESSEE_VERBS \
            and text[max(start, verb_at - 3):verb_at].rstrip()[-1:] in INVERSION_MARKS:
        # "..., noted NBC's Dante Chinni." (not "said Clinton was"); after a comma or a
        # quote only: in "He told Ann Lee." Ann Lee is the one spoken to
        return AGENT, True
    if verb in ("asked", "asks") and not ends:
        return AGENT, False                 # "Cole asked Ann Lee whether ...": she answers next
    if verb in ADDRESSEE_VERBS or verb in ("asked", "asks"):
        return OTHER, False                 # "The plan, he told Ann Lee, was dead": spoken to
    # (the search only after the last letter of "the", "a" or "an", or after more white space)
    det = spaced and (text[a - 2:a - 1] in "eanA" or text[a - 2].isspace()) \
        and _DETERMINER_BEFORE.search(text, a - 5 if a - 5 > start else start, a)
    if det or text.startswith("The", a, b) and _DETERMINER_OPENS.match(text, a, b):
        noun = _NOUN_AFTER.match(text, b, b + 30)
        word = noun.group(1) if noun else ""
        if word and not (word in CUE_WORDS or word in AUXILIARIES or word in ADVERBS or word.endswith(("ed", "ly"))):
            return OTHER, False             # "The Cole campaign on Monday picked up ...": not Cole
    if subject_after(text[start:a], text[b:b + 40]):
        # "Dan Lee at the Review agreed" / "During a town hall, Gina Holm had a question";
        # not "Vole communication director Jenna Pike" (the role's owner)
        if _WORDS_THEN_NAME.match(text, b, b + 60) and is_role_noun(_WORDS_AFTER.match(text, b, b + 60).group(1)):
            return OTHER, False
        if _PARTICIPLE_CUE.search(text, b, end):
            return AGENT, True              # "A spokesman criticised the plan, saying ..."
        if _ASKED.match(text, b, end):
            return AGENT, False             # "Mr Lee was asked why ...": the one who answers next
        return SUBJECT, False
    intro = _INTRODUCED.match(text, b, min(len(text), b + 60)) if text[b:b + 1] == "," else None
    if intro and is_role_noun(intro.group(1)):
        return INTRODUCED, False            # "... concerns Hal Corbin, president of the Caucus."
    return OTHER, False


# a dateline at the start of a sentence ("WASHINGTON (AP) — "); what may end an opening phrase
_DATELINE_HEAD = re.compile(r"^[A-Z][A-Z .,'’-]*(?:\(\w+\))?\s*[—–-]+\s*")
# after the comma, the words that open a list or an example inside a clause, not its subject
_INSIDE_LIST = re.compile(r",\s*(?:including|such as|like|especially|notably|particularly|among them|among|alongside|"
                          r"besides|plus)\b")
_OPENER_END = re.compile(r"(?:^|,)\s*(?:[A-Z][\w'’.-]*\s+)*(?:[a-z][\w'’-]*\s+){0,3}$")


# a clause joined on by "and"/"but" with a name for subject: "... six points clear and Owen is sure ..."
_CLAUSE_JOIN = re.compile(r"[\w,]\s+(?:and|but)\s+$")
# a lower-case word after a name that may be its verb ("... critic Ann Lee felt"), not "and", "of"
_VERB_NEXT = re.compile(r"\s+(?:[a-z]+ly\s+)?"
                        r"(?!(?:and|or|but|nor|of|in|on|at|to|for|with|from|by|who|which|that)\b)[a-z]{2,}\b")
_FINITE = re.compile(r"\s+(?:[a-z]+ly\s+)?(?:is|was|has|had|will|would|did|does|can|could|[a-z]{3,}(?:ed|s))\b")


def _owned_role(words: list[str]) -> bool:
    """An owner, then the words of a role that no list holds: "The Guardian's film critic",
    "Leeds' Bayern counterpart" (the name after them, before a verb, is the sentence's subject)."""
    owner = next((i for i, w in enumerate(words) if w.endswith(("'s", "’s", "s'"))), None)
    if not 2 <= len(words) <= 6 or owner is None or not all(w[:1].isupper() or w in DETERMINERS for w in words[:owner]):
        return False                          # ("The Harbour Times' music critic": the owner's name first)
    last = words[-1]
    return last.islower() and last.isalpha() and not last.endswith(("ed", "ing", "ly")) and all(
        w.lower() not in CLAUSE_WORDS and w.lower() not in CUE_WORDS and w.lower() not in PREPOSITIONS
        and w.lower() not in ADVERBS for w in words[owner + 1:])


# a clause joined on after a comma by "and"/"but", perhaps its subject's description before the name
_ROLE_AFTER_JOIN = re.compile(r",\s+(?:and|but)\s+((?:[\w'’.-]+\s+){0,6})$")


def joined_subject(head: str) -> bool:
    """Whether a name after `head` opens a clause joined on after a comma by "and"/"but", its
    description perhaps before it (", but Ivo Dane", ", but the club's chairman Ivo Dane")."""
    join = _ROLE_AFTER_JOIN.search(head) if head.endswith(" ") and ", " in head and ("and" in head or "but" in head) \
        else None
    return join is not None and (not join.group(1) or _described(join.group(1).split()))


def _described(words: list[str]) -> bool:
    """Whether the words before a name are its description: a role, a person noun or a title last
    ("Former Harbourland governor", "the Kell Tennis chief"), no clause or cue word among them."""
    return len(words) <= 6 and (is_role_noun(words[-1]) or words[-1].lower() in PERSON_NOUNS
                                or words[-1].rstrip(".") in TITLES) and all(
        w[:1].isupper() or w.lower() not in CLAUSE_WORDS and w.lower() not in CUE_WORDS for w in words)


def subject_after(head: str, after: str = "") -> bool:
    """Whether a name after `head` (its sentence up to it) is the sentence's subject: nothing but
    a conjunction or marks before it ("But Umbro ..."), a role ("Former Harbourland governor Ed
    Rendle ..."), or an opening phrase and a comma ("During a town hall, Gina Holm ...");
    not after a name and a comma ("Ed Rendle, one of Vole's supporters": an apposition). With
    the text `after` the name, the subject of a clause joined on by "and"/"but" counts too."""
    # (a verb after the name first: most names have none; the search is made only when head ends
    # in "and"/"but" and white space: it reads the whole head)
    if after and _FINITE.match(after) and (
            head[-1:].isspace() and head.rstrip().endswith(("and", "but")) and _CLAUSE_JOIN.search(head)
            or joined_subject(head)):               # "..., but the club's chairman Ivo Dane rejected it"
        return True
    bare = head.strip(" \n\"“”'‘’")
    if bare[:1].isupper() and not bare[1:2].islower():      # (no dateline opens with a capital, then a small letter)
        bare = _DATELINE_HEAD.sub("", bare)
    words = bare.split()
    while words and words[0].lower() in ("but", "and", "so", "yet", "even", "only", "also", "then", "now", "still"):
        words = words[1:]                           # (and "And even Lee tried ...")
    if not words:
        return True
    if "," not in head:
        return _described(words) \
            or ("'" in head or "’" in head) and bool(_VERB_NEXT.match(after)) and _owned_role(words)   # (owner's mark)
    first = words[0].rstrip(",")
    if len(head) >= 90 and first.lower() not in INTRO_WORDS:
        return False                                # (what the last line says, before the searches)
    comma = head.rindex(",")
    named = head[:comma].rstrip().rsplit(" ", 1)[-1][:1].isupper()    # "Ed Rendle, one of ..."
    if named and first[:1].isupper() and not (first.lower() in INTRO_WORDS or first.lower() in TIME_WORDS or first in DAYS
                                    or first in OPENING_ADVERBS or first.endswith(("ing", "ly"))):
        return False
    end = _OPENER_END.match(head, comma)            # (no comma after its start: only the last one may open it)
    if end is not None and _INSIDE_LIST.match(head, end.start()):
        return False                                # "eight players, including captain Ann Lee": no subject
    if end is not None and after[:1] == "." and any(
            w in CUE_WORDS for w in head[end.start():].strip(" ,").split()[1:]):
        return False                                # "Asked who leads, he said Ryan.": what he said, no subject
    return (len(head) < 90 or first.lower() in INTRO_WORDS) and end is not None
