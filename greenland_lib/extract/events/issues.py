"""What an event or a quote is about: the stance issues of ``data/stance_issues.csv``.

Rules: an issue matches a text when all its ``topic`` patterns match; its polarity is
``supports`` or ``opposes`` when only that role's pattern matches, else ``unclear``. An event's
scope is its cue to the end of its clause (the whole clause for a speech-act cue); a scope with a
``condition`` cue makes the event conditional.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from ...paths import data_file
from .clauses import SENTENCE_CACHE, cached_clauses, clause_index
from .rules import load_rules


class IssueMatch(NamedTuple):
    """An issue a text is about, with the text's polarity on it."""

    issue: str
    label: str
    polarity: str     # supports | opposes | unclear


class ScopeReading(NamedTuple):
    """What an event's scope says: whether it is conditional, and the issues it is about."""

    conditional: bool
    issues: tuple     # of IssueMatch


@lru_cache(maxsize=1)
def load_issues() -> pd.DataFrame:
    """The stance issues and their cue words (``data/stance_issues.csv``)."""
    return pd.read_csv(data_file("stance_issues.csv"), dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def _compiled_issues() -> tuple:
    """(issue, label, topic patterns, ((role, pattern), ...)) per issue, in file order, compiled once."""
    out = []
    for issue, g in load_issues().groupby("issue", sort=False):
        topic = g.role.str.startswith("topic")
        out.append((issue, g.label.iloc[0], tuple(re.compile(p, re.I) for p in g[topic].pattern),
                    tuple((r.role, re.compile(r.pattern, re.I)) for r in g[~topic].itertuples())))
    return tuple(out)


def _polarity(text: str, cues: tuple) -> str:
    pol = {role: bool(p.search(text)) for role, p in cues}
    if pol.get("supports") == pol.get("opposes"):
        return "unclear"
    return "supports" if pol.get("supports") else "opposes"


@lru_cache(maxsize=4096)
def issue_matches(text: str) -> tuple[IssueMatch, ...]:
    """Every issue whose topic cues all match the text, with the text's polarity."""
    return tuple(IssueMatch(issue, label, _polarity(text, cues)) for issue, label, topics, cues in _compiled_issues()
                 if all(p.search(text) for p in topics))


@lru_cache(maxsize=4096)
def _is_speech_cue(text: str) -> bool:
    return any(cue.source == "speaker" and cue.pattern.fullmatch(text) for cue in load_rules().cues)


def clause_scope(sentence: str, cue_start: int, cue_end: int) -> str:
    """The text an event is about: from its cue to the end of its clause (the whole clause for speech-act cues)."""
    clauses = cached_clauses(sentence)
    clause = clauses[clause_index(clauses, cue_start)]
    return sentence[clause.start if _is_speech_cue(sentence[cue_start:cue_end]) else cue_start:clause.end]


@lru_cache(maxsize=SENTENCE_CACHE)
def scope_reading(sentence: str, cue_start: int, cue_end: int) -> ScopeReading:
    """The reading of an event's scope (cached by sentence and cue)."""
    scope = clause_scope(sentence, cue_start, cue_end)
    return ScopeReading(load_rules().condition.search(scope) is not None, issue_matches(scope))
