"""The event coder on wire-style fixture articles (``annotations/event_fixtures/``), per phenomenon.

Rules: a gold event is right when an event of its sentence has its category, source and target
sides, date, polarity and modality; an article of ``non_events.csv`` is right when nothing is coded
in it. ``fixture_scores`` gives what ``evaluate_events`` scores on the same fixtures (recall,
strict precision, precision ...) and the recall per PLOVER category.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ..paths import ANNOTATIONS_DIR

FIXTURES = ANNOTATIONS_DIR / "event_fixtures"
TABLE_COLUMNS = ["phenomenon", "cases", "right"]
MISS_COLUMNS = ["phenomenon", "article_id", "want", "found", "sentence"]


@lru_cache(maxsize=2)
def fixture_tables(folder=FIXTURES):
    """(corpus, tables) of the fixture articles (cached)."""
    from ..corpus.loading import load_corpus
    from ..pipeline import extract

    corpus = load_corpus(folder)
    return corpus, extract(corpus)


def _sides(value) -> frozenset:
    return frozenset(s for s in str(value or "").split(";") if s)


def _fields(e) -> tuple:
    return (e.category, _sides(e.source_side), _sides(e.target_side), str(e.date),
            str(e.negated).lower() == "true", e.modality)


def _show(fields: tuple) -> str:
    cat, src, tgt, date, neg, mod = fields
    return f"{'not ' if neg else ''}{cat} {';'.join(sorted(src)) or '-'} -> {';'.join(sorted(tgt)) or '-'} " \
           f"{date or 'background'} {mod}"


def _sentence(tables: dict, article_id: str) -> str:
    s = tables["sentences"]
    return " ".join(s[s.article_id == article_id].text)


def event_phenomena(folder=FIXTURES) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(per phenomenon: cases and right; every miss with what was wanted and found) on the fixtures."""
    _, tables = fixture_tables(folder)
    events = tables["events"]
    gold = pd.read_csv(folder / "events.csv", dtype=str, keep_default_na=False)
    none = pd.read_csv(folder / "non_events.csv", dtype=str, keep_default_na=False)
    counts: dict[str, list[int]] = {}
    misses = []
    for g in gold.itertuples():
        here = events[(events.article_id == g.article_id) & (events.sent == int(g.sent))]
        found = [_fields(e) for e in here.itertuples()]
        ok = _fields(g) in found
        counts.setdefault(g.phenomenon, [0, 0])[0] += 1
        counts[g.phenomenon][1] += ok
        if not ok:
            misses.append((g.phenomenon, g.article_id, _show(_fields(g)), "; ".join(map(_show, found)) or "nothing",
                           _sentence(tables, g.article_id)))
    for n in none.itertuples():
        here = events[events.article_id == n.article_id]
        counts.setdefault(n.phenomenon, [0, 0])[0] += 1
        counts[n.phenomenon][1] += here.empty
        if not here.empty:
            misses.append((n.phenomenon, n.article_id, "nothing", "; ".join(_show(_fields(e)) for e in here.itertuples()),
                           _sentence(tables, n.article_id)))
    table = pd.DataFrame([(p, c, r) for p, (c, r) in sorted(counts.items())], columns=TABLE_COLUMNS)
    return table.astype({"cases": "int64", "right": "int64"}), pd.DataFrame(misses, columns=MISS_COLUMNS)


def fixture_scores(folder=FIXTURES) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(``evaluate_events`` scores on the fixtures; per gold category: cases and right)."""
    from .evaluate import evaluate_events

    _, tables = fixture_tables(folder)
    events = tables["events"]
    gold = pd.read_csv(folder / "events.csv", dtype=str, keep_default_na=False)
    per: dict[str, list[int]] = {}
    for g in gold.itertuples():
        here = events[(events.article_id == g.article_id) & (events.sent == int(g.sent))]
        per.setdefault(g.category, [0, 0])[0] += 1
        per[g.category][1] += _fields(g) in [_fields(e) for e in here.itertuples()]
    table = pd.DataFrame([(c, n, r) for c, (n, r) in sorted(per.items())], columns=["category", "cases", "right"])
    return evaluate_events(tables, folder).scores, table.astype({"cases": "int64", "right": "int64"})
