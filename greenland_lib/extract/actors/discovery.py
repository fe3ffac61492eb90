"""Discovery of persons absent from the gazetteer.

A capitalised name of two or more words is a person when its context says so (the rules of
``data._discovery_regexes``): after a reporting verb, before an age, after a person noun, an honorific or an
office title (also set off by commas: "Canada's trade minister, Dominic Leblanc,"), before a reporting verb,
before an appositive that holds a person noun or a title and then a reporting verb ("Liang Wei, a ministry
spokesman, said"), after "according to", or starting with a given name of ``gender_evidence.csv`` ("Ana Ruiz
chaired the meeting"). A lone capitalised word is a name only after an honorific ("Mr Halvorsen", "Ms.
Brekke"): a surname, linked to a longer discovered name that ends with it. Leading titles, nationalities and
openers are stripped (a person noun or an honorific too: "Campaigner Tomas Quill", "Ms Robin Hale"); a name
right after a ship's prefix (USS, HMS) is never a person; a gazetteer mention inside the name blocks it unless
it is a surname the name extends. The person gets a provisional id ``new:<slug>``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

import pandas as pd

from ...textmatch import matches_in
from .candidates import _Spans
from .data import (DISCOVERED_PREFIX, fold_accents, nordic_digraphs, _NAME_TOKEN_RE, _NON_SPACE_RE, _POSSESSIVE_END_RE, _discovery_regexes,
                   _literal_regex, _name_stopwords, _person_cues, not_person_prefixes, slug)
from .index import _UPPER_START_RE, _discovery_starts, _first_run_key


def _clean_name(text: str, start: int, end: int, least: int = 2) -> tuple[int, int] | None:
    """Strip leading stop words (titles, nationalities, openers) from a captured name; None if it keeps fewer than
    ``least`` capitalised words (one after an honorific: "Mr Halvorsen")."""
    stop = _name_stopwords()
    cues = _person_cues()
    tokens = [(m.start() + start, m.end() + start, m.group(0)) for m in _NON_SPACE_RE.finditer(text[start:end])]
    while tokens and (tokens[0][2] in stop or tokens[0][2].rstrip(".") in stop or tokens[0][2].lower() in cues):
        tokens.pop(0)
    caps = [t for t in tokens if _NAME_TOKEN_RE.match(t[2])]
    if len(caps) < least or any(t[2] in stop for t in tokens):
        return None
    if _POSSESSIVE_END_RE.search(tokens[-1][2]):
        return None
    return tokens[0][0], tokens[-1][1]


@dataclass
class Discovered:
    """A person named in the corpus but absent from the gazetteer."""

    actor_id: str
    name: str
    role: str
    article_id: str
    start: int
    end: int
    context: str
    rule: str = ""  # the discovery rule that found the person (after_verb, age, cue, title_appositive, appositive, before_verb, according_to,
    #                honorific_surname, given_name)


def _descriptor_role(descr: str | None) -> str:
    if not descr:
        return ""
    words = [w for w in re.findall(r"[\w'’-]+", descr) if not re.fullmatch(r"\d+(?:-year-old)?|also|an?|the", w)]
    return " ".join(words)


# capitalised words a discovered name needs, by rule (two unless the rule's own evidence names a lone surname)
LEAST_WORDS = {"honorific_surname": 1}
_NAME_BREAK_RE = re.compile(r"[,;:()\"“”!?]")


_AGE_GATE_RE = re.compile(r",(?=\s+\d{1,3},)")  # starts with the comma: found by a fast literal scan


def _discover(corpus, selected: dict[str, list], spans_by: dict[str, _Spans],
              indexes: dict) -> dict[str, Discovered]:
    """Find persons named in a person context who are not in the gazetteer; {actor_id: Discovered}, first finding first."""
    found: dict[str, Discovered] = {}
    for article_id in corpus.articles["article_id"]:
        _discover_in(corpus.text(article_id), article_id, spans_by[article_id], indexes[article_id],
                     selected[article_id], found)
    return found


def _discover_in(text: str, article_id: str, spans: _Spans, index, chosen: list, found: dict) -> None:
    """Add to ``found`` the persons the discovery rules find in one article (``chosen``: its gazetteer mentions)."""
    rules = _discovery_regexes()
    positions, gates = _rule_positions(text, index)
    chosen_starts = [c.start for c in chosen]  # in text order, never overlapping
    for i, r in _sentence_rule_pairs(spans, positions, gates):
        s_start, s_end = spans[i][0], spans[i][1]
        for m in matches_in(text, rules[r][1], positions[r], s_start, s_end):
            span = _clean_name(text, m.start("name"), m.end("name"), LEAST_WORDS.get(rules[r][0], 2))
            if span is None or _blocked(chosen, chosen_starts, span) or _after_prefix(text, span[0]):
                continue
            name = re.sub(r"\s+", " ", text[span[0]:span[1]])
            actor_id = DISCOVERED_PREFIX + slug(name)
            if actor_id not in found:
                found[actor_id] = Discovered(actor_id, name, _descriptor_role(m.groupdict().get("descr")), article_id,
                                             span[0], span[1], text[s_start:s_end], rules[r][0])


_WORD_BEFORE_RE = re.compile(r"(\S+)\s+$")


def _after_prefix(text: str, start: int) -> bool:
    """True when the word right before a name is a ship's prefix (``not_person_words.csv``: USS, HMS)."""
    m = _WORD_BEFORE_RE.search(text, max(0, start - 12), start)
    return m is not None and m.group(1) in not_person_prefixes()


def _blocked(chosen: list, chosen_starts: list[int], span: tuple[int, int]) -> bool:
    """A gazetteer mention inside the name blocks it, except a surname it extends ("Anders Fogh Rasmussen");
    a name never extends itself ("Løkke Rasmussen")."""
    j = bisect_left(chosen_starts, span[1]) - 1
    while j >= 0 and chosen[j].end > span[0]:
        if chosen[j].how != "surname" or chosen[j].start <= span[0]:
            return True
        j -= 1
    return False


def _rule_positions(text: str, index) -> tuple[list, list]:
    """Per discovery rule: the sorted positions where it can start (None: anywhere) and its gate (positions
    one of which the sentence must hold for the rule to be tried; None: its start positions)."""
    rules = _discovery_regexes()
    upper = None
    positions = []
    for how in _discovery_starts():
        if index is None or how is None:
            positions.append(None)
        elif how == "upper":
            if upper is None:
                upper = [m.start() for m in _UPPER_START_RE.finditer(text)]
            positions.append(upper)
        else:
            positions.append(sorted(p for k in how & index.keys() for p in index[k]))
    names = [r for r, _ in rules]
    # a rule is tried in a sentence only if the sentence holds what the rule cannot match without:
    # a reporting verb after the name, or ", <age>," after it
    verb_positions = positions[names.index("after_verb")]
    if verb_positions is not None and upper is not None:
        before_verb = _before_verb_starts(text, verb_positions, upper)
        positions = [before_verb if rule == "before_verb" else pos for rule, pos in zip(names, positions)]
    gates = []
    for rule in names:
        if rule in ("before_verb", "appositive") and verb_positions is not None:
            gates.append(verb_positions)
        elif rule == "age":
            gates.append([m.start() for m in _AGE_GATE_RE.finditer(text)])
        else:
            gates.append(None)
    return positions, gates


def _before_verb_starts(text: str, verb_positions: list[int], upper: list[int]) -> list[int]:
    """Where a name before a reporting verb can start."""
    # a name before a verb is capitalised words, name links and an adverb: nothing between its
    # start and the first reporting verb after it is one of the characters of _NAME_BREAK_RE;
    # so it starts at a capital before some verb, at or after the verb before that one, after the last
    # break before it
    breaks = [m.start() for m in _NAME_BREAK_RE.finditer(text)]
    before_verb = []
    previous = -1
    for v in verb_positions:
        k = bisect_left(breaks, v)
        lo = max(previous, breaks[k - 1] + 1 if k else 0)
        before_verb.extend(upper[bisect_left(upper, lo):bisect_left(upper, v)])
        previous = v
    return before_verb


def _sentence_rule_pairs(spans: _Spans, positions: list, gates: list) -> list[tuple[int, int]]:
    """The (sentence, rule) pairs worth trying, sentence by sentence, rule by rule: a rule needs one of its
    start positions (or, if it has one, its gate) inside the sentence."""
    if not all(a[0] < b[0] for a, b in zip(spans, islice(spans, 1, None))):  # pragma: no cover - in text order
        return [(i, r) for i in range(len(spans)) for r in range(len(positions))]
    todo = set()
    for r, (starts, gate) in enumerate(zip(positions, gates)):
        needed = gate if gate is not None else starts
        if needed is None:
            todo.update((i, r) for i in range(len(spans)))
            continue
        for p in needed:
            i = bisect_right(spans.starts, p) - 1
            if i >= 0 and p < spans[i][1]:
                todo.add((i, r))
    return sorted(todo)


def keep_full_names(found: dict[str, Discovered]) -> dict[str, Discovered]:
    """Drop each discovered name that ends another discovered name: it is that person's surname ("Fogh Rasmussen")."""
    names = {d.name for d in found.values()}
    return {k: d for k, d in found.items() if not any(n != d.name and n.endswith(" " + d.name) for n in names)}


DISCOVERED_COLUMNS = ["actor_id", "name", "role", "article_id", "start", "end", "context", "rule"]


def discovered_table(found: dict[str, Discovered]) -> pd.DataFrame:
    """The persons found by discovery, first finding first (``Handoff.discovered``)."""
    return pd.DataFrame([[getattr(d, c) for c in DISCOVERED_COLUMNS] for d in found.values()],
                        columns=DISCOVERED_COLUMNS)


def discovered_from_table(table: pd.DataFrame) -> dict[str, Discovered]:
    """Read a ``discovered_table`` back ({actor_id: Discovered}); the first row of an actor wins."""
    out: dict[str, Discovered] = {}
    for row in table[DISCOVERED_COLUMNS].itertuples(index=False):
        out.setdefault(row.actor_id, Discovered(*row))
    return out


def name_occurs(text: str, names) -> bool:
    """True if any of the names occurs in the text as discovered full names are matched (case-sensitive, bounded)."""
    return any(_bounded_literal(name)[0].search(text) for name in names)


def spellings(name: str) -> tuple[str, ...]:
    """A discovered name as written, without accents and with Nordic digraphs ("Henrik Møller", "Henrik Moller",
    "Henrik Moeller"): all are matched."""
    return tuple(dict.fromkeys((name, fold_accents(name), nordic_digraphs(name))))


def _suffixes(name: str) -> list[str]:
    """Proper token suffixes of a name, longest first ("Anders Fogh Rasmussen" -> "Fogh Rasmussen", "Rasmussen")."""
    tokens = name.split()
    out = [" ".join(tokens[i:]) for i in range(1, len(tokens))]
    return [x for x in out if _NAME_TOKEN_RE.match(x)]


@lru_cache(maxsize=4096)
def _bounded_literal(literal: str) -> tuple[re.Pattern, str | None]:
    """A case-sensitive bounded pattern for a literal name, with the case key of its first word."""
    return re.compile(rf"(?<![\w]){_literal_regex(literal)}(?![\w])"), _first_run_key(literal)

