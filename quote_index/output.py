"""One way to print what a command found: text lines, the answer as JSON, or rows as CSV or
JSON lines (sqlite-utils style: every listing command takes --json and --csv)."""
from __future__ import annotations

import csv
import json
from typing import Iterable, Optional

import click

from indexer.results import CSV_COLUMNS, csv_cell, csv_row
from indexer.serial import columns, to_json


def emit(fmt: str, *, answer=None, rows: Iterable = (), cls: Optional[type] = None,
         lines: Iterable[str] = (), out=None, lossless: bool = False, excel: bool = False,
         defuse: bool = True) -> None:
    """Print a command's answer in fmt: "text" (its lines), "json" (the whole answer record),
    "csv" or "excel" (rows, the CSV_COLUMNS of cls; lossless: every field, lists as JSON;
    excel: a UTF-8 byte-order mark first) or "jsonl".

    CSV cells a spreadsheet would run as formulas get a leading ' unless defuse is False
    (`--keep-formulas`), as in the web's CSV downloads.
    """
    out = out or click.get_text_stream("stdout")
    if fmt == "json":
        click.echo(json.dumps(to_json(answer), ensure_ascii=False, indent=2), file=out)
    elif fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(to_json(r, everything=True), ensure_ascii=False, sort_keys=True) + "\n")
    elif fmt in ("csv", "excel"):
        if fmt == "excel" or excel:
            out.write("\ufeff")
        (_lossless_csv if lossless else _csv)(rows, cls, out, defuse)
    else:
        for line in lines:
            click.echo(line, file=out)


def _csv(rows: Iterable, cls: type, out, defuse: bool) -> None:
    """Rows as CSV under the record's CSV columns; lists joined with '; ', None empty."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS[cls])
    for r in rows:
        w.writerow([csv_cell(v, defuse) for v in csv_row(r).values()])


def _lossless_csv(rows: Iterable, cls: type, out, defuse: bool) -> None:
    """Rows as CSV with every field of the record; lists and objects as JSON (nothing lost but
    the ' before formula-looking text, unless defuse is False)."""
    w = csv.DictWriter(out, fieldnames=columns(cls, everything=True), lineterminator="\n")
    header = False
    for r in rows:
        if not header:
            w.writeheader()
            header = True
        w.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else csv_cell(v, defuse)
                    for k, v in to_json(r, everything=True).items()})


def marked(segments, color: bool) -> str:
    """Highlight segments as text: bold on a terminal, *stars* otherwise."""
    return "".join(click.style(t, bold=True) if m and color else (f"*{t}*" if m else t) for t, m in segments)


def quote_lines(h, color: bool) -> str:
    """One quote hit as two lines: who/where, then the quote (and its article)."""
    who = h.speaker or "(unattributed)"
    where = ", ".join(x for x in (h.outlet_name, h.date, h.medium and f"to {h.medium}") if x)
    first = " ".join(x for x in (h.first_date, h.first_outlet_name and f"in {h.first_outlet_name}") if x)
    carried = (f" [{h.cluster_size} articles{', first ' + first if first else ''}; cluster {h.cluster}]"
               if h.cluster_size > 1 else "")
    text = marked(h.segments, color) if h.segments else h.text
    cue = f" {h.cue}" if h.cue else ""
    return f"{who}{cue}{' (' + where + ')' if where else ''}{carried}\n  “{text}”\n  {h.article}"


def check_lines(result, color: bool):
    """The text answer of a check: the verdict, then each match with the text against it."""
    yield result.message
    for m in result.matches:
        outlets = f" ({', '.join(m.outlet_names)})" if m.outlet_names else ""
        yield (f"\n{m.score}% {m.how}: {m.speaker or '(unattributed)'}\n  “{m.text}”\n"
               f"  first {m.first_date or '(undated)'} in {m.first.outlet_name or 'an article of unknown outlet'}: "
               f"{m.first.article}\n  carried by {m.outlet_count} outlet(s){outlets}, {m.article_count} article(s)\n"
               f"  yours: {diff_text(m.diff.segments, color)}")


def diff_text(segments, color: bool) -> str:
    """A word diff as text: [+words only in yours+] [-words only in the quote-], … outside."""
    out = []
    for s in segments:
        if s.op == "insert":
            out.append(click.style(s.text, fg="green") if color else f"[+{s.text}+]")
        elif s.op == "delete":
            out.append(click.style(s.text, fg="red", strikethrough=True) if color else f"[-{s.text}-]")
        elif s.op == "outside":
            out.append("…")
        else:
            out.append(s.text)
    return " ".join(out)


def article_lines(h, color: bool) -> str:
    """One article hit: title and where, the snippet, the id."""
    meta = ", ".join(x for x in (h.outlet_name, h.date) if x)
    return (f"{h.title or h.id}{' (' + meta + ')' if meta else ''} "
            f"[{h.quote_count} quotes]\n  {marked(h.snippet_segments, color)}\n  {h.id}")


def phase_summary(phases) -> str:
    """Time per phase of a build/update (wall, then CPU: they differ when the machine is busy or
    the disk slow), with its counts: "reading 0.2s (0.1s CPU; 3 files); ..."."""
    parts = []
    for name, seconds, cpu, counts in phases:
        what = "; ".join([f"{cpu:.1f}s CPU"] + [", ".join(f"{v:,} {k}" for k, v in counts.items())] * bool(counts))
        parts.append(f"{name} {seconds:.1f}s ({what})")
    return "; ".join(parts)


def build_summary(r) -> str:
    """The one-line summary printed after build/update."""
    line = (f"{r.articles} articles, {r.quotes} quotes, {r.speakers} speakers, "
            f"{r.clusters} clusters (quotes carried by 2+ articles)")
    if r.mode == "update":
        line = (f"updated: {r.added} new, {r.changed} changed, {r.deleted} deleted file(s); "
                f"{r.rewritten} quote(s) re-linked; now " + line)
    else:
        line = f"indexed {r.files} file(s): " + line
    if r.skipped:
        line += f"; skipped {len(r.skipped)} input(s) (see above)"
    return line + f" in {r.seconds:.1f}s -> {r.index}"
