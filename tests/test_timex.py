"""Temporal expressions: gold annotation of the seeds, the weekday matrix, dates, non-years, relatives."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from greenland_lib.paths import ANNOTATIONS_DIR
from greenland_lib.corpus.loading import Corpus
from greenland_lib.extract.timex import COLUMNS, find_timexes

GOLD = ANNOTATIONS_DIR / "timexes.csv"
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# 2026-01-01 is a Thursday, 2026-01-02 a Friday, 2026-01-12 a Monday, 2026-01-18 a Sunday.
PUBLICATION_DATES = [dt.date(2026, 1, 1), dt.date(2026, 1, 2), dt.date(2026, 1, 12), dt.date(2026, 1, 18)]
PAST_CLAUSES = ["The minister said on {wd} that talks would continue.", "{wd}'s meeting was short.",
                "Protesters gathered outside parliament {wd}."]
FUTURE_CLAUSES = ["The ministers will meet on {wd} in Washington.", "The meeting is set to take place on {wd}.",
                  "A vote is expected to follow on {wd}.", "Talks are to be held on {wd} in Nuuk."]


def tag(sentence: str, published: dt.date | None = dt.date(2026, 1, 12)) -> pd.DataFrame:
    """The temporal expressions of a one-sentence article."""
    corpus = Corpus.from_texts({"a": sentence}, published={"a": published})
    return find_timexes(corpus)


def values(sentence: str, published: dt.date | None = dt.date(2026, 1, 12)) -> list[tuple[str, str]]:
    return [(r.text, r.value) for r in tag(sentence, published).itertuples()]


def expected_weekday(published: dt.date, weekday: int, future: bool) -> dt.date:
    """Walk day by day: the last such day on or before publication, or the first one on or after it
    (news style names the publication day itself by its weekday)."""
    days = range(0, 7) if future else range(0, -7, -1)
    for n in days:
        day = published + dt.timedelta(days=n)
        if day.weekday() == weekday:
            return day
    raise AssertionError("unreachable")


# ----------------------------------------------------------------------------- gold annotation

def test_gold_every_expression_found_with_the_right_value_and_nothing_else(seeds):
    gold = pd.read_csv(GOLD, dtype=str, keep_default_na=False)
    found = find_timexes(seeds).astype({"start": str, "end": str})
    key = ["article_id", "start", "end"]
    merged = gold.merge(found, on=key, how="outer", suffixes=("_gold", ""), indicator=True)
    missing = merged[merged["_merge"] == "left_only"]
    extra = merged[merged["_merge"] == "right_only"]
    assert missing.empty, f"gold expressions not found:\n{missing[key + ['text_gold']]}"
    assert extra.empty, f"expressions not in the gold annotation:\n{extra[key + ['text', 'value']]}"
    wrong = merged[(merged["value_gold"] != merged["value"]) | (merged["type_gold"] != merged["type"])
                   | (merged["text_gold"] != merged["text"])]
    assert wrong.empty, f"wrong values:\n{wrong[key + ['text', 'type_gold', 'type', 'value_gold', 'value']]}"
    assert len(gold) >= 26


def test_gold_offsets_point_at_the_annotated_text(seeds):
    gold = pd.read_csv(GOLD, dtype=str, keep_default_na=False)
    for row in gold.itertuples():
        assert seeds.text(row.article_id)[int(row.start):int(row.end)] == row.text


# ----------------------------------------------------------------------------- weekday matrix

@pytest.mark.parametrize("published", PUBLICATION_DATES, ids=lambda d: f"{d:%Y-%m-%d-%a}")
@pytest.mark.parametrize("weekday", range(7), ids=WEEKDAY_NAMES)
@pytest.mark.parametrize("future", [False, True], ids=["past", "future"])
def test_weekday_matrix(published, weekday, future):
    clauses = FUTURE_CLAUSES if future else PAST_CLAUSES
    want = expected_weekday(published, weekday, future).isoformat()
    for clause in clauses:
        sentence = clause.format(wd=WEEKDAY_NAMES[weekday])
        found = tag(sentence, published)
        assert list(found["text"]) == [WEEKDAY_NAMES[weekday]], sentence
        assert list(found["value"]) == [want], f"{sentence} published {published}"
        assert list(found["anchor"]) == ["DCT"]


def test_weekday_across_month_and_year_end():
    assert values("The talks were held on Monday.", dt.date(2026, 1, 2)) == [("Monday", "2025-12-29")]
    assert values("Talks will resume on Tuesday.", dt.date(2025, 12, 31)) == [("Tuesday", "2026-01-06")]


def test_weekday_same_day_is_allowed_and_last_next_modifiers():
    assert values("He spoke on Monday.", dt.date(2026, 1, 12)) == [("Monday", "2026-01-12")]
    assert values("They met last Friday.", dt.date(2026, 1, 12)) == [("last Friday", "2026-01-09")]
    assert values("They met last Monday.", dt.date(2026, 1, 12)) == [("last Monday", "2026-01-05")]
    assert values("They meet next Wednesday.", dt.date(2026, 1, 12)) == [("next Wednesday", "2026-01-14")]
    assert values("They meet next Monday.", dt.date(2026, 1, 12)) == [("next Monday", "2026-01-19")]


def test_weekday_with_explicit_date():
    found = tag("Talks are due on Tuesday (Jan 13) in Washington.")
    assert list(found["text"]) == ["Tuesday (Jan 13)"]
    assert list(found["value"]) == ["2026-01-13"]
    assert values("The summit on Tuesday, January 13, 2026 was short.") == [
        ("Tuesday, January 13, 2026", "2026-01-13")]


# ----------------------------------------------------------------------------- calendar dates and years

@pytest.mark.parametrize("sentence, expected", [
    ("The envoy arrived on Jan 9 in Nuuk.", [("Jan 9", "2026-01-09")]),
    ("The envoy arrived on Jan. 9 in Nuuk.", [("Jan. 9", "2026-01-09")]),
    ("The envoy will arrive on Jan. 16 in Nuuk.", [("Jan. 16", "2026-01-16")]),
    ("The envoy arrived on 9th January in Nuuk.", [("9th January", "2026-01-09")]),
    ("The envoy arrived on May 5 in Nuuk.", [("May 5", "2025-05-05")]),
    ("The envoy will arrive on May 5 in Nuuk.", [("May 5", "2026-05-05")]),
    ("The envoy arrived on January 13, 2026 in Nuuk.", [("January 13, 2026", "2026-01-13")]),
    ("The envoy arrived on 9 January in Nuuk.", [("9 January", "2026-01-09")]),
    ("The envoy arrived on 13 January 2025 in Nuuk.", [("13 January 2025", "2025-01-13")]),
    ("The envoy arrived on December 30 in Nuuk.", [("December 30", "2025-12-30")]),
    ("The deal was signed on 2026-01-14.", [("2026-01-14", "2026-01-14")]),
    ("The base was built in March 1951.", [("March 1951", "1951-03")]),
    ("The defence pact dates from 1951.", [("1951", "1951")]),
    ("Spending has grown since 2004.", [("2004", "2004")]),
    ("It was a Danish colony until 1953.", [("1953", "1953")]),
    ("Copenhagen allocated funds in 2025.", [("2025", "2025")]),
    ("The 1950s were the height of the Cold War.", [("The 1950s", "195")]),
    ("Troops arrived in December.", [("December", "2025-12")]),
    ("Troops will arrive in June.", [("June", "2026-06")]),
])
def test_calendar_dates(sentence, expected):
    assert values(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Greenland is home to some 57,000 people.",
    "Copenhagen allocated some $14 billion.",
    "NATO is the 32-member military alliance.",
    "Mininnguaq Fontain, 19, also a student, added a remark.",
    "About 2000 troops took part.",
    "The agency counted 1500 soldiers.",
    "European leaders hope that cooperation may help placate Trump.",
    "Turnout rose by 2026 votes to 2,026.",
    "The ship is 1200 metres long.",
])
def test_numbers_that_are_not_years_or_dates(sentence):
    assert tag(sentence).empty, values(sentence)


# ----------------------------------------------------------------------------- relative expressions

@pytest.mark.parametrize("phrase, value", [
    ("today", "2026-01-12"), ("yesterday", "2026-01-11"), ("tomorrow", "2026-01-13"),
    ("this week", "2026-W03"), ("last week", "2026-W02"), ("next week", "2026-W04"),
    ("earlier this month", "2026-01"), ("last month", "2025-12"), ("next month", "2026-02"),
    ("this year", "2026"), ("last year", "2025"), ("next year", "2027"),
    ("a year ago", "2025"), ("two weeks ago", "2026-W01"), ("three days ago", "2026-01-09"),
])
def test_relative_to_publication_date(phrase, value):
    found = tag(f"Ministers discussed the matter {phrase} in Copenhagen.")
    assert list(found["text"]) == [phrase]
    assert list(found["value"]) == [value]
    assert list(found["anchor"]) == ["DCT"]
    assert list(found["type"]) == ["DATE"]


def test_last_week_across_the_year_end_is_an_iso_week():
    # 2026-01-02 is in ISO week 2026-W01; the week before is 2025-W52.
    assert values("It happened last week.", dt.date(2026, 1, 2)) == [("last week", "2025-W52")]
    # 2027-01-01 is a Friday in ISO week 2026-W53.
    assert values("It happens this week.", dt.date(2027, 1, 1)) == [("this week", "2026-W53")]


def test_years_later_is_anchored_to_the_year_mentioned_before():
    text = "A Danish colony until 1953, Greenland gained home rule 26 years later."
    found = tag(text)
    assert list(found["text"]) == ["1953", "26 years later"]
    assert list(found["value"]) == ["1953", "1979"]
    assert found["anchor"].iloc[1] == str(found["start"].iloc[0])
    assert text[int(found["anchor"].iloc[1]):].startswith("1953")


def test_years_later_without_an_earlier_year_is_unresolved():
    found = tag("Home rule came 26 years later.")
    assert list(found["resolved"]) == [False]
    assert list(found["value"]) == [""]


def test_now_is_present_ref():
    assert values("But now the mood has changed.") == [("now", "PRESENT_REF")]


# ----------------------------------------------------------------------------- durations and sets

@pytest.mark.parametrize("sentence, expected", [
    ("Trump has talked about buying the island for years.", [("years", "DURATION", "PXY")]),
    ("Tensions have grown in recent weeks.", [("recent weeks", "DURATION", "PXW")]),
    ("The exercise lasted two weeks.", [("two weeks", "DURATION", "P2W")]),
    ("The talks lasted three days.", [("three days", "DURATION", "P3D")]),
    ("They signed a 10-year deal.", [("10-year", "DURATION", "P10Y")]),
    ("Prices rose over the past two weeks.", [("the past two weeks", "DURATION", "P2W")]),
    ("The dispute has lasted for decades.", [("decades", "DURATION", "PXDE")]),
    ("NATO reviews the plan every year.", [("every year", "SET", "P1Y")]),
    ("\"We laughed,\" said 35-year-old theology student Nuunu Binzer.", [("35-year-old", "DURATION", "P35Y")]),
    ("The envoy, 61 years old, arrived late.", [("61 years old", "DURATION", "P61Y")]),
])
def test_durations_and_sets(sentence, expected):
    assert [(r.text, r.type, r.value) for r in tag(sentence).itertuples()] == expected


# ----------------------------------------------------------------------------- unknown publication date

def test_relative_expressions_unresolved_when_publication_date_unknown():
    text = "Ministers met on Monday and last week, and in 1951, for years."
    found = tag(text, published=None)
    by_text = {r.text: r for r in found.itertuples()}
    for rel in ("Monday", "last week"):
        assert not by_text[rel].resolved and by_text[rel].value == ""
    assert by_text["1951"].resolved and by_text["1951"].value == "1951"
    assert by_text["years"].resolved and by_text["years"].value == "PXY"


def test_unknown_publication_date_is_reported_as_a_problem():
    from greenland_lib.pipeline import extract

    corpus = Corpus.from_texts({"a": "Ministers met on Monday."}, published={"a": None})
    problems = extract(corpus)["problems"]
    assert list(problems["file"]) == ["a.txt"]
    assert "publication date unknown" in problems["message"].iloc[0]


def test_impossible_date_is_a_problem_not_a_crash():
    from greenland_lib.pipeline import extract

    corpus = Corpus.from_texts({"a": "The deal was signed on February 30, 2026."}, published={"a": dt.date(2026, 3, 1)})
    tables = extract(corpus)
    assert list(tables["timexes"]["resolved"]) == [False]
    assert "impossible date" in tables["problems"]["message"].iloc[0]


# ----------------------------------------------------------------------------- table shape and offsets

def test_columns_types_and_offsets_round_trip(seeds, tables):
    timexes = tables["timexes"]
    assert list(timexes.columns) == COLUMNS
    assert set(timexes["type"]) <= {"DATE", "DURATION", "SET", "TIME"}
    assert timexes["resolved"].dtype == bool
    for row in timexes.itertuples():
        assert seeds.text(row.article_id)[row.start:row.end] == row.text
        sentence = seeds.sentences[(seeds.sentences["article_id"] == row.article_id)
                                   & (seeds.sentences["sent"] == row.sent)].iloc[0]
        assert sentence.start <= row.start < row.end <= sentence.end and sentence.para == row.para


def test_empty_corpus_gives_empty_table_with_columns():
    found = find_timexes(Corpus.from_texts({"a": "No dates here at all."}, published={"a": dt.date(2026, 1, 1)}))
    assert found.empty and list(found.columns) == COLUMNS


def test_cli_writes_timexes_csv_with_exactly_the_columns(tmp_path):
    out = tmp_path / "data"
    result = subprocess.run([sys.executable, "-m", "greenland_lib", "extract", "--out", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    written = pd.read_csv(out / "timexes.csv", dtype=str, keep_default_na=False)
    assert list(written.columns) == COLUMNS
    gold = pd.read_csv(GOLD, dtype=str, keep_default_na=False)
    assert len(written) == len(gold)


def test_offsets_hold_with_non_ascii_text():
    text = "İstanbul’s mayor — “Zürich” — met Ørsted on Monday; talks resume next week."
    found = tag(text)
    assert list(found["text"]) == ["Monday", "next week"]
    for row in found.itertuples():
        assert text[row.start:row.end] == row.text


@pytest.mark.parametrize("phrase, value", [
    ("twenty-one days", "P21D"), ("Seventy-Two hours", "PT72H"), ("thirteen weeks", "P13W"),
    ("a couple of months", "P2M"), ("several years", "PXY"), ("nine decades", "P9DE"), ("fifty-five minutes", "PT55M"),
    ("ten days", "P10D"), ("twelve months", "P12M"), ("forty years", "P40Y"), ("fourteen-day", "P14D"),
])
def test_number_words_with_units_are_durations(phrase, value):
    """Every spelling of a number word (tens with ones, words sharing an initial) before a unit."""
    assert [(r.text, r.type, r.value) for r in tag(f"The ban lasted {phrase} in all.").itertuples()] == [
        (phrase, "DURATION", value)]


# ----------------------------------------------------------------------------- news phenomena (fixture set)

CASES_FILE = Path(__file__).parent / "fixtures" / "timex" / "cases.csv"


def _cases() -> dict[str, pd.DataFrame]:
    cases = pd.read_csv(CASES_FILE, dtype=str, keep_default_na=False)
    return {name: group for name, group in cases.groupby("case", sort=False)}


@pytest.mark.parametrize("case", list(_cases()))
def test_news_phenomenon_fixture(case):
    """Each case of tests/fixtures/timex/cases.csv (sentences written for the test): every expression, nothing else."""
    rows = _cases()[case]
    text, published = rows["text"].iloc[0], dt.date.fromisoformat(rows["published"].iloc[0])
    want = list(zip(rows["expression"], rows["type"], rows["value"]))
    assert [(r.text, r.type, r.value) for r in tag(text, published).itertuples()] == want, rows["phenomenon"].iloc[0]


# ----------------------------------------------------------------------------- the gold's own script

def test_locate_script_rewrites_the_gold_byte_for_byte_from_the_repository_seeds(tmp_path):
    """annotations/locate.py finds the seeds beside it (a fresh clone) and reproduces timexes.csv exactly."""
    out = tmp_path / "timexes.csv"
    script = ANNOTATIONS_DIR / "locate.py"
    done = subprocess.run([sys.executable, str(script), str(out)], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == GOLD.read_bytes()


@pytest.mark.parametrize("name", ["timex_cues.csv", "timex_relative.csv", "timex_words.csv", "timex_year_guards.csv"])
def test_every_timex_data_file_has_a_notes_column_filled_in_for_every_row(name):
    """The project rule for lexicon data files: a ``notes`` column saying what each row is for."""
    from greenland_lib.paths import data_file

    table = pd.read_csv(data_file(name), dtype=str, keep_default_na=False)
    assert table.columns[-1] == "notes", list(table.columns)
    assert (table["notes"].str.strip() != "").all(), table[table["notes"].str.strip() == ""].head()


def test_the_lexicon_loader_refuses_a_data_file_without_its_columns(tmp_path, monkeypatch):
    """A timex data file missing a column (notes included) stops the loader with the file named."""
    from greenland_lib.extract.timex import lexicon

    bad = tmp_path / "timex_cues.csv"
    bad.write_text("kind,phrase\nfuture,will\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "data_file", lambda name: bad)
    with pytest.raises(ValueError, match="timex_cues.csv"):
        lexicon.read_table("timex_cues.csv")


@pytest.mark.parametrize("sentence, expected", [
    ("The agency flew 2 Mars probes in 2020.", [("2020", "2020")]),
    ("The Mayo 2026 survey was published.", [("2026", "2026")]),
    ("The envoy visited as recently as last year.", [("last year", "2025")]),
    ("The minister will reply as soon as she can.", []),
])
def test_words_that_only_look_like_dates(sentence, expected):
    """Foreign month names that are English words only in full dates; "as ... as" reference words are no expressions."""
    assert values(sentence) == expected
