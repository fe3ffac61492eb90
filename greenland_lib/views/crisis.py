"""The crisis window and events told in words, shared by the figures and the findings.

Rules:

- **The crisis window** is chosen from the data: the day-dated items are cut into clusters wherever
  two consecutive dates lie more than ``GAP_DAYS`` apart; the cluster with the most items wins (ties:
  the later one), and when it is longer than ``MAX_DAYS`` the densest stretch of that length inside it
  is kept. Every dated item outside the window is an outlier, listed under the figure.
- **Event labels** are short phrases in words. The event group's own ``label`` column is used when the
  events table has one; otherwise the label is built from the side names of the source and target
  (the gazetteer's state or organisation of that side) and the category as a verb, with "not" for a
  negated event and "(planned)", "(possible)", "(reported)" for its modality.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

GAP_DAYS = 10
MAX_DAYS = 42
DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
ARTICLE_NAMES = ("United ", "European ", "Netherlands", "Philippines")


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


def within(table: pd.DataFrame, window: Window, column: str = "date") -> pd.DataFrame:
    """The rows of a table whose day (in ``column``) lies inside the window."""
    return table[[window.contains(d) if (d := as_day(v)) else False for v in table[column]]]


def side_names(actors: pd.DataFrame) -> dict[str, str]:
    """Side code -> a name in words ("USA" -> "the United States", "NATO" -> "NATO")."""
    names: dict[str, str] = {}
    for kind in ("organisation", "territory", "state"):  # states last: they win for a country code
        for a in actors[actors["kind"] == kind].itertuples():
            code = a.country or a.code
            if a.origin != "gazetteer" or not code:
                continue
            names[code] = a.name
            if kind == "organisation":
                names.setdefault(a.code[:9], a.name)
    names.update({"NATO": "NATO", "EU": "the European Union"})
    return {k: (f"the {v}" if v.startswith(ARTICLE_NAMES) else v) for k, v in names.items()}


def _sides_in_words(value: str, names: dict[str, str]) -> str:
    from .prose import join

    return join([names.get(s, s) for s in str(value or "").split(";") if s])


# Until the events table carries its own ``label``: the verb phrase of a category before its target.
VERB_PHRASES = {"AGREE": "agree with", "CONSULT": "talk with", "COOPERATE": "cooperate with",
                "CONCEDE": "give ground to", "RETREAT": "back off from", "DEMAND": "make demands of",
                "DISAPPROVE": "criticise", "MOBILIZE": "mobilise", "AID": "aid", "SUPPORT": "support",
                "REJECT": "reject", "THREATEN": "threaten", "PROTEST": "protest against",
                "SANCTION": "sanction", "COERCE": "coerce", "ASSAULT": "attack"}
IRREGULAR_THIRD = {"give": "gives", "make": "makes", "back": "backs"}


def _verb(category: str, plural: bool, target: bool) -> str:
    phrase = VERB_PHRASES.get(str(category), str(category).lower())
    if not target:
        phrase = phrase.split()[0] if phrase.split()[-1] in ("with", "of", "to", "against") else phrase
        phrase = {"give": "give ground", "back": "back off", "make": "make demands"}.get(phrase, phrase)
    if plural:
        return phrase
    first, _, rest = phrase.partition(" ")
    first = IRREGULAR_THIRD.get(first, first + ("es" if first.endswith(("s", "sh", "ch")) else "s"))
    return f"{first} {rest}".strip()


def event_label(row, names: dict[str, str]) -> str:
    """One event (group) in words: "Greenland rejects the United States", "NATO mobilizes (possible)"."""
    own = getattr(row, "label", "")
    if isinstance(own, str) and own.strip():
        return own.strip()
    source = _sides_in_words(getattr(row, "source_side", "") or row.source_actor, names) or "someone"
    target = _sides_in_words(getattr(row, "target_side", "") or row.target_actor, names)
    plural = ";" in str(getattr(row, "source_side", "") or row.source_actor)
    verb = _verb(row.category, plural, bool(target))
    if bool(row.negated):
        verb = f"{'do' if plural else 'does'} not {_verb(row.category, True, bool(target))}"
    text = " ".join(x for x in (source, verb, target) if x)
    if row.modality in ("planned", "possible", "reported"):
        text += f" ({row.modality})"
    return text[:1].upper() + text[1:]


def group_labels(groups: pd.DataFrame, actors: pd.DataFrame) -> pd.Series:
    """A label in words for every event group, indexed as the groups."""
    names = side_names(actors)
    return pd.Series([event_label(g, names) for g in groups.itertuples()], index=groups.index, dtype=object)


def valences(categories) -> list[str]:
    """Each PLOVER category's valence (conflict, cooperation, neutral) from the category table."""
    from ..extract.events import load_rules

    cats = load_rules().categories
    return [cats.loc[c, "valence"] if c in cats.index else "neutral" for c in categories]


def n_outlets(outlets) -> list[int]:
    """How many outlets a ';'-joined outlets cell names."""
    return [len([o for o in str(x or "").split(";") if o]) for x in outlets]
