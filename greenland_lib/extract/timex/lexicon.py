"""The extractor's lexicon: word lists, tense cues and year guards read from ``data/timex_*.csv``, and the
compiled patterns with the trigger words that decide where each pattern runs.

Rules kept here:
- every pattern has a name (the ``rule`` column of the ``timexes`` table) and one or more trigger
  kinds (``PATTERN_TRIGGERS``); a pattern runs only in a window around a trigger word of its kinds
  (``PATTERN_WINDOWS``: characters before and after the trigger it may reach);
- a pattern also runs only in articles holding one of its required tokens (``PATTERN_REQUIRES``);
- patterns are listed most specific first: among equally long matches the earlier pattern wins.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ...paths import data_file
from ...textmatch import alternation, trie_alternation

_alt = alternation   # a group of literal words, longest first (a space matches any white space)

# Patterns run only in windows around trigger words of these kinds (weekday, month, unit, relative
# head word such as "today" or "now", a four-digit number, or an hour followed by am/pm or :MM),
# which keeps the extractor fast on long articles.
PATTERN_TRIGGERS = {
    "weekday_with_date": {"weekday"}, "iso_date": {"year"}, "month_day": {"month"}, "day_month": {"month"},
    "month_year": {"month"}, "month_name": {"month"}, "decade": {"year"}, "number_unit": {"unit"},
    "relative_phrase": {"unit", "relative"}, "weekday": {"weekday"},
    "set_every": {"unit", "weekday", "relative"}, "duration_recent": {"unit"}, "duration_vague": {"unit"},
    "duration_past_unit": {"unit"}, "foreign_date": {"month"},
    "clock_time": {"clock"}, "year": {"year"}, "month_relative_year": {"month"}, "century": {"unit"},
}
CLOCK_WORDS = frozenset({"am", "pm", "m"})  # "m" of "p.m."
# A pattern runs in an article only if one of these tokens occurs in it (per rule, or per rule and
# trigger kind); "<month>", "<year>" and "<decade>" stand for any month name, four-digit number and
# decade ("1950s"). Rules not listed always run.
PATTERN_REQUIRES = {
    ("weekday_with_date", "weekday"): {"<month>"}, "set_every": {"every", "each"},
    "duration_recent": {"recent", "past", "last"}, "foreign_date": {"<foreign_month>"},
    "duration_past_unit": {"past", "previous"}, "month_year": {"<year>"}, "decade": {"<decade>"},
    "month_relative_year": {"last", "this", "next"},
    ("relative_phrase", "unit"): {"this", "last", "next", "that", "following", "previous", "same", "earlier",
                                  "later", "before", "after"},
}
# The trigger kinds, and how far (characters before the trigger word, after it) each pattern may
# reach from its trigger; the reach after includes what the pattern's look-ahead checks ("-old").
WINDOWS = ("weekday", "month", "unit", "relative", "year", "clock")
PATTERN_WINDOWS = {
    "weekday_with_date": (0, 36), "weekday": (8, 12), "set_every": (7, 1),
    "month_day": (14, 30), "day_month": (10, 10), "month_year": (8, 8), "month_name": (8, 4),
    "iso_date": (0, 8), "decade": (12, 3), "year": (8, 14), "number_unit": (34, 10),
    "relative_phrase": (26, 1), "duration_recent": (20, 1), "duration_vague": (24, 4),
    "duration_past_unit": (18, 1), "foreign_date": (6, 10), "clock_time": (0, 18),
    "month_relative_year": (8, 16), "century": (24, 1),
}
# Accented Latin letters -> their letter without the accent, one character for one (so offsets hold):
# trigger words are ASCII, and "février" is found as "fevrier".
FOLD_TABLE = {cp: unicodedata.normalize("NFD", chr(cp))[0] for cp in range(0xC0, 0x250)
              if unicodedata.normalize("NFD", chr(cp))[0].isascii() and unicodedata.normalize("NFD", chr(cp))[0].isalpha()}


_FOLD_CHARS = {chr(cp): base for cp, base in FOLD_TABLE.items()}
# a regular expression of the accented letters: few in an English text, so replacing each match is far
# cheaper than str.translate over the whole text
_ACCENTED_RE = re.compile("[" + "".join(sorted(_FOLD_CHARS)) + "]")


def fold_ascii(text: str) -> str:
    """Return text with accented Latin letters replaced by their base letter, one for one ("März" -> "Marz")."""
    return text if text.isascii() else _ACCENTED_RE.sub(lambda m: _FOLD_CHARS[m.group()], text)


# Words before a month name without a day that make it a date ("in March", "since May").
MONTH_LEAD_WORDS = ("in", "since", "until", "till", "by", "from", "during", "before", "after", "through",
                    "throughout", "of", "between", "and")


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The word lists and compiled patterns of the extractor, built from the data files."""

    weekdays: dict
    months: dict
    numbers: dict
    units: dict
    parts_of_day: dict
    parts_before: dict      # "midday", "late", "early" before a weekday -> part of day
    foreign_months: dict    # non-English month names (as written, lower case) -> month number
    foreign_triggers: frozenset  # the same names as trigger words (accents folded: "fevrier", "marz")
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
    requires: dict         # PATTERN_REQUIRES, with the words of the relative phrases that end in a unit
    scan_words: frozenset  # trigger words, words of ``requires``, and the am/pm of clock times
    future_by_last: dict   # word -> the future cues (as word lists) ending with it
    future_by_first: dict  # word -> the future cues (as word lists) starting with it
    finite_cues: frozenset  # future cues that are not cues after "to"
    future_nouns: frozenset  # future cues that an overdue verb before them turns past ("missed the deadline")
    overdue: frozenset       # those verbs


# The columns of each data file; every one ends with ``notes`` (what the row is for; not read by the rules).
TABLE_COLUMNS = {
    "timex_words.csv": ["kind", "word", "value", "notes"],
    "timex_relative.csv": ["phrase", "type", "unit", "offset", "value", "rule", "anchor", "notes"],
    "timex_cues.csv": ["kind", "phrase", "notes"],
    "timex_year_guards.csv": ["position", "word", "notes"],
}


def read_table(name: str) -> pd.DataFrame:
    """Read one ``timex_*.csv`` data file, checking that it has its columns (``TABLE_COLUMNS``)."""
    table = pd.read_csv(data_file(name), dtype=str, keep_default_na=False)
    if list(table.columns) != TABLE_COLUMNS[name]:
        raise ValueError(f"{name}: columns {list(table.columns)}, expected {TABLE_COLUMNS[name]}")
    return table


def _word_tables() -> dict[str, dict]:
    """Return ``timex_words.csv`` as {kind: {word: value}}."""
    words = read_table("timex_words.csv")
    return {k: dict(zip(g["word"], g["value"])) for k, g in words.groupby("kind")}


def _relative_table() -> tuple[dict, str]:
    """Return the relative phrases by lower-cased phrase and their alternatives, longest first.

    A phrase may open with ``[word]``: a word that must stand before it but is not part of it. The
    ``anchor`` column says what a phrase is relative to: ``dct`` (the publication date), ``focus``
    (the calendar date mentioned last before it, else the publication date) or ``tense`` (the
    publication date, forward or back as the clause's tense says).
    """
    relative, led, plain = {}, [], []
    for row in read_table("timex_relative.csv").to_dict("records"):
        m = re.fullmatch(r"(?:\[(?P<lead>[^\]]+)\]\s*)?(?P<phrase>.+)", row["phrase"])
        phrase = m.group("phrase").lower()
        relative[phrase] = row
        if m.group("lead"):
            led.append(rf"(?<=\b{re.escape(m.group('lead'))}\s){_alt([phrase])}")
        else:
            plain.append(phrase)
            if row["type"] == "TIME" and row["unit"]:  # a part of the day may be early or late ("early that evening")
                plain += [f"early {phrase}", f"late {phrase}"]
    # no phrase with a leading word is a prefix of another phrase, so trying them first changes no match
    return relative, "|".join(led + [trie_alternation(plain)])


def _number_alternation(numbers: dict) -> str:
    """``\\d{1,3}``, or a number word, hyphenated tens and ones ("twenty-one"), a count of hundreds.

    The words are one alternation factored by common prefixes (``textmatch.trie_alternation``): a
    longer word is tried before its prefix, as in a longest-first alternation.
    """
    tens = [w for w, v in numbers.items() if v.isdigit() and int(v) % 10 == 0 and 20 <= int(v) <= 90]
    ones = [w for w, v in numbers.items() if v.isdigit() and 1 <= int(v) <= 9 and w not in ("a", "an")]
    # the tens spelt out one by one (the same order of trial)
    words = (list(numbers) + [f"{t}-{o}" for t in tens for o in ones]
             + [f"{o} hundred" for o in ones + ["a"]])
    return r"\d{1,3}|" + trie_alternation(words)


def _date_parts(months: dict) -> dict[str, str]:
    """The pieces shared by the calendar patterns: month name, day, year, month-day and day-month."""
    mon = alternation(months, flags="-i") + r"(?:\.(?!\w))?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>1[0-9]\d\d|20\d\d|21\d\d)"
    not_num = r"(?![\d,.]\d|%|\s*(?:percent|per\s+cent)\b)"
    md = rf"(?P<mon>{mon})\s+{day}\b{not_num}(?:,?\s+{year}\b)?"
    dm = (rf"{day.replace('?P<day>', '?P<dday>')}\s+(?:of\s+)?(?P<mon2>{mon})(?!\w)"
          rf"(?:,?\s+(?P<year2>1[0-9]\d\d|20\d\d|21\d\d)\b)?")
    return {"MON": mon, "YEAR": year, "md": md, "dm": dm}


def _calendar_patterns(p: dict, wd: str, mod: str) -> list[tuple[str, str]]:
    """Patterns naming a calendar date, month, year or decade, most specific first."""
    md, dm, mon, year = p["md"], p["dm"], p["MON"], p["YEAR"]
    month_lead = "(?:" + "|".join(rf"(?<=\b{w}\s)" for w in MONTH_LEAD_WORDS) + ")"
    return [
        ("weekday_with_date",
         rf"\b{_starts(p['weekday_words'])}(?P<wd>{wd}),?\s*(?:\((?:{md.replace('?P<', '?P<p_')}|{dm.replace('?P<', '?P<p_')})\)"
         rf"|(?:{md}|{dm}))"),
        ("iso_date", r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b"),
        ("month_day", rf"\b(?:(?P<mod>{mod})[\s-]+)?{md}"),
        ("day_month", rf"\b{dm}"),
        ("month_year", rf"\b(?:(?P<mod>{mod})[\s-]+)?(?P<mon>{mon}),?\s+{year}\b"),
        # "September last year", "March next year"
        ("month_relative_year", rf"\b(?:(?P<mod>{mod})[\s-]+)?(?P<mon>{mon})\s+(?P<ry>last|this|next)\s+year\b"),
        ("month_name",
         rf"{_starts(['last', 'this', 'next'] + p['mod_words'] + p['month_words'])}"
         rf"(?:\b(?P<rel>last|this|next)\s+|\b(?P<mod>{mod})[\s-]+|{month_lead})(?P<mon>{mon})\b(?!\s*\d)"),
        ("decade", rf"\b(?:the\s+)?(?:(?P<mod>{mod})[\s-]+)?(?P<dec>1[0-9]\d0|20\d0)s\b"),
        # "the 19th century", "the early 20th century", "21st-century" (TIMEX3: the century's first two digits)
        ("century", rf"\b(?:the\s+)?(?:(?P<mod>{mod})[\s-]+)?(?P<ord>[1-9]|1\d|2[01])(?:st|nd|rd|th)[\s-]+century\b"),
    ]


def _starts(words) -> str:
    """A look-ahead for the first letters of words: it lets the matcher skip other positions at once.

    It changes no match (every match starts with one of those letters); a pattern opening with
    look-behinds or optional groups otherwise tries them all at every position of its window.
    """
    return "(?=[" + re.escape("".join(sorted({w[0].lower() for w in words}))) + "])"


# Words before a number of units that make it approximate ("some two hundred years"); part of the span.
APPROXIMATORS = ("some", "about", "around", "nearly", "almost", "roughly", "approximately")
# Words before "days of" that make it a part of a period, not a duration ("the early days of the war").
NOT_BEFORE_UNITS_OF = ("the", "early", "first", "final", "last", "dying", "closing", "opening")


def _relative_patterns(num: str, units: dict, relative_alts: str, wd: str, part: str,
                       part_before: str, firsts: dict) -> list[tuple[str, str]]:
    """Patterns of numbers with units, relative phrases, weekdays, sets and vague durations.

    ``firsts`` gives the words the relative phrases and the weekday expressions may start with.
    """
    relative_firsts, part_before_words, weekdays = firsts["relative"], firsts["part_before"], firsts["weekday"]
    unit = _alt(units)
    plurals = [u for u in units if u.endswith("s")]
    unit_pl = _alt(plurals)
    unit_sg = _alt([u for u in units if not u.endswith("s")])
    approx = "|".join(APPROXIMATORS)
    not_before = "".join(rf"(?<!\b{w}\s)" for w in NOT_BEFORE_UNITS_OF)
    return [
        ("number_unit",
         rf"\b{_starts(['the', *APPROXIMATORS, *firsts['number'], *'0123456789'])}"
         rf"(?:the\s+(?P<rel>past|last|next|coming|previous|following)\s+)?(?:(?P<approx>{approx})\s+)?"
         rf"(?P<num>{num})(?:(?P<hy>-)|\s+)"
         rf"(?P<unit>{unit})\b(?:(?P<age>-old\b|\s+old\b)|(?:\s+(?P<dir>later|earlier|ago)\b)?)"),
        ("relative_phrase", r"\b" + _starts(relative_firsts) + r"(?:" + relative_alts + r")\b"),
        ("weekday", rf"\b{_starts(part_before_words + ['last', 'next', 'this', 'coming', 'past'] + list(weekdays))}"
                    rf"(?:(?<!\bas\s)(?P<pre>{part_before})\s+)?(?:(?P<rel>last|next|this|coming|past)\s+)?"
                    rf"(?P<wd>{wd})\b(?:\s+(?P<part>{part})\b)?"),
        ("set_every", rf"\b(?:every|each)\s+(?:(?P<unit>{unit_sg})|(?P<wd>{wd})|(?P<part>{part}))\b"),
        ("duration_recent", rf"\b(?:the\s+)?(?:recent|past|last)\s+(?P<few>few\s+)?(?P<unit>{unit_pl})\b"),
        # "for hours", "within weeks", "in decades"; "a matter of days"; "the coming days"; "days of talks"
        ("duration_vague", rf"{_starts(plurals + ['many', 'several'])}(?:(?<=\bfor\s)|(?<=\bover\s)|(?<=\bwithin\s)|(?<=\bin\s))"
                           rf"(?:(?:many|several)\s+)?(?P<unit>{unit_pl})\b"
                           rf"|\ba\s+matter\s+of\s+(?P<unit2>{unit_pl})\b"
                           rf"|\bthe\s+(?:coming|next|following)\s+(?:few\s+)?(?P<unit3>{unit_pl})\b"
                           rf"|{_starts(plurals)}{not_before}\b(?P<unit4>{unit_pl})(?=\s+of\b)"),
        ("duration_past_unit", rf"\bthe\s+(?:past|previous)\s+(?P<unit>{unit_sg})\b"),
    ]


YEAR_DIGITS = r"1[0-9]\d\d|20\d\d|21\d\d"


def _time_and_year_patterns(p: dict, mod: str, zones: list[str], foreign: dict,
                            full_only: dict) -> list[tuple[str, str]]:
    """Dates with a non-English month name, clock times, and bare years (not amounts, not ages)."""
    plain = {w: v for w, v in foreign.items() if w not in full_only}
    zone = r"(?:\s+" + alternation(zones, flags="-i") + r"\b)?"
    return [
        # "14 enero 2026", "3. März 2026", "12 de marzo de 2026"; without a year ("18 décembre") or without
        # a day ("marzo 2026") only for names that are no English word or name (not "Mars", "Mayo")
        ("foreign_date", rf"\b(?P<dday>[0-3]?\d)\.?\s+(?:de\s+)?(?P<fmon>{_alt(foreign)})\.?\s+(?:de\s+)?"
                         rf"(?P<year>{YEAR_DIGITS})\b"
                         rf"|\b(?P<dday2>[0-3]?\d)\.?\s+(?:de\s+)?(?P<fmon2>{_alt(plain)})\b(?!\.?\s*\d)"
                         rf"|\b(?P<fmon3>{_alt(plain)})\s+(?:de\s+)?(?P<year3>{YEAR_DIGITS})\b"),
        ("clock_time",
         r"\b(?P<h>[01]?\d)(?::(?P<m>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)" + zone
         + r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\b(?!:)" + zone),
        ("year", rf"{_starts(p['mod_words'] + ['1', '2'])}(?:\b(?P<mod>{mod})[\s-]+|(?<![\d$€£.,/-]))\b" + p["YEAR"]
         + r"\b(?![,.]\d|%|-[A-Za-z]|\s*(?:-|–)?\s*year-old)"),
    ]


# patterns compiled without re.I (all others ignore case)
CASE_SENSITIVE = frozenset({"iso_date"})


def _compile_patterns(by_kind: dict, weekdays: dict, months: dict, relative_alts: str, relative: dict) -> tuple:
    """Compile every pattern, in order of trial (the order decides ties between equally long matches)."""
    wd = _alt(weekdays)
    mod = _alt(list(by_kind["date_modifier"]))
    part = _alt(by_kind["part_of_day"])
    p = {**_date_parts(months), "weekday_words": list(weekdays), "month_words": list(months),
         "mod_words": list(by_kind["date_modifier"])}
    sources = (_calendar_patterns(p, wd, mod)
               + _relative_patterns(_number_alternation(by_kind["number"]), by_kind["unit"], relative_alts, wd, part,
                                    _alt(by_kind["part_of_day_before"]),
                                    {"relative": list(relative) + ["early", "late"], "weekday": list(weekdays),
                                     "number": list(by_kind["number"]),
                                     "part_before": list(by_kind["part_of_day_before"])})
               + _time_and_year_patterns(p, mod, list(by_kind["time_zone"]),
                                         {**by_kind["month_foreign"], **by_kind["month_foreign_full"]},
                                         by_kind["month_foreign_full"]))
    return tuple((rule, re.compile(src, 0 if rule in CASE_SENSITIVE else re.I)) for rule, src in sources)


def _trigger_table(relative: dict, months: dict, units: dict, weekdays: dict, foreign: dict) -> dict[str, str]:
    """Return {trigger word: kind}: the head word of each relative phrase, months, units and weekdays."""
    triggers = {p.split()[-1]: "relative" for p in relative}
    triggers.update({fold_ascii(m.lower()): "month" for m in foreign})
    triggers.update({m.lower(): "month" for m in months})
    triggers.update({u.lower(): "unit" for u in units})
    triggers.update({w: "weekday" for w in weekdays})
    return triggers


def _patterns_by_kind(patterns: tuple) -> dict[str, list]:
    """Return, per trigger kind, (priority, rule, pattern, reach before, reach after) of its patterns."""
    missing = {rule for rule, _ in patterns} ^ set(PATTERN_TRIGGERS)
    if missing:
        raise ValueError(f"patterns without trigger kinds (or triggers without patterns): {sorted(missing)}")
    return {kind: [(i, rule, pat) + PATTERN_WINDOWS[rule] for i, (rule, pat) in enumerate(patterns)
                   if kind in PATTERN_TRIGGERS[rule]]
            for kind in WINDOWS}


def _cues_by_end_word(cues) -> tuple[dict, dict]:
    """Return the cues (as lists of words) by last word and by first word."""
    by_last, by_first = {}, {}
    for cue in dict.fromkeys(cues):
        words = cue.split(" ")
        by_last.setdefault(words[-1], []).append(words)
        by_first.setdefault(words[0], []).append(words)
    return by_last, by_first


def _cue_fields(cue: dict) -> dict:
    """The tense-cue fields of the lexicon, from ``timex_cues.csv`` grouped by kind.

    ``future_finite`` cues are present-tense verbs that point forward as the clause's verb ("talks
    resume in April") but not as an infinitive ("agreed on Tuesday to resume talks"); ``future_noun``
    cues ("deadline") point forward unless an ``overdue`` verb stands at most ``OVERDUE_REACH`` words
    before them ("missed the deadline of March 1" is past).
    """
    finite = [c.lower() for c in cue.get("future_finite", [])]
    nouns = [c.lower() for c in cue.get("future_noun", [])]
    cue = {**cue, "future": cue["future"] + finite + nouns}
    future = [c.lower().replace("’", "'") for c in cue["future"]]
    by_last, by_first = _cues_by_end_word(future)
    return {
        "reporting_re": re.compile(r"(?<![\w'’])(?:" + _alt(cue["reporting"]) + r")(?![\w'’])", re.I),
        "future_cues": frozenset(future),
        "past_cues": frozenset(c.lower() for c in cue["past"]),
        "cue_length": max(len(c.split()) for c in cue["future"]),
        "future_words": frozenset(w for c in cue["future"] for w in c.lower().split()),
        "cue_words": frozenset(w for c in cue["future"] + cue["past"] for w in c.lower().split()),
        "future_by_last": by_last, "future_by_first": by_first,
        "finite_cues": frozenset(finite),
        "future_nouns": frozenset(nouns), "overdue": frozenset(c.lower() for c in cue.get("overdue", [])),
    }


# Words of a relative phrase too common to tell whether an article may hold the phrase.
NOT_REQUIRED_WORDS = frozenset({"the", "a", "an", "in", "of", "at", "for", "on"})


def _requirements(relative: dict, units: dict) -> dict:
    """PATTERN_REQUIRES, the relative phrases ending in a unit also asking for any of their other words.

    A phrase such as "a hectic week" runs only in an article holding "hectic" (or another such word).
    """
    words = {w for phrase in relative for w in phrase.split()[:-1]
             if phrase.split()[-1] in units and w not in NOT_REQUIRED_WORDS}
    key = ("relative_phrase", "unit")
    return {**PATTERN_REQUIRES, key: PATTERN_REQUIRES[key] | words}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read the ``timex_*.csv`` data files and compile the extractor's patterns (cached)."""
    by_kind = _word_tables()
    weekdays = {w.lower(): int(v) for w, v in by_kind["weekday"].items()}
    months = {w: int(v) for w, v in by_kind["month"].items()}
    relative, relative_alts = _relative_table()
    cue = {k: list(g["phrase"]) for k, g in read_table("timex_cues.csv").groupby("kind")}
    guard = {k: frozenset(w.lower() for w in g["word"])
             for k, g in read_table("timex_year_guards.csv").groupby("position")}
    patterns = _compile_patterns(by_kind, weekdays, months, relative_alts, relative)
    foreign = {w.lower(): int(v) for kind in ("month_foreign", "month_foreign_full") for w, v in by_kind[kind].items()}
    triggers = _trigger_table(relative, months, by_kind["unit"], weekdays, foreign)
    requires = _requirements(relative, by_kind["unit"])
    return Lexicon(
        weekdays=weekdays, months=months, numbers=dict(by_kind["number"]), units=dict(by_kind["unit"]),
        parts_of_day=dict(by_kind["part_of_day"]), parts_before=dict(by_kind["part_of_day_before"]),
        foreign_months=foreign, foreign_triggers=frozenset(map(fold_ascii, foreign)), relative=relative,
        year_before=guard["before"], quantity_before=guard["quantity_before"],
        quantity_after=guard["quantity_after"], patterns=patterns, triggers=triggers,
        trigger_words=frozenset(triggers), patterns_by_kind=_patterns_by_kind(patterns),
        requires=requires, scan_words=frozenset(triggers).union(*requires.values(), CLOCK_WORDS),
        **_cue_fields(cue))
