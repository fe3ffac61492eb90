"""Every table with offsets gives back its text exactly, and each row sits in its paragraph and sentence."""
from __future__ import annotations

from pathlib import Path

import pytest

from greenland_lib.corpus.loading import Corpus
from greenland_lib.pipeline import extract

WIRE = Path(__file__).parent / "fixtures" / "wire"
# Tables whose `start`/`end` locate a cue inside the sentence given in `text` (issue 5: the event's cue
# offsets and the sentence): their rows must give back the sentence by `sent` and hold the cue inside it.
CUE_IN_SENTENCE = {"events"}


@pytest.fixture(scope="module")
def wire():
    corpus = Corpus.from_texts({p.stem: p.read_text(encoding="utf-8") for p in sorted(WIRE.glob("*.txt"))})
    return corpus, extract(corpus)


def check_offsets(corpus, tables) -> int:
    """Check every span of every table against the article text; return how many rows were checked."""
    def spans(table, key):
        return {k: (a, b) for k, a, b in zip(zip(table.article_id, table[key]), table.start, table.end)}

    sents, paras = spans(corpus.sentences, "sent"), spans(corpus.paragraphs, "para")
    checked = 0
    for name, table in tables.items():
        if not {"article_id", "start", "end", "text"} <= set(table.columns):
            continue
        for row in table.itertuples():
            text = corpus.text(row.article_id)
            if name in CUE_IN_SENTENCE:
                s_start, s_end = sents[(row.article_id, row.sent)]
                assert text[s_start:s_end] == row.text and s_start <= row.start < row.end <= s_end, (name, row)
            else:
                assert text[row.start:row.end] == row.text, (name, row)
                if "para" in table.columns and name != "paragraphs":
                    p_start, p_end = paras[(row.article_id, row.para)]
                    assert p_start <= row.start < p_end, (name, row)
                if "sent" in table.columns and name != "sentences":
                    s_start, s_end = sents[(row.article_id, row.sent)]
                    assert s_start <= row.start and row.end <= s_end, (name, row)
            checked += 1
    return checked


def test_offsets_round_trip_on_the_seeds(seeds, tables):
    assert {"mentions", "quotes"} <= set(tables)
    assert check_offsets(seeds, tables) > 0


def test_offsets_round_trip_on_the_wire_fixtures(wire):
    assert check_offsets(*wire) > 0
