#!/usr/bin/env python3
"""Benchmark: full builds over the ~22,000 articles of ../shared/corpora, this checkout against
the baseline (today's code, commit fabbe3a) and the Datasette peer in the same run, plus a build
of the corpus four times (~88,000 articles) to see whether the cost per article holds.

Each build runs end to end (read, extract, resolve speakers and clusters, index, swap) in its own
child process through its command line; its CPU time (user + system) and peak RSS come from
wait4()'s resource usage of that child. The peer's build is its build.py (regex quotes, no
attribution) into a database in the bench directory. The 88,000-article corpus is four copies of
the corpus in the bench directory under four directory names (hard links where the file system
allows), so that article ids differ. Then the same articles and quotes go into SQLite FTS5 in
this process (bench_queries.py's reference). Writes bench/out/build.json; bench_queries.py,
bench_web.py, bench_memory.py and bench_start.py reuse the indexes.

    python3 bench/bench_build.py                        # 22k ours, baseline, peer; 88k ours
    python3 bench/bench_build.py --limit-files 300 --no-peer    # a quick partial run
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import platform
import re
import shutil
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import _trees  # noqa: E402
from indexer import search as S  # noqa: E402
from indexer.serial import to_json  # noqa: E402

CORPORA = _trees.CORPORA
CORPUS = _trees.CORPUS
WORK = _trees.BENCH_DIR
INDEX = WORK / "index"
INDEX_88K = WORK / "index-88k"
CORPUS_88K = WORK / "corpus-88k"
COPIES = ("copy-a", "copy-b", "copy-c", "copy-d")
FTS = WORK / "fts5.sqlite"
OUT = ROOT / "bench" / "out"
# Issue 10's targets for the 22k build, and the 88k build's cost per article against it.
TARGET_ARTICLES_PER_CPU_S = 300
TARGET_PEAK_RSS_MB = 600
TARGET_COST_RATIO_88K = 1.10


def dir_size(path: pathlib.Path) -> int:
    """Bytes of the files in a directory (or of one file)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def build_fts(ix_path: pathlib.Path, db_path: pathlib.Path) -> dict:
    """The same articles and quotes, with the same stored fields and filter columns, in SQLite
    FTS5 (bench/_fts5.py: porter stemmer, diacritics folded); timings."""
    import _fts5
    from indexer.text import fold

    if db_path.exists():
        db_path.unlink()
    ix = S.open_index(str(ix_path))
    t0 = time.perf_counter()
    arts = [to_json(a) for a in S.export(ix, "articles")]
    texts = {a.id: a.text for a in ix.view().documents("article")}
    for a in arts:
        a["text"] = texts.get(a["id"], "")
    quotes = [to_json(q) for q in S.export(ix, "quotes")]
    speakers = [(s.id, s.name, fold(s.name)) for s in S.export(ix, "speakers")]
    read_s = time.perf_counter() - t0
    built = _fts5.build(quotes, arts, speakers, db_path)
    return {"seconds": built["seconds"], "read_back_seconds": round(read_s, 2), "bytes": dir_size(db_path)}


def run_build(argv: list, cwd: pathlib.Path, env: dict | None = None) -> dict:
    """A build as a child process measured by wait4(): wall, CPU (user + system), peak RSS."""
    t0 = time.perf_counter()
    with open(WORK / "build.log", "w+") as log:
        proc = subprocess.Popen(argv, cwd=str(cwd), env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - t0
        log.seek(0)
        output = log.read()
    cpu = usage.ru_utime + usage.ru_stime
    return {"returncode": proc.returncode, "seconds": round(wall, 2), "cpu_seconds": round(cpu, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024), "output_tail": output[-1500:],
            "phases": _phases(output)}


def _phases(output: str) -> str | None:
    """The CLI's "time per phase" summary in a build's output (None when it printed none)."""
    m = re.search(r"time per phase: (.*)", output)
    return m.group(1) if m else None


def ours(paths: list[str], index: pathlib.Path) -> dict:
    """This checkout's `quote-index build` over paths into index."""
    if index.exists():
        shutil.rmtree(index)
    r = run_build(_trees.cli_argv(ROOT) + ["build", "--index", str(index), "--no-progress", *paths],
                  ROOT, _trees.tree_env(ROOT))
    r["articles"] = S.stats(S.open_index(str(index))).articles if r["returncode"] in (0, 1) else 0
    return rates(r)


def baseline(paths: list[str]) -> dict:
    """The baseline's `python3 -m indexer.cli build` over paths into BASELINE_INDEX, from its own tree."""
    tree = _trees.baseline_tree()
    if _trees.BASELINE_INDEX.exists():
        shutil.rmtree(_trees.BASELINE_INDEX)
    r = run_build(_trees.cli_argv(tree) + ["build", "--index", str(_trees.BASELINE_INDEX), *paths],
                  tree, _trees.tree_env(tree))
    m = re.search(r"(\d+) articles", r["output_tail"])
    r["articles"] = int(m.group(1)) if m else 0
    return rates(r)


def peer_build(peer: pathlib.Path) -> dict:
    """The peer's build.py (always the whole corpus) into a database of its own in the bench directory."""
    db = WORK / "peer-build" / "db.db"
    db.parent.mkdir(parents=True, exist_ok=True)
    r = run_build([str(peer / "venv" / "bin" / "python"), str(peer / "build.py"), str(db)], peer,
                  {**os.environ, "CORPORA": str(CORPORA)})
    stats = json.loads((db.parent / "build_stats.json").read_text()) if r["returncode"] == 0 else {}
    r["articles"] = stats.get("articles", 0)
    r["quotes"] = stats.get("quotes")
    r["bytes"] = stats.get("db_size_bytes")
    return rates(r)


def rates(r: dict) -> dict:
    """Articles per CPU-second and per second, and CPU-milliseconds per article, added to a build's figures."""
    n = r.get("articles") or 0
    r["articles_per_cpu_second"] = round(n / r["cpu_seconds"], 1) if r["cpu_seconds"] and n else None
    r["articles_per_second"] = round(n / r["seconds"], 1) if r["seconds"] and n else None
    r["cpu_ms_per_article"] = round(1000 * r["cpu_seconds"] / n, 3) if n else None
    return r


def four_copies(paths: list[str], limit: int) -> list[str]:
    """The corpus (or its first `limit` files) four times under CORPUS_88K/copy-*/, so that article
    ids (paths relative to the root given) differ; hard links where possible, else copies."""
    from indexer.corpus import discover
    shutil.rmtree(CORPUS_88K, ignore_errors=True)
    files = discover([str(p) for p in CORPUS])
    if limit:
        files = files[:limit]
    names = {str(p): p.name if p.name != "json-data" else "reuters" for p in CORPUS}
    first = CORPUS_88K / COPIES[0]
    for f in files:
        dest = first / names[f.root] / f.rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f.path, dest)
    for root in CORPUS:                 # sidecars (PolNeAR's metadata.tsv) and READMEs beside them
        for side in root.iterdir():
            if side.is_file() and (first / names[str(root)]).exists():
                shutil.copyfile(side, first / names[str(root)] / side.name)
    for name in COPIES[1:]:
        shutil.copytree(first, CORPUS_88K / name, copy_function=_link)
    return [str(CORPUS_88K)]


def _link(src: str, dst: str) -> None:
    """Hard-link a file, or copy it when the file system refuses."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def main(argv=None) -> int:
    """Build with this checkout (22k, 88k), the baseline and the peer; FTS5; write bench/out/build.json."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit-files", type=int, default=0, help="Index only the first N source files (each copy too).")
    ap.add_argument("--no-baseline", action="store_true", help="Skip the baseline's build.")
    ap.add_argument("--no-88k", dest="big", action="store_false", help="Skip the four-times corpus build.")
    ap.add_argument("--no-peer", dest="peer", action="store_false", help="Skip the peer's build.")
    ap.add_argument("--peer-dir", default=str(_trees.PEER_DIR), help="The prepared peer copy (prepared when missing).")
    args = ap.parse_args(argv)
    missing = [str(p) for p in CORPUS if not p.exists()]
    if missing:
        print(f"bench_build: corpus not found: {', '.join(missing)}", file=sys.stderr)
        return 1
    WORK.mkdir(parents=True, exist_ok=True)
    paths = [str(p) for p in CORPUS]
    if args.limit_files:
        from indexer.corpus import discover
        paths = [s.path for s in discover(paths)][: args.limit_files]
    builds = {"ours_22k": ours(paths, INDEX)}
    _say("ours_22k", builds["ours_22k"])
    if not args.no_baseline:
        builds["baseline_22k"] = baseline(paths)
        _say("baseline_22k", builds["baseline_22k"])
    if args.peer:
        try:
            peer = _trees.prepare_peer(pathlib.Path(args.peer_dir))
        except (OSError, subprocess.CalledProcessError) as e:
            print(f"bench_build: the peer could not be prepared ({e}); its build is left out", file=sys.stderr)
        else:
            builds["peer_22k"] = peer_build(peer)
            _say("peer_22k", builds["peer_22k"])
    if args.big:
        builds["ours_88k"] = ours(four_copies(paths, args.limit_files), INDEX_88K)
        _say("ours_88k", builds["ours_88k"])
        shutil.rmtree(INDEX_88K, ignore_errors=True)          # ~1 GB of /tmp nobody reads again
        shutil.rmtree(CORPUS_88K, ignore_errors=True)
    stats = to_json(S.stats(S.open_index(str(INDEX))))
    fts = build_fts(INDEX, FTS)
    size = dir_size(INDEX)
    corpus_bytes = sum(dir_size(pathlib.Path(p)) for p in paths)
    figures = {
        "name": "build",
        "command": "python3 bench/bench_build.py " + " ".join(sys.argv[1:] if argv is None else argv),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU(s) visible, Python {platform.python_version()}",
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "corpus": [str(p) for p in CORPUS], "limit_files": args.limit_files or None,
        "builds": {k: {x: v for x, v in b.items() if x != "output_tail"} for k, b in builds.items()},
        "comparison": compare(builds),
        "target": {"articles_per_cpu_second": TARGET_ARTICLES_PER_CPU_S, "peak_rss_mb": TARGET_PEAK_RSS_MB,
                   "cost_per_article_88k_to_22k": TARGET_COST_RATIO_88K},
        "load_average_after": round(os.getloadavg()[0], 2),
        "index_bytes": size, "corpus_bytes": corpus_bytes,
        "index_to_corpus_ratio": round(size / corpus_bytes, 2) if corpus_bytes else None,
        "fts5_seconds": fts["seconds"], "fts5_bytes": fts["bytes"],
        "size_ratio_whoosh_to_fts5": round(size / fts["bytes"], 2) if fts["bytes"] else None,
        "note": "Each build is a child process measured by wait4 (CPU = user + system of the child and "
                "its reaped children; peak RSS = the largest of them). The peer's build.py finds quotes "
                "with a regex and does no attribution, clustering or facets, and always reads the whole "
                "corpus. The FTS5 reference covers inserting already-extracted records only.",
        "stats": {k: stats[k] for k in ("articles", "quotes", "speakers", "clusters", "outlets")},
    }
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "build.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures["comparison"], indent=2))
    return 0 if all(b["returncode"] in (0, 1) for b in builds.values()) else 1


def compare(builds: dict) -> dict:
    """The same-run ratios: ours to the baseline and to the peer, and 88k's cost per article to 22k's."""
    ours22 = builds["ours_22k"]
    out = {"ours_22k_articles_per_cpu_second": ours22["articles_per_cpu_second"],
           "ours_22k_peak_rss_mb": ours22["peak_rss_mb"]}
    for other in ("baseline_22k", "peer_22k"):
        b = builds.get(other)
        if b and b.get("articles_per_cpu_second") and ours22.get("articles_per_cpu_second"):
            out[f"speed_ratio_to_{other}"] = round(ours22["articles_per_cpu_second"] / b["articles_per_cpu_second"], 2)
            out[f"peak_rss_ratio_to_{other}"] = round(ours22["peak_rss_mb"] / b["peak_rss_mb"], 2)
    big = builds.get("ours_88k")
    if big and big.get("cpu_ms_per_article") and ours22.get("cpu_ms_per_article"):
        out["ours_88k_articles"] = big["articles"]
        out["ours_88k_peak_rss_mb"] = big["peak_rss_mb"]
        out["cost_per_article_88k_to_22k"] = round(big["cpu_ms_per_article"] / ours22["cpu_ms_per_article"], 3)
    return out


def _say(name: str, b: dict) -> None:
    """One line per build on stderr."""
    print(f"bench_build: {name}: {b['articles']} articles, {b['cpu_seconds']} CPU-s, {b['seconds']} s, "
          f"{b['articles_per_cpu_second']} articles/CPU-s, peak RSS {b['peak_rss_mb']} MB, exit {b['returncode']}",
          file=sys.stderr, flush=True)
    if b["returncode"] not in (0, 1):
        print(b["output_tail"], file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
