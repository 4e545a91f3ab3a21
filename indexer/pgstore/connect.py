"""Connecting to the index's database: a DSN named by its host, port and database, never its password.

A DSN is a URL (postgresql://USER:PASSWORD@HOST:PORT/DB) or libpq key=value pairs. Every message
about a connection says `host:port/db` (`describe`); where a DSN must be shown (`redact`: the
index location in stats, the server's start-up line) its password is left out.
"""
from __future__ import annotations

import os
import re
from typing import Optional

from ..errors import QuoteIndexError

CONNECT_TIMEOUT = 10             # seconds; libpq's connect_timeout
_URL = re.compile(r"^postgres(?:ql)?://", re.I)
_KEYS = re.compile(r"(?:^|\s)(?:host|hostaddr|dbname|port|user|service)\s*=", re.I)


def looks_like_dsn(location: str) -> bool:
    """True when location names a PostgreSQL database (a postgresql:// URL or key=value pairs)."""
    return bool(location) and bool(_URL.match(location) or _KEYS.search(location))


def driver(error: type = QuoteIndexError):
    """The psycopg module; `error` saying what to install when it is missing."""
    try:
        import psycopg
    except ImportError as e:
        raise error(f"the PostgreSQL backend needs psycopg ({e}); install it with: "
                    "pip install 'quote-index[scale]'") from None
    return psycopg


def _parts(dsn: str) -> dict:
    """The DSN's parameters; {} when it does not parse."""
    psycopg = driver()
    try:
        return psycopg.conninfo.conninfo_to_dict(dsn)
    except psycopg.Error:
        return {}


def describe(dsn: str) -> str:
    """host:port/db of a DSN, for messages (never the password)."""
    p = _parts(dsn)
    host = p.get("host") or p.get("hostaddr") or os.environ.get("PGHOST") or "localhost"
    port = p.get("port") or os.environ.get("PGPORT") or "5432"
    db = p.get("dbname") or os.environ.get("PGDATABASE") or p.get("user") or ""
    return f"{host}:{port}/{db}" if db else f"{host}:{port}"


def redact(dsn: str) -> str:
    """The DSN as a URL without its password: postgresql://user@host:port/db."""
    p = _parts(dsn)
    user = p.get("user")
    return f"postgresql://{user + '@' if user else ''}{describe(dsn)}"


def password(dsn: str) -> Optional[str]:
    """The DSN's password (to scrub it from a driver's message), or None."""
    return _parts(dsn).get("password") or None


def reason(e: BaseException, dsn: str) -> str:
    """The driver's reason for a failure, on one line, without the DSN's password."""
    text = " ".join(str(e).split()) or type(e).__name__
    secret = password(dsn)
    if secret:
        text = text.replace(secret, "***")
    # libpq repeats the host and port we name ourselves: keep what went wrong.
    text = re.sub(r'^connection failed: connection to server at "[^"]*"(?: \([^)]*\))?, port \d+ failed: ', "", text)
    return text


def connect(dsn: str, error: type = QuoteIndexError, *, autocommit: bool = True,
            application_name: str = "quote-index"):
    """A psycopg connection to the DSN's database; `error` (a QuoteIndexError) naming host and port when none."""
    psycopg = driver(error)
    if not _parts(dsn):
        raise error("the DSN is not a PostgreSQL connection string "
                    "(use postgresql://USER:PASSWORD@HOST:PORT/DB or host=... dbname=...)")
    try:
        return psycopg.connect(dsn, autocommit=autocommit, connect_timeout=CONNECT_TIMEOUT,
                               application_name=application_name)
    except psycopg.Error as e:
        raise error(f"cannot connect to PostgreSQL at {describe(dsn)}: {reason(e, dsn)}") from None
