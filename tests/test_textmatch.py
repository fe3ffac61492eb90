"""Contract tests of greenland_lib.textmatch: every fast search gives the spans plain ``re.finditer`` gives.

These are the only tests that may import private names (of textmatch and of the extractors' use of it).
"""
from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from greenland_lib.extract.actors import compiled_aliases, find_mentions
from greenland_lib.textmatch import (RUN_RE, WordIndex, alternation, by_initial, first_char_table, matches_at,
                                     matches_in, matches_together, together, trie_alternation)

# letters whose case the engine folds in unusual ways (long s, Kelvin sign, dotted and dotless i, final sigma,
# the combining iota the engine equates with a Greek iota), plus ordinary letters and separators
ODD = "ſKkSsİıiIΣσςιͅØøÅåß"
CHARS = st.sampled_from(list("abdehinorstuABDEHINORSTU -.,'’\n_1") + list(ODD))
WORDS = st.lists(st.text(CHARS, min_size=1, max_size=6).filter(lambda w: RUN_RE.fullmatch(w) is not None),
                 min_size=1, max_size=8)


def finditer_spans(regex, text):
    return [(m.start(), m.end()) for m in regex.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(WORDS, st.text(CHARS, max_size=60))
def test_word_index_lists_exactly_the_runs_ignorecase_equal_to_a_word(words, text):
    index = WordIndex(words)
    found = index.positions(text)
    for w in words:
        bounded = re.compile(rf"(?<!\w){re.escape(w)}(?!\w)", re.IGNORECASE)
        expected = [m.start() for m in bounded.finditer(text)]
        listed = found.get(index.key(w), [])
        assert set(expected) <= set(listed)
        # every listed position starts a run equal to some key word
        assert all(any(re.compile(rf"(?<!\w){re.escape(k)}(?!\w)", re.I).match(text, p) for k in words)
                   for p in listed)
    assert all(v == sorted(v) for v in found.values())


@settings(max_examples=200, deadline=None)
@given(WORDS, st.text(CHARS, max_size=60))
def test_matches_at_the_indexed_positions_are_those_of_finditer(words, text):
    index = WordIndex(words)
    found = index.positions(text)
    for w in words:
        regex = re.compile(rf"(?<![\w]){re.escape(w)}(?:\s+\w+)?(?![\w])", re.IGNORECASE)
        assert matches_at(text, regex, found.get(index.key(w), [])) == finditer_spans(regex, text)


@settings(max_examples=200, deadline=None)
@given(WORDS, st.text(CHARS, max_size=40))
def test_trie_alternation_matches_the_same_strings_as_the_plain_alternation(words, text):
    plain = re.compile(alternation(words))
    trie = re.compile(trie_alternation(words))
    for i in range(len(text) + 1):
        for j in range(i, min(len(text), i + 8) + 1):
            assert bool(plain.fullmatch(text, i, j)) == bool(trie.fullmatch(text, i, j))
    for w in words:
        assert trie.fullmatch(w.replace(" ", "\t "))


@given(st.lists(st.text(st.sampled_from("abcdeABC"), min_size=1, max_size=4), min_size=1, max_size=8),
       st.text(st.sampled_from("abcdeABC ,"), max_size=40))
def test_by_initial_gives_the_matches_of_the_plain_alternation(alternatives, text):
    alts = [re.escape(a) for a in alternatives]
    plain = re.compile("|".join(alts), re.IGNORECASE)
    grouped = re.compile(by_initial(alts), re.IGNORECASE)
    assert finditer_spans(grouped, text) == finditer_spans(plain, text)


def test_by_initial_refuses_an_alternative_without_a_leading_letter():
    with pytest.raises(ValueError):
        by_initial([r"\d+"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["ab", "a", r"ab\s+c", "b", "(?:a|ab)c?", "c"]), min_size=1, max_size=4, unique=True),
       st.text(st.sampled_from("abcAB ."), max_size=40))
def test_patterns_tried_together_find_what_each_finds_alone(bodies, text):
    combined = together(tuple((b, i % 2 == 1) for i, b in enumerate(bodies)))
    regexes = [re.compile(rf"(?<![\w]){b}(?![\w])", re.I if i % 2 else 0) for i, b in enumerate(bodies)]
    positions = [m.start() for m in RUN_RE.finditer(text)]
    assert matches_together(text, positions, combined, regexes) == [finditer_spans(r, text) for r in regexes]


def test_together_refuses_patterns_with_groups_of_their_own():
    assert together((("(a)", False),)) is None


@given(st.text(st.sampled_from("ab c,"), max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_matches_in_a_range_are_those_of_finditer(text, a, b):
    regex = re.compile(r"(?<!\w)ab?(?!\w)")
    positions = [m.start() for m in RUN_RE.finditer(text)]
    expected = [m.span() for m in regex.finditer(text, a, b)]
    assert [m.span() for m in matches_in(text, regex, positions, a, b)] == expected
    assert [m.span() for m in matches_in(text, regex, None, a, b)] == expected


def test_first_char_table_lists_the_patterns_that_can_start_with_a_character():
    table = first_char_table([{"a", "b"}, None, {"b"}])
    assert table["a"] == (0, 1) and table["b"] == (0, 1, 2) and table["z"] == (1,)


# --------------------------------------------------------------------------- the actors' use of textmatch

@pytest.mark.parametrize("text", [
    "US President Donald Trump met Løkke Rasmussen, LØKKE RASMUSSEN and Lokke Rasmussen in Nuuk.",
    "The self-governing Danish territory and the island’s government met the Chinese. TRUMP said so.",
    "Donald J. Trump, donald trump and Donald  Trump; the ſtate (long s) and the \u212aelvin K; İstanbul.",
    "Greenland’s  prime minister, GREENLAND's Government and Greenland's parliament met the U.S. vice president, "
    "U.S. U.S. officials, US Congress, US\nenvoy to Greenland and the Danish PM; Danish primeminister.",
    "ſelf-governing territory, THE ſELF-GOVERNED territory, \u212aristersson and tͅhe island's government.",
])
def test_indexed_alias_search_finds_exactly_what_finditer_finds(text):
    from greenland_lib.extract.actors.candidates import _gazetteer_candidates, _Spans
    from greenland_lib.extract.actors.index import _word_index

    spans = _Spans([(0, len(text), 1, 1)])
    index = _word_index(text)
    fast = [c[:3] for c in _gazetteer_candidates(text, spans, index)]
    slow = [c[:3] for c in _gazetteer_candidates(text, spans, None)]
    assert fast == slow and fast


def test_seed_mentions_do_not_depend_on_the_word_index(seeds, monkeypatch):
    import greenland_lib.extract.actors.mentions  # noqa: F401
    from greenland_lib.extract import actors

    fast = find_mentions(seeds)
    monkeypatch.setattr(actors.mentions, "_word_index", lambda text: None)
    pd.testing.assert_frame_equal(fast, find_mentions(seeds))


def test_regular_expression_aliases_start_with_the_words_they_declare():
    from greenland_lib.extract.actors.index import _indexer

    texts = ["The self-governing territory, the island’s government and the whole alliance met the Chinese.",
             "THE ISLAND'S HOME RULE GOVERNMENT and the Russians; the semi-autonomous Danish territory.",
             "Autonomous Arctic territory; the vast Arctic island; the 32-member alliance; ſemi-autonomous territory."]
    seen = 0
    for alias in compiled_aliases():
        if alias.literal:
            continue
        assert alias.starts, alias.alias  # a regular expression alias declares its start words (starts column)
        keys = {_indexer().key(w) for w in alias.starts}
        for text in texts:
            for m in alias.regex.finditer(text):
                seen += 1
                assert _indexer().key(RUN_RE.match(text, m.start()).group()) in keys
    assert seen >= 6


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8), st.integers(0, 30)), max_size=25))
def test_select_settles_overlaps_cluster_by_cluster_as_one_greedy_pass(raw):
    from greenland_lib.extract.actors import HOW_PRIORITY, compiled_aliases
    from greenland_lib.extract.actors.candidates import _select

    aliases = compiled_aliases()
    # candidates as _gazetteer_candidates gives them: by alias, then start; an alias's matches never overlap
    cands, last = [], {}
    for start, length, i in sorted(raw, key=lambda r: (r[2], r[0])):
        if start >= last.get(i, 0):
            cands.append((start, start + length, i, None))
            last[i] = start + length
    # the plain greedy choice: longest first, then the more specific reading, then leftmost, then input order
    chosen, taken = [], set()
    for c in sorted(cands, key=lambda c: (c[0] - c[1], HOW_PRIORITY[aliases[c[2]].how], c[0])):
        if not taken & set(range(c[0], c[1])):
            chosen.append(c)
            taken |= set(range(c[0], c[1]))
    assert _select(cands) == sorted(chosen, key=lambda c: c[0])


def test_lower_exceptions_are_every_character_whose_lower_case_is_not_a_faithful_ignorecase_key():
    from greenland_lib.textmatch import is_word_char, lower_exceptions

    exceptions = lower_exceptions()
    chars = [chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000]
    cased = [c for c in chars if c.lower() != c or c.upper() != c]
    pool = "".join(sorted(set(cased) | {x for c in cased for x in (c.lower(), c.upper()) if len(x) == 1}))
    for c in cased:
        if len(c.lower()) != 1 or is_word_char(c.lower()) != is_word_char(c):
            assert c in exceptions
            continue
        if c in exceptions:
            continue
        for d in re.findall(re.escape(c), pool, re.IGNORECASE):  # every character the engine takes as equal
            assert d in exceptions or d.lower() == c.lower(), (c, d)
    assert not any(c.isascii() for c in exceptions)
    assert {"ſ", "ς", "\u0345", "İ"} <= exceptions and not {"ø", "é", "’", "“"} & exceptions


@pytest.mark.parametrize("text", ["Løkke said “no” to the US’ plan; LØKKE and løkke agreed.",
                                  "The ſtate and the Kelvin \u212a; ΟΔΟΣ and İstanbul.", "plain ascii The THE"])
def test_the_lower_cased_scan_and_the_case_insensitive_scan_list_the_same_runs(text):
    index = WordIndex(["Løkke", "the", "state", "said", "no", "kelvin", "istanbul", "US"])
    slow = index._split(index._scan.split(text), index._cached_key)
    assert index.positions(text) == slow and slow
