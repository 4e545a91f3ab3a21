"""The benchmarks' pure helpers: wrk's output parsed, percentiles, the suites' arguments, and the
targets table judged from JSON figures (no timing here)."""
import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "bench"))

import _load  # noqa: E402
import run_all  # noqa: E402
import targets  # noqa: E402

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:8000
  1 threads and 8 connections
  2000 requests in 5.00s, 1.00MB read
RESULT {"requests":2000,"duration_s":5.000,"p50_ms":3.10,"p90_ms":6.00,"p95_ms":7.50,"p99_ms":9.00,"mean_ms":3.50,"max_ms":12.00,"err_connect":0,"err_read":1,"err_write":0,"err_status":2,"err_timeout":0,"bytes":1000}
"""


def test_wrk_result_line_becomes_figures_with_errors_summed_and_rate():
    r = _load.parse_wrk(WRK_OUTPUT)
    assert r["requests"] == 2000 and r["rps"] == 400.0 and r["p95_ms"] == 7.5
    assert r["errors"] == 3 and "err_read" not in r


def test_wrk_output_without_a_result_line_is_refused_with_its_tail():
    with pytest.raises(ValueError, match="no RESULT line"):
        _load.parse_wrk("unable to connect to 127.0.0.1:1 Connection refused\n")


@pytest.mark.parametrize("values, p, expected", [
    ([], 95, 0.0),
    ([5.0], 50, 5.0),
    ([float(i) for i in range(1, 101)], 50, 50.0),
    ([float(i) for i in range(1, 101)], 95, 95.0),
    ([float(i) for i in range(1, 101)], 100, 100.0),
])
def test_percentile_is_the_nearest_rank(values, p, expected):
    assert _load.percentile(values, p) == expected


def test_proc_stat_cpu_reads_a_command_name_with_spaces_and_parentheses(tmp_path, monkeypatch):
    # /proc/<pid>/stat: "pid (comm) state ..." where comm may hold spaces and ")".
    fields = ["S"] + ["0"] * 10 + ["150", "50"] + ["0"] * 30
    line = "42 (a (b) c) " + " ".join(fields)
    real = pathlib.Path.read_text
    monkeypatch.setattr(pathlib.Path, "read_text",
                        lambda self, *a, **k: line if str(self) == "/proc/42/stat" else real(self, *a, **k))
    assert _load.cpu_seconds(42) == pytest.approx(200 / _load.CLK_TCK)


@pytest.mark.parametrize("args, peer, expected", [
    (["--json", "--peer", "{peer}"], "/p", ["--json", "--peer", "/p"]),
    (["--json", "--peer", "{peer}"], None, ["--json"]),
    (["--baseline"], None, ["--baseline"]),
])
def test_suite_arguments_fill_in_the_peer_or_drop_it(args, peer, expected):
    assert run_all.arguments(args, peer) == expected


FULL_MEMORY = {"requests": 10_000, "articles": 22_192, "summary": {
    "ours": {"rss_mb_median": 120.0, "rps_median": 95.0},
    "baseline": {"rss_mb_median": 1180.0, "rps_median": 100.0},
    "peer": {"rss_mb_median": 76.0, "rps_median": 150.0}}}


def _row(what: str, data: dict) -> dict:
    """The judged row of the target whose label starts with `what`."""
    (t,) = [t for t in targets.TARGETS if t.what.startswith(what)]
    return targets.judge(t, data)


@pytest.mark.parametrize("memory, rss_status, rps_status", [
    (FULL_MEMORY, targets.MET, targets.MET),
    ({**FULL_MEMORY, "summary": {**FULL_MEMORY["summary"], "ours": {"rss_mb_median": 151.0, "rps_median": 89.0}}},
     targets.NOT_MET, targets.NOT_MET),
    ({**FULL_MEMORY, "requests": 1000}, targets.NOT_MEASURED, targets.MET),
    ({**FULL_MEMORY, "articles": 2225}, targets.NOT_MEASURED, targets.NOT_MEASURED),
    ({**FULL_MEMORY, "summary": {"ours": FULL_MEMORY["summary"]["ours"]}}, targets.MET, targets.NOT_MEASURED),
])
def test_memory_targets_are_judged_from_the_figures(memory, rss_status, rps_status):
    assert _row("Server RSS", {"bench_memory": memory})["status"] == rss_status
    assert _row("Requests/s in that run", {"bench_memory": memory})["status"] == rps_status


def test_a_missing_file_or_an_html_run_is_not_measured_never_met():
    assert _row("Search JSON, requests/s", {})["status"] == targets.NOT_MEASURED
    web = {"format": "html", "server": {"answer_caches": "off"}, "index": {"articles": 22_192},
           "results": {"search": {"rps": 500, "p95_ms": 10, "errors": 0}}}
    row = _row("Search JSON, requests/s", {"bench_web": web})
    assert row["status"] == targets.NOT_MEASURED and "HTML" in row["why"]
    web["format"] = "json"
    assert _row("Search JSON, requests/s", {"bench_web": web})["status"] == targets.MET
    web["results"]["search"]["errors"] = 1
    assert _row("Search JSON, requests/s", {"bench_web": web})["status"] == targets.NOT_MET


def test_the_table_shows_ratios_and_verdicts():
    lines = targets.how_to_read({"bench_memory": FULL_MEMORY})
    row = next(line for line in lines if line.startswith("| Server RSS"))
    assert "| 120 | 1,180 | 0.102 | 76 | 1.579 | 22,192 | met |" in row
    assert any("regex" in line for line in lines)           # the peer's caveat is stated


def test_a_ratio_just_under_the_line_is_not_met_and_shows_its_third_decimal():
    memory = {**FULL_MEMORY, "summary": {**FULL_MEMORY["summary"], "ours": {"rss_mb_median": 120.0,
                                                                          "rps_median": 89.7}}}
    assert _row("Requests/s in that run", {"bench_memory": memory})["status"] == targets.NOT_MET
    row = next(line for line in targets.how_to_read({"bench_memory": memory}) if line.startswith("| Requests/s"))
    assert "| 0.897 |" in row
    memory["summary"]["ours"]["rps_median"] = 90.0
    assert _row("Requests/s in that run", {"bench_memory": memory})["status"] == targets.MET
