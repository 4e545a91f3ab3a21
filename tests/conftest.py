"""Shared fixtures: the CLI runner, an index built over corpus/, the Flask app and its client."""
from __future__ import annotations

import pathlib

import pytest
from click.testing import CliRunner

# Real services (Dask, PostgreSQL) for tests marked `dask` / `postgres`: see tests/services/.
pytest_plugins = ["services.fixtures"]

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def runner():
    """A click CliRunner that keeps stderr apart from stdout."""
    return CliRunner()


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory):
    """An index built once over the two seed articles in corpus/."""
    from indexer import ingest

    path = tmp_path_factory.mktemp("seed") / "index"
    ingest.build([str(CORPUS)], str(path))
    return str(path)


@pytest.fixture
def app(seed_index):
    """The web app over the seed index, in testing mode."""
    from webapp import create_app

    return create_app({"TESTING": True, "INDEX_DIR": seed_index})


@pytest.fixture
def client(app):
    """Flask test client for the app."""
    return app.test_client()


# ---- browser tests (pytest-playwright over Debian's chromium; `playwright install` is not used)


def _watched(page, base: str):
    """(page, base URL) for a browser test, which then fails on any script error or console
    error (CSP reports too)."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.set_default_timeout(15_000)
    yield page, base
    assert problems == [], problems


@pytest.fixture
def site(page, live_server):
    """The browser page and the app over the seed index."""
    yield from _watched(page, live_server)


@pytest.fixture
def web_site(page, web_server):
    """The browser page and the app over the generated news corpus."""
    yield from _watched(page, web_server)

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch the system chromium headless, with its background network chatter switched off."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": ["--disable-gpu", "--no-sandbox", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run"]}


def _serve(index_dir: str):
    """The web app over an index, served by werkzeug on a free 127.0.0.1 port in a thread:
    yields its base URL."""
    import threading

    from werkzeug.serving import WSGIRequestHandler, make_server

    from webapp import create_app

    class Quiet(WSGIRequestHandler):
        def log_request(self, *args, **kwargs):
            """Keep the test output free of access-log lines."""

    server = make_server("127.0.0.1", 0, create_app({"INDEX_DIR": index_dir}), threaded=True,
                         request_handler=Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def live_server(seed_index):
    """The web app over the seed index, served on a free port."""
    yield from _serve(seed_index)


@pytest.fixture(scope="session")
def web_index(tmp_path_factory):
    """An index of the generated news corpus (tests/web_corpus.py): four outlets named four
    ways, five years, a mayor quoted by all of them, two people named Reyes."""
    from indexer import ingest
    from web_corpus import write_web_corpus

    root = tmp_path_factory.mktemp("webcorpus")
    corpus = write_web_corpus(root / "corpus")
    path = str(root / "index")
    ingest.build(corpus["paths"], path, outlets=corpus["outlets"])
    return path


@pytest.fixture(scope="session")
def web_server(web_index):
    """The web app over the generated corpus, served on a free port."""
    yield from _serve(web_index)


@pytest.fixture
def web_client(web_index):
    """A Flask test client over the generated corpus."""
    from webapp import create_app

    return create_app({"TESTING": True, "INDEX_DIR": web_index}).test_client()


# Articles written for the index tests (no third-party text): two outlets' takes on one story,
# accents, a shared surname, a dated JSONL feed. `write_mini_corpus(dir)` also serves subprocess tests.
MINI = {
    "herald/a1.txt": (
        "Budget talks stall in Riverton\n\nRIVERTON: The city council failed to agree a budget on Tuesday.\n\n"
        "\"We will not cut the library budget while I am mayor of this city,\" Maria Sánchez said on Tuesday.\n\n"
        "\"The numbers simply do not add up for the coming year,\" council member Tom Baker told reporters.\n"),
    "herald/a2.txt": (
        "Riverton mayor defends library\n\nThe mayor of Riverton spoke to the Riverton Herald on Wednesday.\n\n"
        "\"We will not cut the library budget while I am mayor,\" Sanchez told the Riverton Herald.\n\n"
        "Baker disagreed. \"The numbers simply do not add up,\" Baker said.\n"),
    "feed.jsonl": "\n".join(__import__("json").dumps(r) for r in [
        {"title": "Harbour works to start", "outlet": "Daily Planet", "date": "2021-05-04",
         "text": "The port will be dredged this year.\n\n\"Our harbour will be dredged before the autumn "
                 "storms arrive, whatever it costs,\" port director Ana Ferreira said.\n\n\"Dredging "
                 "is the only way to keep the ferries running,\" John Smith, a ferry captain, said."},
        {"title": "Storm season worries port", "outlet": "Evening Star", "date": "2020-01-02",
         "text": "Captains are worried.\n\n\"Our harbour will be dredged before the autumn storms "
                 "arrive,\" Ferreira told the Evening Star.\n\n\"I have never seen the channel this "
                 "shallow in thirty years,\" Jane Smith said."},
    ]) + "\n",
}


def write_mini_corpus(root) -> pathlib.Path:
    """Write the MINI articles under root and return root."""
    root = pathlib.Path(root)
    for rel, text in MINI.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def mini_corpus(tmp_path_factory):
    """The MINI corpus in a session temp directory (read-only by convention)."""
    return write_mini_corpus(tmp_path_factory.mktemp("mini") / "corpus")


@pytest.fixture(scope="session")
def mini_index(mini_corpus, tmp_path_factory):
    """An index built once over the MINI corpus."""
    from indexer import ingest

    path = tmp_path_factory.mktemp("mini_ix") / "index"
    ingest.build([str(mini_corpus)], str(path))
    return str(path)
