"""Fast multi-pattern search: the one home of the speed tricks of the extractors.

Every function here is an optimisation with one contract: **the spans found are those plain
``re.finditer`` finds over the same patterns** (tests/test_textmatch.py checks it, property tests
included). Rule code builds its patterns with these helpers and never needs to know how they go fast.
Only the public ``re`` API is used (no CPython-private modules).

- **Alternations** of literal words: ``alternation`` (longest first), ``trie_alternation`` (factored by
  common prefixes: the engine tries one branch per character), ``by_initial`` (regex alternatives
  grouped by their first letter). A space in a word matches any run of white space.
- **Word index** (``WordIndex``): the start offsets of the runs of word characters of a text that equal,
  as ``re.IGNORECASE`` compares them, one of a fixed set of key words. A bounded pattern
  ``(?<![\\w])W...`` whose first run of word characters is W can only match where such a run starts, so it
  is tried only there (``matches_at``). The runs are found by one case-insensitive scan of the text, so
  which runs equal a key is decided by the engine itself.
- **Gates**: ``matches_at`` tries a pattern only at given start positions; ``together`` / ``matches_together``
  try several patterns at once at each position; ``first_char_table`` maps a character to the patterns
  that can start with it.

Measured (benchmarks/scale.py, 10,000 generated articles, --jobs 2, this 2-core machine): with the word
index and the grouped alias search the whole extraction runs at 565 articles/s (378 MB); scanning every
alias with its own ``finditer`` instead is several times slower and misses the 300 articles/s target.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate, islice

RUN_RE = re.compile(r"\w+")   # a run of word characters, as the engine's \w


def is_word_char(c: str) -> bool:
    """True for a character the engine's ``\\w`` matches."""
    return c.isalnum() or c == "_"


def leading_run(literal: str) -> str | None:
    """The leading run of word characters of a literal (None if it does not start with one)."""
    m = RUN_RE.match(literal)
    return m.group() if m else None


# --------------------------------------------------------------------------- alternations

def alternation(words, flags: str = "") -> str:
    """A non-capturing group matching any of the words, longest first (a space matches any white space)."""
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


def _trie(words) -> dict:
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def trie_alternation(words, space: str | None = r"\s+") -> str:
    """A non-capturing group matching exactly the words, factored by common prefixes.

    It matches the same strings as ``alternation(words)``; which alternative wins at a position can
    differ, so use it where only the set of strings matters (a whole-word match, a look-ahead, a start).
    ``space``: what a space in a word matches (None: a literal space).
    """
    if not words:
        return "(?:)"

    def emit(node) -> str:
        alts = [(space if ch == " " and space is not None else re.escape(ch)) + emit(child)
                for ch, child in sorted(node.items()) if ch]
        if "" in node:
            alts.append("")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{emit(_trie(words))})"


def by_initial(alternatives: list[str]) -> str:
    """Join regex alternatives that each open with an ASCII letter, grouped by that letter: ``t(?:en|wo)``.

    The engine then tries one letter per group instead of every alternative at each position. Only
    alternatives of one group can match at one position, and each group keeps their order, so the
    matches are those of the plain alternation.
    """
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        if not (alt[:1].isascii() and alt[:1].isalpha()):
            raise ValueError(f"alternative {alt!r} does not open with a letter")
        groups.setdefault(alt[0].lower(), []).append(alt[1:])
    return "|".join(f"{k}(?:{'|'.join(rest)})" for k, rest in groups.items())


# --------------------------------------------------------------------------- word index

def _ignorecase_equal(a: str, b: str) -> bool:
    return len(a) == len(b) and re.fullmatch(re.escape(a), b, re.IGNORECASE) is not None


@lru_cache(maxsize=1)
def lower_exceptions() -> frozenset[str]:
    """The non-ASCII characters for which ``str.lower`` is not a faithful key of ``re.IGNORECASE``.

    A character is one when its lower case is not one character or differs in being a word character, or
    when it shares a lower or an upper case with a character of another lower case (long s and s, final
    and other sigma, the combining iota and iota). A text without them can be lower-cased to find the runs
    equal to lower-cased key words (tests/test_textmatch.py checks this against the engine).
    """
    cased = []
    step = 1024  # Unicode in blocks (the surrogates are whole blocks): only blocks with cased characters are looked at
    for lo in range(0, 0x110000, step):
        if 0xD800 <= lo < 0xE000:
            continue
        block = array("I", range(lo, lo + step)).tobytes().decode("utf-32-le")
        if block.lower() != block or block.upper() != block:
            cased.extend(c for c in block if c.lower() != c or c.upper() != c)
    out = set()
    groups: dict[str, set[str]] = {}
    for c in cased:
        low, up = c.lower(), c.upper()
        if len(low) != 1 or is_word_char(low) != is_word_char(c):
            out.add(c)
            continue
        for k in ("l" + low, "u" + up):
            groups.setdefault(k, set()).add(c)
    for k, members in groups.items():
        members = members | ({k[1:]} if len(k) == 2 else set())
        if len({m.lower() for m in members}) > 1:
            out.update(m for m in members if not m.isascii())
    return frozenset(out)


@lru_cache(maxsize=1)
def _lower_exception_re() -> re.Pattern:
    return re.compile("[" + re.escape("".join(sorted(lower_exceptions()))) + "]")


class WordIndex:
    """Finds, in a text, the runs of word characters equal (as ``re.IGNORECASE`` compares) to key words.

    ``key(word)`` gives the key under which a word's equal runs are listed: two words the engine takes
    as equal ignoring case have the same key. ``positions(text)`` returns {key: sorted start offsets}.
    """

    def __init__(self, words):
        words = {w for w in words if w and RUN_RE.fullmatch(w)}
        # keys the engine takes as equal are merged: ASCII words by lower(), which is exact for them; each
        # other word is compared with the keys of its length by the engine itself
        self._canon: dict[str, str] = {}
        by_length: dict[int, list[str]] = {}
        for w in sorted(words, key=lambda w: (not w.isascii(), w)):
            if w.isascii():
                canon = self._canon.setdefault(w.lower(), w.lower())
            else:
                group = by_length.get(len(w), ())
                canon = next((k for k in group if _ignorecase_equal(w, k)), None)
                if canon is None:
                    canon = w.lower() if _ignorecase_equal(w, w.lower()) else w
            self._canon[w] = canon
            if canon not in by_length.setdefault(len(canon), []):
                by_length[len(canon)].append(canon)
        self.keys = frozenset(self._canon.values())
        self._scan = re.compile(rf"(?<!\w)({trie_alternation(self.keys, None)})(?!\w)", re.IGNORECASE) \
            if self.keys else None
        self._seen: dict[str, str] = {}  # spelling of a run -> its key
        # Speed: runs found in the lower-cased text by a case-sensitive scan, about 4 times faster than the
        # case-insensitive scan (measured on the seeds: 1.0 ms against 4.1 ms for 25,000 characters); used
        # when neither the text nor a key holds a character of lower_exceptions()
        lowered = {k.lower(): k for k in self.keys if len(k.lower()) == len(k)}
        faithful = len(lowered) == len(self.keys) and not any(_lower_exception_re().search(k) for k in self.keys)
        self._lowered = lowered if faithful else None
        self._lower_scan = re.compile(rf"(?<!\w)({trie_alternation(lowered, None)})(?!\w)") \
            if faithful and lowered else None

    def key(self, word: str) -> str:
        """The key of a word (a word equal to no key word is its own key)."""
        canon = self._canon.get(word)
        if canon is not None:
            return canon
        return self._slow_key(word)

    @lru_cache(maxsize=4096)
    def _slow_key(self, word: str) -> str:
        low = word.lower()
        if low in self._canon and _ignorecase_equal(low, word):
            return self._canon[low]
        same = next((k for k in self.keys if _ignorecase_equal(k, word)), None)
        return word if same is None else same

    def positions(self, text: str) -> dict[str, list[int]]:
        """{key: start offsets} of the runs of word characters of ``text`` equal to a key word."""
        if self._scan is None:
            return {}
        if self._lower_scan is not None and (text.isascii() or not _lower_exception_re().search(text)):
            return self._split(self._lower_scan.split(text.lower()), self._lowered.__getitem__)
        return self._split(self._scan.split(text), self._cached_key)

    def _cached_key(self, run: str) -> str:
        key = self._seen.get(run)
        if key is None:
            key = self._seen[run] = self.key(run)
        return key

    @staticmethod
    def _split(parts: list[str], key_of) -> dict[str, list[int]]:
        # text, run, text, run, ..., text: a run starts where the pieces before it end
        index: dict[str, list[int]] = {}
        for run, start in zip(parts[1::2], islice(accumulate(map(len, parts)), 0, None, 2)):
            key = key_of(run)
            positions = index.get(key)
            if positions is None:
                index[key] = [start]
            else:
                positions.append(start)
        return index


# --------------------------------------------------------------------------- gated matching

def matches_at(text: str, regex: re.Pattern, positions) -> list[tuple[int, int]]:
    """The (start, end) of ``regex.finditer(text)``, trying the pattern only at ``positions`` (sorted).

    ``positions`` must hold every offset where a match can start (for a bounded pattern: the starts of
    the runs equal to its first word). An empty match hands the text back to ``finditer``.
    """
    out = []
    last = 0
    for p in positions:
        if p < last:
            continue
        m = regex.match(text, p)
        if m is not None:
            if m.end() == p:
                return [(x.start(), x.end()) for x in regex.finditer(text)]
            out.append((p, m.end()))
            last = m.end()
    return out


def matches_in(text: str, regex: re.Pattern, positions, a: int, b: int):
    """The matches of ``regex.finditer(text, a, b)``, trying only ``positions`` (sorted; None: all).

    The pattern must never match the empty string.
    """
    if positions is None:
        yield from regex.finditer(text, a, b)
        return
    i = bisect_left(positions, a)
    last = a
    while i < len(positions) and positions[i] < b:
        p = positions[i]
        i += 1
        if p < last:
            continue
        m = regex.match(text, p, b)
        if m is not None:
            last = m.end()
            yield m


def together(bodies: tuple[tuple[str, bool], ...]) -> re.Pattern | None:
    """One pattern whose group k spans the match of the k-th bounded body (``(body, ignore case)``) at
    the position tried (unset if none); None if a body has groups of its own."""
    # each body is an optional look-ahead, tried at the same position in turn; inside a look-ahead the engine
    # backtracks as in the body's own pattern, so the group spans the match its own regex finds there
    try:
        if any(re.compile(body).groups for body, _ in bodies):
            return None
        parts = [f"(?:(?=({'(?i:' if fold else '(?:'}{body}))(?![\\w])))?" for body, fold in bodies]
        return re.compile(r"(?<![\w])" + "".join(parts))
    except re.error:  # pragma: no cover - each body compiles alone
        return None


def matches_together(text: str, positions, combined: re.Pattern, regexes) -> list[list[tuple[int, int]]]:
    """What each of ``regexes``' finditer finds, for patterns that can only match at ``positions`` (sorted),
    trying them all at once with ``combined`` (from ``together``) at each position."""
    outs: list = [[] for _ in regexes]
    lasts = [0] * len(regexes)
    for p in positions:
        m = combined.match(text, p)
        if m is None or m.lastindex is None:  # (lastindex: no body matched)
            continue
        for g, (_, e) in enumerate(islice(m.regs, 1, None)):
            if e >= 0 and p >= lasts[g] and outs[g] is not None:  # none starting inside the last match
                if e == p:  # an empty match: let finditer handle what follows it
                    outs[g] = None
                    continue
                outs[g].append((p, e))
                lasts[g] = e
    return [out if out is not None else [(x.start(), x.end()) for x in regex.finditer(text)]
            for out, regex in zip(outs, regexes)]


def first_char_table(first_chars) -> dict[str, tuple[int, ...]]:
    """For each ASCII character, the indices of the patterns whose matches may start with it.

    ``first_chars``: per pattern, the set of characters its matches can start with, or None (any).
    """
    return {chr(i): tuple(k for k, f in enumerate(first_chars) if f is None or chr(i) in f) for i in range(128)}
