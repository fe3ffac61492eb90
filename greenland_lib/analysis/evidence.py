"""Evidence sentences of the corpus-wide event tables: found by (article_id, sent), cited as offsets.

Rules: sentences are numbered 1, 2, ... in each article; an evidence list cites each sentence once,
in first-seen order, as ``article_id:start-end`` joined with ``"; "``.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..corpus.loading import Corpus


def published_days(corpus: Corpus) -> dict[str, dt.date | None]:
    """Each article's publication day (None where it has none)."""
    arts = corpus.articles
    return {a: (p if isinstance(p, dt.date) else None) for a, p in zip(arts.article_id.tolist(), arts.published.tolist())}


class SentenceIndex:
    """(article_id, sent) -> (start, end, text) for the corpus sentences, found by row position, not stored per key."""

    def __init__(self, sents: pd.DataFrame):
        self._sents = sents
        self._ids = sents["article_id"].tolist()
        self._sent, self._start, self._end = (sents[c].to_numpy() for c in ("sent", "start", "end"))
        self._text = sents["text"].tolist()
        self._first: dict[str, int] = {}
        for pos, article_id in enumerate(self._ids):
            self._first.setdefault(article_id, pos)
        self._full: dict | None = None

    def __getitem__(self, key: tuple[str, int]) -> tuple[int, int, str]:
        article_id, sent = key
        first = self._first.get(article_id)
        if first is not None:
            pos = first + sent - 1   # sentences are numbered 1, 2, ... in each article, in row order
            if pos < len(self._ids) and self._ids[pos] == article_id and self._sent[pos] == sent:
                return int(self._start[pos]), int(self._end[pos]), self._text[pos]
        if self._full is None:   # rows not in that order: look up through a full map
            sents = self._sents
            self._full = {(a, n): (s, e, t) for a, n, s, e, t in
                          zip(*(sents[c].tolist() for c in ("article_id", "sent", "start", "end", "text")))}
        return self._full[key]


def sentence_index(corpus: Corpus) -> SentenceIndex:
    """Map (article_id, sent) -> (start, end, text) for every sentence of the corpus."""
    return SentenceIndex(corpus.sentences)


def lookup(sentences, keys: list) -> list[tuple[int, int, str]]:
    """(start, end, text) of each (article_id, sent) key, from a sentence index or a plain dict."""
    return [(int(s), int(e), t) for s, e, t in (sentences[k] for k in keys)]


def cite(keys: list[tuple[str, int]], spans: list[tuple[int, int, str]]) -> str:
    """The evidence string of sentences: ``article_id:start-end`` joined with ``"; "``."""
    return "; ".join(f"{a}:{sp[0]}-{sp[1]}" for (a, _), sp in zip(keys, spans))


def as_int64(table: pd.DataFrame, columns) -> pd.DataFrame:
    """The table with the given columns cast to int64 (in place, returned for chaining)."""
    for col in columns:
        table[col] = table[col].astype(np.int64)
    return table
