"""The outcome table: what was agreed, only proposed or possible, rejected, and left unresolved.

Rules (per event group, the categories' ``outcome`` and ``proposed`` columns of
``plover_categories.csv``): a negated group counts for nothing; a category whose outcome is
``rejected`` is rejected; a possible or planned group whose category can be proposed (``yes``, or
its mode) is proposed; a category whose outcome is ``agreed`` is agreed. Each sentence of the last
``UNRESOLVED_WINDOW_DAYS`` days of the corpus that says something is still open (``unresolved`` cues
of ``event_cues.csv``) is an ``unresolved`` row. Rows are ordered agreed, proposed, rejected,
unresolved, then by date, article and sentence.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ..corpus.loading import Corpus
from ..extract.events.clauses import SENTENCE_CACHE
from ..extract.events.rules import load_rules
from .evidence import as_int64, cite, lookup, published_days, sentence_index

OUTCOME_COLUMNS = ["outcome", "category", "source_actor", "source_side", "target_actor", "target_side", "date",
                   "modality", "n_reports",
                   "articles", "outlets", "article_id", "sent", "start", "end", "text", "evidence"]
UNRESOLVED_WINDOW_DAYS = 3   # "unresolved at the end of the corpus": sentences of the last few days
OUTCOME_ORDER = {"agreed": 0, "proposed": 1, "rejected": 2, "unresolved": 3}
_GROUP_FIELDS = ("category", "negated", "modality", "mode", "event_ids", "source_actor", "source_side", "target_actor",
                 "target_side", "date",
                 "n_reports", "articles", "outlets")


@lru_cache(maxsize=SENTENCE_CACHE)
def _unresolved(text: str) -> bool:
    return load_rules().unresolved.search(text) is not None


def _outcome_of(group: dict, cats: dict) -> str | None:
    """The outcome an event group counts for (None for none)."""
    info = cats.get(group["category"])
    if info is None or group["negated"]:
        return None
    if info["outcome"] == "rejected":
        return "rejected"
    if group["modality"] in ("possible", "planned") and info["proposed"] in ("yes", group["mode"]):
        return "proposed"
    return "agreed" if info["outcome"] == "agreed" else None


def _group_rows(events: pd.DataFrame, groups: pd.DataFrame, sentences) -> list[dict]:
    cats = load_rules().category_info
    by_id = dict(zip(events["event_id"].tolist(), zip(events["article_id"].tolist(), events["sent"].tolist())))
    rows = []
    for values in zip(*(groups[c].tolist() for c in _GROUP_FIELDS)):
        g = dict(zip(_GROUP_FIELDS, values))
        outcome = _outcome_of(g, cats)
        if outcome is None:
            continue
        keys = list(dict.fromkeys((by_id[i][0], int(by_id[i][1])) for i in g["event_ids"].split(";")))
        spans = lookup(sentences, keys)
        rows.append({
            "outcome": outcome, "category": g["category"], "source_actor": g["source_actor"],
            "source_side": g["source_side"], "target_actor": g["target_actor"], "target_side": g["target_side"],
            "date": g["date"], "modality": g["modality"],
            "n_reports": g["n_reports"], "articles": g["articles"], "outlets": g["outlets"],
            "article_id": keys[0][0], "sent": keys[0][1], "start": spans[0][0], "end": spans[0][1],
            "text": spans[0][2], "evidence": cite(keys, spans),
        })
    return rows


def _unresolved_rows(corpus: Corpus) -> list[dict]:
    pub = published_days(corpus)
    days = [d for d in pub.values() if d]
    if not days:
        return []
    last = max(days)
    outlets = dict(zip(corpus.articles.article_id, corpus.articles.outlet))
    recent = {a for a, d in pub.items() if d and (last - d).days <= UNRESOLVED_WINDOW_DAYS}
    sents = corpus.sentences
    return [{"outcome": "unresolved", "category": "", "source_actor": "", "source_side": "",
             "target_actor": "", "target_side": "",
             "date": pub[a].isoformat(), "modality": "", "n_reports": 1, "articles": a,
             "outlets": outlets.get(a) or a, "article_id": a, "sent": n, "start": st, "end": en, "text": text,
             "evidence": f"{a}:{st}-{en}"}
            for a, n, st, en, text in zip(*(sents[c].tolist() for c in ("article_id", "sent", "start", "end", "text")))
            if a in recent and _unresolved(text)]


def outcome_table(events: pd.DataFrame, groups: pd.DataFrame, corpus: Corpus, sentences=None) -> pd.DataFrame:
    """What was agreed or announced, only proposed or possible, rejected, and left unresolved, with evidence."""
    sentences = sentence_index(corpus) if sentences is None else sentences
    rows = _group_rows(events, groups, sentences) + _unresolved_rows(corpus)
    rows.sort(key=lambda r: (OUTCOME_ORDER[r["outcome"]], r["date"], r["article_id"], r["sent"]))
    return as_int64(pd.DataFrame(rows, columns=OUTCOME_COLUMNS), ("n_reports", "sent", "start", "end"))
