"""The commands that read the index: search, check, speaker, speakers, stats, export. Each prints
its answer through `output.emit`: text by default, --json (the whole answer) or --csv (its rows;
quotes in the one quote row layout, `--excel` for a UTF-8 byte-order mark)."""
from __future__ import annotations

import sys

import click

from indexer import search as api
from indexer.records import Speaker
from indexer.results import EXPORTS, ArticleHit, QuoteHit
from indexer.serial import to_json
from indexer.settings import DEFAULTS

from .options import index_option, keep_formulas_option, output_options
from .output import article_lines, check_lines, emit, quote_lines


@click.command()
@click.argument("query", required=False, default="")
@click.option("--quotes", "scope", flag_value="quotes", default=True, help="Search quotes (default).")
@click.option("--articles", "scope", flag_value="articles", help="Search articles.")
@click.option("--speaker", help="Only this speaker (name or id; typos tolerated).")
@click.option("--outlet", help="Only this outlet.")
@click.option("--medium", help="Only quotes given to this medium (e.g. DAZN).")
@click.option("--year", help="Only this year (YYYY).")
@click.option("--since", help="From this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Up to this date, inclusive.")
@click.option("--sort", type=click.Choice(api.SORTS + ("date",)), default=DEFAULTS.default_sort,
              show_default=True, help="newest/oldest: by date, undated last; carried: most articles first.")
@click.option("--limit", default=DEFAULTS.default_per_page, show_default=True,
              type=click.IntRange(1, DEFAULTS.max_per_page), help="Hits per page.")
@click.option("--page", default=1, show_default=True, type=click.IntRange(1), help="Page of hits.")
@click.option("--raw", is_flag=True, help="Pass Whoosh query syntax through unchanged.")
@click.option("--every-report", is_flag=True,
              help="One hit per article carrying a quote, instead of each quote once.")
@click.option("--min-confidence", type=click.FloatRange(0, 1),
              help=f"Hide attributions less sure than this (unsure: below {DEFAULTS.low_confidence}).")
@output_options
@index_option
def search(query, scope, speaker, outlet, medium, year, since, until, sort, limit, page, raw, every_report,
           min_confidence, fmt, defuse, index_dir):
    """Search quotes (each once, however many articles carried it) or articles: words, "phrases",
    AND/OR/NOT, field:value (speaker:, outlet:, year:, ...).

    Ranges (field:[a TO b]) and the rest of Whoosh's syntax need --raw. Every search is bounded:
    an expanding word matches at most a thousand words, and a search stops after two seconds
    with what it found (a message says so).
    """
    res = api.search(api.open_index(index_dir).pin(), query, scope=scope, speaker=speaker, outlet=outlet,
                     medium=medium, year=year, since=since, until=until, sort=sort, page=page,
                     per_page=limit, raw=raw, group=not every_report, min_confidence=min_confidence)
    for m in res.messages:
        click.echo(f"quote-index: {m}", err=True)
    emit(fmt, answer=res, rows=res.hits, cls=QuoteHit if scope == "quotes" else ArticleHit,
         lines=_search_lines(res, scope, page, limit), defuse=defuse)


def _search_lines(res, scope: str, page: int, limit: int):
    """The text answer of a search: the count, a suggestion, then each hit."""
    color = sys.stdout.isatty()
    first = (page - 1) * limit
    reports = f" ({res.reports} reports)" if res.grouped and res.reports != res.total else ""
    yield f"{res.total} {scope} found{reports}" + (f", showing {first + 1}-{first + len(res.hits)}" if res.hits else "")
    if res.suggestion:
        yield f"Did you mean: {res.suggestion}"
    for h in res.hits:
        yield quote_lines(h, color) if scope == "quotes" else article_lines(h, color)


@click.command()
@click.argument("text")
@output_options
@index_option
def check(text, fmt, defuse, index_dir):
    """Check a quote: the quotes of the index that TEXT may be (reordered, shortened, a word
    changed, other marks), who said each, the article that carried it first, how many outlets
    did, and TEXT against the real wording."""
    result = api.check(api.open_index(index_dir).pin(), text)
    emit(fmt, answer=result, rows=(m.first for m in result.matches), cls=QuoteHit,
         lines=check_lines(result, sys.stdout.isatty()), defuse=defuse)


@click.command()
@click.argument("name")
@click.option("--sort", type=click.Choice(api.SPEAKER_SORTS), default="newest", show_default=True,
              help="carried: the quotes most articles carried first.")
@click.option("--outlet", help="Only quotes of this outlet (slug or name).")
@click.option("--year", help="Only quotes of this year (YYYY).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), help="Hide attributions less sure than this.")
@output_options
@index_option
def speaker(name, sort, outlet, year, min_confidence, fmt, defuse, index_dir):
    """One person's quotes, each once with the articles that carry it (typos and case tolerated:
    a name nobody has lists the closest ones, most alike first)."""
    ix = api.open_index(index_dir).pin()
    found = api.find_speaker(ix, name)
    if found.match is None:
        if not found.candidates:
            raise click.ClickException(f"no speaker matches {name!r}; try `quote-index speakers`")
        lines = [f"{found.message} Ask again with a fuller name or an id:"]
        lines += [f"  {c.name}  (id {c.id}, {c.quote_count} quotes, {c.similarity:.0f}% alike)"
                  for c in found.candidates]
        return emit(fmt, answer=found, rows=found.candidates, cls=Speaker, lines=lines, defuse=defuse)
    if found.message:
        click.echo(f"quote-index: {found.message}", err=True)
    data = api.speaker(ix, found.match.id, sort=sort, outlet=outlet, year=year, min_confidence=min_confidence)
    emit(fmt, answer=data, rows=(h for c in data.clusters for h in c.quotes), cls=QuoteHit,
         lines=_speaker_lines(data), defuse=defuse)


def _speaker_lines(data):
    """The text answer of a speaker: who, then each quote once with the articles carrying it."""
    sp = data.speaker
    shown = f", {data.quote_count} of them shown" if data.filters else ""
    yield (f"{sp.name} (id {sp.id}): {sp.quote_count} quotes{shown}, {len(data.clusters)} distinct, "
           f"{data.sort} first; aliases: {', '.join(sp.aliases)}")
    for c in data.clusters:
        h = c.quotes[0]
        n = len(c.articles)
        yield (f"\n“{h.text}”\n  {h.cue or ''}{' to ' + h.medium if h.medium else ''}; "
               f"carried by {n} article{'s' * (n != 1)}: {', '.join(c.articles)}"
               + (f"; first {c.first_date}" if c.first_date else ""))


@click.command()
@click.option("--prefix", help="Only names (or aliases, or name words) starting with this.")
@click.option("--sort", type=click.Choice(api.SPEAKER_ORDERS), default="count", show_default=True,
              help="count: most quoted first; name: A-Z.")
@click.option("--kind", type=click.Choice(api.KINDS), help="Only people, or only organisations.")
@click.option("--outlet", help="Only those this outlet quoted (slug or name); counts become theirs there.")
@click.option("--since", help="Only those quoted since (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Only those quoted until then.")
@click.option("--limit", type=click.IntRange(1), help="At most this many.")
@output_options
@index_option
def speakers(prefix, sort, kind, outlet, since, until, limit, fmt, defuse, index_dir):
    """Every speaker with their quote counts, most quoted first (or A-Z)."""
    rows = api.speakers(api.open_index(index_dir).pin(), prefix, limit=limit, sort=sort, kind=kind,
                        outlet=outlet, since=since, until=until)
    emit(fmt, answer=rows, rows=rows, cls=Speaker,
         lines=(f"{sp.quote_count:6d}  {sp.name}  ({sp.id})" for sp in rows), defuse=defuse)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="JSON instead of text.")
@index_option
def stats(as_json, index_dir):
    """Counts of the index: articles, quotes, speakers, clusters, outlets; when built; size."""
    data = api.stats(api.open_index(index_dir).pin())
    emit("json" if as_json else "text", answer=data,
         lines=(f"{k:14s} {', '.join(v) if isinstance(v, list) else v}" for k, v in to_json(data).items()))


@click.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--what", type=click.Choice(api.EXPORT_KINDS), default="quotes", show_default=True,
              help="Which records to export.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="File to write (default: stdout).")
@click.option("--excel", is_flag=True, help="CSV: start with a UTF-8 byte-order mark, as Excel wants it.")
@keep_formulas_option
@index_option
def export(fmt, what, output, excel, keep_formulas, index_dir):
    """Export every quote (or article, speaker, cluster) in a stable order: JSON lines hold every
    stored fact; a CSV of quotes has the one quote row layout (the web's and `search --csv`'s)."""
    emit(fmt, rows=api.export(api.open_index(index_dir).pin(), what), cls=EXPORTS[what], out=output,
         lossless=what != "quotes", excel=excel, defuse=not keep_formulas)


@click.command("check-index")
@click.option("--json", "as_json", is_flag=True, help="JSON instead of text.")
@index_option
def check_index(as_json, index_dir):
    """Check every part of the index (meta.json, side tables, Whoosh's table of contents and
    segments, their checksums, every stored document); exit status 1 when it is damaged."""
    found = api.check_index(index_dir)
    emit("json" if as_json else "text", answer=found, lines=[found.message])
    if not found.ok:
        sys.exit(1)


COMMANDS = (search, check, speaker, speakers, stats, export, check_index)
