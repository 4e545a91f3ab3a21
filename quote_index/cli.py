"""The `quote-index` command line: a click group whose commands call the library (`indexer`) and,
for `serve`, the web app (`webapp`).

Commands that read the index (search, speaker, speakers, stats, export) live in reading.py; the
options they share in options.py; how answers are printed in output.py.
"""
from __future__ import annotations

import json
import os
import sys

import click

from indexer import corpus, ingest
from indexer.settings import DEFAULTS

from .options import DSN_ENV, Group, dsn_given, dsn_option, index_option, writer_options
from .output import build_summary, phase_summary

MAX_PROBLEMS_SHOWN = DEFAULTS.max_problems_shown   # thousands of empty records must not drown the summary
# The commands of reading.py, imported when one of them runs (the writers need no search modules).
READING = ("search", "check", "speaker", "speakers", "stats", "export", "check-index")


@click.group(cls=Group, lazy={name: "quote_index.reading" for name in READING},
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="quote-index")
def cli():
    """quote-index: extract, index and search who said what in news articles."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table", "parquet"]), default=None,
              help="jsonl: one JSON record per quote (the evaluation contract); table: for reading "
                   "(the default of the local engine); parquet: the Dask engine's default.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this process, quotes on stdout; dask: a batch job writing a records "
                   "directory (--output), partitions extracted on a Dask cluster.")
@click.option("--output", type=click.Path(file_okay=False),
              help="Dask engine: the records directory to write (replaced atomically when finished).")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Dask engine: a running scheduler (default: a local cluster on 127.0.0.1).")
@click.option("--partition-size", type=click.IntRange(1), default=None,
              help="Dask engine: source files per task (default 100).")
@click.option("--workers", type=click.IntRange(1), default=None,
              help="Dask engine without --scheduler: worker processes of the local cluster (default: one per CPU).")
def extract(paths, fmt, engine, output, scheduler, partition_size, workers):
    """Extract attributed quotes from files or directories: printed, or written as records by a Dask job.

    PATHS are .txt, .json (array of records) or .jsonl files, or directories searched recursively
    (other files ignored). A bad input is reported on stderr and skipped; the exit status is 1 when
    anything was skipped, 0 otherwise. With --engine dask the quotes and articles go to --output
    as Parquet (or JSONL) parts by year and month, which `build --from-records` indexes.
    """
    if engine == "dask":
        _extract_dask(paths, fmt or "parquet", output, scheduler, partition_size, workers)
        return
    local_only = [name for name, value in (("--output", output), ("--scheduler", scheduler),
                                           ("--partition-size", partition_size), ("--workers", workers))
                  if value is not None] + (["--format parquet"] if fmt == "parquet" else [])
    if local_only:
        raise click.UsageError(f"{', '.join(local_only)}: only with --engine dask (the local engine "
                               "prints jsonl or table on stdout)")
    _extract_local(paths, fmt or "table")


def _extract_local(paths, fmt):
    """The single-process extract: quotes on stdout as they are found."""
    from indexer.extract import extract_quotes   # at call time: the extractor (and nltk) loads only for extract

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


def _extract_dask(paths, fmt, output, scheduler, partition_size, workers):
    """The extraction job on Dask: a records directory, a summary and the problems on stderr."""
    from indexer.batch.extract_job import run_extract
    from indexer.batch.layout import RecordsError

    if fmt not in ("parquet", "jsonl"):
        raise click.UsageError(f"--engine dask writes parquet or jsonl, not {fmt}")
    if not output:
        raise click.UsageError("--engine dask needs --output DIR (the records directory to write)")
    problems: list = []
    try:
        sizes = {"partition_size": partition_size} if partition_size else {}
        report = run_extract(list(paths), output, fmt=fmt, scheduler=scheduler, workers=workers,
                             on_problem=lambda p: _report(p, problems), **sizes)
    except RecordsError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"quote-index: {report.quotes} quotes from {report.articles} articles ({report.files} files, "
               f"{report.partitions} partitions) written to {report.output} as {fmt} in {report.seconds:g}s",
               err=True)
    if report.skipped or report.failed:
        click.echo(f"quote-index: skipped {len(report.skipped)} input(s)"
                   + (f", {len(report.failed)} partition(s) failed" if report.failed else "")
                   + "; see messages above", err=True)
        sys.exit(1)


def _report(problem, problems):
    """Print a corpus problem once on stderr; remember it for the exit status unless only a warning."""
    if not getattr(problem, "warning", False):
        problems.append(problem)
    click.echo(f"quote-index: {problem}", err=True)


@cli.command()
@index_option
@dsn_option
@click.option("--host", default=DEFAULTS.host, show_default=True,
              help="Address to listen on (0.0.0.0 listens on every interface).")
@click.option("--port", default=DEFAULTS.port, show_default=True, type=click.IntRange(1, 65535), help="TCP port.")
@click.option("--threads", default=DEFAULTS.threads, show_default=True, type=click.IntRange(1, 64),
              help="Request threads in the server.")
@click.option("--connection-limit", default=DEFAULTS.connection_limit, show_default=True,
              type=click.IntRange(2, 10_000), help="Open connections at most (more wait in the backlog).")
@click.option("--channel-timeout", default=DEFAULTS.channel_timeout, show_default=True,
              type=click.IntRange(1, 3600),
              help="Seconds a connection may wait for a whole request (or idle between requests) before it is closed.")
@click.option("--backlog", default=DEFAULTS.backlog, show_default=True, type=click.IntRange(1, 65_535),
              help="Connections the kernel queues while the server is busy.")
@click.option("--cors", "cors", default=None, metavar="ORIGINS",
              help="Let pages of these origins read the JSON and CSV (\"*\" for any; space-separated; "
                   "default: none, or $QUOTE_INDEX_CORS).")
def serve(index_dir, dsn, host, port, threads, connection_limit, channel_timeout, backlog, cors):
    """Serve the web site and its JSON API with waitress (a production server, never debug mode).

    With --dsn (or $QUOTE_INDEX_DSN, unless --index is given) the index is read from PostgreSQL,
    which may be a read-only streaming standby.

    Put a proxy in front of it on a public address (docs/SECURITY.md): it holds the TLS, rate
    and per-client limits; these options keep one server's connections bounded.
    """
    from indexer import search as api
    from webapp import create_app, store    # here, not at the top: the other commands need no Flask

    from .serving import serve as run_server

    ctx = click.get_current_context()
    if dsn and (dsn_given(dsn) or ctx.get_parameter_source("index_dir") != click.core.ParameterSource.COMMANDLINE):
        index_dir = dsn
    ix = api.open_index(index_dir)     # fail now with the library's message, not on the first request
    app = create_app({"INDEX_DIR": index_dir, **({"CORS_ORIGINS": cors} if cors is not None else {})})
    store.warm(app)
    where = ix.path if dsn == index_dir else os.path.abspath(index_dir)   # a DSN is shown without its password
    click.echo(f"quote-index: serving {where} on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    try:
        run_server(app, host=host, port=port, threads=threads, connection_limit=connection_limit,
                   channel_timeout=channel_timeout, backlog=backlog)
    except OSError as e:
        raise click.ClickException(f"cannot listen on {host}:{port}: {e.strerror or e}") from None


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--outlet", "outlets", multiple=True, metavar="[PATH=]NAME",
              help="The outlet that published everything under PATH (one of the paths), or under every "
                   "path: a name (\"BBC News\") or a common slug (bbc). Repeatable; `update` keeps it.")
@index_option
@click.option("--from-records", "records", type=click.Path(file_okay=False),
              help="Index the records of `extract --engine dask --output DIR` instead of reading PATHS.")
@click.option("--backend", type=click.Choice(["whoosh", "postgresql"]), default=None,
              help="Where the index lives: a Whoosh directory (--index, the default) or PostgreSQL "
                   "(--dsn; giving --dsn selects it).")
@dsn_option
@writer_options
def build(paths, outlets, index_dir, records, backend, dsn, progress, lock_timeout, verbose):
    """Index CORPUS files/directories (default corpus/), or extracted records, from scratch, swapped in atomically.

    Bad inputs are reported on stderr and skipped; the rest is indexed, and the exit status is 1
    when anything was skipped (0 otherwise).
    """
    if paths and records:
        raise click.UsageError("give either PATHS or --from-records DIR, not both")
    if outlets and records:
        raise click.UsageError("--outlet names the outlet of PATHS; records keep the outlets extraction found")
    backend = backend or ("postgresql" if dsn_given(dsn) else "whoosh")
    paths = list(paths) or ([] if records else ["corpus"])
    if backend == "postgresql":
        from indexer.ingest.pg_load import load

        if not dsn:
            raise click.UsageError(f"--backend postgresql needs --dsn or ${DSN_ENV}")
        result = _run_writer(load, dsn, records=records, paths=paths or None, outlets=_outlets(paths, outlets),
                             progress=progress, lock_timeout=lock_timeout, verbose=verbose)
    elif records:
        from indexer.ingest.records import build_from_records

        result = _run_writer(build_from_records, records, index_dir,
                             progress=progress, lock_timeout=lock_timeout, verbose=verbose)
    else:
        result = _run_writer(ingest.build, paths, index_dir, progress=progress, lock_timeout=lock_timeout,
                             verbose=verbose, outlets=_outlets(paths, outlets))
    click.echo(build_summary(result))
    if result.skipped:
        sys.exit(1)


def _outlets(paths: list, given: tuple) -> dict:
    """--outlet values as {path: outlet}: PATH=NAME for one of the paths, NAME for all of them."""
    out = {}
    for value in given:
        where, sep, name = value.partition("=")
        if sep and where in paths:
            out[where] = name
        elif sep and os.path.exists(where):
            raise click.BadParameter(f"{where} is not one of the paths to build", param_hint="--outlet")
        else:
            out.update({p: value for p in paths if p not in out})
    return out


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@index_option
@writer_options
@click.option("--rehash", is_flag=True,
              help="Hash every file to find changes, even those whose size and mtime are as recorded.")
def update(paths, index_dir, progress, lock_timeout, verbose, rehash):
    """Re-index only new, changed and deleted files (default: the corpus the index was built from).

    A file whose size and modification time are those recorded is taken as unchanged without
    being read (--rehash reads and hashes every file). A damaged index (a part missing,
    unreadable or not matching its checksum) is rebuilt from the corpus instead, and said so.
    Exit status 1 when an input was skipped, as for build.
    """
    result = _run_writer(ingest.update, index_dir, list(paths) or None, rehash=rehash,
                         progress=progress, lock_timeout=lock_timeout, verbose=verbose)
    click.echo(build_summary(result))
    if result.skipped:
        sys.exit(1)


def _run_writer(fn, *args, progress, lock_timeout, verbose=False, **kwargs) -> ingest.BuildResult:
    """Run ingest.build/update (or a load) with its messages and problems on stderr."""
    say = lambda m: click.echo(f"quote-index: {m}", err=True)   # noqa: E731
    try:
        result = fn(*args, progress=sys.stderr.isatty() if progress is None else progress,
                    lock_timeout=lock_timeout, on_message=say, **kwargs)
    except OSError as e:
        # A full disk, a read-only or vanished index directory: writers build beside the live
        # index and only swap in a finished one, so the live index is still the previous one.
        where = f" ({e.filename})" if e.filename else ""
        raise click.ClickException(f"{fn.__name__} failed: {e.strerror or e}{where}; "
                                   "the live index was left as it was") from None
    if result.phases:
        click.echo(f"quote-index: time per phase: {phase_summary(result.phases)}", err=True)
    problems = [f"warning: {p}: {r}" for p, r in result.warnings] + [f"skipped {p}: {r}" for p, r in result.skipped]
    shown = problems if verbose else problems[:MAX_PROBLEMS_SHOWN]
    for line in shown:
        click.echo(f"quote-index: {line}", err=True)
    if len(problems) > len(shown):
        click.echo(f"quote-index: ... and {len(problems) - len(shown)} more (--verbose lists them all)", err=True)
    return result


def main():
    """Console-script entry point."""
    cli(prog_name="quote-index")
