"""The event coder on wire-style fixture articles, one test per phenomenon (annotations/event_fixtures/)."""
from __future__ import annotations

import pandas as pd
import pytest

from greenland_lib.validation.event_phenomena import FIXTURES, event_phenomena, fixture_tables

PHENOMENA = ["joint_action", "support", "summon", "protest", "tariffs", "tariffs_lifted", "mobilize", "rule_out",
             "several_sources", "quote_speaker", "context_side", "non_event", "passive", "place_target",
             "consult", "accuse", "reject", "threaten", "demand", "aid"]


@pytest.fixture(scope="module")
def result():
    return event_phenomena()


def test_the_table_lists_every_phenomenon_with_its_cases(result):
    table, misses = result
    assert list(table.columns) == ["phenomenon", "cases", "right"]
    gold = pd.read_csv(FIXTURES / "events.csv", dtype=str, keep_default_na=False)
    none = pd.read_csv(FIXTURES / "non_events.csv", dtype=str, keep_default_na=False)
    want = pd.concat([gold.phenomenon, none.phenomenon]).value_counts().sort_index()
    assert table.set_index("phenomenon").cases.sort_index().to_dict() == want.to_dict()
    assert set(table.phenomenon) == set(PHENOMENA)
    assert list(misses.columns) == ["phenomenon", "article_id", "want", "found", "sentence"]
    assert len(misses) == int((table.cases - table.right).sum())


@pytest.mark.parametrize("phenomenon", PHENOMENA)
def test_phenomenon(result, phenomenon):
    table, misses = result
    row = table.set_index("phenomenon").loc[phenomenon]
    assert row.right == row.cases, misses[misses.phenomenon == phenomenon].to_dict("records")


def test_tariffs_on_several_countries_are_one_event_with_all_targets():
    _, tables = fixture_tables()
    e = tables["events"]
    e = e[e.article_id == "tariffs_1"]
    assert len(e) == 1 and e.target_side.iloc[0] == "DEU;FRA;GBR"
    assert e.target_actor.iloc[0] == "germany;france;uk"


def test_protesters_are_a_group_actor():
    _, tables = fixture_tables()
    e = tables["events"].set_index("article_id")
    assert e.loc["protest_1", "source_actor"] == "protesters" and e.loc["protest_1", "source_side"] == "GRL"


def test_the_fixtures_are_scored_by_evaluate():
    from greenland_lib.validation.evaluate import evaluate_events

    _, tables = fixture_tables()
    ev = evaluate_events(tables, FIXTURES)
    names = set(ev.scores.metric)
    assert {"recall", "precision", "strict_precision"} <= names


def test_fixture_scores_per_category():
    from greenland_lib.validation.event_phenomena import fixture_scores

    scores, per_category = fixture_scores()
    gold = pd.read_csv(FIXTURES / "events.csv", dtype=str, keep_default_na=False)
    assert per_category.set_index("category").cases.to_dict() == gold.category.value_counts().to_dict()
    value = scores.set_index("metric").value
    assert value["recall"] == 1.0 and value["precision"] == 1.0
    assert (per_category.right == per_category.cases).all()
