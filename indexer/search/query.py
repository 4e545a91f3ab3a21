"""The user's query, parsed once into a tree the backends run: safe by default, with a message
whenever it was read otherwise than typed.

Words, "phrases", AND/OR/NOT and field:value work; anything that does not parse (an unbalanced
quote mark, a lone operator, a bare or short wildcard, an unknown field, a range) is searched as
plain words with a message saying why. `raw` passes Whoosh syntax through (ranges included);
every query, raw or not, is then bounded by the backend (expansion and time). The tree is made of
`whoosh.query` nodes whose words are analysed the way the index analyses them (folded, stemmed:
`indexer.store.schema`), so every backend sees the same terms.
"""
from __future__ import annotations

import re
from typing import Optional

from whoosh import query as Q
from whoosh.qparser import MultifieldParser, QueryParser

from ..settings import DEFAULTS
from ..store.schema import make_schema

MAX_QUERY_LENGTH = DEFAULTS.max_query_length     # longer queries are cut with a message
MIN_WILDCARD_PREFIX = DEFAULTS.min_wildcard_prefix   # shorter prefixes expand to too many terms
MAX_WILDCARDS = DEFAULTS.max_wildcards                 # words with a wildcard in one query
# Fields a query may name (field:value); anything else is searched as plain words.
QUERY_FIELDS = ("quote", "text", "title", "speaker", "role", "cue", "outlet", "medium", "date", "year",
                "article", "cluster", "id")
FIELD_ALIASES = {"body": "text", "who": "speaker", "source": "outlet"}
# In the quotes scope "text:" means the quote's text (field `quote`); in articles, the body.
SCOPE_ALIASES = {"quotes": {"text": "quote"}, "articles": {}}
# The fields and analyzers of the index: what a typed word becomes as a term.
SCHEMA = make_schema()
# Ranges are raw syntax only (date filters are `since` and `until`).
RANGES = (Q.TermRange, Q.NumericRange)
RANGE_REFUSED = ("a range (field:[a TO b]) is raw query syntax: add _raw=1 on the web or --raw "
                 "in the CLI; filter dates with since and until")


def _parser(scope: str):
    """A parser over the default fields of a scope (quote text; article title and body)."""
    if scope == "articles":
        return MultifieldParser(["title", "text"], SCHEMA, fieldboosts={"title": 2.0})
    return QueryParser("quote", SCHEMA)


_FIELD_REF = re.compile(r"(?<![\w\"])([A-Za-z_]+):(?=\S)")
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


def _problem(q: str) -> Optional[str]:
    """Why q cannot be parsed as query syntax, or None when it can."""
    if q.count('"') % 2:
        return "unbalanced quote mark"
    depth = 0
    for c in re.sub(r'"[^"]*"', "", q):
        depth += (c == "(") - (c == ")")
        if depth < 0:
            break
    if depth:
        return "unbalanced parenthesis"
    outside = re.sub(r'"[^"]*"', " x ", q).replace("(", " ").replace(")", " ")
    tokens = outside.split()
    ops = [t in OPERATORS for t in tokens]
    if ops and (ops[0] and tokens[0] != "NOT" or ops[-1] or any(a and b and t != "NOT"
                                                                 for a, b, t in zip(ops, ops[1:], tokens[1:]))):
        return "an operator without a word on each side"
    if tokens and all(ops):
        return "an operator without a word on each side"
    for t in tokens:
        word = t.split(":", 1)[-1]
        if word and not re.sub(r"[*?]", "", word):
            return "a bare wildcard"
        if word[:1] in "*?" and word:
            return "a word that starts with a wildcard"
        # A short prefix expands to thousands of terms: "co* OR pr* OR st*" took 10 s over the
        # 22,000 articles (docs/RELIABILITY.md). Three letters and two such words keep it cheap.
        wild = re.search(r"[*?]", word)
        if wild and wild.start() < MIN_WILDCARD_PREFIX:
            return f"a wildcard needs at least {MIN_WILDCARD_PREFIX} letters before it"
    if sum(bool(re.search(r"[*?]", t.split(":", 1)[-1])) for t in tokens) > MAX_WILDCARDS:
        return f"more than {MAX_WILDCARDS} words with a wildcard"
    for m in _FIELD_REF.finditer(q):
        f = m.group(1).lower()
        if f not in QUERY_FIELDS and f not in FIELD_ALIASES:
            return f"unknown field {m.group(1)!r} (known: {', '.join(QUERY_FIELDS)})"
    return None


def plain_words(q: str) -> str:
    """q reduced to its words (operators and syntax dropped), for the plain-words fallback."""
    words = [w for w in re.findall(r"\w+", q) if w not in OPERATORS]
    return " ".join(words)


def _normalize_query(q: str, scope: str) -> str:
    """Curly quotes to straight, field aliases to field names, case of field names."""
    q = q.replace("“", '"').replace("”", '"').replace("„", '"')
    aliases = {**FIELD_ALIASES, **SCOPE_ALIASES[scope]}

    def field(m: re.Match) -> str:
        """One field name, lower-cased and de-aliased."""
        name = m.group(1).lower()
        return aliases.get(name, name) + ":"
    return _FIELD_REF.sub(field, q)


def parse(q: str, scope: str, raw: bool = False) -> tuple[Optional[Q.Query], list[str]]:
    """The query tree for q (None = everything) and messages about how it was read."""
    messages: list[str] = []
    q = q or ""
    if len(q) > MAX_QUERY_LENGTH:
        q = q[:MAX_QUERY_LENGTH]
        messages.append(f"Your query was longer than {MAX_QUERY_LENGTH} characters and was cut.")
    if not q.strip():
        return None, messages
    parser = _parser(scope)
    if raw:
        try:
            return parser.parse(q), messages
        except Exception as e:   # noqa: BLE001 - whoosh raises many types on odd syntax
            messages.append(f"Your query could not be parsed ({type(e).__name__}); searched as plain words.")
            q = plain_words(q)
            return (parser.parse(q) if q else None), messages
    q = _normalize_query(q, scope)
    why = _problem(q)
    if why is None:
        try:
            parsed = parser.parse(q)
            if any(isinstance(leaf, RANGES) for leaf in parsed.leaves()):
                # A range expands to every word between its ends (text:[a TO z]: the whole
                # lexicon): raw syntax, like the rest of Whoosh's, and bounded there too.
                why = RANGE_REFUSED
            elif not isinstance(parsed, type(Q.NullQuery)):     # NullQuery: nothing searchable was left
                return parsed, messages
        except Exception:   # noqa: BLE001
            why = "syntax error"
    messages.append(f"Your query could not be parsed ({why}); searched as plain words.")
    words = plain_words(q)
    return (parser.parse(words) if words else None), messages


def parse_plain(q: str, scope: str) -> Optional[Q.Query]:
    """q searched as plain words (None when it has none): the fallback when a query cannot run."""
    words = plain_words(q or "")
    return _parser(scope).parse(words) if words else None


def quote_words(text: str) -> list[str]:
    """The words of a text as the index keeps quote words (folded, stemmed), in order."""
    return list(SCHEMA["quote"].process_text(text, mode="index"))


def rewrite_terms(query: Optional[Q.Query], field: str, change) -> Optional[Q.Query]:
    """The query with each word of `field` replaced by change(word) (kept when that is None)."""
    if query is None:
        return None

    def fix(node):
        """One node, a term of the field rewritten."""
        if isinstance(node, Q.Term) and node.fieldname == field and isinstance(node.text, str):
            new = change(node.text)
            if new and new != node.text:
                return Q.Term(field, new, boost=node.boost)
        return node
    return query.accept(fix)
