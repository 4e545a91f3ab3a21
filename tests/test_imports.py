"""Imports run one way: every import of indexer/, webapp/ and quote_index/ (function-level ones
included) goes down the layers or stays in its own layer, and no modules import each other in a
loop. The layers, bottom to top:

    records, settings, errors, text, lexicon, results, serial   the small shared things
    corpus, tokenize                                    reading input
    extract (extract.*)                                 one article's quotes and speakers
    resolve (resolve.*)                                 one speaker, one quote across the corpus
    store, pgstore                                      the index on disk | in PostgreSQL
    batch                                               extraction and resolution as Dask jobs, records on disk
    ingest | search                                     writing the index | reading it (neither imports the other)
    webapp                                              the web site
    quote_index                                         the command line
"""
from __future__ import annotations

import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGES = ("indexer", "webapp", "quote_index")
LAYERS = [
    ("indexer", "indexer.records", "indexer.settings", "indexer.errors", "indexer.text", "indexer.lexicon", "indexer.durable",
     "indexer.results", "indexer.serial"),
    ("indexer.corpus", "indexer.tokenize"),
    ("indexer.extract",),
    ("indexer.resolve",),
    ("indexer.store", "indexer.index", "indexer.pgstore"),
    ("indexer.batch",),
    ("indexer.ingest", "indexer.search"),
    ("webapp",),
    ("quote_index",),
]
SIBLINGS = [("indexer.ingest", "indexer.search"), ("indexer.search", "indexer.ingest")]
# The engine behind the search API is named in one place: a new backend touches nothing above it.
ENGINE = ("whoosh", "indexer.search.whoosh_backend", "indexer.store",
          "psycopg", "indexer.search.pg_backend", "indexer.pgstore")
ENGINE_ALLOWED = ("indexer.search.whoosh_backend", "indexer.search.backends", "indexer.search.query",
                  "indexer.search.highlight", "indexer.search.backend", "indexer.ingest", "indexer.store",
                  "indexer.index", "indexer.search.pg_backend", "indexer.pgstore")


def _modules() -> dict[str, pathlib.Path]:
    """Every module of the three packages, by dotted name (a package by its __init__)."""
    out = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports(name: str, path: pathlib.Path) -> set[str]:
    """The modules (of the three packages, or third-party top names) that a module imports."""
    is_pkg = path.name == "__init__.py"
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[:len(base) - node.level + (1 if is_pkg else 0)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module
            targets = [f"{mod}.{a.name}" if f"{mod}.{a.name}" in MODULES else mod for a in node.names]
        else:
            continue
        for t in targets:
            while t not in MODULES and "." in t and t.split(".")[0] in PACKAGES:
                t = t.rsplit(".", 1)[0]
            out.add(t)
    return out - {name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _layer(name: str) -> int:
    """The layer of a module: the last layer with the longest prefix that names it."""
    best = (-1, -1)
    for i, prefixes in enumerate(LAYERS):
        for p in prefixes:
            if name == p or name.startswith(p + "."):
                best = max(best, (len(p), i))
    return best[1]


def _within(name: str, prefix: str) -> bool:
    """True when name is prefix or lies under it."""
    return name == prefix or name.startswith(prefix + ".")


def test_every_module_has_a_layer():
    assert [m for m in MODULES if _layer(m) < 0] == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_go_down_or_stay_level(name):
    mine = _layer(name)
    up = sorted(t for t in GRAPH[name] if t in MODULES and _layer(t) > mine)
    assert up == [], f"{name} (layer {mine}) imports from above: {up}"
    across = sorted(t for t in GRAPH[name] for a, b in SIBLINGS if _within(name, a) and _within(t, b))
    assert across == [], f"{name} imports its sibling: {across}"


@pytest.mark.parametrize("name", sorted(m for m in MODULES if not any(_within(m, p) for p in ENGINE_ALLOWED)))
def test_only_the_backend_names_the_engine(name):
    named = sorted(t for t in GRAPH[name] if any(_within(t, e) for e in ENGINE))
    assert named == [], f"{name} imports the engine or its storage directly: {named}"


def test_no_modules_import_each_other_in_a_loop():
    index, low, stack, on, loops = {}, {}, [], set(), []

    def visit(v):
        """Tarjan's strongly connected components."""
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in (t for t in GRAPH[v] if t in MODULES):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                loops.append(sorted(comp))

    for v in MODULES:
        if v not in index:
            visit(v)
    assert loops == []


def test_the_checks_can_fail():
    """The walker sees what it must: relative, lazy and package imports of this very tree."""
    assert "indexer.search.api" in GRAPH["indexer.search"]                      # package face
    assert "webapp" in GRAPH["quote_index.cli"]                                  # the lazy one in serve
    assert "indexer.store.layout" in GRAPH["indexer.search.whoosh_backend.backend"]   # from ...store
    assert _layer("webapp.views") > _layer("indexer.search.api") > _layer("indexer.store.swap")
