"""Place or actor: a name that can denote a place is a location (dropped) or an actor (kept).

Rules, from ``place_context.csv``: a location right after a locative preposition ("in Brussels", "at the
White House") unless a target noun comes before it ("an attack on Greenland"); after "to" only when a motion
word precedes ("travel to Greenland"); after "of" only when a location noun precedes ("the streets of
Nuuk"); before "'s" plus a location noun ("Greenland's capital"); a second conjunct inherits the first one's
reading ("in Greenland and Denmark"). Everything else (subjects, objects) is an actor.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .data import WORD_RE, place_context

_POSS_RE = re.compile(r"['’]s\s+([\w-]+)")
_CONJ_END_RE = re.compile(r"(?:\band|\bor|,)\s*$")
_CONJ_GAP_RE = re.compile(r"\s*(?:,|,?\s*and|,?\s*or)\s*")
ARTICLES = ("the", "a", "an")


def _words_before(text: str, pos: int, n: int = 4) -> list[str]:
    window = text[pos - 80 if pos > 80 else 0:pos]
    return [w.lower() for w in WORD_RE.findall(window)[-n:]]


@lru_cache(maxsize=None)
def _place_word_ends() -> frozenset[str] | None:
    """The last runs of letters of the words the preposition rules look at ("the", "a", "an", location
    adjectives, "to", "of", locative prepositions): a word lower-cased to one of them ends with such a run."""
    ctx = place_context()
    words = {"to", "of", *ARTICLES} | ctx["location_adjective"] | ctx["locative"]
    if not all(w.isascii() for w in words):
        return None  # lower() of a non-ASCII word need not be its lower-cased parts: no short cut
    return frozenset(re.split(r"[-'’]", w)[-1] for w in words)


def _is_place_use(text: str, c, previous) -> bool:
    """True when the placeable candidate ``c`` is used as a location (``previous``: the last placeable one)."""
    if _before_location_noun(text, c.end):
        return True
    lo = c.start - 80 if c.start > 80 else 0
    k = c.start  # the window text[lo:c.start] without its trailing white space is text[lo:k]
    while k > lo and text[k - 1].isspace():
        k -= 1
    inherited = _second_conjunct(text, c, previous, lo, k)
    if inherited is not None:
        return inherited
    if not _may_follow_place_word(text, lo, k):
        return False
    return _after_preposition(_words_before(text, c.start, 6))


def _before_location_noun(text: str, end: int) -> bool:
    """"Greenland's capital": the name before 's and a location noun."""
    if not text.startswith(("'", "’"), end):  # where _POSS_RE can match at all
        return False
    poss = _POSS_RE.match(text[end:end + 40])
    return bool(poss) and poss.group(1).lower() in place_context()["location_noun"]


def _second_conjunct(text: str, c, previous, lo: int, k: int) -> bool | None:
    """The reading of the first conjunct when ``c`` is the second ("in Greenland and Denmark"), else None."""
    # (only the end of the window can match: the last word must end "and", "or" or ",")
    if previous is None or not previous.placeable or k <= lo or text[k - 1] not in "dr,":
        return None
    if not _CONJ_END_RE.search(text[max(lo, k - 5):k]):
        return None
    return previous.place_use if _CONJ_GAP_RE.fullmatch(text[previous.end:c.start]) else None


def _may_follow_place_word(text: str, lo: int, k: int) -> bool:
    """False when the last word before the name cannot be a place word (a short cut; see _place_word_ends)."""
    # that word ends with the last run of letters and digits before the name, so look at that run first
    j = k
    while j > lo and not text[j - 1].isalnum():  # isalnum() is the engine's [^\W_]
        j -= 1
    end = j
    while j > lo and text[j - 1].isalnum():
        j -= 1
    if end == j:
        return False  # no word in the window
    whole = j > lo or lo == 0 or not text[lo - 1].isalnum()  # else the window cuts the run
    ends = _place_word_ends()
    return not (whole and ends is not None and text[j:end].lower() not in ends)


def _after_to(words: list[str], ctx) -> bool:
    return any(w in ctx["motion"] for w in words[-4:-1])


def _after_of(words: list[str], ctx) -> bool:
    return len(words) > 1 and words[-2] in ctx["location_noun"]


def _after_locative(words: list[str], ctx) -> bool:
    return not (len(words) > 1 and words[-2] in ctx["target"])


# the rule for the preposition right before the name (articles and location adjectives skipped)
PREPOSITION_RULES = {"to": _after_to, "of": _after_of}


def _after_preposition(words: list[str]) -> bool:
    """The preposition rules on the words before the name."""
    ctx = place_context()
    while words and (words[-1] in ARTICLES or words[-1] in ctx["location_adjective"]):
        words.pop()
    if not words:
        return False
    rule = PREPOSITION_RULES.get(words[-1])
    if rule is None:
        rule = _after_locative if words[-1] in ctx["locative"] else None
    return rule is not None and rule(words, ctx)
