"""Eighteen ways to damage an index, and what every surface must do about each: name it, never
trace it.

Each kind damages a copy of a sound index in place (a deleted, emptied, garbled, truncated or
bit-flipped part: meta.json, the side tables, Whoosh's table of contents, the segment file).
Then, for each kind:
- every reading CLI command (search, speaker, speakers, stats, export) ends with exit status 0
  or 1 and no traceback; a failure says "the index at ... is damaged: ..." (or "No index");
- `check-index` finds the damage (exit status 1);
- every page of the web app answers below 500 (503 when the index cannot be read), both from
  an app that opens the damaged index and from an app that had the sound one open before;
- `update` says it is rebuilding the damaged index from its corpus and leaves a sound index.

Used by bench/bench_faults.py (real `quote-index` processes, and `serve`) and by
tests/test_damaged_index.py (in-process, on the seed corpus).
"""
from __future__ import annotations

import json
import os
import pathlib
import shutil
from typing import Callable

META, SPEAKERS, CLUSTERS, WORDS, FILES = "meta.json", "speakers.json", "clusters.json", "words.json", "files.json"


def _file(ix: pathlib.Path, suffix: str) -> pathlib.Path:
    """The index file ending in suffix (the segment file, the table of contents)."""
    found = sorted(p for p in ix.iterdir() if p.name.endswith(suffix))
    if not found:
        raise FileNotFoundError(f"no *{suffix} in {ix}")
    return found[-1]


def _flip(path: pathlib.Path, where: float, count: int = 8) -> None:
    """Invert `count` bytes of a file at a fraction of its length (0.5: the middle)."""
    data = bytearray(path.read_bytes())
    at = min(max(0, int(len(data) * where)), max(0, len(data) - count))
    for i in range(at, min(len(data), at + count)):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def _truncate(path: pathlib.Path, fraction: float) -> None:
    """Cut a file to a fraction of its length."""
    os.truncate(path, int(path.stat().st_size * fraction))


def _write(name: str, data) -> Callable:
    """A damage that replaces a file's content (bytes as they are, anything else as JSON)."""
    def damage(ix: pathlib.Path) -> None:
        (ix / name).write_bytes(data if isinstance(data, bytes) else json.dumps(data).encode())
    return damage


def _meta_bad_parts(ix: pathlib.Path) -> None:
    """meta.json still valid JSON, its record of the parts a string."""
    meta = json.loads((ix / META).read_text())
    meta["parts"] = "every one"
    (ix / META).write_text(json.dumps(meta))


KINDS: dict[str, Callable[[pathlib.Path], None]] = {
    "meta-deleted": lambda ix: (ix / META).unlink(),
    "meta-empty": lambda ix: _truncate(ix / META, 0),
    "meta-garbage": _write(META, b"\x00\xffnot json{"),
    "meta-not-an-object": _write(META, [1, 2, 3]),
    "meta-parts-garbled": _meta_bad_parts,
    "speakers-deleted": lambda ix: (ix / SPEAKERS).unlink(),
    "speakers-truncated": lambda ix: _truncate(ix / SPEAKERS, 0.5),
    "speakers-wrong-shape": _write(SPEAKERS, {"someone": 1}),
    "clusters-bit-flipped": lambda ix: _flip(ix / CLUSTERS, 0.5),
    "words-garbage": _write(WORDS, b"[[[["),
    "files-garbage": _write(FILES, b"\x00\x01\x02"),
    "toc-deleted": lambda ix: _file(ix, ".toc").unlink(),
    "toc-truncated": lambda ix: _truncate(_file(ix, ".toc"), 0.5),
    "toc-bit-flipped": lambda ix: _flip(_file(ix, ".toc"), 0.5, 16),
    "segment-deleted": lambda ix: _file(ix, ".seg").unlink(),
    "segment-truncated": lambda ix: _truncate(_file(ix, ".seg"), 0.5),
    "segment-bit-flipped-middle": lambda ix: _flip(_file(ix, ".seg"), 0.5, 64),
    "segment-bit-flipped-end": lambda ix: _flip(_file(ix, ".seg"), 1.0, 32),
}
assert len(KINDS) == 18
# Kinds after which meta.json, which names the corpus, cannot be read: `update` needs the paths.
META_LOST = {"meta-deleted", "meta-empty", "meta-garbage", "meta-not-an-object"}

# The reading commands every kind is tried with (the index option is added by the caller).
CLI_READS = [["search", "said"], ["search", "", "--articles", "--csv"], ["speaker", "a"], ["speakers"],
             ["stats"], ["export", "--what", "quotes"], ["export", "--what", "articles", "--format", "csv"]]
WEB_PAGES = ["/", "/search?q=said", "/search.json?q=said&scope=articles", "/search.csv?q=said", "/speakers",
             "/speakers.json", "/api/names?q=a", "/openapi.json"]


def damaged_copy(sound: str, work: pathlib.Path, kind: str) -> str:
    """A copy of the sound index under work, damaged in place the way `kind` says."""
    target = work / f"ix-{kind}"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(sound, target)
    KINDS[kind](target)
    return str(target)


def entity_pages(sound: str) -> list[str]:
    """A speaker, an article and a quote page of the sound index (they exist before the damage)."""
    from urllib.parse import quote

    from indexer import search as S

    ix = S.open_index(sound).pin()
    sp = S.speakers(ix)[0]
    prof = S.speaker(ix, sp.id)
    group = prof.clusters[0]
    return [f"/speaker/{quote(sp.id)}", f"/article/{quote(group.articles[0], safe='')}",
            f"/quote/{quote(group.cluster, safe='')}"]


def web_outcomes(index_dir: str, pages: list[str], app=None) -> dict:
    """Status of every page from an app over index_dir (or a given, already running app)."""
    from webapp import create_app

    app = app or create_app({"TESTING": True, "INDEX_DIR": index_dir})
    client = app.test_client()
    out = {}
    for page in WEB_PAGES + pages:
        r = client.get(page)
        body = r.get_data(as_text=True)
        out[page] = r.status_code if "Traceback" not in body else "traceback"
    return out


def judge_cli(args: list[str], code: int, output: str) -> list[str]:
    """What is wrong with one CLI run on a damaged index (empty when it behaved)."""
    problems = []
    if "Traceback" in output:
        problems.append(f"{' '.join(args)}: a traceback")
    if code not in (0, 1):
        problems.append(f"{' '.join(args)}: exit status {code}")
    if code == 1 and "is damaged:" not in output and "No index" not in output and "no speaker" not in output:
        problems.append(f"{' '.join(args)}: failed without naming the damage: {output[-300:]!r}")
    return problems


def judge_web(statuses: dict) -> list[str]:
    """What is wrong with the pages' answers (empty when none is a 500 or a traceback)."""
    return [f"{page}: {status}" for page, status in statuses.items()
            if status == "traceback" or (isinstance(status, int) and status >= 500 and status != 503)]


def judge_check(code: int, output: str) -> list[str]:
    """check-index must find the damage."""
    if code != 1 or "is damaged" not in output:
        return [f"check-index did not report the damage (exit {code}): {output[-300:]!r}"]
    return []


def judge_update(code: int, output: str, index_dir: str, paths_given: bool, kind: str) -> list[str]:
    """update must say it rebuilds and leave a sound index; without corpus paths, on an index
    whose meta.json (where the corpus is named) is lost, it must fail saying so."""
    from indexer import search as S

    if "up to date" in output or "nothing to do" in output:
        return [f"update said there was nothing to do on a damaged index: {output[-300:]!r}"]
    if kind in META_LOST and not paths_given:
        if code == 1 and "is damaged" in output and "corpus is unknown" in output:
            return []
        return [f"update without paths on a lost meta.json (exit {code}): {output[-400:]!r}"]
    problems = []
    if code != 0 or "rebuilding it from the corpus" not in output:
        problems.append(f"update did not rebuild (exit {code}): {output[-400:]!r}")
    found = S.check_index(index_dir)
    if not found.ok:
        problems.append(f"after update the index is not sound: {found.message}")
    return problems


# ---------------------------------------------------------------------------------------------
# With real processes (bench/bench_faults.py)


def run_kind(kind: str, sound: str, corpus: str, work: pathlib.Path, pages: list[str], cmd: list[str],
             env: dict, cwd: str) -> dict:
    """One kind against real `quote-index` processes (cmd: the interpreter and `-m quote_index`):
    the reading commands, check-index, serve (and its pages), update. A result dict."""
    import subprocess

    def run(args: list[str], timeout: float = 300) -> tuple[int, str]:
        """(exit status, stdout + stderr) of one command."""
        r = subprocess.run(cmd + args, capture_output=True, text=True, env=env, cwd=cwd, timeout=timeout)
        return r.returncode, r.stdout + r.stderr

    ix = damaged_copy(sound, work, kind)
    problems: list[str] = []
    tracebacks = 0
    for args in CLI_READS:
        code, out = run(args + ["--index", ix])
        tracebacks += "Traceback" in out
        problems += judge_cli(args, code, out)
    code, out = run(["check-index", "--index", ix])
    tracebacks += "Traceback" in out
    problems += judge_check(code, out)
    served = serve_outcome(ix, pages, cmd, env, cwd)
    tracebacks += served["tracebacks"]
    problems += served["problems"]
    code, out = run(["update", "--index", ix])
    tracebacks += "Traceback" in out
    problems += judge_update(code, out, ix, False, kind)
    if kind in META_LOST:
        code, out = run(["update", corpus, "--index", ix])
        tracebacks += "Traceback" in out
        problems += judge_update(code, out, ix, True, kind)
    return {"kind": kind, "tracebacks": tracebacks, "server_errors": served["5xx"],
            "serve": served["how"], "statuses": served["statuses"], "problems": problems, "ok": not problems}


def serve_outcome(ix: str, pages: list[str], cmd: list[str], env: dict, cwd: str) -> dict:
    """`serve` on a damaged index: it refuses with a message (no traceback), or it serves every
    page with a status below 500 (503 allowed)."""
    import http.client
    import socket
    import subprocess
    import tempfile
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd + ["serve", "--index", ix, "--port", str(port), "--threads", "2"],
                            env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=log)
    out = {"how": "", "statuses": {}, "5xx": 0, "tracebacks": 0, "problems": []}
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        if proc.poll() is not None:
            out["how"] = f"refused (exit {proc.returncode})"
        else:
            out["how"] = "served"
            for page in WEB_PAGES + pages:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                conn.request("GET", page)
                resp = conn.getresponse()
                body = resp.read().decode("utf-8", "replace")
                conn.close()
                out["statuses"][page] = resp.status
                if resp.status >= 500 and resp.status != 503:
                    out["5xx"] += 1
                    out["problems"].append(f"serve: {page}: {resp.status}")
                if "Traceback" in body:
                    out["tracebacks"] += 1
    finally:
        if proc.poll() is None:
            proc.terminate()
        proc.wait(timeout=20)
        log.seek(0)
        err = log.read().decode("utf-8", "replace")
        log.close()
    if out["how"].startswith("refused"):
        if "Traceback" in err:
            out["tracebacks"] += 1
            out["problems"].append("serve refused with a traceback")
        elif "is damaged" not in err and "No index" not in err:
            out["problems"].append(f"serve refused without naming the damage: {err[-300:]!r}")
    return out
