"""Take the README screenshots (docs/*.png) of every page over an index of the generated news
corpus of the tests (tests/web_corpus.py: four outlets, five years, every sentence invented).

Usage: python docs/screenshots.py [--index DIR]   (builds that corpus's index in a temp dir if none given)
Needs playwright and Debian's chromium at /usr/bin/chromium.
"""
from __future__ import annotations

import argparse
import pathlib
import sys
import tempfile
import threading
from urllib.parse import quote

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

CHROMIUM_ARGS = ["--disable-gpu", "--no-sandbox", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    """Serve the app on a free local port and photograph every page (and the search page on a phone)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", help="index directory (default: build one over the generated corpus in a temp dir)")
    ap.add_argument("--out", default=str(ROOT / "docs"), help="where the PNGs go")
    args = ap.parse_args()

    from werkzeug.serving import WSGIRequestHandler, make_server
    from playwright.sync_api import sync_playwright

    from indexer import ingest, search
    from webapp import create_app

    from web_corpus import SHARED, write_web_corpus

    tmp = tempfile.TemporaryDirectory()
    index_dir = args.index
    if not index_dir:
        index_dir = str(pathlib.Path(tmp.name) / "index")
        corpus = write_web_corpus(pathlib.Path(tmp.name) / "corpus")
        ingest.build(corpus["paths"], index_dir, outlets=corpus["outlets"])
    ix = search.open_index(index_dir)
    who = search.speakers(ix, sort="count", limit=1)[0]
    about = search.speaker(ix, who.id)
    cluster = max(about.clusters, key=lambda c: len(c.articles))
    art = cluster.quotes[0].article
    # A half-remembered paste of the quote three outlets carried: shortened, a word changed.
    paste = " ".join(SHARED["coastal"][1].replace("close", "shut").split()[:12])

    class Quiet(WSGIRequestHandler):
        def log_request(self, *args, **kwargs):
            """Say nothing per request."""

    server = make_server("127.0.0.1", 0, create_app({"INDEX_DIR": index_dir}), threaded=True,
                         request_handler=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    shots = {
        "home": "/",
        "search": "/search?q=city",
        "check": f"/check?q={quote(paste)}",
        "speakers": "/speakers",
        "speaker": f"/speaker/{quote(who.id)}",
        "article": f"/article/{quote(art, safe='/')}",
        "quote": f"/quote/{quote(cluster.cluster)}",
    }
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            for name, path in shots.items():
                page.goto(base + path)
                page.screenshot(path=str(out / f"{name}.png"), full_page=True)
                print(f"{out / (name + '.png')}  <- {path}")
            phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1)
            phone.goto(base + shots["search"])
            phone.screenshot(path=str(out / "search-phone.png"))
            print(f"{out / 'search-phone.png'}  <- {shots['search']} (phone)")
            browser.close()
    finally:
        server.shutdown()
        tmp.cleanup()


if __name__ == "__main__":
    main()
