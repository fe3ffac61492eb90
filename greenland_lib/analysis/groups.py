"""Event groups: one row per real event, however many outlets and sentences tell it.

Rules: only dated events (not ``background``, date not empty) are grouped; events with the same
category, source side, date and polarity are one real event. Its first report (by publication
day, article, offset) gives the group id, mode and text; its target is the one named most often
(ties: the first named); its modality the most certain of its reports; its date basis ``timex``
when any report has a date expression.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from ..corpus.loading import Corpus
from ..extract.events.rules import MODALITY_RANK
from .evidence import as_int64, published_days

GROUP_COLUMNS = ["group_id", "category", "mode", "source_actor", "target_actor", "date", "date_basis", "negated",
                 "modality", "n_reports", "n_mentions", "articles", "outlets", "event_ids", "text"]
GROUP_KEY = ("category", "source_actor", "date", "negated")
_READ = ("event_id", "article_id", "category", "mode", "source_actor", "target_actor", "date", "date_basis",
         "negated", "modality", "text")


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _report_order(events: pd.DataFrame, corpus: Corpus) -> list[int]:
    """Row positions of the events in report order: a stable sort on (publication day, article, start)."""
    pub = published_days(corpus)
    ids, starts = events["article_id"].tolist(), events["start"].tolist()
    day = {a: (pub.get(a) or dt.date.max).isoformat() for a in set(ids)}
    return sorted(range(len(ids)), key=lambda i: (day[ids[i]], ids[i], starts[i]))


def _group_row(rows: list[dict], outlets: dict) -> tuple:
    """One GROUP_COLUMNS row from the reports of a real event (in report order)."""
    first = rows[0]
    articles = list(dict.fromkeys(r["article_id"] for r in rows))
    targets = [r["target_actor"] for r in rows if r["target_actor"]]
    return (first["event_id"], first["category"], first["mode"], first["source_actor"],
            max(dict.fromkeys(targets), key=targets.count) if targets else "",
            first["date"], "timex" if any(r["date_basis"] == "timex" for r in rows) else "published",
            bool(first["negated"]), max((r["modality"] for r in rows), key=MODALITY_RANK.get),
            len(articles), len(rows), ";".join(articles),
            ";".join(dict.fromkeys(outlets.get(a) or a for a in articles)),
            ";".join(r["event_id"] for r in rows), first["text"])


def group_events(events: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """One row per real event: dated events with the same category, source actor, date and polarity."""
    dated = events[(events.date_basis != "background") & (events.date != "")]
    if dated.empty:
        return pd.DataFrame(columns=GROUP_COLUMNS)
    outlets = dict(zip(corpus.articles.article_id.tolist(), corpus.articles.outlet.tolist()))
    columns = {c: dated[c].tolist() for c in _READ}
    found: dict[tuple, list[dict]] = {}   # in order of first report
    for i in _report_order(dated, corpus):
        row = {c: columns[c][i] for c in _READ}
        key = tuple(row[c] for c in GROUP_KEY)
        if not any(_missing(k) for k in key):   # a missing key is left out, as pandas groupby does
            found.setdefault(key, []).append(row)
    rows = sorted((_group_row(g, outlets) for g in found.values()), key=lambda r: (r[5], r[0]))
    out = as_int64(pd.DataFrame(rows, columns=GROUP_COLUMNS), ("n_reports", "n_mentions"))
    out["negated"] = out["negated"].astype(bool)
    return out
