#!/usr/bin/env python3
"""Check sets for "who said it": fresh articles from the shared corpora, labelled by hand, scored.

The articles are research-licensed, so a check set (its texts and its labels) lives outside the
repository, by default in ../checksets/NAME. The rules are measured once on a set nobody has read
before its errors are read: that figure is the honest estimate for news the rules were not written
against (docs/ATTRIBUTION.md, round 5).

    python3 bench/checkset.py pick I --exclude ../checksets/C ../checksets/D   # 72 BBC + 48 Reuters
    # two annotators label texts/000-059 and 060-119 blind, following bench/CHECKSET_GUIDE.md,
    # into labels_1.jsonl and labels_2.jsonl in the set's directory
    python3 bench/checkset.py score ../checksets/I [--checkout DIR] [--errors]

`score` judges names as ../shared/tools/polnear_score.py does (every word of the gold name, titles
and initials aside, in the predicted name); quotes the extractor does not find do not count for
names, as in `resolved_name_acc`; unnamed sources (gold null) are counted apart.
"""
from __future__ import annotations

import argparse
import glob
import hashlib
import importlib.util
import json
import pathlib
import random
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
SCORER = ROOT.parent / "shared" / "tools" / "polnear_score.py"
BBC, REUTERS = 72, 48


def _quoted(text: str, need: int = 4) -> bool:
    """Whether the text has at least `need` opening double quotation marks."""
    return text.count('"') + text.count("\u201c") >= need


def _pool(source: str, corpora: pathlib.Path, taken: set) -> list:
    """(source, path, article) of one corpus that have quotes to label and are in no earlier set."""
    from indexer.corpus.read import read_file
    if source == "reuters":
        return [("reuters", p, a) for p in sorted(glob.glob(f"{corpora}/reuters21578/json-data/*.json"))
                for a in read_file(p, root=f"{corpora}/reuters21578/json-data")
                if _quoted(a.text) and len(a.text) > 800 and a.id not in taken]
    # BBC and PolNeAR train are one article per text file, title on line 1
    pattern = {"bbc": f"{corpora}/bbc/*/*.txt", "polnear-train": f"{corpora}/polnear/train/text/*.txt"}[source]
    return [(source, p, a) for p in sorted(glob.glob(pattern)) for a in read_file(p, root=p.rsplit("/", 2)[0])
            if _quoted(a.text) and a.id not in taken]


def pick(name: str, out: pathlib.Path, exclude: list[pathlib.Path], corpora: pathlib.Path,
         mix: dict[str, int] | None = None) -> None:
    """Draw the set: texts/NNN.txt as quote-index reads them, and articles.jsonl (n, id, path, half, labeller)."""
    sys.path.insert(0, str(ROOT))
    mix = mix or {"bbc": BBC, "reuters": REUTERS}
    taken = {json.loads(line)["id"] for d in exclude for line in open(d / "articles.jsonl", encoding="utf-8")}
    rng = random.Random(f"check-{name}")
    chosen = [x for source, k in mix.items() for x in rng.sample(_pool(source, corpora, taken), k)]
    rng.shuffle(chosen)
    (out / "texts").mkdir(parents=True, exist_ok=True)
    with open(out / "articles.jsonl", "w", encoding="utf-8") as f:
        for n, (source, path, a) in enumerate(chosen):
            half = f"{name}1" if int(hashlib.sha1(a.id.encode()).hexdigest(), 16) % 2 == 0 else f"{name}2"
            (out / "texts" / f"{n:03d}.txt").write_text(a.text, encoding="utf-8")
            f.write(json.dumps({"n": n, "source": source, "id": a.id, "path": path, "half": half,
                                "labeller": 1 if n < len(chosen) // 2 else 2}) + "\n")
    print(f"checkset: {len(chosen)} articles in {out} ({', '.join(f'{k} {s}' for s, k in mix.items())}); label "
          f"them with bench/CHECKSET_GUIDE.md into {out}/labels_1.jsonl and labels_2.jsonl")


_PREDICT = r'''
import json, sys
sys.path.insert(0, sys.argv[1])
from indexer.corpus.read import read_file
from indexer.extract import direct_quotations
for line in open(sys.argv[2] + "/articles.jsonl", encoding="utf-8"):
    r = json.loads(line)
    root = r["path"].rsplit("/", 1)[0] if r["source"] == "reuters" else r["path"].rsplit("/", 2)[0]
    for art in read_file(r["path"], root=root):
        if art.id == r["id"]:
            for q in direct_quotations(art.text, art.id, art.outlet, author=art.author):
                j = q.to_json()
                print(json.dumps({"n": r["n"], "spans": j["spans"], "speaker": j["speaker"], "rule": j.get("rule")}))
'''


def score(d: pathlib.Path, checkout: pathlib.Path, half: str, errors: bool) -> dict:
    """Names right on the set's labels, with the extractor of `checkout` (run in its own process)."""
    out = subprocess.run([sys.executable, "-c", _PREDICT, str(checkout), str(d)], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"checkset: the extractor of {checkout} failed:\n{out.stderr}")
    preds: dict[int, list] = {}
    for line in out.stdout.splitlines():
        p = json.loads(line)
        preds.setdefault(p["n"], []).append(p)
    spec = importlib.util.spec_from_file_location("polnear_score", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    arts = {r["n"]: r for r in (json.loads(line) for line in open(d / "articles.jsonl", encoding="utf-8"))}
    labels = [json.loads(line) for f in sorted(d.glob("labels_*.jsonl")) for line in open(f, encoding="utf-8")
              if line.strip()]
    named = right = found = unnamed = kept = total = 0
    for lab in labels:
        art = arts[lab["n"]]
        if half != "all" and art["half"] != half:
            continue
        text = (d / "texts" / f"{lab['n']:03d}.txt").read_text(encoding="utf-8")
        at = text.find(lab["quote"], lab.get("after", 0))
        if at < 0:
            print(f"checkset: label not found in text {lab['n']:03d}: {lab['quote']!r}", file=sys.stderr)
            continue
        total += 1
        hit = next((p for p in preds.get(lab["n"], []) for s, e in p["spans"] if s - 3 <= at < e), None)
        got = "NOT FOUND" if hit is None else hit["speaker"]
        ok = None
        if hit is not None:
            found += 1
            if lab["speaker"] is None:
                unnamed += 1
                kept += got is None
                ok = got is None
            else:
                named += 1
                gold = scorer.name_words(lab["speaker"])
                ok = bool(gold) and gold <= scorer.name_words(got or "")
                right += ok
        if errors and not ok:
            ctx = " ".join(text[max(0, at - 300):at + 200].split())
            rule = f" rule={hit.get('rule')}" if hit is not None else ""
            print(f"[{lab['n']:03d} {art['half']} {art['id']}] gold={lab['speaker']!r} got={got!r}{rule}\n   {ctx}\n")
    return {"set": d.name, "half": half, "labelled": total, "found": found,
            "names_right": round(right / named, 4) if named else None, "named": named, "right": right,
            "unnamed_kept_null": f"{kept}/{unnamed}", "checkout": str(checkout)}


def main() -> None:
    """Command line: pick or score."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("pick", help="draw a fresh set of 120 articles")
    p.add_argument("name", help="the set's name; also its random seed ('check-NAME')")
    p.add_argument("--out", type=pathlib.Path, help="default: ../checksets/NAME")
    p.add_argument("--exclude", type=pathlib.Path, nargs="*", default=[], help="earlier sets: none of their articles")
    p.add_argument("--corpora", type=pathlib.Path, default=CORPORA)
    p.add_argument("--mix", default=f"bbc={BBC},reuters={REUTERS}",
                   help="articles per corpus, of bbc, reuters, polnear-train (default: %(default)s)")
    s = sub.add_parser("score", help="names right on a labelled set")
    s.add_argument("dir", type=pathlib.Path)
    s.add_argument("--checkout", type=pathlib.Path, default=ROOT, help="whose extractor (default: this checkout)")
    s.add_argument("--half", default="all")
    s.add_argument("--errors", action="store_true", help="print every wrong or missing name with its context")
    a = ap.parse_args()
    if a.cmd == "pick":
        pick(a.name, a.out or ROOT.parent / "checksets" / a.name, a.exclude, a.corpora,
             {k: int(v) for k, v in (x.split("=") for x in a.mix.split(","))})
    else:
        print(json.dumps(score(a.dir, a.checkout, a.half, a.errors)))


if __name__ == "__main__":
    main()
