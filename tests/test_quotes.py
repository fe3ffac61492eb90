"""Quotations and speakers: the seeds against the hand-annotated gold, quote-mark pairing, bad input."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from greenland_lib.paths import ANNOTATIONS_DIR
from greenland_lib.corpus.loading import Corpus
from greenland_lib.pipeline import extract
from greenland_lib.extract.quotes import QUOTE_COLUMNS, SPEAKER_HOWS, find_quotes, pair_quote_marks

GOLD = ANNOTATIONS_DIR


def gold_quotes() -> pd.DataFrame:
    gold = pd.read_csv(GOLD / "quotes.csv", dtype={"article_id": str, "speaker_id": str}, keep_default_na=False)
    gold["fragment"] = gold["fragment"].astype(str).map({"True": True, "False": False})
    assert gold["fragment"].notna().all()
    return gold


def test_quotes_have_exactly_the_documented_columns(tables):
    quotes = tables["quotes"]
    assert list(quotes.columns) == QUOTE_COLUMNS
    assert quotes["fragment"].dtype == bool
    assert set(quotes["speaker_how"]) <= set(SPEAKER_HOWS)
    assert ((quotes["speaker_id"] == "") == (quotes["speaker_how"] == "unknown")).all()
    assert set(quotes["speaker_id"]) - {""} <= set(tables["actors"]["actor_id"])


def test_every_gold_quote_is_found_with_its_speaker(tables):
    found = tables["quotes"].set_index(["article_id", "start", "end"])
    for g in gold_quotes().itertuples():
        key = (g.article_id, g.start, g.end)
        assert key in found.index, f"quote not found: {g.text!r}"
        row = found.loc[key]
        assert row["speaker_id"] == g.speaker_id, f"{g.text!r}: speaker {row['speaker_id']!r}, gold {g.speaker_id!r}"
        assert bool(row["fragment"]) == g.fragment, g.text


def test_no_quote_beyond_the_gold(tables):
    found = set(tables["quotes"][["article_id", "start", "end"]].itertuples(index=False, name=None))
    gold = set(gold_quotes()[["article_id", "start", "end"]].itertuples(index=False, name=None))
    assert found == gold


def test_no_title_or_heading_is_taken_as_a_quote(seeds, tables):
    for article_id, words in (("002_5695a93af2ac32e3", "Golden Dome"), ("001_36ae4ff8970a304e", "Unease")):
        start = seeds.text(article_id).index(words)
        q = tables["quotes"][tables["quotes"]["article_id"] == article_id]
        assert not ((q["start"] <= start) & (q["end"] > start)).any(), words


def test_apostrophes_are_not_quote_marks():
    for text in ("Greenland's government said We're here.", "The territory’s defence doesn't change.",
                 "The allies' view of the '90s.", "Rock 'n' roll"):
        pairs, problems, unclosed = pair_quote_marks(text, 0, len(text))
        assert (pairs, problems, unclosed) == ([], [], None), text


def test_pairing_straight_curly_nested():
    text = "He said \"it is a 'done deal' now\" and ‘maybe’ “later”."
    pairs, problems, unclosed = pair_quote_marks(text, 0, len(text))
    assert [text[a + 1:b] for a, b in pairs] == ["it is a 'done deal' now", "maybe", "later"]
    assert problems == [] and unclosed is None


def test_an_unbalanced_quote_warns_and_the_rest_is_read():
    text = "Trump said “we will get it.\nMette Frederiksen said: “Never.”\nRutte said: \"We are ready.\""
    corpus = Corpus.from_texts({"bad": text})
    tables = extract(corpus)
    assert list(tables["quotes"]["text"]) == ["Never.", "We are ready."]
    assert list(tables["quotes"]["speaker_id"]) == ["mette-frederiksen", "mark-rutte"]
    problems = tables["problems"]
    assert len(problems) == 1 and problems.iloc[0]["file"] == "bad.txt"
    assert f"offset {text.index('“we')}" in problems.iloc[0]["message"]


def test_a_quotation_continued_in_the_next_paragraph_is_not_a_problem():
    text = "Rutte said: \"We are ready.\n\"We will stay ready.\""
    tables = extract(Corpus.from_texts({"a": text}))
    assert list(tables["quotes"]["text"]) == ["We are ready.", "We will stay ready."]
    assert list(tables["quotes"]["speaker_how"]) == ["explicit", "previous"]
    assert tables["problems"].empty


def test_no_speaker_is_never_a_guess():
    corpus = Corpus.from_texts({"a": "After Rutte's talks with Trump it was said to be \"a good start\"."})
    quotes = find_quotes(corpus)
    assert list(quotes["speaker_id"]) == [""] and list(quotes["speaker_how"]) == ["unknown"]


def test_persons_inside_a_group_phrase_are_not_its_speaker():
    # the anonymous officials are the speaker (a group, annotations/README.md), with or without a name inside
    for about in ("Rutte's talks with Trump", "the talks"):
        corpus = Corpus.from_texts({"a": f"Officials familiar with {about} said it was \"a good start\"."})
        quotes = find_quotes(corpus)
        assert list(quotes["speaker_id"]) == ["group:officials-familiar-with-" + about.lower()
                                              .replace("'", "-").replace(" ", "-")]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab GNATOTrump.,:\n\"'“”‘’«»-")), max_size=200))
def test_any_text_is_processed_without_exception_and_offsets_hold(text):
    corpus = Corpus.from_texts({"x": text})
    tables = extract(corpus)
    for name in ("mentions", "quotes"):
        for row in tables[name].itertuples():
            assert text[row.start:row.end] == row.text


def test_groups_organisations_and_roles_as_speakers_are_actor_rows():
    corpus = Corpus.from_texts({"a": "“The talks are over,” the ministry said. “We will respond,” a senior official said. "
                                     "“No,” Donald Trump said."})
    tables = extract(corpus)
    speakers = list(tables["quotes"]["speaker_id"])
    assert speakers == ["group:ministry", "role:senior-official", "donald-trump"]
    actors = tables["actors"].set_index("actor_id")
    assert actors.loc["group:ministry", "kind"] == "organisation" and actors.loc["group:ministry", "origin"] == "speaker"
    assert actors.loc["role:senior-official", "kind"] == "person"
    assert actors.loc["role:senior-official", "name"] == "senior official"
    assert set(speakers) <= set(actors.index)
