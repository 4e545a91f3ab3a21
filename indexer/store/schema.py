"""The Whoosh schema of the index and the analyzers its text fields use.

Text fields are stemmed (so "penalties" finds "penalty") but keep stop words (phrases of quotes
are made of them: "didn't call me"), and fold accents so "Sanchez" finds "Sánchez". Quote text
also indexes its pairs of consecutive words, so that a quote phrase is a term look-up.
docs/SPEED.md lists what each field indexes, stores and keeps as a column, and the queries
that use it.
"""
from __future__ import annotations

import functools
import re

from whoosh.analysis import CharsetFilter, IDTokenizer, LowercaseFilter, RegexTokenizer, Token, Tokenizer
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.lang.porter import stem as _stem
from whoosh.support.charset import accent_map

from ..text import fold


class FoldStemTokenizer(Tokenizer):
    """Words -> lower-cased, accent-folded, Porter-stemmed terms, in one pass.

    Equivalent to RegexTokenizer | LowercaseFilter | CharsetFilter(accent_map) | StemFilter, but
    a single generator with a memo of word -> term: Whoosh's filter chain costs a generator step
    per token per filter, and analysis was a third of the build time on the 22,000 articles.
    """

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        """Yield one reused Token per word, as Whoosh tokenizers do."""
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            # Whole-value terms (wildcards, ranges): only case and accents are folded.
            t.original = t.text = fold(value)
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(value)
            yield t
            return
        term = _term
        pos = start_pos
        for m in _TOKEN.finditer(value):
            word = m.group()
            t.text = term(word)
            if keeporiginal:
                t.original = word
            t.stopped = False
            t.boost = 1.0
            if positions:
                t.pos = pos
                pos += 1
            if chars:
                t.startchar = start_char + m.start()
                t.endchar = start_char + m.end()
            yield t


class BigramTokenizer(Tokenizer):
    """Pairs of consecutive terms ("of the"), so that a quote phrase is a term look-up.

    Whoosh checks a phrase by decoding word positions in every document holding all its words;
    for "of the" that is most quotes. With the pairs indexed, a two-word phrase is one posting
    list and a longer one is checked only on the quotes holding all its pairs (see search.py).
    """

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        """Yield one reused Token per pair of consecutive terms."""
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        prev = None
        for pos, m in enumerate(_TOKEN.finditer(value)):
            term = _term(m.group())
            if prev is not None:
                t.text = f"{prev} {term}"
                t.boost = 1.0
                t.stopped = False
                if positions:
                    t.pos = start_pos + pos - 1
                yield t
            prev = term


def bigrams(terms: list[str]) -> list[str]:
    """The pair terms BigramTokenizer indexes for a list of (analysed) terms."""
    return [f"{a} {b}" for a, b in zip(terms, terms[1:])]


def pair_phrases(query):
    """Quote phrases as look-ups of indexed word pairs: "of the" is one term; a longer phrase is
    checked (positions) only on the quotes that hold all of its pairs. Every backend runs quote
    phrases this way, so they match, score and highlight alike."""
    from whoosh import query as Q

    def rewrite(node):
        """Replace one Phrase node on the quote field."""
        if isinstance(node, Q.Phrase) and node.fieldname == "quote" and node.slop == 1 and len(node.words) > 1:
            pairs = [Q.Term("quote_pairs", p, boost=node.boost) for p in bigrams(node.words)]
            return pairs[0] if len(node.words) == 2 else Q.And(pairs + [node])
        return node
    return query.accept(rewrite)


_TOKEN = re.compile(r"\w+(?:\.?\w+)*")       # RegexTokenizer's default pattern


@functools.lru_cache(maxsize=300_000)
def _term(word: str) -> str:
    """The indexed form of one word (memoised: news vocabulary is small next to its token count)."""
    return _stem(fold(word))


@functools.lru_cache(maxsize=300_000)
def _term_bytes(word: str) -> bytes:
    """The indexed form of one word as the bytes Whoosh stores (memoised like _term)."""
    return _term(word).encode("utf-8")


def analysed_bytes(text: str) -> list[bytes]:
    """The terms FoldStemTokenizer indexes for a text, in order, as bytes (the writer's fast path)."""
    return list(map(_term_bytes, _TOKEN.findall(text)))


# Text fields: stemmed (so "penalties" finds "penalty") but stop words kept (phrases of quotes
# are made of them: "didn't call me"), accents folded so "Sanchez" finds "Sánchez". The
# highlighter re-analyses the stored original text, so the original words are what is marked.
TEXT_ANALYZER = FoldStemTokenizer()
NAME_ANALYZER = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
KEY_ANALYZER = IDTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def make_schema() -> Schema:
    """The fields articles and quotes are indexed under (shared names, `kind` tells them apart)."""
    return Schema(
        kind=ID(stored=True),
        id=ID(stored=True, unique=True),
        file=ID(stored=True),                       # source file key, to drop a file's documents
        article=ID(stored=True),
        # Quote text and article body are separate fields so that a phrase query on quotes
        # reads only quote postings, never the (much longer) position lists of article bodies.
        quote=TEXT(analyzer=TEXT_ANALYZER, stored=True, phrase=True),
        quote_pairs=TEXT(analyzer=BigramTokenizer(), phrase=False),     # for fast quote phrases
        text=TEXT(analyzer=TEXT_ANALYZER, stored=True, phrase=True),    # article body
        title=TEXT(analyzer=TEXT_ANALYZER, stored=True, phrase=True),
        speaker=TEXT(analyzer=NAME_ANALYZER, phrase=True),   # display name and every alias
        speaker_id=ID(stored=True, sortable=True),
        speaker_name=STORED(),                      # the name as the article gives it
        speaker_kind=ID(stored=True),               # "person" or "organization"
        # How sure the attribution is (0-1): a filter hides the unsure ones.
        confidence=NUMERIC(numtype=float, stored=True),
        role=TEXT(analyzer=NAME_ANALYZER, stored=True),
        cue=ID(analyzer=KEY_ANALYZER, stored=True),
        outlet=ID(analyzer=KEY_ANALYZER, stored=True, sortable=True),
        medium=ID(analyzer=KEY_ANALYZER, stored=True, sortable=True),
        date=ID(stored=True, sortable=True),        # YYYY-MM-DD: sorts and ranges as text
        year=ID(sortable=True),
        cluster=ID(stored=True, sortable=True),     # a column: results grouped by cluster
        cluster_size=NUMERIC(stored=True, sortable=True),   # articles carrying it: "most carried"
        start=NUMERIC(stored=True, sortable=True),  # quote offset, to list an article's quotes in order
        quote_count=STORED(),
        spans=STORED(), mention=STORED(), nested=STORED(), rule=STORED(),
        before=STORED(), after=STORED(),
        path=STORED(), author=STORED(), url=STORED(), dateline=STORED(), wire=STORED(),
        hash=STORED(),
        derived=STORED(),                           # hash of the corpus-level facts in this doc
    )


# Whoosh pickles the schema, analyzers included, into each index's TOC file by module path, and
# every index since format 3 names these two classes `indexer.index.<class>`. That path stays
# their pickled name (indexer/index.py hands them on).
FoldStemTokenizer.__module__ = BigramTokenizer.__module__ = "indexer.index"
