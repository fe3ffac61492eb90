"""Benchmark result tables and the software-version table read what is stored, and explain what is missing."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from greenland_lib.validation.benchmarks import (RESULTS_DIR, SCALE_RUN_COLUMNS, SCALE_TARGET_COLUMNS, TIMEX_COLUMNS,
                                      VERSION_COLUMNS, scale_runs_table, scale_targets_table,
                                      software_versions, timex_benchmark_table)

REPO = Path(__file__).resolve().parent.parent
SCALE = {"jobs": 2, "machine_cores": 4, "ratio_time_per_article": 1.07,
         "runs": [{"articles": 10000, "jobs": 2, "seconds": 16.0, "articles_per_second": 625.0,
                   "peak_memory_mb": 410.5, "rows": {"articles": 10000}},
                  {"articles": 1000, "jobs": 2, "seconds": 1.5, "articles_per_second": 666.7,
                   "peak_memory_mb": 120.0, "rows": {"articles": 1000}}],
         "targets": [{"target": "throughput", "rule": ">= 500", "value": 625.0, "met": True},
                     {"target": "peak memory", "rule": "< 500", "value": 410.5, "met": True},
                     {"target": "ratio", "rule": "<= 1.3", "value": 1.07, "met": False}]}


def _write(folder: Path, name: str, data) -> Path:
    path = folder / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_timex_table_reads_the_committed_results():
    stored = json.loads((RESULTS_DIR / "timex.json").read_text(encoding="utf-8"))
    table = timex_benchmark_table()
    assert list(table.columns) == TIMEX_COLUMNS
    ours = table.set_index("system").loc["greenland_lib.timex"]
    assert ours["articles_per_second"] == stored["ours"]["articles_per_second"]
    assert ours["f1"] == stored["ours"]["gold"]["f1"] and ours["correct"] == stored["ours"]["gold"]["correct"]
    dp = table.set_index("system").loc["dateparser (English)"]
    assert dp["articles_per_second"] == stored["dateparser"]["languages_en"]["articles_per_second"]
    assert dp["extra"] == stored["dateparser"]["languages_en"]["gold"]["extra"]
    assert (table["note"].fillna("") != "").sum() >= 1 and table["system"].is_unique


@pytest.mark.parametrize("content", [None, "{not json", "[1, 2]", {"ours": {}}])
def test_timex_table_explains_a_missing_or_broken_file(tmp_path, content):
    path = tmp_path / "timex.json" if content is None else _write(tmp_path, "timex.json", content)
    table = timex_benchmark_table(path)
    assert list(table.columns) == TIMEX_COLUMNS and len(table) == 1
    assert "make bench" in table.loc[0, "note"] and "timex.json" in table.loc[0, "note"]
    assert table.drop(columns="note").isna().all(axis=None)


def test_scale_runs_are_read_sorted_by_size_with_cores(tmp_path):
    table = scale_runs_table(_write(tmp_path, "scale.json", SCALE))
    assert list(table.columns) == SCALE_RUN_COLUMNS
    assert table["articles"].tolist() == [1000, 10000]
    assert table["articles_per_second"].tolist() == [666.7, 625.0]
    assert table["peak_memory_mb"].tolist() == [120.0, 410.5]
    assert (table["machine_cores"] == 4).all() and (table["jobs"] == 2).all() and (table["note"] == "").all()


def test_scale_targets_keep_met_and_not_met(tmp_path):
    table = scale_targets_table(_write(tmp_path, "scale.json", SCALE))
    assert list(table.columns) == SCALE_TARGET_COLUMNS
    assert table["met"].tolist() == [True, True, False]
    assert table["value"].tolist() == [625.0, 410.5, 1.07]


def test_a_missing_scale_file_gives_a_message_row_not_an_exception(tmp_path):
    for fn, columns in ((scale_runs_table, SCALE_RUN_COLUMNS), (scale_targets_table, SCALE_TARGET_COLUMNS)):
        table = fn(tmp_path / "scale.json")
        assert list(table.columns) == columns and len(table) == 1
        assert re.search(r"no .*scale\.json: run `make bench`", table.loc[0, "note"])


def test_an_old_scale_file_without_targets_says_so(tmp_path):
    old = {k: v for k, v in SCALE.items() if k != "targets"}
    path = _write(tmp_path, "scale.json", old)
    assert "no targets" in scale_targets_table(path).loc[0, "note"]
    assert len(scale_runs_table(path)) == 2
    assert "no runs" in scale_runs_table(_write(tmp_path, "empty.json", {"runs": []})).loc[0, "note"]


def test_software_versions_match_the_pins():
    table = software_versions()
    assert list(table.columns) == VERSION_COLUMNS
    assert table.loc[0].tolist() == ["python", f"{sys.version_info.major}.{sys.version_info.minor}"]
    assert re.fullmatch(r"\d+\.\d+", table.loc[0, "version"])
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    pins = dict(re.findall(r'"([A-Za-z0-9_.-]+)==([^"]+)"', pyproject))
    rows = table.set_index("package")["version"]
    for name in ("pandas", "numpy", "matplotlib", "python-dateutil", "networkx", "jupyterlab", "nbval"):
        assert rows[name] == pins[name], name


def test_software_versions_name_what_is_not_installed():
    table = software_versions(["pandas", "no-such-package-greenland"])
    assert table["package"].tolist() == ["python", "pandas", "no-such-package-greenland"]
    assert table.loc[2, "version"] == "not installed"
