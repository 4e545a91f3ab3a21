"""The swap race: readers look speakers up while a writer swaps generations under them, as fast
as it can, with the writers' own swap (`indexer.store.swap.swap_in`: a fresh `<index>.new-<pid>`
exchanged with the live directory, the old one deleted at once).

Two generations differ in every speaker's quote count. A look-up is "mixed" when one answer
combines the two: the speakers table's quote count (speakers.json) against the quotes found in
the documents, or meta.json's quote count against a search's total. Each look-up pins one
generation, as every web request and CLI command does. A thread of fresh opens counts the opens
that fail ("No index at ..." while the directory is being swapped), and one of the reader
threads goes through the web app's JSON twins.

Used by bench/bench_faults.py (>= 5,000 look-ups during >= 80 swaps) and tests/test_concurrency.py.
"""
from __future__ import annotations

import json
import os
import shutil
import threading
import time
import uuid


def _gen_copy(src: str, dst: str) -> None:
    """Copy a generation as a writer's fresh directory, with a new build id (a new generation)."""
    shutil.copytree(src, dst)
    meta_path = os.path.join(dst, "meta.json")
    with open(meta_path, encoding="utf-8") as f:
        meta = json.load(f)
    meta["build_id"] = uuid.uuid4().hex
    with open(meta_path, "w", encoding="utf-8") as f:
        json.dump(meta, f)


def _lookup(ix, sid: str) -> str:
    """One pinned look-up of a speaker: "" when consistent, else what was mixed."""
    from indexer import search as S

    pinned = ix.pin() if hasattr(ix, "pin") else ix       # (an index of older code cannot pin)
    prof = S.speaker(pinned, sid)
    if prof is None:
        return "speaker missing"
    found = sum(len(c.quotes) for c in prof.clusters)
    if found != prof.speaker.quote_count:
        return f"speakers.json says {prof.speaker.quote_count} quotes, the documents {found}"
    found = S.search(pinned, "")
    # A grouped search counts each quote once (`total`); `reports` counts every quote document.
    stats, total = S.stats(pinned), getattr(found, "reports", found.total)
    if stats.quotes != total:
        return f"meta.json says {stats.quotes} quotes, a search finds {total}"
    return ""


def _web_lookup(client, sid: str) -> str:
    """The same checks through the web app's JSON twins ("" when consistent): the home page's
    counts (meta.json) against its listing's total (documents), and, when a speaker's page shows
    all their quotes, its quote count (speakers.json) against the quotes shown (documents)."""
    r = client.get("/?_format=json")
    if r.status_code != 200:
        return f"status {r.status_code}"
    d = r.get_json()
    listed = d["listed"] if "listed" in d else d["total"]       # (older code: the listing's total)
    if d["stats"]["quotes"] != listed:
        return f"web: meta.json says {d['stats']['quotes']} quotes, the listing {listed}"
    r = client.get(f"/speaker/{sid}.json")
    if r.status_code != 200:
        return f"status {r.status_code}"
    d = r.get_json()
    found = sum(len(c["quotes"]) for c in d["rows" if "rows" in d else "clusters"])
    if d["pages"] == 1 and found != d["speaker"]["quote_count"]:
        return f"web: speakers.json says {d['speaker']['quote_count']} quotes, the documents {found}"
    return ""


def race(live: str, generations: list[str], sid: str, *, swaps: int = 80, lookups: int = 5000,
         readers: int = 3, seconds: float = 600.0) -> dict:
    """Swap `generations` in turn at `live` at least `swaps` times while readers make at least
    `lookups` look-ups of speaker `sid`; the counts of look-ups, swaps, mixed answers and errors."""
    from indexer import search as S
    from indexer.store import layout as L
    from indexer.store import swap
    from webapp import create_app

    if os.path.exists(live):
        shutil.rmtree(live)
    _gen_copy(generations[0], live)
    ix = S.open_index(live)
    client = create_app({"TESTING": True, "INDEX_DIR": live}).test_client()
    counts = {"lookups": 0, "web_lookups": 0, "fresh_opens": 0, "swaps": 0}
    mixed: list[str] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()
    seen: set = set()

    def reader(k: int) -> None:
        """Look-ups without pause until told to stop (reader 0 through the web app)."""
        while not stop.is_set():
            try:
                why = _web_lookup(client, sid) if k == 0 else _lookup(ix, sid)
                gen = ix.generation().id
            except Exception as e:      # noqa: BLE001 - counted and reported
                why, gen = f"error {type(e).__name__}: {e}", None
            with lock:
                counts["web_lookups" if k == 0 else "lookups"] += 1
                seen.add(gen)
                if why.startswith(("error", "status")):
                    errors.append(why)
                elif why:
                    mixed.append(why)

    def opener() -> None:
        """Fresh opens (a new process's first look) without pause."""
        while not stop.is_set():
            try:
                _lookup(S.open_index(live), sid)
            except Exception as e:      # noqa: BLE001 - counted and reported
                with lock:
                    errors.append(f"fresh open: {type(e).__name__}: {e}")
            with lock:
                counts["fresh_opens"] += 1

    threads = [threading.Thread(target=reader, args=(k,)) for k in range(readers)]
    threads.append(threading.Thread(target=opener))
    for t in threads:
        t.start()
    where = L.Layout.of(live)
    started = time.monotonic()
    try:
        i = 0
        while time.monotonic() - started < seconds and (
                counts["swaps"] < swaps or counts["lookups"] + counts["web_lookups"] < lookups):
            i += 1
            tmp = where.new()
            _gen_copy(generations[i % len(generations)], tmp)
            swap.swap_in(tmp, where)
            counts["swaps"] += 1
            time.sleep(0.01)
    finally:
        stop.set()
        for t in threads:
            t.join()
    return {**counts, "seconds": round(time.monotonic() - started, 1), "generations_seen": len(seen - {None}),
            "mixed": len(mixed), "mixed_samples": mixed[:5], "errors": len(errors), "error_samples": errors[:5]}
