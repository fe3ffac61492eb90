"""The evaluation module: scores on the seeds agree with the per-task gold tests; damage is detected and named."""
from __future__ import annotations

import importlib.util
import math
import shutil
from pathlib import Path

import pandas as pd
import pytest

from greenland_lib.paths import ANNOTATIONS_DIR
from greenland_lib.validation.evaluate import (ERROR_COLUMNS, GOLD_DIR, SCORE_COLUMNS, evaluate, evaluate_dates,
                                    evaluate_events, evaluate_mentions, evaluate_outcome, evaluate_quotes, load_gold,
                                    scores)

TESTS = Path(__file__).parent


@pytest.fixture(scope="module")
def seed_eval(tables):
    return evaluate(tables)


def damaged(tables: dict, name: str, table: pd.DataFrame) -> dict:
    """A copy of the extraction with one table replaced."""
    out = dict(tables)
    out[name] = table.reset_index(drop=True)
    return out


def _load_test_module(name: str):
    spec = importlib.util.spec_from_file_location(f"_gold_{name}", TESTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- the seeds


def test_gold_dir_is_resolved_from_the_package():
    assert GOLD_DIR == ANNOTATIONS_DIR
    assert (GOLD_DIR / "timexes.csv").is_file()


def test_scores_table_is_tidy_and_complete(seed_eval, tables):
    table = scores(tables)
    assert list(table.columns) == SCORE_COLUMNS
    assert list(seed_eval.errors.columns) == ERROR_COLUMNS
    assert set(table["task"]) == {"dates", "mentions", "quotes", "events", "outcome"}
    assert not table.duplicated(["task", "metric"]).any()
    assert table["value"].between(0, 1).all() and (table["n"] > 0).all()
    assert seed_eval.messages == []
    pd.testing.assert_frame_equal(table, evaluate(tables).scores)


def test_dates_scores_equal_what_the_timex_gold_test_requires(seed_eval):
    # tests/test_timex.py requires every gold expression at its exact span, same type and value, nothing else.
    for metric in ("span_precision", "span_recall", "span_f1", "value_accuracy", "type_accuracy"):
        assert seed_eval.value("dates", metric) == 1.0, metric
    assert seed_eval.scores.set_index(["task", "metric"]).loc[("dates", "span_recall"), "n"] == len(
        pd.read_csv(GOLD_DIR / "timexes.csv"))
    assert (seed_eval.errors["task"] != "dates").all()


def test_quote_scores_equal_what_the_quote_gold_tests_require(seed_eval):
    # tests/test_quotes.py: every gold quote found with its speaker and fragment flag, no quote beyond the gold.
    for metric in ("detection_precision", "detection_recall", "speaker_accuracy", "fragment_accuracy"):
        assert seed_eval.value("quotes", metric) == 1.0, metric


def test_mention_scores_equal_the_actor_gold_test(seed_eval, tables):
    actors = _load_test_module("test_actors")
    precision, recall = actors._scores(tables["mentions"], actors.gold_mentions())
    assert seed_eval.value("mentions", "precision") == pytest.approx(precision)
    assert seed_eval.value("mentions", "recall") == pytest.approx(recall)
    assert precision >= actors.MIN_PRECISION and recall >= actors.MIN_RECALL
    assert seed_eval.value("mentions", "article_actor_recall") == 1.0   # every gold actor found in its article


def test_event_scores_equal_the_event_gold_test(seed_eval, tables):
    events = _load_test_module("test_events")
    gold = pd.read_csv(GOLD_DIR / "events.csv", dtype=str, keep_default_na=False)
    gold["sent"] = gold["sent"].astype(int)
    gold["required"] = gold["required"] == "True"
    gold["negated"] = gold["negated"] == "True"
    want = events.score_events(tables["events"], gold)
    assert seed_eval.value("events", "recall") == pytest.approx(want["recall"])
    assert seed_eval.value("events", "precision") == pytest.approx(want["precision"])
    assert seed_eval.value("events", "strict_precision") == pytest.approx(want["strict_precision"])
    assert seed_eval.value("events", "recall") >= events.MIN_RECALL
    misses = seed_eval.errors[(seed_eval.errors["task"] == "events") & (seed_eval.errors["kind"] == "miss")]
    assert len(misses) <= len(want["misses"])
    assert len(seed_eval.extras[seed_eval.extras["task"] == "events"]) == len(want["extra"])


def test_every_error_carries_its_sentence(seed_eval, seeds):
    assert not seed_eval.errors.empty
    sentences = set(zip(seeds.sentences["article_id"], seeds.sentences["sent"], seeds.sentences["text"]))
    for e in seed_eval.errors.itertuples():
        assert (e.article_id, e.sent, e.sentence) in sentences, e


# --------------------------------------------------------------------------- damaged extractions


def test_a_dropped_timex_is_a_miss_and_lowers_recall(tables, seeds):
    timexes = tables["timexes"]
    victim = timexes.iloc[5]
    result = evaluate_dates(damaged(tables, "timexes", timexes.drop(index=timexes.index[5])))
    n = len(timexes)   # the extraction matches the gold exactly
    assert result.value("dates", "span_recall") == pytest.approx((n - 1) / n)
    assert result.value("dates", "span_precision") == 1.0
    miss = result.misses
    assert len(miss) == 1 and len(result.extras) == 0
    assert (miss.article_id[0], miss.start[0], miss.text[0], miss.gold[0]) == (
        victim.article_id, victim.start, victim.text, victim.value)
    assert victim.text in miss.sentence[0]
    assert seeds.text(victim.article_id)[miss.start[0]:miss.end[0]] == victim.text


def test_a_changed_timex_value_is_wrong_and_lowers_value_accuracy(tables):
    timexes = tables["timexes"].copy()
    timexes.loc[timexes.index[0], "value"] = "1999-12-31"
    result = evaluate_dates(damaged(tables, "timexes", timexes))
    assert result.value("dates", "span_recall") == 1.0
    n = len(timexes)
    assert result.value("dates", "value_accuracy") == pytest.approx((n - 1) / n)
    wrong = result.wrong
    assert len(wrong) == 1 and wrong.found[0].endswith("1999-12-31")
    assert wrong.gold[0].endswith(tables["timexes"].value.iloc[0])


def test_an_extra_timex_is_listed_and_lowers_precision(tables):
    timexes = tables["timexes"]
    sentence = tables["sentences"].iloc[0]
    extra = timexes.iloc[[0]].assign(article_id=sentence.article_id, start=sentence.start, end=sentence.start + 4,
                                     text=sentence.text[:4], value="2000")
    result = evaluate_dates(damaged(tables, "timexes", pd.concat([timexes, extra])))
    assert result.value("dates", "span_precision") == pytest.approx(len(timexes) / (len(timexes) + 1))
    assert result.value("dates", "span_recall") == 1.0
    assert list(result.extras[["start", "text", "found", "sentence"]].itertuples(index=False, name=None)) == [
        (sentence.start, sentence.text[:4], "2000", sentence.text)]


def test_a_mention_with_the_wrong_actor_is_a_miss_and_an_extra(tables):
    mentions = tables["mentions"].copy()
    i = mentions.index[mentions["actor_id"] == "donald-trump"][0]
    mentions.loc[i, "actor_id"] = "jd-vance"
    result = evaluate_mentions(damaged(tables, "mentions", mentions))
    n = len(mentions)
    assert result.value("mentions", "precision") == pytest.approx((n - 1) / n)
    assert result.value("mentions", "recall") < 1.0 and result.value("mentions", "f1") < 1.0
    assert result.value("mentions", "span_recall") == 1.0
    assert result.value("mentions", "actor_accuracy") == pytest.approx((n - 1) / n)
    assert list(result.misses[["start", "gold", "found"]].itertuples(index=False, name=None)) == [
        (mentions.loc[i, "start"], "donald-trump", "jd-vance")]
    assert list(result.extras[["start", "gold", "found"]].itertuples(index=False, name=None)) == [
        (mentions.loc[i, "start"], "donald-trump", "jd-vance")]


def test_dropping_all_of_an_actors_mentions_in_an_article_lowers_article_recall(tables):
    mentions = tables["mentions"]
    keep = ~((mentions["actor_id"] == "china") & (mentions["article_id"] == mentions["article_id"].iloc[0]))
    assert (~keep).any()
    result = evaluate_mentions(damaged(tables, "mentions", mentions[keep]))
    assert result.value("mentions", "article_actor_recall") < 1.0
    assert set(result.misses["gold"]) == {"china"} and len(result.misses) == int((~keep).sum())


def test_a_wrong_speaker_and_a_dropped_quote(tables):
    quotes = tables["quotes"].copy()
    quotes.loc[quotes.index[1], "speaker_id"] = "donald-trump"
    victim = quotes.iloc[2]
    result = evaluate_quotes(damaged(tables, "quotes", quotes.drop(index=quotes.index[2])))
    assert result.value("quotes", "detection_recall") == pytest.approx(22 / 23)
    assert result.value("quotes", "detection_precision") == 1.0
    assert result.value("quotes", "speaker_accuracy") == pytest.approx(21 / 22)
    assert list(result.wrong[["start", "gold", "found"]].itertuples(index=False, name=None)) == [
        (quotes.start.iloc[1], f"speaker={tables['quotes'].speaker_id.iloc[1]}", "speaker=donald-trump")]
    assert list(result.misses["start"]) == [victim.start]
    assert victim.text[:20] in result.misses.sentence[0] or result.misses.sentence[0] in victim.text


def test_a_recoded_event_is_a_miss_and_an_extra(tables):
    events = tables["events"].copy()
    i = events.index[(events["category"] == "REJECT")][0]
    events.loc[i, "category"] = "AGREE"
    before = evaluate_events(tables)
    result = evaluate_events(damaged(tables, "events", events))
    assert result.value("events", "recall") < before.value("events", "recall")
    assert result.value("events", "precision") < before.value("events", "precision")
    extra = result.extras[result.extras["found"].str.startswith("AGREE")]
    assert list(extra[["article_id", "sent"]].itertuples(index=False, name=None)) == [
        (events.loc[i, "article_id"], events.loc[i, "sent"])]
    assert extra.sentence.iloc[0] == events.loc[i, "text"]
    new_miss = set(zip(result.misses.article_id, result.misses.sent)) - set(zip(before.misses.article_id,
                                                                              before.misses.sent))
    assert new_miss == {(events.loc[i, "article_id"], events.loc[i, "sent"])}


def test_a_flipped_polarity_and_a_wrong_date_are_named(tables):
    events = tables["events"].copy()
    dated = events.index[(events["date_basis"] != "background") & (events["category"] == "REJECT")]
    events.loc[dated[0], "negated"] = not bool(events.loc[dated[0], "negated"])
    events.loc[dated[1], "date"] = "2020-02-02"
    before = evaluate_events(tables)
    result = evaluate_events(damaged(tables, "events", events))
    assert result.value("events", "polarity_accuracy") < 1.0
    assert result.value("events", "date_accuracy") < before.value("events", "date_accuracy")
    assert result.value("events", "recall") < before.value("events", "recall")
    assert result.wrong["found"].str.contains("polarity=negated").any()
    assert result.wrong["found"].str.contains("date=2020-02-02").any()


def test_a_wrong_actor_on_the_right_side_lowers_actor_accuracy_only(tables):
    events = tables["events"].copy()
    gold = pd.read_csv(GOLD_DIR / "events.csv", dtype=str, keep_default_na=False)
    gold = gold[(gold.required == "True") & (gold.source_actor == "donald-trump")]
    keys = set(zip(gold.article_id, gold.sent.astype(int), gold.category))
    i = next(k for k, e in events.iterrows() if (e.article_id, e.sent, e.category) in keys
             and e.source_actor == "donald-trump")
    events.loc[i, "source_actor"] = "marco-rubio"     # the same side (USA), another person
    before = evaluate_events(tables)
    result = evaluate_events(damaged(tables, "events", events))
    assert result.value("events", "source_actor_accuracy") < before.value("events", "source_actor_accuracy")
    assert result.value("events", "source_side_accuracy") == before.value("events", "source_side_accuracy")
    assert result.value("events", "recall") == before.value("events", "recall")
    assert result.wrong["found"].str.contains("source_actor=marco-rubio").any()


def test_without_gold_actor_ids_only_the_sides_are_scored(tables, tmp_path):
    gold = pd.read_csv(GOLD_DIR / "events.csv", dtype=str, keep_default_na=False)
    gold.drop(columns=["source_actor", "target_actor"]).to_csv(tmp_path / "events.csv", index=False)
    names = set(evaluate_events(tables, tmp_path).scores.metric)
    assert {"source_side_accuracy", "target_side_accuracy"} <= names
    assert not names & {"source_actor_accuracy", "target_actor_accuracy"}


def test_dropped_outcome_rows_lower_outcome_recall(tables):
    outcome = tables["outcome"]
    result = evaluate_outcome(damaged(tables, "outcome", outcome[outcome["outcome"] != "rejected"]))
    assert result.value("outcome", "recall") < 1.0
    assert set(result.misses["gold"]) == {"rejected"}


# --------------------------------------------------------------------------- missing or bad input


def test_a_missing_gold_file_gives_a_message_not_a_crash(tables, tmp_path):
    shutil.copy(GOLD_DIR / "timexes.csv", tmp_path / "timexes.csv")
    result = evaluate(tables, gold_dir=tmp_path)
    assert set(result.scores["task"]) == {"dates"}
    assert len(result.messages) == 4
    assert any("no gold file" in m and "mentions.csv" in m for m in result.messages)
    assert scores(tables, gold_dir=tmp_path).equals(result.scores)
    empty = evaluate(tables, gold_dir=tmp_path / "nowhere")
    assert empty.scores.empty and list(empty.scores.columns) == SCORE_COLUMNS and len(empty.messages) == 5


def test_a_malformed_gold_file_gives_a_message(tables, tmp_path):
    (tmp_path / "quotes.csv").write_text("article_id,start\nx,notanumber\n", encoding="utf-8")
    (tmp_path / "timexes.csv").write_text("article_id,start,end,text,type,value\na,one,2,x,DATE,2026\n",
                                          encoding="utf-8")
    assert "lacks the columns" in evaluate_quotes(tables, tmp_path).messages[0]
    assert "non-numeric start" in evaluate_dates(tables, tmp_path).messages[0]
    assert load_gold("quotes.csv", tmp_path)[0] is None


def test_a_missing_extraction_table_gives_a_message(tables):
    partial = {k: v for k, v in tables.items() if k != "events"}
    result = evaluate_events(partial)
    assert result.scores.empty and "no 'events' table" in result.messages[0]


def test_an_empty_extraction_scores_zero_recall(tables):
    empty = damaged(tables, "quotes", tables["quotes"].iloc[0:0])
    result = evaluate_quotes(empty)
    assert result.value("quotes", "detection_recall") == 0.0
    assert math.isnan(result.value("quotes", "detection_precision"))
    assert len(result.misses) == len(pd.read_csv(GOLD_DIR / "quotes.csv"))
