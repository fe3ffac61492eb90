"""Crowds as actors: protesters, demonstrators, "thousands of people" (``crowd`` cues of ``event_cues.csv``).

Rules: a crowd word is a mention of the group actor ``protesters``; its side is that of the
place it gathers in: the first capitalised name after a ``place_prep`` word ("in Nuuk",
"outside ... in Copenhagen") that the gazetteer's aliases place on a side (``actor_aliases.csv``:
"Nuuk" -> Greenland's government -> GRL); without such a place the crowd is on no side.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from ...paths import data_file
from ...sides import actor_sides
from .rules import WORD_EDGE_AFTER, WORD_EDGE_BEFORE

CROWD_ID = "protesters"
NAME_RE = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern | None, re.Pattern | None]:
    cues = pd.read_csv(data_file("event_cues.csv"), dtype=str, keep_default_na=False)
    crowd = "|".join(cues[cues.kind == "crowd"].pattern)
    preps = "|".join(cues[cues.kind == "place_prep"].pattern)
    bounded = lambda p: re.compile(WORD_EDGE_BEFORE + "(?:" + p + ")" + WORD_EDGE_AFTER, re.I) if p else None  # noqa
    place = re.compile(WORD_EDGE_BEFORE + "(?:" + preps + r")\s+(?:the\s+)?(?=[A-Z])", re.I) if preps else None
    return bounded(crowd), place


@lru_cache(maxsize=1)
def _place_sides() -> dict[str, str]:
    """Alias (as written) -> side, for the gazetteer's names and metonyms."""
    actors = pd.read_csv(data_file("actors.csv"), dtype=str, keep_default_na=False)
    aliases = pd.read_csv(data_file("actor_aliases.csv"), dtype=str, keep_default_na=False)
    sides = {a: s for a, (s, _) in actor_sides(actors).items() if s}
    out = {alias: sides[a] for a, alias in zip(aliases.actor_id, aliases.alias) if a in sides}
    out.update({name: sides[a] for a, name in zip(actors.actor_id, actors.name) if a in sides})
    return out


def place_side(sentence: str) -> str:
    """The side of the first place after a place preposition that the gazetteer knows ("" if none)."""
    _, place = _cues()
    known = _place_sides()
    for m in place.finditer(sentence) if place else ():
        name = NAME_RE.match(sentence, m.end())
        words = name.group(0).split() if name else []
        for n in range(len(words), 0, -1):   # the longest known prefix of the name
            side = known.get(" ".join(words[:n]))
            if side:
                return side
    return ""


@lru_cache(maxsize=4096)
def crowds_in(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, side) of the crowd words of a sentence whose place is on a side."""
    crowd, _ = _cues()
    if crowd is None:
        return ()
    found = [(m.start(), m.end()) for m in crowd.finditer(sentence)]
    side = place_side(sentence) if found else ""
    return tuple((s, e, side) for s, e in found) if side else ()
