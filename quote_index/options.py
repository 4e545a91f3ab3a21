"""What the commands share: the group that turns library errors into clean messages, and the
option decorators (where the index is, the output format, the writers' options)."""
from __future__ import annotations

import functools
import importlib

import click

from indexer.errors import QuoteIndexError
from indexer.settings import DEFAULT_INDEX, DEFAULTS, DSN_ENV, INDEX_ENV


class Group(click.Group):
    """A click group whose commands may raise the library's errors: each becomes a ClickException
    (its message on stderr, exit status 1), never a traceback.

    lazy maps a command name to the module defining it (its COMMANDS), imported when the command
    is asked for: `update` does not load the search modules the reading commands need.
    """

    def __init__(self, *args, lazy: dict = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx):
        """Every command, those not imported yet too."""
        return sorted(set(super().list_commands(ctx)) | set(self.lazy))

    def get_command(self, ctx, name):
        """A command, importing its module first when it is a lazy one."""
        if name not in self.commands and name in self.lazy:
            for command in importlib.import_module(self.lazy.pop(name)).COMMANDS:
                self.lazy.pop(command.name, None)
                self.add_command(command)
        return super().get_command(ctx, name)

    def invoke(self, ctx):
        """Run the command, mapping a QuoteIndexError to a ClickException."""
        try:
            return super().invoke(ctx)
        except QuoteIndexError as e:
            raise click.ClickException(str(e)) from None


def index_option(f):
    """Shared --index option: where the index lives (env QUOTE_INDEX_DIR, default ./.quote-index)."""
    return click.option(
        "--index", "index_dir", envvar=INDEX_ENV, default=DEFAULT_INDEX, show_default=True,
        type=click.Path(file_okay=False), help=f"Index directory (or set ${INDEX_ENV}).")(f)


def dsn_option(f):
    """Shared --dsn option: the PostgreSQL database of the index (env QUOTE_INDEX_DSN)."""
    return click.option(
        "--dsn", envvar=DSN_ENV, metavar="postgresql://USER:PASSWORD@HOST:PORT/DB",
        help=f"PostgreSQL database of the index (or set ${DSN_ENV}); a read-only standby serves reads.")(f)


def dsn_given(dsn) -> bool:
    """True when --dsn was typed on the command line (not only inherited from the environment)."""
    ctx = click.get_current_context()
    return bool(dsn) and ctx.get_parameter_source("dsn") == click.core.ParameterSource.COMMANDLINE


def output_options(f):
    """--json / --csv / --excel / --keep-formulas for listing commands: the command gets `fmt`
    ("text", "json", "csv" or "excel": CSV with a UTF-8 byte-order mark; JSON when several are
    given) and `defuse` (False with --keep-formulas)."""
    @functools.wraps(f)
    def command(*args, as_json: bool, as_csv: bool, as_excel: bool, keep_formulas: bool, **kwargs):
        """The command with its output format."""
        fmt = "json" if as_json else "excel" if as_excel else "csv" if as_csv else "text"
        return f(*args, fmt=fmt, defuse=not keep_formulas, **kwargs)
    command = keep_formulas_option(command)
    command = click.option("--excel", "as_excel", is_flag=True,
                           help="CSV rows with a UTF-8 byte-order mark, as Excel wants them.")(command)
    command = click.option("--csv", "as_csv", is_flag=True, help="CSV rows instead of text.")(command)
    return click.option("--json", "as_json", is_flag=True, help="JSON instead of text.")(command)


def keep_formulas_option(f):
    """--keep-formulas: CSV cells exactly as stored (by default text a spreadsheet would run as a
    formula, starting with = + - @ tab or CR, gets a leading ')."""
    return click.option("--keep-formulas", is_flag=True,
                        help="CSV: leave cells starting with = + - @ as they are (by default a ' is put "
                             "before them so that a spreadsheet does not run them as formulas).")(f)


def writer_options(f):
    """Options shared by build and update."""
    f = click.option("--lock-timeout", default=DEFAULTS.lock_timeout, show_default=True,
                     type=click.FloatRange(0), help="Seconds to wait for another build or update to finish.")(f)
    f = click.option("--progress/--no-progress", default=None,
                     help="Progress bar (default: only on a terminal).")(f)
    f = click.option("-v", "--verbose", is_flag=True, help="List every skipped input, not only the first ones.")(f)
    return f
