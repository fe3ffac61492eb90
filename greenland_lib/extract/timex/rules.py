"""Resolution rules: one small function per kind of expression, turning a match into a TIMEX3 row.

``RULES`` maps each rule name (the ``rule`` column) to its function ``(resolver, candidate,
sentence) -> row or None``; None drops the match (a number that is not a year, an impossible hour).
Expressions relative to the publication date (DCT) are left unresolved when it is unknown;
"26 years later" is anchored to the calendar date mentioned last before it in the article, and so
are anaphoric phrases ("the following day", "that week") when that date is fine enough, else
they fall back to the publication date. Inside quoted speech whose sentence dates the speech
("she said on Thursday"), expressions relative to the publication date are relative to the
speech's date instead. A clock time without a date is on the day last named in its paragraph
(a day right after it, "at 7:15 pm on Monday", is resolved first), else on the publication day.
"The weekend" is the one nearest the day in focus when that day is recent and on the clause's side
of the publication date ("The talks opened on Friday, January 9. Over the weekend, ..."), else the
coming one in a future clause and the one just past otherwise. A reference word inside a comparative "as ... as" ("as soon as",
"as soon as possible") is a conjunction, no expression.
"""
from __future__ import annotations

import datetime as dt
import re

from dateutil.relativedelta import relativedelta

from .calendar import (CALENDAR_RE, GRANULARITY_ORDER, TIME_UNITS, UNIT_GRANULARITY, format_value, nearest_year,
                       number_value, resolve_weekday, shift, value_to_date, week_value)
from .lexicon import Lexicon
from .scanning import Candidate
from .tense import clause_is_future, clause_tense

RELATIVE_UNIT_CODES = {"day": "D", "week": "W", "month": "M", "year": "Y"}
# "as soon as", "as recently as": the comparative "as ... as" makes a reference word a conjunction or
# a modifier of what follows, not an expression of its own
AS_BEFORE_RE = re.compile(r"(?<![\w'’])as\s+\Z", re.I)
AS_AFTER_RE = re.compile(r"\s+as\b", re.I)
PART_MODIFIER_RE = re.compile(r"^(?:early|late) ")
WEEKEND_FOCUS_DAYS = 21   # "the weekend" is told around a day in focus at most three weeks from the reference day


class ArticleResolver:
    """Resolve the matches of one article in text order (later expressions may anchor to earlier ones)."""

    def __init__(self, dct: dt.date | None, lex: Lexicon, file: str):
        self.dct, self.lex, self.file = dct, lex, file
        self.last_calendar: tuple[int, str] | None = None  # (offset, value) of the latest calendar DATE
        self.speech: tuple[int, dt.date] | None = None    # (offset, day) of the quoted speech being resolved
        self.para = 0                                      # the paragraph being resolved
        self.para_day: tuple[int, int, dt.date] | None = None  # (para, offset, day) of the latest day named
        # (para, offset, day) of the day the latest sentence naming a day gave its speech ("X said on Thursday")
        self.speech_para_day: tuple[int, int, dt.date] | None = None
        self.problems: list[tuple[str, str]] = []

    def row(self, typ, value="", anchor="", resolved=True):
        """A row of the given type and value (empty when unresolved)."""
        return {"type": typ, "value": value if resolved else "", "anchor": anchor, "resolved": bool(resolved)}

    def reference(self) -> tuple[str, dt.date | None]:
        """(anchor, date) that relative expressions count from: the speech's day inside quotes, else the DCT."""
        if self.speech is not None:
            return str(self.speech[0]), self.speech[1]
        return "DCT", self.dct

    def focus(self, granularity: str) -> tuple[str, dt.date | None]:
        """(anchor, date) of the calendar date last in focus when at least as fine as granularity, else reference."""
        if self.last_calendar is not None:
            at, value = self.last_calendar
            base, gran = value_to_date(value)
            if GRANULARITY_ORDER[gran] >= GRANULARITY_ORDER[granularity]:
                return str(at), base
        return self.reference()

    def anchored_row(self, typ, fn, anchor: tuple[str, dt.date | None]):
        """A row whose value ``fn(date)`` is computed from an (anchor, date); unresolved without a date."""
        label, day = anchor
        value = None if day is None else fn(day)
        if value is None:
            return self.row(typ, anchor=label, resolved=False)
        return self.row(typ, value, label)

    def dct_row(self, typ, fn):
        """A row whose value ``fn(date)`` is computed from the reference date (unresolved without one)."""
        return self.anchored_row(typ, fn, self.reference())

    def resolve(self, c: Candidate, sentence: str, offset: int = 0) -> dict | None:
        """Return the row of a candidate by its rule's function, or None to drop it."""
        rule = RULES.get(c.rule)
        return rule(self, c, sentence) if rule else None

    def note(self, row: dict, start: int) -> None:
        """Remember a resolved calendar DATE as the anchor of later relative expressions."""
        if row["type"] == "DATE" and row["resolved"] and CALENDAR_RE.fullmatch(row["value"]):
            self.last_calendar = (start, row["value"])
            base, gran = value_to_date(row["value"])
            if gran == "day":
                self.para_day = (self.para, start, base)


def canon_month(name: str, lex: Lexicon) -> str:
    """Return the lexicon's spelling of a month name or abbreviation as written ("jan." -> "Jan")."""
    bare = name.rstrip(".").strip()
    for key in lex.months:
        if key.lower() == bare.lower():
            return key
    raise KeyError(name)


def _first(g: dict, keys: tuple[str, ...]):
    return next((g[k] for k in keys if g.get(k)), None)


UNIT_VALUE_RE = re.compile(r"(?P<count>\d*)(?P<code>[A-Z]+)")


def _scaled_unit(text: str, units: dict) -> tuple[int, str]:
    """The count and TIMEX3 code of a unit word: "week" -> (1, "W"), "fortnight" (``2W``) -> (2, "W")."""
    m = UNIT_VALUE_RE.fullmatch(units[text.lower()])
    return int(m.group("count") or 1), m.group("code")


def _unit(text: str, units: dict) -> str:
    return _scaled_unit(text, units)[1]


# ----------------------------------------------------------------------------- calendar dates

def _calendar_date(r: ArticleResolver, c: Candidate, sentence: str) -> dict | None:
    """A day and month, with a year or given the year by tense (weekday_with_date, month_day, day_month, iso)."""
    g, lex = c.m.groupdict(), r.lex
    month = g.get("month")
    if month is not None:
        month = int(month)
    else:
        month = lex.months[canon_month(_first(g, ("mon", "mon2", "p_mon", "p_mon2")), lex)]
    day = int(_first(g, ("day", "dday", "p_day", "p_dday")))
    year = _first(g, ("year", "year2", "p_year", "p_year2"))
    if year is not None:
        try:
            row = r.row("DATE", dt.date(int(year), month, day).isoformat())
        except ValueError:
            r.problems.append(("warning", f"impossible date {c.m.group(0)!r}; left unresolved"))
            return r.row("DATE", anchor="", resolved=False)
    else:
        tense = clause_tense(sentence, c.start, c.end, lex)
        weekday = lex.weekdays[g["wd"].lower()] if g.get("wd") else None
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return None
        row = r.dct_row("DATE", lambda dct: (lambda d: d and d.isoformat())(
            nearest_year(dct, month, day, tense, weekday)))
    if c.rule == "weekday_with_date" and row["resolved"]:
        if dt.date.fromisoformat(row["value"]).weekday() != lex.weekdays[g["wd"].lower()]:
            r.problems.append(("warning", f"{c.m.group(0)!r}: the weekday does not match the date; "
                               "the date is used"))
    return row


def _month_year(r: ArticleResolver, c: Candidate, sentence: str) -> dict:
    month = r.lex.months[canon_month(c.m.group("mon"), r.lex)]
    return r.row("DATE", f"{int(c.m.group('year')):04d}-{month:02d}")


def _month_name(r: ArticleResolver, c: Candidate, sentence: str) -> dict:
    """A month without day or year: this, last or next one, else the past one unless the clause is future."""
    month = r.lex.months[canon_month(c.m.group("mon"), r.lex)]
    rel = (c.m.group("rel") or "").strip().lower()
    future = clause_is_future(sentence, c.start, c.end, r.lex)

    def pick(dct):
        first = dct + relativedelta(day=1)
        this = first + relativedelta(month=month)
        if rel == "this":
            return format_value(this, "month")
        if rel == "last" or (rel != "next" and not future):
            too_late = this >= first if rel == "last" else this > first
            return format_value(this + relativedelta(years=-1) if too_late else this, "month")
        too_early = this <= first if rel == "next" else this < first
        return format_value(this + relativedelta(years=1) if too_early else this, "month")

    return r.dct_row("DATE", pick)


def _month_relative_year(r: ArticleResolver, c: Candidate, sentence: str) -> dict:
    """"September last year": the month in the year before, of or after the publication date."""
    month = r.lex.months[canon_month(c.m.group("mon"), r.lex)]
    step = {"last": -1, "this": 0, "next": 1}[c.m.group("ry").lower()]
    return r.dct_row("DATE", lambda dct: f"{dct.year + step:04d}-{month:02d}")


def _century(r: ArticleResolver, c: Candidate, sentence: str) -> dict:
    """"the 19th century" -> ``18`` (TIMEX3 writes a century as its first two digits)."""
    return r.row("DATE", f"{int(c.m.group('ord')) - 1:02d}")


def _decade(r: ArticleResolver, c: Candidate, sentence: str) -> dict:
    return r.row("DATE", c.m.group("dec")[:3])


def _year_is_date(sentence: str, m: re.Match, lex: Lexicon) -> bool:
    """Whether a four-digit number is a year, judged by the words around it (``timex_year_guards.csv``)."""
    before = re.findall(r"[\w.$€£]+", sentence[max(0, m.start() - 20):m.start()])
    prev = before[-1].lower() if before else ""
    after = re.match(r"\s*([A-Za-z]+)", sentence[m.end():])
    nxt = after.group(1).lower() if after else ""
    if nxt in lex.quantity_after:
        return False
    return prev in lex.year_before or prev not in lex.quantity_before


def _year(r: ArticleResolver, c: Candidate, sentence: str) -> dict | None:
    if not _year_is_date(sentence, c.m, r.lex):
        return None
    return r.row("DATE", c.m.group("year"))


# ----------------------------------------------------------------------------- offsets and relatives

def _number_and_unit(r: ArticleResolver, c: Candidate) -> tuple[str | None, str]:
    """(number, TIMEX3 code) of a number and unit: "two fortnights" -> ("4", "W"); the number may be X or None."""
    n = number_value(c.m.group("num"), r.lex.numbers)
    count, code = _scaled_unit(c.m.group("unit"), r.lex.units)
    return (str(int(n) * count) if count > 1 and n and n.isdigit() else n), code


def _offset_granularity(r: ArticleResolver, c: Candidate, unit: str) -> str:
    """The granularity of a date moved by a number of units: the unit's, but a day for a scaled unit ("a fortnight ago")."""
    return "day" if _scaled_unit(c.m.group("unit"), r.lex.units)[0] > 1 else UNIT_GRANULARITY[unit]


def _year_ago(r: ArticleResolver, c: Candidate, sentence: str) -> dict:
    """"two weeks ago": the publication date moved back, at the unit's granularity."""
    n, unit = _number_and_unit(r, c)
    if n == "X":  # "a few days ago"
        return r.row("DATE", "PAST_REF")
    if n is None or not n.isdigit() or unit in TIME_UNITS:
        return r.row("DATE", anchor="DCT", resolved=False)
    gran = _offset_granularity(r, c, unit)
    return r.dct_row("DATE", lambda dct: format_value(shift(dct, unit, -int(n)), gran))


def _anchored_offset(r: ArticleResolver, c: Candidate, sentence: str) -> dict:
    """"26 years later": the calendar date mentioned last, moved by the offset."""
    n, unit = _number_and_unit(r, c)
    if n == "X":  # "a few days later", as "days later"
        return _vague_by_tense(r, c, sentence, "TIME" if unit in TIME_UNITS else "DATE")
    if n is None or not n.isdigit() or unit in TIME_UNITS or r.last_calendar is None:
        return r.row("DATE", anchor="", resolved=False)
    anchor_at, anchor_value = r.last_calendar
    base, base_gran = value_to_date(anchor_value)
    step = -int(n) if c.m.group("dir").lower() == "earlier" else int(n)
    gran = min(base_gran, _offset_granularity(r, c, unit), key=GRANULARITY_ORDER.get)
    return r.row("DATE", format_value(shift(base, unit, step), gran), str(anchor_at))


def _relative_phrase(r: ArticleResolver, c: Candidate, sentence: str) -> dict:
    """A phrase of ``timex_relative.csv``: a fixed value, or an offset of a unit from its anchor."""
    key = PART_MODIFIER_RE.sub("", re.sub(r"\s+", " ", c.m.group(0).lower()))
    spec = r.lex.relative[key]
    if spec["value"]:
        if AS_AFTER_RE.match(sentence, c.end) and AS_BEFORE_RE.search(sentence, max(0, c.start - 4), c.start):
            return None   # "as soon as the storm passes", "as soon as possible"
        if spec["anchor"] == "tense":   # "days later": PAST_REF, or FUTURE_REF in a future clause
            return _vague_by_tense(r, c, sentence, spec["type"])
        return r.row(spec["type"], spec["value"])
    off, unit = int(spec["offset"]), spec["unit"]
    if spec["anchor"] == "tense":
        return _weekend_by_tense(r, c, sentence, spec["type"])
    gran = unit if unit in RELATIVE_UNIT_CODES else "day"
    anchor = r.focus(gran) if spec["anchor"] == "focus" else r.reference()
    if unit in RELATIVE_UNIT_CODES:
        code = RELATIVE_UNIT_CODES[unit]
        return r.anchored_row(spec["type"], lambda day: format_value(shift(day, code, off), unit), anchor)
    if unit == "weekend":
        return r.anchored_row(spec["type"], lambda day: week_value(shift(day, "W", off)) + "-WE", anchor)
    return r.anchored_row(spec["type"], lambda day: f"{shift(day, 'D', off).isoformat()}T{unit}", anchor)


def _vague_by_tense(r: ArticleResolver, c: Candidate, sentence: str, typ: str) -> dict:
    """A vague point before or after an event ("days later", "a few weeks earlier"): FUTURE_REF in a future clause, else PAST_REF."""
    return r.row(typ, "FUTURE_REF" if clause_is_future(sentence, c.start, c.end, r.lex) else "PAST_REF")


def _weekend_by_tense(r: ArticleResolver, c: Candidate, sentence: str, typ: str) -> dict:
    """"the weekend": the one nearest the day in focus (``_weekend_focus``), else by tense from the reference day."""
    future = clause_is_future(sentence, c.start, c.end, r.lex)
    focus = _weekend_focus(r, future)
    if focus is not None:
        return r.anchored_row(typ, _nearest_weekend, focus)
    mode = "future" if future else "past"
    saturday = 5
    return r.dct_row(typ, lambda day: week_value(resolve_weekday(day, saturday, mode)) + "-WE")


def _weekend_focus(r: ArticleResolver, future: bool) -> tuple[str, dt.date] | None:
    """The day in focus that "the weekend" is told around: named before it, on the clause's side of the
    reference day (not after it in a past clause, not before it in a future one) and at most
    ``WEEKEND_FOCUS_DAYS`` from it; else None (a date of 1951 or next month's deadline is no focus)."""
    label, day = r.focus("day")
    ref = r.reference()[1]
    if day is None or label == r.reference()[0]:
        return None
    if ref is not None and (abs((day - ref).days) > WEEKEND_FOCUS_DAYS or (day > ref) != future and day != ref):
        return None
    return label, day


def _nearest_weekend(day: dt.date) -> str:
    """The weekend nearest a day: the one before for a Monday or Tuesday, else that of its own ISO week."""
    return week_value(day - dt.timedelta(days=7) if day.weekday() <= 1 else day) + "-WE"


def _weekday(r: ArticleResolver, c: Candidate, sentence: str) -> dict:
    """A weekday: next/coming or last/past as written, else forward in a future clause and back otherwise."""
    lex = r.lex
    wd = lex.weekdays[c.m.group("wd").lower()]
    rel = (c.m.group("rel") or "").lower()
    if rel in ("next", "coming"):
        mode = "next"
    elif rel in ("last", "past"):
        mode = "last"
    else:
        mode = "future" if clause_is_future(sentence, c.start, c.end, lex) else "past"
    part, pre = c.m.group("part"), c.m.group("pre")
    code = lex.parts_of_day[part.lower()] if part else lex.parts_before[pre.lower()] if pre else ""
    suffix = f"T{code}" if code else ""
    return r.dct_row("TIME" if code else "DATE", lambda dct: resolve_weekday(dct, wd, mode).isoformat() + suffix)


# ----------------------------------------------------------------------------- sets, durations, times

def _set_every(r: ArticleResolver, c: Candidate, sentence: str) -> dict:
    if c.m.group("part"):
        return r.row("SET", f"XXXX-XX-XXT{r.lex.parts_of_day[c.m.group('part').lower()]}")
    if c.m.group("wd"):
        return r.row("SET", f"XXXX-WXX-{r.lex.weekdays[c.m.group('wd').lower()] + 1}")
    count, code = _scaled_unit(c.m.group("unit"), r.lex.units)
    return r.row("SET", f"P{count}{code}")


def _vague_duration(r: ArticleResolver, c: Candidate, sentence: str) -> dict:
    """"for years" -> PXY; hours and minutes are times: "for hours" -> PTXH."""
    g = c.m.groupdict()
    unit = _unit(next(g[k] for k in ("unit", "unit2", "unit3", "unit4") if g.get(k)), r.lex.units)
    return r.row("DURATION", f"PTX{unit[0]}" if unit in TIME_UNITS else f"PX{unit}")


def _duration(r: ArticleResolver, c: Candidate, sentence: str) -> dict | None:
    n, unit = _number_and_unit(r, c)
    if n is None:
        return None
    if unit in TIME_UNITS:
        return r.row("DURATION", f"PT{n}{unit[0]}")
    return r.row("DURATION", f"P{n}{unit}")


def _duration_past_unit(r: ArticleResolver, c: Candidate, sentence: str) -> dict:
    count, code = _scaled_unit(c.m.group("unit"), r.lex.units)
    return r.row("DURATION", f"P{count}{code}")


def _clock(m: re.Match) -> str | None:
    """``hh:mm`` of a clock-time match; None for an hour above 12 with am/pm."""
    g = m.groupdict()
    if g.get("h24"):
        return f"{int(g['h24']):02d}:{int(g['m24']):02d}"
    if int(g["h"]) > 12:
        return None
    hour = int(g["h"]) % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
    return f"{hour:02d}:{int(g['m'] or 0):02d}"


def _clock_time(r: ArticleResolver, c: Candidate, sentence: str) -> dict | None:
    """A clock time on the day last named in its paragraph, else the reference day: ``2026-01-12T14:30``."""
    clock = _clock(c.m)
    if clock is None:
        return None
    anchor = r.reference()
    if r.para_day is not None and r.para_day[0] == r.para and r.speech is None:
        anchor = (str(r.para_day[1]), r.para_day[2])
    return r.anchored_row("TIME", lambda day: f"{day.isoformat()}T{clock}", anchor)


def _date_time(r: ArticleResolver, c: Candidate, sentence: str) -> dict | None:
    """A day and a clock time next to each other ("March 2, 2026 6:10 am"): one TIME."""
    date_part, clock_part = c.parts
    row = RULES[date_part.rule](r, date_part, sentence)
    clock = _clock(clock_part.m)
    if row is None or clock is None:
        return row
    if row["resolved"] and (value_to_date(row["value"]) or ("", ""))[1] == "day":
        row.update(type="TIME", value=f"{row['value']}T{clock}")
    return row


def _age(r: ArticleResolver, c: Candidate, sentence: str) -> dict | None:
    """"a 52-year-old" -> P52Y (TimeML annotates ages as durations)."""
    n, unit = _number_and_unit(r, c)
    if n is None or unit in TIME_UNITS:
        return None
    if c.m.group("unit").lower().endswith("s") and n == "1":   # "a decades-old dispute": some decades
        return r.row("DURATION", f"PX{unit}")
    return r.row("DURATION", f"P{n}{unit}")


def _foreign_date(r: ArticleResolver, c: Candidate, sentence: str) -> dict | None:
    """A date with a non-English month name: "14 enero 2026", "18 décembre" (year by tense), "marzo 2026"."""
    g = c.m.groupdict()
    month = r.lex.foreign_months[_first(g, ("fmon", "fmon2", "fmon3")).lower()]
    if g.get("fmon3"):
        return r.row("DATE", f"{int(g['year3']):04d}-{month:02d}")
    if g.get("fmon2"):
        day = int(g["dday2"])
        if not 1 <= day <= 31:
            return None
        tense = clause_tense(sentence, c.start, c.end, r.lex)
        return r.dct_row("DATE", lambda dct: (lambda d: d and d.isoformat())(nearest_year(dct, month, day, tense)))
    try:
        return r.row("DATE", dt.date(int(g["year"]), month, int(g["dday"])).isoformat())
    except ValueError:
        r.problems.append(("warning", f"impossible date {c.m.group(0)!r}; left unresolved"))
        return r.row("DATE", resolved=False)


RULES = {
    "weekday_with_date": _calendar_date, "month_day": _calendar_date, "day_month": _calendar_date,
    "iso_date": _calendar_date, "month_year": _month_year, "month_name": _month_name, "decade": _decade,
    "year": _year, "year_ago": _year_ago, "anchored_offset": _anchored_offset,
    "relative_phrase": _relative_phrase, "weekday": _weekday, "set_every": _set_every,
    "duration_recent": _vague_duration, "duration_vague": _vague_duration,
    "duration": _duration, "duration_adjective": _duration, "duration_past_unit": _duration_past_unit,
    "clock_time": _clock_time, "date_time": _date_time, "age": _age, "foreign_date": _foreign_date,
    "month_relative_year": _month_relative_year, "century": _century,
}
