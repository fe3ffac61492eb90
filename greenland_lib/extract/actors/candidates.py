"""Gazetteer candidates: every alias match inside a sentence, overlaps settled (the longest wins; ties: the
more specific reading, then leftmost, then the earlier alias). ``_Cand`` is the candidate mention the later
stages refine."""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from operator import attrgetter, itemgetter

from ...textmatch import matches_at
from .data import HOW_PRIORITY, Alias, compiled_aliases, fold_accents
from .index import _alias_plan, _alias_tests, _bounded_matches, _matches_together, _together


class _Cand:
    """A candidate mention: its span, actor and how it is named, with flags set while resolving it."""

    __slots__ = ("start", "end", "actor_id", "how", "alias", "surname", "titled", "placeable", "place_use", "span")

    def __init__(self, start: int, end: int, actor_id: str, how: str, alias: Alias | None = None,
                 surname: str = "", span: tuple | None = None):
        self.start, self.end, self.actor_id, self.how, self.alias = start, end, actor_id, how, alias
        self.surname = surname  # for surname candidates: the surname as matched (accent-folded)
        self.titled = self.placeable = self.place_use = False
        self.span = span  # the sentence span holding it, once known


_START = attrgetter("start")


def _overlaps(a: _Cand, b: _Cand) -> bool:
    return a.start < b.end and b.start < a.end


class _Spans(list):
    """An article's sentence spans (start, end, para, sent) in table order, with their starts for bisection."""

    def __init__(self, spans):
        super().__init__(spans)
        self.starts = [s[0] for s in self]


def _all_sentence_spans(corpus) -> dict[str, _Spans]:
    """Sentence spans of every article, from one pass over the sentence table."""
    s = corpus.sentences
    grouped: dict[str, list] = {a: [] for a in corpus.articles["article_id"]}
    for row in zip(s["article_id"], s["start"], s["end"], s["para"], s["sent"]):
        if row[0] in grouped:
            grouped[row[0]].append(row[1:])
    return {a: _Spans(rows) for a, rows in grouped.items()}


def _inside(spans: _Spans, start: int, end: int):
    i = bisect_right(spans.starts, start) - 1
    if i >= 0 and spans[i][0] <= start and end <= spans[i][1]:
        return spans[i]
    return None


def _gazetteer_candidates(text: str, spans: _Spans, index) -> list[tuple[int, int, int, tuple]]:
    """Every alias match inside a sentence as (start, end, alias index, sentence span), by alias, then start."""
    if index is None:
        found = {i: _spans_of(alias.regex, text) for i, alias in enumerate(compiled_aliases())}
    else:
        found = _keyed_matches(text, index)
        found.update(_scanned_matches(text, index))
    return _in_sentences(found, spans)


def _spans_of(regex: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in regex.finditer(text)]


def _keyed_matches(text: str, index) -> dict[int, list[tuple[int, int]]]:
    """The matches of the aliases searched by their first word, from the word index."""
    aliases = compiled_aliases()
    keyed, tests, words = _alias_plan()[0], _alias_tests(), index.keys()
    found: dict[int, list[tuple[int, int]]] = {}
    for key in keyed.keys() & words:
        positions = index[key]
        active = []
        for i, same, later, regex in tests[key]:
            if same is not None:  # the run at p is a whole word of the key's length, so this is exact
                n = len(same)
                found[i] = [(p, p + n) for p in positions if text.startswith(same, p)]
            elif words >= later:  # every word of a literal alias is a word of the text where it matches
                active.append(i)
        if len(active) == 1:
            found[active[0]] = _bounded_matches(text, index, aliases[active[0]].regex, key)
        elif active:  # (literals have no groups of their own)
            found.update(_matches_together(text, positions, tuple(active)))
    return found


def _scanned_matches(text: str, index) -> dict[int, list[tuple[int, int]]]:
    """The matches of the other aliases: tried together at their declared start words when possible."""
    aliases = compiled_aliases()
    _, scanned, starts, scan_keys = _alias_plan()
    words = index.keys()
    if starts is not None and scan_keys is not None and _together(scanned) is not None:
        # every scanned alias starts with a word of scan_keys: try them all at once there
        return dict(_matches_together(text, sorted(p for k in scan_keys & words for p in index[k]), scanned))
    if starts is None:
        return {i: _spans_of(aliases[i].regex, text) for i in scanned}
    if scan_keys is None:
        positions = [m.start() for m in starts.finditer(text)]
    else:  # every scanned alias starts with a word of scan_keys: try ``starts`` only there
        positions = [p for p in sorted(p for k in scan_keys & words for p in index[k]) if starts.match(text, p)]
    return {i: matches_at(text, aliases[i].regex, positions) for i in scanned}


def _in_sentences(found: dict[int, list[tuple[int, int]]], spans: _Spans) -> list[tuple[int, int, int, tuple]]:
    """The non-empty matches that lie inside one sentence, with that sentence, by alias, then start."""
    cands = []
    span_starts = spans.starts
    for i in sorted(found):
        for a, b in found[i]:
            if b > a:  # _inside(), inlined
                k = bisect_right(span_starts, a) - 1
                if k >= 0 and b <= spans[k][1]:  # (spans[k][0] <= a by the bisection)
                    cands.append((a, b, i, spans[k]))
    return cands


@lru_cache(maxsize=None)
def _alias_priorities() -> tuple[int, ...]:
    return tuple(HOW_PRIORITY[a.how] for a in compiled_aliases())


def _select(cands: list[tuple[int, int, int, tuple]]) -> list[tuple[int, int, int, tuple]]:
    """Keep the longest of overlapping candidates (ties: the more specific reading, then leftmost, then the
    earlier alias); in text order."""
    # Greedy choice in the order of that key. Candidates are never empty, and two overlap exactly when they
    # share a character; the choice within one cluster of transitively overlapping candidates never depends
    # on another cluster, so each cluster is settled alone (most are a single candidate).
    prio = _alias_priorities()
    ordered = sorted(cands, key=itemgetter(0))
    chosen = []
    k, n = 0, len(ordered)
    while k < n:
        end = ordered[k][1]
        m = k + 1
        while m < n and ordered[m][0] < end:
            if ordered[m][1] > end:
                end = ordered[m][1]
            m += 1
        if m == k + 1:
            chosen.append(ordered[k])
        else:
            kept: list = []
            for c in sorted(ordered[k:m], key=lambda c: (c[0] - c[1], prio[c[2]], c[0], c[2])):
                if not any(o[0] < c[1] and c[0] < o[1] for o in kept):
                    kept.append(c)
            chosen.extend(sorted(kept, key=itemgetter(0)))
        k = m
    return chosen


def _selected_candidates(text: str, spans: _Spans, index) -> list[_Cand]:
    """The gazetteer's candidates of an article after ``_select``, in text order, never overlapping."""
    aliases = compiled_aliases()
    out = []
    for a, b, i, span in _select(_gazetteer_candidates(text, spans, index)):
        alias = aliases[i]
        out.append(_Cand(a, b, alias.actor_id, alias.how, alias,
                         fold_accents(text[a:b]) if alias.how == "surname" else "", span))
    return out

