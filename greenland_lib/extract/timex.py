"""Find temporal expressions in articles and normalise them to TIMEX3 values.

Every expression is found inside one sentence of ``corpus.sentences`` and resolved against the
article's publication date (the document creation time, DCT), or against the expression it is
relative to ("26 years later" -> the year mentioned just before). Values follow TimeML's TIMEX3:
``1951``, ``2026-01``, ``2026-01-12``, ``2026-W02``, ``2026-W02-WE``, ``2026-01-12TNI``, ``PXY``,
``P2W``, ``PRESENT_REF``. Word lists, relative phrases, tense cues and the guards that keep
quantities from being read as years are data files in ``greenland_lib/data/timex_*.csv``.

Span conventions (TimeML): a leading preposition is not part of the expression ("on Monday" ->
``Monday``, "for years" -> ``years``, "in recent weeks" -> ``recent weeks``); modifiers and
determiners that change the meaning are (``last week``, ``earlier this month``, ``the past two weeks``,
``26 years later``, ``a year ago``). Ages ("35-year-old") are not temporal expressions.

All calendar arithmetic uses ``dateutil.relativedelta``.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from itertools import filterfalse, groupby

import pandas as pd
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from ..corpus.loading import PROBLEM_COLUMNS, Corpus
from ..paths import data_file

COLUMNS = ["article_id", "para", "sent", "start", "end", "text", "type", "value", "anchor", "rule", "resolved"]
WEEKDAYS = (MO, TU, WE, TH, FR, SA, SU)
GRANULARITY_ORDER = {"year": 0, "month": 1, "week": 2, "day": 3}
UNIT_GRANULARITY = {"Y": "year", "DE": "year", "CE": "year", "M": "month", "W": "week", "D": "day"}
UNIT_DELTA = {"D": "days", "W": "weeks", "M": "months", "Y": "years"}
UNIT_FACTOR = {"DE": ("years", 10), "CE": ("years", 100)}
TIME_UNITS = {"H", "MIN"}
# Patterns run only in windows around trigger words of these kinds (weekday, month, unit, relative
# head word such as "today" or "now", a four-digit number, or an hour followed by am/pm or :MM),
# which keeps the extractor fast on long articles.
PATTERN_TRIGGERS = {
    "weekday_with_date": {"weekday"}, "iso_date": {"year"}, "month_day": {"month"}, "day_month": {"month"},
    "month_year": {"month"}, "month_name": {"month"}, "decade": {"year"}, "number_unit": {"unit"},
    "relative_phrase": {"unit", "relative"}, "weekday": {"weekday"},
    "set_every": {"unit", "weekday"}, "duration_recent": {"unit"}, "duration_vague": {"unit"},
    "duration_past_unit": {"unit"},
    "clock_time": {"clock"}, "year": {"year"},
}
TOKEN_TABLE = str.maketrans({ch: " " for ch in string.punctuation + "’‘“”—–…«»\u00a0"})
CLOCK_WORDS = frozenset({"am", "pm", "m"})  # "m" of "p.m."
CLOCK_TRIGGER_RE = re.compile(r"\d{1,2}(?=:[0-5]\d|\s?[ap]\.?m\b)")
DIGITS_RE = re.compile(r"\d+")
CALENDAR_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?")
CUE_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# ; : quotes, parentheses, dashes, and -- or a dash between spaces (a dash alone is a delimiter too,
# so trying the one-character delimiters first finds the same matches)
CLAUSE_DELIMS = re.compile(r"[;:\"“”«»()—–]|\s(?:--|[—–])\s")
WORD_RE = re.compile(r"[a-z]+")
# A pattern runs in an article only if one of these tokens occurs in it (per rule, or per rule and
# trigger kind); "<month>", "<year>" and "<decade>" stand for any month name, four-digit number and
# decade ("1950s"). Rules not listed always run.
PATTERN_REQUIRES = {
    ("weekday_with_date", "weekday"): {"<month>"}, "set_every": {"every", "each"},
    "duration_recent": {"recent", "past", "last"}, "duration_vague": {"for", "over"},
    "duration_past_unit": {"past", "previous"}, "month_year": {"<year>"}, "decade": {"<decade>"},
    ("relative_phrase", "unit"): {"this", "last", "next"},
}
DECADE_TOKEN_RE = re.compile(r"\d{3}0s$")
# The trigger kinds, and how far (characters before the trigger word, after it) each pattern may
# reach from its trigger; the reach after includes what the pattern's look-ahead checks ("-old").
WINDOWS = ("weekday", "month", "unit", "relative", "year", "clock")
PATTERN_WINDOWS = {
    "weekday_with_date": (0, 36), "weekday": (8, 12), "set_every": (7, 1),
    "month_day": (14, 30), "day_month": (10, 10), "month_year": (8, 8), "month_name": (8, 4),
    "iso_date": (0, 8), "decade": (12, 3), "year": (8, 14), "number_unit": (30, 10),
    "relative_phrase": (26, 1), "duration_recent": (20, 1), "duration_vague": (10, 1),
    "duration_past_unit": (18, 1), "clock_time": (0, 12),
}
# A day and month without a year in a past (future) clause may lie at most this many days after
# (before) the publication date: publication dates taken from URLs can be a day or two off.
TENSE_TOLERANCE_DAYS = 7
# Tense cues are looked for at most this many characters before and after the expression.
TENSE_REACH = 70
CUE_ENDINGS = ("ed", "'ll")


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The word lists and compiled patterns of the extractor, built from the data files."""

    weekdays: dict
    months: dict
    numbers: dict
    units: dict
    parts_of_day: dict
    relative: dict
    reporting_re: re.Pattern
    year_before: frozenset
    quantity_before: frozenset
    quantity_after: frozenset
    patterns: tuple
    triggers: dict
    trigger_words: frozenset
    patterns_by_kind: dict
    future_cues: frozenset
    past_cues: frozenset
    cue_length: int
    future_words: frozenset
    cue_words: frozenset
    scan_words: frozenset  # trigger words, words of PATTERN_REQUIRES, and the am/pm of clock times
    future_by_last: dict   # word -> the future cues (as word lists) ending with it
    future_by_first: dict  # word -> the future cues (as word lists) starting with it


def _alts(words) -> list[str]:
    return [re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)]


def _alt(words) -> str:
    return "|".join(_alts(words))


def _by_initial(alternatives: list[str]) -> str:
    """Join regex alternatives that each open with an ASCII letter, grouped by that letter: ``t(?:en|wo)``.

    The engine then tries one letter per group instead of every alternative at each position. Only
    alternatives of one group can match at one position, and each group keeps their order, so the
    matches are those of the plain alternation.
    """
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        if not (alt[:1].isascii() and alt[:1].isalpha()):
            raise ValueError(f"alternative {alt!r} does not open with a letter")
        groups.setdefault(alt[0].lower(), []).append(alt[1:])
    return "|".join(f"{k}(?:{'|'.join(rest)})" for k, rest in groups.items())


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read the ``timex_*.csv`` data files and compile the extractor's patterns (cached)."""
    words = pd.read_csv(data_file("timex_words.csv"), dtype=str, keep_default_na=False)
    by_kind = {k: dict(zip(g["word"], g["value"])) for k, g in words.groupby("kind")}
    weekdays = {w.lower(): int(v) for w, v in by_kind["weekday"].items()}
    months = {w: int(v) for w, v in by_kind["month"].items()}
    numbers = dict(by_kind["number"])
    units = {w: v for w, v in by_kind["unit"].items()}
    parts = {w: v for w, v in by_kind["part_of_day"].items()}
    modifiers = list(by_kind["date_modifier"])

    rel = pd.read_csv(data_file("timex_relative.csv"), dtype=str, keep_default_na=False)
    relative = {}
    rel_alts = []
    for row in rel.to_dict("records"):
        m = re.fullmatch(r"(?:\[(?P<lead>[^\]]+)\]\s*)?(?P<phrase>.+)", row["phrase"])
        relative[m.group("phrase").lower()] = row
        body = _alt([m.group("phrase")])
        rel_alts.append((len(m.group("phrase")),
                         (rf"(?<=\b{re.escape(m.group('lead'))}\s)" if m.group("lead") else "") + body))
    rel_alts.sort(reverse=True)

    cues = pd.read_csv(data_file("timex_cues.csv"), dtype=str, keep_default_na=False)
    cue = {k: list(g["phrase"]) for k, g in cues.groupby("kind")}
    guards = pd.read_csv(data_file("timex_year_guards.csv"), dtype=str, keep_default_na=False)
    guard = {k: frozenset(w.lower() for w in g["word"]) for k, g in guards.groupby("position")}

    WD = _alt(weekdays)
    MON = "(?-i:" + _alt(months) + r")(?:\.(?!\w))?"
    tens = [w for w, v in numbers.items() if v.isdigit() and int(v) % 10 == 0 and 20 <= int(v) <= 90]
    ones = [w for w, v in numbers.items() if v.isdigit() and 1 <= int(v) <= 9 and w not in ("a", "an")]
    # \d{1,3}|(?:TENS)-(?:ONES)|NUMBERS, with the tens spelt out one by one (the same order of trial)
    NUM = r"\d{1,3}|" + _by_initial([t + "-(?:" + _alt(ones) + ")" for t in _alts(tens)] + _alts(numbers))
    UNIT = _alt(units)
    UNIT_PL = _alt([u for u in units if u.endswith("s")])
    UNIT_SG = _alt([u for u in units if not u.endswith("s")])
    MOD = _alt(modifiers)
    PART = _alt(parts)
    DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    YEAR = r"(?P<year>1[0-9]\d\d|20\d\d|21\d\d)"
    MONTH_LEAD = "(?:" + "|".join(rf"(?<=\b{w}\s)" for w in (
        "in", "since", "until", "till", "by", "from", "during", "before", "after", "through", "throughout",
        "of", "between", "and")) + ")"
    NOT_NUM = r"(?![\d,.]\d|%|\s*(?:percent|per\s+cent)\b)"
    md = rf"(?P<mon>{MON})\s+{DAY}\b{NOT_NUM}(?:,?\s+{YEAR}\b)?"
    dm = rf"{DAY.replace('?P<day>', '?P<dday>')}\s+(?:of\s+)?(?P<mon2>{MON})(?:,?\s+(?P<year2>1[0-9]\d\d|20\d\d|21\d\d)\b)?"
    patterns = (
        ("weekday_with_date", re.compile(
            rf"\b(?P<wd>{WD}),?\s*(?:\((?:{md.replace('?P<', '?P<p_')}|{dm.replace('?P<', '?P<p_')})\)"
            rf"|(?:{md}|{dm}))", re.I)),
        ("iso_date", re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")),
        ("month_day", re.compile(rf"\b(?:(?P<mod>{MOD})[\s-]+)?{md}", re.I)),
        ("day_month", re.compile(rf"\b{dm}", re.I)),
        ("month_year", re.compile(rf"\b(?:(?P<mod>{MOD})[\s-]+)?(?P<mon>{MON}),?\s+{YEAR}\b", re.I)),
        ("month_name", re.compile(
            rf"(?:\b(?P<rel>last|this|next)\s+|\b(?P<mod>{MOD})[\s-]+|{MONTH_LEAD})(?P<mon>{MON})\b(?!\s*\d)", re.I)),
        ("decade", re.compile(rf"\b(?:the\s+)?(?:(?P<mod>{MOD})[\s-]+)?(?P<dec>1[0-9]\d0|20\d0)s\b", re.I)),
        ("number_unit", re.compile(
            rf"\b(?:the\s+(?P<rel>past|last|next|coming|previous|following)\s+)?(?P<num>{NUM})(?:(?P<hy>-)|\s+)"
            rf"(?P<unit>{UNIT})\b(?!-old|\s+old\b)(?:\s+(?P<dir>later|earlier|ago)\b)?", re.I)),
        ("relative_phrase", re.compile(r"\b(?:" + "|".join(a for _, a in rel_alts) + r")\b", re.I)),
        ("weekday", re.compile(
            rf"\b(?:(?P<rel>last|next|this|coming|past)\s+)?(?P<wd>{WD})\b(?:\s+(?P<part>{PART})\b)?", re.I)),
        ("set_every", re.compile(rf"\b(?:every|each)\s+(?:(?P<unit>{UNIT_SG})|(?P<wd>{WD}))\b", re.I)),
        ("duration_recent", re.compile(rf"\b(?:the\s+)?(?:recent|past|last)\s+(?P<few>few\s+)?(?P<unit>{UNIT_PL})\b",
                                       re.I)),
        ("duration_vague", re.compile(rf"(?:(?<=\bfor\s)|(?<=\bover\s))(?:(?:many|several)\s+)?(?P<unit>{UNIT_PL})\b", re.I)),
        ("duration_past_unit", re.compile(rf"\bthe\s+(?:past|previous)\s+(?P<unit>{UNIT_SG})\b", re.I)),
        ("clock_time", re.compile(
            r"\b(?P<h>[01]?\d)(?::(?P<m>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)"
            r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b(?!:)", re.I)),
        ("year", re.compile(rf"(?:\b(?P<mod>{MOD})[\s-]+|(?<![\d$€£.,/-]))\b" + YEAR + r"\b(?![,.]\d|%|-[A-Za-z]|\s*(?:-|–)?\s*year-old)", re.I)),
    )

    def cue_re(items):
        return re.compile(r"(?<![\w'’])(?:" + _alt(items) + r")(?![\w'’])", re.I)

    triggers = {p.split()[-1]: "relative" for p in relative}
    triggers.update({m.lower(): "month" for m in months})
    triggers.update({u.lower(): "unit" for u in units})
    triggers.update({w: "weekday" for w in weekdays})
    missing = {rule for rule, _ in patterns} ^ set(PATTERN_TRIGGERS)
    if missing:
        raise ValueError(f"patterns without trigger kinds (or triggers without patterns): {sorted(missing)}")
    return Lexicon(weekdays, months, numbers, units, parts, relative,
                   cue_re(cue["reporting"]),
                   guard["before"], guard["quantity_before"], guard["quantity_after"], patterns, triggers,
                   frozenset(triggers),
                   {kind: [(i, rule, pat) + PATTERN_WINDOWS[rule] for i, (rule, pat) in enumerate(patterns)
                           if kind in PATTERN_TRIGGERS[rule]]
                    for kind in WINDOWS},
                   frozenset(c.lower().replace("’", "'") for c in cue["future"]),
                   frozenset(c.lower() for c in cue["past"]),
                   max(len(c.split()) for c in cue["future"]),
                   frozenset(w for c in cue["future"] for w in c.lower().split()),
                   frozenset(w for c in cue["future"] + cue["past"] for w in c.lower().split()),
                   frozenset(triggers).union(*PATTERN_REQUIRES.values(), CLOCK_WORDS),
                   *_cues_by_end_word(c.lower().replace("’", "'") for c in cue["future"]))


def _cues_by_end_word(cues) -> tuple[dict, dict]:
    """Return the cues (as lists of words) by last word and by first word."""
    by_last, by_first = {}, {}
    for cue in dict.fromkeys(cues):
        words = cue.split(" ")
        by_last.setdefault(words[-1], []).append(words)
        by_first.setdefault(words[0], []).append(words)
    return by_last, by_first


# ----------------------------------------------------------------------------- resolution helpers

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

    ``past``: the most recent such day on or before dct (same day allowed); ``future``: the next
    one after dct; ``last``: the most recent one strictly before dct; ``next``: same as future.
    """
    wd = WEEKDAYS[weekday]
    if mode == "past":
        return dct + relativedelta(weekday=wd(-1))
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


def _number(text: str, numbers: dict) -> str | None:
    t = re.sub(r"\s+", " ", text.strip().lower())
    if t.isdigit():
        return str(int(t))
    if t in numbers:
        return numbers[t]
    if "-" in t:
        a, b = t.split("-", 1)
        if numbers.get(a, "").isdigit() and numbers.get(b, "").isdigit():
            return str(int(numbers[a]) + int(numbers[b]))
    return None


def _unit(text: str, units: dict) -> str:
    return units[text.lower()]


# ----------------------------------------------------------------------------- the extractor

@dataclass(slots=True)
class _Match:
    start: int
    end: int
    rule: str
    m: re.Match
    priority: int


def _word_positions(text: str, word: str) -> list[int]:
    """Return the offsets where word occurs in text as a whole token (no letter or digit either side)."""
    out = []
    n, i = len(word), text.find(word)
    while i >= 0:
        if (i == 0 or not text[i - 1].isalnum()) and (i + n == len(text) or not text[i + n].isalnum()):
            out.append(i)
        i = text.find(word, i + n)
    return out


def _number_positions(text: str, number: str) -> list[int]:
    """Return the offsets where a run of digits occurs in text, not inside a longer run of digits."""
    out = []
    n, i = len(number), text.find(number)
    while i >= 0:
        if (i == 0 or not text[i - 1].isdigit()) and (i + n == len(text) or not text[i + n].isdigit()):
            out.append(i)
        i = text.find(number, i + 1)
    return out


@lru_cache(maxsize=512)
def _active_patterns(lex: Lexicon, met: tuple[bool, ...]) -> dict[str, list]:
    """Return, per trigger kind, the patterns to run given which PATTERN_REQUIRES entries are met."""
    ok = dict(zip(PATTERN_REQUIRES, met))
    return {kind: [entry for entry in lex.patterns_by_kind[kind]
                   if ok.get((entry[1], kind), ok.get(entry[1], True))]
            for kind in WINDOWS}


def _trigger_windows(texts: list[str], lex: Lexicon) -> dict[int, list[tuple[int, int, list]]]:
    """Return, per sentence index, the (start, end, patterns to run) windows around its trigger words.

    The sentences are scanned as one lower-cased string: the words present are found with one
    ``findall``, and only the trigger words among them are located, which is much faster than a
    large alternation of words.
    """
    # trigger words are ASCII: other characters become "?" (one for one, so offsets hold), which
    # keeps the string operations below on their fast ASCII paths
    joined = "\n".join(texts).encode("ascii", "replace").decode("ascii").lower()
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    # the distinct words and numbers present: translate punctuation to spaces and split (fast);
    # tokens still holding other characters are split again with a regular expression
    split = joined.translate(TOKEN_TABLE).split()
    # only the words some rule asks about matter: one pass keeps them (cheaper than a set of all tokens)
    tokens = set(lex.scan_words.intersection(split))
    wanted = lex.trigger_words & tokens
    years, decades = set(), False
    for tok in set(filterfalse(str.isalpha, split)):
        if tok.isdigit():
            if len(tok) == 4:
                years.add(tok)
            continue
        # mixed tokens ("1950s", "10th", words glued to rare punctuation): split them properly
        wanted |= lex.trigger_words.intersection(WORD_RE.findall(tok))
        years.update(d for d in DIGITS_RE.findall(tok) if len(d) == 4)
        decades = decades or DECADE_TOKEN_RE.search(tok) is not None
    if years:
        tokens.add("<year>")
    if decades:
        tokens.add("<decade>")
    if any(lex.triggers[w] == "month" for w in wanted):
        tokens.add("<month>")
    active = _active_patterns(lex, tuple(not tokens.isdisjoint(req) for req in PATTERN_REQUIRES.values()))
    hits = []
    for word in wanted:
        n, kind = len(word), lex.triggers[word]
        hits += [(i, i + n, kind) for i in _word_positions(joined, word)]
    for year in years:
        hits += [(i, i + 4, "year") for i in _number_positions(joined, year)]
    if not tokens.isdisjoint(CLOCK_WORDS):
        hits += [(m.start(), m.end(), "clock") for m in CLOCK_TRIGGER_RE.finditer(joined)
                 if m.start() == 0 or not joined[m.start() - 1].isdigit()]
    else:  # 24-hour times such as 14:30
        i = joined.find(":")
        while i >= 0:
            if joined[i - 1:i].isdigit() and joined[i + 1:i + 3].isdigit():
                first = i - 2 if joined[i - 2:i - 1].isdigit() else i - 1
                hits.append((first, i, "clock"))
            i = joined.find(":", i + 1)
    hits.sort()
    windows: dict[int, list[tuple[int, int, str]]] = {}
    for h_start, h_end, kind in hits:
        idx = bisect.bisect_right(starts, h_start) - 1
        base = starts[idx]
        windows.setdefault(idx, []).append((h_start - base, h_end - base, active[kind]))
    return windows


def _number_unit_rule(m: re.Match) -> str:
    """Name the rule of a number-and-unit match: ago, later/earlier, hyphenated adjective, or duration."""
    direction = (m.group("dir") or "").lower()
    if direction == "ago":
        return "year_ago"
    if direction:
        return "anchored_offset"
    return "duration_adjective" if m.group("hy") else "duration"


def _candidates(sentence: str, lex: Lexicon, windows: list | None = None) -> list[_Match]:
    if windows is None:
        windows = _trigger_windows([sentence], lex).get(0, [])
    seen = {}
    size = len(sentence)
    for t_start, t_end, patterns in windows:
        for priority, rule, pattern, before, after in patterns:
            lo, hi = t_start - before, t_end + after
            for m in pattern.finditer(sentence, lo if lo > 0 else 0, hi if hi < size else size):
                start, end = m.span()
                if end > start:
                    name = _number_unit_rule(m) if rule == "number_unit" else rule
                    if (start, end, name) not in seen:  # the first match of a span and rule is kept
                        seen[start, end, name] = _Match(start, end, name, m, priority)
    found = list(seen.values())
    if len(found) < 2:
        return found
    # Longest match wins; among equals, the earlier (more specific) rule.
    found.sort(key=lambda c: (-(c.end - c.start), c.priority, c.start))
    chosen: list[_Match] = []
    for c in found:
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def clause_bounds(sentence: str, start: int, end: int, reach: int = 10**9) -> tuple[int, int]:
    """Return the clause around a span: bounded by ; : quotes and dashes within the sentence.

    Delimiters further than ``reach`` characters from the span are not looked for.
    """
    lo, hi = 0, len(sentence)
    for d in CLAUSE_DELIMS.finditer(sentence, max(0, start - reach), min(len(sentence), end + reach)):
        if d.end() <= start:
            lo = d.end()
        elif d.start() >= end:
            hi = d.start()
            break
    return lo, hi


def clause_is_future(sentence: str, start: int, end: int, lex: Lexicon | None = None) -> bool:
    """Return True when the nearest tense cue to a span, within its clause, marks the future."""
    return clause_tense(sentence, start, end, lex) == "future"


def clause_tense(sentence: str, start: int, end: int, lex: Lexicon | None = None) -> str:
    """Return ``future``, ``past`` or ``""``: the tense of the cue nearest to a span within its clause.

    Future cues are the phrases of ``timex_cues.csv`` (``will``, ``is set to``, ``to be held``,
    ``expected on``); past cues are its past-tense verbs and any lower-case word ending in ``-ed``
    that is not part of a future cue (``is expected to``). Distance is counted in words; ties go to
    the future cue.
    """
    lex = lex or load_lexicon()
    lo, hi = clause_bounds(sentence, start, end, TENSE_REACH)
    before = CUE_TOKEN_RE.findall(sentence, max(lo, start - TENSE_REACH), start)
    found = []  # (distance in words, is_past, tense)
    cue_words = lex.cue_words
    low = " ".join(before).lower().replace("’", "'").split(" ") if before else []
    for i in range(len(low) - 1, -1, -1):
        if low[i] in cue_words or low[i].endswith(CUE_ENDINGS):
            tense = _cue_at(low, before, i, lex, ending=True)
            if tense:
                found.append((len(low) - 1 - i, tense == "past", tense))
                break
    if found and found[0][0] == 0 and found[0][2] == "future":
        return "future"
    # only a cue at most as near as the one found before can win: read no further after the span
    reach = min(TENSE_REACH, 16 * (found[0][0] + 1)) if found else TENSE_REACH
    after = CUE_TOKEN_RE.findall(sentence, end, min(hi, end + reach))
    low = " ".join(after).lower().replace("’", "'").split(" ") if after else []
    if found:
        low = low[:found[0][0] + 1]
    for i in range(len(low)):
        if low[i] in cue_words or low[i].endswith(CUE_ENDINGS):
            tense = _cue_at(low, after, i, lex, ending=False)
            if tense:
                found.append((i, tense == "past", tense))
                break
    return min(found)[2] if found else ""


def _cue_at(low: list[str], words: list[str], i: int, lex: Lexicon, ending: bool) -> str:
    """Return the tense of a cue ending (or starting) at word i, or ``""``."""
    w = low[i]
    if w not in lex.cue_words and not w.endswith(CUE_ENDINGS):
        return ""
    if w.endswith("'ll"):
        return "future"
    if w in lex.future_words:
        # the future cues that end (or start) with this word, compared with the words before (after) it
        for cue in (lex.future_by_last if ending else lex.future_by_first).get(w, ()):
            n = len(cue)
            if ending:
                phrase = low[i - n + 1:i + 1] if i + 1 >= n else None
            else:
                phrase = low[i:i + n]
            if n <= lex.cue_length and phrase == cue:
                return "future"
    if w in lex.past_cues or (len(w) > 3 and w.endswith("ed") and words[i].islower()):
        return "past"
    return ""


def _year_is_date(sentence: str, m: re.Match, lex: Lexicon) -> bool:
    before = re.findall(r"[\w.$€£]+", sentence[max(0, m.start() - 20):m.start()])
    prev = before[-1].lower() if before else ""
    after = re.match(r"\s*([A-Za-z]+)", sentence[m.end():])
    nxt = after.group(1).lower() if after else ""
    if nxt in lex.quantity_after:
        return False
    return prev in lex.year_before or prev not in lex.quantity_before


def _nearest_year(dct: dt.date, month: int, day: int, tense: str, weekday: int | None = None) -> dt.date | None:
    """Pick the year of a day and month given without one: the nearest to dct, on the side the tense says."""
    options = []
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    if weekday is not None and any(d.weekday() == weekday for d in options):
        return min((d for d in options if d.weekday() == weekday), key=lambda d: abs((d - dct).days))
    if tense == "future":
        options = [d for d in options if d >= dct - relativedelta(days=TENSE_TOLERANCE_DAYS)]
    elif tense == "past":
        options = [d for d in options if d <= dct + relativedelta(days=TENSE_TOLERANCE_DAYS)]
    if not options:
        return None
    return min(options, key=lambda d: (abs((d - dct).days), d > dct))


class _ArticleResolver:
    """Resolve the matches of one article in text order (later expressions may anchor to earlier ones)."""

    def __init__(self, dct: dt.date | None, lex: Lexicon, file: str):
        self.dct, self.lex, self.file = dct, lex, file
        self.last_calendar: tuple[int, str] | None = None  # (offset, value) of the latest calendar DATE
        self.problems: list[tuple[str, str]] = []

    def _row(self, typ, value="", anchor="", resolved=True):
        return {"type": typ, "value": value if resolved else "", "anchor": anchor, "resolved": bool(resolved)}

    def _dct_row(self, typ, fn):
        if self.dct is None:
            return self._row(typ, anchor="DCT", resolved=False)
        value = fn(self.dct)
        if value is None:
            return self._row(typ, anchor="DCT", resolved=False)
        return self._row(typ, value, "DCT")

    def resolve(self, c: _Match, sentence: str, offset: int) -> dict | None:
        lex, m, rule = self.lex, c.m, c.rule
        g = m.groupdict()
        if rule == "year" and not _year_is_date(sentence, m, lex):
            return None
        if rule in ("weekday_with_date", "month_day", "day_month", "iso_date"):
            month = g.get("month")
            if month is not None:
                month = int(month)
            else:
                name = next(g[k] for k in ("mon", "mon2", "p_mon", "p_mon2") if g.get(k))
                month = lex.months[_canon_month(name, lex)]
            day = int(next(g[k] for k in ("day", "dday", "p_day", "p_dday") if g.get(k)))
            year = next((g[k] for k in ("year", "year2", "p_year", "p_year2") if g.get(k)), None)
            if year is not None:
                try:
                    date = dt.date(int(year), month, day)
                except ValueError:
                    self.problems.append(("warning", f"impossible date {m.group(0)!r}; left unresolved"))
                    return self._row("DATE", anchor="", resolved=False)
                row = self._row("DATE", date.isoformat())
            else:
                tense = clause_tense(sentence, c.start, c.end, lex)
                weekday = lex.weekdays[g["wd"].lower()] if g.get("wd") else None
                if not (1 <= day <= 31 and 1 <= month <= 12):
                    return None
                row = self._dct_row("DATE", lambda dct: (lambda d: d and d.isoformat())(
                    _nearest_year(dct, month, day, tense, weekday)))
            if rule == "weekday_with_date" and row["resolved"]:
                wd = lex.weekdays[g["wd"].lower()]
                if dt.date.fromisoformat(row["value"]).weekday() != wd:
                    self.problems.append(("warning", f"{m.group(0)!r}: the weekday does not match the date; "
                                          "the date is used"))
            return row
        if rule == "month_year":
            month = lex.months[_canon_month(g["mon"], lex)]
            return self._row("DATE", f"{int(g['year']):04d}-{month:02d}")
        if rule == "month_name":
            month = lex.months[_canon_month(g["mon"], lex)]
            rel = (g.get("rel") or "").strip().lower()
            future = clause_is_future(sentence, c.start, c.end, lex)

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

            return self._dct_row("DATE", pick)
        if rule == "decade":
            return self._row("DATE", g["dec"][:3])
        if rule == "year":
            return self._row("DATE", g["year"])
        if rule == "year_ago":
            n, unit = _number(g["num"], lex.numbers), _unit(g["unit"], lex.units)
            if n is None or not n.isdigit() or unit in TIME_UNITS:
                return self._row("DATE", anchor="DCT", resolved=False)
            gran = UNIT_GRANULARITY[unit]
            return self._dct_row("DATE", lambda dct: format_value(shift(dct, unit, -int(n)), gran))
        if rule == "anchored_offset":
            n, unit = _number(g["num"], lex.numbers), _unit(g["unit"], lex.units)
            if n is None or not n.isdigit() or unit in TIME_UNITS or self.last_calendar is None:
                return self._row("DATE", anchor="", resolved=False)
            anchor_at, anchor_value = self.last_calendar
            base, base_gran = value_to_date(anchor_value)
            step = -int(n) if g["dir"].lower() == "earlier" else int(n)
            gran = min(base_gran, UNIT_GRANULARITY[unit], key=GRANULARITY_ORDER.get)
            return self._row("DATE", format_value(shift(base, unit, step), gran), str(anchor_at))
        if rule == "relative_phrase":
            spec = lex.relative[re.sub(r"\s+", " ", m.group(0).lower())]
            if spec["value"]:
                return self._row(spec["type"], spec["value"])
            off, unit = int(spec["offset"]), spec["unit"]
            if unit in ("day", "week", "month", "year"):
                code = {"day": "D", "week": "W", "month": "M", "year": "Y"}[unit]
                return self._dct_row(spec["type"], lambda dct: format_value(shift(dct, code, off), unit))
            if unit == "weekend":
                return self._dct_row(spec["type"], lambda dct: week_value(shift(dct, "W", off)) + "-WE")
            return self._dct_row(spec["type"], lambda dct: f"{shift(dct, 'D', off).isoformat()}T{unit}")
        if rule == "weekday":
            wd = lex.weekdays[g["wd"].lower()]
            rel = (g.get("rel") or "").lower()
            if rel in ("next", "coming"):
                mode = "next"
            elif rel in ("last", "past"):
                mode = "last"
            else:
                mode = "future" if clause_is_future(sentence, c.start, c.end, lex) else "past"
            part = g.get("part")
            suffix = f"T{lex.parts_of_day[part.lower()]}" if part else ""
            return self._dct_row("TIME" if part else "DATE",
                                 lambda dct: resolve_weekday(dct, wd, mode).isoformat() + suffix)
        if rule == "set_every":
            if g.get("wd"):
                return self._row("SET", f"XXXX-WXX-{lex.weekdays[g['wd'].lower()] + 1}")
            return self._row("SET", f"P1{_unit(g['unit'], lex.units)}")
        if rule in ("duration_recent", "duration_vague"):
            return self._row("DURATION", f"PX{_unit(g['unit'], lex.units)}")
        if rule in ("duration", "duration_adjective"):
            n, unit = _number(g["num"], lex.numbers), _unit(g["unit"], lex.units)
            if n is None:
                return None
            if unit in TIME_UNITS:
                return self._row("DURATION", f"PT{n}{unit[0]}")
            return self._row("DURATION", f"P{n}{unit}")
        if rule == "duration_past_unit":
            return self._row("DURATION", f"P1{_unit(g['unit'], lex.units)}")
        if rule == "clock_time":
            if g.get("h24"):
                hour, minute = int(g["h24"]), int(g["m24"])
            else:
                if int(g["h"]) > 12:
                    return None
                hour = int(g["h"]) % 12 + (12 if g["ampm"].lower().startswith("p") else 0)
                minute = int(g["m"] or 0)
            return self._dct_row("TIME", lambda dct: f"{dct.isoformat()}T{hour:02d}:{minute:02d}")
        return None


def _canon_month(name: str, lex: Lexicon) -> str:
    bare = name.rstrip(".").strip()
    for key in lex.months:
        if key.lower() == bare.lower():
            return key
    raise KeyError(name)


def _published(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def tag_sentences(article_id: str, sentences: list[tuple[int, int, int, str]], dct: dt.date | None,
                  file: str = "") -> tuple[list[dict], list[tuple[str, str]]]:
    """Find and resolve the temporal expressions of one article's (para, sent, start, text) sentences."""
    paras, sents, starts, texts = (list(col) for col in zip(*sentences)) if sentences else ([], [], [], [])
    return _tag_article(article_id, paras, sents, starts, texts, dct, file)


def _tag_article(article_id: str, paras: list, sents: list, starts: list, texts: list, dct: dt.date | None,
                 file: str = "") -> tuple[list[dict], list[tuple[str, str]]]:
    lex = load_lexicon()
    resolver = _ArticleResolver(dct, lex, file)
    rows = []
    windows = _trigger_windows(texts, lex)
    for i in sorted(windows):
        para, sent, s_start, text = paras[i], sents[i], starts[i], texts[i]
        for c in _candidates(text, lex, windows[i]):
            row = resolver.resolve(c, text, s_start)
            if row is None:
                continue
            start = s_start + c.start
            row["article_id"], row["para"], row["sent"], row["start"], row["end"] = (
                article_id, para, sent, start, s_start + c.end)
            row["text"], row["rule"] = c.m.group(0), c.rule
            rows.append(row)
            if row["type"] == "DATE" and row["resolved"] and CALENDAR_RE.fullmatch(row["value"]):
                resolver.last_calendar = (start, row["value"])
    unresolved = sum(1 for r in rows if not r["resolved"])
    problems = list(resolver.problems)
    if dct is None and unresolved:
        problems.append(("warning", f"publication date unknown: {unresolved} relative temporal expression(s) "
                                    "left unresolved"))
    return rows, problems


def find_timexes(corpus: Corpus) -> pd.DataFrame:
    """Return every temporal expression of a corpus with its TIMEX3 type and value (columns COLUMNS)."""
    return _find(corpus)[0]


def _find(corpus: Corpus) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows, problems = [], []
    sents = corpus.sentences
    cols = [sents[c].tolist() for c in ("para", "sent", "start", "text")]
    # each article's rows, from its first to its last (runs of equal ids; cheaper than a pandas groupby)
    spans: dict[str, list[int]] = {}
    lo = 0
    for aid, run in groupby(sents["article_id"].tolist()):
        hi = lo + len(list(run))
        if not pd.isna(aid):  # as groupby: no missing ids
            spans.setdefault(aid, [lo, hi])[1] = hi
        lo = hi
    arts = corpus.articles
    for aid, file, published in zip(arts["article_id"].tolist(), arts["file"].tolist(), arts["published"].tolist()):
        if aid not in spans:
            continue
        lo, hi = spans[aid]
        try:
            found, probs = _tag_article(aid, *(c[lo:hi] for c in cols), _published(published), file)
        except Exception as exc:  # never let one article stop the pipeline
            found, probs = [], [("error", f"temporal expressions not extracted: {type(exc).__name__}: {exc}")]
        rows.extend(found)
        problems.extend({"file": file, "severity": sev, "message": msg} for sev, msg in probs)
    table = pd.DataFrame({col: [r[col] for r in rows] for col in COLUMNS}, columns=COLUMNS)
    for col in ("para", "sent", "start", "end"):
        table[col] = table[col].astype("int64")
    table["resolved"] = table["resolved"].astype(bool)
    return table, pd.DataFrame(problems, columns=PROBLEM_COLUMNS)


def timexes_extractor(corpus: Corpus, tables: dict) -> dict[str, pd.DataFrame]:
    """Pipeline step: the ``timexes`` table and any problems met while resolving."""
    table, problems = _find(corpus)
    return {"timexes": table, "problems": problems}
