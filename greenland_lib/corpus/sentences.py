"""Rule-based sentence splitting with character offsets (no model, no network).

The splitter proposes a boundary after `.`, `!` or `?` (plus any closing quotes or
brackets) when white space and a plausible sentence opener follow, then vetoes the
boundary after known abbreviations (``Mr.``, ``Jan.``), initials (``J.``), and
dotted acronyms such as ``U.S.`` unless a common sentence opener follows them.
The word lists are data files in ``greenland_lib/data/``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..paths import data_file

CLOSERS = "\"'”’»)]"
OPENERS = "\"'“‘«(["

# A candidate end: terminal punctuation, optional closing quotes/brackets, then white space,
# then an opener: an upper-case letter, a digit, or an opening quote/bracket.
# Linear time: a candidate starts only at the first mark of a run ((?<!...)), and the run and its
# closers are taken whole (possessive ++ / *+: giving some back could never let the lookahead match),
# so a run of 20,000 dots is read once instead of once per dot.
_CANDIDATE = re.compile(
    r"(?<![.!?])[.!?]++[" + re.escape(CLOSERS) + r"]*+(?=\s+[" + re.escape(OPENERS) + r"]*[A-Z0-9À-Þ])"
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_NEXT_WORD = re.compile(r"\s+[" + re.escape(OPENERS) + r"]*([A-Za-z]+)")


def _word_list(name: str) -> frozenset[str]:
    lines = data_file(name).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=None)
def abbreviations() -> frozenset[str]:
    """Return the tokens that end with a period without ending a sentence."""
    return _word_list("abbreviations.txt")


@lru_cache(maxsize=None)
def sentence_starters() -> frozenset[str]:
    """Return the words that open a new sentence after a dotted acronym."""
    return _word_list("sentence_starters.txt")


def _is_boundary(text: str, punct_start: int, match_end: int) -> bool:
    if text[punct_start] != ".":
        return True
    before = _WORD_BEFORE.search(text, max(0, punct_start - 40), punct_start + 1)
    if before is None:
        return True
    word = before.group(1)
    nxt = _NEXT_WORD.match(text, match_end)
    next_word = nxt.group(1) if nxt else ""
    if "." in word:  # dotted acronym: U.S., U.K., e.g.
        return next_word in sentence_starters()
    if len(word) == 1 and word.isupper():  # an initial: "Donald J. Trump"
        return False
    if word in abbreviations():
        return False
    return True


def split_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences in ``text[start:end]``, trimmed of white space."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _CANDIDATE.finditer(text, start, end):
        if _is_boundary(text, m.start(), m.end()):
            spans.append((cursor, m.end()))
            cursor = m.end()
    spans.append((cursor, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
