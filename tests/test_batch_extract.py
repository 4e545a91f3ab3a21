"""Extraction on Dask (indexer/batch): the same records as the single-process extract, parts never doubled."""
from __future__ import annotations

import json
import os
import pathlib

import pytest

from batch_corpus import write_corpus
from conftest import CORPUS

from indexer.batch import adapter, extract_job, layout
from indexer.batch.extract_task import extract_partition
from indexer.batch.plan import plan_partitions
from indexer.batch.reader import load_records, quote_sort_key

pytestmark = pytest.mark.dask


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The generated corpus's roots (two of them) and its single-process records and problems."""
    roots = [str(r) for r in write_corpus(tmp_path_factory.mktemp("gen"), articles=60)]
    problems = []
    articles, quotes = adapter.single_process_records(roots, problems.append)
    return roots, sorted(articles, key=lambda a: a.id), sorted(quotes, key=quote_sort_key), problems


def _run(paths, out, **kw):
    """run_extract with its problems collected; (report, problems)."""
    seen = []
    report = extract_job.run_extract(paths, str(out), on_problem=seen.append, **kw)
    return report, seen


@pytest.mark.parametrize("fmt", ["parquet", "jsonl"])
def test_generated_corpus_gives_the_single_process_records(generated, dask_scheduler, tmp_path, fmt):
    roots, articles, quotes, problems = generated
    report, seen = _run(roots, tmp_path / "rec", fmt=fmt, partition_size=4, scheduler=dask_scheduler)
    assert report.partitions > 4 and report.failed == []
    got_articles, got_quotes = load_records(str(tmp_path / "rec"))
    assert got_quotes == quotes and len(quotes) > 100
    assert got_articles == articles
    assert (report.articles, report.quotes) == (len(articles), len(quotes))
    # every bad input is reported once, with its file and reason, as the single process does
    assert sorted(map(str, seen)) == sorted(map(str, problems)) and len(seen) == 5
    assert any("photo.txt" in str(p) and "binary" in str(p) for p in seen)
    assert any("duplicate article id" in str(p) for p in seen)


def test_layout_is_by_year_and_month_with_an_undated_folder(generated, dask_scheduler, tmp_path):
    roots, articles, quotes, _ = generated
    _run(roots, tmp_path / "rec", partition_size=10, scheduler=dask_scheduler)
    years = {p.parent.parent.name for p in (tmp_path / "rec" / "quotes").rglob("part-*.parquet")}
    assert f"year={layout.UNDATED}" in years and len(years) >= 5
    import pyarrow.dataset as ds

    # a Hive-aware reader sees year and month as columns, and nulls for undated articles
    table = ds.dataset(str(tmp_path / "rec" / "articles"), format="parquet", partitioning="hive").to_table()
    by_id = {a.id: a for a in articles}
    for row in table.select(["id", "year", "month"]).to_pylist():
        date = by_id[row["id"]].date
        assert (row["year"], row["month"]) == ((int(date[:4]), int(date[5:7])) if date else (None, None))
    manifest = layout.read_manifest(str(tmp_path / "rec"))
    assert manifest["counts"]["quotes"] == len(quotes) and len(manifest["problems"]) == 5


def test_quote_fields_are_the_extract_contract(generated, dask_scheduler, tmp_path):
    roots, _, quotes, _ = generated
    _run(roots, tmp_path / "rec", fmt="jsonl", scheduler=dask_scheduler)
    lines = sorted(line for p in layout.part_files(str(tmp_path / "rec"), "quotes")
                   for line in pathlib.Path(p).read_text(encoding="utf-8").splitlines())
    assert lines == sorted(json.dumps(q.to_json(), ensure_ascii=False) for q in quotes)
    from indexer.batch.schema import QUOTE_SCHEMA
    assert QUOTE_SCHEMA.names == list(quotes[0].to_json())


def test_seeds_give_the_single_process_records(dask_scheduler, tmp_path):
    articles, quotes = adapter.single_process_records([str(CORPUS)])
    report, seen = _run([str(CORPUS)], tmp_path / "rec", scheduler=dask_scheduler)
    got_articles, got_quotes = load_records(str(tmp_path / "rec"))
    assert got_quotes == sorted(quotes, key=quote_sort_key) and len(quotes) == 10
    assert got_articles == sorted(articles, key=lambda a: a.id) and seen == []


def test_a_repeated_task_replaces_its_parts(generated, tmp_path):
    roots, _, quotes, _ = generated
    plan = plan_partitions(adapter.discover(roots, lambda p: None), files=100)
    staging = tmp_path / "staging"
    first = [extract_partition(k, part, str(staging), "parquet") for k, part in enumerate(plan)]
    before = sorted(p.relative_to(staging) for p in staging.rglob("*") if p.is_file())
    again = extract_partition(0, plan[0], str(staging), "parquet")        # the same task, once more
    assert again["written"] == first[0]["written"]
    assert sorted(p.relative_to(staging) for p in staging.rglob("*") if p.is_file()) == before
    layout.write_manifest(str(staging), {"format": "parquet"})
    assert load_records(str(staging))[1] == quotes


def test_a_retried_task_leaves_no_duplicate(generated, dask_scheduler, tmp_path, monkeypatch):
    import batch_faults

    roots, articles, quotes, _ = generated
    monkeypatch.setattr(extract_job, "TASK", batch_faults.fail_once_after_writing)
    report, _ = _run(roots, tmp_path / "rec", partition_size=6, scheduler=dask_scheduler)
    assert report.failed == []
    assert list((tmp_path / "rec").glob(".fault-*")), "the injected failure did not happen"
    assert load_records(str(tmp_path / "rec")) == (articles, quotes)
    assert not list((tmp_path / "rec").rglob("*.tmp"))


def test_a_failing_partition_is_reported_and_the_rest_goes_on(generated, dask_scheduler, tmp_path, monkeypatch):
    import batch_faults

    roots, _, quotes, _ = generated
    monkeypatch.setattr(extract_job, "TASK", batch_faults.always_fail_partition_one)
    report, seen = _run(roots, tmp_path / "rec", partition_size=6, scheduler=dask_scheduler)
    assert [f["partition"] for f in report.failed] == [1]
    lost = set(report.failed[0]["files"])
    assert {p.path for p in seen if "extraction task 1 failed" in p.reason} == lost
    got = load_records(str(tmp_path / "rec"))[1]
    assert got == [q for q in quotes if not any(q.article.startswith(_rel(f, roots)) for f in lost)]
    assert 0 < len(got) < len(quotes)


def _rel(path: str, roots: list) -> str:
    """The article id prefix of a file under one of the roots."""
    root = next(r for r in roots if path.startswith(r + os.sep))
    return os.path.relpath(path, root)


def test_a_repeated_job_replaces_the_output(dask_scheduler, tmp_path):
    out = tmp_path / "rec"
    _run([str(CORPUS)], out, scheduler=dask_scheduler)
    _run([str(CORPUS)], out, fmt="jsonl", scheduler=dask_scheduler)
    assert not list(out.rglob("*.parquet")) and len(load_records(str(out))[1]) == 10
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rec"]       # no .new-/.old- left


def test_output_that_is_not_records_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(layout.RecordsError, match="not a quote-index records directory"):
        extract_job.run_extract([str(CORPUS)], str(tmp_path))
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    with pytest.raises(layout.RecordsError, match="no _manifest.json"):
        load_records(str(tmp_path))


def test_without_a_scheduler_a_local_cluster_is_started_and_closed(tmp_path):
    report, _ = _run([str(CORPUS)], tmp_path / "rec", workers=1)
    assert report.quotes == 10


def test_a_scheduler_that_is_not_there_is_named(tmp_path):
    from services.common import free_port

    with pytest.raises(layout.RecordsError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:"):
        extract_job.run_extract([str(CORPUS)], str(tmp_path / "rec"), scheduler=f"tcp://127.0.0.1:{free_port()}")
    assert not list(tmp_path.iterdir())


def test_scheduler_and_workers_started_by_the_services_script(tmp_path):
    from services import dask_cluster
    from services.common import alive

    info = dask_cluster.start(str(tmp_path / "svc"), workers=1)
    try:
        report, _ = _run([str(CORPUS)], tmp_path / "rec", scheduler=info["address"])
        assert report.quotes == 10
    finally:
        dask_cluster.stop(info)
    assert not alive(info["scheduler_pid"]) and not alive(info["worker_pid"])
