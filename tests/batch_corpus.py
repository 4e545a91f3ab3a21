"""A generated corpus for the batch tests: invented people, outlets and sentences (no third-party text).

Several outlets, dates over several years, undated articles, text files with a metadata sidecar,
JSONL and JSON feeds, the same quote carried by several outlets (reworded, trimmed), names that
the identity rules merge (a first-name typo, a middle name, a title in front, a bare surname),
a nested quote, the same relative path under two roots, and bad files.
"""
from __future__ import annotations

import json
import pathlib
import random

OUTLETS = ["Riverton Herald", "Daily Planet", "Evening Star", "Harbour Gazette", "Valley Courier"]
PEOPLE = ["Annabel Fenwick", "Anabel Fenwick", "Ruth Ellen Marsh", "Ruth Marsh", "Mayor Ruth Marsh",
          "Tomasz Kowalczyk", "Dr. Ilse Brandt", "Ilse Brandt", "Brandt", "Oskar Lindqvist", "Pia Lindqvist",
          "Kwame Mensah", "Mensah", "Sofia Ortega-Ruiz", "Marta Ortega", "Dev Raman", "O'Neil", "O-Neil",
          "Jo Ann Pryce", "Jo Pryce"]
CUES = ["said", "told reporters", "added", "warned", "explained"]
TOPICS = ["the new bridge", "the harbour dredging", "the school budget", "the tram line", "the flood wall",
          "the library hours", "the market square", "the bus depot"]
SHARED = [   # quotes carried by several outlets
    "We will finish {t} before the winter storms arrive, whatever it costs the city",
    "Nobody on the council has read the full report on {t} and that worries me",
    "The numbers for {t} simply do not add up for the coming year",
    "I have never seen so many people turn out to talk about {t} in thirty years",
]
OWN = ["I think {t} is a good idea", "We are looking closely at {t} this week and will decide soon",
       "There is no money left for {t}", "People want answers about {t} and they deserve them",
       "Ask me again about {t} next month"]


def _quote(rng: random.Random, topic: str, shared: bool) -> str:
    """A quote sentence, sometimes a reworded or trimmed copy of a shared one."""
    text = rng.choice(SHARED if shared else OWN).format(t=topic)
    r = rng.random()
    if shared and r < 0.2:
        text = text.replace(" simply", "").replace("full ", "")
    elif shared and r < 0.3:
        text = text.split(",")[0]
    return text


def _article(rng: random.Random, n: int) -> str:
    """The body of one article: a headline, a lead and a few attributed quotes."""
    topic = rng.choice(TOPICS)
    paras = [f"Talks on {topic} continue", f"Residents met on Tuesday to discuss {topic}."]
    for _ in range(rng.randint(1, 4)):
        who, cue = rng.choice(PEOPLE), rng.choice(CUES)
        q = _quote(rng, topic, rng.random() < 0.5)
        if rng.random() < 0.15:
            q = f"My neighbour told me 'it will never open' and {q[0].lower()}{q[1:]}"     # nested quote
        paras.append(f"\u201c{q},\u201d {who} {cue}." if rng.random() < 0.7 else f"{who} {cue}: \"{q}.\"")
    if n % 7 == 0:
        paras.append("Nobody else wanted to comment.")
    return "\n\n".join(paras) + "\n"


def _date(rng: random.Random) -> str:
    """A date between 2015 and 2019."""
    return f"{rng.randint(2015, 2019)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def write_corpus(root, articles: int = 60, seed: int = 7) -> list[pathlib.Path]:
    """Write the generated corpus under root; the corpus roots to pass to extract (two of them)."""
    rng = random.Random(seed)
    root = pathlib.Path(root)
    a, b = root / "desk", root / "wire"
    rows = ["filename\tpublisher\tdate"]
    n = 0
    for n in range(articles // 2):
        rel = a / OUTLETS[n % 3].lower().replace(" ", "-") / f"story-{n:03d}.txt"
        rel.parent.mkdir(parents=True, exist_ok=True)
        rel.write_text(_article(rng, n), encoding="utf-8")
        if n % 5:                  # every fifth text file has no metadata: undated
            rows.append(f"story-{n:03d}\t{OUTLETS[n % 3]}\t{_date(rng)}")
    (a / "metadata.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    feed = [{"title": f"Feed item {k}", "outlet": OUTLETS[3 + k % 2], "text": _article(rng, k),
             **({"date": _date(rng)} if k % 4 else {})} for k in range(articles // 4)]
    b.mkdir(parents=True, exist_ok=True)
    (b / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in feed), encoding="utf-8")
    batch = [{"headline": f"Batch {k}", "source": OUTLETS[k % 5], "published": _date(rng),
              "body": _article(rng, k + 100)} for k in range(articles - articles // 2 - articles // 4)]
    batch.append({"title": "no text here"})                      # a record without text
    (b / "batch.json").write_text(json.dumps(batch, indent=1), encoding="utf-8")
    # the same relative path under both roots: the second one's ids repeat the first's
    (b / "riverton-herald").mkdir(exist_ok=True)
    (b / "riverton-herald" / "story-000.txt").write_text(_article(rng, 999), encoding="utf-8")
    # bad files: binary, broken JSON, empty
    (b / "broken.json").write_text('[{"text": "one"', encoding="utf-8")
    (b / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (a / "empty.txt").write_text("", encoding="utf-8")
    return [a, b]
