#!/usr/bin/env python3
"""Benchmark: a one-file update at ~22,000 articles, this checkout next to the baseline commit.

On a /tmp copy of the shared corpora (polnear, bbc, reuters21578/json-data: ~22,000 articles),
builds an index with this checkout and one with the baseline tree (`git archive` of
--baseline-rev, the code before the speed work), then times the one-file update in fresh
processes, alternated ours / baseline --rounds times (one sentence appended to one BBC file
before each): CPU seconds (user + system of the child, from os.wait4's rusage), wall seconds and
peak RSS, min and median, and the ratio baseline / ours. Then, for ours only: 1, 10 and 100
changed files, one deleted and one added; last, a fresh build of the same files, whose exports
(quotes, speakers, clusters, articles: `quote-index export` JSON lines) must be byte-identical
to the updated index's. Writes bench/out/update.json.

    python3 bench/bench_update.py                     # ~5-8 minutes on one quiet core
    python3 bench/bench_update.py --no-baseline       # ours only
    python3 bench/bench_update.py --corpus bbc --rounds 5
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import platform
import shutil
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
# The ~22,000 shared articles: (source under SHARED, where the copy goes).
CORPORA = {"polnear": "polnear", "bbc": "bbc", "reuters": "reuters21578/json-data"}
BASELINE_REV = "fabbe3a"              # the code before the speed work (issue 10's "today's code")
CHANGED = "bbc/politics/010.txt"       # the file the one-file update changes
KINDS = ("quotes", "speakers", "clusters", "articles")


def sentence(i: int) -> str:
    """A quoted sentence to append (written here; a new quote each time)."""
    return f'\n"We will look at this again in week {i}," Ada Example said.\n'


def run(cmd: list, cwd: pathlib.Path) -> dict:
    """Run a command in a fresh process: its exit status, wall and CPU seconds, peak RSS (MB)."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    # build/update exit 1 when inputs were skipped (the corpus holds empty records): not a failure
    if p.returncode not in (0, 1):
        raise SystemExit(f"bench_update: {' '.join(map(str, cmd))} failed ({p.returncode}):\n"
                         f"{err.decode(errors='replace')[-2000:]}")
    return {"cpu": round(ru.ru_utime + ru.ru_stime, 3), "wall": round(wall, 3),
            "rss_mb": round(ru.ru_maxrss / 1024, 1)}


class Tree:
    """One checkout's command line: where it runs and how its module is called."""

    def __init__(self, name: str, cwd: pathlib.Path, module: str):
        self.name, self.cwd, self.module = name, cwd, module

    def cmd(self, *args) -> list:
        """A command of this checkout."""
        return [sys.executable, "-m", self.module, *map(str, args)]

    def build(self, corpus: pathlib.Path, index: pathlib.Path) -> dict:
        """Build index from corpus; time and memory."""
        shutil.rmtree(index, ignore_errors=True)
        return run(self.cmd("build", corpus, "--index", index), self.cwd)

    def update(self, index: pathlib.Path) -> dict:
        """Update index from its corpus; time and memory."""
        return run(self.cmd("update", "--index", index), self.cwd)


def summary(runs: list[dict]) -> dict:
    """min / median of each measure over runs, and the runs themselves."""
    out = {}
    for k in ("cpu", "wall", "rss_mb"):
        values = [r[k] for r in runs]
        out[k] = {"min": min(values), "median": round(statistics.median(values), 3)}
    out["runs"] = runs
    return out


def copy_corpus(work: pathlib.Path, names: list[str]) -> pathlib.Path:
    """The corpora copied under work/corpus (updates append to these copies, never the originals)."""
    corpus = work / "corpus"
    for name in names:
        src = SHARED / CORPORA[name]
        if not src.exists():
            raise SystemExit(f"bench_update: corpus not found: {src}")
        shutil.copytree(src, corpus / CORPORA[name])
    return corpus


def baseline_tree(work: pathlib.Path, rev: str) -> Tree:
    """The baseline commit exported from this repository's history into work/baseline."""
    dest = work / "baseline"
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True)
    if archive.returncode:
        raise SystemExit(f"bench_update: git archive {rev} failed: {archive.stderr.decode(errors='replace')}")
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    # the baseline predates the quote_index package: its CLI is indexer.cli
    module = "quote_index" if (dest / "quote_index").is_dir() else "indexer.cli"
    return Tree(f"baseline {rev}", dest, module)


def one_file(ours: Tree, base: Tree, corpus: pathlib.Path, indexes: dict, rounds: int) -> dict:
    """The one-file update, alternated ours / baseline, each after appending a sentence."""
    target = corpus / CHANGED
    runs: dict = {"ours": [], "baseline": []}
    n = 0
    for _ in range(rounds):
        for key, tree in (("ours", ours), ("baseline", base)):
            if tree is None:
                continue
            n += 1
            with open(target, "a", encoding="utf-8") as f:
                f.write(sentence(n))
            runs[key].append(tree.update(indexes[key]))
    out = {"changed_file": CHANGED, "rounds": rounds, "ours": summary(runs["ours"])}
    if base is not None:
        out["baseline"] = summary(runs["baseline"])
        out["speedup_cpu_median"] = round(out["baseline"]["cpu"]["median"] / out["ours"]["cpu"]["median"], 2)
        out["speedup_wall_median"] = round(out["baseline"]["wall"]["median"] / out["ours"]["wall"]["median"], 2)
        out["speedup_cpu_min"] = round(out["baseline"]["cpu"]["min"] / out["ours"]["cpu"]["min"], 2)
    return out


def steps(ours: Tree, corpus: pathlib.Path, index: pathlib.Path) -> dict:
    """Ours only: 1, 10 and 100 changed files, then one deleted and one added."""
    files = sorted(p for p in (corpus / "bbc").rglob("*.txt") if p.name != "README.TXT"
                   and p != corpus / CHANGED)
    out, done = {}, 0
    for n in (1, 10, 100):
        for i, p in enumerate(files[done:done + n]):
            with open(p, "a", encoding="utf-8") as f:
                f.write(sentence(1000 + done + i))
        done += n
        out[f"{n}_changed"] = ours.update(index)
    files[-1].unlink()
    (corpus / "bbc" / "added.txt").write_text("A new story\n" + sentence(9999), encoding="utf-8")
    out["1_added_1_deleted"] = ours.update(index)
    return out


def exports_equal(ours: Tree, updated: pathlib.Path, fresh: pathlib.Path, work: pathlib.Path) -> dict:
    """Per kind: whether `export --what KIND` of the updated and the fresh index are byte-identical."""
    out = {}
    for kind in KINDS:
        files = []
        for tag, index in (("updated", updated), ("fresh", fresh)):
            path = work / f"{tag}-{kind}.jsonl"
            proc = subprocess.run(ours.cmd("export", "--what", kind, "--index", index, "-o", path), cwd=ours.cwd)
            if proc.returncode:
                raise SystemExit(f"bench_update: export --what {kind} of {index} failed")
            files.append(path.read_bytes())
        out[kind] = {"identical": files[0] == files[1], "records": files[1].count(b"\n")}
    return out


def articles_of(index: pathlib.Path) -> int:
    """The article count an index's meta.json records."""
    return json.loads((index / "meta.json").read_text())["counts"]["articles"]


def main(argv=None) -> int:
    """Build both, time the one-file update alternated, then ours' steps and the fresh-build check."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline-rev", default=BASELINE_REV, help="baseline commit (default %(default)s)")
    ap.add_argument("--no-baseline", action="store_true", help="time this checkout only")
    ap.add_argument("--rounds", type=int, default=3, help="alternated one-file updates (default 3)")
    ap.add_argument("--corpus", action="append", choices=sorted(CORPORA),
                    help="corpora to copy (repeatable; default all three, ~22,000 articles)")
    ap.add_argument("--work", default=os.path.join(os.environ.get("QUOTE_INDEX_BENCH_DIR", "/tmp/quote-index-bench"),
                                                   "update"), help="scratch directory (emptied first)")
    args = ap.parse_args(argv)
    work = pathlib.Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    names = args.corpus or list(CORPORA)
    corpus = copy_corpus(work, names)
    ours = Tree("ours", ROOT, "quote_index")
    base = None if args.no_baseline else baseline_tree(work, args.baseline_rev)
    indexes = {"ours": work / "ours", "baseline": work / "baseline-index"}
    figures = {"name": "update",
               "command": "python3 bench/bench_update.py " + " ".join(argv if argv is not None else sys.argv[1:]),
               "machine": f"{platform.machine()}, {os.cpu_count()} CPU(s) visible, Python {platform.python_version()}",
               "date": time.strftime("%Y-%m-%d %H:%M"),
               "corpus": "a /tmp copy of " + ", ".join(f"../shared/corpora/{CORPORA[n]}" for n in names),
               "baseline": None if base is None else args.baseline_rev,
               "measures": "cpu: user+system seconds of the child process (os.wait4); wall: seconds; "
                           "rss_mb: the child's peak RSS; each update a fresh `update --index` process"}
    print("bench_update: building (ours)", file=sys.stderr, flush=True)
    figures["build"] = {"ours": ours.build(corpus, indexes["ours"])}
    figures["articles"] = articles_of(indexes["ours"])
    if base is not None:
        print("bench_update: building (baseline)", file=sys.stderr, flush=True)
        figures["build"]["baseline"] = base.build(corpus, indexes["baseline"])
    print("bench_update: one-file updates", file=sys.stderr, flush=True)
    figures["one_file_update"] = one_file(ours, base, corpus, indexes, args.rounds)
    figures["noop_update"] = ours.update(indexes["ours"])
    print("bench_update: 1/10/100 changed, deleted, added", file=sys.stderr, flush=True)
    figures["steps_ours"] = steps(ours, corpus, indexes["ours"])
    print("bench_update: fresh build and export comparison", file=sys.stderr, flush=True)
    fresh = work / "fresh"
    figures["fresh_build"] = ours.build(corpus, fresh)
    figures["update_equals_fresh_build"] = exports_equal(ours, indexes["ours"], fresh, work)
    equal = all(v["identical"] for v in figures["update_equals_fresh_build"].values())
    figures["update_equals_fresh_build"]["all_identical"] = equal
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "update.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))
    shutil.rmtree(work, ignore_errors=True)
    return 0 if equal else 1


if __name__ == "__main__":
    sys.exit(main())
