"""The three things the speed benchmarks compare in one run: this checkout, the baseline (today's
code before issue 10: commit BASELINE, exported from git history into the bench directory) and
the Datasette peer (a prepared scratch copy of ../shared/peers/datasette). A private helper of
bench_build.py, bench_web.py, bench_memory.py, bench_start.py and run_all.py.
"""
from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
BENCH_DIR = pathlib.Path(os.environ.get("QUOTE_INDEX_BENCH_DIR", "/tmp/quote-index-bench"))
BASELINE = "fabbe3a"                       # "today's code" of issue 10
BASELINE_SRC = BENCH_DIR / "baseline-src"
BASELINE_INDEX = BENCH_DIR / "baseline-index"    # bench_build.py builds it with the baseline's code
PEER_SRC = ROOT.parent / "shared" / "peers" / "datasette"
PEER_DIR = BENCH_DIR / "peer"
CORPORA = ROOT.parent / "shared" / "corpora"
# PolNeAR from its root so that metadata.tsv (the sidecar) applies; its .ann files are not read.
CORPUS = [CORPORA / "polnear", CORPORA / "bbc", CORPORA / "reuters21578" / "json-data"]

# The server with the per-generation caches of whole answers sized 0 (search and check answers,
# where the tree has them), so that every search is computed: the workloads' paths repeat and
# would otherwise be answered from them. The caches of parts of an answer stay (the facets of
# filter-only listings, filter doc sets, speaker counts): the baseline has its own of those, and
# a query's answer is never taken from them.
ANSWER_CACHES = {"indexer.search.api": ("_RECENT",), "indexer.search.check": ("_RECENT",)}
_COLD = ("import importlib, sys\n"
         f"for name, sizes in {ANSWER_CACHES!r}.items():\n"
         "    try:\n        mod = importlib.import_module(name)\n"
         "    except ImportError:\n        continue\n"
         "    for size in sizes:\n"
         "        if hasattr(mod, size):\n            setattr(mod, size, 0)\n"
         "try:\n    from quote_index.cli import main\n"
         "except ImportError:\n    from indexer.cli import main\n"
         "sys.argv[0] = 'quote-index'\nmain()\n")


def baseline_tree() -> pathlib.Path:
    """The baseline's source tree, exported once from this repository's history (`git archive`)."""
    if (BASELINE_SRC / "indexer" / "cli.py").exists():
        return BASELINE_SRC
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="baseline-", dir=BENCH_DIR))
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", BASELINE], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(tmp)], input=archive.stdout, check=True)
    shutil.rmtree(BASELINE_SRC, ignore_errors=True)
    tmp.rename(BASELINE_SRC)
    return BASELINE_SRC


def cli_argv(tree: pathlib.Path, cold: bool = False) -> list[str]:
    """How to run a tree's command line: `python3 -m quote_index` here, `-m indexer.cli` in the baseline."""
    if cold:
        return [sys.executable, "-c", _COLD]
    return [sys.executable, "-m", "quote_index" if (tree / "quote_index").is_dir() else "indexer.cli"]


def tree_env(tree: pathlib.Path) -> dict:
    """The environment that makes a tree's packages win over the editable install."""
    return {**os.environ, "PYTHONPATH": str(tree)}


def start_server(tree: pathlib.Path, index_dir: str, port: int, threads: int = 4,
                 cold: bool = False) -> tuple[subprocess.Popen, object]:
    """Start a tree's `serve` on 127.0.0.1:port (not waiting); the process and its stderr log file."""
    # stderr goes to a file, not a pipe: waitress logs when its queue backs up, and an unread
    # pipe fills up and freezes the server mid-run.
    log = tempfile.TemporaryFile()
    argv = cli_argv(tree, cold) + ["serve", "--index", index_dir, "--host", "127.0.0.1",
                                   "--port", str(port), "--threads", str(threads)]
    proc = subprocess.Popen(argv, cwd=str(tree), env=tree_env(tree), stdout=subprocess.DEVNULL, stderr=log)
    return proc, log


def start_peer(peer: pathlib.Path, port: int) -> tuple[subprocess.Popen, object]:
    """Start the peer's `datasette serve` over its db.db (not waiting), as its run_http.sh does."""
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen([str(peer / "venv" / "bin" / "datasette"), "serve", str(peer / "db.db"),
                             "-h", "127.0.0.1", "-p", str(port), "--setting", "sql_time_limit_ms", "5000"],
                            cwd=str(peer), stdout=subprocess.DEVNULL, stderr=log)
    return proc, log


def stop(proc: subprocess.Popen, log=None) -> None:
    """Stop a server this script started (by its pid) and close its log."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    if log is not None:
        log.close()


def log_tail(log) -> str:
    """The last lines a server wrote to its stderr log."""
    log.seek(0)
    return log.read().decode(errors="replace")[-2000:]


def peer_ready(peer: pathlib.Path = PEER_DIR) -> bool:
    """True when the peer copy has its venv, database and URL lists."""
    return (peer / "venv" / "bin" / "datasette").exists() and (peer / "db.db").exists() \
        and (peer / "urls" / "c_speaker_json.txt").exists()


def prepare_peer(peer: pathlib.Path = PEER_DIR, rebuild: bool = False) -> pathlib.Path:
    """A scratch copy of the peer with its venv (datasette, sqlite-utils from PyPI), database,
    query set and URL lists, as the peer's README describes; kept between runs."""
    if peer_ready(peer) and not rebuild:
        return peer
    peer.mkdir(parents=True, exist_ok=True)
    for f in PEER_SRC.iterdir():
        if f.is_file():
            shutil.copyfile(f, peer / f.name)          # copyfile: the shared copy is read-only
    env = {**os.environ, "CORPORA": str(CORPORA)}
    py = peer / "venv" / "bin" / "python"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(peer / "venv")], check=True)
        with open(peer / "pip.log", "w") as log:       # pip's warnings would drown the bench output
            subprocess.run([str(py), "-m", "pip", "install", "-q", "datasette", "sqlite-utils"],
                           check=True, stdout=log, stderr=subprocess.STDOUT)
    (peer / "urls").mkdir(exist_ok=True)
    for script in ("build.py", "gen_queries.py", "make_urls.py"):
        subprocess.run([str(py), script], cwd=str(peer), env=env, check=True, stdout=subprocess.DEVNULL)
    return peer
