#!/usr/bin/env python3
"""Score the quote extractor on PolNeAR direct quotes (dev or train split).

Runs `indexer.extract.direct_quotations` over <polnear>/<split>/text/*.txt, writes the predictions
to bench/out/polnear_<split>.jsonl, runs the shared scorer (../shared/tools/polnear_score.py) and
saves its figures as JSON in bench/out/eval_polnear_<split>.json.

    python3 bench/eval_polnear.py --split dev
    python3 bench/eval_polnear.py --split train --polnear /path/to/polnear
    python3 bench/eval_polnear.py --split train --errors [miss,fp,mention] > /tmp/errors.txt
    python3 bench/eval_polnear.py --split dev --off subject,continuation   # what two sieves earn
    python3 bench/eval_polnear.py --split train --by-rule   # mention accuracy per rule

`--errors` prints, with context, the gold quotes missed, the false positives and the quotes whose
speaker mention misses the gold source, judged by the scorer's own matching rules.
"""
from __future__ import annotations

import argparse
import glob
import importlib.util
import json
import os
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.extract import direct_quotations  # noqa: E402
from indexer.extract.sieves import NAMES, check_names  # noqa: E402

DEFAULT_POLNEAR = ROOT.parent / "shared" / "corpora" / "polnear"
DEFAULT_SCORER = ROOT.parent / "shared" / "tools" / "polnear_score.py"


def predict(polnear: pathlib.Path, split: str, out_path: pathlib.Path,
            off: frozenset = frozenset()) -> tuple[int, int, float]:
    """Extract quotes from every article of the split into out_path; (articles, quotes, seconds).
    `off`: sieves switched off."""
    files = sorted(glob.glob(str(polnear / split / "text" / "*.txt")))
    if not files:
        raise SystemExit(f"eval_polnear: no articles under {polnear / split / 'text'}")
    n_quotes = 0
    t0 = time.perf_counter()
    with open(out_path, "w", encoding="utf-8") as out:
        for path in files:
            with open(path, encoding="utf-8") as f:
                text = f.read()
            stem = os.path.splitext(os.path.basename(path))[0]
            try:
                found = list(direct_quotations(text, stem, off=off))
            except Exception as e:   # noqa: BLE001 - reported with the article, the run goes on
                print(f"eval_polnear: extraction failed on {stem}: {type(e).__name__}: {e}", file=sys.stderr)
                continue
            for q in found:
                out.write(json.dumps(q.to_json(), ensure_ascii=False) + "\n")
                n_quotes += 1
    return len(files), n_quotes, time.perf_counter() - t0


def _load_scorer(path: pathlib.Path):
    """The shared scorer as a module, to reuse its gold reading and matching."""
    spec = importlib.util.spec_from_file_location("polnear_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _ctx(txt: str, a: int, b: int, width: int = 120) -> str:
    """txt[a:b] in [[ ]] with some text either side, on one line."""
    s = txt[max(0, a - width):a] + "[[" + txt[a:b] + "]]" + txt[b:b + width]
    return " ".join(s.split())


def dump_errors(scorer_path: pathlib.Path, polnear: pathlib.Path, split: str, pred: pathlib.Path,
                kinds: set[str]) -> None:
    """Print misses, false positives and wrong speaker mentions, as the scorer judges them."""
    sc = _load_scorer(scorer_path)
    texts, gold, indirect = sc.load_gold(str(polnear), split)
    preds = _read_predictions(pred)
    counts = {"miss": 0, "fp": 0, "mention": 0}
    for stem, txt in texts.items():
        g = gold.get(stem, [])
        gsets = [sc.chars(x["ranges"], txt) for x in g]
        isets = [sc.chars(x["ranges"], txt) for x in indirect.get(stem, [])]
        owned: dict[int, list] = {}
        for q in preds.get(stem, []):
            ps = sc.chars([tuple(s) for s in q["spans"]], txt)
            best, bi = 0, None
            for i, gs in enumerate(gsets):
                ov = len(ps & gs)
                if ov > best:
                    best, bi = ov, i
            if ps and bi is not None and best >= 0.5 * len(ps):
                owned.setdefault(bi, []).append((best, q, ps))
            elif ps and (any(ps & s for s in isets) or best):
                continue
            else:
                counts["fp"] += 1
                if "fp" in kinds:
                    a, b = q["spans"][0][0], q["spans"][-1][1]
                    print(f"FP   {stem} rule={q['rule']} spk={q['speaker']}\n     {_ctx(txt, a, b)}")
        for i, gq in enumerate(g):
            parts = owned.get(i, [])
            union = set().union(*(ps for _, _, ps in parts)) if parts else set()
            a, b = gq["ranges"][0][0], gq["ranges"][-1][1]
            if len(union & gsets[i]) < 0.8 * len(gsets[i]):
                counts["miss"] += 1
                if "miss" in kinds:
                    got = "; ".join(f"{q['rule']}:{txt[q['spans'][0][0]:q['spans'][-1][1]][:40]!r}"
                                    for _, q, _ in parts) or "-"
                    print(f"MISS {stem} ranges={len(gq['ranges'])} got={got}\n     {_ctx(txt, a, b)}")
                continue
            if not gq["source"]:
                continue
            q = max(parts, key=lambda x: x[0])[1]
            m = q.get("speaker_mention") or {}
            if isinstance(m.get("start"), int) and sc.chars([(m["start"], m["end"])]) & sc.chars(gq["source"]):
                continue
            counts["mention"] += 1
            if "mention" in kinds:
                src = " / ".join(txt[x:y] for x, y in gq["source"])
                print(f"SPKR {stem} rule={q['rule']} gold={src!r} got={m.get('text')!r}\n     {_ctx(txt, a, b)}")
    print(f"# {split}: {counts['miss']} missed, {counts['fp']} false positives, "
          f"{counts['mention']} wrong speaker mentions")


def _read_predictions(pred: pathlib.Path) -> dict[str, list]:
    """The predicted quotes of a JSONL file, by article."""
    preds: dict[str, list] = {}
    with open(pred, encoding="utf-8") as f:
        for line in f:
            q = json.loads(line)
            preds.setdefault(q["article"], []).append(q)
    return preds


def _matched(sc, polnear: pathlib.Path, split: str, pred: pathlib.Path):
    """(stem, gold index, gold quote, the prediction that speaks for it) for every gold quote found,
    by the scorer's own rules (80% coverage; the piece covering most speaks)."""
    texts, gold, _ = sc.load_gold(str(polnear), split)
    preds = _read_predictions(pred)
    for stem, txt in texts.items():
        g = gold.get(stem, [])
        gsets = [sc.chars(x["ranges"], txt) for x in g]
        owned: dict[int, list] = {}
        for q in preds.get(stem, []):
            ps = sc.chars([tuple(s) for s in q["spans"]], txt)
            overlaps = [len(ps & gs) for gs in gsets]
            best = max(overlaps, default=0)
            if ps and best and best >= 0.5 * len(ps):
                owned.setdefault(overlaps.index(best), []).append((best, q, ps))
        for i, parts in owned.items():
            union = set().union(*(ps for _, _, ps in parts))
            if len(union & gsets[i]) >= 0.8 * len(gsets[i]):
                yield stem, i, g[i], max(parts, key=lambda x: x[0])[1]


def by_rule(scorer_path: pathlib.Path, polnear: pathlib.Path, split: str, pred: pathlib.Path) -> dict:
    """Speaker-mention accuracy of each rule (the first factor of Quote.confidence), and, where
    hand-resolved names exist, name accuracy by confidence band (what a confidence means)."""
    sc = _load_scorer(scorer_path)
    names_path = scorer_path.parent.parent / "gold" / f"polnear_{split}_speakers.jsonl"
    names = sc.load_names(str(names_path)) if names_path.exists() else None
    rules: dict[str, list] = {}
    bands: dict[str, list] = {}
    for stem, i, gq, q in _matched(sc, polnear, split, pred):
        rule = q["rule"].split(":")[0] if q["rule"].startswith(("after", "split", "nested")) else q["rule"]
        if gq["source"]:
            m = q.get("speaker_mention") or {}
            ok = isinstance(m.get("start"), int) and bool(sc.chars([(m["start"], m["end"])]) & sc.chars(gq["source"]))
            rules.setdefault(rule, []).append(ok)
        want = names[stem][i]["speaker"] if names else None
        if names and want and q.get("speaker"):
            c = q.get("confidence") or 0
            band = "0.8-1" if c >= 0.8 else "0.6-0.8" if c >= 0.6 else "0-0.6"
            bands.setdefault(band, []).append(sc.name_words(want) <= sc.name_words(q["speaker"]))
    out = {"mention_acc_by_rule": {r: [round(sum(v) / len(v), 3), len(v)] for r, v in sorted(rules.items())}}
    if bands:
        out["name_acc_by_confidence"] = {b: [round(sum(v) / len(v), 3), len(v)] for b, v in sorted(bands.items())}
    return out


def main(argv=None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "train"), default="dev")
    ap.add_argument("--polnear", type=pathlib.Path, default=DEFAULT_POLNEAR,
                    help="PolNeAR root (default: ../shared/corpora/polnear beside the repo)")
    ap.add_argument("--scorer", type=pathlib.Path, default=DEFAULT_SCORER)
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "bench" / "out")
    ap.add_argument("--errors", nargs="?", const="miss,fp,mention", default=None, metavar="KINDS",
                    help="print the errors (miss, fp, mention; comma-separated) instead of the figures")
    ap.add_argument("--by-rule", action="store_true",
                    help="speaker-mention accuracy per rule, and name accuracy per confidence band")
    ap.add_argument("--off", default="", metavar="SIEVES",
                    help=f"sieves to switch off, comma-separated (of: {', '.join(NAMES)})")
    args = ap.parse_args(argv)
    try:
        off = check_names(s for s in args.off.split(",") if s)
    except ValueError as e:
        ap.error(str(e))
    if not args.scorer.exists():
        print(f"eval_polnear: scorer not found at {args.scorer}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    pred = args.out / f"polnear_{args.split}.jsonl"
    n_art, n_q, secs = predict(args.polnear, args.split, pred, off)
    if args.errors is not None:
        dump_errors(args.scorer, args.polnear, args.split, pred, set(args.errors.split(",")))
        return 0
    if args.by_rule:
        got = by_rule(args.scorer, args.polnear, args.split, pred)
        (args.out / f"eval_polnear_{args.split}_by_rule.json").write_text(json.dumps(got, indent=1) + "\n")
        for section, rows in got.items():
            print(section)
            for k, (acc, n) in rows.items():
                print(f"  {k:24} {acc:.3f}  ({n})")
        return 0
    res = subprocess.run([sys.executable, str(args.scorer), str(args.polnear), args.split, str(pred), "--json"],
                         capture_output=True, text=True, check=False)
    if res.returncode != 0:
        print(f"eval_polnear: scorer failed:\n{res.stderr}", file=sys.stderr)
        return 1
    figures = json.loads(res.stdout.strip().splitlines()[-1])
    figures.update({"split": args.split, "predicted_quotes": n_q, "extract_seconds": round(secs, 2),
                    "sieves_off": sorted(off),
                    "command": f"python3 bench/eval_polnear.py --split {args.split}"
                               + (f" --off {','.join(sorted(off))}" if off else "")})
    (args.out / f"eval_polnear_{args.split}.json").write_text(json.dumps(figures, indent=2) + "\n")
    for k, v in figures.items():
        print(f"{k:22} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
