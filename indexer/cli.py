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
    """Extract attributed quotes from files or directories and print them."""
    from . import corpus, quotes

    problems = []
    out = click.get_text_stream("stdout")
    for article in corpus.iter_articles(paths, on_problem=lambda p: _report(p, problems)):
        for q in quotes.extract_quotes(article):
            if fmt == "jsonl":
                out.write(json.dumps(q.to_json(), ensure_ascii=False) + "\n")
            else:
                who = q.speaker or "?"
                out.write(f"{q.article}\t{who}\t{q.cue or ''}\t{q.medium or ''}\t{q.text[:80]}\n")
    if problems:
        click.echo(f"quote-index: skipped {len(problems)} input(s); see messages above", err=True)
        sys.exit(1)


def _report(problem, problems):
    """Print a corpus problem once on stderr and remember it for the exit status."""
    problems.append(problem)
    click.echo(f"quote-index: {problem}", err=True)


def main():
    """Console-script entry point."""
    cli(prog_name="quote-index")


if __name__ == "__main__":
    main()
