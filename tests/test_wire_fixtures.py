"""Wire-style fixture articles written for the tests (tests/fixtures/wire/), with hand-written expectations."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from greenland_lib.corpus.loading import Corpus
from greenland_lib.pipeline import extract

WIRE = Path(__file__).parent / "fixtures" / "wire"
EXPECTED = yaml.safe_load((WIRE / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def wire_tables():
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(WIRE.glob("*.txt"))}
    corpus = Corpus.from_texts(texts)
    return corpus, extract(corpus)


def _own_problems(tables, file: str):
    """Problems of one file raised by the actor and quote steps (the timex step's date warnings are its own)."""
    problems = tables["problems"][tables["problems"]["file"] == file]
    return problems[~problems["message"].str.startswith("publication date unknown")]


def _span(text: str, anchor: str, surface: str) -> tuple[int, int]:
    assert text.count(anchor) == 1, f"fixture anchor {anchor!r} is not unique"
    start = text.index(anchor) + anchor.index(surface)
    return start, start + len(surface)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_quote_and_speaker(wire_tables, name):
    _, tables = wire_tables
    quotes = tables["quotes"][tables["quotes"]["article_id"] == name]
    got = [{"text": q.text, "speaker_id": q.speaker_id, "speaker_how": q.speaker_how,
            "fragment": bool(q.fragment), "cue": q.cue} for q in quotes.itertuples()]
    assert got == EXPECTED[name]["quotes"]


def _expected_spans(wire_tables, name, key):
    """The article's mentions, and each expected item of ``key`` with its located span."""
    corpus, tables = wire_tables
    text = corpus.text(name)
    mentions = tables["mentions"][tables["mentions"]["article_id"] == name]
    return mentions, [(item, *_span(text, item["anchor"], item["text"])) for item in EXPECTED[name][key]]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_expected_mentions(wire_tables, name):
    mentions, expected = _expected_spans(wire_tables, name, "mentions")
    for item, start, end in expected:
        covering = mentions[(mentions["start"] <= start) & (mentions["end"] >= end)]
        assert list(covering["actor_id"]) == [item["actor_id"]], f"{item}: got {covering.to_dict('records')}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_places_and_foreign_titles_are_not_mentions(wire_tables, name):
    mentions, expected = _expected_spans(wire_tables, name, "not_mentions")
    for item, start, end in expected:
        hit = mentions[(mentions["start"] < end) & (mentions["end"] > start)]
        assert hit.empty, f"{item} was taken as a mention: {hit.to_dict('records')}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_problems_and_discovered_persons(wire_tables, name):
    corpus, tables = wire_tables
    problems = _own_problems(tables, f"{name}.txt")
    assert len(problems) == EXPECTED[name]["problems"], problems.to_dict("records")
    assert (problems["severity"] == "warning").all()
    discovered = set(tables["mentions"][(tables["mentions"]["article_id"] == name)
                                        & tables["mentions"]["actor_id"].str.startswith("new:")]["actor_id"])
    assert discovered == set(EXPECTED[name]["discovered"])
    actors = tables["actors"].set_index("actor_id")
    for actor_id in discovered:
        assert actors.loc[actor_id, "origin"] == "discovered"


def test_unbalanced_quote_warning_names_file_and_offset(wire_tables):
    corpus, tables = wire_tables
    problem = _own_problems(tables, "unbalanced.txt").iloc[0]
    text = corpus.text("unbalanced")
    offset = text.index('"We are not Americans')
    assert f"offset {offset}" in problem["message"] and "unbalanced" in problem["message"]
