"""Actor mentions: a gazetteer lookup with context rules, title merging and discovery of new persons.

How a mention is found, in order (every word list is a data file in ``greenland_lib/data/``):

1. **Gazetteer.** Every alias in ``actor_aliases.csv`` (literal or regular expression, case-sensitive or
   not, accents optional) is matched inside the article's sentences (the header line and the dateline
   are not sentences, so they are never searched). Overlapping matches keep the longest.
2. **Discovery.** A capitalised name of two or more words that is not in the gazetteer is taken as a
   person when its context says so: after a reporting verb ("said 35-year-old theology student Nuunu
   Binzer"), before an age ("Mininnguaq Fontain, 19,"), after a person noun or an office title
   ("student X", "Prime Minister X"), before a reporting verb ("X said"), or after "according to". It
   gets a provisional id ``new:<slug>`` and ``how = discovered``; every later use of the full name in the
   corpus is found too.
3. **Titles.** A person's name directly preceded by an office title (``titles.txt``), optionally
   qualified by a country, nationality or organisation ("United States President Donald Trump", "NATO
   chief Mark Rutte", "spokesperson Mao Ning") is one mention spanning title and name, with ``how = name``.
   A title alias directly followed by another person's name, or preceded by "former", is dropped.
4. **Surnames** resolve to the person whose full name came last before them in the article; failing
   that, to the gazetteer's only holder of that surname, unless the alias is flagged ``antecedent``
   (a common surname such as Nielsen or Rasmussen), in which case the bare surname is kept as a
   discovered person rather than guessed.
5. **Place or actor.** A name that can denote a place (states, territories, capitals used as
   metonyms) is an actor mention unless it is used as a location (``place_context.csv``): right after a
   locative preposition ("in Brussels", "on Greenland", "around Greenland", "at the White House"),
   except when a target noun comes before the preposition ("an attack on Greenland"); after "to" only
   when a motion word precedes ("travel to Greenland"); after "of" only when a location noun precedes
   ("the streets of Nuuk"); before "'s" plus a location noun ("Greenland's capital"); and a second
   conjunct inherits the first one's reading ("in Greenland and Denmark"). Everything else, including
   subjects and objects ("Greenland has rejected", "seize Greenland", "support for Copenhagen"), is an
   actor: the territory or government acting or being acted upon.
6. **Possessive government.** "his government" / "her government" is the government of the country of
   the person named last before it.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, islice
from operator import attrgetter, itemgetter

import _sre
import pandas as pd

try:  # the regular expression parser, to tell which words a regular expression alias can start with
    from re._parser import parse as _sre_parse
    from re import _constants as _sre_c
except ImportError:  # pragma: no cover - Python < 3.11
    from sre_parse import parse as _sre_parse
    import sre_constants as _sre_c

from ..paths import data_file

ACTOR_COLUMNS = ["actor_id", "name", "kind", "country", "code", "role", "wikidata", "origin"]
GAZETTEER_COLUMNS = ACTOR_COLUMNS[:-1]
ALIAS_COLUMNS = ["actor_id", "alias", "how", "case", "pattern", "antecedent", "place"]
MENTION_COLUMNS = ["article_id", "para", "sent", "start", "end", "text", "actor_id", "how"]
HOWS = ("name", "surname", "title", "metonym", "alias", "discovered")
KINDS = ("person", "state", "government", "organisation", "territory", "group", "media")
PLACE_KINDS = ("state", "territory")
DISCOVERED_PREFIX = "new:"
# Overlapping matches of equal length: the more specific reading wins.
HOW_PRIORITY = {"name": 0, "title": 1, "alias": 2, "metonym": 3, "surname": 4, "discovered": 5}

WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
UPPER = "A-ZÀ-ÖØ-Þ"
LOWER = "a-zß-öø-ÿ"
NAME_TOKEN = rf"[{UPPER}][{LOWER}]+(?:['’][{UPPER}][{LOWER}]+)?(?:-[{UPPER}]?[{LOWER}]+)*"
NAME_LINK = r"(?:[A-Z]\.|van|von|der|den|de|da|di|du|le|la|bin|al)"
NAME_RE = rf"{NAME_TOKEN}(?:\s+{NAME_LINK})*(?:\s+{NAME_TOKEN}(?:\s+{NAME_LINK})*)*\s+{NAME_TOKEN}"
_NAME_TOKEN_RE = re.compile(NAME_TOKEN)
_NON_SPACE_RE = re.compile(r"\S+")
_POSSESSIVE_END_RE = re.compile(r"['’]s$")
_FOLLOWING_WORD_RE = re.compile(r"\s+(\S+)")
_FORMER_RE = re.compile(r"\b(?:former|ex-|late|then)\s*$", re.I)
_GIVEN_NAME_RE = re.compile(rf"(?:^|(?<=\s))([{UPPER}][\w'’-]*)\s+$")


# --------------------------------------------------------------------------- data files

def _word_list(name: str) -> list[str]:
    lines = data_file(name).read_text(encoding="utf-8").splitlines()
    return [w.strip() for w in lines if w.strip() and not w.lstrip().startswith("#")]


def _alternation(words, flags: str = "") -> str:
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


@lru_cache(maxsize=None)
def load_gazetteer() -> pd.DataFrame:
    """Return the actor gazetteer (``data/actors.csv``): one row per actor."""
    table = pd.read_csv(data_file("actors.csv"), dtype=str, keep_default_na=False)
    return table[GAZETTEER_COLUMNS]


@lru_cache(maxsize=None)
def load_aliases() -> pd.DataFrame:
    """Return the alias table (``data/actor_aliases.csv``): how each actor is named in text."""
    table = pd.read_csv(data_file("actor_aliases.csv"), dtype=str, keep_default_na=False)
    return table[ALIAS_COLUMNS]


@lru_cache(maxsize=None)
def reporting_verbs() -> tuple[str, ...]:
    """Return the reporting verbs (``data/reporting_verbs.txt``), lower case."""
    return tuple(w.lower() for w in _word_list("reporting_verbs.txt"))


@lru_cache(maxsize=None)
def place_context() -> dict[str, frozenset[str]]:
    """Return the place-versus-actor context words by rule (``data/place_context.csv``)."""
    table = pd.read_csv(data_file("place_context.csv"), dtype=str, keep_default_na=False)
    return {rule: frozenset(group["word"].str.lower()) for rule, group in table.groupby("rule")}


def fold_accents(text: str) -> str:
    """Return text without combining accents ("Múte" -> "Mute"); other letters are kept."""
    if text.isascii():  # NFKD leaves ASCII unchanged
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def slug(name: str) -> str:
    """Return a lower-case ASCII slug of a name ("Nuunu Binzer" -> "nuunu-binzer")."""
    folded = fold_accents(name).replace("ø", "o").replace("Ø", "O").replace("æ", "ae").replace("å", "a")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def _literal_regex(alias: str) -> str:
    out = []
    for ch in alias:
        if ch == " ":
            out.append(r"\s+")
        elif ch in "'’":
            out.append("['’]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


@dataclass(frozen=True)
class Alias:
    """One compiled alias of the gazetteer."""

    actor_id: str
    alias: str
    how: str
    regex: re.Pattern
    antecedent: bool
    place: bool
    body: str = ""     # the regular expression inside the word bounds
    literal: str = ""  # the spelling matched, for a literal alias


@lru_cache(maxsize=None)
def compiled_aliases() -> tuple[Alias, ...]:
    """Compile every alias (plus its accent-free spelling) into a bounded regular expression."""
    kinds = dict(zip(load_gazetteer()["actor_id"], load_gazetteer()["kind"]))
    out = []
    for row in load_aliases().itertuples(index=False):
        flags = re.IGNORECASE if row.case == "insensitive" else 0
        if row.place in ("yes", "no"):
            place = row.place == "yes"
        else:
            place = row.how == "metonym" or (kinds.get(row.actor_id) in PLACE_KINDS and row.how in ("name", "alias"))
        if row.pattern == "regex":
            bodies = [(row.alias, "")]
        else:
            bodies = [(_literal_regex(row.alias), row.alias)]
            folded = fold_accents(row.alias)
            if folded != row.alias:
                bodies.append((_literal_regex(folded), folded))
        for body, literal in bodies:
            regex = re.compile(rf"(?<![\w]){body}(?![\w])", flags)
            out.append(Alias(row.actor_id, row.alias, row.how, regex, row.antecedent == "yes", place, body, literal))
    return tuple(out)


@lru_cache(maxsize=None)
def _title_regex() -> re.Pattern:
    """A title phrase ending right before a name: up to two qualifiers, then one or two titles."""
    gaz = load_gazetteer()
    kinds = dict(zip(gaz["actor_id"], gaz["kind"]))
    qualifiers = set(_word_list("nationalities.txt"))
    for a in load_aliases().itertuples(index=False):
        if a.pattern == "literal" and a.how == "name" and kinds.get(a.actor_id) in ("state", "territory", "organisation", "government"):
            qualifiers.add(a.alias)
    # prefix-factored alternations: they match the same strings as _alternation() and, since only where a
    # match starts is used, the order of the alternatives does not matter; each position is tried faster
    qual = _trie_alternation(qualifiers)
    title = f"(?i:{_trie_alternation(_word_list('titles.txt'))})"
    return re.compile(rf"(?<![\w.])(?:{qual}\s+){{0,2}}{title}(?:\s+{title})?\s+\Z")


@lru_cache(maxsize=None)
def _title_last_words() -> tuple[str, ...]:
    """Case keys of the last words of the titles: a title phrase before a name ends with one of them."""
    return tuple(sorted({case_key(t.split()[-1]) for t in _word_list("titles.txt")}))


def _trie_alternation(words) -> str:
    """A non-capturing group matching exactly the words (a space matching any run of white space)."""
    if not words:
        return "(?:)"  # as _alternation()
    trie: dict = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + emit(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            alts.append("")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{emit(trie)})"


@lru_cache(maxsize=None)
def _discovery_regexes() -> list[tuple[str, re.Pattern]]:
    verbs = _alternation(reporting_verbs(), "i")
    cues = _alternation(_word_list("person_cues.txt") + _word_list("titles.txt"), "i")
    nat = _alternation(_word_list("nationalities.txt"))
    descr = rf"(?:(?:[a-z0-9][\w'’-]*|{nat})\s+)"
    name = rf"(?P<name>{NAME_RE})"
    return [
        ("after_verb", re.compile(rf"(?<![\w]){verbs}\s+(?P<descr>{descr}{{0,5}}){name}(?![\w])")),
        ("age", re.compile(rf"(?<![\w]){name},\s+\d{{1,3}},(?P<descr>\s+(?:also\s+)?(?:an?|the)\s+[a-z][a-z -]{{0,40}}?(?=,))?")),
        ("cue", re.compile(rf"(?<![\w]){cues}\s+{name}(?![\w])")),
        ("before_verb", re.compile(rf"(?<![\w]){name}\s+(?:(?:also|later|then|previously|reportedly|on\s+\w+)\s+)?{verbs}(?![\w])")),
        ("according_to", re.compile(rf"(?<![\w])(?i:according\s+to)\s+{descr}{{0,4}}{name}(?![\w])")),
    ]


@lru_cache(maxsize=None)
def _person_cues() -> frozenset[str]:
    return frozenset(w.lower() for w in _word_list("person_cues.txt"))


@lru_cache(maxsize=None)
def _name_stopwords() -> frozenset[str]:
    return frozenset(_word_list("name_stopwords.txt") + _word_list("nationalities.txt")
                     + [w for t in _word_list("titles.txt") for w in t.split()])


# --------------------------------------------------------------------------- word index
#
# A bounded pattern ``(?<![\w])X...(?![\w])`` whose first element X is a run of word characters can
# only match where a run of word characters of the text starts and equals X (ignoring case as the
# regular expression engine does). Indexing each article's word runs once by their case-folded
# spelling lets every such pattern be tried only where it can match, instead of scanning the text
# once per pattern; the matches found are exactly those of ``finditer``.

_RUN_RE = re.compile(r"\w+")
_RUN_SPLIT_RE = re.compile(r"(\w+)")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
# a capital not preceded by a word character; the look-behind comes after the capital so that the
# engine can skip ahead to the next capital instead of trying every position
_UPPER_START_RE = re.compile(rf"[{UPPER}](?<![\w].)", re.DOTALL)
# The one character whose case class (for re.IGNORECASE) mixes word and non-word characters
# (U+0345 COMBINING GREEK YPOGEGRAMMENI ~ iota); a text containing it is scanned pattern by pattern.
# tests/test_actors.py checks over all of Unicode that it is the only one.
CASE_MIXED = "\u0345"
_LITERAL, _IN, _RANGE, _CATEGORY, _BRANCH, _SUBPATTERN, _ASSERT, _ASSERT_NOT = (
    _sre_c.LITERAL, _sre_c.IN, _sre_c.RANGE, _sre_c.CATEGORY, _sre_c.BRANCH, _sre_c.SUBPATTERN, _sre_c.ASSERT,
    _sre_c.ASSERT_NOT)
_REPEATS = tuple(getattr(_sre_c, n) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_sre_c, n))
_NON_WORD_CATEGORIES = (_sre_c.CATEGORY_SPACE, _sre_c.CATEGORY_NOT_WORD)
try:
    from re._casefix import _EXTRA_CASES
except ImportError:  # pragma: no cover - other Python versions
    _EXTRA_CASES = None


@lru_cache(maxsize=None)
def case_key_char(c: str) -> str:
    """Return the representative of a character's case class as re.IGNORECASE compares characters."""
    low = _sre.unicode_tolower(ord(c))
    extra = _EXTRA_CASES.get(low, ()) if _EXTRA_CASES is not None else ()
    return chr(min((low, *extra)))


def case_key(word: str) -> str:
    """Return a word's case-folded key: equal keys for any two spellings re.IGNORECASE takes as equal."""
    return word.lower() if word.isascii() else "".join(map(case_key_char, word))


@lru_cache(maxsize=None)
def _lower_is_key(c: str) -> bool:
    return c.lower() == case_key_char(c)


def _word_index(text: str, keys: frozenset[str] | None = None) -> dict[str, list[int]] | None:
    """Return {case key: start offsets} of the runs of word characters whose key is in ``keys``
    (default: every key a gazetteer alias, a discovery rule or "his government" starts from), or None
    if the index cannot be trusted."""
    if CASE_MIXED in text or _EXTRA_CASES is None and not text.isascii():
        return None
    if keys is None:
        keys = _index_keys()
    index: dict[str, list[int]] = {}
    if not keys:
        return index
    if text.isascii() or all(_lower_is_key(c) for c in set(_NON_ASCII_RE.findall(text))):
        # lower() is the case key here and keeps every offset: one C-level scan for the wanted runs;
        # text, run, text, run, ..., text: a run starts where the pieces before it end
        parts = _key_regex(keys).split(text.lower())
        for word, start in zip(parts[1::2], islice(accumulate(map(len, parts)), 0, None, 2)):
            positions = index.get(word)
            if positions is None:
                index[word] = [start]
            else:
                positions.append(start)
    else:
        for m in _RUN_RE.finditer(text):
            key = case_key(m.group())
            if key in keys:
                index.setdefault(key, []).append(m.start())
    return index


def _trie_regex(words) -> str:
    """An alternation matching exactly the given words, factored by common prefixes (fast to try)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            alts.append("")
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"
    return emit(trie)


@lru_cache(maxsize=64)
def _key_regex(keys: frozenset[str]) -> re.Pattern:
    """One pattern capturing the whole runs of word characters spelled as one of ``keys`` (lower case)."""
    return re.compile(rf"(?<!\w)({_trie_regex(keys)})(?!\w)")


def _first_run_key(literal: str) -> str | None:
    """The case key of a literal's leading run of word characters (None if it does not start with one)."""
    m = _RUN_RE.match(literal)
    return case_key(m.group()) if m else None


def _bounded_matches(text: str, index, regex: re.Pattern, key: str | None) -> list[tuple[int, int]]:
    """Return the (start, end) of ``regex.finditer(text)`` for a bounded pattern whose first word has case key ``key``."""
    if index is None or key is None:
        return [(m.start(), m.end()) for m in regex.finditer(text)]
    out = []
    last = 0
    for p in index.get(key, ()):
        if p < last:
            continue
        m = regex.match(text, p)
        if m is not None and m.end() > p:
            out.append((p, m.end()))
            last = m.end()
    return out


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # the engine's \w


def _leading_runs(items) -> set[tuple[str, bool]] | None:
    """The possible (leading word characters, whether a non-word character ended them) of a parsed
    regular expression sequence; None when the pattern is too complex to tell."""
    out = {("", False)}
    for op, av in items:
        item = _leading_runs_of_item(op, av)
        if item is None:
            return None
        out = {(s + t, t_done) if not done else (s, True) for s, done in out for t, t_done in
               (item if not done else [("", True)])}
        if len(out) > 256:
            return None
        if all(done for _, done in out):
            break
    return out


def _leading_runs_of_item(op, av) -> set[tuple[str, bool]] | None:
    if op is _LITERAL:
        c = chr(av)
        return None if c == CASE_MIXED else {(c, False)} if _word_char(c) else {("", True)}
    if op is _IN:
        out = set()
        for iop, iav in av:
            if iop is _LITERAL:
                chars = [chr(iav)]
            elif iop is _RANGE and iav[1] - iav[0] < 64:
                chars = [chr(x) for x in range(iav[0], iav[1] + 1)]
            elif iop is _CATEGORY and iav in _NON_WORD_CATEGORIES:
                out.add(("", True))
                continue
            else:
                return None
            if CASE_MIXED in chars:
                return None
            out.update((c, False) if _word_char(c) else ("", True) for c in chars)
        return out
    if op is _BRANCH:
        out = set()
        for alternative in av[1]:
            runs = _leading_runs(alternative)
            if runs is None:
                return None
            out |= runs
        return out
    if op is _SUBPATTERN:
        return _leading_runs(av[-1])
    if op in _REPEATS:
        low, high, item = av
        runs = _leading_runs(item)
        if runs is None or high > 1 and not all(done for _, done in runs):
            return None  # a repeated run of word characters has no finite spelling
        return runs | {("", False)} if low == 0 else runs
    if op in (_ASSERT, _ASSERT_NOT):
        return {("", False)}  # a look-around consumes nothing
    return None


@lru_cache(maxsize=None)
def _regex_first_keys(body: str, flags: int) -> frozenset[str] | None:
    """Case keys of every run of word characters a bounded alias ``body`` can start with (None: unknown)."""
    try:
        runs = _leading_runs(_sre_parse(body, flags & ~re.IGNORECASE))
    except re.error:
        return None
    if runs is None or any(not s for s, _ in runs):
        return None  # the end of the body ends a run (the bounded pattern adds (?![\w])), but not an empty one
    return frozenset(case_key(s) for s, _ in runs)


@lru_cache(maxsize=None)
def _alias_plan() -> tuple[dict[str, tuple[int, ...]], tuple[int, ...], re.Pattern | None, frozenset[str] | None]:
    """Aliases by the case key of their first word; the others (scanned), one pattern for where they may
    start, and the case keys of the words they can start with (None if that cannot be told)."""
    keyed: dict[str, list[int]] = {}
    scanned = []
    for i, alias in enumerate(compiled_aliases()):
        key = _first_run_key(alias.literal) if alias.literal and CASE_MIXED not in alias.literal else None
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
        for i in scanned:
            alias = compiled_aliases()[i]
            keys = _regex_first_keys(alias.body, alias.regex.flags)
            scan_keys = None if keys is None or scan_keys is None else scan_keys | keys
    return {k: tuple(v) for k, v in keyed.items()}, tuple(scanned), starts, scan_keys


@lru_cache(maxsize=None)
def _alias_later_keys() -> dict[int, tuple[str, ...]]:
    """For each keyed alias (see ``_alias_plan``): the case keys of the word runs after its first."""
    aliases = compiled_aliases()
    keyed = _alias_plan()[0]
    return {i: tuple(dict.fromkeys(case_key(r) for r in _RUN_RE.findall(aliases[i].literal)[1:]))
            for group in keyed.values() for i in group}


@lru_cache(maxsize=None)
def _index_keys() -> frozenset[str]:
    """The case keys the word index must hold: the words of keyed aliases, discovery start words, his/her."""
    keyed, _, _, scan_keys = _alias_plan()
    keys = set(keyed) | (scan_keys or set())
    for later in _alias_later_keys().values():
        keys.update(later)
    for how in _discovery_starts():
        if isinstance(how, frozenset):
            keys.update(how)
    keys.update(("his", "her"))
    return frozenset(keys)


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


# --------------------------------------------------------------------------- mention finding

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


def _words_before(text: str, pos: int, n: int = 4) -> list[str]:
    window = text[pos - 80 if pos > 80 else 0:pos]
    return [w.lower() for w in WORD_RE.findall(window)[-n:]]


_POSS_RE = re.compile(r"['’]s\s+([\w-]+)")
_CONJ_END_RE = re.compile(r"(?:\band|\bor|,)\s*$")
_CONJ_GAP_RE = re.compile(r"\s*(?:,|,?\s*and|,?\s*or)\s*")


@lru_cache(maxsize=None)
def _place_word_ends() -> frozenset[str] | None:
    """The last runs of letters of the words _is_place_use looks at ("the", "a", "an", location adjectives,
    "to", "of", locative prepositions): a word lower-cased to one of them ends with such a run."""
    ctx = place_context()
    words = {"the", "a", "an", "to", "of"} | ctx["location_adjective"] | ctx["locative"]
    if not all(w.isascii() for w in words):
        return None  # lower() of a non-ASCII word need not be its lower-cased parts: no short cut
    return frozenset(re.split(r"[-'’]", w)[-1] for w in words)


def _is_place_use(text: str, c: _Cand, previous: _Cand | None) -> bool:
    ctx = place_context()
    if text.startswith(("'", "’"), c.end):  # where _POSS_RE can match at all
        poss = _POSS_RE.match(text[c.end:c.end + 40])
        if poss and poss.group(1).lower() in ctx["location_noun"]:
            return True
    lo = c.start - 80 if c.start > 80 else 0
    k = c.start  # the window text[lo:c.start] without its trailing white space is text[lo:k]
    while k > lo and text[k - 1].isspace():
        k -= 1
    # (only the end of the window can match: strip the spaces, then look at the last word, which must end
    # "and", "or" or ",")
    if previous is not None and previous.placeable and k > lo and text[k - 1] in "dr," and \
            _CONJ_END_RE.search(text[max(lo, k - 5):k]):
        gap = text[previous.end:c.start]
        if _CONJ_GAP_RE.fullmatch(gap):
            return previous.place_use
    # the rules below need the last word before the name to be a place word (see _place_word_ends); that
    # word ends with the last run of letters and digits before the name, so look at that run first
    j = k
    while j > lo and not text[j - 1].isalnum():  # isalnum() is the engine's [^\W_]
        j -= 1
    end = j
    while j > lo and text[j - 1].isalnum():
        j -= 1
    if end == j:
        return False  # no word in the window
    whole = j > lo or lo == 0 or not text[lo - 1].isalnum()  # else the window cuts the run
    ends = _place_word_ends()
    if whole and ends is not None and text[j:end].lower() not in ends:
        return False
    words = _words_before(text, c.start, 6)
    while words and (words[-1] in ("the", "a", "an") or words[-1] in ctx["location_adjective"]):
        words.pop()
    if not words:
        return False
    prep = words[-1]
    if prep == "to":
        return any(w in ctx["motion"] for w in words[-4:-1])
    if prep == "of":
        return len(words) > 1 and words[-2] in ctx["location_noun"]
    if prep in ctx["locative"]:
        return not (len(words) > 1 and words[-2] in ctx["target"])
    return False


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


@lru_cache(maxsize=None)
def _alias_tests() -> dict[str, tuple[tuple[int, str | None, frozenset[str], re.Pattern], ...]]:
    """``_keyed_tests`` as (alias index, exact one-word spelling or None, case keys of the later words, regex)."""
    aliases = compiled_aliases()
    later = _alias_later_keys()
    return {key: tuple((i, arg if test == "same" else None, frozenset(later[i]), aliases[i].regex)
                       for i, test, arg in tests)
            for key, tests in _keyed_tests().items()}


def _gazetteer_candidates(text: str, spans: _Spans, index) -> list[tuple[int, int, int, tuple]]:
    """Every alias match inside a sentence as (start, end, alias index, sentence span), by alias, then start."""
    aliases = compiled_aliases()
    keyed, scanned, starts, scan_keys = _alias_plan()
    found: dict[int, list[tuple[int, int]]] = {}
    if index is None:
        for i, alias in enumerate(aliases):
            found[i] = [(m.start(), m.end()) for m in alias.regex.finditer(text)]
    else:
        tests = _alias_tests()
        words = index.keys()
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
        if starts is not None and scan_keys is not None and _together(scanned) is not None:
            # every scanned alias starts with a word of scan_keys: try them all at once there
            found.update(_matches_together(text, sorted(p for k in scan_keys & words for p in index[k]), scanned))
        elif starts is None:
            for i in scanned:
                found[i] = [(m.start(), m.end()) for m in aliases[i].regex.finditer(text)]
        else:
            if scan_keys is None:
                positions = [m.start() for m in starts.finditer(text)]
            else:  # every scanned alias starts with a word of scan_keys: try ``starts`` only there
                positions = [p for p in sorted(p for k in scan_keys & words for p in index[k])
                             if starts.match(text, p)]
            for i in scanned:
                regex, out, last = aliases[i].regex, [], 0
                for p in positions:
                    if p >= last:
                        m = regex.match(text, p)
                        if m is not None:
                            if m.end() == p:  # an empty match: let finditer handle what follows it
                                out = [(x.start(), x.end()) for x in regex.finditer(text)]
                                break
                            out.append((p, m.end()))
                            last = m.end()
                found[i] = out
    cands = []
    span_starts = spans.starts
    for i in sorted(found):
        for a, b in found[i]:
            if b > a:  # _inside(), inlined
                k = bisect_right(span_starts, a) - 1
                if k >= 0 and b <= spans[k][1]:  # (spans[k][0] <= a by the bisection)
                    cands.append((a, b, i, spans[k]))
    return cands


@lru_cache(maxsize=1024)
def _together(indexes: tuple[int, ...]) -> re.Pattern | None:
    """One pattern whose group k spans the match at the position tried of the k-th alias (unset if none);
    None if an alias has groups of its own."""
    # each alias is an optional look-ahead, tried at the same position in turn; inside a look-ahead the engine
    # backtracks as in the alias's own pattern, so the group spans the match the alias's regex finds there
    aliases = compiled_aliases()
    if any(aliases[i].regex.groups for i in indexes):
        return None
    parts = [f"(?:(?=({'(?i:' if aliases[i].regex.flags & re.IGNORECASE else '(?:'}{aliases[i].body}))(?![\\w])))?"
             for i in indexes]
    try:
        return re.compile(r"(?<![\w])" + "".join(parts))
    except re.error:  # pragma: no cover - each body compiles alone
        return None


def _matches_together(text: str, positions, indexes: tuple[int, ...]) -> list[tuple[int, list[tuple[int, int]]]]:
    """(alias index, what the alias's finditer finds) for aliases that can only match at the given positions
    (sorted), trying them all at once at each position (``_together(indexes)`` must not be None)."""
    together = _together(indexes)
    outs: list = [[] for _ in indexes]
    lasts = [0] * len(indexes)
    for p in positions:
        m = together.match(text, p)
        if m is None or m.lastindex is None:  # (lastindex: no alias matched)
            continue
        for g, (_, e) in enumerate(islice(m.regs, 1, None)):
            if e >= 0 and p >= lasts[g] and outs[g] is not None:  # none starting inside the alias's last match
                if e == p:  # an empty match: let finditer handle what follows it
                    outs[g] = None
                    continue
                outs[g].append((p, e))
                lasts[g] = e
    aliases = compiled_aliases()
    return [(i, out if out is not None else [(x.start(), x.end()) for x in aliases[i].regex.finditer(text)])
            for i, out in zip(indexes, outs)]


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


def _clean_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Strip leading stop words (titles, nationalities, openers) from a captured name; None if too short."""
    stop = _name_stopwords()
    cues = _person_cues()
    tokens = [(m.start() + start, m.end() + start, m.group(0)) for m in _NON_SPACE_RE.finditer(text[start:end])]
    while tokens and (tokens[0][2] in stop or tokens[0][2].rstrip(".") in stop or tokens[0][2].lower() in cues):
        tokens.pop(0)
    caps = [t for t in tokens if _NAME_TOKEN_RE.match(t[2])]
    if len(caps) < 2 or any(t[2] in stop for t in tokens):
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


def _descriptor_role(descr: str | None) -> str:
    if not descr:
        return ""
    words = [w for w in re.findall(r"[\w'’-]+", descr) if not re.fullmatch(r"\d+(?:-year-old)?|also|an?|the", w)]
    return " ".join(words)


@lru_cache(maxsize=None)
def _discovery_starts() -> tuple:
    """Where each discovery rule can start: case keys of its first words, "upper" (a capital), or None (scan)."""
    def keys(words):
        out = set()
        for w in words:
            key = _first_run_key(w)
            if key is None or CASE_MIXED in w:
                return None
            out.add(key)
        return frozenset(out)
    verbs = keys(reporting_verbs())
    cues = keys(_word_list("person_cues.txt") + _word_list("titles.txt"))
    plan = {"after_verb": verbs, "age": "upper", "cue": cues, "before_verb": "upper",
            "according_to": keys(["according to"])}
    return tuple(plan[rule] for rule, _ in _discovery_regexes())


_NAME_BREAK_RE = re.compile(r"[,;:()\"“”!?]")
_AGE_GATE_RE = re.compile(r",(?=\s+\d{1,3},)")  # starts with the comma: found by a fast literal scan


def _rule_matches(text: str, regex: re.Pattern, positions, a: int, b: int):
    """The matches of ``regex.finditer(text, a, b)``, trying only the given start positions (sorted) if any."""
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
        if m is not None:  # every rule needs a name, so a match is never empty
            last = m.end()
            yield m


def _discover(corpus, selected: dict[str, list[_Cand]], spans_by: dict[str, _Spans],
              indexes: dict) -> dict[str, Discovered]:
    """Find persons named in a person context who are not in the gazetteer; {actor_id: Discovered}, first finding first."""
    found: dict[str, Discovered] = {}
    rules = _discovery_regexes()
    plan = _discovery_starts()
    for article_id in corpus.articles["article_id"]:
        text = corpus.text(article_id)
        spans = spans_by[article_id]
        index = indexes[article_id]
        chosen = selected[article_id]  # in text order, never overlapping
        chosen_starts = [c.start for c in chosen]
        upper = None
        positions = []
        for how in plan:
            if index is None or how is None:
                positions.append(None)
            elif how == "upper":
                if upper is None:
                    upper = [m.start() for m in _UPPER_START_RE.finditer(text)]
                positions.append(upper)
            else:
                positions.append(sorted(p for k in how & index.keys() for p in index[k]))
        # a rule is tried in a sentence only if the sentence holds what the rule cannot match without:
        # a reporting verb after the name, or ", <age>," after it
        verb_positions = positions[[r for r, _ in rules].index("after_verb")]
        if verb_positions is not None and upper is not None:
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
            positions = [before_verb if rule == "before_verb" else pos for (rule, _), pos in zip(rules, positions)]
        gates = []
        for rule, _ in rules:
            if rule == "before_verb" and verb_positions is not None:
                gates.append(verb_positions)
            elif rule == "age":
                gates.append([m.start() for m in _AGE_GATE_RE.finditer(text)])
            else:
                gates.append(None)
        # the (sentence, rule) pairs worth trying, in the order sentence by sentence, rule by rule: a rule
        # needs one of its start positions (or, if it has one, its gate) inside the sentence
        if all(a[0] < b[0] for a, b in zip(spans, islice(spans, 1, None))):
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
            pairs = sorted(todo)
        else:  # pragma: no cover - sentences are in text order
            pairs = [(i, r) for i in range(len(spans)) for r in range(len(rules))]
        for i, r in pairs:
            s_start, s_end = spans[i][0], spans[i][1]
            for m in _rule_matches(text, rules[r][1], positions[r], s_start, s_end):
                span = _clean_name(text, m.start("name"), m.end("name"))
                if span is None:
                    continue
                # a gazetteer surname inside the name gives way only to a longer name ("Anders Fogh
                # Rasmussen"), never to itself ("Løkke Rasmussen")
                j = bisect_left(chosen_starts, span[1]) - 1
                blocked = False
                while j >= 0 and chosen[j].end > span[0]:
                    if chosen[j].how != "surname" or chosen[j].start <= span[0]:
                        blocked = True
                        break
                    j -= 1
                if blocked:
                    continue
                name = re.sub(r"\s+", " ", text[span[0]:span[1]])
                actor_id = DISCOVERED_PREFIX + slug(name)
                if actor_id in found:
                    continue
                descr = m.groupdict().get("descr")
                found[actor_id] = Discovered(actor_id, name, _descriptor_role(descr), article_id,
                                             span[0], span[1], text[s_start:s_end])
    return found


def keep_full_names(found: dict[str, Discovered]) -> dict[str, Discovered]:
    """Drop each discovered name that ends another discovered name: it is that person's surname ("Fogh Rasmussen")."""
    names = {d.name for d in found.values()}
    return {k: d for k, d in found.items() if not any(n != d.name and n.endswith(" " + d.name) for n in names)}


DISCOVERED_COLUMNS = ["actor_id", "name", "role", "article_id", "start", "end", "context"]


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


def _suffixes(name: str) -> list[str]:
    """Proper token suffixes of a name, longest first ("Anders Fogh Rasmussen" -> "Fogh Rasmussen", "Rasmussen")."""
    tokens = name.split()
    out = [" ".join(tokens[i:]) for i in range(1, len(tokens))]
    return [x for x in out if _NAME_TOKEN_RE.match(x)]


@lru_cache(maxsize=4096)
def _bounded_literal(literal: str) -> tuple[re.Pattern, str | None]:
    """A case-sensitive bounded pattern for a literal name, with the case key of its first word."""
    return re.compile(rf"(?<![\w]){_literal_regex(literal)}(?![\w])"), _first_run_key(literal)


def _merge_titles(text: str, cands: list[_Cand], kinds: dict[str, str]) -> list[_Cand]:
    """Extend person names over a preceding office title; drop titles that belong to someone else."""
    # cands are in text order and never overlap; ends never change, starts only move back over
    # removed candidates, so each search below looks only at the few candidates just before a name
    title_re = _title_regex()
    last_words = _title_last_words()
    last_len = max(map(len, last_words), default=0)
    out = list(cands)
    alive = [True] * len(out)
    for k, c in enumerate(out):
        if not (kinds.get(c.actor_id) == "person" and c.how in ("name", "discovered", "surname")):
            continue
        gap = c.start
        while gap > 0 and text[gap - 1].isspace():
            gap -= 1
        j = k - 1
        while j >= 0 and out[j].end >= gap:
            o = out[j]
            if alive[j] and o.how == "title" and o.actor_id == c.actor_id and o.end <= c.start:
                alive[j] = False
                c.start = o.start
                break
            j -= 1
        # the title phrase is followed by white space and ends with one of the titles' last words
        if c.start == 0 or not text[c.start - 1].isspace():
            continue
        window = text[max(0, c.start - 80):c.start]
        stripped = window.rstrip()
        if last_words and not case_key(stripped[-last_len:]).endswith(last_words):
            continue
        m = title_re.search(window)
        if not m:
            continue
        new_start = c.start - (len(window) - m.start())
        absorbed, straddled = [], False
        j = k - 1
        while j >= 0 and out[j].end > new_start:
            o = out[j]
            if alive[j]:
                if o.start < new_start:
                    straddled = True
                    break
                if o.end <= c.start:
                    absorbed.append(j)
            j -= 1
        if straddled:
            continue
        for j in absorbed:
            alive[j] = False
        c.start = new_start
        if c.how == "surname":
            c.titled = True
    out = [o for o, keep in zip(out, alive) if keep]
    ordered = all(out[i].start < out[i + 1].start for i in range(len(out) - 1))
    kept = []
    for i, c in enumerate(out):
        if c.how == "title":
            follow = _FOLLOWING_WORD_RE.match(text[c.end:c.end + 40])
            if ordered:
                nxt = None
                for o in out[i + 1:]:
                    if o.start > c.end + 2:
                        break
                    if o.start > c.end:
                        nxt = o
                        break
            else:
                nxt = next((o for o in out if o.start > c.end and o.start <= c.end + 2), None)
            if _FORMER_RE.search(text[max(0, c.start - 12):c.start]):
                continue
            if follow and _NAME_TOKEN_RE.match(follow.group(1)) and (nxt is None or nxt.actor_id != c.actor_id):
                if follow.group(1) not in _name_stopwords():
                    continue
        kept.append(c)
    return kept


def _take(cands: list[_Cand], alive: list[bool], starts: list[int], probe: _Cand, allowed) -> bool:
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


_POSSESSIVE_GOVERNMENT_RE = re.compile(r"(?<![\w])(?i:his|her)\s+government(?![\w])")


def _analyse(corpus, found: dict[str, Discovered] | None = None
             ) -> tuple[pd.DataFrame, dict[str, Discovered], dict[str, Discovered]]:
    """(mentions, discovered persons, what discovery found); ``found`` replaces this corpus's own discovery."""
    gaz = load_gazetteer()
    kinds = dict(zip(gaz["actor_id"], gaz["kind"]))
    countries = dict(zip(gaz["actor_id"], gaz["country"]))
    governments: dict[str, str] = {}
    for row in gaz.itertuples(index=False):
        if row.kind == "government" and row.country and row.code == f"{row.country}GOV":
            governments.setdefault(row.country, row.actor_id)
    surname_aliases = _surname_aliases()
    ids = list(corpus.articles["article_id"])
    spans_by = _all_sentence_spans(corpus)
    indexes = {a: _word_index(corpus.text(a)) for a in ids}
    selected: dict[str, list[_Cand]] = {}
    for article_id in ids:
        text = corpus.text(article_id)
        selected[article_id] = _selected_candidates(text, spans_by[article_id], indexes[article_id])
    if found is None:
        found = _discover(corpus, selected, spans_by, indexes)
    discovered = keep_full_names(found)
    name_res = {d.actor_id: _bounded_literal(d.name) for d in discovered.values()}
    # the word index holds only the keys known before discovery: add the first words of discovered names,
    # found by their exact spelling (the names are matched case-sensitively, so no other spelling can start
    # one); such a key lists only those of its runs
    firsts = {}
    for x in {x for d in discovered.values() for x in (d.name, *_suffixes(d.name))}:
        m = _RUN_RE.match(x)
        if m is not None and case_key(m.group()) not in _index_keys():
            firsts[m.group()] = case_key(m.group())
    if firsts:
        spelled = re.compile(rf"{_trie_alternation(firsts)}(?!\w)")  # starts with a letter: a fast scan
        for article_id, index in indexes.items():
            if index is not None:
                text = corpus.text(article_id)
                for m in spelled.finditer(text):
                    p = m.start()
                    if p == 0 or not _word_char(text[p - 1]):  # a whole run (one cannot start inside another)
                        index.setdefault(firsts[m.group()], []).append(p)
    rows = []
    for article_id in ids:
        text = corpus.text(article_id)
        spans = spans_by[article_id]
        index = indexes[article_id]
        base = selected[article_id]  # in text order, never overlapping
        alive = [True] * len(base)
        base_starts = [c.start for c in base]
        taken = bytearray(len(text))  # characters covered by extra
        # full names of discovered persons, wherever they occur (a bare surname inside one gives way)
        extra = []
        for actor_id, (regex, key) in name_res.items():
            if index is not None and key is not None and key not in index:
                continue
            for a, b in _bounded_matches(text, index, regex, key):
                probe = _Cand(a, b, actor_id, "discovered")
                probe.span = _inside(spans, a, b)
                if probe.span is None or taken.find(1, a, b) >= 0:
                    continue
                if not _take(base, alive, base_starts, probe, lambda c: c.how == "surname"):
                    continue
                extra.append(probe)
                taken[a:b] = b"\x01" * (b - a)
        # surnames of discovered persons after their first full mention (longest suffix first); a
        # gazetteer surname strictly inside one gives way ("Fogh Rasmussen" over "Rasmussen")
        first_full: dict[str, int] = {}
        for c in extra:
            first_full[c.actor_id] = min(first_full.get(c.actor_id, c.start), c.start)
        for d in discovered.values():
            if d.actor_id not in first_full:
                continue
            for last in _suffixes(d.name):
                regex, key = _bounded_literal(last)
                if index is not None and key is not None and key not in index:
                    continue
                for a, b in _bounded_matches(text, index, regex, key):
                    if a <= first_full[d.actor_id]:
                        continue
                    probe = _Cand(a, b, d.actor_id, "surname", surname=fold_accents(last))
                    probe.span = _inside(spans, a, b)
                    if probe.span is None or taken.find(1, a, b) >= 0:
                        continue
                    if not _take(base, alive, base_starts, probe,
                                 lambda c: c.how == "surname" and probe.start < c.start):
                        continue
                    extra.append(probe)
                    taken[a:b] = b"\x01" * (b - a)
        for c in extra:
            kinds.setdefault(c.actor_id, "person")
        cands = [c for c, keep in zip(base, alive) if keep]
        if extra:
            cands = sorted(cands + extra, key=_START)
        cands = _merge_titles(text, cands, kinds)
        resolved: list[_Cand] = []
        last_at: dict[str, int] = {}         # actor_id -> index of its last mention in resolved
        # (accent-free text, actor_id) of resolved names of persons (an actor's kind never changes once
        # set, and is set before its first name is resolved)
        full_names: dict[tuple[str, str], None] = {}
        previous_placeable: _Cand | None = None
        for c in cands:
            how = c.how
            if how == "surname" and not c.actor_id.startswith(DISCOVERED_PREFIX):
                if not c.titled and _after_given_name(text, c):
                    continue  # part of another person's full name, found by discovery if in context
                surname = c.surname
                owners = {actor for full, actor in full_names
                          if _ends_with_surname(full, surname) or surname in surname_aliases.get(actor, ())
                          } if surname else ()
                if owners:
                    c.actor_id = max(owners, key=last_at.__getitem__)
                elif c.alias is not None and c.alias.antecedent:
                    c.actor_id, c.how = DISCOVERED_PREFIX + slug(text[c.start:c.end]), "discovered"
                    kinds.setdefault(c.actor_id, "person")
            if c.alias is not None and c.alias.place:
                c.placeable = True
                c.place_use = _is_place_use(text, c, previous_placeable)
                previous_placeable = c
                if c.place_use:
                    continue
            last_at[c.actor_id] = len(resolved)
            resolved.append(c)
            if c.how in ("name", "discovered") and kinds.get(c.actor_id) == "person":
                full_names.setdefault((fold_accents(text[c.start:c.end]), c.actor_id), None)
        # "his government" / "her government": the government of the country of the last person named
        if index is None:
            possessives = [(m.start(), m.end()) for m in _POSSESSIVE_GOVERNMENT_RE.finditer(text)]
        else:  # the two patterns cannot overlap, so their matches together are those of finditer
            possessives = sorted(_bounded_matches(text, index, _POSSESSIVE_GOVERNMENT_RE, "his")
                                 + _bounded_matches(text, index, _POSSESSIVE_GOVERNMENT_RE, "her"))
        if possessives:
            covered = bytearray(len(text))
            for c in resolved:
                covered[c.start:c.end] = b"\x01" * (c.end - c.start)
            persons = [c for c in resolved if kinds.get(c.actor_id) == "person"]
            person_ends = [c.end for c in persons]
            monotone = all(person_ends[i] <= person_ends[i + 1] for i in range(len(person_ends) - 1))
        added: list[_Cand] = []
        for m_start, m_end in possessives:
            probe = _Cand(m_start, m_end, "", "alias")
            probe.span = _inside(spans, m_start, m_end)
            if probe.span is None or covered.find(1, m_start, m_end) >= 0:
                continue
            before = [c for c in added if c.end <= m_start and kinds.get(c.actor_id) == "person"]
            if before:
                person = before[-1]
            elif monotone:
                i = bisect_right(person_ends, m_start)
                person = persons[i - 1] if i else None
            else:
                earlier = [c for c in persons if c.end <= m_start]
                person = earlier[-1] if earlier else None
            country = countries.get(person.actor_id, "") if person is not None else ""
            if country in governments:
                probe.actor_id = governments[country]
                resolved.append(probe)
                added.append(probe)
                covered[probe.start:probe.end] = b"\x01" * (probe.end - probe.start)
        if added:
            resolved.sort(key=_START)
        for c in resolved:
            span = c.span  # the sentence of the candidate's first span: it still holds c unless a title moved c.start
            if span is None or span[0] > c.start:
                span = _inside(spans, c.start, c.end)
                if span is None:
                    continue
            rows.append((article_id, span[2], span[3], c.start, c.end, text[c.start:c.end], c.actor_id, c.how))
    if rows:  # by columns: faster than by rows, and the integers come out as int64
        mentions = pd.DataFrame(dict(zip(MENTION_COLUMNS, map(list, zip(*rows)))))
    else:
        mentions = pd.DataFrame(rows, columns=MENTION_COLUMNS)
        for col in ("para", "sent", "start", "end"):
            mentions[col] = mentions[col].astype("int64")
    # bare surnames kept as provisional persons are discovered actors too
    for article_id, _, _, start, end, name, actor_id, how in rows:  # (the first mention of each)
        if how == "discovered" and actor_id not in discovered:
            discovered[actor_id] = Discovered(actor_id, name, "", article_id, start, end, "")
    return mentions, discovered, found


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


def find_mentions(corpus) -> pd.DataFrame:
    """Return every actor mention in the corpus (columns ``MENTION_COLUMNS``), in text order."""
    return _analyse(corpus)[0]


def actor_table(discovered: dict[str, Discovered] | None = None) -> pd.DataFrame:
    """Return the gazetteer plus any discovered persons (columns ``ACTOR_COLUMNS``)."""
    table = load_gazetteer().assign(origin="gazetteer")
    extra = pd.DataFrame([{"actor_id": d.actor_id, "name": d.name, "kind": "person", "country": "", "code": "",
                           "role": d.role, "wikidata": "", "origin": "discovered"}
                          for d in sorted((discovered or {}).values(), key=lambda d: d.actor_id)],
                         columns=ACTOR_COLUMNS)
    return pd.concat([table, extra], ignore_index=True)[ACTOR_COLUMNS] if len(extra) else table[ACTOR_COLUMNS]


def extract_actors(corpus, tables) -> dict[str, pd.DataFrame]:
    """Pipeline extractor: the ``actors`` table (gazetteer plus discovered persons) and ``mentions``."""
    given = tables.handoff.known_persons
    mentions, discovered, found = _analyse(corpus, None if given is None else discovered_from_table(given))
    # what discovery found, before dropping surnames of longer names: the pipeline merges this across chunks
    tables.handoff.discovered = discovered_table(found)
    return {"actors": actor_table(discovered), "mentions": mentions}


def aggregate_actors(corpus, tables) -> dict[str, pd.DataFrame]:
    """Pipeline aggregator: one ``actors`` table from chunked runs (gazetteer order, then discovered by id)."""
    actors = tables["actors"].drop_duplicates("actor_id")
    found = actors[actors["origin"] == "discovered"].sort_values("actor_id", kind="stable")
    return {"actors": pd.concat([actors[actors["origin"] != "discovered"], found], ignore_index=True)}
