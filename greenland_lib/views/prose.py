"""Sentence pieces for findings written from the tables: numbers in words, plurals, lists, dates, citations.

Rules: whole numbers from one to twelve are written as words, larger ones as digits with a thousands
comma; a noun is plural unless its count is one ("one outlet", "two outlets"); lists are joined with
commas and a final "and"; a citation names the outlet (with its wire agency), the line of the article
file and links to that line, relative to the notebooks folder when the file lies inside the repository.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pandas as pd

from ..paths import CORPUS_DIR, NOTEBOOKS_DIR

WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
IRREGULAR = {"person": "people", "country": "countries", "day": "days", "agency": "agencies",
             "is": "are", "was": "were", "has": "have", "quotation": "quotations"}


def number(n: int, capital: bool = False) -> str:
    """A count as words up to twelve, digits with a thousands comma above ("eight", "1,342")."""
    n = int(n)
    text = WORDS[n] if 0 <= n < len(WORDS) else f"{n:,}"
    return text[:1].upper() + text[1:] if capital else text


def noun(word: str, n: int) -> str:
    """The noun in the singular for one, the plural otherwise ("outlet" / "outlets")."""
    if int(n) == 1:
        return word
    if word in IRREGULAR:
        return IRREGULAR[word]
    if re.search(r"(s|x|ch|sh)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


def count(n: int, word: str, capital: bool = False) -> str:
    """A number and its noun: "one outlet", "two outlets", "1,342 words"."""
    return f"{number(n, capital)} {noun(word, n)}"


def times(n: int) -> str:
    """"once", "twice", "three times"."""
    return {1: "once", 2: "twice"}.get(int(n), f"{number(n)} times")


def join(items, conjunction: str = "and") -> str:
    """Join phrases as English does: "A", "A and B", "A, B and C"."""
    items = [str(i) for i in items if str(i)]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def join_limited(items, limit: int = 5, what: str = "more") -> str:
    """Join at most ``limit`` phrases and say how many more there are ("A, B and 3 more")."""
    items = list(items)
    if len(items) <= limit:
        return join(items)
    return join(items[:limit] + [f"{number(len(items) - limit)} {what}"])


def day(d: dt.date, weekday: bool = False, year: bool = True) -> str:
    """A day as the notebooks write it: "12 January 2026", "Monday 12 January 2026"."""
    text = f"{d.day} {d:%B}" + (f" {d.year}" if year else "")
    return f"{d:%A} {text}" if weekday else text


def days(dates: list[dt.date]) -> str:
    """Several days, sharing month and year where they can: "12, 12 and 23 January 2026"."""
    dates = list(dates)
    if not dates:
        return ""
    if len({(d.year, d.month) for d in dates}) == 1:
        return f"{join([str(d.day) for d in dates])} {dates[0]:%B} {dates[0].year}"
    if len({d.year for d in dates}) == 1:
        return f"{join([f'{d.day} {d:%B}' for d in dates])} {dates[0].year}"
    return join([day(d) for d in dates])


def span(first: dt.date, last: dt.date, word: str = "to") -> str:
    """A span of days, shortest form: "12 to 23 January 2026", "30 December 2025 to 2 January 2026"."""
    if first == last:
        return day(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day} {word} {last.day} {last:%B} {last.year}"
    if first.year == last.year:
        return f"{first.day} {first:%B} {word} {last.day} {last:%B} {last.year}"
    return f"{day(first)} {word} {day(last)}"


def between(first: dt.date, last: dt.date) -> str:
    """"between 12 and 23 January 2026" (or "on 12 January 2026" for one day)."""
    return f"on {day(first)}" if first == last else f"between {span(first, last, 'and')}"


def source_name(outlet: str, agency: str) -> str:
    """The outlet with its wire agency: "Newsmax/AFP"."""
    return f"{outlet}/{agency}" if agency and agency not in outlet else outlet


class Citer:
    """Turns (article, character offset) into a linked citation of the file and line."""

    def __init__(self, tables: dict, folder: Path | None = None, base: Path = NOTEBOOKS_DIR):
        folder = Path(folder or CORPUS_DIR)
        arts = tables["articles"].set_index("article_id")
        self._source = {a: source_name(str(r.outlet), str(r.agency or "")) for a, r in arts.iterrows()}
        self._file = {a: folder / str(r.file) for a, r in arts.iterrows()}
        self._lines: dict[str, list[int]] = {}
        self._base = base

    def line(self, article_id: str, offset: int) -> int:
        """The 1-based line of the article's file that holds the character offset."""
        path = self._file.get(article_id)
        if article_id not in self._lines:
            try:
                text = path.read_text(encoding="utf-8-sig") if path else ""
            except (OSError, UnicodeDecodeError):
                text = ""
            self._lines[article_id] = [m.start() for m in re.finditer("\n", text)]
        breaks = self._lines[article_id]
        return 1 + sum(1 for b in breaks if b < offset)

    def link(self, article_id: str) -> str:
        """The article file's path as a link target, relative to the notebooks folder where possible."""
        path = self._file.get(article_id)
        if path is None:
            return ""
        try:
            return Path(os.path.relpath(path, self._base)).as_posix()
        except ValueError:
            return path.as_posix()

    def cite(self, article_id: str, offset: int) -> str:
        """"[Newsmax/AFP, line 3](../seeds/001_….txt#L3)"."""
        n = self.line(article_id, offset)
        return f"[{self._source.get(article_id, article_id)}, line {n}]({self.link(article_id)}#L{n})"

    def cite_rows(self, rows, limit: int = 3) -> str:
        """Citations of the distinct sentences of rows with article_id and start, at most ``limit``."""
        seen, out = set(), []
        for r in rows:
            key = (r.article_id, self.line(r.article_id, int(r.start)))
            if key not in seen:
                seen.add(key)
                out.append(self.cite(r.article_id, int(r.start)))
        more = f" and {count(len(out) - limit, 'more sentence')}" if len(out) > limit else ""
        return "; ".join(out[:limit]) + more


def sources(citations: str) -> str:
    """The evidence note that ends a finding: " (sources: …)" or nothing."""
    return f" (sources: {citations})" if citations else ""


def first_rows(table: pd.DataFrame, n: int):
    """The first n rows of a table as named tuples (a small helper for citations)."""
    return list(table.head(n).itertuples())
