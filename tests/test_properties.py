"""Property tests: for arbitrary text, loading and every extractor finish and keep offsets exact."""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from greenland_lib import Corpus, load_corpus
from greenland_lib.pipeline import extract

# Pieces that exercise the rules: names, titles, dates, quote marks, abbreviations, line breaks.
TOKENS = ["Trump", "Rutte", "Mette Frederiksen", "Greenland", "Denmark", "NATO", "U.S.", "Mr.", "Jan.", "13",
          "Monday", "last week", "1951", "26 years later", "said", "added", "according to", "he", "it",
          "rejected", "will not accept", "agreed", "threatened", "\u201c", "\u201d", '"', "'", "\u2018", "\u2019", ",", ".", "?", "!", ":", " -- ", "\n", "\n\n", "\r\n",
          " date 2026-01-12 ", "BRUSSELS:", "(Reuters) -", "<p>", "&amp;", "$14 billion", "57,000", "é", "\t"]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(TOKENS), max_size=80).map(" ".join),
    st.lists(st.sampled_from(TOKENS), max_size=80).map("".join),
)
dates = st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def spans_hold(corpus, tables):
    from test_offsets import check_offsets

    for name, table in tables.items():
        if {"article_id", "start", "end"} <= set(table.columns):
            for row in table.itertuples():
                assert 0 <= row.start <= row.end <= len(corpus.text(row.article_id)), (name, row)
    check_offsets(corpus, tables)   # text[start:end] == text (events: the cue inside its sentence)


@SETTINGS
@given(text=texts, published=dates)
def test_any_text_extracts_with_exact_spans_and_is_deterministic(text, published):
    corpus = Corpus.from_texts({"a": text}, published={"a": published})
    tables = extract(corpus)
    spans_hold(corpus, tables)
    paras = tables["paragraphs"].sort_values("start")
    assert (paras["start"].shift(-1).dropna() >= paras["end"].iloc[:-1].values).all(), "paragraphs overlap"
    again = extract(Corpus.from_texts({"a": text}, published={"a": published}))
    for name in tables:
        assert tables[name].equals(again[name]), name


@SETTINGS
@given(text=texts)
def test_paragraphs_cover_every_non_space_character_of_the_body(text):
    corpus = Corpus.from_texts({"a": text})
    covered = set()
    for row in corpus.paragraphs.itertuples():
        covered.update(range(row.start, row.end))
    first = corpus.paragraphs["start"].min() if len(corpus.paragraphs) else len(text)
    lost = [i for i, ch in enumerate(text) if i >= first and not ch.isspace() and i not in covered]
    # only markup separators (block-level HTML tags) may fall between paragraphs
    assert all(text[i] in "<>/" or text[i].isalnum() for i in lost)
    stripped = "".join(ch for i, ch in enumerate(text) if i in lost)
    assert len(stripped) <= text.count("<") * 12 + 1


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_load_without_exception(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("bytes")
    (folder / "x.txt").write_bytes(data)
    corpus = load_corpus(folder)
    assert list(corpus.articles.file) == ["x.txt"]
    spans_hold(corpus, extract(corpus))
