"""Event groups: one row per real event, however many outlets and sentences tell it.

Rules: only dated events (not ``background``, date not empty) are grouped; events with the same
category, source side, date and polarity are one real event. Its first report (by publication
day, article, offset) gives the group id, mode and text; its source actors are those of all its
reports (first-seen order); its target side is the one named most often (ties: the first named),
with the actors of the reports naming it; its modality the most certain of its reports; its date
basis ``timex`` when any report has a date expression; its ``label`` a phrase in words
(``labels.event_label``) from the first report's source and cue and the target of the first
report naming the target side.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from ..corpus.loading import Corpus
from ..extract.events.rules import MODALITY_RANK
from .evidence import as_int64, published_days, sentence_index
from .labels import actor_names, event_label

GROUP_COLUMNS = ["group_id", "category", "mode", "source_actor", "source_side", "target_actor", "target_side", "date",
                 "date_basis", "negated", "modality", "n_reports", "n_mentions", "articles", "outlets", "event_ids",
                 "text", "label"]
GROUP_KEY = ("category", "source_side", "date", "negated")
_READ = ("event_id", "article_id", "sent", "end", "category", "mode", "source_actor", "source_side", "target_actor",
         "target_side", "date", "date_basis", "negated", "modality", "text")


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _report_order(events: pd.DataFrame, corpus: Corpus) -> list[int]:
    """Row positions of the events in report order: a stable sort on (publication day, article, start)."""
    pub = published_days(corpus)
    ids, starts = events["article_id"].tolist(), events["start"].tolist()
    day = {a: (pub.get(a) or dt.date.max).isoformat() for a in set(ids)}
    return sorted(range(len(ids)), key=lambda i: (day[ids[i]], ids[i], starts[i]))


def _actors(rows: list[dict], column: str) -> str:
    return ";".join(dict.fromkeys(a for r in rows for a in str(r[column]).split(";") if a))


def _group_row(rows: list[dict], outlets: dict, after_cue: str, names: dict) -> tuple:
    """One GROUP_COLUMNS row from the reports of a real event (in report order)."""
    first = rows[0]
    articles = list(dict.fromkeys(r["article_id"] for r in rows))
    targets = [r["target_side"] for r in rows if r["target_side"]]
    target = max(dict.fromkeys(targets), key=targets.count) if targets else ""
    target_actor = _actors([r for r in rows if target and r["target_side"] == target], "target_actor")
    source_actor = _actors(rows, "source_actor")
    modality = max((r["modality"] for r in rows), key=MODALITY_RANK.get)
    named = next((r for r in rows if r["target_side"] == target), first)   # the first report naming the target
    label = event_label(first["category"], (first["source_actor"], first["source_side"]),
                        (named["target_actor"] if target else "", target), modality, bool(first["negated"]),
                        after_cue, names)
    return (first["event_id"], first["category"], first["mode"], source_actor, first["source_side"], target_actor,
            target, first["date"], "timex" if any(r["date_basis"] == "timex" for r in rows) else "published",
            bool(first["negated"]), modality, len(articles), len(rows), ";".join(articles),
            ";".join(dict.fromkeys(outlets.get(a) or a for a in articles)),
            ";".join(r["event_id"] for r in rows), first["text"], label)


def _after_cue(row: dict, sentences) -> str:
    try:
        start, _, text = sentences[(row["article_id"], row["sent"])]
    except KeyError:
        return ""
    return text[row["end"] - start:]


def group_events(events: pd.DataFrame, corpus: Corpus, actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per real event: dated events with the same category, source side, date and polarity."""
    dated = events[(events.date_basis != "background") & (events.date != "")]
    if dated.empty:
        return pd.DataFrame(columns=GROUP_COLUMNS)
    outlets = dict(zip(corpus.articles.article_id.tolist(), corpus.articles.outlet.tolist()))
    columns = {c: dated[c].tolist() for c in _READ}
    keys = list(zip(*(columns[c] for c in GROUP_KEY)))
    found: dict[tuple, list[int]] = {}   # in order of first report: the row positions of each real event
    for i in _report_order(dated, corpus):
        if not any(_missing(k) for k in keys[i]):   # a missing key is left out, as pandas groupby does
            found.setdefault(keys[i], []).append(i)
    sentences, names = sentence_index(corpus), actor_names(actors)
    # a group's reports become dicts only while its row is made (one dict per event at once was the peak
    # memory of the run: 466 MB at 10,000 generated articles)
    reports = ([{c: columns[c][i] for c in _READ} for i in g] for g in found.values())
    rows = sorted((_group_row(g, outlets, _after_cue(g[0], sentences), names) for g in reports),
                  key=lambda r: (r[7], r[0]))
    out = as_int64(pd.DataFrame(rows, columns=GROUP_COLUMNS), ("n_reports", "n_mentions"))
    out["negated"] = out["negated"].astype(bool)
    return out
