"""Titles: a person's name directly preceded by an office title, optionally qualified by a country,
nationality or organisation ("United States President Donald Trump", "NATO chief Mark Rutte") is one
mention spanning title and name, with ``how = name``. A title alias directly followed by another person's
name, or preceded by "former", is dropped; a country named inside a title dropped for the name after it
stays a mention ("Norway's foreign minister Kari Lien": Norway, and Kari Lien titled "foreign minister")."""
from __future__ import annotations

from bisect import bisect_left
from functools import lru_cache

from .candidates import _Cand
from .data import (PLACE_KINDS, _FOLLOWING_WORD_RE, _FORMER_RE, _NAME_TOKEN_RE, _name_stopwords, _title_end_regex,
                   _title_regex, compiled_aliases, load_gazetteer)

PERSON_HOWS = ("name", "discovered", "surname")


def _merge_titles(text: str, cands: list, kinds: dict[str, str]) -> list:
    """Extend person names over a preceding office title; drop titles that belong to someone else."""
    # cands are in text order and never overlap; ends never change, starts only move back over
    # removed candidates, so each search below looks only at the few candidates just before a name
    out = _unfold_titles_of_others(text, cands, kinds)
    alive = [True] * len(out)
    for k, c in enumerate(out):
        if not (kinds.get(c.actor_id) == "person" and c.how in PERSON_HOWS):
            continue
        _absorb_own_title(text, out, alive, k)
        new_start = _title_phrase_start(text, c)
        if new_start is not None:
            _extend_over(out, alive, k, new_start)
    out = [o for o, keep in zip(out, alive) if keep]
    return _drop_foreign_titles(text, out)


def _unfold_titles_of_others(text: str, cands: list, kinds: dict[str, str]) -> list:
    """A title alias right before another person's name gives way to the places named inside it."""
    out = []
    for i, c in enumerate(cands):
        nxt = cands[i + 1] if i + 1 < len(cands) else None
        if c.how == "title" and nxt is not None and kinds.get(nxt.actor_id) == "person" \
                and nxt.how in PERSON_HOWS and nxt.actor_id != c.actor_id and text[c.end:nxt.start].isspace():
            out.extend(_places_inside(text, c))
        else:
            out.append(c)
    return out


@lru_cache(maxsize=None)
def _place_aliases() -> tuple:
    kinds = dict(zip(load_gazetteer()["actor_id"], load_gazetteer()["kind"]))
    return tuple(a for a in compiled_aliases() if kinds.get(a.actor_id) in PLACE_KINDS and a.how == "name")


def _places_inside(text: str, title) -> list:
    """The place names inside a title's span, longest first where two overlap, as candidates."""
    found = []
    for alias in _place_aliases():
        for m in alias.regex.finditer(text, title.start, title.end):
            found.append(_Cand(m.start(), m.end(), alias.actor_id, alias.how, alias, span=title.span))
    found.sort(key=lambda c: (c.start, -c.end))
    kept = []
    for c in found:
        if not kept or c.start >= kept[-1].end:
            kept.append(c)
    return kept


def _absorb_own_title(text: str, out: list, alive: list[bool], k: int) -> None:
    """A title alias of the same person right before the name becomes part of the name's mention."""
    c = out[k]
    gap = c.start
    while gap > 0 and text[gap - 1].isspace():
        gap -= 1
    j = k - 1
    while j >= 0 and out[j].end >= gap:
        o = out[j]
        if alive[j] and o.how == "title" and o.actor_id == c.actor_id and o.end <= c.start:
            alive[j] = False
            c.start = o.start
            return
        j -= 1


def _title_phrase_start(text: str, c) -> int | None:
    """Where a title phrase (qualifiers and titles, ``data._title_regex``) ending right before ``c`` starts."""
    # the title phrase is followed by white space and ends with one of the titles' last words
    if c.start == 0 or not text[c.start - 1].isspace():
        return None
    window = text[max(0, c.start - 80):c.start]
    stripped = window.rstrip()
    title_end, longest = _title_end_regex()
    if not title_end.search(stripped, max(0, len(stripped) - longest)):  # a match is as long as its word
        return None
    m = _title_regex().search(window)
    return None if m is None else c.start - (len(window) - m.start())


def _extend_over(out: list, alive: list[bool], k: int, new_start: int) -> None:
    """Move the start of ``out[k]`` back to ``new_start``, absorbing the candidates inside the title phrase,
    unless one straddles its start."""
    c = out[k]
    absorbed = []
    j = k - 1
    while j >= 0 and out[j].end > new_start:
        o = out[j]
        if alive[j]:
            if o.start < new_start:
                return  # straddled
            if o.end <= c.start:
                absorbed.append(j)
        j -= 1
    for j in absorbed:
        alive[j] = False
    c.start = new_start
    if c.how == "surname":
        c.titled = True


def _next_after(out: list, i: int, ordered: bool):
    """The candidate starting within two characters after ``out[i]`` ends, if any."""
    c = out[i]
    if not ordered:
        return next((o for o in out if o.start > c.end and o.start <= c.end + 2), None)
    for o in out[i + 1:]:
        if o.start > c.end + 2:
            return None
        if o.start > c.end:
            return o
    return None


def _drop_foreign_titles(text: str, out: list) -> list:
    """Drop title aliases after "former" and those directly followed by another person's name."""
    ordered = all(out[i].start < out[i + 1].start for i in range(len(out) - 1))
    kept = []
    for i, c in enumerate(out):
        if c.how == "title" and _foreign_title(text, out, i, ordered):
            continue
        kept.append(c)
    return kept


def _foreign_title(text: str, out: list, i: int, ordered: bool) -> bool:
    c = out[i]
    follow = _FOLLOWING_WORD_RE.match(text[c.end:c.end + 40])
    nxt = _next_after(out, i, ordered)
    if _FORMER_RE.search(text[max(0, c.start - 12):c.start]):
        return True
    return bool(follow and _NAME_TOKEN_RE.match(follow.group(1)) and (nxt is None or nxt.actor_id != c.actor_id)
                and follow.group(1) not in _name_stopwords())


def _take(cands: list, alive: list[bool], starts: list[int], probe, allowed) -> bool:
    """Drop the live candidates overlapping probe and return True, unless one of them is not ``allowed``."""
    hits = []
    j = bisect_left(starts, probe.end) - 1
    while j >= 0 and cands[j].end > probe.start:
        if alive[j]:
            if not allowed(cands[j]):
                return False
            hits.append(j)
        j -= 1
    for j in hits:
        alive[j] = False
    return True
