"""Event labels: a short phrase in words per real event ("Trump threatens Greenland").

Rules: names come from the actors table without a bracketed part, with "the" where
``event_label_articles.csv`` says so ("the United States", "the Chinese Foreign Ministry"); side
names from ``sides.csv``. The subject is the first report's source actors' names (up to
three, "A, B and C", more as "A, B and N others"), else the source sides' names; the verb is the
category's ``label_verb`` (one actor) or ``label_base`` (several) from ``plover_categories.csv``,
"will" + base for a planned event, "may" + base for a possible one, with "not" for a negated one;
the object is the target's names after the category's ``target_prep`` (else its ``label_prep``), else (for a category
without a preposition) the noun phrase right after the cue when it opens with a determiner ("a new NATO mission"): at most ``OBJECT_WORDS``
words, up to a punctuation mark, a quotation mark or a clause, date or preposition word, without
trailing function words.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from ..extract.events.rules import load_rules
from ..paths import data_file
from ..sides import side_names

OBJECT_WORDS = 4
MAX_NAMES = 3
_STOP_RE = re.compile(r"[,.;:!?\"“”()\[\]—–]|\s-+\s|\b(?:on|in|at|of|for|with|from|by|to|after|before|during|"
                      r"since|last|next|this|today|yesterday|tomorrow|when|while|because|as|if|but|and|or|that|"
                      r"said|says|saying|should|would|will|could|governing|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
                      re.I)
_DETERMINERS = frozenset("a an the its his her their any new".split())
_TRAILING = frozenset("a an the its his her their any new of to".split())
_BRACKETS_RE = re.compile(r"\s*\([^)]*\)")
_WORD_RE = re.compile(r"\S+")


@lru_cache(maxsize=1)
def _article_rule() -> re.Pattern:
    rows = pd.read_csv(data_file("event_label_articles.csv"), dtype=str, keep_default_na=False)
    return re.compile("|".join(f"(?:{p})" for p in rows.pattern), re.I)


def with_article(name: str) -> str:
    """The name with "the" before it where ``event_label_articles.csv`` says so."""
    return "the " + name if name and _article_rule().search(name) else name


def actor_names(actors: pd.DataFrame | None) -> dict[str, str]:
    """Display name per actor id: its name without a bracketed part."""
    if actors is None or actors.empty or "name" not in actors.columns:
        return {}
    out = {}
    for actor_id, name, kind in zip(actors["actor_id"].tolist(), actors["name"].tolist(), actors["kind"].tolist()):
        out[str(actor_id)] = with_article(_BRACKETS_RE.sub("", str(name or actor_id)).strip() or str(actor_id))
    return out


def _listing(names: list[str]) -> str:
    if len(names) > MAX_NAMES:
        return ", ".join(names[:MAX_NAMES - 1]) + f" and {len(names) - MAX_NAMES + 1} others"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _names(actors: str, sides: str, names: dict) -> list[str]:
    ids = [a for a in actors.split(";") if a]
    if ids:
        return list(dict.fromkeys(names.get(a, a) for a in ids))
    return [with_article(side_names().get(s, s)) for s in sides.split(";") if s]


def _verb(category: str, plural: bool, modality: str, negated: bool) -> str:
    info = load_rules().category_info.get(category, {})
    base = info.get("label_base") or category.lower()
    verb = info.get("label_verb") or base
    if modality in ("planned", "possible"):
        return ("will " if modality == "planned" else "may ") + ("not " if negated else "") + base
    if negated:
        return ("do not " if plural else "does not ") + base
    return base if plural else verb


def object_words(after_cue: str) -> str:
    """The noun phrase right after a cue when it opens with a determiner ("" otherwise)."""
    stop = _STOP_RE.search(after_cue)
    words = _WORD_RE.findall(after_cue[:stop.start()] if stop else after_cue)[:OBJECT_WORDS]
    if not words or words[0].lower() not in _DETERMINERS:
        return ""
    while words and words[-1].lower() in _TRAILING:
        words.pop()
    return " ".join(words)


def event_label(category: str, source: tuple[str, str], target: tuple[str, str], modality: str, negated: bool,
                after_cue: str, names: dict) -> str:
    """The label of a real event from its category, source and target (actor ids, sides) and the text after its cue."""
    subject = _names(*source, names)
    verb = _verb(category, len(subject) > 1, modality, negated)
    targets = _names(*target, names)
    if targets:
        info = load_rules().category_info.get(category, {})
        prep = info.get("target_prep") or info.get("label_prep", "")
        obj = (prep + " " if prep else "") + _listing(targets)
    elif not load_rules().category_info.get(category, {}).get("label_prep", ""):
        obj = object_words(after_cue)   # a transitive verb: what it acts on
    else:
        obj = ""
    text = " ".join(p for p in (_listing(subject) if subject else "someone", verb, obj) if p)
    return text[:1].upper() + text[1:]
