"""The timeline of dated statements and its grouping by day."""
from __future__ import annotations

import datetime as dt

import matplotlib

matplotlib.use("Agg")

from greenland_lib.corpus.loading import Corpus  # noqa: E402
from greenland_lib.pipeline import extract  # noqa: E402
from greenland_lib.analysis.timeline import (DAY_COLUMNS, TIMELINE_COLUMNS, describe_value,  # noqa: E402
                                    statement_label)


def _tables():
    texts = {
        "a": "Rutte said on Monday that allies agree. The pact dates from 1951. Talks stalled last week.",
        "b": "The minister said on Monday that talks continue. A 1951 treaty governs the base. It is now tense.",
        "c": "The minister spoke on Monday. It was signed in 1951.",
    }
    published = {"a": dt.date(2026, 1, 12), "b": dt.date(2026, 1, 12), "c": None}
    corpus = Corpus.from_texts(texts, published=published, outlets={"a": "Outlet A", "b": "Outlet B", "c": "C"})
    return corpus, extract(corpus)


def test_timeline_rows_columns_and_offsets():
    corpus, tables = _tables()
    timeline = tables["timeline"]
    assert list(timeline.columns) == TIMELINE_COLUMNS
    for row in timeline.itertuples():
        text = corpus.text(row.article_id)
        assert text[row.start:row.end] == row.text
        assert text[row.timex_start:row.timex_end] == row.timex
    # "now" and the unresolved weekday of article c (no publication date) are not dated statements
    assert sorted(timeline["value"]) == ["1951", "1951", "1951", "2026-01-12", "2026-01-12", "2026-W02"]
    assert list(timeline["date"]) == sorted(timeline["date"])
    assert set(timeline.loc[timeline["value"] == "2026-01-12", "basis"]) == {"publication date"}
    assert set(timeline.loc[timeline["value"] == "1951", "basis"]) == {"expression"}
    assert set(timeline.loc[timeline["value"] == "2026-W02", "granularity"]) == {"week"}


def test_days_group_outlets():
    _, tables = _tables()
    days = tables["timeline_days"].set_index("value")
    assert list(tables["timeline_days"].columns) == DAY_COLUMNS
    assert days.at["2026-01-12", "n_sources"] == 2
    assert days.at["2026-01-12", "outlets"] == "Outlet A; Outlet B"
    assert days.at["1951", "n_sources"] == 3 and days.at["1951", "n_statements"] == 3
    assert days.at["2026-W02", "n_sources"] == 1 and days.at["2026-W02", "date"] == dt.date(2026, 1, 5)


def test_seed_days_count_wire_copy_once(tables):
    days = tables["timeline_days"].set_index("value")
    # 1951 is reported by Newsmax and The New Indian Express, both carrying AFP copy
    assert days.at["1951", "n_sources"] == 2 and days.at["1951", "n_independent"] == 1
    assert days.at["2026-01-12", "n_sources"] == 2 and days.at["2026-01-12", "n_independent"] == 2


def test_label_keeps_the_expression_and_is_short():
    sentence = "A Danish colony until 1953, Greenland gained home rule 26 years later and is contemplating more."
    label = statement_label(sentence, sentence.index("26 years later"), sentence.index(" and is"))
    assert "26 years later" in label and len([w for w in label.split() if w != "…"]) <= 12


def test_describe_value():
    assert describe_value("2026-W02") == "the week Mon 05 Jan to Sun 11 Jan 2026 (ISO 2026-W02)"
    assert describe_value("PXY") == "a span of an unspecified number of years"
    assert describe_value("P2W") == "a span of 2 weeks"
    assert describe_value("2026-01") == "the month January 2026"


