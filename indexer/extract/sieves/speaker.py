"""Stage two: the speaker sieves resolve the mention a stage-one sieve found to an entity.

`name`: "Inzaghi" -> the entity that carries that name ("Simone Inzaghi"); `pronoun`: he/she ->
the agreeing person the text is about; `description`: "the senator", "the company" -> the entity
introduced with that role or kind. Each returns a `Resolved` (name, kind, confidence) or None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional

from ...lexicon import CUE_WORDS, DOCUMENT_NOUNS, SOURCE_NOUNS
from ...text import word_starts
from ..documents import last_document_speaking
from ..entities import Entities
from ..entity import ORGANIZATION, PERSON, Resolved, campaign_of
from ..furniture import caps_lines, inside
from ..names import first_name, is_participle, org_like, split_name
from ..unnamed import INDEFINITE, POSSESSIVE_PRONOUNS, is_person_head
from ..salience import AGENT, Salience
from ..tokens import PARTY_TAG
from .base import Attr, Span

# Heads of a description: "the 23-year-old", "the Italian coach", "the company", "the agency";
# "a senior official" and "his spokesman" name nobody, but are someone the next "he" may be.
_PERSON_DETERMINERS = INDEFINITE | POSSESSIVE_PRONOUNS
_DETERMINERS = frozenset({"the", "this", "that"}) | _PERSON_DETERMINERS
# a determiner and perhaps lower-case modifiers right before a name: "the unidentified U.S. Official"
_DETERMINER_BEFORE = re.compile(r"(?<![\w'’-])(?:the|a|an|one|another)\s+(?:[a-z][a-z-]*\s+){0,3}$", re.IGNORECASE)
_TITLED_WORD = re.compile(r"(?:(?:Mrs|Mr|Ms|Miss|Dr|Sir|Dame|Lady|Lord)\.?\s+)?([A-Z][\w'’-]+)")
_TITLE_BEFORE = re.compile(r"\b(Mrs|Mr|Ms|Miss|Mme|Mlle|Herr|Frau|Sir|Dame|Lady|Lord)\.?\s+$")
# a first speaker joined on by "and": "singer Ann Lee and drummer Ivo Dane said"
_JOINED_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){1,3})\s+and\s+(?:[a-z][\w-]*\s+)?$")
_LISTED_BEFORE = re.compile(r"[A-Z][\w'’.-]+,\s+$")    # a name and a comma: a list goes on
# a speech verb right after a word: "Keating said", "Keating later told"
_CUE_NEXT = re.compile(r"\s+(?:[a-z]+ly\s+)?([a-z]+)\b")      # (the word, then a look-up in CUE_WORDS)
# a campaign after a person's name: "the Trump campaign said", "Ryan's campaign shrugged off ..."
_CAMPAIGN_AFTER = re.compile(r"(?:['’]s)?\s+campaign\b(?:\s+([a-z]+))?")


class Context:
    """What the speaker sieves know of one article: its entity table and salience (built on first
    need), where its quotes are, and who spoke so far."""

    def __init__(self, text: str, paras: list[Span], quote_spans: list[Span], author: Optional[str] = None):
        """Remember the article; nothing is scanned yet."""
        self.text, self.paras, self.quote_spans, self.author = text, paras, quote_spans, author
        self.spoke: list[tuple[int, object]] = []     # (offset, entity or None) of attributed quotes
        self.quoting: tuple = ()                      # the (start, end) pieces of the quote being attributed
        self._entities: Optional[Entities] = None
        self._salience: Optional[Salience] = None
        self._caps: Optional[list[Span]] = None

    @property
    def entities(self) -> Entities:
        """The article's entity table."""
        if self._entities is None:
            self._entities = Entities(self.text, self.paras)
        return self._entities

    @property
    def salience(self) -> Salience:
        """Who the article is about, sentence by sentence."""
        if self._salience is None:
            self._salience = Salience(self.text, self.entities, self.paras, self.quote_spans)
        return self._salience

    @property
    def caps_lines(self) -> list[Span]:
        """The article's all-caps lines (headlines), whose capitals mark no names."""
        if self._caps is None:
            self._caps = caps_lines(self.text)
        return self._caps

    def para_of(self, pos: int) -> int:
        """Index of the paragraph holding pos."""
        return self.salience.para_of(pos)


@dataclass(frozen=True)
class SpeakerSieve:
    """One resolution rule: its name (for the switches) and its resolver."""

    name: str
    resolve: Callable[[Context, Attr], Optional[Resolved]]
    doc: str


def by_name(ctx: Context, attr: Attr) -> Optional[Resolved]:
    """A name mention: the entity that carries it; a lone participle ("Adding, ...") that no
    entity carries is no name."""
    name = attr.name
    lone = _TITLED_WORD.fullmatch(attr.mention.text)
    campaign = _CAMPAIGN_AFTER.match(ctx.text, attr.mention.end)
    if not name and lone and ctx.entities.carries(lone.group(1)):
        name = (lone.group(1),)              # "Bishop said", "Mrs. Bishop said": a title word that is someone's surname
    elif not name and campaign and attr.mention.text.endswith(("'s", "’s")):
        name = split_name(attr.mention.text[:-2], "")[1] or None   # "Ryan's campaign said", "Sen. Ann
                                             # Vole's campaign, for its part, said": the campaign's owner
    if not name or shouted(ctx.text, attr.mention.text, attr.mention.start, attr.rule):
        return None
    start = attr.mention.start
    if attr.mention.text.split()[-1].lower() in SOURCE_NOUNS:
        det = _DETERMINER_BEFORE.search(ctx.text, max(0, start - 40), start)
        if det:                              # "the unidentified U.S. Official": a description in capitals
            return ctx.salience.describe(det.group() + attr.mention.text, start, ctx.spoke)
    title = _TITLE_BEFORE.search(ctx.text, max(0, start - 12), start)
    surface = (title.group(1) + " " if title else "") + attr.mention.text     # "Mrs. Clinton"
    whole = ctx.entities.org_around(name, start, attr.mention.end)
    if whole is not None:                    # "the Department of Harbour and Urban Renewal said"
        return Resolved(whole.name, ORGANIZATION, 0.9, whole)
    r = ctx.entities.resolve(name, start, surface)
    if r.entity is None and ctx.caps_lines and inside(start, ctx.caps_lines):
        return None                          # read off an all-caps headline, never in normal case
    if r.name[:1] in "DRI" and PARTY_TAG.fullmatch(r.name) and ctx.text[max(0, start - 2):start] in (", ", " ("):
        return None                          # "Sen. Ann Vole, R-Ohio, ...": the tag is no one (but "O-Neil" is)
    if " " not in r.name and (r.entity is None and is_participle(r.name)
                              or _common_noun(ctx.text, r.name, start)
                              and (r.entity is None or len(r.entity.words) == 1 and not r.entity.roles)):
        return None
    if attr.rule == "before:recent-subject" and (r.entity is None or len(r.entity.words) == 1 and r.entity.evidence == 0
                                                 and not r.entity.roles and r.kind == PERSON):
        return None                          # with no speech verb, only someone the article clearly names
    if campaign and r.kind == PERSON and r.entity is not None \
            and not (campaign.group(1) and is_person_head(campaign.group(1))):
        return campaign_of(r)                # "the Trump campaign said" (not "a Cruz campaign spokesman")
    if r.kind == PERSON and r.entity is not None and r.entity.places and r.entity.evidence == 0:
        # a place the article names as one ("talks in Vantaa") that says something ("Vantaa said"):
        # the government or body it stands for, an organisation
        return Resolved(r.name, ORGANIZATION, min(r.confidence, 0.6), r.entity)
    return _joined(ctx, attr, r)


def _joined(ctx: Context, attr: Attr, r: Resolved) -> Resolved:
    """Two people named in full and joined by "and" speak together ("singer Ann Lee and drummer Ivo
    Dane said", "said Ann Lee and Ivo Dane", "a study by Ann Lee and Ivo Dane found"): both, joined
    by "and"; else r."""
    start = attr.mention.start
    # (before the cue, or anywhere a full name is found: "said Ann Lee and Ivo Dane", "a study by
    # economists Ann Lee and Ivo Dane found"; not a last resort's, nor a surname's beyond a cue's)
    full = attr.rule.endswith("name-cue") or " " in attr.mention.text.strip()
    m = _JOINED_BEFORE.search(ctx.text, max(0, start - 60), start) \
        if full and not attr.rule.startswith("before:recent") else None
    if m is None or r.kind != PERSON or r.entity is None or len(r.entity.words) < 2 \
            or _LISTED_BEFORE.search(ctx.text, max(0, m.start(1) - 40), m.start(1)):
        return r                             # (not the last two of a list: "Ada Park, Ivo Lund and Nora Vale")
    first = ctx.entities.resolve(tuple(m.group(1).split()), m.start(1), m.group(1))
    if first.kind != PERSON or first.entity is None or first.entity is r.entity or len(first.entity.words) < 2:
        return r
    return Resolved(f"{first.name} and {r.name}", PERSON, min(r.confidence, first.confidence), r.entity)


def shouted(text: str, mention: str, start: int, rule: str) -> bool:
    """A mention in capitals found with no speech verb (as the subject of the sentence a quote
    stands in, or before a colon) that the article never writes in normal case: a headline's
    lead-in ("RIVER WALK—"...""), not a name. One word ("ACME", an acronym as often as not) is a
    headline's only when the article never names it again; a transcript's "JULIA VANCE said:" or
    "JULIA VANCE:" (a first name) is a speaker."""
    words = [w for w in re.findall(r"[\w'’-]+", mention) if any(c.isalpha() for c in w)]
    if not words or not all(w.isupper() and len(w) > 1 for w in words) or not rule.startswith(("subject", "before:colon")):
        return False                         # "JULIA VANCE said:": a transcript's speaker, with a cue
    if rule.startswith("before:colon") and first_name(words[0].title()):
        return False                         # "JULIA VANCE: ..."
    if len(words) > 1:
        normal = re.compile(r"(?<![\w'’-])" + r"\W+".join(re.escape(w) for w in words) + r"(?![\w'’-])", re.IGNORECASE)
        return not any(not m.group().isupper() for m in normal.finditer(text))
    again = re.compile(r"(?<![\w'’-])" + re.escape(words[0]) + r"(?![\w'’-])", re.IGNORECASE)
    return not any(m.start() != start for m in again.finditer(text))


def _common_noun(text: str, word: str, pos: int) -> bool:
    """A capitalised word opening a sentence is a common noun ("Protesters chanted", "Critics
    said"), not a name, when the article also writes it in lower case, or when it is a plural
    that no title, first name or full name makes a name, or when the article never writes it
    with a capital inside a sentence ("Specifically, ...", "Good information ..."): a capital
    that only a sentence's start gives says nothing -- unless a speech verb follows ("Keating
    said") or the lexicon knows the word (a first name, a medium)."""
    low = word.lower()
    head = text[max(0, pos - 4):pos].rstrip(" \"“”'’")
    if word == low or head and head[-1] not in ".!?\n":
        return False
    if next(word_starts(text, low, "_'’-", "_'’-"), -1) >= 0:
        return True
    if low.endswith(("ers", "ors", "ists", "ants", "ents", "ics", "ians", "ives", "als")) and not first_name(word):
        return True
    if first_name(word) or word.isupper() or org_like((word,)) or _cue_next(text, pos + len(word)):
        return False                         # "Politico reported", "Keating said": a name, or a speaker
    return not any(_inside_sentence(text, at) for at in word_starts(text, word, "_'’-", "_-"))


def _cue_next(text: str, at: int) -> bool:
    """Whether a speech verb (perhaps after an adverb) follows offset at."""
    m = _CUE_NEXT.match(text, at)
    return m is not None and m.group(1) in CUE_WORDS


def _inside_sentence(text: str, at: int) -> bool:
    """Whether the word at `at` stands inside a sentence, not at its start (nor a quotation's)."""
    head = text[max(0, at - 12):at].rstrip(" ")
    if head[-1:] in ("”", '"') and head[-2:-1] in (",", "!", "?", "."):
        return True                          # '"... wrong!" Bruckner said': the attribution after a quote
    head = head.rstrip("\"“”'’‘(")
    if not head or head[-1] in "!?:\n":
        return False
    # "J.J. Moran", "Mr. Lee", "U.S. Senator": a full stop that ends an initial or an abbreviation
    return head[-1] != "." or len(head.split()[-1]) <= 4 or head.split()[-1].count(".") > 1


def _byline_name(author: str) -> str:
    """The writer's name in a byline: "By Ann Lee, Kell Times" -> "Ann Lee" (the outlet or the
    post after the first comma, a dash or a bar is not the name)."""
    name = re.split(r"\s*(?:,|\||\s[-–—]\s)\s*", author.strip(), maxsplit=1)[0]
    name = re.sub(r"^[Bb]y\s+", "", name).strip()
    return name or author.strip()


def by_pronoun(ctx: Context, attr: Attr) -> Optional[Resolved]:
    """he/she: the agreeing person the text is about (one the quote itself names weighs half); it:
    the issuer of a document that just spoke, else the organisation named last; they: two people
    named side by side; I: the author of a first-person piece."""
    if attr.pronoun in ("i",) and ctx.author:
        return Resolved(_byline_name(ctx.author), "person", 0.7)
    if attr.pronoun == "they":
        return ctx.salience.pair(attr.mention.start) or _org_spoke_before(ctx, attr.mention.start)
    if attr.pronoun == "it":                 # "it said in a statement": the organisation named last
        doc = _document_before(ctx, attr.mention.start)
        if doc is not None:
            return doc
        went_on = _org_spoke_before(ctx, attr.mention.start)
        if went_on is not None:
            return went_on                   # '"...," the article read. "...," it added.'
        spoke = _body_spoke_last(ctx, attr.mention.start)
        if spoke is not None:
            return spoke                     # "In a statement Acme said ... It said: "...""
        got = ctx.salience.describe("the organization", attr.mention.start, ctx.spoke)
        if got is None or got.kind != "organization" or got.entity is None or got.entity.kind != "organization":
            return None                      # only a name the table knows as an organisation
        return Resolved(got.name, got.kind, min(got.confidence, 0.5), got.entity)
    if attr.pronoun not in ("he", "she"):
        return None
    quoted = ctx.entities.people_named_in(ctx.quoting) if ctx.quoting else frozenset()
    return ctx.salience.resolve(attr.pronoun, attr.mention.start, ctx.spoke, quoted=quoted)


def _document_before(ctx: Context, pos: int) -> Optional[Resolved]:
    """The issuer of a document that spoke in the sentence before pos or the one before that, with
    no one speaking since: "The statement said ministers were upset. "...," it said" goes on with
    the statement (and so with whoever issued it), not with a body the statement talks about."""
    sal = ctx.salience
    lo = ctx.paras[max(0, ctx.para_of(pos) - 1)][0]
    doc = last_document_speaking(ctx.text, lo, pos, ctx.quote_spans)
    if doc is None or sal.distance(pos, doc[0]) > 2:
        return None
    if _spoke_since(ctx, doc[0], pos) or ctx.spoke and ctx.spoke[-1][0] > doc[0]:
        return None                          # someone spoke since: "it" may go on with them
    got = sal.describe("the " + doc[1], doc[0], ctx.spoke)
    if got is None or got.kind not in (ORGANIZATION, PERSON):
        return None
    return Resolved(got.name, got.kind, min(got.confidence, 0.55), got.entity)


def _body_spoke_last(ctx: Context, pos: int) -> Optional[Resolved]:
    """The one who last said something in pos's paragraph, when it is an organisation or a lone
    name with no sign of a person ("Google said"): what an "it said" there goes on with."""
    here = ctx.para_of(pos)
    for start, e, w in reversed(ctx.salience.mentions_before(pos)):
        if ctx.para_of(start) != here:
            return None
        if w != AGENT:
            continue
        if e.kind == ORGANIZATION and not e.is_place or \
                e.kind == PERSON and len(e.words) == 1 and e.evidence == 0 and e.gender is None and not e.roles \
                and not _common_noun(ctx.text, e.name, start):
            return Resolved(e.name, ORGANIZATION, 0.55, e)   # (its speaking is no sign of a person here)
        return None
    return None


def _org_spoke_before(ctx: Context, pos: int) -> Optional[Resolved]:
    """The organisation that spoke the quote before pos, when it is in the same paragraph or the
    one before: an "it added" / "they said" goes on with that speaker."""
    if not ctx.spoke:
        return None
    at, e = ctx.spoke[-1]
    if e is None or e.kind != ORGANIZATION or e.is_place or ctx.para_of(pos) - ctx.para_of(at) > 1:
        return None
    if _spoke_since(ctx, at, pos, e):
        return None                          # "The Post reported that ... It added": a speaker since
    return Resolved(e.name, ORGANIZATION, 0.6, e)


def _spoke_since(ctx: Context, at: int, pos: int, but: object = None) -> bool:
    """Whether someone other than `but` is named saying something between offsets at and pos."""
    return any(at < start and w == AGENT and e is not but for start, e, w in ctx.salience.mentions_before(pos))


def by_description(ctx: Context, attr: Attr) -> Optional[Resolved]:
    """"the senator", "the 23-year-old", "the company": the entity with that role or kind; "a
    senior official", "his spokesman": an unnamed person (no speaker)."""
    words = attr.mention.text.split()
    if attr.name or attr.pronoun or not 2 <= len(words) <= (8 if "and" in words else 6):
        return None                           # (two roles joined: "the Ohio senator and party leader")
    first = words[0].lower()
    if words[-1].lower() == "campaign":
        return _campaign(ctx, words, attr.mention.start)    # ("Ann Vole's campaign": a name first)
    if first not in _DETERMINERS and not first.endswith(("'s", "’s")):
        return None                           # "the senator", "Obama's former campaign strategist"
    named_document = words[-1].lower() in DOCUMENT_NOUNS and any(w[:1].isupper() for w in words[1:-1])
    if first in _PERSON_DETERMINERS and not is_person_head(words[-1].lower()) and not named_document:
        return None                           # "a rally", "her campaign": no one the article names
                                              # (but "an Acme statement" is Acme's)
    # a noun only its form makes a person's ("the athlete") counts only as the subject of a speech verb
    return ctx.salience.describe(attr.mention.text, attr.mention.start, ctx.spoke, spoken=attr.cue is not None)


def _campaign(ctx: Context, words: list[str], start: int) -> Optional[Resolved]:
    """"his campaign", "the Vole campaign", "Vole's campaign": the campaign of the person the owner
    resolves to; None for anyone else's ("a campaign")."""
    if words[0].lower() in ("his", "her") and len(words) == 2:
        return ctx.salience.campaign(words[0], start, ctx.spoke)
    named = words[1:-1] if words[0].lower() == "the" else words[:-1]   # ("Vole's": the look-up drops the 's)
    if not named or not all(w[:1].isupper() for w in named):
        return None
    return ctx.salience.campaign(" ".join(named), start)


SPEAKER_SIEVES = (
    SpeakerSieve("name", by_name, "a name -> the entity that carries it"),
    SpeakerSieve("pronoun", by_pronoun, "he/she -> the agreeing person the text is about"),
    SpeakerSieve("description", by_description, '"the senator", "the company" -> that role or kind'),
)
