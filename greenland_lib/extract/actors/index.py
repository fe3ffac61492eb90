"""How the actors use ``textmatch``: which words the word index lists, which aliases are searched from it
(by the key of their first word, tried together when they share one) and which are scanned, and where each
discovery rule can start. Nothing here decides a mention; it only decides where patterns are tried."""
from __future__ import annotations

import re
from functools import lru_cache

from ...textmatch import RUN_RE as _RUN_RE, WordIndex, leading_run, matches_at, matches_together, together
from .data import UPPER, Alias, _discovery_regexes, _word_list, compiled_aliases, given_names, honorifics, reporting_verbs

# a capital not preceded by a word character; the look-behind comes after the capital so that the
# engine can skip ahead to the next capital instead of trying every position
_UPPER_START_RE = re.compile(rf"[{UPPER}](?<![\w].)", re.DOTALL)


def _word_index(text: str) -> dict[str, list[int]] | None:
    """Return {key: start offsets} of the runs of word characters equal to a word some gazetteer alias,
    discovery rule or "his government" starts from (``textmatch.WordIndex``); None means "no index"."""
    return _indexer().positions(text)


def _first_run_key(literal: str) -> str | None:
    """The index key of a literal's leading run of word characters (None if it does not start with one)."""
    run = leading_run(literal)
    return None if run is None else _indexer().key(run)


def _bounded_matches(text: str, index, regex: re.Pattern, key: str | None) -> list[tuple[int, int]]:
    """Return the (start, end) of ``regex.finditer(text)`` for a bounded pattern whose first word has case key ``key``."""
    if index is None or key is None:
        return [(m.start(), m.end()) for m in regex.finditer(text)]
    return matches_at(text, regex, index.get(key, ()))


def _keyed(alias: Alias) -> bool:
    """True when a literal alias is searched through the word index: it starts with a run of word characters
    followed by an ASCII character or its end (no character the engine equates with a word character ends it)."""
    run = leading_run(alias.literal) if alias.literal else None
    return run is not None and (len(run) == len(alias.literal) or alias.literal[len(run)].isascii())


@lru_cache(maxsize=None)
def _index_words() -> frozenset[str]:
    """The words the word index lists: every run of the indexed literal aliases, the declared start words of the
    regular expression aliases, the first words of the discovery rules, his and her."""
    words = set()
    for alias in compiled_aliases():
        if _keyed(alias):
            words.update(_RUN_RE.findall(alias.literal))
        elif not alias.literal:
            words.update(alias.starts)
    for group in _discovery_start_words():
        if group is not None:
            words.update(group)
    words.update(("his", "her"))
    return frozenset(words)


@lru_cache(maxsize=None)
def _indexer() -> WordIndex:
    return WordIndex(_index_words())


@lru_cache(maxsize=None)
def _alias_plan() -> tuple[dict[str, tuple[int, ...]], tuple[int, ...], re.Pattern | None, frozenset[str] | None]:
    """Aliases by the case key of their first word; the others (scanned), one pattern for where they may
    start, and the case keys of the words they can start with (None if that cannot be told)."""
    keyed: dict[str, list[int]] = {}
    scanned = []
    for i, alias in enumerate(compiled_aliases()):
        key = _first_run_key(alias.literal) if _keyed(alias) else None
        if key is None:
            scanned.append(i)
        else:
            keyed.setdefault(key, []).append(i)
    starts = None
    scan_keys: frozenset[str] | None = frozenset()
    if scanned:
        parts = [f"(?i:{a.body})" if a.regex.flags & re.IGNORECASE else f"(?:{a.body})"
                 for a in (compiled_aliases()[i] for i in scanned)]
        try:
            starts = re.compile(rf"(?<![\w])(?={'|'.join(parts)})")
        except re.error:  # e.g. clashing group names: scan alias by alias
            starts = None
        for i in scanned:  # the start words a regular expression alias declares (tests check them)
            alias = compiled_aliases()[i]
            keys = frozenset(map(_indexer().key, alias.starts)) if alias.starts else None
            scan_keys = None if keys is None or scan_keys is None else scan_keys | keys
    return {k: tuple(v) for k, v in keyed.items()}, tuple(scanned), starts, scan_keys


@lru_cache(maxsize=None)
def _alias_later_keys() -> dict[int, tuple[str, ...]]:
    """For each keyed alias (see ``_alias_plan``): the case keys of the word runs after its first."""
    aliases = compiled_aliases()
    keyed = _alias_plan()[0]
    return {i: tuple(dict.fromkeys(_indexer().key(r) for r in _RUN_RE.findall(aliases[i].literal)[1:]))
            for group in keyed.values() for i in group}


@lru_cache(maxsize=None)
def _keyed_tests() -> dict[str, tuple[tuple[int, str, str], ...]]:
    """For each first-word key: its aliases as (alias index, test, argument), where the test is "same"
    (a one-word case-sensitive literal: the word spelled exactly so is a match) or "match" (only the
    regular expression can tell)."""
    aliases = compiled_aliases()
    later = _alias_later_keys()
    out = {}
    for key, group in _alias_plan()[0].items():
        tests = []
        for i in group:
            a = aliases[i]
            if not later[i] and not a.regex.flags & re.IGNORECASE and _RUN_RE.fullmatch(a.literal):
                tests.append((i, "same", a.literal))
            else:
                tests.append((i, "match", ""))
        out[key] = tuple(tests)
    return out


@lru_cache(maxsize=None)
def _alias_tests() -> dict[str, tuple[tuple[int, str | None, frozenset[str], re.Pattern], ...]]:
    """``_keyed_tests`` as (alias index, exact one-word spelling or None, case keys of the later words, regex)."""
    aliases = compiled_aliases()
    later = _alias_later_keys()
    return {key: tuple((i, arg if test == "same" else None, frozenset(later[i]), aliases[i].regex)
                       for i, test, arg in tests)
            for key, tests in _keyed_tests().items()}


@lru_cache(maxsize=None)
def _discovery_start_words() -> tuple:
    """Per discovery rule: the leading runs of the words it starts with, "upper" (a capital), or None (scan)."""
    def runs(words):
        out = set()
        for w in words:
            run = leading_run(w)
            if run is None or len(run) < len(w) and not w[len(run)].isascii():
                return None
            out.add(run)
        return frozenset(out)
    verbs = runs(reporting_verbs())
    cues = runs(_word_list("person_cues.txt") + _word_list("titles.txt") + list(honorifics()))
    plan = {"after_verb": verbs, "age": "upper", "cue": cues, "title_appositive": cues, "appositive": "upper", "before_verb": "upper",
            "according_to": runs(["according to"]), "honorific_surname": runs(list(honorifics())),
            "given_name": runs(given_names())}
    return tuple(plan[rule] for rule, _ in _discovery_regexes())


@lru_cache(maxsize=None)
def _discovery_starts() -> tuple:
    """Where each discovery rule can start: index keys of its first words, "upper" (a capital), or None (scan)."""
    return tuple(frozenset(map(_indexer().key, how)) if isinstance(how, frozenset) else how
                 for how in _discovery_start_words())


@lru_cache(maxsize=1024)
def _together(indexes: tuple[int, ...]) -> re.Pattern | None:
    """``textmatch.together`` of the aliases (cached by their indexes)."""
    aliases = compiled_aliases()
    return together(tuple((aliases[i].body, bool(aliases[i].regex.flags & re.IGNORECASE)) for i in indexes))


def _matches_together(text: str, positions, indexes: tuple[int, ...]) -> list[tuple[int, list[tuple[int, int]]]]:
    """(alias index, what the alias's finditer finds) for aliases that can only match at the given positions
    (sorted), trying them all at once at each position (``_together(indexes)`` must not be None)."""
    aliases = compiled_aliases()
    outs = matches_together(text, positions, _together(indexes), [aliases[i].regex for i in indexes])
    return list(zip(indexes, outs))
