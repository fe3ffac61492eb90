"""Hostile and messy input: every fixture loads, extraction completes, problems name the file."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from greenland_lib import load_corpus
from greenland_lib.cli import main

MESSY = Path(__file__).parent / "fixtures" / "messy"
EXPECTED = pd.read_csv(MESSY / "expected.csv", keep_default_na=False)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    out = tmp_path_factory.mktemp("messy-out")
    assert main(["extract", str(MESSY), "--out", str(out)]) == 0
    return {p.stem: pd.read_csv(p, keep_default_na=False) for p in out.glob("*.csv")}


def test_every_fixture_has_an_expectation_and_vice_versa():
    assert set(EXPECTED.file) == {p.name for p in MESSY.glob("*.txt")}


@pytest.mark.parametrize("row", EXPECTED.to_dict("records"), ids=lambda r: r["file"])
def test_problem_is_named_with_the_file(extracted, row):
    problems = extracted["problems"]
    mine = problems[problems.file == row["file"]]
    if not row["severity"]:
        assert mine.empty, mine.to_string()
        return
    hit = mine[(mine.severity == row["severity"]) & mine.message.str.contains(row["problem"], regex=False)]
    assert len(hit), f"expected a {row['severity']} containing {row['problem']!r}; got\n{mine.to_string()}"


@pytest.mark.parametrize("row", EXPECTED.to_dict("records"), ids=lambda r: r["file"])
def test_what_can_be_extracted_is_extracted(extracted, row):
    article_id = row["file"][:-4]
    assert article_id in set(extracted["articles"].article_id), "every file keeps its row in articles"
    if row["must_extract"]:
        sentences = extracted["sentences"]
        assert row["must_extract"] in set(sentences[sentences.article_id == article_id].text)
    if row["must_actor"]:
        mentions = extracted["mentions"]
        assert row["must_actor"] in set(mentions[mentions.article_id == article_id].actor_id), \
            "actors named in a damaged file are still found"


def test_every_span_of_every_table_gives_back_its_text(extracted):
    from test_offsets import check_offsets

    # the 5 MB article alone has tens of thousands of sentences
    assert check_offsets(load_corpus(MESSY), extracted) > 25_000
