"""Who acts and who is acted on: actor groups of a sentence, an event's source and its target.

Rules:

- mentions separated only by titles, commas, "and" or capitalised words form one group ("Denmark
  and Greenland"); a join over a bare comma is undone unless the list closes with "and";
- a group right after a preposition (``prep`` words) or followed by a possessive "'s" is no subject;
- a group on no side (a person the gazetteer lacks) right after a possessive group on a side takes
  that side ("Norway's foreign minister Espen Barth Eide" -> NOR);
- the source of a cue is, in order: the subject of the clause a participle clause hangs from
  ("X rejected ..., stating that ..."); what the last pronoun before the cue stands for (a person,
  the sentence's subject or the previous sentence's, or the speaker of the quote it is in); the
  group nearest before the cue in its clause; the speaker of the quote the cue is in; the first
  subject group before the cue in the sentence;
- a speech-act cue ("used China as a pretext") takes the quote's speaker, else the subject of the
  last reporting verb before it, as source;
- the target is the first group after the cue in its clause with a side other than the source's.
Each is a ``Who``: the actor ids (of the mentions placed on a side) and their sides (``sides.csv``),
several as ``a;b``.
"""
from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .clauses import TOKEN_RE, Clause
from .rules import Rules

AND_RE = re.compile(r"\band\b|&")
POSSESSIVE_RE = re.compile(r"['’]s\s+(\w+)")
NO_SIDE = ("", "")


class Who(NamedTuple):
    """Actors as ids and as sides, each ``;``-joined ("" for nobody)."""

    actors: str = ""
    sides: str = ""


NOBODY = Who()


@dataclass(slots=True)
class Group:
    """Mentions read as one actor group, with their sides and kinds."""

    start: int
    end: int
    sides: list
    kinds: list
    possessive: bool
    after_prep: bool
    parts: list       # (start, end, side, kind) per mention
    actors: list      # actor id per mention

    @property
    def who(self) -> Who:
        """The group's actors placed on a side, and their sides."""
        return who_of(self.actors, self.sides)

    @property
    def subject(self) -> bool:
        """Whether the group can be the subject of a verb (no preposition before it, no possessive after it)."""
        return not self.after_prep and not self.possessive


class Tokens:
    """The tokens of a sentence, to give the last words before a position without re-tokenising its prefix."""

    def __init__(self, sentence: str):
        self.sentence = sentence
        found = [(m.start(), m.end(), m.group(0)) for m in TOKEN_RE.finditer(sentence)]
        self.starts = [t[0] for t in found]
        self.ends = [t[1] for t in found]
        self.words = [t[2] for t in found]

    def last_of(self, lo: int, hi: int, vocab) -> tuple[int, str] | None:
        """The last (start, lower-cased word) in vocab among the tokens of ``sentence[lo:hi]``."""
        found = None
        for m in TOKEN_RE.finditer(self.sentence, lo, hi):
            w = m.group(0).lower()
            if w in vocab:
                found = (m.start(), w)
        return found

    def before(self, pos: int, n: int = 2) -> list[str]:
        """The last n tokens of ``sentence[:pos]``."""
        i = bisect.bisect_right(self.ends, pos)
        if i < len(self.starts) and self.starts[i] < pos:   # a token runs across pos: tokenise the prefix
            return TOKEN_RE.findall(self.sentence[:pos])[-n:]
        return self.words[max(0, i - n):i]


@lru_cache(maxsize=4096)
def tokens_of(sentence: str) -> Tokens:
    """The tokens of a sentence (cached: they are read, never changed)."""
    return Tokens(sentence)


def join_sides(sides) -> str:
    """The distinct non-empty sides joined with ';' in first-seen order."""
    return ";".join(dict.fromkeys(s for s in sides if s))


def who_of(actors, sides) -> Who:
    """The actors (distinct ids, first-seen order) of the mentions on a side, and those sides."""
    pairs = [(a, s) for a, s in zip(actors, sides) if s]
    return Who(";".join(dict.fromkeys(a for a, _ in pairs)), join_sides(s for _, s in pairs))


def _after_prep(before: list[str], preps: frozenset) -> bool:
    """Whether the last word, or the last two ("in front of"), is a preposition."""
    if not before:
        return False
    prev = before[-1].lower()
    return prev in preps or (len(before) > 1 and before[-2].lower() + " " + prev in preps)


def _joinable(gap: str, group_words: frozenset) -> bool:
    """Whether the text between two mentions holds only titles, commas, 'and' and capitalised words."""
    if "." in gap and "." in gap.replace("U.S.", "").replace("u.s.", ""):
        return False
    return all(w in ",&" or w.lower() in group_words or w[:1].isupper() for w in TOKEN_RE.findall(gap))


def _new_group(sentence: str, s: int, e: int, side: str, kind: str, actor: str, rules: Rules) -> Group:
    after = _after_prep(tokens_of(sentence).before(s), rules.preps)
    return Group(s, e, [side], [kind], False, after, [(s, e, side, kind)], [actor])


def _extend(g: Group, s: int, e: int, side: str, kind: str, actor: str) -> None:
    g.end = e
    g.sides.append(side)
    g.kinds.append(kind)
    g.parts.append((s, e, side, kind))
    g.actors.append(actor)


def _split_lists(sentence: str, groups: list[Group], joins: list[list[str]], rules: Rules) -> list[Group]:
    """Undo joins over a bare comma unless the group is a list closed by 'and' ("A, B and C")."""
    out = []
    for g, gaps in zip(groups, joins):
        if not any("," in gap for gap in gaps) or any(AND_RE.search(gap) for gap in gaps):
            out.append(g)
            continue
        cur = None
        for (s, e, side, kind), actor, gap in zip(g.parts, g.actors, [None] + gaps):
            if cur is None or "," in gap:
                cur = _new_group(sentence, s, e, side, kind, actor, rules)
                out.append(cur)
            else:
                _extend(cur, s, e, side, kind, actor)
    return out


def _possessive(sentence: str, g: Group, group_words: frozenset) -> bool:
    m = POSSESSIVE_RE.match(sentence[g.end:g.end + 30])
    return bool(m) and m.group(1).lower() not in group_words


def mention_groups(sentence: str, offset: int, mentions: list[tuple], sides: dict, rules: Rules) -> list[Group]:
    """The actor groups of a sentence from its (start, end, actor_id) mentions (sentence-relative offsets)."""
    items = sorted(((s - offset, e - offset, a) for s, e, a in mentions), key=lambda t: (t[0], -t[1]))
    groups: list[Group] = []
    joins: list[list[str]] = []
    last_end = None
    for s, e, a in items:
        if last_end is not None and s < last_end:
            continue   # overlaps the mention kept before it
        last_end = e
        side, kind = sides.get(a, NO_SIDE)
        if groups and _joinable(sentence[groups[-1].end:s], rules.group_words):
            joins[-1].append(sentence[groups[-1].end:s])
            _extend(groups[-1], s, e, side, kind, str(a))
            continue
        groups.append(_new_group(sentence, s, e, side, kind, str(a), rules))
        joins.append([])
    groups = _split_lists(sentence, groups, joins, rules)
    for g in groups:
        g.possessive = _possessive(sentence, g, rules.group_words)
    _sides_from_context(sentence, groups, rules)
    return groups


INTRODUCED_RE = re.compile(r"\A['’]s\s+\Z")


def _sides_from_context(sentence: str, groups: list[Group], rules: Rules) -> None:
    """A mention on no side takes the side of the possessive that introduces it ("Norway's foreign minister X")."""
    for before, g in zip(groups, groups[1:]):
        if join_sides(before.sides) and not any(g.sides) \
                and INTRODUCED_RE.match(sentence[before.end:g.start]):
            g.sides = [join_sides(before.sides)] * len(g.sides)
            g.parts = [(s, e, g.sides[0], kind) for s, e, _, kind in g.parts]


def sentence_subject(groups: list[Group]) -> Who:
    """The first subject group placed on a side (NOBODY for none)."""
    return next((g.who for g in groups if g.subject and join_sides(g.sides)), NOBODY)


def quote_at(quotes: list[dict], offset: int, pos: int) -> dict | None:
    """The last quote (by start) that holds a sentence-relative position."""
    found = None
    for q in quotes:
        if q["start"] - offset <= pos < q["end"] - offset:
            found = q
    return found


def _speaker(quote: dict | None, sides: dict) -> Who:
    if quote is None:
        return NOBODY
    speaker = str(quote.get("speaker_id") or "")
    side = sides.get(speaker, NO_SIDE)[0]
    return Who(speaker, side) if side else NOBODY


def _participle_subject(clauses: list[Clause], ci: int, groups: list[Group]) -> Who:
    """The subject of the clause a participle clause hangs from ("X rejected ..., stating that ...")."""
    clause = c = clauses[ci]
    while c.kind == "participle" and c.parent is not None:
        c = clauses[c.parent]
    subj = [g for g in groups if c.start <= g.start and g.end <= clause.start and g.subject]
    return subj[0].who if subj else NOBODY


def _pronoun_source(pron: tuple[int, str], quote: dict | None, groups: list[Group], ctx) -> Who:
    """What a pronoun before the cue stands for."""
    kind = ctx.rules.pronouns[pron[1]]
    if kind == "speaker":
        return _speaker(quote, ctx.sides)
    if kind == "person":
        persons = [g for g in groups if g.end <= pron[0] and "person" in g.kinds and not g.after_prep]
        return persons[-1].who if persons else ctx.prev_person
    subj = [g for g in groups if g.end <= pron[0] and g.subject]
    return subj[0].who if subj else ctx.prev_subject


def source_of(sentence: str, clauses: list[Clause], ci: int, cue_start: int, groups: list[Group],
              quotes: list[dict], offset: int, ctx) -> Who:
    """The source of the cue at ``cue_start`` in clause ``ci`` (rules in the module docstring)."""
    clause = clauses[ci]
    near = [g for g in groups if clause.start <= g.start and g.end <= cue_start and g.subject]
    nearest = near[-1] if near else None
    if nearest is None and clause.kind == "participle" and clause.parent is not None:
        subject = _participle_subject(clauses, ci, groups)
        if subject.sides:
            return subject
    quote = quote_at(quotes, offset, cue_start)
    pron = tokens_of(sentence).last_of(nearest.end if nearest else clause.start, cue_start, ctx.rules.pronouns)
    if pron:
        return _pronoun_source(pron, quote, groups, ctx)
    if nearest is not None:
        return nearest.who   # nobody when the subject is someone the gazetteer does not place on a side
    if quote is not None and quote.get("speaker_id"):
        return _speaker(quote, ctx.sides)
    before = [g for g in groups if g.end <= cue_start and g.subject]
    return before[0].who if before else NOBODY


SUBJECT_GAP = 4   # tokens (auxiliaries, adverbs, "and") allowed between a CAMEO verb and its subject
SUBJECT_PRONOUNS = frozenset("he she it they we i".split())


def subject_close(sentence: str, cue_start: int, groups: list[Group], rules: Rules) -> bool:
    """Whether an actor group or a subject pronoun ends right before the cue (auxiliaries, adverbs, "and" between)."""
    t = tokens_of(sentence)
    j = bisect.bisect_left(t.starts, cue_start) - 1
    gap = 0
    while j >= 0 and gap < SUBJECT_GAP and _between_subject_and_verb(t.words[j].lower(), rules):
        j, gap = j - 1, gap + 1
    if j < 0:
        return False
    return t.words[j].lower() in SUBJECT_PRONOUNS or t.ends[j] in {g.end for g in groups}


def _between_subject_and_verb(word: str, rules: Rules) -> bool:
    return word in rules.aux or word in ("and", "once", "again", "then", "now") or word.endswith("ly")


def _first_other(groups, lo: int, hi: int, source: str) -> Who:
    return next((Who(a, s) for g in groups if lo <= g.start and g.end <= hi
                 for a, s in zip(g.actors, g.sides) if s and s != source), NOBODY)


def speaker_of(sentence: str, cue_start: int, groups: list[Group], quotes: list[dict], offset: int,
               ctx) -> tuple[Who, Who]:
    """Source and target of a cue that describes the speech act itself ("used China as a pretext")."""
    for q in quotes:
        if q["start"] - offset <= cue_start < q["end"] - offset and q.get("speaker_id"):
            source = _speaker(q, ctx.sides)
            return source, _first_other(groups, q["start"] - offset, cue_start, source.sides)
    verbs = list(ctx.rules.reporting.finditer(sentence, 0, cue_start))
    subj = [g for g in groups if verbs and g.end <= verbs[-1].start() and g.subject]
    if not subj:
        return NOBODY, NOBODY
    source = subj[-1].who
    target = _first_other(groups, verbs[-1].end(), cue_start, source.sides)
    if not target.sides:
        target = _first_other(groups, cue_start, sys.maxsize, source.sides)
    return source, target


def target_of(clauses: list[Clause], ci: int, cue_end: int, groups: list[Group], source: Who) -> Who:
    """The first group after the cue in its clause with sides other than the source's (only those)."""
    skip = set(source.sides.split(";"))
    for g in groups:
        if cue_end <= g.start < clauses[ci].end:
            kept = [(a, s) for a, s in zip(g.actors, g.sides) if s and s not in skip]
            if kept:
                return who_of(*zip(*kept))
    return NOBODY
