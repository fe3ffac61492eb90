"""Speakers named by a role or a group instead of a name (issue 13): "a senior official said", "the ministry
said", "the leaders of the five parties said in a joint statement", "the Danish prime minister said" on a
date the gazetteer knows no holder of that office for.

A *speaker phrase* is an optional determiner (the, a, an), up to four modifiers (capitalised words, numbers,
or the lower-case modifiers of ``data/speaker_roles.csv``: senior, foreign, two ...; never a pronoun: "his
government" is an anaphor, not a role), a head from the same file (its kind: ``person`` for one unnamed
person, ``group`` for several persons, ``organisation``) or, after another word, a capitalised organisation
word of ``data/not_person_words.csv`` ("Amnesty International", "Nordic Shipping Group"), and, when the phrase
stands right before its verb, a short post-modifier (of the five parties, familiar with the matter). After
the verb ("said a senior diplomat in Geneva") the phrase ends at the first word that opens something else
(in, on, at, who, to ...).

The speaker is then an actor of its own: ``role:<slug>`` (kind person) or ``group:<slug>`` (kind group or
organisation), named by the phrase without its determiner; ``speaker_actor_rows`` gives the actor rows
(origin ``speaker``). A title head that the last person named before it bears, in the mention ("Prime
Minister Mark Carney … the prime minister said") or among the gazetteer's titles and role for them
("Jens-Frederik Nielsen … the premier said"), is that person, not a role.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from ...lexicon import pronouns, word_list
from ...paths import data_file
from ..actors import ACTOR_COLUMNS, WORD_RE, slug
from ..actors.data import load_aliases, load_gazetteer, not_person_words

ROLE_PREFIX = "role:"
GROUP_PREFIX = "group:"
SPEAKER_ORIGIN = "speaker"
DETERMINERS = frozenset({"the", "a", "an"})
# words that may link a head to its post-modifier when the phrase stands right before its verb
POST_LINKS = frozenset({"of", "for", "at", "from", "with", "close", "familiar", "in", "on", "to", "involved"})
# words after the verb that end a speaker phrase ("said a senior diplomat in Geneva")
PHRASE_ENDS = frozenset({"in", "on", "at", "after", "before", "during", "when", "as", "who", "which", "that",
                         "while", "adding", "and", "but", "to", "told", "was", "is", "had", "has", "said"})
MAX_MODIFIERS = 4
MAX_POST_WORDS = 6
MAX_PHRASE_WORDS = 12
TITLE_LOOKBACK = 60   # earlier mentions looked at for the holder of a title head
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Role:
    """A speaker phrase: its span (determiner included), actor id, kind and name (no determiner)."""

    start: int
    end: int
    actor_id: str
    kind: str
    name: str
    head: str


@lru_cache(maxsize=None)
def _lexicon() -> tuple[dict[tuple[str, ...], str], frozenset[str], int]:
    """(head words -> kind, lower-case modifiers, the most words a head has)."""
    table = pd.read_csv(data_file("speaker_roles.csv"), dtype=str, keep_default_na=False)
    heads = {tuple(WORD_RE.findall(w.lower())): k for w, k in zip(table["word"], table["kind"]) if k != "modifier"}
    mods = frozenset(table.loc[table["kind"] == "modifier", "word"].str.lower())
    return heads, mods, max(map(len, heads), default=1)


@lru_cache(maxsize=None)
def _titles() -> frozenset[str]:
    return frozenset(t.lower() for t in word_list("titles.txt"))


@lru_cache(maxsize=None)
def _pronoun_words() -> frozenset[str]:
    return frozenset(pronouns()["word"])


def _modifier(word: str, mods: frozenset[str]) -> bool:
    """A capitalised word, a number or a listed modifier; never a pronoun ("His government" is an anaphor)."""
    return (word[0].isupper() or word[0].isdigit() or word.lower() in mods) and word.lower() not in _pronoun_words()


@lru_cache(maxsize=None)
def _name_heads() -> frozenset[str]:
    """Capitalised words that end an organisation's name (``not_person_words.csv``, kind organisation)."""
    table = not_person_words()
    return frozenset(table.loc[table["kind"] == "organisation", "word"])


def _head_ending(words: list[str], end: int, start: int) -> tuple[int, str] | None:
    """The longest head ending at words[end - 1] and starting at or after ``start``: (its first index, kind); an
    organisation's capitalised name word after at least one other word ("Amnesty International") is one too."""
    heads, _, longest = _lexicon()
    for n in range(min(longest, end - start), 0, -1):
        kind = heads.get(tuple(w.lower() for w in words[end - n:end]))
        if kind is not None:
            return end - n, kind
    if end - start >= 2 and words[end - 1] in _name_heads():
        return end - 1, "organisation"
    return None


def role_phrase(text: str, a: int, b: int, whole: bool) -> Role | None:
    """The speaker phrase of text[a:b]: the whole of it (``whole``, the words before a verb) or its start (the
    words after a verb); None if there is none."""
    tokens = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text, a, b)]
    if not tokens or (whole and len(tokens) > MAX_PHRASE_WORDS):
        return None
    if whole and _SPACE_RE.sub("", text[a:b].strip("'’")) != "".join(text[s:e] for s, e, _ in tokens):
        return None   # punctuation inside: not one phrase
    words = [t[2] for t in tokens]
    first = 1 if words[0].lower() in DETERMINERS else 0
    cut = _phrase_cut(words, first, whole)
    if cut is None:
        return None
    pre_end, end = cut
    head = _head_ending(words, pre_end, first)
    if head is None or pre_end - head[0] > 3:
        return None
    _, mods, _ = _lexicon()
    modifiers = words[first:head[0]]
    if len(modifiers) > MAX_MODIFIERS or not all(_modifier(w, mods) for w in modifiers):
        return None
    name = re.sub(r"\s+", " ", text[tokens[first][0]:tokens[end - 1][1]])
    prefix = ROLE_PREFIX if head[1] == "person" else GROUP_PREFIX
    return Role(tokens[0][0], tokens[end - 1][1], prefix + slug(name), head[1], name,
                " ".join(words[head[0]:pre_end]).lower())


def _phrase_cut(words: list[str], first: int, whole: bool) -> tuple[int, int] | None:
    """(end of the words before the post-modifier, end of the phrase), in word indexes."""
    n = len(words)
    if not whole:   # after the verb: the phrase ends at the first word that opens something else
        end = next((i for i in range(first, n) if words[i].lower() in PHRASE_ENDS
                    and not (words[i].lower() == "to" and i and words[i - 1].lower() == "close")), n)
        words = words[:end]
        n = end
    link = next((i for i in range(first + 1, n) if words[i].lower() in POST_LINKS), None)
    if link is None:
        return (n, n) if n > first else None
    if n - link > MAX_POST_WORDS:
        return None
    return link, n


def role_speaker(art, text: str, a: int, b: int, whole: bool, base: int = 0) -> tuple[str, tuple[int, int]] | None:
    """The speaker a speaker phrase in text[a:b] names (``base``: the offset of ``text`` in the article): the person
    named earlier holding its title, else the role or group; its kind is recorded in ``art.kinds``."""
    role = role_phrase(text, a, b, whole)
    if role is None:
        return None
    span = (role.start + base, role.end + base)
    holder = _title_holder(art, role, span[0]) if role.kind == "person" and role.head in _titles() else None
    if holder:
        return holder, span
    art.kinds.setdefault(role.actor_id, "person" if role.kind == "person" else role.kind)
    art.roles.setdefault(role.actor_id, role)
    return role.actor_id, span


def _title_holder(art, role: Role, pos: int) -> str:
    """The person named last before ``pos`` with the title, in the mention ("Prime Minister Mark Carney") or in the
    gazetteer's titles and role for that person ("Jens-Frederik Nielsen … the premier said"), or ""."""
    mentions = art.all_mentions
    i = bisect_left(art.all_starts, pos)
    head = f" {role.head} "
    for k in range(i - 1, max(-1, i - 1 - TITLE_LOOKBACK), -1):
        m = mentions[k]
        if m[1] <= pos and art.is_person(m[2]) and \
                (head in f" {' '.join(WORD_RE.findall(art.text[m[0]:m[1]].lower()))} " or head in _known_titles().get(m[2], "")):
            return m[2]
    return ""


@lru_cache(maxsize=None)
def _known_titles() -> dict[str, str]:
    """{actor_id: " word word ... "}: the words of a gazetteer person's title aliases and role, lower case."""
    words: dict[str, list[str]] = {}
    for actor, alias in zip(*(load_aliases().query("how == 'title'")[c] for c in ("actor_id", "alias"))):
        words.setdefault(actor, []).append(" ".join(WORD_RE.findall(alias.lower())))
    gaz = load_gazetteer()
    for actor, role in zip(gaz["actor_id"], gaz["role"]):
        words.setdefault(actor, []).append(" ".join(WORD_RE.findall(role.lower())))
    return {actor: " " + " | ".join(w) + " " for actor, w in words.items()}


def speaker_actor_rows(roles: dict[str, Role]) -> pd.DataFrame:
    """The actor rows of role and group speakers (columns ``ACTOR_COLUMNS``, origin ``speaker``), by id."""
    rows = [{"actor_id": r.actor_id, "name": r.name, "kind": r.kind, "country": "",
             "code": "", "role": r.name, "wikidata": "", "origin": SPEAKER_ORIGIN}
            for r in sorted(roles.values(), key=lambda r: r.actor_id)]
    return pd.DataFrame(rows, columns=ACTOR_COLUMNS)
