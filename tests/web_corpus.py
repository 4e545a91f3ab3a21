"""A generated news corpus for the web pages' tests and screenshots (every sentence invented here).

Four outlets over five years (2019-2023, and one story of 2008), each named a different way: a JSON-lines feed whose
records name "Harborview Herald"; wire copy whose sidecar gives the common slug "ap" (the
built-in table names it "The Associated Press"); a weekly whose sidecar gives the slug
"coastal-times" and the name "The Coastal Times"; and a folder from one radio station with no
outlet in it at all, named by `build --outlet` ("River Valley Radio"). Mayor Elena Marsh is
quoted by all four, one of her quotes carried by three of them in three wordings (the Herald
first); two people share the surname Reyes (Tom, a union leader, and Clara, a marine
biologist); the Harbor Authority speaks as an organisation.

    write_web_corpus(root) -> {"paths": [...], "outlets": {path: name}}   (ingest.build's arguments)
"""
from __future__ import annotations

import json
import pathlib

# (date, speaker, how they are named, the quote): every quote is one line of an article.
MARSH = [
    ("2019-02-11", "We will rebuild the north pier before the summer ferries start running again."),
    ("2019-09-23", "The harbor budget is tight, but the library and the schools come first."),
    ("2020-04-06", "Nobody should lose their home because the river rose faster than the city planned."),
    ("2020-11-17", "I have asked the council to double the money for the flood walls next year."),
    ("2021-06-14", "Tourism brought more visitors this spring than in any year since the bridge opened."),
    ("2022-01-31", "The new ferry terminal will open on time and it will not cost a cent more."),
    ("2022-08-08", "Our firefighters worked through the night and saved every house on Dune Road."),
    ("2023-03-20", "I will not run for a third term; this city deserves new ideas and new energy."),
    ("2023-10-02", "The sea wall held, the pumps held, and the people of this city held together."),
]
# The quote three outlets carried, each in its own wording (the Herald's first).
SHARED = {
    "herald": ("2021-03-02", "We will not close a single fire station while I am the mayor of this city, "
                             "and the council knows it."),
    "ap": ("2021-03-03", "We will not close a single fire station while I am mayor of this city and the "
                         "council knows it."),
    "coastal": ("2021-03-05", "We will not close a single fire station while I am mayor of this city."),
}
TOM_REYES = [
    ("2020-02-03", "The dock workers will strike on Monday unless the port signs the new contract."),
    ("2021-07-19", "Our members voted to accept the offer, and the cranes will move again tomorrow."),
    ("2023-05-08", "Every worker on this waterfront deserves a safe shift and a fair wage."),
]
CLARA_REYES = [
    ("2019-06-17", "The oyster beds are recovering faster than any of us dared to hope."),
    ("2022-05-23", "Warm water in the bay has pushed the cod further north every single summer."),
]
OKAFOR = [
    ("2008-05-12", "The old grain silos will come down and a public park will take their place."),
    ("2020-09-14", "Container traffic fell by a third during the storm season, but it is coming back."),
    ("2022-11-07", "The dredging of the channel will let the largest ships dock here for the first time."),
]
AUTHORITY = [
    ("2021-10-11", "The harbor will stay closed to private boats until the inspection is finished."),
]
TITLES = ["Council meets on the harbor", "Flood season in Harborview", "The port and the city",
          "Waterfront news", "Harborview this week"]


def _article(title: str, lead: str, lines: list[str]) -> str:
    """A plain-text article: title, blank line, a lead paragraph, then one paragraph per quote line."""
    return "\n\n".join([title, lead, *lines]) + "\n"


def _said(who: str, quote: str, n: int) -> str:
    """One attributed quote, the verb and the place of the name varying."""
    forms = [f'"{quote}" {who} said on Monday.', f'"{quote}" {who} told reporters.',
             f'{who} said: "{quote}"', f'"{quote}" said {who}.']
    return forms[n % len(forms)]


def write_web_corpus(root) -> dict:
    """Write the corpus under root; the paths and `outlets` to build it with."""
    root = pathlib.Path(root)
    herald, wire, weekly, radio = (root / d for d in ("herald", "wire", "weekly", "radio"))
    for d in (herald, wire, weekly, radio):
        d.mkdir(parents=True, exist_ok=True)
    records, wire_rows, weekly_rows = [], [], []
    people = ([("Mayor Elena Marsh", "Marsh", d, q) for d, q in MARSH]
              + [("Tom Reyes, who leads the dock workers' union,", "Tom Reyes", d, q) for d, q in TOM_REYES]
              + [("Clara Reyes, a marine biologist at the Harborview institute,", "Clara Reyes", d, q)
                 for d, q in CLARA_REYES]
              + [("port director Victor Okafor", "Okafor", d, q) for d, q in OKAFOR])
    for n, (first, _again, date, quote) in enumerate(people):
        title = f"{TITLES[n % len(TITLES)]}, {date[:4]}"
        text = _article(title, "HARBORVIEW: The city's week on the water.", [_said(first, quote, n)])
        where = n % 4
        if where == 0:
            records.append({"title": title, "outlet": "Harborview Herald", "date": date, "text": text})
        elif where == 1:
            (wire / f"w{n:02d}.txt").write_text(text, encoding="utf-8")
            wire_rows.append((f"w{n:02d}", "ap", date))
        elif where == 2:
            (weekly / f"c{n:02d}.txt").write_text(text, encoding="utf-8")
            weekly_rows.append((f"c{n:02d}", "coastal-times", "The Coastal Times", date))
        else:
            (radio / f"{date}-r{n:02d}.txt").write_text(text, encoding="utf-8")
    for date, quote in AUTHORITY:
        text = _article("Harbor closed to private boats", "HARBORVIEW: Inspectors arrived on Monday.",
                        [f'"{quote}" the Harbor Authority said in a statement.'])
        records.append({"title": "Harbor closed to private boats", "outlet": "Harborview Herald",
                        "date": date, "text": text})
    lead = "HARBORVIEW: The mayor spoke after the council voted on the fire service."
    date, quote = SHARED["herald"]
    records.append({"title": "Mayor vows to keep fire stations open", "outlet": "Harborview Herald", "date": date,
                    "text": _article("Mayor vows to keep fire stations open", lead,
                                     [f'"{quote}" Mayor Elena Marsh said on Tuesday.'])})
    date, quote = SHARED["ap"]
    (wire / "w-fire.txt").write_text(_article("Harborview mayor: no fire station will close", lead,
                                              [f'"{quote}" Marsh told The Associated Press.']), encoding="utf-8")
    wire_rows.append(("w-fire", "ap", date))
    date, quote = SHARED["coastal"]
    (weekly / "c-fire.txt").write_text(_article("Fire stations stay", lead,
                                                [f'"{quote}" Elena Marsh said.']), encoding="utf-8")
    weekly_rows.append(("c-fire", "coastal-times", "The Coastal Times", date))
    (herald / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (wire / "metadata.tsv").write_text("filename\tpublisher\tpublication_date\n" + "".join(
        f"{f}\t{p}\t{d}\n" for f, p, d in wire_rows), encoding="utf-8")
    (weekly / "metadata.tsv").write_text("filename\tpublisher\toutlet_name\tpublication_date\n" + "".join(
        f"{f}\t{p}\t{name}\t{d}\n" for f, p, name, d in weekly_rows), encoding="utf-8")
    # The radio folder: no metadata, dates in the text ("date 2020-09-14" opens each story).
    for f in radio.iterdir():
        f.write_text(f"date {f.name[:10]}\n\n" + f.read_text(encoding="utf-8"), encoding="utf-8")
    paths = [str(herald), str(wire), str(weekly), str(radio)]
    return {"paths": paths, "outlets": {str(radio): "River Valley Radio"}}
