"""A private PostgreSQL cluster for tests: Debian's server, its own data directory, 127.0.0.1 and a free port.

Tests run as root and PostgreSQL refuses to run as root, so initdb, pg_ctl and pg_basebackup run
as the `postgres` user that Debian's package creates. The superuser has a random password (the
DSN carries it) and host connections use scram-sha-256. fsync is off: these clusters are thrown
away after the run. A standby is a pg_basebackup -R copy of the primary, streaming from it.
"""
from __future__ import annotations

import glob
import os
import secrets
import shutil
import signal
import subprocess
from typing import Optional

from .common import free_port, stop_pid, wait_for

DATABASE = "quote_index"
USER = "postgres"
PACKAGE = "postgresql"          # Debian 12: PostgreSQL 15


def bindir() -> Optional[str]:
    """Directory of initdb/pg_ctl: $PG_BINDIR, else the newest /usr/lib/postgresql/*/bin, else PATH."""
    candidates = [os.environ.get("PG_BINDIR", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True)
    found = shutil.which("initdb")
    candidates.append(os.path.dirname(found) if found else "")
    for d in candidates:
        if d and os.path.isfile(os.path.join(d, "initdb")) and os.path.isfile(os.path.join(d, "pg_ctl")):
            return d
    return None


def install() -> str:
    """Install Debian's PostgreSQL server when it is missing (needs root); its bin directory."""
    found = bindir()
    if found:
        return found
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", PACKAGE], check=True, env=env)
    found = bindir()
    if not found:
        raise RuntimeError(f"apt-get installed {PACKAGE} but no initdb/pg_ctl was found under /usr/lib/postgresql")
    return found


def _as_postgres(cmd: list[str], env: Optional[dict] = None, **kw) -> subprocess.CompletedProcess:
    """Run a PostgreSQL program as the postgres user when we are root (as ourselves otherwise)."""
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", USER, "--"] + cmd
    try:
        return subprocess.run(cmd, env={**os.environ, **(env or {})}, check=True, capture_output=True,
                              text=True, **kw)
    except subprocess.CalledProcessError as e:
        raise RuntimeError(f"{os.path.basename(cmd[cmd.index('--') + 1] if '--' in cmd else cmd[0])} "
                           f"failed (exit {e.returncode}): {(e.stderr or e.stdout or '').strip()[-2000:]}") from None


def _own(path: str) -> None:
    """Give a directory we made to the postgres user (when we are root)."""
    if os.geteuid() == 0:
        shutil.chown(path, USER, USER)


def _psql(bin_: str, port: int, password: str, sql: str, db: str = "postgres") -> str:
    """Run one SQL command over TCP; its unaligned output."""
    out = subprocess.run([os.path.join(bin_, "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", USER, "-d", db,
                          "-XAtqc", sql], env={**os.environ, "PGPASSWORD": password, "PGCONNECT_TIMEOUT": "5"},
                         check=True, capture_output=True, text=True)
    return out.stdout.strip()


def _settings(port: int, datadir: str) -> str:
    """postgresql.conf lines for a private cluster on 127.0.0.1:port, replication-capable."""
    return "\n".join([
        "", "# quote-index test cluster",
        "listen_addresses = '127.0.0.1'", f"port = {port}",
        f"unix_socket_directories = '{datadir}'",
        "fsync = off", "synchronous_commit = off", "full_page_writes = off",
        "wal_level = replica", "max_wal_senders = 5", "wal_keep_size = '64MB'", "hot_standby = on",
        "max_connections = 50", "shared_buffers = '64MB'", ""])


def start_primary(base: str, bin_: Optional[str] = None) -> dict:
    """initdb and start a primary in base/primary; its pid, port, password and DSN."""
    bin_ = bin_ or bindir()
    if not bin_:
        raise RuntimeError("PostgreSQL is not installed (no initdb); run `python3 tests/services/services.py install`")
    os.makedirs(base, exist_ok=True)
    _own(base)
    for parent in (os.path.dirname(base),):
        os.chmod(parent, os.stat(parent).st_mode | 0o711)   # the postgres user must get through it
    datadir, password = os.path.join(base, "primary"), secrets.token_urlsafe(18)
    pwfile = os.path.join(base, "pwfile")
    with open(os.open(pwfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
        f.write(password + "\n")
    _own(pwfile)
    _as_postgres([os.path.join(bin_, "initdb"), "-D", datadir, "-U", USER, f"--pwfile={pwfile}",
                  "--auth-host=scram-sha-256", "--auth-local=peer", "-E", "UTF8", "--locale=C.UTF-8"])
    os.unlink(pwfile)
    port = free_port()
    with open(os.path.join(datadir, "postgresql.conf"), "a") as f:
        f.write(_settings(port, datadir))
    info = _start(bin_, datadir, port, password, "primary")
    _psql(bin_, port, password, f"CREATE DATABASE {DATABASE}")
    return info


def start_standby(base: str, primary: dict, bin_: Optional[str] = None) -> dict:
    """A streaming standby of primary in base/standby (pg_basebackup -R), read-only, on its own port."""
    bin_ = bin_ or bindir()
    datadir, port = os.path.join(base, "standby"), free_port()
    _as_postgres([os.path.join(bin_, "pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary["port"]), "-U", USER,
                  "-D", datadir, "-R", "-X", "stream", "-c", "fast"], env={"PGPASSWORD": primary["password"]})
    with open(os.path.join(datadir, "postgresql.auto.conf"), "a") as f:
        f.write(f"\nport = {port}\nunix_socket_directories = '{datadir}'\n")
    info = _start(bin_, datadir, port, primary["password"], "standby")
    wait_for(lambda: _psql(bin_, port, primary["password"], "SELECT pg_is_in_recovery()") == "t",
             "standby in recovery", 30)
    return info


def _start(bin_: str, datadir: str, port: int, password: str, role: str) -> dict:
    """pg_ctl start a data directory and wait until it answers; its description."""
    log = datadir + ".log"
    open(log, "a").close()
    _own(log)
    try:
        _as_postgres([os.path.join(bin_, "pg_ctl"), "-D", datadir, "-l", log, "-w", "-t", "60", "start"])
    except RuntimeError as e:
        with open(log, errors="replace") as f:
            raise RuntimeError(f"PostgreSQL {role} did not start on 127.0.0.1:{port}: {e}\n"
                               f"{f.read()[-2000:]}") from None
    with open(os.path.join(datadir, "postmaster.pid")) as f:
        pid = int(f.readline())
    wait_for(lambda: _ready(bin_, port, password), f"PostgreSQL {role} on port {port} accepting queries", 30)
    return {"role": role, "pid": pid, "port": port, "datadir": datadir, "log": log, "password": password,
            "dsn": f"postgresql://{USER}:{password}@127.0.0.1:{port}/{DATABASE}"}


def _ready(bin_: str, port: int, password: str) -> bool:
    """True when the server answers a query."""
    try:
        return _psql(bin_, port, password, "SELECT 1") == "1"
    except subprocess.CalledProcessError:
        return False


def stop(info: dict) -> bool:
    """Stop a cluster by its postmaster pid (fast shutdown: SIGINT); False when it was not running."""
    return stop_pid(info["pid"], signal.SIGINT, timeout=30)
