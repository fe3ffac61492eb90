"""Pairing quote marks inside a paragraph.

Curly double (“ ”), curly single (‘ ’), straight double (") and straight single (') marks,
guillemets, double primes (″, ‶: read as straight doubles) and two apostrophes ('', the wire style: read as
one straight double mark). A straight or curly single mark between two letters is an apostrophe ("We're",
"territory’s"); a straight mark counts as opening after a space or at the start of a paragraph and as
closing before a space or punctuation. Marks inside a quotation belong to it (a quote within a quote is
part of the outer quote).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

DOUBLE_OPEN, DOUBLE_CLOSE = "“«„‶", "”»"
SINGLE_OPEN, SINGLE_CLOSE = "‘‹", "’›"
STRAIGHT_DOUBLE = "\"″"   # ″ (double prime) is used as a straight double mark
ALL_MARKS = "\"'“”‘’«»„‹›″‶"
TWO_APOSTROPHES = "''"
MARK_RE = re.compile(TWO_APOSTROPHES + "|[" + re.escape(ALL_MARKS) + "]")
_SINGLE_CLOSER = re.compile(r"(?<=\S)[’'](?![^\W_])")
_LOWER_WORD_NEXT_RE = re.compile(r"\s+[a-z]")


@dataclass
class _Pairing:
    """The state of pairing one paragraph's marks."""

    text: str
    end: int
    pairs: list[tuple[int, int]] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    open_pos: int | None = None
    open_kind: str | None = None

    def open(self, i: int, kind: str) -> None:
        self.open_pos, self.open_kind = i, kind

    def close(self, i: int) -> None:
        self.pairs.append((self.open_pos, i))
        self.open_pos, self.open_kind = None, None


def _double_open(st: _Pairing, i: int, prev: str, nxt: str, closing: bool) -> None:
    if st.open_kind == "double":
        st.problems.append((st.open_pos, f"opening quote mark {st.text[st.open_pos]} is never closed before the next one"))
    if st.open_kind != "single":
        st.open(i, "double")


def _double_close(st: _Pairing, i: int, prev: str, nxt: str, closing: bool) -> None:
    if st.open_kind == "double":
        st.close(i)
    elif st.open_kind is None:
        st.problems.append((i, f"closing quote mark {st.text[i]} has no opening mark"))


def _single_open(st: _Pairing, i: int, prev: str, nxt: str, closing: bool) -> None:
    if st.open_kind is None:
        st.open(i, "single")


def _single_close(st: _Pairing, i: int, prev: str, nxt: str, closing: bool) -> None:
    if prev.isalnum() and nxt.isalnum():
        return  # apostrophe inside a word
    if st.open_kind != "single" or not closing:
        return
    if i - st.open_pos <= 2:  # an elision such as 'n', not a quotation
        st.open_pos, st.open_kind = None, None
        return
    if prev == "s" and _LOWER_WORD_NEXT_RE.match(st.text[i + 1:st.end]) and _SINGLE_CLOSER.search(st.text, i + 1, st.end):
        return  # a plural possessive ("Greenlanders’ own choices") with a closing mark still to come
    st.close(i)


def _role(ch: str, opening: bool, closing: bool, nxt: str, open_kind: str | None):
    """What a mark does: open or close a double or a single quotation."""
    if ch in DOUBLE_OPEN or (ch in STRAIGHT_DOUBLE and opening and not (open_kind == "double" and closing)):
        return _double_open
    if ch in DOUBLE_CLOSE or ch in STRAIGHT_DOUBLE:
        return _double_close
    if ch in SINGLE_OPEN or (ch == "'" and opening and nxt.isalpha()):
        return _single_open
    return _single_close


def pair_quote_marks(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], list[tuple[int, str]], int | None]:
    """Pair quote marks in text[start:end]; return (pairs, problems as (offset, message), unclosed opener)."""
    st = _Pairing(text, end)
    for mark in MARK_RE.finditer(text, start, end):
        i, j = mark.start(), mark.end()  # two apostrophes: opening at the second one, closing at the first
        prev = text[i - 1] if i > start else " "
        nxt = text[j] if j < end else " "
        opening = (prev.isspace() or prev in "([{—–-/") and not nxt.isspace()
        closing = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
        ch = '"' if j - i == 2 else text[i]
        role = _role(ch, opening, closing, nxt, st.open_kind)
        role(st, j - 1 if role is _double_open else i, prev, nxt, closing)
    return st.pairs, st.problems, st.open_pos
