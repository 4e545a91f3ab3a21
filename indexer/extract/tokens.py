"""Tokens of an attribution window, with offsets, and the small tests the rules make on them.

The rules read a window of at most a few hundred characters around a quote, never the whole
article: `tokens` cuts it into words and punctuation (a regex, so possessives and initials stay
whole: "Trump's", "E."), each a `Tok` with its offsets in the article text.
"""
from __future__ import annotations

import functools
import itertools
import re
from typing import Optional

from ..lexicon import (ADVERBS, CLAUSE_WORDS, COMPOUND_HEADS, CUE_WORDS, DAYS, DETERMINERS, DOCUMENT_NOUNS,
                       ING_NOUNS, PARTICLES, PREPOSITIONS, PUBLICATION_NOUNS, QUANTIFIERS, TIME_WORDS,
                       TITLE_ABBREVIATIONS)
from ..text import COMBINING, MOJIBAKE_TAILS


# a subject pronoun's clitic is a token of its own, as in NLTK's Treebank words: "He’s" -> "He", "’s"
# (a letter may carry combining marks, and one read wrongly from UTF-8, "Ã§", is a letter: "FranÃ§ois")
_W = rf"\w+(?:(?:[{COMBINING}]|(?<=[ÃÂ\u0302\u0303])[" + "".join(map(chr, MOJIBAKE_TAILS)) + r"])+\w*)*"
# (each clitic branch opens with a one-character look-ahead: at most places it fails at once,
# before the look-behinds are tried -- the same tokens, a third less time)
TOKEN = re.compile(r"(?=[HhSsTt])(?<![\w'’])(?:[Hh]e|[Ss]he|[Tt]hey)(?=['’](?:s|d|ll|re)\b)"
                   r"|(?=['’])(?:(?<=[Hh]e)|(?<=[Tt]hey))['’](?:s|d|ll|re)\b"
                   rf"|{_W}(?:[-'’.]{_W})*(?:['’]s?)?|&(?:lt|gt|amp);|[^\w\s]")
# ("&lt;" is one mark, as "<" would be: wire copy keeps HTML's escapes, "of &lt;Acme Corp> in Leeds")
# a US party and state after a name, "(R-Ga.)", "D-Kan.": no name, no part of one (use fullmatch)
PARTY_TAG = re.compile(r"[A-Z]-[A-Z][\w.]*")
# a transcript label opening a quoted line: "RAMOS: Secretary Clinton, ..." (the speaker's name)
TRANSCRIPT_LABEL = re.compile(r"\s*([A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){0,2}):\s")


class Tok:
    """One token of an attribution window, with its offsets in the article text."""

    __slots__ = ("s", "a", "b", "low", "cap")

    def __init__(self, s: str, a: int, b: int):
        """Keep the token and precompute its lower-case form and capitalisation."""
        self.s, self.a, self.b = s, a, b
        self.low = s.lower()
        # "Australian-born" is capitalised but describes someone, as "former" would: no name;
        # "al-Fassi" is a name word with its particle joined on
        if "-" not in s:
            self.cap = s[:1].isupper()           # (most tokens: no compound to look into)
            return
        head, dash, tail = s.partition("-")
        if s[:1].isupper():
            self.cap = not (dash and s.rsplit("-", 1)[1] in COMPOUND_HEADS)
        else:
            self.cap = bool(dash) and tail[:1].isupper() and head in PARTICLES

    def __repr__(self) -> str:
        """For debugging."""
        return f"Tok({self.s!r}, {self.a}, {self.b})"


def tokens(text: str, a: int, b: int) -> list[Tok]:
    """Tokens of text[a:b] with absolute offsets (a new list: callers may cut it up)."""
    return list(_window(text, a, b))


# The sieves ask for the same window more than once per quote (a quarter of all tokens were
# made twice); a Tok is never changed, so the recent windows are kept, bounded.
@functools.lru_cache(maxsize=64)
def _window(text: str, a: int, b: int) -> tuple[Tok, ...]:
    """Tokens of text[a:b], made once for recent windows."""
    toks, at = [], a
    for space, s in _SPACED_TOKEN.findall(text, a, b):   # (offsets summed up: no match objects)
        at += len(space)
        toks.append(Tok(s, at, at + len(s)))
        at += len(s)
    return tuple(toks)


# TOKEN after the white space before it: TOKEN matches at every character but white space, so
# finditer's tokens are these, each with the space it skipped, back to back from the window's start
_SPACED_TOKEN = re.compile(rf"(\s*)({TOKEN.pattern})")


def clause_tokens(text: str, a: int, b: int) -> list[Tok]:
    """`tokens(text, a, b)` up to the token after the first clause end (`end_index`) past the
    leading marks ",—–-―:" -- all that `sieves.after` reads of its window (under half of it)."""
    return list(_clause(text, a, b))


@functools.lru_cache(maxsize=64)
def _clause(text: str, a: int, b: int) -> tuple[Tok, ...]:
    """clause_tokens, made once for recent windows (group and the after sieve read the same one)."""
    toks: list[Tok] = []
    i = k = -1                                   # the first token past the marks; the next one to test
    for m in TOKEN.finditer(text, a, b):
        toks.append(Tok(m.group(), m.start(), m.end()))
        if i < 0:
            if toks[-1].s in ",—–-―:":
                continue
            i = k = len(toks) - 1
            if toks[i].s in ".!?":
                break                            # `after` gives up here
        while k + 1 < len(toks):                 # toks[k] can be tested once the token after it is known
            if toks[k].s in "“\"" or toks[k].s in ENDS and sentence_end(toks, k):
                return tuple(toks)
            k += 1
    return tuple(toks)


# participles of a passive report ("was quoted as saying", "is cited as saying") and the words
# that may stand between them and their subject
PASSIVE_REPORTS = frozenset({"quoted", "cited", "reported", "heard", "recorded", "paraphrased"})
# the forms of "be" (and "get") before a passive participle: "voters were told", "Acme was sued"
BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being", "get", "got"})
PASSIVE_AUX = frozenset({"was", "were", "is", "are", "be", "been", "being", "has", "have", "had", "will",
                         "would", "widely", "also", "later", "once", "then"})


# the participle of a report that names the one quoted: "quoted Ann Lee as saying"
REPORT_PARTICIPLES = frozenset({"saying", "telling", "stating", "writing"})


def passive_start(toks: list[Tok], k: int) -> int:
    """Where the auxiliaries of a passive report participle toks[k] begin ("Lee [was] quoted"):
    the index of the first of them, or k when there are none."""
    i = k
    while i > 0 and toks[i - 1].low in PASSIVE_AUX:
        i -= 1
    return i


# every word a cue of `is_cue` starts with
_CUE_STARTS = CUE_WORDS | {"put", "puts", "according", "states", "reads", "went", "goes", "pointed", "points"}


def is_cue(toks: list[Tok], i: int, initial: bool = False) -> int:
    """Length in tokens of the cue starting at toks[i] (0 if none): said, told, according to.

    A capitalised word is a name ("Read said"), not a cue, unless it opens the sentence
    (`initial`: "Said Comey, ...").
    """
    t = toks[i]
    if t.cap and not initial or t.low not in _CUE_STARTS:
        return 0                                   # (most tokens: no word a cue starts with)
    low = t.low
    if low in CUE_WORDS:
        if low[-1] == "s" and i and (toks[i - 1].low in DETERMINERS or toks[i - 1].low in QUANTIFIERS):
            return 0                               # "in some reports", "his notes": a noun
        return 1
    if low in ("put", "puts") and i + 1 < len(toks) and toks[i + 1].low == "it":
        return 2                                   # "as Cornyn put it: ..."
    if low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to":
        return 2
    if low in ("states", "reads") and _document_before(toks, i):
        return 1                                   # "the circular to banks states": a text's voice
    if low in ("went", "goes") and i + 2 < len(toks) and toks[i + 1].low == "on":
        return 2
    if low in ("pointed", "points") and i + 1 < len(toks) and toks[i + 1].low == "out":
        return 2
    return 0


def _document_before(toks: list[Tok], i: int) -> bool:
    """Whether a document noun heads the few words before toks[i] ("the circular to banks states",
    "the letter reads"), with no mark between: "states" is then a verb, not "the northern states"."""
    if i == 0 or toks[i - 1].cap or toks[i - 1].low in ("the", "a", "an", "these", "those", "many"):
        return False
    for j in range(i - 1, max(-1, i - 5), -1):
        t = toks[j]
        if not t.s[:1].isalnum():
            return False
        if t.low in DOCUMENT_NOUNS or t.low in PUBLICATION_NOUNS:
            return True
    return False


def cue_like(t: Tok) -> bool:
    """A cue verb or a negated auxiliary ("didn't") inside what should be a noun phrase; a
    capitalised word is a name ("Ian Read")."""
    return not t.cap and (t.low in CUE_WORDS or t.low.endswith(("n't", "n’t")))


def participle(t: Tok) -> bool:
    """A lower-case -ing word that opens a participle phrase ("speaking to"), not "morning"."""
    return not t.cap and t.low.endswith("ing") and len(t.low) > 4 and t.low not in ING_NOUNS


def comma_parts(toks: list[Tok]) -> list[list[Tok]]:
    """The runs of tokens between commas (empty runs kept, so callers see where commas were)."""
    parts: list[list[Tok]] = [[]]
    for t in toks:
        if t.s == ",":
            parts.append([])
        else:
            parts[-1].append(t)
    return parts


def strip_parens(toks: list[Tok]) -> list[Tok]:
    """Tokens without parenthesised asides: "Rep. Elijah Cummings (D-Md.)" -> the name."""
    out, depth = [], 0
    for t in toks:
        if t.s == "(":
            depth += 1
        elif t.s == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(t)
    return out


INITIALS = re.compile(r"[A-Z](?:\.[A-Z])*$")
# every token `sentence_end` can say ends a sentence is one of these: a test of it first spares the
# call for the other tokens, most of them, where callers read every token of a window
ENDS = "!?;."


def sentence_end(toks: list[Tok], i: int, text: str = "") -> bool:
    """Whether toks[i] ends a sentence: a full stop not after an abbreviation or an initial, and
    not followed by a comma, a bracket or a lower-case word ("Wash., recently", "(D-Md.)")."""
    t = toks[i]
    if t.s in "!?;":
        return True
    if t.s != ".":
        return False
    if i > 0:
        p = toks[i - 1].s
        if p in TITLE_ABBREVIATIONS or INITIALS.match(p) or "." in p:
            return False
    if i + 1 < len(toks):
        n = toks[i + 1].s
        if n in ",)]" or n[:1].islower():
            return False
    return True


def last_sentence(text: str, a: int, b: int) -> Optional[list[Tok]]:
    """The tokens of text[a:b] after its last sentence end (`sentence_end`; its last token aside),
    None when its last token ends a sentence -- as cut from `tokens(text, a, b)`, which is what
    `sieves.before` did, but reading back only as far as it must (`read_back`)."""
    got = read_back(text, a, b)
    return None if got is None else got[0][got[1]:]


def read_back(text: str, a: int, b: int, said: bool = False) -> Optional[tuple[list[Tok], int]]:
    """(tokens, s): the tokens of text[a:b] and the index of the first after its last sentence end,
    read back from b a piece at a time and only as far as that end. None when text[a:b] ends a
    sentence -- or, `said` (a said-sentence: "Lee said in a statement."), when it does not end
    with a full stop that ends one; then a quote mark not after a word ends a clause too, and the
    full stop and the token before it are not read as ends."""
    stops, last = (".!?;\"“”", 3) if said else (".!?;", 2)   # (last: the tokens at the end not tested)
    p, toks, top = b, [], -1                     # (top: the last token yet to test, once it is known)
    while True:
        q = _cut_back(text, a, p, stops)
        more = tokens(text, q, p)                # the window's own tokens from q on
        toks, p = more + toks, q
        if p > a and len(toks) < last:
            continue
        if top < 0 and (not (len(toks) >= 3 and toks[-1].s == "." and sentence_end(toks, len(toks) - 1)) if said
                        else toks and toks[-1].s in ".!?" and sentence_end(toks, len(toks) - 1)):
            return None
        top = len(toks) - last if top < 0 else len(more)   # (the tokens after these were read before)
        for k in range(top, -1 if p == a else 0, -1):      # the last end, read back (the token
            t = toks[k].s                                   # before toks[0] is not read)
            # (a said-sentence: a mark after a word opens or closes a phrase quoted inside it,
            # "Lee said fans were "hungry" for more.", which goes on; other marks start a clause)
            if t in ENDS and sentence_end(toks, k) \
                    or said and t in "\"“”" and not (k and toks[k - 1].s[-1:].isalnum()):
                return toks, k + 1
        if p == a:
            return toks, 0


def ends_back(text: str, a: int, b: int, count: int) -> tuple[list[Tok], list[int]]:
    """The tokens of text[a:b] and the indexes of its last `count` sentence ends (`sentence_end`),
    last first -- fewer when it has fewer --, read back from b a piece at a time and only as far
    as those ends: the tokens are those of `tokens(text, a, b)` from some start on, all of them
    when fewer ends were found."""
    p, toks, ends, top = b, [], [], -1
    while p > a and len(ends) < count:
        q = _cut_back(text, a, p, ENDS)
        more = tokens(text, q, p)
        toks, p, n = more + toks, q, len(more)
        ends = [k + n for k in ends]
        top = len(toks) - 1 if top < 0 else n          # (the token before toks[0] is not read yet)
        for k in range(top, -1 if p == a else 0, -1):
            if toks[k].s in ENDS and sentence_end(toks, k):
                ends.append(k)
                if len(ends) == count:
                    break
    return toks, ends


def _cut_back(text: str, a: int, p: int, stops: str) -> int:
    """Where to cut text[a:p] so that its last piece holds the word before the last of these marks
    (no token after that mark can end a sentence): just after a white space, which no token
    crosses, so the piece's tokens are the window's own; a when there is no such mark."""
    q = max(a, max(text.rfind(c, a, p) for c in stops) - 1)
    while q > a and not text[q - 1].isspace():
        q -= 1
    return q


def end_index(toks: list[Tok], j: int) -> int:
    """Index of the first sentence end or quote mark at or after j (len(toks) if none)."""
    for k in range(j, len(toks)):
        if toks[k].s in "“\"" or toks[k].s in ENDS and sentence_end(toks, k):
            return k
    return len(toks)


def is_tight(toks: list[Tok], j: int, e: int, told: bool = False) -> bool:
    """Whether toks[j:e] is a short adverbial only ("on Tuesday", "in a statement", "to DAZN"),
    or after "told" its object ("told CNN"), rather than a clause of reported speech."""
    rest = toks[j:e]
    if len(rest) > 8 or any(t.low in CUE_WORDS or t.low in ("that", "and", "but") or t.low in CLAUSE_WORDS
                            or (t.low.endswith("ing") and t.low not in ("during", "morning", "evening"))
                            for t in rest):
        return False
    if not rest or told:
        return True
    first = rest[0]
    return (first.s in ",.;!?" or first.low in PREPOSITIONS or first.low in ADVERBS or first.low in TIME_WORDS
            or first.s in DAYS or first.low in ("to", "via", "for", "of", "told", "later"))


def end_offset(toks: list[Tok], e: int) -> int:
    """Text offset where a clause ending at token index e ends."""
    if e < len(toks):
        return toks[e].b if toks[e].s not in "“\"" else toks[e].a
    return toks[-1].b if toks else 0


def cue_text(toks: list[Tok], i: int, n: int) -> str:
    """The cue as written, lower-cased: "said", "according to"."""
    return " ".join(t.low for t in toks[i:i + n])


def char_after(text: str, pos: int) -> str:
    """The first non-space character at or after pos; "" if none."""
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    return text[pos] if pos < n else ""


def char_before(text: str, pos: int, lo: int, skip_marks: bool = False) -> str:
    """The last non-space character before pos (not looking before lo); "" if none. With
    `skip_marks`, closing quote marks are passed over too (`... "Meet the Press." "Next` -> ".")."""
    i = pos - 1
    if skip_marks:
        lo = max(lo, pos - 12)                    # a few marks at most: runs of marks stay linear
    while i >= lo and (text[i].isspace() or skip_marks and text[i] in "\"”’'"):
        i -= 1
    return text[i] if i >= lo else ""


def last_stop(text: str, pos: int, lo: int) -> int:
    """Offset just after the last non-space character before pos (not looking before lo)."""
    i = pos
    while i > lo and text[i - 1].isspace():
        i -= 1
    return i


_WORD_CHAR = re.compile(r"\w")
_WORD_RUN = re.compile(r"\w+")


def only_punct(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] holds nothing but white space and punctuation."""
    return a <= b and not _WORD_CHAR.search(text, a, b)


def count_words(s: str, most: Optional[int] = None) -> int:
    """Number of words in s; with `most`, counted up to that many only (the rest is not read)."""
    if most is None:
        return len(_WORD_RUN.findall(s))
    return sum(1 for _ in itertools.islice(_WORD_RUN.finditer(s), most))
