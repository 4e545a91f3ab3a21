"""The `quote-index` command line: a click group whose commands call the library's functions."""
from __future__ import annotations

import json
import os
import sys

import click

DEFAULT_INDEX = ".quote-index"
INDEX_ENV = "QUOTE_INDEX_DIR"


def index_option(f):
    """Shared --index option: where the index lives (env QUOTE_INDEX_DIR, default ./.quote-index)."""
    return click.option(
        "--index", "index_dir", envvar=INDEX_ENV, default=DEFAULT_INDEX, show_default=True,
        type=click.Path(file_okay=False), help=f"Index directory (or set ${INDEX_ENV}).")(f)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="quote-index")
def cli():
    """quote-index: extract, index and search who said what in news articles."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="table", show_default=True,
              help="jsonl: one JSON record per quote (the evaluation contract); table: for reading.")
def extract(paths, fmt):
    """Extract attributed quotes from files or directories and print them.

    PATHS are .txt, .json (array of records) or .jsonl files, or directories searched recursively
    (other files ignored). A bad input is reported on stderr and skipped; the exit status is 1 when
    anything was skipped, 0 otherwise.
    """
    from . import corpus
    from .extract import extract_quotes

    problems = []
    out = click.get_text_stream("stdout")
    read = 0
    for article in corpus.iter_articles(paths, on_problem=lambda p: _report(p, problems)):
        read += 1
        try:
            found = list(extract_quotes(article))
        except Exception as e:   # one article the extractor chokes on must not end the run
            _report(corpus.Problem(article.path, f"quote extraction failed on {article.id}: "
                                   f"{type(e).__name__}: {e}; skipped"), problems)
            continue
        for q in found:
            if fmt == "jsonl":
                out.write(json.dumps(q.to_json(), ensure_ascii=False) + "\n")
            else:
                who = q.speaker or "?"
                out.write(f"{q.article}\t{who}\t{q.cue or ''}\t{q.medium or ''}\t{q.text[:80]}\n")
    if problems:
        click.echo(f"quote-index: skipped {len(problems)} input(s), read {read} article(s); "
                   "see messages above", err=True)
        sys.exit(1)


def _report(problem, problems):
    """Print a corpus problem once on stderr; remember it for the exit status unless only a warning."""
    if not getattr(problem, "warning", False):
        problems.append(problem)
    click.echo(f"quote-index: {problem}", err=True)


@cli.command()
@index_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 listens on every interface).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="TCP port.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Request threads in the server.")
def serve(index_dir, host, port, threads):
    """Serve the web site and its JSON API with waitress (a production server, never debug mode)."""
    import importlib

    import waitress

    from . import search

    try:
        search.open_index(index_dir)     # fail now with the library's message, not on the first request
    except search.IndexNotFound as e:
        raise click.ClickException(str(e)) from None
    # The web layer sits on top of indexer: it is loaded here, at call time, never on import.
    app = importlib.import_module("webapp").create_app({"INDEX_DIR": index_dir})
    click.echo(f"quote-index: serving {os.path.abspath(index_dir)} on http://{host}:{port}/ "
               "(Ctrl-C stops)", err=True)
    try:
        # The app reads no request body: waitress refuses big ones (413) before spooling them to disk.
        waitress.serve(app, host=host, port=port, threads=threads, ident="quote-index",
                       max_request_body_size=64 * 1024, max_request_header_size=64 * 1024)
    except OSError as e:
        raise click.ClickException(f"cannot listen on {host}:{port}: {e.strerror or e}") from None


# --- index commands: build, update, search, speaker, speakers, stats, export -------------------

def _progress_default() -> bool:
    """Show a progress bar only when stderr is a terminal (quiet when piped or in tests)."""
    return sys.stderr.isatty()


def _writer_options(f):
    """Options shared by build and update."""
    f = click.option("--lock-timeout", default=10.0, show_default=True, type=click.FloatRange(0),
                     help="Seconds to wait for another build or update to finish.")(f)
    f = click.option("--progress/--no-progress", default=None,
                     help="Progress bar (default: only on a terminal).")(f)
    f = click.option("-v", "--verbose", is_flag=True, help="List every skipped input, not only the first ones.")(f)
    return f


MAX_PROBLEMS_SHOWN = 20     # a corpus with thousands of empty records must not drown the summary


def _run_writer(fn, *args, progress, lock_timeout, verbose=False):
    """Run index.build/update with messages on stderr; user errors become ClickExceptions."""
    from . import index

    say = lambda m: click.echo(f"quote-index: {m}", err=True)   # noqa: E731
    try:
        report = fn(*args, progress=_progress_default() if progress is None else progress,
                    lock_timeout=lock_timeout, on_message=say)
    except index.IndexError_ as e:
        raise click.ClickException(str(e)) from None
    except OSError as e:
        # A full disk, a read-only or vanished index directory: writers build beside the live
        # index and only swap in a finished one, so the live index is still the previous one.
        where = f" ({e.filename})" if e.filename else ""
        raise click.ClickException(f"{fn.__name__} failed: {e.strerror or e}{where}; "
                                   "the live index was left as it was") from None
    problems = [f"warning: {p}: {r}" for p, r in report.warnings] + [f"skipped {p}: {r}" for p, r in report.skipped]
    shown = problems if verbose else problems[:MAX_PROBLEMS_SHOWN]
    for line in shown:
        click.echo(f"quote-index: {line}", err=True)
    if len(problems) > len(shown):
        click.echo(f"quote-index: ... and {len(problems) - len(shown)} more (--verbose lists them all)", err=True)
    return report


def _summary(r) -> str:
    """The one-line summary printed after build/update."""
    line = (f"{r.articles} articles, {r.quotes} quotes, {r.speakers} speakers, "
            f"{r.clusters} clusters (quotes carried by 2+ articles)")
    if r.mode == "update":
        line = (f"updated: {r.added} new, {r.changed} changed, {r.deleted} deleted file(s); "
                f"{r.rewritten} quote(s) re-linked; now " + line)
    else:
        line = f"indexed {r.files} file(s): " + line
    if r.skipped:
        line += f"; skipped {len(r.skipped)} input(s) (see above)"
    return line + f" in {r.seconds:.1f}s -> {r.index}"


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@index_option
@_writer_options
def build(paths, index_dir, progress, lock_timeout, verbose):
    """Index CORPUS files/directories (default corpus/) from scratch, swapped in atomically."""
    from . import index

    report = _run_writer(index.build, list(paths) or ["corpus"], index_dir,
                         progress=progress, lock_timeout=lock_timeout, verbose=verbose)
    click.echo(_summary(report))


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@index_option
@_writer_options
def update(paths, index_dir, progress, lock_timeout, verbose):
    """Re-index only new, changed and deleted files (default: the corpus the index was built from)."""
    from . import index

    report = _run_writer(index.update, index_dir, list(paths) or None,
                         progress=progress, lock_timeout=lock_timeout, verbose=verbose)
    for m in report.messages:
        if "up to date" in m:
            click.echo(f"quote-index: {m}", err=True)
    click.echo(_summary(report))


def _open(index_dir):
    """The open index, or a ClickException saying where none was found and how to build one."""
    from . import search

    try:
        return search.open_index(index_dir)
    except search.IndexNotFound as e:
        raise click.ClickException(str(e)) from None


def _output_options(f):
    """--json / --csv for listing commands."""
    f = click.option("--csv", "as_csv", is_flag=True, help="CSV rows instead of text.")(f)
    f = click.option("--json", "as_json", is_flag=True, help="JSON instead of text.")(f)
    return f


def _emit_json(data) -> None:
    """Print data as indented UTF-8 JSON."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _emit_csv(rows, columns) -> None:
    """Print rows (dicts) as CSV with the given columns; lists are joined with '; '."""
    import csv

    w = csv.writer(click.get_text_stream("stdout"), lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        w.writerow(["; ".join(map(str, v)) if isinstance(v, (list, tuple)) else
                    ("" if v is None else v) for v in (r.get(c) for c in columns)])


def _marked(segments, color: bool) -> str:
    """Highlight segments as text: bold on a terminal, *stars* otherwise."""
    return "".join(click.style(t, bold=True) if m and color else (f"*{t}*" if m else t)
                   for t, m in segments)


def _quote_line(h, color: bool, marks: bool = True) -> str:
    """One quote hit as two lines: who/where, then the quote."""
    who = h["speaker"] or "(unattributed)"
    where = ", ".join(x for x in (h.get("outlet"), h.get("date"), h.get("medium") and f"to {h['medium']}") if x)
    carried = f" [{h['cluster_size']} articles, cluster {h['cluster']}]" if h.get("cluster_size", 1) > 1 else ""
    text = _marked(h["segments"], color) if marks and h.get("segments") else h["text"]
    cue = f" {h['cue']}" if h.get("cue") else ""
    return f"{who}{cue}{' (' + where + ')' if where else ''}{carried}\n  “{text}”\n  {h['article']}"


@cli.command()
@click.argument("query", required=False, default="")
@click.option("--quotes", "scope", flag_value="quotes", default=True, help="Search quotes (default).")
@click.option("--articles", "scope", flag_value="articles", help="Search articles.")
@click.option("--speaker", help="Only this speaker (name or id; typos tolerated).")
@click.option("--outlet", help="Only this outlet.")
@click.option("--medium", help="Only quotes given to this medium (e.g. DAZN).")
@click.option("--year", help="Only this year (YYYY).")
@click.option("--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Up to this date, inclusive.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100), help="Hits per page.")
@click.option("--page", default=1, show_default=True, type=click.IntRange(1), help="Page of hits.")
@click.option("--raw", is_flag=True, help="Pass Whoosh query syntax through unchanged.")
@_output_options
@index_option
def search(query, scope, speaker, outlet, medium, year, since, until, sort, limit, page, raw,
           as_json, as_csv, index_dir):
    """Search quotes (or articles): words, "phrases", AND/OR/NOT, field:value (speaker:, outlet:, ...)."""
    from . import search as api

    ix = _open(index_dir)
    try:
        res = api.search(ix, query, scope=scope, speaker=speaker, outlet=outlet, medium=medium,
                         year=year, since=since, until=until, sort=sort, page=page, per_page=limit,
                         raw=raw)
    except ValueError as e:
        raise click.ClickException(str(e)) from None
    for m in res["messages"]:
        click.echo(f"quote-index: {m}", err=True)
    if as_json:
        return _emit_json(res)
    if as_csv:
        cols = api.QUOTE_COLUMNS[:1] + ("article", "text", "speaker", "speaker_id", "cue", "outlet",
                                        "medium", "date", "cluster", "cluster_size", "score") \
            if scope == "quotes" else ("id", "title", "outlet", "date", "quote_count", "score")
        return _emit_csv(res["hits"], cols)
    color = sys.stdout.isatty()
    first = (page - 1) * limit
    click.echo(f"{res['total']} {scope} found" + (f", showing {first + 1}-{first + len(res['hits'])}"
                                                  if res["hits"] else ""))
    if res["suggestion"]:
        click.echo(f"Did you mean: {res['suggestion']}")
    for h in res["hits"]:
        if scope == "quotes":
            click.echo(_quote_line(h, color))
        else:
            meta = ", ".join(x for x in (h.get("outlet"), h.get("date")) if x)
            click.echo(f"{h['title'] or h['id']}{' (' + meta + ')' if meta else ''} "
                       f"[{h['quote_count']} quotes]\n  {_marked(h['snippet_segments'], color)}\n  {h['id']}")


@cli.command()
@click.argument("name")
@_output_options
@index_option
def speaker(name, as_json, as_csv, index_dir):
    """One person's quotes, each once with the articles that carry it (typos and case tolerated)."""
    from . import search as api

    ix = _open(index_dir)
    found = api.find_speaker(ix, name)
    if found["match"] is None:
        if not found["candidates"]:
            raise click.ClickException(f"no speaker matches {name!r}; try `quote-index speakers`")
        if as_json:
            return _emit_json(found)
        click.echo(f"{name!r} may be any of these speakers; ask again with a fuller name or an id:")
        for c in found["candidates"]:
            click.echo(f"  {c['name']}  (id {c['id']}, {c['quote_count']} quotes)")
        return
    data = api.speaker(ix, found["match"]["id"])
    if as_json:
        return _emit_json(data)
    if as_csv:
        rows = [{**h, "articles": c["articles"]} for c in data["clusters"] for h in c["quotes"][:1]]
        return _emit_csv(rows, ("cluster", "text", "articles", "outlet", "date", "cue", "medium"))
    sp = data["speaker"]
    click.echo(f"{sp['name']} (id {sp['id']}): {sp['quote_count']} quotes, "
               f"{len(data['clusters'])} distinct; aliases: {', '.join(sp['aliases'])}")
    for c in data["clusters"]:
        h = c["quotes"][0]
        n = len(c["articles"])
        click.echo(f"\n“{h['text']}”\n  {h.get('cue') or ''}{' to ' + h['medium'] if h.get('medium') else ''}; "
                   f"carried by {n} article{'s' * (n != 1)}: {', '.join(c['articles'])}"
                   + (f"; first {c['first_date']}" if c["first_date"] else ""))


@cli.command()
@click.option("--prefix", help="Only names (or aliases, or name words) starting with this.")
@click.option("--limit", type=click.IntRange(1), help="At most this many.")
@_output_options
@index_option
def speakers(prefix, limit, as_json, as_csv, index_dir):
    """Every speaker, A-Z, with their quote counts."""
    from . import search as api

    rows = api.speakers(_open(index_dir), prefix, limit=limit)
    if as_json:
        return _emit_json(rows)
    if as_csv:
        return _emit_csv(rows, ("id", "name", "quote_count", "aliases", "outlets", "first_date", "last_date"))
    for sp in rows:
        click.echo(f"{sp['quote_count']:6d}  {sp['name']}  ({sp['id']})")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="JSON instead of text.")
@index_option
def stats(as_json, index_dir):
    """Counts of the index: articles, quotes, speakers, clusters, outlets; when built; size."""
    from . import search as api

    data = api.stats(_open(index_dir))
    if as_json:
        return _emit_json(data)
    for k, v in data.items():
        click.echo(f"{k:14s} {', '.join(v) if isinstance(v, list) else v}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--what", type=click.Choice(["quotes", "articles", "speakers", "clusters"]), default="quotes",
              show_default=True, help="Which records to export.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="File to write (default: stdout).")
@index_option
def export(fmt, what, output, index_dir):
    """Export every quote (or article, speaker, cluster) in a stable order."""
    import csv

    from . import search as api

    rows = api.export(_open(index_dir), what)
    if fmt == "jsonl":
        for r in rows:
            output.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
        return
    w = None
    for r in rows:
        if w is None:
            w = csv.DictWriter(output, fieldnames=list(r), lineterminator="\n")
            w.writeheader()
        w.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                    for k, v in r.items()})


def main():
    """Console-script entry point."""
    cli(prog_name="quote-index")


if __name__ == "__main__":
    main()
