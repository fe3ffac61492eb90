"""Every table with offsets gives back its text exactly, and each row sits in its paragraph and sentence."""
from __future__ import annotations

from pathlib import Path

import pytest

from greenland_lib.corpus import Corpus
from greenland_lib.pipeline import extract

WIRE = Path(__file__).parent / "fixtures" / "wire"


@pytest.fixture(scope="module")
def wire():
    corpus = Corpus.from_texts({p.stem: p.read_text(encoding="utf-8") for p in sorted(WIRE.glob("*.txt"))})
    return corpus, extract(corpus)


def _check(corpus, tables):
    checked = 0
    for name, table in tables.items():
        if not {"article_id", "start", "end", "text"} <= set(table.columns):
            continue
        for row in table.itertuples():
            assert corpus.text(row.article_id)[row.start:row.end] == row.text, (name, row)
            checked += 1
        if "para" in table.columns and name != "paragraphs":
            paras = corpus.paragraphs.set_index(["article_id", "para"])
            for row in table.itertuples():
                p = paras.loc[(row.article_id, row.para)]
                assert p["start"] <= row.start < p["end"], (name, row)
        if "sent" in table.columns and name != "sentences":
            sents = corpus.sentences.set_index(["article_id", "sent"])
            for row in table.itertuples():
                s = sents.loc[(row.article_id, row.sent)]
                assert s["start"] <= row.start and row.end <= s["end"], (name, row)
    return checked


def test_offsets_round_trip_on_the_seeds(seeds, tables):
    assert {"mentions", "quotes"} <= set(tables)
    assert _check(seeds, tables) > 0


def test_offsets_round_trip_on_the_wire_fixtures(wire):
    assert _check(*wire) > 0
