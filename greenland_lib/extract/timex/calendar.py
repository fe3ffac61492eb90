"""Calendar arithmetic and TIMEX3 value formatting (all arithmetic with ``dateutil.relativedelta``).

Rules: a weekday resolves to the most recent such day on or before the reference date (past), the
next one after it (future), or strictly before / after it (``last`` / ``next``); a day and month
without a year take the year nearest the publication date on the side the clause's tense says,
allowing ``TENSE_TOLERANCE_DAYS`` of slack for publication dates taken from URLs.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)
GRANULARITY_ORDER = {"year": 0, "month": 1, "week": 2, "day": 3}
UNIT_GRANULARITY = {"Y": "year", "DE": "year", "CE": "year", "M": "month", "W": "week", "D": "day"}
UNIT_DELTA = {"D": "days", "W": "weeks", "M": "months", "Y": "years"}
UNIT_FACTOR = {"DE": ("years", 10), "CE": ("years", 100)}
TIME_UNITS = {"H", "MIN"}
CALENDAR_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?")
# A day and month without a year in a past (future) clause may lie at most this many days after
# (before) the publication date: publication dates taken from URLs can be a day or two off.
TENSE_TOLERANCE_DAYS = 7


def week_value(day: dt.date) -> str:
    """Return the ISO week of a date as a TIMEX3 value (``2026-W03``)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def format_value(day: dt.date, granularity: str) -> str:
    """Return a date as a TIMEX3 value at a granularity (year, month, week or day)."""
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "week":
        return week_value(day)
    return day.isoformat()


@lru_cache(maxsize=65536)
def value_to_date(value: str) -> tuple[dt.date, str] | None:
    """Return (first day, granularity) of a calendar TIMEX3 value, or None for other values."""
    m = CALENDAR_RE.fullmatch(value or "")
    if not m:
        return None
    year = int(m.group(1))
    if m.group(4):
        return dt.date.fromisocalendar(year, int(m.group(4)), 1), "week"
    if m.group(3):
        return dt.date(year, int(m.group(2)), int(m.group(3))), "day"
    if m.group(2):
        return dt.date(year, int(m.group(2)), 1), "month"
    return dt.date(year, 1, 1), "year"


@lru_cache(maxsize=65536)
def resolve_weekday(dct: dt.date, weekday: int, mode: str = "past") -> dt.date:
    """Resolve a weekday (0 = Monday) against a reference date.

    ``past``: the most recent such day on or before dct; ``future``: the first one on or after dct
    (a weekday naming the publication day is that day, as news style writes "on Thursday" for
    today); ``last``: the most recent one strictly before dct; ``next``: the first one strictly after.
    """
    wd = WEEKDAYS[weekday]
    if mode == "past":
        return dct + relativedelta(weekday=wd(-1))
    if mode == "future":
        return dct + relativedelta(weekday=wd(+1))
    if mode == "last":
        return dct + relativedelta(days=-1, weekday=wd(-1))
    return dct + relativedelta(days=+1, weekday=wd(+1))


@lru_cache(maxsize=65536)
def shift(day: dt.date, unit: str, n: int) -> dt.date:
    """Move a date by n units (D, W, M, Y, DE, CE) with relativedelta."""
    if unit in UNIT_FACTOR:
        name, factor = UNIT_FACTOR[unit]
        return day + relativedelta(**{name: n * factor})
    return day + relativedelta(**{UNIT_DELTA[unit]: n})


def number_value(text: str, numbers: dict) -> str | None:
    """Return the digits of a number written in digits, as a number word, "twenty-one" or "two hundred"; else None."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    if t.isdigit():
        return str(int(t))
    if t in numbers:
        return numbers[t]
    if t.endswith(" hundred") and numbers.get(t[:-8], "").isdigit():
        return str(int(numbers[t[:-8]]) * 100)
    if "-" in t:
        a, b = t.split("-", 1)
        if numbers.get(a, "").isdigit() and numbers.get(b, "").isdigit():
            return str(int(numbers[a]) + int(numbers[b]))
    return None


def _year_options(dct: dt.date, month: int, day: int) -> list[dt.date]:
    """The day and month in the year before, of and after dct (where that day exists)."""
    options = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    return options


def nearest_year(dct: dt.date, month: int, day: int, tense: str, weekday: int | None = None) -> dt.date | None:
    """Pick the year of a day and month given without one: the nearest to dct, on the side the tense says."""
    options = _year_options(dct, month, day)
    if weekday is not None and any(d.weekday() == weekday for d in options):
        return min((d for d in options if d.weekday() == weekday), key=lambda d: abs((d - dct).days))
    if tense == "future":
        options = [d for d in options if d >= dct - relativedelta(days=TENSE_TOLERANCE_DAYS)]
    elif tense == "past":
        options = [d for d in options if d <= dct + relativedelta(days=TENSE_TOLERANCE_DAYS)]
    if not options:
        return None
    return min(options, key=lambda d: (abs((d - dct).days), d > dct))
