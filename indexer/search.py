"""The query API over the index: parse safely, filter, facet, highlight, page.

The CLI and the web app call these functions and nothing else to read the index.

CONTRACT (fixed so that the CLI, the web app and the index can be written at the same time;
the implementation below replaces each NotImplementedError):

All functions take an open `Index` (see `open_index`) and return plain JSON-serialisable dicts /
lists, never Whoosh objects. Text that comes from articles is returned raw (never HTML);
highlighting is returned as `segments`: a list of `[text, is_match]` pairs whose texts, joined,
give the whole field, so each surface escapes it its own way (Jinja autoescape, ANSI bold).

Quote hit (`scope="quotes"`):
    {"kind": "quote", "id": quote id "<article id>@<start>", "cluster": cluster id,
     "text": str, "segments": [[str, bool], ...], "speaker": display name or None,
     "speaker_id": slug or None, "role", "cue", "medium", "outlet", "date": "YYYY-MM-DD" or None,
     "article": article id, "title": article title, "before": text just before (<= ~200 chars),
     "after": text just after, "nested": bool, "cluster_size": articles carrying this quote,
     "score": float}
Article hit (`scope="articles"`):
    {"kind": "article", "id": article id, "title", "outlet", "date", "dateline", "wire",
     "snippet_segments": [[str, bool], ...], "quote_count": int, "score": float}

SearchResult (dict):
    {"query": as given, "scope": "quotes"|"articles", "total": int, "page": int, "per_page": int,
     "pages": int, "hits": [...], "facets": {"speaker": [...], "outlet": [...], "medium": [...],
     "year": [...]}, each facet value {"value": str, "label": str, "count": int},
     "filters": {name: value for the filters applied},
     "messages": [str, ...] (e.g. "Your query could not be parsed (unbalanced quote mark);
                   searched as plain words."),
     "suggestion": corrected query string or None ("did you mean"), "sort": "relevance"|"date"}

IMPLEMENTATION NOTES
- An `Index` is shared by every thread of a server: each thread gets its own Whoosh searcher
  (never `refresh()`ed; a new one is opened when the directory was swapped or Whoosh says it is
  not up to date). A searcher opened before a swap keeps reading the old files until dropped.
- Speaker look-ups, prefixes and completion use the speakers table loaded in memory with the
  index (`speakers.json`), never a scan of quote documents; a speaker's quotes, an article's
  quotes and a cluster's quotes are term look-ups on `speaker_id`, `article` and `cluster`.
- `export()` is an extension: every record in a stable order, for `quote-index export`.
- Facets and date order do not use Whoosh's groupedby/sortedby (which decode a column value per
  match per facet on every search: ~0.2-0.45 s for the empty query on the ~22,000-article bench
  index). The sortable columns (speaker_id, outlet, medium, year, date) are read once per index
  generation into lists by doc number (`_Table`, shared by all threads); a search collects its
  matching doc numbers (set algebra on postings where that is cheap, one scoring pass where it is
  not), counts facets with Counter() and pages a date order by rank. Filter sets, the facets of
  filter-only listings and a speaker's article list are cached in the same table, so a rebuild
  (a new generation) starts afresh. A date-sorted hit's score is 0.0.
"""
from __future__ import annotations

import bisect
import heapq
import math
import os
import re
import threading
import time
from collections import Counter, defaultdict
from datetime import date as _date
from typing import Optional

from rapidfuzz import fuzz, process
from whoosh import index as windex
from whoosh import query as Q
from whoosh.qparser import MultifieldParser, QueryParser

from .resolve import identities
from . import index as store
from .text import fold, name_key, surname

MAX_QUERY_LENGTH = 500     # longer queries are cut with a message
MAX_PER_PAGE = 100
SCOPES = ("quotes", "articles")
SORTS = ("relevance", "date")
FACETS = ("speaker", "outlet", "medium", "year")
# Fields a query may name (field:value); anything else is searched as plain words.
QUERY_FIELDS = ("quote", "text", "title", "speaker", "role", "cue", "outlet", "medium", "date", "year",
                "article", "cluster", "id")
FIELD_ALIASES = {"body": "text", "who": "speaker", "source": "outlet"}
# In the quotes scope "text:" means the quote's text (field `quote`); in articles, the body.
SCOPE_ALIASES = {"quotes": {"text": "quote"}, "articles": {}}
MIN_WILDCARD_PREFIX = 3    # letters before a * or ? (shorter prefixes expand to too many terms)
MAX_WILDCARDS = 2          # words with a wildcard in one query
SNIPPET = 240              # characters of article text around the first match
FACET_LIMIT = 20           # values per facet returned


class IndexNotFound(Exception):
    """No usable index at the given path; the message says which path and how to build one."""


class _Snapshot:
    """One generation of the index directory: the Whoosh index and the side tables loaded with it."""

    def __init__(self, path: str):
        self.stamp = _stamp(path)
        self.meta = store.read_json(path, "meta.json") or {}
        if self.meta.get("format") != store.FORMAT:
            raise IndexNotFound(f"The index at {path} was built by another version of quote-index "
                                f"(format {self.meta.get('format')}, this one reads {store.FORMAT}). "
                                f"Rebuild it with `quote-index build CORPUS --index {path}`.")
        self.ix = windex.open_dir(path, indexname=store.INDEX_NAME)
        # FileIndex.schema re-reads the TOC file on every access (0.6 ms a search): read it once.
        self.schema = self.ix.schema
        self.speakers: dict = store.read_json(path, "speakers.json") or {}
        self.clusters: dict = store.read_json(path, "clusters.json") or {}
        self.names = _NameTable(self.speakers)
        self.words: dict = store.read_json(path, "words.json") or {}
        self.word_list = list(self.words)
        # Column tables (facets, date order, filter sets), one per reader generation: shared by
        # every thread's searcher, since they all read the same immutable segment files.
        self.tables: dict = {}
        self.tables_lock = threading.Lock()


class Index:
    """An open index: hands out a searcher that is reopened (never refresh()ed) when the index changed.

    Thread-safe: each thread gets its own Whoosh searcher (Whoosh readers are not safe to share
    between threads), reopened when the directory was swapped by a build (new meta.json) or when
    Whoosh says it is not up to date. Side tables are immutable per generation and shared.
    Searchers of an old generation keep reading the files they opened, so a request that started
    before a swap finishes on the old index.
    """

    def __init__(self, path: str):
        self.path = os.path.abspath(path)
        self._lock = threading.Lock()
        self._local = threading.local()
        self._snap = self._open()

    def _open(self) -> _Snapshot:
        """Open the current generation, waiting out the instant between a build's two renames."""
        deadline = time.monotonic() + 2.0
        while True:
            try:
                if windex.exists_in(self.path, indexname=store.INDEX_NAME):
                    return _Snapshot(self.path)
            except (OSError, windex.EmptyIndexError):
                pass
            if time.monotonic() > deadline or not _swapping(self.path):
                raise IndexNotFound(f"No index at {self.path}. Build one with "
                                    f"`quote-index build CORPUS --index {self.path}`.")
            time.sleep(0.05)

    def snapshot(self) -> _Snapshot:
        """The current generation (reopened when a build swapped the directory)."""
        snap = self._snap
        stamp = _stamp(self.path)
        if stamp == snap.stamp or stamp is None:
            # None: the directory is being swapped right now; keep answering from the old one.
            return snap
        with self._lock:
            if self._snap.stamp != stamp:
                try:
                    self._snap = self._open()
                except IndexNotFound:
                    pass
            return self._snap

    def searcher(self):
        """This thread's searcher on the current generation."""
        snap = self.snapshot()
        local = self._local
        s = getattr(local, "searcher", None)
        if s is None or local.snap is not snap or not s.up_to_date():
            local.searcher = s = snap.ix.searcher()
            local.snap = snap
        return s

    def close(self) -> None:
        """Close this thread's searcher (others close when their threads drop them)."""
        s = getattr(self._local, "searcher", None)
        if s is not None:
            s.close()
            self._local.searcher = None


def _stamp(path: str):
    """What changes when a build swaps the directory: the identity of meta.json (None if absent)."""
    try:
        st = os.stat(os.path.join(path, "meta.json"))
    except OSError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _swapping(path: str) -> bool:
    """True when a writer is between renaming the old index away and the new one in."""
    import glob
    return bool(glob.glob(glob.escape(path) + ".old-*"))


def open_index(path: str) -> Index:
    """Open the index at path read-only; raises IndexNotFound (a clear message) when there is none."""
    if not path:
        raise IndexNotFound("No index directory given (use --index or set $QUOTE_INDEX_DIR).")
    return Index(path)


# ---------------------------------------------------------------------------------------------
# Speaker names


class _NameTable:
    """In-memory look-up structures over the speakers table (built once per generation)."""

    def __init__(self, speakers: dict):
        self.speakers = speakers
        self.by_key: dict[str, set] = defaultdict(set)        # folded full key -> ids
        self.by_surname: dict[str, set] = defaultdict(set)    # folded surname -> ids
        self.words: list[tuple[str, str]] = []                # (folded word or key, id) for prefixes
        for sid, sp in speakers.items():
            for form in [sp["name"], *sp["aliases"]]:
                key = name_key(form)
                if not key:
                    continue
                self.by_key[key].add(sid)
                toks = tuple(key.split())
                self.by_surname[surname(toks)].add(sid)
                self.words.append((key, sid))
                for w in toks[1:]:
                    self.words.append((w, sid))
        self.keys = sorted(self.by_key)
        self.surnames = sorted(self.by_surname)
        self.words.sort()

    def prefixed(self, prefix: str) -> list[str]:
        """Ids whose name or an alias (or one of its words) starts with prefix, folded."""
        p = " ".join(fold(prefix).split())
        i = bisect.bisect_left(self.words, (p, ""))
        out = []
        while i < len(self.words) and self.words[i][0].startswith(p):
            out.append(self.words[i][1])
            i += 1
        return list(dict.fromkeys(out))


def _speaker_dict(sp: dict) -> dict:
    """The contract's Speaker dict."""
    return {"id": sp["id"], "name": sp["name"], "aliases": list(sp["aliases"]),
            "quote_count": sp["quote_count"], "outlets": list(sp["outlets"]),
            "first_date": sp.get("first_date"), "last_date": sp.get("last_date")}


def find_speaker(ix: Index, name: str) -> dict:
    """Resolve a typed name (any case, accents, first name missing, one typo) to speakers.

    Returns {"match": Speaker dict or None, "candidates": [Speaker dict, ...]}: `match` is set
    when one speaker is clearly meant; otherwise `candidates` lists the plausible ones, best first.
    Speaker dict: {"id", "name", "aliases": [...], "quote_count", "outlets": [...],
                   "first_date", "last_date"}.
    """
    snap = ix.snapshot()
    ids = _resolve_name(snap, name or "")
    found = [_speaker_dict(snap.speakers[i]) for i in ids]
    if len(found) == 1 or (found and _dominates(snap, name, found)):
        return {"match": found[0], "candidates": found}
    return {"match": None, "candidates": found}


def _dominates(snap: _Snapshot, name: str, found: list[dict]) -> bool:
    """The first of several speakers is clearly meant: the typed name is one of their own aliases
    and they are quoted DOMINANT times more than the next ("trump" -> Donald, not Eric)."""
    owners = snap.names.by_key.get(name_key(name), set())
    first, second = found[0], found[1]
    return first["id"] in owners and first["quote_count"] >= identities.DOMINANT * second["quote_count"]


def _resolve_name(snap: _Snapshot, name: str) -> list[str]:
    """Speaker ids a typed name may mean: one when clear, several (best first) when ambiguous."""
    t = snap.names
    if name in snap.speakers:                       # already an id
        return [name]
    key = name_key(name)
    if not key:
        return []
    by_count = lambda ids: sorted(ids, key=lambda i: (-snap.speakers[i]["quote_count"], i))  # noqa: E731
    toks = tuple(key.split())
    exact = t.by_key.get(key, set())
    if len(toks) == 1:
        # "osimhen": the people with that surname (and a bare-surname identity, if any).
        same = exact | t.by_surname.get(key, set())
        if same:
            return by_count(same)
    elif exact:
        return by_count(exact)
    # A typo: the closest folded full names and surnames (rapidfuzz, no scan of the quotes).
    pool = t.surnames if len(toks) == 1 else t.keys
    hits = process.extract(key, pool, scorer=fuzz.ratio, score_cutoff=75, limit=5)
    if not hits:
        return []
    best = hits[0][1]
    table = t.by_surname if len(toks) == 1 else t.by_key
    ids: list[str] = []
    for choice, score, _ in hits:
        if score >= best - 0.01 or score >= 90:
            ids.extend(i for i in by_count(table[choice]) if i not in ids)
    if len(ids) > 1 and best < 90:
        return ids
    return ids if len(ids) > 1 else ids[:1]


def speakers(ix: Index, prefix: Optional[str] = None, *, limit: Optional[int] = None) -> list[dict]:
    """All speakers (optionally those whose name or an alias starts with prefix), A-Z by name."""
    snap = ix.snapshot()
    ids = snap.names.prefixed(prefix) if prefix else list(snap.speakers)
    out = sorted((snap.speakers[i] for i in ids), key=lambda sp: (fold(sp["name"]), sp["id"]))
    return [_speaker_dict(sp) for sp in out[:limit]]


def complete_names(ix: Index, prefix: str, limit: int = 10) -> list[dict]:
    """Name completion: speakers whose name words start with prefix, most quoted first."""
    snap = ix.snapshot()
    if not (prefix or "").strip():
        return []
    ids = snap.names.prefixed(prefix)
    ids.sort(key=lambda i: (-snap.speakers[i]["quote_count"], fold(snap.speakers[i]["name"])))
    return [_speaker_dict(snap.speakers[i]) for i in ids[:max(0, limit)]]


# ---------------------------------------------------------------------------------------------
# Query parsing


def _parser(ix_schema, scope: str):
    """A Whoosh parser over the default fields of a scope (quote text; article title and body)."""
    if scope == "articles":
        return MultifieldParser(["title", "text"], ix_schema, fieldboosts={"title": 2.0})
    return QueryParser("quote", ix_schema)


_FIELD_REF = re.compile(r"(?<![\w\"])([A-Za-z_]+):(?=\S)")
_OPERATOR = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


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
    ops = [t in _OPERATOR for t in tokens]
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


def _plain_words(q: str) -> str:
    """q reduced to its words (operators and syntax dropped), for the plain-words fallback."""
    words = [w for w in re.findall(r"\w+", q) if w not in _OPERATOR]
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


def parse(schema, q: str, scope: str, raw: bool = False) -> tuple[Optional[Q.Query], list[str]]:
    """The Whoosh query for q (None = everything) and messages about how it was read."""
    messages: list[str] = []
    q = q or ""
    if len(q) > MAX_QUERY_LENGTH:
        q = q[:MAX_QUERY_LENGTH]
        messages.append(f"Your query was longer than {MAX_QUERY_LENGTH} characters and was cut.")
    if not q.strip():
        return None, messages
    parser = _parser(schema, scope)
    if raw:
        try:
            return parser.parse(q), messages
        except Exception as e:   # noqa: BLE001 - whoosh raises many types on odd syntax
            messages.append(f"Your query could not be parsed ({type(e).__name__}); searched as plain words.")
            q = _plain_words(q)
            return (parser.parse(q) if q else None), messages
    q = _normalize_query(q, scope)
    why = _problem(q)
    if why is None:
        try:
            parsed = parser.parse(q)
            if not isinstance(parsed, type(Q.NullQuery)):     # NullQuery: nothing searchable was left
                return parsed, messages
        except Exception:   # noqa: BLE001
            why = "syntax error"
    messages.append(f"Your query could not be parsed ({why}); searched as plain words.")
    words = _plain_words(q)
    return (parser.parse(words) if words else None), messages


def _fast_phrases(query: Q.Query) -> Q.Query:
    """Quote phrases as look-ups of indexed word pairs: "of the" is one term; a longer phrase is
    checked (positions) only on the quotes that hold all of its pairs."""
    def rewrite(node):
        """Replace one Phrase node on the quote field."""
        if isinstance(node, Q.Phrase) and node.fieldname == "quote" and node.slop == 1 and len(node.words) > 1:
            pairs = [Q.Term("quote_pairs", p, boost=node.boost) for p in store.bigrams(node.words)]
            return pairs[0] if len(node.words) == 2 else Q.And(pairs + [node])
        return node
    return query.accept(rewrite)


def _check_date(name: str, value: Optional[str], end: bool) -> Optional[str]:
    """A YYYY, YYYY-MM or YYYY-MM-DD filter as a full date (first or last day); ValueError if bad."""
    if value is None or value == "":
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", str(value).strip())
    try:
        if not m:
            raise ValueError
        y, mo, d = int(m.group(1)), m.group(2), m.group(3)
        if d:
            return _date(y, int(mo), int(d)).isoformat()
        if mo:
            first = _date(y, int(mo), 1)
            if not end:
                return first.isoformat()
            nxt = _date(y + (first.month == 12), first.month % 12 + 1, 1)
            return _date.fromordinal(nxt.toordinal() - 1).isoformat()
        return _date(y, 12, 31).isoformat() if end else _date(y, 1, 1).isoformat()
    except ValueError:
        raise ValueError(f"{name}: {value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)") from None


def _term(schema, field: str, value: str) -> Q.Query:
    """A term query on a keyword field, with the value analysed the way the field indexes it."""
    words = list(schema[field].process_text(str(value), mode="query"))
    return Q.Term(field, words[0]) if words else Q.NullQuery


# ---------------------------------------------------------------------------------------------
# Search


def _validate(scope, sort, page, per_page):
    """Raise ValueError naming the first bad parameter."""
    if scope not in SCOPES:
        raise ValueError(f"scope: {scope!r} is not one of {', '.join(SCOPES)}")
    if sort not in SORTS:
        raise ValueError(f"sort: {sort!r} is not one of {', '.join(SORTS)}")
    if not isinstance(page, int) or isinstance(page, bool) or page < 1:
        raise ValueError(f"page: {page!r} must be a whole number >= 1")
    if not isinstance(per_page, int) or isinstance(per_page, bool) or not 1 <= per_page <= MAX_PER_PAGE:
        raise ValueError(f"per_page: {per_page!r} must be a whole number from 1 to {MAX_PER_PAGE}")


def search(ix: Index, q: str = "", *, scope: str = "quotes", speaker: Optional[str] = None,
           outlet: Optional[str] = None, medium: Optional[str] = None, year: Optional[str] = None,
           since: Optional[str] = None, until: Optional[str] = None, sort: str = "relevance",
           page: int = 1, per_page: int = 10, raw: bool = False) -> dict:
    """Full-text search of quotes or articles with filters and facets; returns a SearchResult.

    `q` is escaped by default: words and "phrases", AND/OR/NOT and field:value work, anything that
    does not parse is searched as plain words with a message. `raw=True` passes Whoosh syntax
    through. `speaker` is a speaker id (slug) or a name (resolved like `find_speaker`). An empty
    `q` lists everything that matches the filters (newest first). Bad parameter values (page < 1,
    unknown scope or sort, a date that does not parse) raise ValueError naming the parameter.
    """
    _validate(scope, sort, page, per_page)
    since_d, until_d = _check_date("since", since, False), _check_date("until", until, True)
    if year not in (None, "") and not re.fullmatch(r"\d{4}", str(year)):
        raise ValueError(f"year: {year!r} is not a year (YYYY)")
    snap = ix.snapshot()
    schema = snap.schema
    query, messages = parse(schema, q, scope, raw)
    filters: dict = {}
    conds = [Q.Term("kind", "quote" if scope == "quotes" else "article")]
    result = _empty(q, scope, page, per_page, sort, messages, filters)
    if speaker:
        ids = _resolve_name(snap, speaker)
        if len(ids) != 1:
            messages.append(f"No speaker matches {speaker!r}." if not ids else
                            f"{speaker!r} may be several speakers: "
                            + ", ".join(snap.speakers[i]["name"] for i in ids[:5]) + "; pick one.")
            filters["speaker"] = speaker
            return result
        filters["speaker"] = ids[0]
        if scope == "quotes":
            conds.append(Q.Term("speaker_id", ids[0]))
        else:
            arts = _speaker_articles(snap, ix.searcher(), ids[0])
            conds.append(Q.Or([Q.Term("id", a) for a in arts]) if arts else Q.NullQuery)
    for name, value in (("outlet", outlet), ("medium", medium)):
        if value:
            filters[name] = value
            conds.append(_term(schema, name, value))
    if year:
        filters["year"] = str(year)
        conds.append(Q.Term("year", str(year)))
    if since_d or until_d:
        if since_d:
            filters["since"] = since_d
        if until_d:
            filters["until"] = until_d
        conds.append(Q.TermRange("date", since_d or "0000", until_d or "9999"))
    result["filters"] = filters
    by_date = query is None or sort == "date"
    result["sort"] = "date" if by_date else "relevance"
    if scope == "quotes" and query is not None:
        query = _fast_phrases(query)
    s = ix.searcher()
    fdocs = _filter_docs(snap, s, conds)
    k = page * per_page
    try:
        hits, matched, query = _run(snap, s, query, fdocs, k, by_date)
    except Exception as e:   # noqa: BLE001 - e.g. a phrase on a keyword field: retry as plain words
        messages.append(f"Your query could not be run ({type(e).__name__}); searched as plain words.")
        words = _plain_words(q or "")
        query = _parser(schema, scope).parse(words) if words else None
        hits, matched, query = _run(snap, s, query, fdocs, k, by_date)
    total = len(matched)
    result["total"] = total
    result["pages"] = max(1, math.ceil(total / per_page))
    terms = _match_terms(query, s) if query is not None else {}
    # Stored fields only for the hits on this page (article bodies are long).
    page_hits = hits[(page - 1) * per_page: k]
    if scope == "quotes":
        result["hits"] = [_quote_hit(snap, s.stored_fields(d), terms, score) for d, score in page_hits]
    else:
        result["hits"] = [_article_hit(s.stored_fields(d), terms, score, schema) for d, score in page_hits]
    if query is None:
        # Filter-only listings (the home page, ?outlet=..., a speaker's quotes) repeat often.
        cache = _table(snap, s).facets
        key = (scope, repr(conds))
        facets = cache.get(key)
        if facets is None:
            if len(cache) >= 256:
                cache.clear()
            facets = cache[key] = _count_facets(snap, s, matched, scope)
        result["facets"] = {f: [dict(v) for v in vals] for f, vals in facets.items()}   # callers may edit
    else:
        result["facets"] = _count_facets(snap, s, matched, scope)
    if total == 0 and q and not raw:
        result["suggestion"] = _suggest(snap, s, q)
    return result


def _plain_terms(q) -> bool:
    """True when q is Terms joined by And/Or/Not only (its doc set is set algebra on postings)."""
    if type(q) is Q.Term:
        return True
    if type(q) is Q.Not:
        return _plain_terms(q.query)
    if type(q) in (Q.And, Q.Or) and not getattr(q, "minmatch", 0):
        return all(_plain_terms(c) for c in q.subqueries)
    return False


def _docset(s, q) -> set:
    """Doc numbers matching q; deleted ones may be included (callers keep only live filter docs).

    Whoosh's union matcher costs ~20 µs a document in Python: a plain word searched in title and
    body of ~5,000 articles took 100 ms to enumerate, against a few ms for set algebra on each
    term's postings. Anything but Terms under And/Or/Not (phrases, ranges, wildcards) is left to
    Whoosh, whose matchers check positions only where every other condition already holds.
    """
    if not _plain_terms(q):
        return set(s.docs_for_query(q))
    if type(q) is Q.Term:
        return set(s.docs_for_query(q))
    if type(q) is Q.Or:
        out: set = set()
        for c in q.subqueries:
            if type(c) is not Q.Not:
                out |= _docset(s, c)
            else:
                return set(s.docs_for_query(q))     # "a OR NOT b": rare, leave it to Whoosh
        return out
    if type(q) is Q.Not:
        return set(s.docs_for_query(q))
    pos = [c for c in q.subqueries if type(c) is not Q.Not]
    if not pos or len(pos) == len(q.subqueries) and all(type(c) is Q.Term for c in pos):
        # Only terms: Whoosh's intersection skips through the postings (quicker than sets of
        # each, "year:1987 oil" reads 20,000 year postings as a set); Not made it crawl.
        return set(s.docs_for_query(q))
    sets = sorted((_docset(s, c) for c in pos), key=len)
    out = sets[0].intersection(*sets[1:])
    for c in q.subqueries:
        if type(c) is Q.Not:
            out -= _docset(s, c.query)
    return out


def _run(snap: _Snapshot, s, query, fdocs, k: int, by_date: bool):
    """The first k hits as (doc number, score or None), every matching doc, and the query run.

    query None lists every document passing the filter. Facets and date order come from the
    generation's column table instead of Whoosh's groupedby/sortedby (see `_Table`).
    """
    live = fdocs - {-1} if -1 in fdocs else fdocs
    if query is None:
        return [(d, None) for d in _newest_first(snap, s, live, k)], live, None
    if not by_date and not _cheap_docset(query):
        # Phrases and all-word intersections cost most in matching itself: one pass that scores
        # every match (and keeps their doc numbers for the facets) beats matching twice.
        results = s.search(query, filter=fdocs, limit=None)
        top = [(results.docnum(i), results.score(i)) for i in range(min(k, results.scored_length()))]
        return top, results.docs(), query
    # Every match without scoring, as sets; then Whoosh scores only what it must for the top k.
    matched = [d for d in _docset(s, query) if d in live]
    matched.sort()
    if by_date:
        return [(d, None) for d in _newest_first(snap, s, matched, k)], matched, query
    results = s.search(query, filter=fdocs, limit=k)
    return [(results.docnum(i), results.score(i)) for i in range(results.scored_length())], matched, query


def _cheap_docset(q) -> bool:
    """True when `_docset` finds q's matches by set algebra (a term, unions, exclusions)."""
    return _plain_terms(q) and not (type(q) is Q.And and all(type(c) is Q.Term for c in q.subqueries))


def _empty(q, scope, page, per_page, sort, messages, filters) -> dict:
    """A SearchResult with no hits."""
    return {"query": q, "scope": scope, "total": 0, "page": page, "per_page": per_page, "pages": 1,
            "hits": [], "facets": {f: [] for f in FACETS}, "filters": filters,
            "messages": messages, "suggestion": None, "sort": sort}


def _filter_docs(snap: _Snapshot, s, conds: list) -> set:
    """Doc numbers passing the filter conditions, cached per index generation.

    Whoosh rebuilds a filter's doc set on every search; for the bare kind=quote filter that is
    every quote in the index (~22,000 on the bench corpus), three quarters of a search's time.
    The cache lives with the generation's table, so a rebuilt index starts afresh, and is shared
    by the server's threads (each used to rebuild the same sets for its own searcher).
    """
    cache = _table(snap, s).filters
    key = repr(conds)
    docs = cache.get(key)
    if docs is None:
        if len(cache) >= 64:         # bounded: a filter set can hold every document
            cache.clear()
        # An empty set would read as "no filter" to Whoosh: -1 is a doc number that never occurs.
        docs = cache[key] = set(s.docs_for_query(Q.And(conds))) or {-1}
    return docs


# Facet name -> the column (sortable field) it is counted on; "date" orders date sorts.
_COLUMNS = {"speaker": "speaker_id", "outlet": "outlet", "medium": "medium", "year": "year",
            "date": "date"}
# Above this many matches, facets and date order read the generation's full column lists
# (read once, ~0.3 s on the bench index); below it, the column readers doc by doc (no set-up).
_LARGE = 2000


class _Table:
    """One reader generation's facet and date columns as lists indexed by doc number.

    Whoosh's groupedby/sortedby decode a column value per match per facet on every search (a
    quarter of a second for the empty query on the bench index); here each column is read and
    decoded once, so facets are Counter()s over list look-ups and a date sort is a rank look-up.
    """

    def __init__(self, reader):
        """An empty table over reader; columns are read on first use."""
        self.reader = reader
        self.lock = threading.Lock()
        self.filters: dict = {}                    # repr(conds) -> set of doc numbers (never mutated)
        self.facets: dict = {}                     # (scope, repr(conds)) -> facet counts, empty q
        self.speaker_articles: dict = {}           # speaker id -> ids of the articles quoting them
        self._cols: dict = {}
        self._rank: Optional[list] = None
        self._newest: Optional[list] = None

    def column(self, field: str) -> list:
        """Every document's value of a column field as str ("" when it has none), by doc number."""
        col = self._cols.get(field)
        if col is None:
            with self.lock:
                col = self._cols.get(field)
                if col is None:
                    col = self._cols[field] = _read_column(self.reader, field)
        return col

    def newest(self) -> tuple[list, list]:
        """(doc numbers newest first, each doc number's position in that order)."""
        if self._rank is None:
            dates = self.column("date")
            with self.lock:
                if self._rank is None:
                    # Stable sort: equal dates keep doc-number order, as Whoosh's sortedby does.
                    newest = sorted(range(len(dates)), key=dates.__getitem__, reverse=True)
                    rank = [0] * len(dates)
                    for i, d in enumerate(newest):
                        rank[d] = i
                    self._newest, self._rank = newest, rank
        return self._newest, self._rank


def _leaves(reader, field: str) -> list:
    """[(first doc number, segment's column reader or None, segment's doc count)] per segment.

    Segment by segment because Whoosh's multi-segment column reader drops the segments that
    lack the column and then maps later doc numbers into the wrong segment.
    """
    out = []
    for seg, offset in reader.leaf_readers():
        col = seg.column_reader(field, translate=False) if seg.has_column(field) else None
        out.append((offset, col, seg.doc_count_all()))
    return out


def _read_column(reader, field: str) -> list:
    """A column as a list of str, each distinct value decoded once (columns hold few distinct ones)."""
    decoded: dict = {}

    def dec(b):
        """One raw column value as text."""
        v = decoded.get(b)
        if v is None:
            v = decoded[b] = b.decode("utf-8", "replace") if isinstance(b, bytes) else str(b)
        return v
    out: list = []
    for _, col, n in _leaves(reader, field):
        out.extend(map(dec, col) if col is not None else [""] * n)
    return out


def _table(snap: _Snapshot, s) -> _Table:
    """The column table of the searcher's reader generation (made on first use, then shared)."""
    reader = s.reader()
    key = (reader.generation(), reader.doc_count_all(), reader.doc_count())
    t = snap.tables.get(key)
    if t is None:
        with snap.tables_lock:
            t = snap.tables.get(key)
            if t is None:
                snap.tables.clear()          # an older generation of this directory: never again
                t = snap.tables[key] = _Table(reader)
    return t


def _getter(table: _Table, s, field: str, many: bool):
    """doc number -> column value: the table's list for many docs, a column reader for a few."""
    if many or field in table._cols:
        return table.column(field).__getitem__
    leaves = _leaves(s.reader(), field)
    starts = [offset for offset, _, _ in leaves]

    def get(d):
        """One doc's value, read from its segment's column."""
        offset, col, _ = leaves[bisect.bisect_right(starts, d) - 1]
        return col[d - offset].decode("utf-8", "replace") if col is not None else ""
    return get


def _count_facets(snap: _Snapshot, s, docs, scope: str) -> dict:
    """Facet counts over every matching doc as [{"value", "label", "count"}], most frequent first."""
    table = _table(snap, s)
    names = FACETS if scope == "quotes" else ("outlet", "year")
    out = {f: [] for f in FACETS}
    many = len(docs) > _LARGE
    for f in names:
        counts = Counter(map(_getter(table, s, _COLUMNS[f], many), docs))
        vals = []
        for value, count in counts.items():
            if not value:
                continue
            label = snap.speakers.get(value, {}).get("name", value) if f == "speaker" else value
            vals.append({"value": value, "label": label, "count": count})
        vals.sort(key=lambda v: (-v["count"], v["label"]))
        out[f] = vals[:FACET_LIMIT]
    return out


def _newest_first(snap: _Snapshot, s, docs, k: int) -> list:
    """The k newest of docs (ties in doc-number order, missing dates last), as doc numbers."""
    table = _table(snap, s)
    if len(docs) > _LARGE or table._rank is not None:
        newest, rank = table.newest()
        if len(docs) * 8 > len(newest):
            # A large share of the index: walk the global order until k of them turned up.
            docs = docs if isinstance(docs, (set, frozenset)) else set(docs)
            out = []
            for d in newest:
                if d in docs:
                    out.append(d)
                    if len(out) == k:
                        break
            return out
        return heapq.nsmallest(k, docs, key=rank.__getitem__)
    date = _getter(table, s, "date", False)
    # Descending date, ascending doc number: negate nothing, sort twice (stable).
    ordered = sorted(docs)
    ordered.sort(key=date, reverse=True)
    return ordered[:k]


def _speaker_articles(snap: _Snapshot, s, sid: str) -> list[str]:
    """Article ids in which a speaker is quoted (cached per generation: reading every stored
    quote of a busy speaker took 15 ms a page)."""
    cache = _table(snap, s).speaker_articles
    arts = cache.get(sid)
    if arts is None:
        if len(cache) >= 1024:
            cache.clear()
        arts = cache[sid] = sorted({d["article"] for d in s.documents(speaker_id=sid)})
    return arts


# ---------------------------------------------------------------------------------------------
# Hits and highlighting


def _match_terms(query, searcher) -> dict[str, set]:
    """Field -> the indexed words the query matches (wildcards expanded), for highlighting."""
    out: dict[str, set] = defaultdict(set)
    reader = searcher.reader()
    try:
        # Leaf by leaf: Query.existing_terms() of this Whoosh fork keeps only the first leaf's field.
        for leaf in query.leaves():
            for field, text in leaf.expanded_terms(reader, phrases=True):
                if (field, text) in reader:
                    text = text.decode("utf-8") if isinstance(text, bytes) else text
                    if field == "quote_pairs":          # a rewritten phrase: mark both words
                        out["quote"].update(text.split(" "))
                    else:
                        out[field].add(text)
    except Exception:   # noqa: BLE001 - highlighting is a nicety, never a failure
        pass
    return out


def segments(text: str, words: set, analyzer=None) -> list[list]:
    """[[piece, is_match], ...] covering all of text: the original words whose analysed form matches."""
    if not text:
        return []
    if not words:
        return [[text, False]]
    analyzer = analyzer or store.TEXT_ANALYZER
    out: list[list] = []
    pos = 0
    for tok in analyzer(text, chars=True, mode="index"):
        if tok.text in words:
            if tok.startchar > pos:
                out.append([text[pos:tok.startchar], False])
            out.append([text[tok.startchar:tok.endchar], True])
            pos = tok.endchar
    if pos < len(text):
        out.append([text[pos:], False])
    return out


def _snippet(text: str, words: set) -> list[list]:
    """A window of the article text around its first match, highlighted, with … where cut."""
    if not text:
        return []
    first = None
    if words:
        for tok in store.TEXT_ANALYZER(text, chars=True, mode="index"):
            if tok.text in words:
                first = tok.startchar
                break
    a = 0 if first is None else max(0, first - SNIPPET // 3)
    if a > 0:
        space = text.find(" ", a, first)
        a = space + 1 if 0 <= space < first else a
    b = min(len(text), a + SNIPPET)
    if b < len(text):
        space = text.rfind(" ", a, b)
        b = space if space > a else b
    segs = segments(text[a:b], words)
    if a > 0:
        segs.insert(0, ["…", False])
    if b < len(text):
        segs.append(["…", False])
    return segs


def _quote_hit(snap: _Snapshot, d: dict, terms: dict, score: Optional[float]) -> dict:
    """The contract's quote hit from a stored quote document."""
    sid = d.get("speaker_id") or None
    cid = d.get("cluster")
    sp = snap.speakers.get(sid) if sid else None
    return {"kind": "quote", "id": d["id"], "cluster": cid, "text": d["quote"],
            "segments": segments(d["quote"], terms.get("quote", set())),
            "speaker": sp["name"] if sp else d.get("speaker_name"), "speaker_id": sid,
            "role": d.get("role"), "cue": d.get("cue"), "medium": d.get("medium"),
            "outlet": d.get("outlet") or None, "date": d.get("date") or None,
            "article": d["article"], "title": d.get("title") or None,
            "before": d.get("before", ""), "after": d.get("after", ""),
            "nested": bool(d.get("nested")),
            "cluster_size": len(snap.clusters[cid]["articles"]) if cid in snap.clusters else 1,
            "score": float(score) if score is not None else 0.0}


def _article_hit(d: dict, terms: dict, score: Optional[float], schema=None) -> dict:
    """The contract's article hit from a stored article document."""
    return {"kind": "article", "id": d["id"], "title": d.get("title") or None,
            "outlet": d.get("outlet") or None, "date": d.get("date") or None,
            "dateline": d.get("dateline"), "wire": d.get("wire"),
            "snippet_segments": _snippet(d.get("text", ""), terms.get("text", set())),
            "quote_count": d.get("quote_count", 0),
            "score": float(score) if score is not None else 0.0}


def _suggest(snap: _Snapshot, s, q: str) -> Optional[str]:
    """'Did you mean': q with each word no quote contains replaced by the closest quoted word."""
    if ":" in q or len(q) > 100:
        return None
    changed = False

    def fix(m: re.Match) -> str:
        """The closest known word to one query word (rapidfuzz over the quote vocabulary)."""
        nonlocal changed
        w = m.group(0)
        key = fold(w)
        if key in snap.words or w in _OPERATOR or len(key) < 3 or key.isdigit():
            return w
        best = process.extractOne(key, snap.word_list, scorer=fuzz.ratio, score_cutoff=75)
        if not best:
            return w
        changed = True
        return best[0]

    fixed = re.sub(r"[^\W_]+", fix, q)
    return fixed if changed else None


# ---------------------------------------------------------------------------------------------
# Speakers, articles, clusters


def _quote_docs(ix: Index, **terms) -> list[dict]:
    """Every stored quote document matching field=value terms (term look-ups, no scan)."""
    s = ix.searcher()
    # kind is checked on the few matching documents: adding kind=quote to the query made Whoosh
    # walk every quote posting (~22,000 on the bench corpus) on each call, 15 ms a speaker page.
    return [dict(d) for d in s.documents(**terms) if d.get("kind") == "quote"]


def speaker(ix: Index, speaker_id: str) -> Optional[dict]:
    """One speaker by id with their quotes grouped by cluster and a timeline; None if unknown.

    {"speaker": Speaker dict, "clusters": [{"cluster": id, "text": a wording, "outlets": [...],
      "articles": [...], "first_date", "quotes": [quote hit, ...]}, ...],
     "timeline": [{"period": "YYYY-MM", "count": int}, ...]}
    """
    snap = ix.snapshot()
    sp = snap.speakers.get(speaker_id)
    if sp is None:
        return None
    docs = _quote_docs(ix, speaker_id=speaker_id)
    docs.sort(key=lambda d: (d.get("date") or "9999", d["article"], d.get("start", 0)))
    groups: dict[str, list] = {}
    for d in docs:
        groups.setdefault(d["cluster"], []).append(_quote_hit(snap, d, {}, None))
    clusters = []
    for cid, hits in groups.items():
        dates = [h["date"] for h in hits if h["date"]]
        clusters.append({"cluster": cid, "text": hits[0]["text"],
                         "outlets": sorted({h["outlet"] for h in hits if h["outlet"]}),
                         "articles": sorted({h["article"] for h in hits}),
                         "first_date": min(dates) if dates else None, "quotes": hits})
    clusters.sort(key=lambda c: (c["first_date"] or "9999", c["cluster"]))
    periods = Counter(d["date"][:7] for d in docs if d.get("date"))
    return {"speaker": _speaker_dict(sp), "clusters": clusters,
            "timeline": [{"period": p, "count": n} for p, n in sorted(periods.items())]}


def speaker_quotes(ix: Index, speaker_id: str, q: str = "", *, page: int = 1,
                   per_page: int = 20) -> dict:
    """Search within one speaker's quotes: a SearchResult restricted to that speaker."""
    return search(ix, q, scope="quotes", speaker=speaker_id, page=page, per_page=per_page,
                  sort="relevance" if q else "date")


def article(ix: Index, article_id: str) -> Optional[dict]:
    """One article: metadata, full text and every quote (spans, speaker) in it; None if unknown.

    {"id", "title", "outlet", "date", "author", "url", "dateline", "wire", "text",
     "quotes": [quote hit + {"spans": [[s, e], ...], "speaker_mention": {...} or None}, ...]}
    """
    snap = ix.snapshot()
    s = ix.searcher()
    d = s.document(kind="article", id=article_id)
    if d is None:
        return None
    quotes = []
    for qd in sorted(_quote_docs(ix, article=article_id), key=lambda x: (x.get("start", 0), x["id"])):
        hit = _quote_hit(snap, qd, {}, None)
        hit["spans"] = [list(p) for p in qd.get("spans", [])]
        hit["speaker_mention"] = qd.get("mention")
        quotes.append(hit)
    return {"id": d["id"], "title": d.get("title") or None, "outlet": d.get("outlet") or None,
            "date": d.get("date") or None, "author": d.get("author"), "url": d.get("url"),
            "dateline": d.get("dateline"), "wire": d.get("wire"), "text": d.get("text", ""),
            "quotes": quotes}


def cluster(ix: Index, cluster_id: str) -> Optional[dict]:
    """One cluster: each outlet's wording side by side; None if unknown.

    {"id", "speaker", "speaker_id", "first_date", "outlets": [...],
     "quotes": [quote hit, ...] (one per article, oldest first)}
    """
    snap = ix.snapshot()
    docs = _quote_docs(ix, cluster=cluster_id)
    if not docs:
        return None
    # Wordings side by side are the reports themselves; quotes nested in them ride along.
    docs = [d for d in docs if not d.get("nested")] or docs
    docs.sort(key=lambda d: (d.get("date") or "9999", d["article"], d.get("start", 0)))
    hits = [_quote_hit(snap, d, {}, None) for d in docs]
    sid = next((h["speaker_id"] for h in hits if h["speaker_id"]), None)
    dates = [h["date"] for h in hits if h["date"]]
    return {"id": cluster_id, "speaker": snap.speakers[sid]["name"] if sid in snap.speakers else
            next((h["speaker"] for h in hits if h["speaker"]), None),
            "speaker_id": sid, "first_date": min(dates) if dates else None,
            "outlets": sorted({h["outlet"] for h in hits if h["outlet"]}), "quotes": hits}


def stats(ix: Index) -> dict:
    """Counts: articles, quotes, speakers, clusters, outlets, built_at, index path and size."""
    snap = ix.snapshot()
    s = ix.searcher()
    counts = dict(snap.meta.get("counts", {}))
    table = _table(snap, s)
    outlets = table.facets.get("stats:outlets")
    if outlets is None:
        # Over live article documents: the term lexicon would still count deleted documents.
        arts = _filter_docs(snap, s, [Q.Term("kind", "article")]) - {-1}
        get = _getter(table, s, "outlet", len(arts) > _LARGE)
        outlets = table.facets["stats:outlets"] = len({get(d) for d in arts} - {""})
    size = 0
    for name in os.listdir(ix.path):
        try:
            size += os.path.getsize(os.path.join(ix.path, name))
        except OSError:
            pass
    return {"articles": counts.get("articles", 0), "quotes": counts.get("quotes", 0),
            "speakers": counts.get("speakers", len(snap.speakers)),
            "clusters": counts.get("clusters", len(snap.clusters)), "outlets": outlets,
            "files": counts.get("files", 0), "skipped_files": counts.get("skipped_files", 0),
            "built_at": snap.meta.get("built_at"), "mode": snap.meta.get("mode"),
            "corpus": snap.meta.get("corpus", []), "path": ix.path, "size_bytes": size}


# ---------------------------------------------------------------------------------------------
# Export (an extension of the contract: the CLI's `export` and the update == build tests)

EXPORT_KINDS = ("quotes", "articles", "speakers", "clusters")
QUOTE_COLUMNS = ("id", "article", "spans", "text", "speaker", "speaker_id", "speaker_name",
                 "speaker_mention", "role", "cue", "outlet", "medium", "date", "nested", "rule",
                 "cluster", "cluster_size")
ARTICLE_COLUMNS = ("id", "title", "outlet", "date", "author", "url", "dateline", "wire", "hash",
                   "quote_count")


def export(ix: Index, what: str = "quotes"):
    """Every record of a kind as plain dicts in a stable order (quotes by article and offset)."""
    if what not in EXPORT_KINDS:
        raise ValueError(f"what: {what!r} is not one of {', '.join(EXPORT_KINDS)}")
    snap = ix.snapshot()
    if what == "speakers":
        for sid in sorted(snap.speakers):
            sp = snap.speakers[sid]
            yield {**_speaker_dict(sp), "article_count": sp.get("article_count", 0)}
        return
    if what == "clusters":
        for cid in sorted(snap.clusters):
            yield dict(snap.clusters[cid])
        return
    s = ix.searcher()
    kind = "quote" if what == "quotes" else "article"
    docs = sorted(s.documents(kind=kind), key=lambda d: (d["article"], d.get("start", -1), d["id"]))
    for d in docs:
        if kind == "article":
            yield {c: d.get(c) for c in ARTICLE_COLUMNS}
            continue
        hit = _quote_hit(snap, d, {}, None)
        yield {"id": d["id"], "article": d["article"], "spans": d.get("spans"), "text": d["quote"],
               "speaker": hit["speaker"], "speaker_id": hit["speaker_id"],
               "speaker_name": d.get("speaker_name"), "speaker_mention": d.get("mention"),
               "role": d.get("role"), "cue": d.get("cue"), "outlet": hit["outlet"],
               "medium": d.get("medium"), "date": hit["date"], "nested": hit["nested"],
               "rule": d.get("rule"), "cluster": hit["cluster"], "cluster_size": hit["cluster_size"]}
