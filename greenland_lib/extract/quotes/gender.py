"""Gender agreement of a pronoun speaker ("she said" never goes to a man): what the article tells of a
person's gender, from ``data/gender_evidence.csv`` and ``data/pronouns.csv``.

Evidence, first found wins: an honorific or a gendered noun right before one of the person's mentions
("Ms Robin Hale", "spokeswoman Ana Ruiz"); a word of a mention (a given name, "Queen"); a word of a role
speaker's name ("a senior spokeswoman"); a gendered pronoun that named the person as the speaker of an
earlier quotation ("“…,” he added"); last, the gender the gazetteer records for a known person
(``data/actors.csv``). Without evidence the gender is unknown, and an unknown gender agrees
with every pronoun.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ...lexicon import pronouns
from ..actors import WORD_RE, fold_accents
from ..actors.data import gender_evidence, known_genders

_WORD_BEFORE_RE = re.compile(r"(\S+)\s+$")


@lru_cache(maxsize=None)
def pronoun_genders() -> dict[str, str]:
    """{pronoun: male | female} for the gendered pronouns (``pronouns.csv``)."""
    table = pronouns()
    return {w: g for w, g in zip(table["word"], table["gender"]) if g}


@lru_cache(maxsize=None)
def _evidence() -> dict[str, str]:
    """{word (accent-free, as written; nouns also lower case): male | female}."""
    table = gender_evidence()
    out = {}
    for word, gender, kind in zip(table["word"], table["gender"], table["kind"]):
        if gender:
            out[fold_accents(word)] = gender
            if kind == "noun":
                out[word.lower()] = gender
    return out


def _word_gender(word: str) -> str:
    ev = _evidence()
    return ev.get(fold_accents(word)) or ev.get(word.lower(), "") if word else ""


def agrees(gender: str, wanted: str) -> bool:
    """True unless both genders are known and differ."""
    return not gender or not wanted or gender == wanted


def actor_gender(art, actor_id: str) -> str:
    """What the article tells of an actor's gender ("" when nothing): see the module docstring."""
    if actor_id not in art.genders:
        art.genders[actor_id] = _from_mentions(art, actor_id) or _from_role(art, actor_id)
    return art.genders[actor_id] or art.pronoun_genders.get(actor_id, "") or known_genders().get(actor_id, "")


def note_pronoun(art, actor_id: str, pronoun: str) -> None:
    """Remember that a gendered pronoun named the actor as a speaker (evidence for later pronouns)."""
    gender = pronoun_genders().get(pronoun)
    if gender and actor_id:
        art.pronoun_genders.setdefault(actor_id, gender)


def _mentions_by_actor(art) -> dict[str, list[tuple[int, int]]]:
    if art.by_actor is None:
        art.by_actor = {}
        for start, end, who in art.all_mentions:
            art.by_actor.setdefault(who, []).append((start, end))
    return art.by_actor


def _from_mentions(art, actor_id: str) -> str:
    for start, end in _mentions_by_actor(art).get(actor_id, ()):
        before = _WORD_BEFORE_RE.search(art.text, max(0, start - 16), start)
        for word in ([before.group(1)] if before else []) + WORD_RE.findall(art.text[start:end]):
            gender = _word_gender(word)
            if gender:
                return gender
    return ""


def _from_role(art, actor_id: str) -> str:
    role = art.roles.get(actor_id)
    if role is None:
        return ""
    return next((g for g in map(_word_gender, WORD_RE.findall(role.name)) if g), "")
