"""The actors' knowledge as data: the gazetteer, its aliases compiled, the word lists and the patterns built
from them (titles, discovery contexts). Every list is a file in ``greenland_lib/data/``."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ...lexicon import word_list as _word_list
from ...paths import data_file
from ...textmatch import alternation as _alternation, trie_alternation

ACTOR_COLUMNS = ["actor_id", "name", "kind", "country", "code", "role", "wikidata", "origin"]
GAZETTEER_COLUMNS = ACTOR_COLUMNS[:-1]
ALIAS_COLUMNS = ["actor_id", "alias", "how", "case", "pattern", "antecedent", "place", "starts"]
MENTION_COLUMNS = ["article_id", "para", "sent", "start", "end", "text", "actor_id", "how", "rule"]
HOWS = ("name", "surname", "title", "metonym", "alias", "discovered")
KINDS = ("person", "state", "government", "organisation", "territory", "group", "media")
PLACE_KINDS = ("state", "territory")
DISCOVERED_PREFIX = "new:"
# Overlapping matches of equal length: the more specific reading wins.
HOW_PRIORITY = {"name": 0, "title": 1, "alias": 2, "metonym": 3, "surname": 4, "discovered": 5}
WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
UPPER = "A-ZÀ-ÖØ-Þ"
LOWER = "a-zß-öø-ÿ"
# a capitalised word; an inner capital only after a surname prefix ("McCarthy", "LeBlanc", "DeSantis": never
# "PayPal"), an apostrophe ("O'Brien") or a hyphen
NAME_TOKEN = (rf"(?:Mc|Mac|Le|La|De|Di|Da|Du|Van)?[{UPPER}][{LOWER}]+(?:['’][{UPPER}][{LOWER}]+)?"
              rf"(?:-[{UPPER}]?[{LOWER}]+)*")
NAME_LINK = r"(?:[A-Z]\.|van|von|der|den|de|da|di|du|le|la|bin|al)"
NAME_RE = rf"{NAME_TOKEN}(?:\s+{NAME_LINK})*(?:\s+{NAME_TOKEN}(?:\s+{NAME_LINK})*)*\s+{NAME_TOKEN}"
_NAME_TOKEN_RE = re.compile(NAME_TOKEN)
_NON_SPACE_RE = re.compile(r"\S+")
_POSSESSIVE_END_RE = re.compile(r"['’]s$")
_FOLLOWING_WORD_RE = re.compile(r"\s+(\S+)")
_FORMER_RE = re.compile(r"\b(?:former|ex-|late|then)\s*$", re.I)
_GIVEN_NAME_RE = re.compile(rf"(?:^|(?<=\s))([{UPPER}][\w'’-]*)\s+$")


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


# letters with a stroke that NFKD does not decompose, folded one to one ("Løkke" -> "Lokke")
_STROKED = str.maketrans("øØłŁđĐħĦ", "oOlLdDhH")


def fold_accents(text: str) -> str:
    """Return text without accents ("Múte" -> "Mute", "Løkke" -> "Lokke"); other letters are kept."""
    if text.isascii():  # NFKD leaves ASCII unchanged
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).translate(_STROKED)


# the Danish and Norwegian letters as English wire copy often spells them ("Støre" -> "Stoere")
_DIGRAPHS = str.maketrans({"ø": "oe", "Ø": "Oe", "æ": "ae", "Æ": "Ae", "å": "aa", "Å": "Aa"})


def nordic_digraphs(text: str) -> str:
    """Return text with ø, æ and å written as oe, ae and aa ("Løkke" -> "Loekke"); other letters are kept."""
    return text.translate(_DIGRAPHS)


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
    starts: tuple[str, ...] = ()  # for a regular expression alias: the words it can start with (data)


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
            for variant in dict.fromkeys((fold_accents(row.alias), nordic_digraphs(row.alias))):
                if variant != row.alias:
                    bodies.append((_literal_regex(variant), variant))
        for body, literal in bodies:
            regex = re.compile(rf"(?<![\w]){body}(?![\w])", flags)
            starts = tuple(w for w in row.starts.split("|") if w) if row.pattern == "regex" else ()
            out.append(Alias(row.actor_id, row.alias, row.how, regex, row.antecedent == "yes", place, body, literal,
                             starts))
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
    qual = trie_alternation(qualifiers)
    title = f"(?i:{trie_alternation(_word_list('titles.txt'))})"
    return re.compile(rf"(?<![\w.])(?:{qual}\s+){{0,2}}{title}(?:\s+{title})?\s+\Z")


@lru_cache(maxsize=None)
def _title_end_regex() -> tuple[re.Pattern, int]:
    """The last words of the titles, ignoring case, at the end of a string (a title phrase before a name ends
    so), and the length of the longest."""
    words = {t.split()[-1] for t in _word_list("titles.txt")}
    return re.compile(rf"(?i:{trie_alternation(words)})\Z"), max(map(len, words), default=0)


@lru_cache(maxsize=None)
def _discovery_regexes() -> list[tuple[str, re.Pattern]]:
    verbs = _alternation(reporting_verbs(), "i")
    cues = _alternation(_word_list("person_cues.txt") + _word_list("titles.txt"), "i")
    nat = _alternation(_word_list("nationalities.txt"))
    descr = rf"(?:(?:[a-z0-9][\w'’-]*|{nat})\s+)"
    name = rf"(?P<name>{NAME_RE})"
    honorific = f"(?:{_alternation(honorifics())})"
    cues = rf"(?:{cues}|{honorific})"
    return [
        ("after_verb", re.compile(rf"(?<![\w]){verbs}\s+(?P<descr>{descr}{{0,5}}){name}(?![\w])")),
        ("age", re.compile(rf"(?<![\w]){name},\s+\d{{1,3}},(?P<descr>\s+(?:also\s+)?(?:an?|the)\s+[a-z][a-z -]{{0,40}}?(?=,))?")),
        ("cue", re.compile(rf"(?<![\w]){cues}\s+{name}(?![\w])")),
        # "Canada's trade minister, Dominic Leblanc, said": a name set off by commas right after a title
        ("title_appositive", re.compile(rf"(?<![\w]){cues},\s+{name},")),
        # "Liang Wei, a ministry spokesman, said": an appositive holding a person noun or a title, then the verb
        ("appositive", re.compile(rf"(?<![\w]){name},\s+(?P<descr>(?:[^,;:()“”\"\n]{{0,40}}?\s)?{cues}(?![\w])"
                                  rf"[^,;:()“”\"\n]{{0,40}}?),\s*(?:also\s+)?{verbs}(?![\w])")),
        ("before_verb", re.compile(rf"(?<![\w]){name}\s+(?:(?:also|later|then|previously|reportedly|on\s+\w+)\s+)?{verbs}(?![\w])")),
        ("according_to", re.compile(rf"(?<![\w])(?i:according\s+to)\s+{descr}{{0,4}}{name}(?![\w])")),
        # "Mr Halvorsen", "Ms. Brekke": an honorific before a lone capitalised word (not before a longer name)
        ("honorific_surname", re.compile(rf"(?<![\w]){honorific}\s+(?P<name>{NAME_TOKEN})(?![\w'’-])"
                                         rf"(?!\s+(?:{NAME_LINK}\s+)*{NAME_TOKEN})")),
        ("given_name", re.compile(rf"(?<![\w])(?P<name>{_alternation(given_names())}(?:\s+{NAME_LINK})*"
                                  rf"\s+{NAME_TOKEN}(?:\s+{NAME_TOKEN})?)(?![\w])")),
    ]


@lru_cache(maxsize=None)
def _person_cues() -> frozenset[str]:
    return frozenset(w.lower() for w in _word_list("person_cues.txt"))


@lru_cache(maxsize=None)
def not_person_words() -> pd.DataFrame:
    """Return the words that make a capitalised name a platform, outlet, forum, building, aircraft, ship or
    event rather than a person (``data/not_person_words.csv``: word, kind, notes)."""
    return pd.read_csv(data_file("not_person_words.csv"), dtype=str, keep_default_na=False)


@lru_cache(maxsize=None)
def known_genders() -> dict[str, str]:
    """{actor_id: male | female} for the gazetteer persons whose gender ``data/actors.csv`` records."""
    table = pd.read_csv(data_file("actors.csv"), dtype=str, keep_default_na=False)
    return {a: g for a, g in zip(table["actor_id"], table["gender"]) if g}


@lru_cache(maxsize=None)
def gender_evidence() -> pd.DataFrame:
    """Return the words that tell a person's gender (``data/gender_evidence.csv``: word, gender, kind, notes;
    kind: given_name, honorific or noun; gender: male, female or empty)."""
    return pd.read_csv(data_file("gender_evidence.csv"), dtype=str, keep_default_na=False)


@lru_cache(maxsize=None)
def honorifics() -> tuple[str, ...]:
    """Return the honorifics (Mr, Ms, Dr ...): before a name, a cue that it is a person (case-sensitive)."""
    table = gender_evidence()
    return tuple(table.loc[table["kind"] == "honorific", "word"])


@lru_cache(maxsize=None)
def given_names() -> tuple[str, ...]:
    """Return the given names of ``gender_evidence.csv``: a capitalised name starting with one is a person."""
    table = gender_evidence()
    return tuple(table.loc[table["kind"] == "given_name", "word"])


@lru_cache(maxsize=None)
def not_person_prefixes() -> frozenset[str]:
    """Return the words that make the name right after them a ship, never a person (USS, HMS)."""
    table = not_person_words()
    return frozenset(table.loc[table["kind"] == "prefix", "word"])


@lru_cache(maxsize=None)
def _name_stopwords() -> frozenset[str]:
    return frozenset(_word_list("name_stopwords.txt") + _word_list("nationalities.txt")
                     + [w for t in _word_list("titles.txt") for w in t.split()] + list(not_person_words()["word"]))


def actor_named(name: str) -> str:
    """Return the one gazetteer actor a name (as written, e.g. a surname) can denote, or "" (none or several)."""
    ids = {a.actor_id for a in compiled_aliases() if a.literal and a.regex.fullmatch(name.strip())}
    return ids.pop() if len(ids) == 1 else ""


@lru_cache(maxsize=None)
def load_offices() -> pd.DataFrame:
    """Return who held which office when (``data/actor_offices.csv``: office, actor_id, start, end, notes)."""
    return pd.read_csv(data_file("actor_offices.csv"), dtype=str, keep_default_na=False)


@lru_cache(maxsize=None)
def _current_offices() -> dict[str, str]:
    """{actor_id: office} for the actors holding exactly one office now (their title aliases name it)."""
    now = load_offices()[load_offices()["end"] == ""]
    counts = now["actor_id"].value_counts()
    return {a: o for a, o in zip(now["actor_id"], now["office"]) if counts[a] == 1}


@lru_cache(maxsize=None)
def _terms_by_office() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """{office: ((start, end, actor_id), ...)} in file order (read once: iterating the table per title
    was 0.5 of 6.9 s CPU on 1,000 generated articles)."""
    terms: dict[str, list] = {}
    for row in load_offices().itertuples(index=False):
        terms.setdefault(row.office, []).append((row.start, row.end, row.actor_id))
    return {k: tuple(v) for k, v in terms.items()}


def office_holder(office: str, date) -> str | None:
    """Return the actor who held ``office`` on ``date`` (an ISO date or a date), or None if the gazetteer does not know."""
    day = str(date)
    for start, end, actor_id in _terms_by_office().get(office, ()):
        if start <= day and (not end or day < end):
            return actor_id
    return None
