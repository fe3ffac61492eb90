"""The event rules, loaded from data: the lexicon (``event_lexicon.csv``), the PLOVER categories
(``plover_categories.csv``) and the cue lists (``event_cues.csv``, one ``kind`` per rule family).

``event_discards.csv`` (derived from Phoenix's discards) lists phrases of sentences that report no
new event; the ``result`` cues (a sports score after "beat", "defeated" ...) mark such sentences too. Every lexicon pattern and bounded cue list matches whole words only (no word character or
apostrophe on either side); spaces in a lexicon pattern match any run of white space. A pattern is
searched only in a sentence whose lower-cased text holds one of its ``literal_starts`` (the literals
every match begins with), so a lexicon row costs a substring test in the sentences that cannot match it.
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
    starts: frozenset | None = None   # lower-case literals one of which every match starts with (None: unknown)


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
    stative: frozenset = frozenset()   # participles read as adjectives after "be" ("is opposed to")
    results: re.Pattern | None = None   # a sentence matching it reports a result, no event ("beat Norway 3-1")
    speech: frozenset = frozenset()   # verbs of saying, never a CAMEO cue ("said ... supports": the content codes)


def _words(cell: str) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in cell.split("|") if w.strip())


def _bounded(pattern: str) -> re.Pattern:
    return re.compile(WORD_EDGE_BEFORE + "(?:" + pattern + ")" + WORD_EDGE_AFTER, re.I)


def _load_cues() -> tuple[Cue, ...]:
    lex = pd.read_csv(data_file("event_lexicon.csv"), dtype=str, keep_default_na=False)
    return tuple(Cue(_bounded(row.pattern.replace(" ", r"\s+")), row.category, row.mode, row.source, row.modality,
                     literal_starts(row.pattern))
                 for row in lex.itertuples())


META = set("\\()[]{}?*+|.^$ ")
MIN_START = 3   # a literal start shorter than this rules out too little to be worth looking for


def _close(pattern: str, i: int) -> int:
    """The index of the parenthesis closing the group that opens at ``pattern[i]`` (-1 if none)."""
    depth, k = 0, i
    while k < len(pattern):
        c = pattern[k]
        if c == "\\":
            k += 2
            continue
        if c == "[":
            k = pattern.find("]", k + 2)
            if k < 0:
                return -1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return k
        k += 1
    return -1


def _top_level(pattern: str) -> list[str]:
    """A pattern split at its top-level ``|``."""
    out, depth, last, k = [], 0, 0, 0
    while k < len(pattern):
        c = pattern[k]
        if c == "\\":
            k += 2
            continue
        if c == "[":
            k = max(pattern.find("]", k + 2), k)
        depth += (c == "(") - (c == ")")
        if c == "|" and depth == 0:
            out.append(pattern[last:k])
            last = k + 1
        k += 1
    return out + [pattern[last:]]


def _skip_zero_width(p: str) -> str:
    """The pattern without its leading ``\\b`` and look-behind assertions."""
    while True:
        if p.startswith("\\b"):
            p = p[2:]
        elif p.startswith(("(?<!", "(?<=")) and _close(p, 0) > 0:
            p = p[_close(p, 0) + 1:]
        else:
            return p


def _literal_prefix(p: str) -> str:
    k = 0
    while k < len(p) and p[k] not in META:
        k += 1
    if k < len(p) and p[k] in "?*{":
        k -= 1   # the last character is optional
    return p[:k].lower()


def literal_starts(pattern: str) -> frozenset | None:
    """The lower-case literals one of which every match of a lexicon pattern starts with (None when unknown).

    A sentence whose lower-cased text holds none of them cannot match the pattern, so it is not searched.
    """
    out: set[str] = set()
    for alt in _top_level(pattern):
        p = _skip_zero_width(alt)
        if p.startswith("(?:"):
            end = _close(p, 0)
            if end < 0 or p[end + 1:end + 2] in ("?", "*", "{"):
                return None
            starts = literal_starts(p[3:end])
            if starts is None:
                return None
            out |= starts
            continue
        lit = _literal_prefix(p)
        if len(lit) < MIN_START or not lit.isascii():
            return None
        out.add(lit)
    return frozenset(out)


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
        stative=words("stative"), results=bounded("result") if "result" in by else None,
        speech=words("speech") if "speech" in by else frozenset(),
    )


def _load_discards() -> re.Pattern | None:
    phrases = pd.read_csv(data_file("event_discards.csv"), dtype=str, keep_default_na=False).phrase
    words = [p for p in phrases if p.strip()]
    return re.compile(WORD_EDGE_BEFORE + trie_alternation(words) + WORD_EDGE_AFTER, re.I) if words else None
