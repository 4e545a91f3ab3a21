"""The one settings object and the one error family, as the CLI and the web app read them."""
from __future__ import annotations

import dataclasses

import pytest

from indexer import errors, settings


def test_defaults_and_the_environment():
    assert settings.load({}) == settings.DEFAULTS
    assert settings.load({}).index_dir == ".quote-index"
    assert settings.load({"QUOTE_INDEX_DIR": "/srv/ix"}).index_dir == "/srv/ix"
    assert settings.load({"QUOTE_INDEX_DIR": ""}).index_dir == ".quote-index"
    # explicit values win over the environment; None means "not given"
    assert settings.load({"QUOTE_INDEX_DIR": "/srv/ix"}, index_dir="here").index_dir == "here"
    assert settings.load({}, index_dir=None).index_dir == ".quote-index"


def test_settings_are_frozen_and_unknown_names_are_refused():
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.DEFAULTS.max_per_page = 5
    with pytest.raises(TypeError):
        settings.DEFAULTS.replace(max_per_pages=5)


@pytest.mark.parametrize("cls", [errors.IndexNotFound, errors.BuildFailed, errors.LockTimeout,
                                 errors.BadParameter])
def test_every_user_error_is_a_quote_index_error(cls):
    assert issubclass(cls, errors.QuoteIndexError)


def test_a_bad_parameter_is_still_a_value_error():
    # The search functions documented ValueError for bad values: callers catching it keep working.
    assert issubclass(errors.BadParameter, ValueError)
    assert issubclass(errors.LockTimeout, errors.BuildFailed)


def test_the_web_app_reads_the_settings(monkeypatch, tmp_path):
    from webapp import create_app

    monkeypatch.setenv("QUOTE_INDEX_DIR", str(tmp_path / "ix"))
    app = create_app({"TESTING": True})
    d = settings.DEFAULTS
    assert app.config["INDEX_DIR"] == str(tmp_path / "ix")
    assert (app.config["MAX_QUERY_LENGTH"], app.config["MAX_PAGE"], app.config["MAX_PER_PAGE"],
            app.config["MAX_CSV_ROWS"]) == (d.max_query_length, d.max_page, d.max_per_page, d.max_csv_rows)
