"""A sentence read from its text alone: its clauses and the cues in them that can be events.

Rules (patterns in ``data/event_cues.csv``):

- a sentence is cut into clauses at each ``clause`` match (kind main, participle, prior or
  condition); a participle clause hangs from the clause before it;
- every lexicon pattern is matched on its own; where cues overlap the earlier (then the longer)
  one is kept; a clause without a cue of the hand-written lexicon takes the cues of the CAMEO
  lexicon (``cameo.cameo_cues``; an intent there is at least ``planned``), except a ``speech`` verb
  ("said"): what is said is coded by its own verb ("said that Sweden supports Denmark": Sweden supports);
- a question, a sentence with a discard phrase (sports, "years ago" ...) and one with a ``result``
  cue (a score: "beat Norway 3-1") have no cue;
- only the first cue of a clause is an event, later cues in it are its content; a cue in a
  condition clause or after a ``blocker`` ("threats to", "the idea of") is skipped;
- a negation word directly before the cue (skipping ``aux`` words) negates it; a negated
  category is recoded where ``plover_categories.csv`` says so ("will not accept": AGREE -> REJECT);
- modality: the lowest of the ``modality`` matches in their scope (``possible`` < ``planned`` <
  ``reported`` < ``asserted``), "would" being ``planned`` after a reporting verb; a category that
  is future by nature (``inherent_future``) stays asserted; a lexicon row's own ``modality`` is a
  floor ("did not rule out force": ``possible``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...textmatch import lower_exceptions
from .cameo import cameo_cues
from .rules import MODALITY_RANK, TOKEN_RE, Cue, Rules, load_rules

SENTENCE_CACHE = 1 << 16   # sentences whose text-only reading is kept (wire copy repeats sentences across outlets)


@dataclass
class Clause:
    """A span of a sentence between two clause cuts."""

    start: int
    end: int
    kind: str      # main | participle | prior | condition
    parent: int | None


@dataclass(frozen=True)
class CueReading:
    """A cue of a sentence that can be an event, with its clause, negation and modality."""

    start: int
    end: int
    category: str
    mode: str
    source: str       # subject | speaker: where its source actor is found
    clause: int
    negated: bool
    modality: str
    cameo: bool = False   # from the CAMEO lexicon (its verb must follow its subject closely)


@lru_cache(maxsize=1)
def _lower_exception_re() -> re.Pattern:
    """A character for which ``str.lower`` is no faithful key of ``re.IGNORECASE`` (then every pattern is searched)."""
    return re.compile("[" + re.escape("".join(sorted(lower_exceptions()))) + "]")


def _cuts(sentence: str, rules: Rules) -> list[tuple[int, int, str]]:
    return sorted((m.start(), m.end(), kind) for pat, kind in rules.clauses
                  for m in pat.finditer(sentence) if m.end() > 0)


def clauses_of(sentence: str, rules: Rules) -> list[Clause]:
    """Cut a sentence into clauses (the first one starts at 0, the last one ends at its end)."""
    out = [Clause(0, len(sentence), "main", None)]
    last_end = 0
    for s, e, kind in _cuts(sentence, rules):
        if s < last_end:
            continue
        out[-1].end = s
        parent = len(out) - 1 if kind == "participle" else None
        out.append(Clause(e, len(sentence), kind, parent))
        last_end = e
    return out


def clause_index(clauses, pos: int) -> int:
    """The index of the clause a position lies in (the last one for a position past them all)."""
    for i, c in enumerate(clauses):
        if c.start <= pos < max(c.end, c.start + 1):
            return i
    return len(clauses) - 1


def _cameo(sentence: str, clauses: list[Clause], taken: set[int], speech: frozenset = frozenset()) -> list[tuple]:
    """(start, end, Cue) of the CAMEO cues in the clauses no hand-written cue took (no ``speech`` verb)."""
    spans = [(c.start, c.end) for c in clauses]
    return [(c.start, c.end, Cue(None, c.category, c.mode, "subject", c.modality))
            for c in cameo_cues(sentence, spans) if clause_index(clauses, c.start) not in taken
            and sentence[c.start:c.end].lower() not in speech]


def find_cues(sentence: str, rules: Rules, clauses: list[Clause] | None = None) -> list[tuple]:
    """(start, end, Cue) of the lexicon matches of a sentence, earlier then longer first, none overlapping.

    With ``clauses``, the CAMEO lexicon's cues of the clauses without a hand-written cue are added.
    """
    low = sentence.lower() if sentence.isascii() or not _lower_exception_re().search(sentence) else None
    # a pattern is searched only in a sentence holding one of its literal starts (``rules.literal_starts``)
    found = [(m.start(), m.end(), cue) for cue in rules.cues
             if cue.starts is None or low is None or any(s in low for s in cue.starts)
             for m in cue.pattern.finditer(sentence)]
    if clauses is not None:
        found += _cameo(sentence, clauses, {clause_index(clauses, s) for s, _, _ in found}, rules.speech)
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    kept: list[tuple] = []
    for f in found:
        if not kept or f[0] >= kept[-1][1]:
            kept.append(f)
    return kept


def _negated(sentence: str, clause: Clause, cue_start: int, rules: Rules) -> bool:
    for tok in reversed(TOKEN_RE.findall(sentence[clause.start:cue_start])):
        low = tok.lower()
        if low in rules.negation or low.endswith(("n't", "n’t")):
            return True
        if low not in rules.aux:
            return False
    return False


def _modality(sentence: str, clause: Clause, cue_start: int, cue_end: int, rules: Rules) -> str:
    texts = {"before": sentence[clause.start:cue_end], "after": sentence[cue_end:clause.end], "sentence": sentence}
    found = []
    for pat, value, scope in rules.modality:
        for m in pat.finditer(texts[scope]):
            if value == "possible" and m.group(0).lower() == "would":
                pos = clause.start + m.start()
                value = "planned" if rules.reporting.search(sentence[:pos]) else "possible"
            found.append(value)
    return min(found, key=MODALITY_RANK.get) if found else "asserted"


def _recode(category: str, negated: bool, modality: str, rules: Rules) -> tuple[str, bool, str]:
    """Apply the category's negated recoding and inherent future to a reading."""
    info = rules.category_info[category]
    if negated and info["negated_category"]:
        category, negated = info["negated_category"], False
        modality = "reported" if modality == "reported" else "asserted"
        info = rules.category_info[category]
    if info.get("inherent_future", "") == "yes" and modality in ("possible", "planned"):
        modality = "asserted"
    return category, negated, modality


QUESTION_RE = re.compile(r"\?[\s\"“”’']*\Z")


def no_event(sentence: str, rules: Rules) -> bool:
    """Whether a sentence reports no event at all: a question, a discard phrase or a result (a sports score)."""
    return QUESTION_RE.search(sentence) is not None or any(
        pat is not None and pat.search(sentence) is not None for pat in (rules.discards, rules.results))


def read_cues(sentence: str, clauses: list[Clause], rules: Rules) -> tuple[CueReading, ...]:
    """The cues of a sentence that can be events: the first of each clause that is no condition and not blocked."""
    if no_event(sentence, rules):
        return ()
    out, used = [], set()
    for s, e, cue in find_cues(sentence, rules, clauses):
        ci = clause_index(clauses, s)
        clause = clauses[ci]
        if clause.kind == "condition" or ci in used or rules.blocker.search(sentence[max(clause.start, s - 80):s]):
            continue
        used.add(ci)
        category, negated, modality = _recode(cue.category, _negated(sentence, clause, s, rules),
                                              _modality(sentence, clause, s, e, rules), rules)
        if cue.modality:   # the cue's own modality ("did not rule out force": possible) is a floor
            modality = min(modality, cue.modality, key=MODALITY_RANK.get)
        out.append(CueReading(s, e, category, cue.mode, cue.source, ci, negated, modality, cue.pattern is None))
    return tuple(out)


@lru_cache(maxsize=SENTENCE_CACHE)
def cached_clauses(sentence: str) -> tuple[Clause, ...]:
    """``clauses_of`` with the packaged rules (cached; the clauses are read, never changed)."""
    return tuple(clauses_of(sentence, load_rules()))


@lru_cache(maxsize=SENTENCE_CACHE)
def _cached_reading(sentence: str) -> tuple[tuple[Clause, ...], tuple[CueReading, ...]]:
    clauses = cached_clauses(sentence)
    return clauses, read_cues(sentence, list(clauses), load_rules())


def reading(sentence: str, rules: Rules) -> tuple[tuple[Clause, ...], tuple[CueReading, ...]]:
    """(clauses, cue readings) of a sentence: everything about it that depends on its text alone."""
    if rules is load_rules():
        return _cached_reading(sentence)
    clauses = clauses_of(sentence, rules)
    return tuple(clauses), read_cues(sentence, clauses, rules)
