"""What one hostile request costs, per source tree (this checkout, an export of main, ...): CPU
seconds and answer bytes of each request, answered in-process by the tree's web app (a child
process per tree: `python bench/bench_costs.py --child TREE INDEX URL...`).

Two indexes: the ~22,000 shared articles (--index, bench_build's), for ranges and wildcards; and
a generated one (--costs-index, built here when missing) holding a 50 MB article (prose, a quote
every ~20 kB) and one quote carried by two articles in two 16,000-word wordings (1% of the words
changed), for the article page and the quote comparison.

    python bench/bench_costs.py --index /tmp/rel-bench/index --costs-index /tmp/rel-bench/costs \\
        --tree . --tree /tmp/main-src

Writes bench/out/bench_costs.json.
"""
from __future__ import annotations

import argparse
import json
import os
import pathlib
import random
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "bench_costs.json"
BIG = ["/search.csv?q=text:%5Ba%20TO%20z%5D&scope=articles",
       "/search.csv?q=text:%5Ba%20TO%20z%5D&scope=articles&_raw=1",
       "/search.json?q=*e*&scope=articles&_raw=1",
       "/search.json?q=co*%20OR%20pre*&scope=articles",
       "/search.json?q=said%5E" + "9" * 400 + "&_raw=1"]
COSTS = ["/article/long.txt", "/article/long.txt.json", "/quote/{cluster}"]


def child(tree: str, index_dir: str, urls: list[str]) -> None:
    """In the child: each URL through the tree's app; one JSON line per URL on stdout."""
    sys.path.insert(0, tree)
    os.chdir(tree)
    from webapp import create_app

    client = create_app({"TESTING": True, "INDEX_DIR": index_dir}).test_client()
    client.get("/")
    for url in urls:
        t0, c0 = time.perf_counter(), time.process_time()
        r = client.get(url)
        body = r.get_data()
        cpu, wall = time.process_time() - c0, time.perf_counter() - t0
        finite = True
        if r.mimetype == "application/json":
            try:
                json.loads(body, parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)))
            except ValueError:
                finite = False
        rss = next(int(line.split()[1]) // 1024 for line in open("/proc/self/status") if line.startswith("VmRSS"))
        print(json.dumps({"url": url[:120], "status": r.status_code, "cpu_s": round(cpu, 2),
                          "wall_s": round(wall, 2), "bytes": len(body), "valid_json": finite,
                          "rss_mb": rss}), flush=True)


def build_costs_index(path: str) -> str:
    """The generated index with the 50 MB article and the two long wordings; its cluster id."""
    from indexer import ingest
    from indexer import search as S

    if not os.path.exists(os.path.join(path, "meta.json")):
        corpus = pathlib.Path(path + "-corpus")
        corpus.mkdir(parents=True, exist_ok=True)
        rnd = random.Random(11)
        words = ("council harbour budget library ferry storm winter bridge school river market tram museum "
                 "stadium clinic tunnel garden station plan vote street").split()
        sentence = lambda: " ".join(rnd.choice(words) for _ in range(14)).capitalize() + "."  # noqa: E731
        with open(corpus / "long.txt", "w", encoding="utf-8") as f:
            f.write("A very long article\n\n")
            size = 0
            while size < 50 * 2**20:
                para = " ".join(sentence() for _ in range(40))
                quote = f"\n\n\"The {rnd.choice(words)} will open next {rnd.choice(words)},\" Tom Baker said.\n\n"
                f.write(para + quote)
                size += len(para) + len(quote)
        vocab = [f"{rnd.choice(words)}{i}" for i in range(5000)]
        wording = [rnd.choice(vocab) for _ in range(16_000)]
        other = [rnd.choice(vocab) if k % 100 == 0 else w for k, w in enumerate(wording)]
        for name, ws, day in (("w1", wording, "Monday"), ("w2", other, "Tuesday")):
            (corpus / f"{name}.txt").write_text(f"Long speech\n\n\"{' '.join(ws)},\" Rosa Gallo said on {day}.\n")
        ingest.build([str(corpus)], path)
    gen = S.open_index(path).generation()
    return next(c for c, row in gen.clusters.items() if "w1.txt" in row["articles"])


def main() -> int:
    """Each tree over both indexes; figures to bench/out/bench_costs.json."""
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3], sys.argv[4:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True, help="the ~22,000-article index")
    ap.add_argument("--costs-index", required=True, help="the generated index (built when missing)")
    ap.add_argument("--tree", action="append")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    cluster = build_costs_index(args.costs_index)
    results = {}
    for tree in [str(pathlib.Path(t).resolve()) for t in (args.tree or ["."])]:
        rows = []
        for index_dir, urls in ((args.index, BIG), (args.costs_index, [u.format(cluster=cluster) for u in COSTS])):
            out = subprocess.run([sys.executable, __file__, "--child", tree, index_dir, *urls],
                                 capture_output=True, text=True, timeout=7200)
            rows += [json.loads(line) for line in out.stdout.splitlines() if line.startswith("{")]
            if out.returncode:
                rows.append({"error": out.stderr[-2000:]})
        results[tree] = rows
        for r in rows:
            print(tree, json.dumps(r), flush=True)
    report = {"name": "bench_costs", "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
              "command": "python bench/bench_costs.py " + " ".join(sys.argv[1:]), "results": results,
              "note": "CPU seconds of the process answering (the test client runs the request in it)"}
    pathlib.Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(args.out).write_text(json.dumps(report, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
