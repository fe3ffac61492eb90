"""Cues from the CAMEO verb lexicon (``cameo_verbs.csv``, ``cameo_patterns.csv``, ``cameo_synsets.csv``,
derived from PETRARCH2 by ``tools/petrarch_lexicon.py``; MIT, ``PETRARCH2_LICENSE.txt``).

Rules:

- a verb form is found by its first word (``textmatch.WordIndex``), its other words following it;
- it is read as a verb only if the word before it is no determiner or preposition (``the talks``,
  ``of support``), and a bare base form ("support") only after a modal, "to", a negation, a
  pronoun or a capitalised word ("Denmark and Greenland reject");
- the block's patterns are tried, most words first: the words after ``*`` must follow the verb in
  order within ``AFTER_WINDOW`` tokens of its clause (a preposition that heads a date, "on Tuesday",
  "in March", is no pattern word: it is not the "press on" of an offensive or the "call on" of a demand), the words before it precede it in order within
  ``BEFORE_WINDOW`` tokens (a word also matches its regular plural; ``&name`` matches any phrase of
  the synonym set); the first that matches gives the CAMEO code, else the verb's own code where the
  crosswalk's ``default`` allows it;
- the verb must follow its subject closely: an actor mention or a pronoun ends at most
  ``SUBJECT_GAP`` tokens before it, the tokens between being auxiliaries and adverbs (``aux`` cues)
  or "and";
- the code's PLOVER category, mode and modality come from the crosswalk (``cameo_plover.csv``);
  a code without a category is no cue.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ...paths import data_file
from ...textmatch import WordIndex
from .rules import TOKEN_RE

AFTER_WINDOW = 10
BEFORE_WINDOW = 8
NOT_BEFORE_A_VERB = frozenset("a an the this that these those its his her their our my your of for no any some every "
                              "each such new with without in on at by from into".split())
DATE_PREPS = frozenset("on in by until".split())
DATE_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may june "
                       "july august september october november december jan feb mar apr jun jul aug sep sept oct nov "
                       "dec".split())
BEFORE_A_BASE_FORM = frozenset("to will would could can may might must shall should not n't n’t never also did do does "
                               "jointly they we i you who".split())


@dataclass(frozen=True)
class CameoCue:
    """A verb of the CAMEO lexicon read as an event cue."""

    start: int
    end: int
    category: str
    mode: str
    modality: str     # "planned" for an intent (CAMEO 03x), else ""
    cameo: str


@dataclass(frozen=True)
class CameoLexicon:
    """The CAMEO verbs, patterns and synonym sets, indexed for search."""

    index: WordIndex
    forms: dict        # first word -> ((form words, base?, verb row), ...)
    verbs: tuple       # per verb row: (block, cameo, plover, mode, modality)
    patterns: dict     # block -> ((before words, after words, cameo, plover, mode, modality, needed), ...)
    synsets: dict      # &name -> (phrase words, ...)
    starts: dict       # &name -> the first words of its phrases


def _items(cell: str) -> tuple:
    return tuple(w for w in cell.split() if w)


@lru_cache(maxsize=1)
def load_cameo() -> CameoLexicon:
    """Read the derived CAMEO lexicon (cached)."""
    read = lambda name: pd.read_csv(data_file(name), dtype=str, keep_default_na=False)  # noqa: E731
    verbs, patterns, synsets = read("cameo_verbs.csv"), read("cameo_patterns.csv"), read("cameo_synsets.csv")
    forms: dict[str, list] = {}
    rows = []
    for k, r in enumerate(verbs.itertuples()):
        rows.append((r.block, r.cameo, r.plover if r.default == "yes" else "", r.mode, r.modality))
        for i, form in enumerate(r.forms.split("|")):
            words = tuple(form.split())
            if words:
                forms.setdefault(words[0], []).append((words, i == 0, k))
    sets: dict[str, list] = {}
    for r in synsets.itertuples():
        sets.setdefault(r.synset, []).append(tuple(r.phrase.split()))
    by_block: dict[str, list] = {}
    for r in patterns.itertuples():
        before, after = _items(r.before), _items(r.after)
        by_block.setdefault(r.block, []).append((before, after, r.cameo, r.plover, r.mode, r.modality,
                                                 _needed(before + after, sets)))
    return CameoLexicon(
        index=WordIndex(forms), forms={w: tuple(v) for w, v in forms.items()}, verbs=tuple(rows),
        patterns={b: tuple(sorted(v, key=lambda p: -(len(p[0]) + len(p[1])))) for b, v in by_block.items()},
        synsets={k: tuple(v) for k, v in sets.items()},
        starts={k: frozenset(p[0] for p in v if p) for k, v in sets.items()})


def _needed(items: tuple, sets: dict) -> tuple:
    """What a pattern needs in its window, to rule it out before trying it in order: (plain words, synsets)."""
    words = frozenset(w for item in items if not item.startswith("&") for w in item.split()[:-1]) | \
        frozenset(item.split()[-1] for item in items if not item.startswith("&"))
    return words, tuple(item for item in items if item.startswith("&"))


def _singular(word: str) -> tuple[str, ...]:
    if word.endswith("ies"):
        return word, word[:-3] + "y"
    if word.endswith("es"):
        return word, word[:-2], word[:-1]
    return (word, word[:-1]) if word.endswith("s") else (word,)


def _plural_of(token: str, word: str) -> bool:
    return token in (word + "s", word + "es") or (word.endswith("y") and token == word[:-1] + "ies")


def _phrase_at(words: list[str], i: int, phrase: tuple) -> int:
    """The index after ``phrase`` if it starts at token i (its last word may be plural), else -1."""
    n = len(phrase)
    if i + n > len(words) or any(words[i + j] != phrase[j] for j in range(n - 1)):
        return -1
    last = words[i + n - 1]
    return i + n if last == phrase[-1] or _plural_of(last, phrase[-1]) else -1


def _item_at(words: list[str], i: int, item: str, lex: CameoLexicon) -> int:
    if item.startswith("&"):
        return max((_phrase_at(words, i, p) for p in lex.synsets.get(item, ())), default=-1)
    return _phrase_at(words, i, tuple(item.split()))


def _in_order(words: list[str], lo: int, hi: int, items: tuple, lex: CameoLexicon) -> bool:
    """Whether the items occur in order in ``words[lo:hi]``."""
    i = lo
    for item in items:
        while i < hi and _item_at(words, i, item, lex) < 0:
            i += 1
        if i >= hi:
            return False
        i = _item_at(words, i, item, lex)
    return True


def _reads_as_verb(raw: list[str], words: list[str], i: int, base: bool) -> bool:
    prev = words[i - 1] if i else ""
    if prev in NOT_BEFORE_A_VERB:
        return False
    return not base or prev in BEFORE_A_BASE_FORM or (i > 0 and raw[i - 1][:1].isupper())


def _code(lex: CameoLexicon, verb: int, words: list[str], span: tuple[int, int], clause: tuple[int, int]) -> tuple:
    block, *default = lex.verbs[verb]
    lo, hi = max(clause[0], span[0] - BEFORE_WINDOW), min(clause[1], span[1] + AFTER_WINDOW)
    near = {s for w in words[lo:span[0]] + words[span[1]:hi] for s in _singular(w)}
    for before, after, cameo, plover, mode, modality, (needed, sets) in lex.patterns.get(block, ()):
        if not needed <= near or any(not (lex.starts.get(s, frozenset()) & near) for s in sets):
            continue
        if _in_order(words, span[1], hi, after, lex) and _in_order(words, lo, span[0], before, lex):
            return cameo, plover, mode, modality
    return tuple(default)


def cameo_cues(sentence: str, clause_spans: list[tuple[int, int]]) -> list[CameoCue]:
    """The CAMEO verbs of a sentence that are event cues; ``clause_spans`` gives each clause's (start, end)."""
    lex = load_cameo()
    hits = lex.index.positions(sentence)
    if not hits:
        return []
    found = [(m.start(), m.end(), m.group(0)) for m in TOKEN_RE.finditer(sentence)]
    raw = [t[2] for t in found]
    words = _dates_masked([w.lower() for w in raw])
    at = {s: i for i, (s, _, _) in enumerate(found)}
    out = []
    for key in hits:
        for pos in hits[key]:
            i = at.get(pos)
            if i is None:
                continue
            out.extend(_cues_at(sentence, lex, found, raw, words, i, clause_spans))
    return sorted(out, key=lambda c: (c.start, -c.end))


def _dates_masked(words: list[str]) -> list[str]:
    """The lower-cased tokens with each preposition that heads a date ("on Tuesday", "in 2025") masked."""
    return [w + ":date" if w in DATE_PREPS and i + 1 < len(words) and
            (words[i + 1] in DATE_WORDS or words[i + 1].isdigit()) else w for i, w in enumerate(words)]


def _clause_tokens(found: list, i: int, clause_spans) -> tuple[int, int]:
    """The token range [first, last) of the clause token i lies in."""
    start = found[i][0]
    lo, hi = next(((a, b) for a, b in clause_spans if a <= start < max(b, a + 1)), (0, found[-1][1]))
    starts = [t[0] for t in found[max(0, i - BEFORE_WINDOW - 1):i + AFTER_WINDOW + 12]]   # forms: < 10 words
    base = max(0, i - BEFORE_WINDOW - 1)
    # only the tokens within the windows matter, so the range is cut to them (same result inside them)
    return base + bisect_left(starts, lo), base + bisect_left(starts, hi)


def _cues_at(sentence, lex, found, raw, words, i, clause_spans) -> list[CameoCue]:
    for form, base, verb in sorted(lex.forms.get(words[i], ()), key=lambda f: -len(f[0])):
        end = _phrase_at(words, i, form) if len(form) > 1 else (i + 1 if words[i] == form[0] else -1)
        if end < 0 or not _reads_as_verb(raw, words, i, base):
            continue
        cameo, plover, mode, modality = _code(lex, verb, words, (i, end), _clause_tokens(found, i, clause_spans))
        if not plover:
            return []
        return [CameoCue(found[i][0], found[end - 1][1], plover, mode, modality, cameo)]
    return []


def is_cameo_form(text: str) -> bool:
    """Whether a text is one of the CAMEO lexicon's verb forms (any case, any white space)."""
    words = tuple(re.findall(r"\S+", text.lower()))
    return any(form == words for form, _, _ in load_cameo().forms.get(words[0] if words else "", ()))
