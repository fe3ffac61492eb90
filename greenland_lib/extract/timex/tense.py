"""The clause around an expression and the tense of the cue nearest to it.

Rules: a clause is bounded by ``; :`` quotes, parentheses and dashes within the sentence. Future
cues are the phrases of ``timex_cues.csv`` (``will``, ``is set to``, ``to be held``, ``expected
on``, and present-tense verbs such as ``resume`` unless they follow ``to``); past cues are its past-tense verbs and any lower-case word ending in ``-ed`` that is not part
of a future cue; a future noun (``deadline``) is past after an overdue verb (``missed the deadline``). Cues are looked for at most ``TENSE_REACH`` characters either side; distance is
counted in words and ties go to the future cue.
"""
from __future__ import annotations

import re

from .lexicon import Lexicon, load_lexicon

CUE_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# ; : quotes, parentheses, dashes, and -- or a dash between spaces (a dash alone is a delimiter too,
# so trying the one-character delimiters first finds the same matches)
CLAUSE_DELIMS = re.compile(r"[;:\"“”«»()—–]|\s(?:--|[—–])\s")
# Tense cues are looked for at most this many characters before and after the expression.
TENSE_REACH = 70
CUE_ENDINGS = ("ed", "'ll")
# An overdue verb at most this many words before a future noun makes it past ("missed their new deadline").
OVERDUE_REACH = 3


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


def _lowered(words: list[str]) -> list[str]:
    return " ".join(words).lower().replace("’", "'").split(" ") if words else []


def _cue_before(before: list[str], lex: Lexicon) -> list[tuple[int, bool, str]]:
    """The nearest cue before the span as [(distance in words, is_past, tense)], or []."""
    low = _lowered(before)
    cue_words = lex.cue_words
    for i in range(len(low) - 1, -1, -1):
        if low[i] in cue_words or low[i].endswith(CUE_ENDINGS):
            tense = _cue_at(low, before, i, lex, ending=True)
            if tense:
                return [(len(low) - 1 - i, tense == "past", tense)]
    return []


def _cue_after(after: list[str], lex: Lexicon, limit: int | None) -> list[tuple[int, bool, str]]:
    """The nearest cue after the span within ``limit`` words (all when None), as for _cue_before."""
    low = _lowered(after)
    if limit is not None:
        low = low[:limit]
    cue_words = lex.cue_words
    for i in range(len(low)):
        if low[i] in cue_words or low[i].endswith(CUE_ENDINGS):
            tense = _cue_at(low, after, i, lex, ending=False)
            if tense:
                return [(i, tense == "past", tense)]
    return []


def clause_tense(sentence: str, start: int, end: int, lex: Lexicon | None = None) -> str:
    """Return ``future``, ``past`` or ``""``: the tense of the cue nearest to a span within its clause."""
    lex = lex or load_lexicon()
    lo, hi = clause_bounds(sentence, start, end, TENSE_REACH)
    found = _cue_before(CUE_TOKEN_RE.findall(sentence, max(lo, start - TENSE_REACH), start), lex)
    if found and found[0][0] == 0 and found[0][2] == "future":
        return "future"
    # only a cue at most as near as the one found before can win: read no further after the span
    reach = min(TENSE_REACH, 16 * (found[0][0] + 1)) if found else TENSE_REACH
    after = CUE_TOKEN_RE.findall(sentence, end, min(hi, end + reach))
    found += _cue_after(after, lex, found[0][0] + 1 if found else None)
    return min(found)[2] if found else ""


def _future_cue_at(low: list[str], i: int, lex: Lexicon, ending: bool) -> bool:
    """Whether a future cue ends (or starts) at word i."""
    for cue in (lex.future_by_last if ending else lex.future_by_first).get(low[i], ()):
        n = len(cue)
        first = i - n + 1 if ending else i
        if first < 0 or n > lex.cue_length or low[first:first + n] != cue:
            continue
        if first > 0 and low[first - 1] == "to" and " ".join(cue) in lex.finite_cues:
            continue   # an infinitive ("agreed to resume talks") is not the clause's verb
        return True
    return False


def _cue_at(low: list[str], words: list[str], i: int, lex: Lexicon, ending: bool) -> str:
    """Return the tense of a cue ending (or starting) at word i, or ``""``."""
    w = low[i]
    if w not in lex.cue_words and not w.endswith(CUE_ENDINGS):
        return ""
    if w.endswith("'ll"):
        return "future"
    if w in lex.future_words and _future_cue_at(low, i, lex, ending):
        if w in lex.future_nouns and not lex.overdue.isdisjoint(low[max(0, i - OVERDUE_REACH):i]):
            return "past"   # "missed the deadline of March 1"
        return "future"
    if w in lex.past_cues:
        return "past"
    # a participle after "be" is a passive ("will be announced"): the cue is the verb before it
    if len(w) > 3 and w.endswith("ed") and words[i].islower() and not (i > 0 and low[i - 1] == "be"):
        return "past"
    return ""
