"""Take the README screenshots (docs/*.png) of the main pages over an index of the seed corpus.

Usage: python docs/screenshots.py [--index DIR]   (builds the seed index in a temp dir if none given)
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

CHROMIUM_ARGS = ["--disable-gpu", "--no-sandbox", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def main() -> None:
    """Serve the app on a free local port and photograph search, speaker, article and quote pages."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", help="index directory (default: build one over corpus/ in a temp dir)")
    ap.add_argument("--out", default=str(ROOT / "docs"), help="where the PNGs go")
    args = ap.parse_args()

    from werkzeug.serving import WSGIRequestHandler, make_server
    from playwright.sync_api import sync_playwright

    from indexer import ingest, search
    from webapp import create_app

    tmp = tempfile.TemporaryDirectory()
    index_dir = args.index
    if not index_dir:
        index_dir = str(pathlib.Path(tmp.name) / "index")
        ingest.build([str(ROOT / "corpus")], index_dir)
    ix = search.open_index(index_dir)
    who = max(search.speakers(ix), key=lambda s: s.quote_count)
    about = search.speaker(ix, who.id)
    cluster = max(about.clusters, key=lambda c: len(c.articles))
    art = cluster.quotes[0].article
    # A word that several quotes share makes a search page with facets worth showing.
    word = "title" if search.search(ix, "title").total else cluster.text.split()[0]

    class Quiet(WSGIRequestHandler):
        def log_request(self, *args, **kwargs):
            """Say nothing per request."""

    server = make_server("127.0.0.1", 0, create_app({"INDEX_DIR": index_dir}), threaded=True,
                         request_handler=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    shots = {
        "search": f"/search?q={quote(word)}",
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
                page.screenshot(path=str(out / f"{name}.png"), full_page=False)
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
