"""Passive voice and places as targets: who acts and who is acted on where the actor groups alone mislead.

Rules:

- a cue is passive when the word before it (adverbs in -ly skipped) is a form of "be" (``PASSIVE_AUX``)
  and the cue's first word is no -ing form ("Russia's ambassador was summoned by Norway");
- a passive cue's source is its by-agent: the first actor group starting within ``AGENT_GAP`` tokens after
  a "by" that follows the cue within ``BY_WINDOW`` tokens of its clause; its target is the group nearest
  before the cue in its clause (a possessive too: "Venezuela's crackdown was condemned by Spain"); a
  passive without a by-agent has no known source, unless its participle reads as an adjective (``stative``
  cues: "Greenlanders are opposed to ...", "we are united"), which keeps the active reading;
- where no actor group is the target, a place the cue points to is: the first country or capital of the
  gazetteer (an alias that can denote a place) right after one of ``PLACE_PREPS`` (or after "at" ending
  the cue or right after it: ``NEXT_PREPS``), "the" between them skipped, within ``PLACE_WINDOW`` tokens
  after the cue in its clause ("sent troops to Norway", "imposed on Canada", "hit out at the United
  States"), or right before an envoy ("called in the US ambassador": the actor step reads a name after "in"
  as a place), with the side of its actor when that is not the source's.

Only the tokens near a cue are looked at, so the cost follows the cues, not the sentence.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..actors import compiled_aliases
from .sources import NOBODY, Group, Who, tokens_of, who_of

PASSIVE_AUX = frozenset("is are was were be been being".split())
BY_WINDOW = 8
AGENT_GAP = 1        # tokens ("the") between "by" and the agent
PLACE_PREPS = frozenset("to on against from into onto".split())
NEXT_PREPS = frozenset({"at"})   # a place preposition only at the cue's end or right after it ("hit out at")
PLACE_ARTICLES = frozenset({"the"})
PLACE_WINDOW = 8
ENVOY_RE = re.compile(r"(?:['’]s)?\s+(?:\w+\s+)?(?:ambassador|envoy|charg[ée]|diplomats?|embassy)\b", re.I)


def _token_at(starts: list[int], pos: int) -> int:
    return bisect.bisect_left(starts, pos)


def is_passive(sentence: str, cue_start: int) -> bool:
    """Whether the cue at ``cue_start`` is a passive participle ("was summoned", "were imposed")."""
    t = tokens_of(sentence)
    i = _token_at(t.starts, cue_start)
    if i >= len(t.words) or t.words[i].lower().endswith("ing"):
        return False
    j = i - 1
    while j >= 0 and t.words[j].lower().endswith("ly"):
        j -= 1
    return j >= 0 and t.words[j].lower() in PASSIVE_AUX


def passive_actors(sentence: str, clause: tuple[int, int], cue: tuple[int, int], groups: list[Group]) -> tuple[Who, Who]:
    """(by-agent, the group acted on) of a passive cue; NOBODY for the agent when there is none."""
    t = tokens_of(sentence)
    first, last = _token_at(t.starts, cue[1]), _token_at(t.starts, clause[1])
    agent = None
    for k in range(first, min(last, first + BY_WINDOW)):
        if t.words[k].lower() == "by":
            after = t.ends[k]
            limit = t.starts[k + 1 + AGENT_GAP] if k + 1 + AGENT_GAP < len(t.starts) else len(sentence)
            agent = next((g for g in groups if after <= g.start <= limit and g.end <= clause[1]), None)
            break
    if agent is None or not agent.who.sides:
        return NOBODY, NOBODY
    source = agent.who
    skip = set(source.sides.split(";"))
    before = [g for g in groups if clause[0] <= g.start and g.end <= cue[0]]
    for g in reversed(before):
        kept = [(a, s) for a, s in zip(g.actors, g.sides) if s and s not in skip]
        if kept:
            return source, who_of(*zip(*kept))
    return source, NOBODY


@lru_cache(maxsize=1)
def _places() -> dict[str, tuple]:
    """First word -> the gazetteer aliases that can denote a place and start with it (case as the alias has it)."""
    out: dict[str, list] = {}
    for a in compiled_aliases():
        if not a.place:
            continue
        firsts = a.starts if a.starts else (a.literal.split()[:1] if a.literal else ())
        for w in firsts:
            out.setdefault(w.lower(), []).append(a)
    return {w: tuple(v) for w, v in out.items()}


def _after_place_prep(words: list[str], k: int, first: int) -> bool:
    """Whether token k follows a place preposition ("the" between skipped); "at" only at or right after the cue."""
    j = k - 1
    if j >= first and words[j].lower() in PLACE_ARTICLES:
        j -= 1
    if j < first - 1:
        return False
    w = words[j].lower()
    return w in PLACE_PREPS or (w in NEXT_PREPS and j <= first)


def place_target(sentence: str, clause_end: int, cue_end: int, sides: dict, source: Who) -> Who:
    """The country or capital a cue points to ("sent troops to Norway"), NOBODY for none (rules above)."""
    t = tokens_of(sentence)
    first, last = _token_at(t.starts, cue_end), _token_at(t.starts, clause_end)
    skip = set(source.sides.split(";"))
    places = _places()
    for k in range(max(first, 1), min(last, first + PLACE_WINDOW)):
        prep = _after_place_prep(t.words, k, first)
        for alias in places.get(t.words[k].lower(), ()):
            m = alias.regex.match(sentence, t.starts[k])
            if m and m.end() <= clause_end and (prep or ENVOY_RE.match(sentence, m.end())):
                side = sides.get(alias.actor_id, ("", ""))[0]
                if side and side not in skip:
                    return Who(alias.actor_id, side)
    return NOBODY
