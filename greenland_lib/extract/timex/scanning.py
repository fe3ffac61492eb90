"""Finding candidate expressions: trigger words locate windows, patterns run in the windows, and
overlapping matches are settled.

Rules: the sentences of an article are scanned as one lower-cased string for trigger words (see
``lexicon.PATTERN_TRIGGERS``), four-digit numbers and clock times; each pattern then runs only in
the windows around the triggers of its kinds. Of overlapping matches the longest wins; among
equally long ones the earlier (more specific) pattern. A day and a clock time separated only by
spaces, commas, slashes or bars ("March 2, 2026 6:10 am", "6:10 am, 2 March 2026") become one candidate.
"""
from __future__ import annotations

import bisect
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from itertools import filterfalse

from .lexicon import CLOCK_WORDS, WINDOWS, Lexicon, fold_ascii

TOKEN_TABLE = str.maketrans({ch: " " for ch in string.punctuation + "’‘“”—–…«»\u00a0"})
CLOCK_TRIGGER_RE = re.compile(r"\d{1,2}(?=:[0-5]\d|\s?[ap]\.?m\b)")
DIGITS_RE = re.compile(r"\d+")
WORD_RE = re.compile(r"[a-z]+")
DECADE_TOKEN_RE = re.compile(r"\d{3}0s$")


@dataclass(slots=True)
class Candidate:
    """A pattern match in a sentence: its span, rule name, the match, and the pattern's priority."""

    start: int
    end: int
    rule: str
    m: re.Match
    priority: int
    parts: tuple = ()   # the candidates a merged candidate is made of (a date and a clock time)


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
    """Return, per trigger kind, the patterns to run given which ``lex.requires`` entries are met."""
    ok = dict(zip(lex.requires, met))
    return {kind: [entry for entry in lex.patterns_by_kind[kind]
                   if ok.get((entry[1], kind), ok.get(entry[1], True))]
            for kind in WINDOWS}


def _scan_tokens(joined: str, lex: Lexicon) -> tuple[set, set, set]:
    """Return (tokens some rule asks about, trigger words present, four-digit numbers present).

    The tokens include ``<year>``, ``<decade>`` and ``<month>`` when any year, decade or month occurs.
    """
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
    if not lex.foreign_triggers.isdisjoint(wanted):
        tokens.add("<foreign_month>")
    return tokens, wanted, years


def _clock_hits(joined: str, tokens: set) -> list[tuple[int, int, str]]:
    """Hours before am/pm or :MM; without any am/pm in the text, only 24-hour times such as 14:30."""
    if not tokens.isdisjoint(CLOCK_WORDS):
        return [(m.start(), m.end(), "clock") for m in CLOCK_TRIGGER_RE.finditer(joined)
                if m.start() == 0 or not joined[m.start() - 1].isdigit()]
    hits = []
    i = joined.find(":")
    while i >= 0:
        if joined[i - 1:i].isdigit() and joined[i + 1:i + 3].isdigit():
            first = i - 2 if joined[i - 2:i - 1].isdigit() else i - 1
            hits.append((first, i, "clock"))
        i = joined.find(":", i + 1)
    return hits


def _trigger_hits(joined: str, lex: Lexicon, wanted: set, years: set, tokens: set) -> list[tuple[int, int, str]]:
    """Every (start, end, kind) of a trigger word, year or clock time in the joined text, in order."""
    hits = []
    for word in wanted:
        n, kind = len(word), lex.triggers[word]
        hits += [(i, i + n, kind) for i in _word_positions(joined, word)]
    for year in years:
        hits += [(i, i + 4, "year") for i in _number_positions(joined, year)]
    hits += _clock_hits(joined, tokens)
    hits.sort()
    return hits


def trigger_windows(texts: list[str], lex: Lexicon) -> dict[int, list[tuple[int, int, list]]]:
    """Return, per sentence index, the (start, end, patterns to run) windows around its trigger words.

    The sentences are scanned as one lower-cased string: the words present are found with one
    ``split``, and only the trigger words among them are located, which is much faster than a
    large alternation of words.
    """
    # trigger words are ASCII: other characters become "?" (one for one, so offsets hold), which
    # keeps the string operations on their fast ASCII paths
    joined = "\n".join(texts)
    if not joined.isascii():   # accents folded ("février" -> "fevrier"), then any other character -> "?"
        joined = fold_ascii(joined).encode("ascii", "replace").decode("ascii")
    joined = joined.lower()
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    tokens, wanted, years = _scan_tokens(joined, lex)
    active = _active_patterns(lex, tuple(not tokens.isdisjoint(req) for req in lex.requires.values()))
    windows: dict[int, list[tuple[int, int, str]]] = {}
    for h_start, h_end, kind in _trigger_hits(joined, lex, wanted, years, tokens):
        idx = bisect.bisect_right(starts, h_start) - 1
        base = starts[idx]
        windows.setdefault(idx, []).append((h_start - base, h_end - base, active[kind]))
    return windows


def _number_unit_rule(m: re.Match) -> str:
    """Name the rule of a number-and-unit match: age, ago, later/earlier, hyphenated adjective, or duration."""
    if m.group("age"):
        return "age"
    direction = (m.group("dir") or "").lower()
    if direction == "ago":
        return "year_ago"
    if direction:
        return "anchored_offset"
    return "duration_adjective" if m.group("hy") else "duration"


def _window_matches(sentence: str, windows: list) -> list[Candidate]:
    """Run each window's patterns in it; the first match of a span and rule is kept."""
    seen = {}
    size = len(sentence)
    for t_start, t_end, patterns in windows:
        for priority, rule, pattern, before, after in patterns:
            lo, hi = t_start - before, t_end + after
            for m in pattern.finditer(sentence, lo if lo > 0 else 0, hi if hi < size else size):
                start, end = m.span()
                if end > start:
                    name = _number_unit_rule(m) if rule == "number_unit" else rule
                    if (start, end, name) not in seen:
                        seen[start, end, name] = Candidate(start, end, name, m, priority)
    return list(seen.values())


def _settle_overlaps(found: list[Candidate]) -> list[Candidate]:
    """Longest match wins; among equals, the earlier (more specific) rule; result in text order."""
    if len(found) < 2:
        return found
    found.sort(key=lambda c: (-(c.end - c.start), c.priority, c.start))
    chosen: list[Candidate] = []
    for c in found:
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


DAY_RULES = frozenset({"weekday_with_date", "month_day", "day_month", "iso_date", "foreign_date"})
DATE_TIME_GAP_RE = re.compile(r"[\s,/|]*")


def merge_date_times(sentence: str, found: list[Candidate]) -> list[Candidate]:
    """Join a day and a clock time that stand next to each other into one ``date_time`` candidate."""
    out: list[Candidate] = []
    for c in found:
        prev = out[-1] if out else None
        if prev is not None and not prev.parts and DATE_TIME_GAP_RE.fullmatch(sentence, prev.end, c.start):
            pair = {prev.rule in DAY_RULES and c.rule == "clock_time": (prev, c),
                    prev.rule == "clock_time" and c.rule in DAY_RULES: (c, prev)}.get(True)
            if pair:
                out[-1] = Candidate(prev.start, c.end, "date_time", pair[0].m, pair[0].priority, pair)
                continue
        out.append(c)
    return out


def candidates(sentence: str, lex: Lexicon, windows: list | None = None) -> list[Candidate]:
    """Return the non-overlapping pattern matches of a sentence (its trigger windows found if not given)."""
    if windows is None:
        windows = trigger_windows([sentence], lex).get(0, [])
    found = _settle_overlaps(_window_matches(sentence, windows))
    return merge_date_times(sentence, found) if len(found) > 1 else found
