"""Shared fixtures: the CLI runner, an index built over corpus/, the Flask app and its client."""
from __future__ import annotations

import pathlib

import pytest
from click.testing import CliRunner

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
    from indexer import index

    path = tmp_path_factory.mktemp("seed") / "index"
    index.build([str(CORPUS)], str(path))
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
