"""The crisis window and events told in words, shared by the figures and the findings.

Rules:

- **The crisis window** is chosen from the data: the day-dated items are cut into clusters wherever
  two consecutive dates lie more than ``GAP_DAYS`` apart; the cluster with the most items wins (ties:
  the later one), and when it is longer than ``MAX_DAYS`` the densest stretch of that length inside it
  is kept. Every dated item outside the window is an outlier, listed under the figure.
- **Event labels** are short phrases in words: the event group's own ``label`` column, or for a row
  without one (an outcome row) the label of its group, else one built by ``analysis.labels``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from types import SimpleNamespace

import pandas as pd

GAP_DAYS = 10
MAX_DAYS = 42
DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass
class Window:
    """The crisis window: first and last day, the items inside and the dates left out."""

    start: dt.date | None
    end: dt.date | None
    n_inside: int = 0
    outliers: list[dt.date] = field(default_factory=list)

    def contains(self, d: dt.date) -> bool:
        """Whether a day lies inside the window."""
        return self.start is not None and self.start <= d <= self.end

    @property
    def n_days(self) -> int:
        """The window's length in days, both ends counted."""
        return 0 if self.start is None else (self.end - self.start).days + 1


def as_day(value) -> dt.date | None:
    """A date from a ``YYYY-MM-DD`` string or a date; None for weeks, months, years and blanks."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = DAY.match(str(value or ""))
    return dt.date(*map(int, m.groups())) if m else None


def crisis_window(dates, gap: int = GAP_DAYS, max_days: int = MAX_DAYS) -> Window:
    """The densest span of the given days (one entry per dated item; blanks ignored)."""
    ds = sorted(d for d in (as_day(x) for x in dates) if d is not None)
    if not ds:
        return Window(None, None)
    clusters, current = [], [ds[0]]
    for d in ds[1:]:
        if (d - current[-1]).days > gap:
            clusters.append(current)
            current = []
        current.append(d)
    clusters.append(current)
    best = max(reversed(clusters), key=len)  # ties: the later cluster
    lo, hi, best_n, j = 0, 0, 0, 0
    for i in range(len(best)):  # the densest stretch of at most max_days inside the cluster
        while (best[i] - best[j]).days >= max_days:
            j += 1
        if i - j + 1 > best_n:
            lo, hi, best_n = j, i, i - j + 1
    start, end = best[lo], best[hi]
    return Window(start, end, best_n, sorted({d for d in ds if not start <= d <= end}))


def filter_rows(table: pd.DataFrame, mask) -> pd.DataFrame:
    """The rows of a table where a list of booleans is true (an empty table keeps its columns)."""
    return table[pd.Series(list(mask), index=table.index, dtype=bool)]


def within(table: pd.DataFrame, window: Window, column: str = "date") -> pd.DataFrame:
    """The rows of a table whose day (in ``column``) lies inside the window."""
    return filter_rows(table, [window.contains(d) if (d := as_day(v)) else False for v in table[column]])


def event_label(row, names: dict[str, str]) -> str:
    """One event (group or outcome row) in words: its own ``label``, else one built by ``analysis.labels``."""
    from ..analysis.labels import event_label as build

    own = getattr(row, "label", "")
    if isinstance(own, str) and own.strip():
        return own.strip()

    def field(name: str) -> str:
        value = getattr(row, name, "")
        return "" if value is None or (isinstance(value, float) and value != value) else str(value)

    return build(field("category"), (field("source_actor"), field("source_side")),
                 (field("target_actor"), field("target_side")), field("modality"), bool(getattr(row, "negated", False)),
                 "", names)


def group_labels(groups: pd.DataFrame, actors: pd.DataFrame) -> pd.Series:
    """A label in words for every event group, indexed as the groups."""
    from ..analysis.labels import actor_names

    names = actor_names(actors)
    return pd.Series([event_label(g, names) for g in groups.itertuples()], index=groups.index, dtype=object)


def outcome_labels(outcome: pd.DataFrame, groups: pd.DataFrame, actors: pd.DataFrame) -> pd.Series:
    """A label per outcome row: the label of the event group it comes from, else one built from its columns."""
    from ..analysis.labels import actor_names

    key = ["category", "source_actor", "target_actor", "date"]
    known = {}
    if all(k in groups.columns for k in key):
        labels = group_labels(groups, actors)
        known = {tuple(str(v) for v in g[key]): labels[i] for i, g in groups.iterrows()}
    names = actor_names(actors)
    out = [known.get(tuple(str(r.get(k, "")) for k in key)) or event_label(SimpleNamespace(**r.to_dict()), names)
           for _, r in outcome.iterrows()]
    return pd.Series(out, index=outcome.index, dtype=object)


def valences(categories) -> list[str]:
    """Each PLOVER category's valence (conflict, cooperation, neutral) from the category table."""
    from ..extract.events import load_rules

    cats = load_rules().categories
    return [cats.loc[c, "valence"] if c in cats.index else "neutral" for c in categories]


def n_outlets(outlets) -> list[int]:
    """How many outlets a ';'-joined outlets cell names."""
    return [len([o for o in str(x or "").split(";") if o]) for x in outlets]
