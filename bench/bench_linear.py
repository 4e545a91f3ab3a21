"""Extractor cost on pathological text at 1x, 10x and 100x sizes: is it linear?

Each case is a generator of hostile text (quote marks by the thousand, unbalanced and deeply
nested marks, zero-width and right-to-left characters, one endless paragraph, thousands of
pronoun attributions...). For every size the reading heuristics (`corpus.build_article`) and the
extractor (`extract_quotes`) run in a child process with a time limit; the figure is the
ratio of times between sizes: ~10 for linear work, ~100 for quadratic. A ratio above
`--max-ratio` (default 30, generous because small sizes are dominated by constant costs and the
machine is shared) marks the case as superlinear.

Also reads and extracts one 50 MB article, then builds an index of it (`--big-mb`), with peak memory.

    python bench/bench_linear.py                       # 20 kB, 200 kB, 2 MB; 50 MB article
    python bench/bench_linear.py --base 10000 --big-mb 0 --only prose_pronouns

Writes bench/out/bench_linear.json. All text is generated here; nothing is read from a corpus.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import pathlib
import platform
import resource
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# ---------------------------------------------------------------------------------------------
# Hostile text generators: each returns about n characters (own words, nothing copied).

_FIRST = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas",
          "Kofi", "Lena", "Marek", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Stefan", "Tomas"]
_LAST = ["Albers", "Brandt", "Castell", "Dorn", "Eklund", "Ferraro", "Gallo", "Haas", "Ivanova",
         "Jensen", "Kowalski", "Lindqvist", "Moreau", "Novak", "Olsen", "Petrov", "Quist", "Rossi"]


def _fill(unit: str, n: int) -> str:
    """unit repeated to n characters."""
    return (unit * (n // max(1, len(unit)) + 1))[:n]


def prose_names(n: int) -> str:
    """Ordinary news paragraphs: named speakers, surnames later, cue verbs, split quotes."""
    out, size, i = [], 0, 0
    while size < n:
        f, l = _FIRST[i % len(_FIRST)], _LAST[(i * 7) % len(_LAST)]
        p = (f"\"We expect the bridge to reopen by the end of the month,\" {f} {l}, the city engineer, "
             f"said on Monday.\n\n\"The repairs went faster than planned,\" {l} added. \"Nobody was hurt.\"\n\n")
        out.append(p)
        size += len(p)
        i += 1
    return "".join(out)[:n]


def prose_pronouns(n: int) -> str:
    """Many quotes attributed by "he said" after one named person: pronoun resolution each time."""
    head = "The coach Marek Novak spoke after the match.\n\n"
    return head + _fill("\"We played well in the second half and deserved the point,\" he said.\n\n", n - len(head))


def one_paragraph(n: int) -> str:
    """The same, with no line break at all: one paragraph of n characters."""
    return "Marek Novak spoke. " + _fill("\"We played well and deserved it,\" he said. Novak smiled. ", n)


def surname_repeats(n: int) -> str:
    """A full name once, then the bare surname thousands of times (full-name look-ups)."""
    return "Anna Albers, the mayor, spoke.\n\n" + _fill(
        "\"The budget is balanced this year at last,\" Albers said. Anna Albers waved.\n\n", n)


def straight_marks(n: int) -> str:
    """Nothing but straight double quote marks."""
    return '"' * n


def curly_openers(n: int) -> str:
    """Nothing but opening curly marks (never closed)."""
    return "\u201c" * n


def mixed_marks(n: int) -> str:
    """Every kind of mark, cycled, with no words."""
    return _fill("\"\u201c\u201d\u00ab\u00bb\u201e\u2018\u2019'", n)


def unbalanced_words(n: int) -> str:
    """Openers between words, none closed: every paragraph runs to its end."""
    return _fill("\u201cword and another \u2018word ", n)


def deep_nesting(n: int) -> str:
    """Marks nested ever deeper: “a ‘b “c ‘d « e „f ..."""
    return _fill("\u201ca \u2018b \u201cc \u2018d \u00abe \u201ef ", n)


def marks_per_line(n: int) -> str:
    """One quote mark per short line: many tiny hard-wrapped paragraphs."""
    return _fill("\"\nx\n", n)


def zero_width_rtl(n: int) -> str:
    """Zero-width and bidi control characters around and inside quotes."""
    return _fill("\u200b\u200f\u202e\"Th\u200dey s\u2066aid it\u2069 all,\" h\u200ce said.\u202c\u200e ", n)


def long_word(n: int) -> str:
    """A quote, then one word of n letters (no space to break at) as its speaker."""
    return "\"Some words in a quote,\" A" + "a" * n + " said."


def hyphen_chain(n: int) -> str:
    """Capitalised words chained by hyphens after a quote: the name pattern's worst case."""
    return "Ab-Cd \"Some words in a quote,\" " + _fill("Ab-Cd-", n // 2) + "Ef said. " + _fill("Ab-Cd-", n // 2)


def initials(n: int) -> str:
    """Capitals and dots: 'A. B. C. ...', a long run of name-like initials before a cue."""
    return "\"Some words here now,\" " + _fill("A. ", n) + "said."


def cue_words(n: int) -> str:
    """Cue verbs by the thousand with commas and a quote every so often."""
    return _fill("said, told, added, according to, \"yes it is so,\" ", n)


def newlines(n: int) -> str:
    """Blank lines only."""
    return "\n" * n


def apostrophes(n: int) -> str:
    """Apostrophes inside words: didn't, O'Neill, rock 'n' roll."""
    return _fill("didn't O'Neill rock 'n' roll ’90s ", n)


CASES = {f.__name__: f for f in (
    prose_names, prose_pronouns, one_paragraph, surname_repeats, straight_marks, curly_openers,
    mixed_marks, unbalanced_words, deep_nesting, marks_per_line, zero_width_rtl, long_word,
    hyphen_chain, initials, cue_words, newlines, apostrophes)}


# ---------------------------------------------------------------------------------------------
# Measuring in a child process (so that a runaway case can be stopped)


def _child(case: str, n: int, conn) -> None:
    """Generate, then time the reading heuristics and the extractor; send (seconds, quotes)."""
    from indexer import corpus
    from indexer.extract import extract_quotes

    text = CASES[case](n)
    t0 = time.perf_counter()
    art = corpus.build_article("bench.txt", "bench.txt", text, {}, "h")
    found = extract_quotes(art)
    conn.send((time.perf_counter() - t0, len(found), len(text)))
    conn.close()


def measure(case: str, n: int, timeout: float) -> dict:
    """One (case, size): seconds and quotes found, or a timeout."""
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_child, args=(case, n, child))
    p.start()
    child.close()
    ok = parent.poll(timeout)
    if not ok:
        p.kill()
        p.join()
        return {"chars": n, "seconds": None, "timeout": timeout}
    try:
        seconds, found, chars = parent.recv()
    except EOFError:
        p.join()
        return {"chars": n, "seconds": None, "error": f"child exited with {p.exitcode}"}
    p.join()
    return {"chars": chars, "seconds": round(seconds, 4), "quotes": found,
            "chars_per_s": round(chars / seconds) if seconds > 0 else None}


def _big_child(path: str, conn) -> None:
    """Read and extract one big file, then build an index of it; send the figures."""
    from indexer import corpus
    from indexer.extract import extract_quotes

    t0 = time.perf_counter()
    problems, n = [], 0
    for art in corpus.iter_articles([path], on_problem=problems.append):
        n += len(extract_quotes(art))
    extract_s = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # then the whole build: read, extract, index the 50 MB text in Whoosh, swap in
    from indexer import ingest
    t0 = time.perf_counter()
    report = ingest.build([path], os.path.join(os.path.dirname(path), "index"))
    build_s = time.perf_counter() - t0
    peak_build = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    conn.send((extract_s, n, round(peak), [str(p) for p in problems],
               {"build_seconds": round(build_s, 1), "indexed_articles": report.articles,
                "indexed_quotes": report.quotes, "peak_rss_mb_after_build": round(peak_build)}))
    conn.close()


def sparse_prose(n: int) -> str:
    """Plain reporting paragraphs (names, places, numbers) with a quote about every 20 kB."""
    rnd, out, size, i = __import__("random").Random(9), [], 0, 0
    words = ("the council said on Tuesday that the harbour works in Riverton would cost more than "
             "planned and Marek Novak of the ferry company asked for a new timetable by March").split()
    while size < n:
        para = " ".join(rnd.choice(words) for _ in range(120)).capitalize() + ".\n\n"
        if i % 100 == 99:
            para += (f"\"We will publish the full figures for item {i} next week,\" "
                     f"{_FIRST[i % len(_FIRST)]} {_LAST[i % len(_LAST)]} said.\n\n")
        out.append(para)
        size += len(para)
        i += 1
    return "".join(out)[:n]


def big_article(mb: int, timeout: float) -> dict:
    """A generated mb-megabyte article of ordinary prose, read from disk, extracted, indexed."""
    text = sparse_prose(mb * 1_000_000)
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "big.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("A very long article\n\n" + text)
        ctx = mp.get_context("fork")
        parent, child = ctx.Pipe(duplex=False)
        p = ctx.Process(target=_big_child, args=(path, child))
        p.start()
        child.close()
        if not parent.poll(timeout):
            p.kill()
            p.join()
            return {"megabytes": mb, "extract_seconds": None, "timeout": timeout}
        seconds, found, peak, problems, build = parent.recv()
        p.join()
    return {"megabytes": mb, "extract_seconds": round(seconds, 2), "quotes": found,
            "extract_mb_per_s": round(mb / seconds, 2), "peak_rss_mb": peak, "problems": problems,
            **build}


def main(argv=None) -> int:
    """Run every case at base, 10x base and 100x base characters; write the JSON figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", type=int, default=20_000, help="1x size in characters (default 20000)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds allowed per measurement")
    ap.add_argument("--max-ratio", type=float, default=30.0,
                    help="time ratio per 10x size above which a case counts as superlinear")
    ap.add_argument("--big-mb", type=int, default=50, help="size of the big article (0: skip)")
    ap.add_argument("--only", action="append", help="run only this case (repeatable)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "bench_linear.json"))
    args = ap.parse_args(argv)

    sizes = [args.base, args.base * 10, args.base * 100]
    results, bad = {}, []
    for case in (args.only or CASES):
        rows = []
        for n in sizes:
            r = measure(case, n, args.timeout)
            if r["seconds"] is not None and r["seconds"] < 0.5:
                # short runs are the noisiest on a shared core: keep the best of three
                r = min([r, measure(case, n, args.timeout), measure(case, n, args.timeout)],
                        key=lambda x: x["seconds"] if x["seconds"] is not None else float("inf"))
            rows.append(r)
            if r["seconds"] is None:
                break                        # a larger size would only time out later
        ratios = [round(b["seconds"] / a["seconds"], 1) if a.get("seconds") and b.get("seconds") else None
                  for a, b in zip(rows, rows[1:])]
        # Tiny times are noise: judge a ratio only when the larger run took 50 ms or more.
        judged = [r for r, b in zip(ratios, rows[1:]) if r is not None and b["seconds"] >= 0.05]
        timed_out = any(r["seconds"] is None for r in rows)
        linear = not timed_out and all(r <= args.max_ratio for r in judged)
        if not linear:
            bad.append(case)
        results[case] = {"runs": rows, "ratios": ratios, "linear": linear}
        shown = ", ".join(f"{r['chars']:>9,d} ch {r['seconds'] if r['seconds'] is not None else 'TIMEOUT'}s"
                          for r in rows)
        print(f"{case:18s} {'ok ' if linear else 'BAD'} ratios {ratios}  [{shown}]", flush=True)

    big = big_article(args.big_mb, max(args.timeout, 600)) if args.big_mb else None
    if big:
        print(f"big article: {big}", flush=True)
    out = {"name": "bench_linear", "date": time.strftime("%Y-%m-%d %H:%M:%S"),
           "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                       "platform": platform.platform()},
           "command": "python bench/bench_linear.py " + " ".join(argv if argv is not None else sys.argv[1:]),
           "sizes": sizes, "max_ratio": args.max_ratio, "cases": results,
           "superlinear": bad, "big_article": big,
           "note": "times measured on a shared machine while others work: noisy; ratios matter"}
    pathlib.Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(args.out).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"{len(CASES if not args.only else args.only) - len(bad)} linear, {len(bad)} superlinear "
          f"{bad or ''} -> {args.out}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
