"""Mention finding as a sequence of named stages (``find_mentions`` in ``__init__``):

gazetteer candidates -> discovery -> discovered names -> titles -> surnames -> place or actor ->
possessive governments -> mention rows. Each stage takes an article's candidates (``_Cand``, in text
order) and returns them refined; the rules of each stage are in its module's docstring.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from .candidates import _START, _Cand, _all_sentence_spans, _inside, _selected_candidates
from .data import (DISCOVERED_PREFIX, MENTION_COLUMNS, _GIVEN_NAME_RE, _POSSESSIVE_END_RE, _current_offices,
                   _name_stopwords, compiled_aliases, fold_accents, load_gazetteer, office_holder, slug)
from .discovery import Discovered, _bounded_literal, _discover, _suffixes, keep_full_names, spellings
from .index import _bounded_matches, _indexer, _word_index
from .places import _is_place_use
from .titles import _merge_titles, _take
from ...textmatch import RUN_RE as _RUN_RE, is_word_char as _word_char, trie_alternation

SURNAME_RULE = "surname_kept"  # the rule of a common surname kept as a person of its own
_POSSESSIVE_GOVERNMENT_RE = re.compile(r"(?<![\w])(?i:his|her)\s+government(?![\w])")


@dataclass
class _Context:
    """What the stages share across a corpus: actor kinds (discovered persons added), countries, governments."""

    kinds: dict[str, str]
    countries: dict[str, str]
    governments: dict[str, str] = field(default_factory=dict)
    article_names: list = field(default_factory=list)  # (accent-free text, actor_id) of the article's full names

    @classmethod
    def from_gazetteer(cls) -> "_Context":
        gaz = load_gazetteer()
        ctx = cls(dict(zip(gaz["actor_id"], gaz["kind"])), dict(zip(gaz["actor_id"], gaz["country"])))
        for row in gaz.itertuples(index=False):
            if row.kind == "government" and row.country and row.code == f"{row.country}GOV":
                ctx.governments.setdefault(row.country, row.actor_id)
        return ctx


@lru_cache(maxsize=None)
def _surname_aliases() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for a in compiled_aliases():
        if a.how == "surname":
            out.setdefault(a.actor_id, set()).add(fold_accents(a.alias))
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=4096)
def _ends_with_surname(full: str, surname: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(surname)}$", full) is not None


def _analyse(corpus, found: dict[str, Discovered] | None = None
             ) -> tuple[pd.DataFrame, dict[str, Discovered], dict[str, Discovered]]:
    """(mentions, discovered persons, what discovery found); ``found`` replaces this corpus's own discovery."""
    ctx = _Context.from_gazetteer()
    ids = list(corpus.articles["article_id"])
    spans_by = _all_sentence_spans(corpus)
    indexes = {a: _word_index(corpus.text(a)) for a in ids}
    selected = {a: _selected_candidates(corpus.text(a), spans_by[a], indexes[a]) for a in ids}
    if found is None:
        found = _discover(corpus, selected, spans_by, indexes)
    discovered = keep_full_names(found)
    _index_discovered_names(corpus, indexes, discovered)
    rows = []
    dates = dict(zip(corpus.articles["article_id"], corpus.articles["published"]))
    for article_id in ids:
        text, spans = corpus.text(article_id), spans_by[article_id]
        cands = _with_discovered_names(text, spans, indexes[article_id], selected[article_id], discovered, ctx)
        cands = _merge_titles(text, cands, ctx.kinds)
        cands = _drop_name_parts(text, cands)
        _mark_place_uses(text, cands)
        cands = _resolve_surnames(text, cands, ctx)
        cands = _titles_at_date(cands, dates.get(article_id), ctx)
        cands = _possessive_governments(text, spans, indexes[article_id], cands, ctx)
        rows.extend(_mention_rows(article_id, text, spans, cands))
    _add_surname_persons(rows, discovered)
    return _mentions_table(rows, discovered), discovered, found


# --------------------------------------------------------------------------- discovered names

def _index_discovered_names(corpus, indexes: dict, discovered: dict[str, Discovered]) -> None:
    """Add the first words of discovered names to the word indexes."""
    # the word index holds only the keys known before discovery: add the first words of discovered names,
    # found by their exact spelling (the names are matched case-sensitively, so no other spelling can start
    # one); such a key lists only those of its runs
    indexer = _indexer()
    firsts = {}
    for x in {x for d in discovered.values() for n in spellings(d.name) for x in (n, *_suffixes(n))}:
        m = _RUN_RE.match(x)
        if m is not None and indexer.key(m.group()) not in indexer.keys:
            firsts[m.group()] = indexer.key(m.group())
    if not firsts:
        return
    spelled = re.compile(rf"{trie_alternation(firsts)}(?!\w)")  # starts with a letter: a fast scan
    for article_id, index in indexes.items():
        if index is not None:
            text = corpus.text(article_id)
            for m in spelled.finditer(text):
                p = m.start()
                if p == 0 or not _word_char(text[p - 1]):  # a whole run (one cannot start inside another)
                    index.setdefault(firsts[m.group()], []).append(p)


def _with_discovered_names(text: str, spans, index, base: list[_Cand], discovered: dict[str, Discovered],
                           ctx: _Context) -> list[_Cand]:
    """The gazetteer candidates plus the full names of discovered persons and their later surnames."""
    alive = [True] * len(base)
    base_starts = [c.start for c in base]
    taken = bytearray(len(text))  # characters covered by extra
    extra = _discovered_full_names(text, spans, index, base, alive, base_starts, taken, discovered)
    extra += _discovered_surnames(text, spans, index, base, alive, base_starts, taken, discovered, extra)
    for c in extra:
        ctx.kinds.setdefault(c.actor_id, "person")
    cands = [c for c, keep in zip(base, alive) if keep]
    return sorted(cands + extra, key=_START) if extra else cands


def _discovered_full_names(text, spans, index, base, alive, base_starts, taken, discovered) -> list[_Cand]:
    """Full names of discovered persons, wherever they occur (a bare surname inside one gives way)."""
    extra = []
    for d in discovered.values():
        for name in spellings(d.name):
            regex, key = _bounded_literal(name)
            if index is not None and key is not None and key not in index:
                continue
            for a, b in _bounded_matches(text, index, regex, key):
                probe = _Cand(a, b, d.actor_id, "discovered")
                if _claim(spans, base, alive, base_starts, taken, probe, lambda c: c.how == "surname"):
                    extra.append(probe)
    return extra


def _discovered_surnames(text, spans, index, base, alive, base_starts, taken, discovered, extra) -> list[_Cand]:
    """Surnames of discovered persons after their first full mention (longest suffix first); a gazetteer
    surname strictly inside one gives way ("Fogh Rasmussen" over "Rasmussen")."""
    first_full: dict[str, int] = {}
    for c in extra:
        first_full[c.actor_id] = min(first_full.get(c.actor_id, c.start), c.start)
    out = []
    for d in discovered.values():
        if d.actor_id not in first_full:
            continue
        for last in dict.fromkeys(x for n in spellings(d.name) for x in _suffixes(n)):
            regex, key = _bounded_literal(last)
            if index is not None and key is not None and key not in index:
                continue
            for a, b in _bounded_matches(text, index, regex, key):
                if a <= first_full[d.actor_id]:
                    continue
                probe = _Cand(a, b, d.actor_id, "surname", surname=fold_accents(last))
                if _claim(spans, base, alive, base_starts, taken, probe,
                          lambda c, probe=probe: c.how == "surname" and probe.start < c.start):
                    out.append(probe)
    return out


def _claim(spans, base, alive, base_starts, taken, probe: _Cand, allowed) -> bool:
    """Take probe's characters if it lies in a sentence, overlaps no other discovered name and only ``allowed``
    gazetteer candidates (which are dropped)."""
    a, b = probe.start, probe.end
    probe.span = _inside(spans, a, b)
    if probe.span is None or taken.find(1, a, b) >= 0:
        return False
    if not _take(base, alive, base_starts, probe, allowed):
        return False
    taken[a:b] = b"\x01" * (b - a)
    return True


# --------------------------------------------------------------------------- surnames, place or actor

def _drop_name_parts(text: str, cands: list[_Cand]) -> list[_Cand]:
    """A gazetteer surname right after a given name is part of another person's full name: dropped."""
    return [c for c in cands if not (c.how == "surname" and not c.actor_id.startswith(DISCOVERED_PREFIX)
                                     and not c.titled and _after_given_name(text, c))]


def _after_given_name(text: str, c: _Cand) -> bool:
    """True when a surname follows a capitalised word that is not a title or a sentence opener."""
    if c.start == 0 or not text[c.start - 1].isspace():  # (\s is str.isspace)
        return False  # the pattern below ends with white space
    window = text[max(0, c.start - 40):c.start]
    m = _GIVEN_NAME_RE.search(window)
    if not m or m.group(1) in _name_stopwords() or _POSSESSIVE_END_RE.search(m.group(1)):
        return False
    before = window[:m.start(1)].rstrip()
    return bool(before) and (before[-1].isalpha() or before[-1] in ",;")


def _mark_place_uses(text: str, cands: list[_Cand]) -> None:
    """Set ``placeable`` and ``place_use`` on the candidates whose alias can denote a place (see places)."""
    previous = None
    for c in cands:
        if c.alias is not None and c.alias.place:
            c.placeable = True
            c.place_use = _is_place_use(text, c, previous)
            previous = c


def _resolve_surnames(text: str, cands: list[_Cand], ctx: _Context) -> list[_Cand]:
    """Surnames resolve to the person whose full name came last before them; else to the first person whose full
    name comes later in the article ("Nielsen said … Prime Minister Jens-Frederik Nielsen"); else a common
    surname (flagged ``antecedent``) becomes a discovered person, unless a title stands before it ("Premier
    Nielsen": the gazetteer's holder of the surname). Place uses are dropped here, after their surname reading."""
    ctx.article_names = [(fold_accents(text[c.start:c.end]), c.actor_id) for c in cands
                         if c.how in ("name", "discovered") and not c.place_use and ctx.kinds.get(c.actor_id) == "person"]
    resolved: list[_Cand] = []
    last_at: dict[str, int] = {}         # actor_id -> index of its last mention in resolved
    # (accent-free text, actor_id) of resolved names of persons (an actor's kind never changes once
    # set, and is set before its first name is resolved)
    full_names: dict[tuple[str, str], None] = {}
    for c in cands:
        if c.how == "surname" and not c.actor_id.startswith(DISCOVERED_PREFIX):
            _resolve_surname(text, c, full_names, last_at, ctx)
        if c.place_use:
            continue
        last_at[c.actor_id] = len(resolved)
        resolved.append(c)
        if c.how in ("name", "discovered") and ctx.kinds.get(c.actor_id) == "person":
            full_names.setdefault((fold_accents(text[c.start:c.end]), c.actor_id), None)
    return resolved


def _resolve_surname(text: str, c: _Cand, full_names: dict, last_at: dict, ctx: _Context) -> None:
    surname = c.surname
    aliases = _surname_aliases()
    owners = {actor for full, actor in full_names
              if _ends_with_surname(full, surname) or surname in aliases.get(actor, ())} if surname else ()
    later = [actor for full, actor in ctx.article_names if surname and _ends_with_surname(full, surname)]
    if owners:
        c.actor_id = max(owners, key=last_at.__getitem__)
    elif later:
        c.actor_id = later[0]
    elif c.alias is not None and c.alias.antecedent and not c.titled:   # "Premier Nielsen" keeps the gazetteer's
        c.actor_id, c.how = DISCOVERED_PREFIX + slug(text[c.start:c.end]), "discovered"
        ctx.kinds.setdefault(c.actor_id, "person")


def _titles_at_date(cands: list[_Cand], date, ctx: _Context) -> list[_Cand]:
    """A title standing alone ("the Danish prime minister") names whoever held the office at the article's date
    (``actor_offices.csv``); a title whose holder on that date the gazetteer does not know is dropped (a role,
    not a known actor). Without a date the title's alias names the present holder."""
    if date is None or date != date:  # (NaT)
        return cands
    offices = _current_offices()
    out = []
    for c in cands:
        office = offices.get(c.actor_id) if c.how == "title" else None
        if office is not None:
            holder = office_holder(office, date)
            if holder is None:
                continue
            c.actor_id = holder
            ctx.kinds.setdefault(holder, "person")
        out.append(c)
    return out


# --------------------------------------------------------------------------- possessive governments

def _possessive_governments(text: str, spans, index, resolved: list[_Cand], ctx: _Context) -> list[_Cand]:
    """"his government" / "her government": the government of the country of the last person named."""
    if index is None:
        possessives = [(m.start(), m.end()) for m in _POSSESSIVE_GOVERNMENT_RE.finditer(text)]
    else:  # the two patterns cannot overlap, so their matches together are those of finditer
        possessives = sorted(_bounded_matches(text, index, _POSSESSIVE_GOVERNMENT_RE, "his")
                             + _bounded_matches(text, index, _POSSESSIVE_GOVERNMENT_RE, "her"))
    if not possessives:
        return resolved
    covered = bytearray(len(text))
    for c in resolved:
        covered[c.start:c.end] = b"\x01" * (c.end - c.start)
    persons = [c for c in resolved if ctx.kinds.get(c.actor_id) == "person"]
    added: list[_Cand] = []
    for m_start, m_end in possessives:
        probe = _Cand(m_start, m_end, "", "alias")
        probe.span = _inside(spans, m_start, m_end)
        if probe.span is None or covered.find(1, m_start, m_end) >= 0:
            continue
        person = _last_person_before(persons, added, m_start, ctx)
        country = ctx.countries.get(person.actor_id, "") if person is not None else ""
        if country in ctx.governments:
            probe.actor_id = ctx.governments[country]
            resolved.append(probe)
            added.append(probe)
            covered[probe.start:probe.end] = b"\x01" * (probe.end - probe.start)
    if added:
        resolved.sort(key=_START)
    return resolved


def _last_person_before(persons: list[_Cand], added: list[_Cand], pos: int, ctx: _Context) -> _Cand | None:
    before = [c for c in added if c.end <= pos and ctx.kinds.get(c.actor_id) == "person"]
    if before:
        return before[-1]
    ends = [c.end for c in persons]
    if all(ends[i] <= ends[i + 1] for i in range(len(ends) - 1)):
        i = bisect_right(ends, pos)
        return persons[i - 1] if i else None
    earlier = [c for c in persons if c.end <= pos]
    return earlier[-1] if earlier else None


# --------------------------------------------------------------------------- rows

def _mention_rows(article_id: str, text: str, spans, resolved: list[_Cand]) -> list[tuple]:
    rows = []
    for c in resolved:
        span = c.span  # the sentence of the candidate's first span: it still holds c unless a title moved c.start
        if span is None or span[0] > c.start:
            span = _inside(spans, c.start, c.end)
            if span is None:
                continue
        rows.append((article_id, span[2], span[3], c.start, c.end, text[c.start:c.end], c.actor_id, c.how))
    return rows


def _mentions_table(rows: list[tuple], discovered: dict[str, Discovered]) -> pd.DataFrame:
    """The mention rows as a table; a discovered person's mentions carry the rule that discovered it."""
    rules = [discovered[r[6]].rule if r[6] in discovered else "" for r in rows]
    if rows:  # by columns: faster than by rows, and the integers come out as int64
        return pd.DataFrame(dict(zip(MENTION_COLUMNS, [*map(list, zip(*rows)), rules])))
    mentions = pd.DataFrame(rows, columns=MENTION_COLUMNS[:-1]).assign(rule=[])
    for col in ("para", "sent", "start", "end"):
        mentions[col] = mentions[col].astype("int64")
    return mentions


def _add_surname_persons(rows: list[tuple], discovered: dict[str, Discovered]) -> None:
    """Bare surnames kept as provisional persons are discovered actors too (the first mention of each)."""
    for article_id, _, _, start, end, name, actor_id, how in rows:
        if how == "discovered" and actor_id not in discovered:
            discovered[actor_id] = Discovered(actor_id, name, "", article_id, start, end, "", SURNAME_RULE)
