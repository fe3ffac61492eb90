"""The event rules, loaded from data: the lexicon (``event_lexicon.csv``), the PLOVER categories
(``plover_categories.csv``) and the cue lists (``event_cues.csv``, one ``kind`` per rule family).

``event_discards.csv`` (derived from Phoenix's discards) lists phrases of sentences that report no
new event. Every lexicon pattern and bounded cue list matches whole words only (no word character or
apostrophe on either side); spaces in a lexicon pattern match any run of white space.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ...paths import data_file
from ...textmatch import trie_alternation

COLUMNS = ["event_id", "article_id", "sent", "start", "end", "date", "date_basis", "source_actor", "source_side",
           "target_actor", "target_side", "category", "mode", "negated", "modality", "text"]
MODALITY_RANK = {"possible": 0, "planned": 1, "reported": 2, "asserted": 3}
TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*|n['’]t|[^\w\s]")
DAY_RE = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})")
WORD_EDGE_BEFORE, WORD_EDGE_AFTER = r"(?<![\w'’])", r"(?![\w'’])"


@dataclass(frozen=True)
class Cue:
    """One lexicon row: its compiled pattern, PLOVER category, mode and where its source is found."""

    pattern: re.Pattern | None    # None for a cue of the CAMEO lexicon
    category: str
    mode: str
    source: str        # subject | speaker
    modality: str = ""            # a floor: "planned" for a stated intent


@dataclass(frozen=True)
class Rules:
    """The event lexicon and cue lists, compiled from the data files."""

    cues: tuple                 # Cue per lexicon row, in file order
    categories: pd.DataFrame    # plover_categories.csv indexed by category
    category_info: dict         # category -> its plover_categories.csv row as a dict
    modality: tuple             # (compiled pattern, modality, scope)
    negation: frozenset
    aux: frozenset
    background: re.Pattern
    blocker: re.Pattern
    clauses: tuple              # (compiled pattern, kind)
    reporting: re.Pattern
    pronouns: dict              # word -> person | subject | speaker
    group_words: frozenset
    preps: frozenset
    condition: re.Pattern
    unresolved: re.Pattern
    discards: re.Pattern | None   # phrases of a sentence that is no new event (event_discards.csv)


def _words(cell: str) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in cell.split("|") if w.strip())


def _bounded(pattern: str) -> re.Pattern:
    return re.compile(WORD_EDGE_BEFORE + "(?:" + pattern + ")" + WORD_EDGE_AFTER, re.I)


def _load_cues() -> tuple[Cue, ...]:
    lex = pd.read_csv(data_file("event_lexicon.csv"), dtype=str, keep_default_na=False)
    return tuple(Cue(_bounded(row.pattern.replace(" ", r"\s+")), row.category, row.mode, row.source, row.modality)
                 for row in lex.itertuples())


def _load_categories(cues: tuple[Cue, ...]) -> pd.DataFrame:
    cats = pd.read_csv(data_file("plover_categories.csv"), dtype=str, keep_default_na=False).set_index("category")
    unknown = {c.category for c in cues} - set(cats.index)
    if unknown:
        raise ValueError(f"event_lexicon.csv uses categories missing from plover_categories.csv: {sorted(unknown)}")
    return cats


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Read the event lexicon and cue files (cached)."""
    cues = _load_cues()
    cats = _load_categories(cues)
    table = pd.read_csv(data_file("event_cues.csv"), dtype=str, keep_default_na=False)
    by = {kind: rows for kind, rows in table.groupby("kind")}

    def words(kind: str) -> frozenset[str]:
        return frozenset().union(*(_words(p) for p in by[kind].pattern))

    def bounded(kind: str) -> re.Pattern:
        return _bounded("|".join(by[kind].pattern))

    return Rules(
        cues=cues, categories=cats, category_info=dict(zip(cats.index, cats.to_dict("records"))),
        modality=tuple((_bounded(r.pattern), r.value, r.scope) for r in by["modality"].itertuples()),
        negation=words("negation"), aux=words("aux"), background=bounded("background"),
        blocker=re.compile(WORD_EDGE_BEFORE + "(?:" + "|".join(by["blocker"].pattern) + r")\Z", re.I),
        clauses=tuple((re.compile(r.pattern, re.I), r.value) for r in by["clause"].itertuples()),
        reporting=bounded("reporting"),
        pronouns={w: r.value for r in by["pronoun"].itertuples() for w in _words(r.pattern)},
        group_words=words("group"), preps=words("prep"),
        condition=bounded("condition"), unresolved=bounded("unresolved"), discards=_load_discards(),
    )


def _load_discards() -> re.Pattern | None:
    phrases = pd.read_csv(data_file("event_discards.csv"), dtype=str, keep_default_na=False).phrase
    words = [p for p in phrases if p.strip()]
    return re.compile(WORD_EDGE_BEFORE + trie_alternation(words) + WORD_EDGE_AFTER, re.I) if words else None
