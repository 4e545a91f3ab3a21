"""Evaluation: how many of the most quoted speaker names look wrong, by simple checks.

Reads an index (`--index DIR`, e.g. /tmp/quote-index-bench/index) or, with `--extract`, runs
extraction and identity resolution in memory over the shared corpora (no Whoosh index is
written). Lists the top N speakers by quote count and flags names whose first word is a
sentence opener, title, role or adjective, that are all caps, a single word while a full form
with that surname exists among the speakers, or that repeat a word. Prints the flagged names and
a count; writes bench/out/eval_speakers.json.

    python3 bench/eval_speakers.py --index /tmp/quote-index-bench/index
    python3 bench/eval_speakers.py --build /tmp/quote-index-h8/index   # ~3 min, then reads it
    python3 bench/eval_speakers.py --extract            # ~2 min of CPU over ~22,000 articles
    python3 bench/eval_speakers.py --index DIR --all    # long-tail checks over every speaker
"""
from __future__ import annotations

import argparse
import json
import pathlib
import sys
from collections import Counter

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer import lexicon as L  # noqa: E402
from indexer.extract.names import first_name  # noqa: E402
from indexer.resolve import identities  # noqa: E402
from indexer.text import fold  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
CORPUS = [CORPORA / "polnear", CORPORA / "bbc", CORPORA / "reuters21578" / "json-data"]
OUT = ROOT / "bench" / "out" / "eval_speakers.json"

# First words that are never the start of a person's name (checked independently of the
# extractor's own lists, lower-cased; the extractor's TITLES and role nouns are added below).
_BAD_FIRST = frozenset("""
besides former real billionaire democrat democratic republican gop year commerce treasury budget
defence defense finance spokesman spokeswoman counsel exchequer the a an but and when while after
says said see also former ex late rival candidate nominee senior top chief deputy acting president
british american french german japanese chinese russian soviet italian israeli iranian iraqi
european canadian australian indian mexican brazilian west east north south new then now
""".split())


def checks(name: str, single_surnames: set, kind: str = "person") -> list[str]:
    """The reasons a display name looks wrong (empty when it looks like a clean name). The
    first-word check is for people: "New York Times" and "North American Free Trade Agreement"
    are organisations whose names begin so."""
    words = name.split()
    why = []
    if not words:
        return ["empty"]
    first = words[0].strip(".").lower()
    if kind != "organization" and (first in _BAD_FIRST or first.capitalize() in L.TITLES or first in L.ROLE_NOUNS):
        why.append(f"first word {words[0]!r}")
    if any(w.isupper() and len(w) > 2 for w in words):
        why.append("all caps")
    if len(words) == 1 and fold(words[0]) in single_surnames:
        why.append("single token while a full form exists")
    folded = [fold(w) for w in words]
    if len(set(folded)) < len(folded):
        why.append("repeated token")
    return why


# Adverbs and prepositions that open a sentence but never a name (the "long tail" check).
_ADV_PREP = frozenset("""
again across along around behind beyond below beside through throughout toward towards within via
amid amidst already always never ever once twice soon afterwards otherwise nevertheless nonetheless
likewise similarly additionally separately ultimately finally eventually recently currently
previously apparently clearly obviously certainly sadly unfortunately fortunately interestingly
notably initially overall elsewhere inside outside beneath above except alongside in on at of for
from to by with without about after before during since until under over into onto upon between
among against despite then still meanwhile however
""".split())
_DATES = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february
september october november december today tonight yesterday tomorrow""".split())


def tail_checks(name: str) -> list[str]:
    """Long-tail reasons over every speaker: a participle, adverb/preposition or role noun as the
    first word, or a day/month as the last (independent of the extractor's own lists)."""
    words = name.split()
    if not words:
        return ["empty"]
    first, last = words[0].strip(".").lower(), words[-1].strip(".").lower()
    why = []
    if first.endswith("ing") and len(first) >= 6 and not first_name(words[0]) \
            and words[0] not in L.ING_NAMES:
        why.append("-ing first word")
    if first in _ADV_PREP:
        why.append("adverb/preposition first word")
    if first in L.ROLE_NOUNS and len(words) > 1:
        why.append("role noun first word")
    if len(words) > 1 and last in _DATES:
        why.append("day/month last word")
    return why


def all_report(rows: list[dict]) -> dict:
    """Count, over all speakers, the names that fail a tail check; print them by reason."""
    by: dict[str, list] = {}
    for r in rows:
        for why in tail_checks(r["name"]):
            by.setdefault(why, []).append(r)
    for why, rs in sorted(by.items()):
        print(f"{why}: {len(rs)} names, {sum(r['quote_count'] for r in rs)} quotes")
        print("   " + ", ".join(repr(r["name"]) for r in rs[:40]))
    flagged = {r["name"] for rs in by.values() for r in rs}
    print(f"\n{len(flagged)} of {len(rows)} speaker names fail a long-tail check")
    return {"speakers": len(rows), "flagged": len(flagged),
            "by_reason": {w: len(rs) for w, rs in by.items()}}


def from_index(path: str) -> list[dict]:
    """Speakers (name, aliases, quote_count) from an existing index."""
    from indexer import search
    ix = search.open_index(path)
    return [{"name": s.name, "aliases": list(s.aliases), "quote_count": s.quote_count}
            for s in search.speakers(ix)]


def from_extraction() -> list[dict]:
    """Speakers by extracting every article of the shared corpora and resolving identities, with
    the kind (person / organization) most of their quotes carry."""
    from indexer.extract import extract_quotes
    names, kinds = [], Counter()
    for art in _articles():
        for q in extract_quotes(art):
            if q.speaker:
                names.append(q.speaker)
                kinds[(q.speaker, q.speaker_kind)] += 1
    res = identities.resolve(names)
    counts = Counter(res.speaker_id(n) for n in names)
    kind_of: dict = {}
    for (name, kind), n in kinds.items():
        kind_of.setdefault(res.speaker_id(name), Counter())[kind] += n
    return [{"name": res.names[sid], "aliases": res.aliases[sid], "quote_count": c,
             "kind": kind_of[sid].most_common(1)[0][0]} for sid, c in counts.items()]


def _articles():
    """Every article of the shared corpora, as the index build reads them."""
    from indexer import corpus
    roots = [str(r) for r in CORPUS if r.exists()]
    for r in CORPUS:
        if not r.exists():
            print(f"eval_speakers: corpus not found: {r}", file=sys.stderr)
    yield from corpus.iter_articles(roots)


def main(argv=None) -> int:
    """Evaluate the top speakers and print the names that look wrong."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", help="read speakers from this index directory")
    ap.add_argument("--build", metavar="DIR",
                    help="first build the corpora into this index directory (not the shared bench one)")
    ap.add_argument("--extract", action="store_true", help="extract in memory instead")
    ap.add_argument("--top", type=int, default=300)
    ap.add_argument("--label", default="", help="a tag stored with the figures (before/after)")
    ap.add_argument("--all", action="store_true",
                    help="long-tail checks over every speaker (participle, adverb, role, date)")
    args = ap.parse_args(argv)
    if args.build:
        from indexer import ingest
        report = ingest.build([str(r) for r in CORPUS if r.exists()], args.build)
        print(f"built {args.build}: {report}"[:300], file=sys.stderr)
        args.index = args.build
    if not args.index and not args.extract:
        ap.error("give --index DIR, --build DIR or --extract")
    rows = from_index(args.index) if args.index else from_extraction()
    rows.sort(key=lambda r: (-r["quote_count"], r["name"]))
    if args.all:
        got = all_report(rows)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.with_name("eval_speakers_all.json").write_text(
            json.dumps({"label": args.label, "source": args.index or "extract", **got}, indent=1))
        return 0
    top = rows[: args.top]
    full_surnames = {fold(r["name"].split()[-1]) for r in rows
                     if len(r["name"].split()) >= 2 and r["quote_count"] >= 2}
    bad = []
    for rank, r in enumerate(top, 1):
        why = checks(r["name"], full_surnames, r.get("kind") or "person")
        if why:
            bad.append({"rank": rank, "name": r["name"], "quotes": r["quote_count"], "why": why})
            print(f"{rank:4d} {r['quote_count']:5d}  {r['name']!r:40s} {'; '.join(why)}")
    print(f"\n{len(bad)} of the top {len(top)} speaker names look wrong "
          f"({sum(b['quotes'] for b in bad)} quotes)")
    for r in top[:50]:
        print(f"  {r['quote_count']:5d} {r['name']!r} {r.get('kind') or ''} aliases {r['aliases'][:6]}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"label": args.label, "source": args.index or "extract",
                               "top": len(top), "wrong": len(bad), "flagged": bad}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
