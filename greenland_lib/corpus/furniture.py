"""Article furniture: the headline, byline, captions, boilerplate and dateline around a news text.

Rules (the line patterns are data: ``data/furniture.csv``, kind, pattern, notes; each pattern must
match a whole paragraph, ignoring case):
- ``boilerplate``: site debris such as "Advertisement", "Recommended stories", "1 Min Read",
  copyright and wire credit lines ("(Reporting by ...; Editing by ...)");
- ``caption``: a photo caption ("FILE PHOTO: ...", a line ending with a credit "REUTERS/Name",
  "(AP Photo/Name)", "AFP via Getty Images");
- ``byline``: "By Name", a "Posted/Updated/Last updated ..." timestamp (or its Spanish or Danish
  form, "Publicado el 4 de enero de 2026", "Opdateret 4. januar 2026 kl. 10.15"; with a date, a clock
  time or an age, "2 hours ago"), a line holding only a date and time (a weekday may lead it), and a dateline standing on its own line (a bare place in
  capitals, "WASHINGTON", only right above body text and when it is no page ``label`` such as "EXCLUSIVE");
- ``boilerplate`` too: a page label or section name before the body (a ``label`` row, "EXCLUSIVE",
  "World News", "ANALYSIS:"), so that the headline under it is read as the headline, and no dateline;
- ``headline``: a heading (a short line without sentence-final punctuation) before the first
  body paragraph, or, whatever its length or form, the first paragraph above the opening dateline
  paragraph that is no byline, caption or boilerplate ("Halvorsen: 'We will not sign a bad deal.'",
  a headline of 16 words; ``parsing.lead_before_dateline``), a second such paragraph there the standfirst;
- ``standfirst``: the summary paragraph right under the headline, when a byline or timestamp, or
  a paragraph opening with a dateline, follows it (``is_standfirst``); without one of those after it,
  the paragraph under a headline is the lead and is read.
Paragraphs of these kinds keep their row in ``paragraphs`` but give no sentences, so no extractor
reads them as reported events. A standfirst is not read either: it restates the body (reading it
would count its events, quotes and dates twice), as the headline does. A byline's date gives the publication date when the provenance
has none (``published_basis = byline``); a date in numbers only counts where its form is unambiguous
(``24/01/2026``, ``04.01.2026``; not ``04/01/2026``).

Datelines (``match_dateline``): a place in capitals (``OTTAWA``, ``BEIJING/WASHINGTON``), or in title
case before an agency (``Berlin (dpa)``), then optionally a region or a day (``, Iceland``,
``, Jan 4``, ``, March 3.``, ``, Jan 4, 2026``, the day first: ``, 5 January``, ``, 12 Feb``), then optionally an agency (``(AP)``, ``(KUNA)``, ``/TASS/``), then a
separator (``:``, ``-``, ``--``, an en or em dash, the ``.`` after ``/TASS/`` or after the day
of ``SINGAPORE Oct. 28.``, or none after an agency in brackets: ``Beijing, Oct 28 (IANS) The``). A dateline's
day (``dateline_date``) gives the publication date when neither the provenance nor a byline does
(``published_basis = dateline``): its year is the one it writes, else the latest year the text
names (a wire story names the current year when it names any), moved on by one when the text names
a later month of that year ("December 2025" in a story datelined "Jan 4"); without either, no date.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ..paths import data_file

FURNITURE_KINDS = ("headline", "standfirst", "byline", "caption", "boilerplate")
MAX_FURNITURE_CHARS = 300   # furniture is short: a longer paragraph is text
MAX_STANDFIRST_CHARS = 400  # a summary of one or two sentences
_CAPS_PLACE = r"[A-Z][A-Z'.\-]+(?:[ /][A-Z][A-Z'.\-]+)*"
# a place in title case only when an agency follows (after any region): "Berlin (dpa)", "Kyiv, Ukraine (AP)"
_TITLE_PLACE = r"[A-Z][a-z'.\-]+(?: [A-Z][a-z'.\-]+)?(?=(?:, [A-Z0-9][A-Za-z0-9'.\- ]+)* (?:\(|/))"
# a region or a day, the month before the day ("Jan 4") or after it ("5 January", "12 Feb.")
_REGION = (r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2}\.?(?:,? \d{4})?|,? \d{1,2} [A-Z][a-z]{2,8}\.?(?:,? \d{4})?"
           r"|, [A-Z][A-Za-z'.\-]+(?: [A-Z][A-Za-z'.\-]+)*)*")
_AGENCY = r"(?: \((?P<agency>[A-Za-z][A-Za-z .&/-]*)\)| /(?P<agency2>[A-Za-z][A-Za-z .-]*)/)?"
_DATELINE = rf"(?P<dateline>(?:{_CAPS_PLACE}|{_TITLE_PLACE}){_REGION}{_AGENCY})"
# empty agency brackets after the dateline ("WASHINGTON () -"): the agency is missing; not part of the dateline
_NO_AGENCY = r"(?P<empty> \(\s*\))?"
DATELINE_RE = re.compile(rf"\A{_DATELINE}{_NO_AGENCY}[ \t]*(?::|--|—|–|-|(?<=/)\.|(?<=\d)\.|(?<=\)))[ \t]+")
# a dateline alone on its line: the same forms, the separator optional
DATELINE_LINE_RE = re.compile(rf"\A{_DATELINE}{_NO_AGENCY}[ \t]*(?P<sep>:|--|—|–|-|\.)?[ \t]*\Z")
DATE_TOKEN_RE = re.compile(r"(?P<iso>(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2}))"
                           r"|(?P<w1>[^\W\d_]+)\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{4})"
                           r"|(?P<d2>\d{1,2})\.?\s+(?:de\s+)?(?P<w2>[^\W\d_]+)\.?,?\s+(?:de\s+)?(?P<y2>\d{4})"
                           r"|(?<!\d)(?P<n1>\d{1,2})(?P<sep>[./])(?P<n2>\d{1,2})(?P=sep)(?P<n3>\d{4})(?!\d)")
DATELINE_DAY_RE = re.compile(r",? (?:(?P<mon>[A-Z][a-z]{2,8})\.? (?P<day>\d{1,2})|(?P<day2>\d{1,2}) (?P<mon2>[A-Z][a-z]{2,8}))"
                             r"\.?(?:,? (?P<year>\d{4}))?")
# a year the text names, with the month written just before it ("December 2025", "March 3, 2025")
YEAR_MENTION_RE = re.compile(r"(?:\b(?P<mon>[A-Z][a-z]{2,8})\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?)?"
                             r"\b(?P<year>(?:19|20)\d\d)\b(?![,.]?\d|%)")
# a place alone on its line in capitals, over the body ("WASHINGTON", "NEW YORK", "BEIJING/WASHINGTON")
LONE_PLACE_RE = re.compile(_CAPS_PLACE)
MAX_LONE_PLACE_WORDS = 3
LABEL_END_RE = re.compile(r"\s*[:|\-–—]+\Z")   # "ANALYSIS:", "BREAKING NEWS -": the label without its mark
MAX_LABEL_CHARS = 40
CLOCK_RE = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\b", re.I)
# how old a story is, in a Posted/Updated line: "2 hours ago", Danish "for 2 timer siden", Spanish "hace 2 horas"
AGE_RE = re.compile(r"\b\d{1,3}\s+(?:hours?|hrs?|minutes?|mins?|days?)\s+ago\b"
                    r"|\bfor\s+\d{1,3}\s+(?:timer?|minutter?|dage?)\s+siden\b"
                    r"|\bhace\s+\d{1,3}\s+(?:horas?|minutos?|d[ií]as?)\b", re.I)


@dataclass(frozen=True)
class Furniture:
    """What a furniture paragraph is, and the dateline, agency and date it gives (empty when none)."""

    kind: str
    dateline: str = ""
    agency: str = ""
    date: dt.date | None = None


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[str, re.Pattern], ...]:
    table = pd.read_csv(data_file("furniture.csv"), dtype=str, keep_default_na=False)
    return tuple((row.kind, re.compile(row.pattern, re.I)) for row in table.itertuples())


def _patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """The line patterns of the furniture kinds (``furniture.csv`` without its ``label`` rows)."""
    return tuple(row for row in _table() if row[0] != "label")


@lru_cache(maxsize=1)
def _labels() -> tuple[re.Pattern, ...]:
    """Page labels in capitals that are no place ("EXCLUSIVE"): the ``label`` rows of ``furniture.csv``."""
    return tuple(pattern for kind, pattern in _table() if kind == "label")


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    """Month names and abbreviations, English and the unambiguous foreign ones, from ``timex_words.csv``."""
    words = pd.read_csv(data_file("timex_words.csv"), dtype=str, keep_default_na=False)
    rows = words[words["kind"].isin(["month", "month_foreign", "month_foreign_full"])]
    return {w.lower(): int(v) for w, v in zip(rows["word"], rows["value"])}


@lru_cache(maxsize=1)
def weekday_names() -> frozenset[str]:
    """Weekday names and their three-letter abbreviations, lower case, from ``timex_words.csv``."""
    words = pd.read_csv(data_file("timex_words.csv"), dtype=str, keep_default_na=False)
    days = [w.lower() for w in words.loc[words["kind"] == "weekday", "word"]]
    return frozenset(days + [d[:3] for d in days])


def match_dateline(line: str) -> tuple[str, str, int] | None:
    """(dateline, agency, where the text after it starts) of a dateline opening a paragraph, or None."""
    d = DATELINE_RE.match(line)
    if not d or d.end() >= len(line):
        return None
    return d.group("dateline"), d.group("agency") or d.group("agency2") or "", d.end()


def dateline_date(dateline: str, text: str) -> dt.date | None:
    """The date of a dateline's day ("OSLO, Jan 4 (KUNA)"), its year written or taken from the text; else None."""
    m = DATELINE_DAY_RE.search(dateline)
    names = month_names()
    mon = (m.group("mon") or m.group("mon2")).lower() if m else ""
    if mon not in names:
        return None
    month, day = names[mon], int(m.group("day") or m.group("day2"))
    year = int(m.group("year")) if m.group("year") else None
    if year is None:
        named = [(int(y.group("year")), names.get((y.group("mon") or "").lower(), 0))
                 for y in YEAR_MENTION_RE.finditer(text)]
        if not named:
            return None
        latest = max(named)
        year = latest[0] + (1 if latest[1] > month else 0)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def line_date(line: str) -> dt.date | None:
    """The first full date written in a line (``2026-03-02``, ``March 2, 2026``, ``2 March 2026``, ``24/01/2026``)."""
    for m in DATE_TOKEN_RE.finditer(line):
        ymd = _token_ymd(m)
        if ymd is None:
            continue
        try:
            return dt.date(*ymd)
        except ValueError:
            continue
    return None


def _token_ymd(m: re.Match) -> tuple[int, int, int] | None:
    """(year, month, day) of a DATE_TOKEN_RE match; None for an unknown month name or an ambiguous number date."""
    if m.group("iso"):
        return int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if m.group("n1"):
        return _numeric_ymd(int(m.group("n1")), int(m.group("n2")), int(m.group("n3")), m.group("sep"))
    names = month_names()
    word, day, year = (m.group("w1"), m.group("d1"), m.group("y1")) if m.group("w1") else (
        m.group("w2"), m.group("d2"), m.group("y2"))
    if word.lower() not in names:
        return None
    return int(year), names[word.lower()], int(day)


def _numeric_ymd(first: int, second: int, year: int, sep: str) -> tuple[int, int, int] | None:
    """A date in numbers only where its form is unambiguous: with dots day first ("04.01.2026", as Danish
    and German write it); with slashes only when one number is above 12 or both are the same ("24/01/2026",
    "01/24/2026", "04/04/2026"); "04/01/2026" (4 January or April 1) gives None."""
    if sep == "." or first > 12 or first == second:
        return year, second, first
    if second > 12:
        return year, first, second
    return None


TIMESTAMP_SEPARATORS_RE = re.compile(r"[\s,/|·•\-–—:()]+")
TIMESTAMP_WORD_RE = re.compile(r"(?-i:[A-Z]{2,4})|(?:GMT|UTC)[+-]\d{1,2}|\d{1,3}|in|ago|updated|posted|published|"
                               r"last|hours?|mins?|minutes?|days?|kl\.?", re.I)   # Danish "kl. 10.15": at 10.15
# every form of DATE_TOKEN_RE has a four-digit year: a line without one has no date (a speed gate: the
# date pattern tried at every letter of every paragraph was 0.7 of 6.9 s CPU on 1,000 generated articles)
_YEAR_RE = re.compile(r"\d{4}")


def _is_timestamp(line: str) -> bool:
    """A line holding only a date and possibly a time, a zone and separators ("November 15, 2018 / 7:46 AM")."""
    if _YEAR_RE.search(line) is None:
        return False
    rest = DATE_TOKEN_RE.sub(" ", line, count=1)
    if rest == line:
        return False
    words = TIMESTAMP_SEPARATORS_RE.split(CLOCK_RE.sub(" ", rest))
    days = weekday_names()
    return all(TIMESTAMP_WORD_RE.fullmatch(w) or w.lower().rstrip(".") in days for w in words if w)


def classify(line: str, kind: str, before_body: bool) -> Furniture | None:
    """The furniture a paragraph is (``kind`` is ``heading`` or ``body`` as the parser found it), or None for text."""
    if len(line) > MAX_FURNITURE_CHARS:
        return None
    for name, pattern in _patterns():
        if pattern.fullmatch(line):
            if name != "byline":
                return Furniture(name)
            date = line_date(line)
            # "By Name" always; a "Posted/Updated" line only with a date, a clock time or an age ("2 hours ago")
            if line[:3].lower() == "by " or date or CLOCK_RE.search(line) or AGE_RE.search(line):
                return Furniture(name, date=date)
    if _is_timestamp(line):
        return Furniture("byline", date=line_date(line))
    if before_body:
        if is_label(line):
            return Furniture("boilerplate")
        dateline = _dateline_line(line)
        if dateline:
            return dateline
        if kind == "heading":
            return Furniture("headline")
    return None


def is_label(line: str) -> bool:
    """Whether a line is a page label or section name ("EXCLUSIVE", "World News", "ANALYSIS:"), a ``label`` row."""
    bare = LABEL_END_RE.sub("", line.strip())
    return len(bare) <= MAX_LABEL_CHARS and any(p.fullmatch(bare) for p in _labels())


def _dateline_line(line: str) -> Furniture | None:
    """A dateline alone on its line with an agency, a region or day, a separator or empty brackets, as a byline."""
    d = DATELINE_LINE_RE.match(line)
    if d and (d.group("agency") or d.group("agency2") or "," in d.group("dateline") or d.group("sep")
              or d.group("empty")):
        return Furniture("byline", d.group("dateline"), d.group("agency") or d.group("agency2") or "")
    return None


def lone_place_dateline(line: str, following: str, following_is_body: bool) -> Furniture | None:
    """A place alone in capitals ("WASHINGTON", "NEW YORK") right above body text, as a dateline byline; else None.

    The place has at most ``MAX_LONE_PLACE_WORDS`` words and is no page label (``label`` rows of
    ``furniture.csv``: "EXCLUSIVE", "BREAKING NEWS"); the paragraph under it is body text, no furniture.
    """
    bare = line.strip()
    if not following_is_body or not LONE_PLACE_RE.fullmatch(bare) or len(bare.split()) > MAX_LONE_PLACE_WORDS:
        return None
    if is_label(bare) or classify(following, "body", before_body=True) is not None:
        return None
    return Furniture("byline", bare)


def is_standfirst(line: str, following: str | None) -> bool:
    """Whether a paragraph right under the headline is its standfirst: a byline or a dateline follows it."""
    if following is None or len(line) > MAX_STANDFIRST_CHARS or match_dateline(line):
        return False
    after = classify(following, "body", before_body=True)
    return (after is not None and after.kind == "byline") or match_dateline(following) is not None
