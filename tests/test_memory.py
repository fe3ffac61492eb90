"""The memory measures (shared strings, sentence index by position) change no value or dtype."""
from __future__ import annotations

import pandas as pd

from greenland_lib import Corpus
from greenland_lib.analysis.evidence import SentenceIndex
from greenland_lib.memory import share_strings


def _full_index(sents: pd.DataFrame) -> dict:
    return {(a, n): (s, e, t) for a, n, s, e, t in
            zip(*(sents[c].tolist() for c in ("article_id", "sent", "start", "end", "text")))}


def test_sentence_index_agrees_with_a_full_map(seeds):
    index = SentenceIndex(seeds.sentences)
    full = _full_index(seeds.sentences)
    assert full and all(index[key] == value for key, value in full.items())
    assert all(type(v) is int for key in full for v in index[key][:2])


def test_sentence_index_when_rows_are_not_in_order(seeds):
    shuffled = seeds.sentences.sample(frac=1.0, random_state=3).reset_index(drop=True)
    index = SentenceIndex(shuffled)
    assert all(index[key] == value for key, value in _full_index(shuffled).items())


def test_one_sentence_paragraph_shares_its_string():
    corpus = Corpus.from_texts({"a": "One sentence only.\n\nHeading here\n\nFirst one. Second one."})
    paras, sents = corpus.paragraphs, corpus.sentences
    assert list(sents.text) == ["One sentence only.", "Heading here", "First one.", "Second one."]
    assert sents.text[0] is paras.text[0] and sents.text[1] is paras.text[1]
    assert list(paras.dtypes.astype(str)) == ["str", "int64", "int64", "int64", "str", "str"]


def test_share_strings_keeps_values_and_dtypes():
    a = pd.DataFrame({"x": ["ab" + "c" * i for i in (1, 1, 2)], "n": [1, 2, 3]})
    a.loc[2, "x"] = None
    b = pd.DataFrame({"y": ["ab" + "c" * 1]})
    before = {k: v.copy() for k, v in {"a": a, "b": b}.items()}
    tables = {"a": a, "b": b}
    assert tables["a"].x[0] is not tables["a"].x[1]
    share_strings(tables)
    for k, v in before.items():
        pd.testing.assert_frame_equal(tables[k], v)
    assert tables["a"].x[0] is tables["a"].x[1] is tables["b"].y[0]
