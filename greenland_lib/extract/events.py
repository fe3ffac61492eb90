"""Code events sentence by sentence: who did what to whom, when, and how sure the text is.

An event is an occurrence of a cue from ``data/event_lexicon.csv`` (verbs and phrases mapped to
PLOVER categories) in a sentence, with the actors around it (from the ``mentions`` table), the
date expression that governs its clause (from ``timexes``), negation and modality. The rules that
decide which cue counts and how it is read are data too (``data/event_cues.csv``):

- a sentence is cut into clauses (``clause`` rows); only the first cue of a clause is an event,
  later cues in the same clause are its content ("agreed the alliance should *boost* security");
- cues after "threats to", "the idea of", "trying to" (``blocker``) and inside an if-clause
  (``condition``) name something not done and are skipped;
- a negation directly before the cue (``negation``, skipping ``aux`` words) negates it, and a
  negated category is recoded where ``plover_categories.csv`` says so ("will not accept":
  AGREE -> REJECT);
- modality (``modality``): ``possible`` > ``planned`` > ``reported`` > ``asserted``;
- date: the nearest resolved DATE expression in the clause (or in the clause a participle clause
  hangs from), else ``background`` for a continuing state ("for years", "has continued to") or an
  undated earlier clause ("after he made demands"), else the publication date.
The source actor is the actor group nearest before the cue that is not the object of a
preposition, or what a pronoun stands for, or the speaker of the quote the cue is in; the target is
the first other actor group after the cue in its clause. Actors are given as their side of the
crisis (ISO country code, or NATO/EU from the actor's CAMEO-style code); several as ``A;B``.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import namedtuple
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

import numpy as np
import pandas as pd

from ..corpus.loading import PROBLEM_COLUMNS, Corpus
from ..paths import data_file

COLUMNS = ["event_id", "article_id", "sent", "start", "end", "date", "date_basis", "source_actor",
           "target_actor", "category", "mode", "negated", "modality", "text"]
MODALITY_RANK = {"possible": 0, "planned": 1, "reported": 2, "asserted": 3}
DATE_VALUE_RE = re.compile(r"\A\d{4}(?:-W\d{2}(?:-WE)?|-\d{2}(?:-\d{2})?)?(?:T\w+)?\Z")
DAY_RE = re.compile(r"\A(\d{4})-(\d{2})-(\d{2})")
PRENOMINAL_RE = re.compile(r"\b(?:a|an|the|its|their|this|that)\s+\Z", re.I)
TOKEN_RE = re.compile(r"\w+(?:['’]\w+)*|n['’]t|[^\w\s]")
QUOTE_MARKS = "\"“”"
AND_RE = re.compile(r"\band\b|&")
POSSESSIVE_RE = re.compile(r"['’]s\s+(\w+)")
YEAR_RE = re.compile(r"\d{4}")


def _alt_re(patterns, flags=re.I) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


def _words(cell: str) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in cell.split("|") if w.strip())


def _union(patterns: list[str], flags: int = re.I, nonempty: bool = False) -> re.Pattern | None:
    """A zero-width pattern that matches wherever at least one of the patterns matches (None if unsafe to build).

    Not built when a pattern refers to its own groups by number or condition (their numbers
    shift in the union), or, with ``nonempty``, when a pattern can match the empty string.
    """
    try:
        from re import _parser as parser   # Python >= 3.11
    except ImportError:  # pragma: no cover
        import sre_parse as parser
    try:
        for p in patterns:
            if re.search(r"\\[1-9]|\(\?P=|\(\?\(", p) or (nonempty and parser.parse(p, flags).getwidth()[0] == 0):
                return None
        return re.compile("(?=" + "|".join(f"(?:{p})" for p in patterns) + ")", flags)
    except (re.error, OverflowError):
        return None


def _first_chars(pattern: str, flags: int = re.I) -> frozenset[str] | None:
    """The ASCII characters a match of the pattern can begin with, or None when that is not known for sure.

    Conservative: zero-width assertions are skipped (they only remove matches), and anything
    that is not plain ASCII literals, ranges, groups, branches or repeats gives None.
    """
    try:
        from re import _constants as c, _parser as parser   # Python >= 3.11
    except ImportError:  # pragma: no cover
        import sre_constants as c, sre_parse as parser
    ascii_ = set(map(chr, range(128)))

    def chars(code: int) -> set | None:
        ch = chr(code)
        return {ch.lower(), ch.upper()} if ch in ascii_ else None

    def first(items) -> tuple[set | None, bool]:   # (possible first characters, can match empty)
        out: set = set()
        for op, av in items:
            if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
                continue
            if op is c.LITERAL:
                got, empty = chars(av), False
            elif op is c.IN:
                got, empty = set(), False
                for iop, iav in av:
                    if iop is c.LITERAL:
                        one = chars(iav)
                    elif iop is c.RANGE and iav[1] < 128:
                        one = set().union(*(chars(x) for x in range(iav[0], iav[1] + 1)))
                    else:
                        one = None
                    if one is None:
                        return None, False
                    got |= one
            elif op is c.SUBPATTERN and not av[1] and not av[2]:
                got, empty = first(av[3])
            elif op is c.BRANCH:
                got, empty = set(), False
                for branch in av[1]:
                    one, e = first(branch)
                    if one is None:
                        return None, False
                    got, empty = got | one, empty or e
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
                got, empty = first(av[2])
                empty = empty or av[0] == 0
            else:
                return None, False
            if got is None:
                return None, False
            out |= got
            if not empty:
                return out, False
        return out, True

    found, empty = first(parser.parse(pattern, flags))
    return None if found is None or empty else frozenset(found)


@dataclass(frozen=True)
class Rules:
    """The event lexicon and cue lists, compiled from the data files."""

    cues: tuple                 # (compiled pattern, category, mode, source: subject | speaker)
    categories: pd.DataFrame    # plover_categories.csv indexed by category
    modality: tuple             # (compiled pattern, modality, scope)
    negation: frozenset
    aux: frozenset
    background: re.Pattern
    blocker: re.Pattern
    clauses: tuple              # (compiled pattern, kind)
    reporting: re.Pattern
    pronouns: dict              # word -> person | subject | speaker
    group_words: frozenset
    preps: frozenset
    condition: re.Pattern
    unresolved: re.Pattern
    side_codes: tuple           # (compiled pattern, side)
    cue_starts: re.Pattern      # zero-width match at every position where some cue pattern matches
    category_info: dict         # category -> its plover_categories.csv row as a dict
    cues_by_char: dict          # ASCII character -> indices of the cues that can start with it (others: all)
    clause_starts: re.Pattern | None     # zero-width match wherever some clause pattern matches
    modality_any: dict                   # scope -> zero-width match wherever some modality pattern of it matches


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Read the event lexicon and cue files (cached)."""
    lex = pd.read_csv(data_file("event_lexicon.csv"), dtype=str, keep_default_na=False)
    raw = [row.pattern.replace(" ", r"\s+") for row in lex.itertuples()]
    cues = tuple((re.compile(r"(?<![\w'’])(?:" + p + r")(?![\w'’])", re.I), row.category, row.mode, row.source)
                 for p, row in zip(raw, lex.itertuples()))
    # matches (without consuming) wherever at least one cue pattern matches: the only places worth trying them
    cue_starts = re.compile(r"(?<![\w'’])(?=(?:" + "|".join(f"(?:{p})" for p in raw) + r")(?![\w'’]))", re.I)
    cats = pd.read_csv(data_file("plover_categories.csv"), dtype=str, keep_default_na=False).set_index("category")
    unknown = set(lex.category) - set(cats.index)
    if unknown:
        raise ValueError(f"event_lexicon.csv uses categories missing from plover_categories.csv: {sorted(unknown)}")
    cue = pd.read_csv(data_file("event_cues.csv"), dtype=str, keep_default_na=False)
    by = {k: g for k, g in cue.groupby("kind")}

    def one(kind):
        return _alt_re(list(by[kind].pattern))

    def bounded(p):
        return re.compile(r"(?<![\w'’])(?:" + p + r")(?![\w'’])", re.I)

    modality = tuple((bounded(r.pattern), r.value, r.scope) for r in by["modality"].itertuples())
    clauses = tuple((re.compile(r.pattern, re.I), r.value) for r in by["clause"].itertuples())
    pronouns = {w: r.value for r in by["pronoun"].itertuples() for w in _words(r.pattern)}
    return Rules(
        cues=cues, categories=cats, modality=modality,
        negation=frozenset().union(*(_words(p) for p in by["negation"].pattern)),
        aux=frozenset().union(*(_words(p) for p in by["aux"].pattern)),
        background=bounded("|".join(by["background"].pattern)),
        blocker=re.compile(r"(?<![\w'’])(?:" + "|".join(by["blocker"].pattern) + r")\Z", re.I),
        clauses=clauses,
        reporting=bounded("|".join(by["reporting"].pattern)),
        pronouns=pronouns,
        group_words=frozenset().union(*(_words(p) for p in by["group"].pattern)),
        preps=frozenset().union(*(_words(p) for p in by["prep"].pattern)),
        condition=bounded("|".join(by["condition"].pattern)),
        unresolved=bounded("|".join(by["unresolved"].pattern)),
        side_codes=tuple((re.compile(r.pattern), r.value) for r in by["side_code"].itertuples()),
        cue_starts=cue_starts,
        category_info=dict(zip(cats.index, cats.to_dict("records"))),
        cues_by_char=_cues_by_char(cues),
        clause_starts=_union([pat.pattern for pat, _ in clauses], re.I, nonempty=True),
        modality_any={scope: _union([pat.pattern for pat, _, sc in modality if sc == scope])
                      for scope in {sc for _, _, sc in modality}},
    )


def _cues_by_char(cues: tuple) -> dict[str, tuple[int, ...]]:
    """For each ASCII character, the cue patterns (by index, in lexicon order) a match may start with it."""
    firsts = [_first_chars(pat.pattern, pat.flags) for pat, *_ in cues]
    return {chr(i): tuple(k for k, f in enumerate(firsts) if f is None or chr(i) in f) for i in range(128)}


# ----------------------------------------------------------------------------- actors

def actor_sides(actors: pd.DataFrame | None) -> dict[str, tuple[str, str]]:
    """Map actor_id -> (side, kind): NATO/EU from the CAMEO-style code, else the ISO country."""
    rules = load_rules()
    out: dict[str, tuple[str, str]] = {}
    if actors is None or actors.empty:
        return out
    for row in actors.to_dict("records"):
        code = str(row.get("code") or "")
        kind = str(row.get("kind") or "")
        side = next((s for pat, s in rules.side_codes if pat.search(code)), "")
        if not side and kind != "media":
            side = str(row.get("country") or "")
            side = "" if side.lower() == "nan" else side
        out[str(row["actor_id"])] = (side, kind)
    return out


@dataclass(slots=True)
class _Group:
    start: int
    end: int
    sides: list
    kinds: list
    possessive: bool
    after_prep: bool
    parts: list


class _Tokens:
    """The tokens of a sentence, to give the last words before a position without re-tokenising its prefix."""

    def __init__(self, sentence: str):
        self.sentence = sentence
        found = [(m.start(), m.end(), m.group(0)) for m in TOKEN_RE.finditer(sentence)]
        self.starts = [t[0] for t in found]
        self.ends = [t[1] for t in found]
        self.words = [t[2] for t in found]
        self._lower: list[str] | None = None

    def last_of(self, lo: int, hi: int, vocab) -> tuple[int, str] | None:
        """The last (start, lower-cased word) in vocab of the tokens ``TOKEN_RE.finditer(sentence, lo, hi)`` gives."""
        starts, ends = self.starts, self.ends
        i, j = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
        if not 0 <= lo <= hi or (i and ends[i - 1] > lo) or (j and ends[j - 1] > hi):
            # lo or hi cuts a token: tokenise the span itself
            found = None
            for m in TOKEN_RE.finditer(self.sentence, lo, hi):
                w = m.group(0).lower()
                if w in vocab:
                    found = (m.start(), w)
            return found
        if self._lower is None:
            self._lower = [w.lower() for w in self.words]
        lower = self._lower
        for k in range(j - 1, i - 1, -1):
            if lower[k] in vocab:
                return starts[k], lower[k]
        return None

    def before(self, pos: int, n: int = 2) -> list[str]:
        """The last n tokens of ``sentence[:pos]`` (as TOKEN_RE.findall on the prefix would give them)."""
        i = bisect.bisect_right(self.ends, pos)
        if i < len(self.starts) and self.starts[i] < pos:   # a token runs across pos: tokenise the prefix
            return TOKEN_RE.findall(self.sentence[:pos])[-n:]
        return self.words[max(0, i - n):i]


@lru_cache(maxsize=4096)
def _tokens(sentence: str) -> _Tokens:
    """The tokens of a sentence (cached: they are read, never changed)."""
    return _Tokens(sentence)


def _split_lists(sentence: str, groups: list[_Group], joins: list[list[str]], rules: Rules,
                 tokens: _Tokens | None = None) -> list[_Group]:
    """Undo joins over a bare comma unless the group is a list closed by 'and' ("A, B and C")."""
    out = []
    for g, gaps in zip(groups, joins):
        if not gaps or not any("," in gap for gap in gaps) or any(AND_RE.search(gap) for gap in gaps):
            out.append(g)
            continue
        cur = None
        for part, gap in zip(g.parts, [None] + gaps):
            if cur is None or "," in gap:
                before = (tokens or _tokens(sentence)).before(part[0])
                prev = before[-1].lower() if before else ""
                cur = _Group(part[0], part[1], [part[2]], [part[3]], False,
                             prev in rules.preps or " ".join(w.lower() for w in before[-2:]) in rules.preps, [part])
                out.append(cur)
            else:
                cur.end, cur.sides, cur.kinds = part[1], cur.sides + [part[2]], cur.kinds + [part[3]]
                cur.parts.append(part)
    return out


def _join(sides) -> str:
    if len(sides) == 1:   # the usual case: one side, or none
        return sides[0] or ""
    seen = []
    for s in sides:
        if s and s not in seen:
            seen.append(s)
    return ";".join(seen)


def _mention_groups(sentence: str, offset: int, mentions: list[tuple], sides: dict, rules: Rules) -> list[_Group]:
    """Join mentions ((start, end, actor_id) tuples) separated only by titles, commas and 'and' into groups
    (sentence-relative offsets)."""
    items = [(s - offset, e - offset, a) for s, e, a in mentions]
    if len(items) > 1:
        items.sort(key=_start_longest)
    groups: list[_Group] = []
    joins: list[list[str]] = []
    tokens = None
    group_words, preps = rules.group_words, rules.preps
    last_end, split, g = None, False, None
    for s, e, a in items:
        if last_end is not None and s < last_end:
            continue   # overlaps the mention kept before it
        last_end = e
        side, kind = sides.get(a, _NO_SIDE)
        if g is not None:
            gap = sentence[g.end:s]
            if "." not in gap or "." not in gap.replace("U.S.", "").replace("u.s.", ""):
                # tokens read one by one, so that the first word that is no title, comma or 'and' ends the test
                for m in TOKEN_RE.finditer(gap):
                    w = m.group(0)
                    if not (w in ",&" or w.lower() in group_words or w[:1].isupper()):
                        break
                else:
                    joins[-1].append(gap)
                    split = split or "," in gap
                    g.end = e
                    g.sides.append(side)
                    g.kinds.append(kind)
                    g.parts.append((s, e, side, kind))
                    continue
        if tokens is None:
            tokens = _tokens(sentence)
            t_starts, t_ends, t_words = tokens.starts, tokens.ends, tokens.words
        i = bisect.bisect_right(t_ends, s)   # tokens.before(s), inlined: the two tokens before the mention
        if i < len(t_starts) and t_starts[i] < s:
            before = tokens.before(s)
        else:
            before = t_words[i - 2:i] if i > 1 else t_words[:i]
        after_prep = False
        if before:
            prev = before[-1].lower()
            # the last word, or the last two ("in front of" ... ), is a preposition
            after_prep = prev in preps or (len(before) > 1 and before[-2].lower() + " " + prev in preps)
        g = _Group(s, e, [side], [kind], False, after_prep, [(s, e, side, kind)])
        groups.append(g)
        joins.append([])
    if split:   # only a join over a comma can be undone
        groups = _split_lists(sentence, groups, joins, rules, tokens)
    for g in groups:
        tail = sentence[g.end:g.end + 30]
        if tail[:1] in "'’":   # the only characters a possessive can start with
            m = POSSESSIVE_RE.match(tail)
            g.possessive = bool(m) and m.group(1).lower() not in group_words
    return groups


def _start_longest(item: tuple) -> tuple:
    return item[0], -item[1]


_NO_SIDE = ("", "")


# ----------------------------------------------------------------------------- clauses

@dataclass
class _Clause:
    start: int
    end: int
    kind: str      # main | participle | prior | condition
    parent: int | None


def _clauses(sentence: str, rules: Rules) -> list[_Clause]:
    cuts = []
    if rules.clause_starts is None:
        for pat, kind in rules.clauses:
            for m in pat.finditer(sentence):
                if m.end() > 0:
                    cuts.append((m.start(), m.end(), kind))
    else:   # each pattern tried only where some clause pattern matches: the same matches as its finditer
        starts = [m.start() for m in rules.clause_starts.finditer(sentence)]
        for pat, kind in (rules.clauses if starts else ()):
            end = 0
            for pos in starts:
                if pos < end:
                    continue
                m = pat.match(sentence, pos)
                if m:
                    end = m.end()
                    if end > 0:
                        cuts.append((m.start(), end, kind))
    cuts.sort()
    out = [_Clause(0, len(sentence), "main", None)]
    last_end = 0
    for s, e, kind in cuts:
        if s < last_end:
            continue
        out[-1].end = s
        parent = len(out) - 1 if kind == "participle" else None
        out.append(_Clause(e, len(sentence), kind, parent))
        last_end = e
    if len(out) > 1 and out[0].end == 0:
        out[1].kind = out[1].kind  # a sentence that opens with a cut: the first clause is empty
    return out


def _clause_of(clauses: list[_Clause], pos: int) -> int:
    for i, c in enumerate(clauses):
        if c.start <= pos < max(c.end, c.start + 1):
            return i
    return len(clauses) - 1


# ----------------------------------------------------------------------------- one sentence

@dataclass
class _Context:
    article_id: str
    published: dt.date | None
    sides: dict
    rules: Rules
    prev_subject: str = ""      # sides of the subject of the previous sentence
    prev_person: str = ""       # side of the last person mentioned


def _negated(sentence: str, clause: _Clause, cue_start: int, rules: Rules) -> bool:
    tokens = TOKEN_RE.findall(sentence[clause.start:cue_start])
    for tok in reversed(tokens):
        low = tok.lower()
        if low in rules.negation or low.endswith(("n't", "n’t")):
            return True
        if low not in rules.aux:
            return False
    return False


def _modality(sentence: str, clause: _Clause, cue_start: int, cue_end: int, rules: Rules) -> str:
    found = []
    before = sentence[clause.start:cue_end]
    after = sentence[cue_end:clause.end]
    texts = {"before": before, "after": after, "sentence": sentence}
    live = {scope: any_ is None or any_.search(texts[scope]) is not None for scope, any_ in rules.modality_any.items()}
    for pat, value, scope in rules.modality:
        if not live[scope]:
            continue   # no modality pattern of this scope matches its text
        text = texts[scope]
        for m in pat.finditer(text):
            if value == "possible" and m.group(0).lower() == "would":
                pos = clause.start + m.start()
                value = "planned" if rules.reporting.search(sentence[:pos]) else "possible"
            found.append(value)
    return min(found, key=MODALITY_RANK.get) if found else "asserted"


def _usable_timexes(timexes: list[dict], sentence: str, offset: int) -> list[tuple[int, int, str]]:
    out = []
    for t in timexes:
        value = str(t.get("value") or "")
        if t.get("type") != "DATE" or not t.get("resolved", True) or not DATE_VALUE_RE.match(value):
            continue
        s, e = t["start"] - offset, t["end"] - offset
        if YEAR_RE.fullmatch(t.get("text", "")) and PRENOMINAL_RE.search(sentence[:s]):
            continue   # "a 1951 pact": the year names the pact, it does not date the clause
        out.append((s, e, value))
    return out


def _date(sentence: str, clauses: list[_Clause], ci: int, cue_start: int, timexes, ctx: _Context) -> tuple[str, str]:
    i = ci
    while True:
        c = clauses[i]
        inside = [t for t in timexes if c.start <= t[0] < c.end]
        if inside:
            best = min(inside, key=lambda t: min(abs(t[0] - cue_start), abs(t[1] - cue_start)))
            return best[2], "timex"
        if ctx.rules.background.search(sentence[c.start:c.end]) or c.kind == "prior":
            return "", "background"
        if c.kind != "participle" or c.parent is None:
            break
        i = c.parent
    return (ctx.published.isoformat() if ctx.published else ""), "published"


def _sentence_subject(groups: list[_Group]) -> str:
    for g in groups:
        if not g.after_prep and not g.possessive:
            joined = _join(g.sides)
            if joined:
                return joined
    return ""


def _source(sentence, clauses, ci, cue_start, groups, quotes, offset, ctx: _Context) -> str:
    rules = ctx.rules
    clause = clauses[ci]
    lo = clause.start
    cands = [g for g in groups if lo <= g.start and g.end <= cue_start and not g.after_prep and not g.possessive]
    nearest = cands[-1] if cands else None
    tail_from = nearest.end if nearest else lo
    c = clause
    if nearest is None and c.kind == "participle" and c.parent is not None:
        # "X rejected ..., stating that it will not accept": the participle shares X as its subject
        while c.kind == "participle" and c.parent is not None:
            c = clauses[c.parent]
        subj = [g for g in groups if c.start <= g.start and g.end <= clause.start
                and not g.after_prep and not g.possessive]
        if subj and _join(subj[0].sides):
            return _join(subj[0].sides)
    pron = _tokens(sentence).last_of(tail_from, cue_start, rules.pronouns)   # the last pronoun before the cue
    in_quote = None
    for q in quotes:
        if q["start"] - offset <= cue_start < q["end"] - offset:
            in_quote = q
    if pron:
        kind = rules.pronouns[pron[1]]
        if kind == "speaker":
            if in_quote is not None:
                return ctx.sides.get(str(in_quote.get("speaker_id") or ""), ("", ""))[0]
            return ""
        if kind == "person":
            persons = [g for g in groups if g.end <= pron[0] and "person" in g.kinds and not g.after_prep]
            return _join(persons[-1].sides) if persons else ctx.prev_person
        subj = [g for g in groups if g.end <= pron[0] and not g.after_prep and not g.possessive]
        return _join(subj[0].sides) if subj else ctx.prev_subject
    if nearest is not None:
        return _join(nearest.sides)   # "" when the subject is someone the gazetteer does not place on a side
    if in_quote is not None and in_quote.get("speaker_id"):
        return ctx.sides.get(str(in_quote["speaker_id"]), ("", ""))[0]
    before = [g for g in groups if g.end <= cue_start and not g.after_prep and not g.possessive]
    return _join(before[0].sides) if before else ""


def _speaker(sentence, cue_start, groups, quotes, offset, ctx: _Context) -> tuple[str, str]:
    """Source and target of a cue that describes the speech act itself ("used China as a pretext")."""
    rules = ctx.rules
    for q in quotes:
        if q["start"] - offset <= cue_start < q["end"] - offset and q.get("speaker_id"):
            source = ctx.sides.get(str(q["speaker_id"]), ("", ""))[0]
            inside = [g for g in groups if q["start"] - offset <= g.start and g.end <= cue_start]
            rest = [s for g in inside for s in g.sides if s and s != source]
            return source, (rest[0] if rest else "")
    verbs = [m for m in rules.reporting.finditer(sentence, 0, cue_start)]
    if not verbs:
        return "", ""
    verb = verbs[-1]
    subj = [g for g in groups if g.end <= verb.start() and not g.after_prep and not g.possessive]
    if not subj:
        return "", ""
    source = _join(subj[-1].sides)
    after = [s for g in groups if verb.end() <= g.start and g.end <= cue_start for s in g.sides if s and s != source]
    later = [s for g in groups if g.start >= cue_start for s in g.sides if s and s != source]
    return source, (after[0] if after else later[0] if later else "")


def _target(clauses, ci, cue_end, groups, source: str) -> str:
    c = clauses[ci]
    skip = set(source.split(";"))
    for g in groups:
        if cue_end <= g.start < c.end:
            sides = [s for s in g.sides if s and s not in skip]
            if sides:
                return _join(sides)
    return ""


def _cues(sentence: str, rules: Rules) -> list[tuple[int, int, str, str, str]]:
    starts = [m.start() for m in rules.cue_starts.finditer(sentence)]
    if not starts:
        return []
    found = []
    cues, by_char, every = rules.cues, rules.cues_by_char, range(len(rules.cues))
    ends = [0] * len(cues)
    for pos in starts:   # what each pattern's finditer would find: the next match at or after its last one's end
        for k in by_char.get(sentence[pos], every):
            if pos < ends[k]:
                continue
            m = cues[k][0].match(sentence, pos)
            if m:
                found.append((m.start(), m.end(), *cues[k][1:]))
                ends[k] = m.end()
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    kept = []
    for f in found:
        if kept and f[0] < kept[-1][1]:
            continue
        kept.append(f)
    return kept


def _read_cues(sentence: str, clauses: list[_Clause], rules: Rules) -> tuple:
    """The cues of a sentence that can be events, read from its text alone.

    (start, end, category, mode, source kind, clause index, negated, modality) for the first
    cue of each clause that is not a condition and not blocked, negation and modality applied.
    """
    out, used_clauses = [], set()
    for s, e, category, mode, who in _cues(sentence, rules):
        ci = _clause_of(clauses, s)
        clause = clauses[ci]
        if clause.kind == "condition" or ci in used_clauses:
            continue
        if rules.blocker.search(sentence[max(clause.start, s - 80):s]):
            continue
        used_clauses.add(ci)
        negated = _negated(sentence, clause, s, rules)
        modality = _modality(sentence, clause, s, e, rules)
        info = rules.category_info[category]
        if negated and info["negated_category"]:
            category, negated = info["negated_category"], False
            modality = "reported" if modality == "reported" else "asserted"
            info = rules.category_info[category]
        if info.get("inherent_future", "") == "yes" and modality in ("possible", "planned"):
            modality = "asserted"
        out.append((s, e, category, mode, who, ci, negated, modality))
    return tuple(out)


SENTENCE_CACHE = 1 << 16   # sentences whose text-only reading is kept (wire copy repeats sentences across outlets)


@lru_cache(maxsize=SENTENCE_CACHE)
def _cached_clauses(sentence: str) -> tuple[_Clause, ...]:
    return tuple(_clauses(sentence, load_rules()))


@lru_cache(maxsize=SENTENCE_CACHE)
def _cached_reading(sentence: str) -> tuple[tuple[_Clause, ...], tuple]:
    clauses = _cached_clauses(sentence)
    return clauses, _read_cues(sentence, list(clauses), load_rules())


def _reading(sentence: str, rules: Rules) -> tuple[tuple[_Clause, ...], tuple]:
    """(clauses, cue readings) of a sentence: everything about it that depends on its text alone (cached)."""
    if rules is load_rules():
        return _cached_reading(sentence)
    clauses = _clauses(sentence, rules)
    return tuple(clauses), _read_cues(sentence, clauses, rules)


def code_sentence(row: dict, mentions: list[dict], timexes: list[dict], quotes: list[dict], ctx: _Context) -> list[dict]:
    """Return the events of one sentence (dicts with the COLUMNS)."""
    return _code_sentence(row, [(m["start"], m["end"], m["actor_id"]) for m in mentions], timexes, quotes, ctx)


def _code_sentence(row: dict, mentions: list[tuple], timexes: list[dict], quotes: list[dict], ctx: _Context) -> list[dict]:
    """``code_sentence`` with the mentions as (start, end, actor_id) tuples."""
    rules = ctx.rules
    sentence, offset = row["text"], row["start"]
    clauses, cues = _reading(sentence, rules)
    groups = _mention_groups(sentence, offset, mentions, ctx.sides, rules)
    tx = _usable_timexes(timexes, sentence, offset)
    events, seen = [], set()
    for s, e, category, mode, who, ci, negated, modality in cues:
        if who == "speaker":
            source, target = _speaker(sentence, s, groups, quotes, offset, ctx)
        else:
            source = _source(sentence, clauses, ci, s, groups, quotes, offset, ctx)
            target = _target(clauses, ci, e, groups, source)
        if not source:
            continue    # who acted is unknown: not coded (precision over recall)
        key = (category, source)
        if key in seen:
            continue
        seen.add(key)
        date, basis = _date(sentence, clauses, ci, s, tx, ctx)
        events.append({
            "event_id": f"{ctx.article_id}:{offset + s}", "article_id": ctx.article_id, "sent": row["sent"],
            "start": offset + s, "end": offset + e, "date": date, "date_basis": basis,
            "source_actor": source, "target_actor": target,
            "category": category, "mode": mode, "negated": negated, "modality": modality, "text": sentence,
        })
    subj = _sentence_subject(groups)
    if subj:
        ctx.prev_subject = subj
    for g in reversed(groups):   # the last person placed on a side
        if "person" in g.kinds:
            joined = _join(g.sides)
            if joined:
                ctx.prev_person = joined
                break
    return events


# ----------------------------------------------------------------------------- the extractor

_RECORD_COLUMNS = {"article_id", "start", "end", "actor_id", "type", "value", "resolved", "text", "speaker_id"}


def _by_article(table: pd.DataFrame | None, columns: list[str], fields: tuple | None = None) -> dict[str, list]:
    """Rows of a table as dicts (or as tuples of the ``fields``), grouped by article (first-seen order) and sorted by
    start within each."""
    if table is None or table.empty or not set(columns) <= set(table.columns):
        return {}
    if fields is None:
        names = [c for c in table.columns if c in _RECORD_COLUMNS]
        records = [dict(zip(names, values)) for values in zip(*(table[c].tolist() for c in names))]
    else:
        records = list(zip(*(table[c].tolist() for c in fields)))
    starts = table["start"].to_numpy()
    start_list = starts.tolist() if starts.dtype.kind in "iu" else None
    positions: dict[str, list[int]] = {}
    for i, article_id in enumerate(table["article_id"].tolist()):
        if article_id == article_id and article_id is not None:   # groupby leaves out missing keys
            positions.setdefault(article_id, []).append(i)
    out = {}
    for article_id, pos in positions.items():
        if start_list is not None and all(start_list[i] < start_list[j] for i, j in zip(pos, pos[1:])):
            out[article_id] = [records[i] for i in pos]   # already in strictly increasing order: no ties to place
            continue
        pos = np.asarray(pos)
        # the same (not stable) numpy sort as DataFrame.sort_values on the article's rows, so ties keep their order
        order = pos[np.argsort(starts[pos], kind="quicksort")]
        out[article_id] = [records[i] for i in order]
    return out


def _within(rows: list[dict], starts: list[int], lo: int, hi: int) -> list[dict]:
    """The rows (sorted by start) that lie inside [lo, hi]."""
    first, last = bisect.bisect_left(starts, lo), bisect.bisect_right(starts, hi)
    return [r for r in rows[first:last] if r["end"] <= hi]


def _within_spans(rows: list[tuple], starts: list[int], lo: int, hi: int) -> list[tuple]:
    """``_within`` for rows that are (start, end, ...) tuples."""
    first, last = bisect.bisect_left(starts, lo), bisect.bisect_right(starts, hi)
    return [r for r in rows[first:last] if r[1] <= hi]


def code_events(corpus: Corpus, tables: dict[str, pd.DataFrame] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (events, problems) for a corpus, using its ``mentions``, ``timexes``, ``actors`` and ``quotes`` tables."""
    return _code_events(corpus, tables, carry=False)


def _code_events(corpus: Corpus, tables: dict[str, pd.DataFrame] | None, carry: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``code_events``; with ``carry``, each event also gets its scope reading (SCOPE_COLUMN) for the aggregator."""
    tables = tables or {}
    carry = carry and _issue_bits() is not None
    rules = load_rules()
    problems = []
    sides = actor_sides(tables.get("actors"))
    mentions = _by_article(tables.get("mentions"), ["article_id", "start", "end", "actor_id"], ("start", "end", "actor_id"))
    timexes = _by_article(tables.get("timexes"), ["article_id", "start", "end", "type", "value"])
    quotes = _by_article(tables.get("quotes"), ["article_id", "start", "end", "speaker_id"])
    rows = []
    files = dict(zip(corpus.articles.article_id, corpus.articles.file))
    published = dict(zip(corpus.articles.article_id, corpus.articles.published))
    sents = corpus.sentences
    by_article: dict[str, list[dict]] = {}
    for a, n, st, en, text in zip(*(sents[c].tolist() for c in ("article_id", "sent", "start", "end", "text"))):
        by_article.setdefault(a, []).append({"article_id": a, "sent": n, "start": st, "end": en, "text": text})
    for article_id, sentence_rows in by_article.items():
        pub = published.get(article_id)
        pub = pub if isinstance(pub, dt.date) else None
        ctx = _Context(article_id, pub, sides, rules)
        ms, ts, qs = mentions.get(article_id, []), timexes.get(article_id, []), quotes.get(article_id, [])
        m_starts, t_starts = [m[0] for m in ms], [t["start"] for t in ts]
        try:
            for row in sorted(sentence_rows, key=lambda r: r["sent"]):
                inside = _within_spans(ms, m_starts, row["start"], row["end"])
                t_in = _within(ts, t_starts, row["start"], row["end"])
                found = _code_sentence(row, inside, t_in, qs, ctx)
                if carry:
                    for event in found:
                        event[SCOPE_COLUMN] = _scope_code(row["text"], event["start"] - row["start"],
                                                          event["end"] - row["start"])
                rows.extend(found)
        except Exception as exc:  # a rule failing on odd text must not stop the corpus
            problems.append({"file": files.get(article_id, article_id), "severity": "warning",
                             "message": f"event coding stopped in this article ({type(exc).__name__}: {exc})"})
    events = pd.DataFrame(rows, columns=COLUMNS + [SCOPE_COLUMN] if carry else COLUMNS)
    for col in ("sent", "start", "end") + ((SCOPE_COLUMN,) if carry else ()):
        events[col] = events[col].astype("int64")
    events["negated"] = events["negated"].astype(bool)
    return events, pd.DataFrame(problems, columns=PROBLEM_COLUMNS)


def events_extractor(corpus: Corpus, tables: dict) -> dict[str, pd.DataFrame]:
    """Pipeline step (article by article): the ``events`` table.

    The reading of each event's scope and each quote's issues (what ``stance_table`` needs from
    their text alone) is done here, in the parallel workers, and passed on in ``tables.handoff``
    (``event_scopes`` and ``quote_readings``, row for row with ``events`` and ``quotes``), which the
    pipeline joins across chunks for ``events_aggregator`` and never writes.
    """
    events, problems = _code_events(corpus, tables, carry=True)
    out = {"events": events.drop(columns=SCOPE_COLUMN), "problems": problems}
    tables.handoff.event_scopes = events[[SCOPE_COLUMN]]
    quotes = tables.get("quotes")
    if _issue_bits() is not None and quotes is not None and {"article_id", "start", "end", "text"} <= set(quotes.columns) \
            and quotes["start"].dtype.kind in "iu" and quotes["end"].dtype.kind in "iu":
        spans, starts = _sentence_spans(corpus.sentences, set(quotes["article_id"].tolist()))
        sent = []   # the first sentence (in table order) each quote overlaps, -1 for none
        for a, lo, hi in zip(*(quotes[c].tolist() for c in ("article_id", "start", "end"))):
            hit = _first_overlap(spans.get(a, []), starts.get(a), lo, hi)
            sent.append(-1 if hit is None else hit[2])
        tables.handoff.quote_readings = pd.DataFrame({
            ISSUES_COLUMN: np.array([_quote_code(t) for t in quotes["text"].tolist()], dtype="int64"),
            SENT_COLUMN: np.array(sent, dtype="int64")})
    return out


# ----------------------------------------------------------------------------- across articles

GROUP_COLUMNS = ["group_id", "category", "mode", "source_actor", "target_actor", "date", "date_basis", "negated",
                 "modality", "n_reports", "n_mentions", "articles", "outlets", "event_ids", "text"]
STANCE_COLUMNS = ["actor", "issue", "issue_label", "position", "date", "date_basis", "n_evidence", "how",
                  "article_id", "sent", "start", "end", "text", "evidence"]
OUTCOME_COLUMNS = ["outcome", "category", "source_actor", "target_actor", "date", "modality", "n_reports",
                   "articles", "outlets", "article_id", "sent", "start", "end", "text", "evidence"]
UNRESOLVED_WINDOW_DAYS = 3   # "unresolved at the end of the corpus": sentences of the last few days


def _published(corpus: Corpus) -> dict[str, dt.date | None]:
    arts = corpus.articles
    return {a: (p if isinstance(p, dt.date) else None) for a, p in zip(arts.article_id.tolist(), arts.published.tolist())}


class _SentenceIndex:
    """(article_id, sent) -> (start, end, text) for the corpus sentences, found by row position, not stored per key."""

    def __init__(self, sents: pd.DataFrame):
        self._sents = sents
        self._ids = sents["article_id"].tolist()
        self._sent, self._start, self._end = (sents[c].to_numpy() for c in ("sent", "start", "end"))
        self._text = sents["text"].tolist()
        self._first: dict[str, int] = {}
        for pos, article_id in enumerate(self._ids):
            self._first.setdefault(article_id, pos)
        self._full: dict | None = None

    def __getitem__(self, key: tuple[str, int]) -> tuple[int, int, str]:
        article_id, sent = key
        first = self._first.get(article_id)
        if first is not None:
            pos = first + sent - 1   # sentences are numbered 1, 2, ... in each article, in row order
            if pos < len(self._ids) and self._ids[pos] == article_id and self._sent[pos] == sent:
                return int(self._start[pos]), int(self._end[pos]), self._text[pos]
        if self._full is None:   # rows not in that order: look up through a full map
            sents = self._sents
            self._full = {(a, n): (s, e, t) for a, n, s, e, t in
                          zip(*(sents[c].tolist() for c in ("article_id", "sent", "start", "end", "text")))}
        return self._full[key]

    def many(self, keys: list[tuple[str, int]]) -> list[tuple[int, int, str]]:
        """``[self[key] for key in keys]``, reading the start and end columns once for all of them."""
        first, ids, n = self._first, self._ids, len(self._ids)
        pos = [first.get(a, n) + s - 1 for a, s in keys]   # n: past the end for an article with no rows
        if not all(0 <= p < n and ids[p] == a for p, (a, _) in zip(pos, keys)) or \
                not np.array_equal(self._sent[pos], [s for _, s in keys]):
            return [self[key] for key in keys]   # some key is not where the numbering puts it
        text = self._text
        return list(zip(self._start[pos].tolist(), self._end[pos].tolist(), [text[p] for p in pos]))


def _sentence_index(corpus: Corpus) -> _SentenceIndex:
    """Map (article_id, sent) -> (start, end, text) for every sentence of the corpus."""
    return _SentenceIndex(corpus.sentences)


def _lookup(sentences, keys: list) -> list[tuple[int, int, str]]:
    """(start, end, text) of each (article_id, sent) key, from a sentence index or a plain dict."""
    if isinstance(sentences, _SentenceIndex):
        return sentences.many(keys)
    return [(int(s), int(e), t) for s, e, t in (sentences[k] for k in keys)]


def _report_order(events: pd.DataFrame, corpus: Corpus) -> np.ndarray:
    """Row positions of the events in report order: a stable sort on (publication day, article, start)."""
    pub = _published(corpus)
    ids, starts = events["article_id"].tolist(), events["start"].tolist()
    if all(type(a) is str for a in ids) and all(type(x) is int for x in starts):
        # articles ranked by (day, id) once, then one stable numpy sort on (article rank, start)
        ranked = sorted(set(ids), key=lambda a: ((pub.get(a) or dt.date.max).isoformat(), a))
        rank = {a: i for i, a in enumerate(ranked)}
        return np.lexsort((np.array(starts, dtype=np.int64), np.array([rank[a] for a in ids], dtype=np.int64)))
    order = events[["article_id", "start"]].assign(
        _pub=[(pub.get(a) or dt.date.max).isoformat() for a in ids], _pos=np.arange(len(events)))
    return order.sort_values(["_pub", "article_id", "start"], kind="stable")["_pos"].to_numpy()


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def group_events(events: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """One row per real event: dated events with the same category, source actor, date and polarity."""
    dated = events[(events.date_basis != "background") & (events.date != "")]
    if dated.empty:
        return pd.DataFrame(columns=GROUP_COLUMNS)
    outlets = dict(zip(corpus.articles.article_id.tolist(), corpus.articles.outlet.tolist()))
    order = _report_order(dated, corpus)
    # rows with no missing value by pandas' wider notion cannot have a missing key by _missing's
    maybe = dated[["category", "source_actor", "date", "negated"]].isna().any(axis=1).to_numpy()[order].tolist()
    # each event's group (in report order), numbered in order of first appearance; -1: a missing key, left out
    # as pandas groupby does
    index: dict[tuple, int] = {}
    keys = zip(*(dated[c].take(order).tolist() for c in ("category", "source_actor", "date", "negated")))
    codes = np.array([-1 if check and any(_missing(k) for k in key) else index.setdefault(key, len(index))
                      for key, check in zip(keys, maybe)], dtype=np.int64)
    # the events group by group, in report order within each: group g is rows bounds[g]:bounds[g + 1]
    by_group = np.argsort(codes, kind="stable")
    by_group = by_group[codes[by_group] >= 0]
    bounds = np.searchsorted(codes[by_group], np.arange(len(index) + 1)).tolist()
    rows_in = order[by_group]
    col = {c: dated[c].take(rows_in).tolist() for c in ("event_id", "article_id", "category", "mode", "source_actor",
                                                         "target_actor", "date", "date_basis", "negated", "modality",
                                                         "text")}
    rows = []
    for lo, hi in zip(bounds, bounds[1:]):
        articles = list(dict.fromkeys(col["article_id"][lo:hi]))
        targets = [t for t in col["target_actor"][lo:hi] if t]
        rows.append((   # in GROUP_COLUMNS order
            col["event_id"][lo], col["category"][lo], col["mode"][lo], col["source_actor"][lo],
            max(dict.fromkeys(targets), key=targets.count) if targets else "",  # target: ties go to the first named
            col["date"][lo], "timex" if "timex" in col["date_basis"][lo:hi] else "published",
            bool(col["negated"][lo]), max(col["modality"][lo:hi], key=MODALITY_RANK.get),
            len(articles), hi - lo, ";".join(articles),
            ";".join(dict.fromkeys(outlets.get(a) or a for a in articles)),
            ";".join(col["event_id"][lo:hi]), col["text"][lo],
        ))
    if all(type(r[5]) is str and type(r[0]) is str for r in rows):
        rows.sort(key=lambda r: (r[5], r[0]))   # the same stable sort as sort_values on (date, group_id)
        out = pd.DataFrame(rows, columns=GROUP_COLUMNS)
    else:
        out = pd.DataFrame(rows, columns=GROUP_COLUMNS)
        out = out.sort_values(["date", "group_id"], kind="stable").reset_index(drop=True)
    for col in ("n_reports", "n_mentions"):
        out[col] = out[col].astype("int64")
    out["negated"] = out["negated"].astype(bool)
    return out


@lru_cache(maxsize=1)
def load_issues() -> pd.DataFrame:
    """The stance issues and their cue words (``data/stance_issues.csv``)."""
    return pd.read_csv(data_file("stance_issues.csv"), dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def _compiled_issues() -> tuple:
    """(issue, label, topic patterns, ((role, pattern), ...)) per issue, in file order, compiled once."""
    out = []
    for issue, g in load_issues().groupby("issue", sort=False):
        topic = g.role.str.startswith("topic")
        out.append((issue, g.label.iloc[0], tuple(re.compile(p, re.I) for p in g[topic].pattern),
                    tuple((r.role, re.compile(r.pattern, re.I)) for r in g[~topic].itertuples())))
    return tuple(out)


@lru_cache(maxsize=4096)
def _issue_matches(text: str) -> tuple[tuple[str, str, str], ...]:
    """Return (issue, label, polarity cue position) for every issue whose topic cues all match the text."""
    out = []
    for issue, label, topics, cues in _compiled_issues():
        if not all(p.search(text) for p in topics):
            continue
        pol = {role: bool(p.search(text)) for role, p in cues}
        polarity = ("unclear" if pol.get("supports") == pol.get("opposes")
                    else "supports" if pol.get("supports") else "opposes")
        out.append((issue, label, polarity))
    return tuple(out)


@lru_cache(maxsize=4096)
def _is_speech_cue(text: str) -> bool:
    return any(who == "speaker" and pat.fullmatch(text) for pat, _, _, who in load_rules().cues)


def _clause_scope(sentence: str, cue_start: int, cue_end: int) -> str:
    """The text an event is about: from its cue to the end of its clause (the whole clause for speech-act cues)."""
    clauses = _cached_clauses(sentence)
    clause = clauses[_clause_of(clauses, cue_start)]
    speech = _is_speech_cue(sentence[cue_start:cue_end])
    return sentence[clause.start if speech else cue_start:clause.end]


def _first_overlap(spans: list, starts: list, lo: int, hi: int):
    """The first (start, end, sent) of an article's sentences (in table order) that overlaps [lo, hi)."""
    if starts is not None:   # sentences in order and not overlapping: the first one ending after lo
        i = bisect.bisect_right(starts, lo)
        for j in (i - 1, i):
            if 0 <= j < len(spans) and spans[j][0] < hi and spans[j][1] > lo:
                return spans[j]
        return None
    return next((sp for sp in spans if sp[0] < hi and sp[1] > lo), None)


@lru_cache(maxsize=SENTENCE_CACHE)
def _scope_reading(sentence: str, cue_start: int, cue_end: int) -> tuple[bool, tuple]:
    """(whether the event's scope holds a condition, the issues it matches) for a cue of a sentence (cached)."""
    scope = _clause_scope(sentence, cue_start, cue_end)
    return load_rules().condition.search(scope) is not None, _issue_matches(scope)


# Readings made by the extractor for the aggregator (int64 columns of private tables, never written):
# an issue code holds 2 bits per issue of stance_issues.csv (0 = no match, else 1 + polarity index);
# an event's scope code is its issue code shifted left by one, with the condition flag in bit 0.
SCOPE_COLUMN = "_scope"       # events: the scope code of each event
ISSUES_COLUMN = "_issues"     # quotes: the issue code of each quote's text
SENT_COLUMN = "_sent"         # quotes: the sentence each quote begins in (see stance_table), -1 for none
NOT_READ = -1                 # a text not read in the extractor (not a string, or the reading failed)
_POLARITIES = ("supports", "opposes", "unclear")


@lru_cache(maxsize=1)
def _issue_bits() -> dict[str, int] | None:
    """Issue -> its bit position in an issue code (None when there are too many issues to fit in 62 bits)."""
    issues = [issue for issue, *_ in _compiled_issues()]
    return {issue: 2 * i for i, issue in enumerate(issues)} if len(issues) <= 31 else None


def _issue_code(matches: tuple) -> int:
    bits = _issue_bits()
    return sum((_POLARITIES.index(polarity) + 1) << bits[issue] for issue, _, polarity in matches)


def _decode_issues(code: int, known: dict) -> tuple:
    """The ``_issue_matches`` tuple an issue code stands for (decoded once per distinct code into ``known``)."""
    if code not in known:
        known[code] = tuple((issue, label, _POLARITIES[(code >> (2 * i) & 3) - 1])
                            for i, (issue, label, *_) in enumerate(_compiled_issues()) if code >> (2 * i) & 3)
    return known[code]


def _scope_code(sentence: str, cue_start: int, cue_end: int) -> int:
    try:
        conditional, issues = _scope_reading(sentence, cue_start, cue_end)
    except Exception:   # left for the aggregator to read (and fail on) as it would without the extractor's help
        return NOT_READ
    return _issue_code(issues) << 1 | conditional


def _quote_code(text) -> int:
    if type(text) is not str:
        return NOT_READ
    try:
        return _issue_code(_issue_matches(text))
    except Exception:
        return NOT_READ


def _int_lists(table: pd.DataFrame, names: tuple) -> list[list[int]]:
    """The named columns as lists of Python ints."""
    return [table[c].tolist() if table[c].dtype.kind in "iu" else [int(x) for x in table[c].tolist()] for c in names]


def _sentence_spans(sents: pd.DataFrame, articles: set) -> tuple[dict, dict]:
    """For the given articles: their (start, end, sent) spans in table order, and the starts when in order (else None)."""
    spans: dict[str, list] = {}
    for a, span in zip(sents["article_id"].tolist(), zip(*_int_lists(sents, ("start", "end", "sent")))):
        if a in articles:
            spans.setdefault(a, []).append(span)
    starts = {}
    for a, sp in spans.items():
        ordered = all(x[1] <= y[0] and x[0] <= x[1] for x, y in zip(sp, sp[1:]))
        starts[a] = [x[0] for x in sp] if ordered else None
    return spans, starts


def stance_table(events: pd.DataFrame, tables: dict[str, pd.DataFrame], corpus: Corpus,
                 sentences: _SentenceIndex | dict | None = None) -> pd.DataFrame:
    """Each actor's position on each issue, per date, from coded events and from attributed quotes."""
    positions = pd.read_csv(data_file("stance_positions.csv"), dtype=str, keep_default_na=False)
    by_cat = dict(zip(positions.category, positions.position))
    if sentences is None:
        sentences = _sentence_index(corpus)
    evidence = []   # actor, issue, label, position, date, basis, how, article_id, sent
    covered = set()
    names = ("category", "negated", "article_id", "sent", "start", "end", "modality", "source_actor", "date",
             "date_basis")
    known: dict[int, tuple] = {}   # issue code -> its decoded issues
    if SCOPE_COLUMN in events.columns:   # scopes read in the extractor: only events about some issue matter
        codes = events[SCOPE_COLUMN].to_numpy()
        about = np.flatnonzero((codes >> 1 != 0) | (codes == NOT_READ))
        columns = [events[c].take(about).tolist() for c in names]
        codes = codes[about].tolist()
    else:
        columns = [events[c].tolist() for c in names]
        codes = [NOT_READ] * len(events)
    for code, category, negated, article_id, sent, start, end, modality, source_actor, date, date_basis in zip(
            codes, *columns):
        if code == NOT_READ:
            s_start, _, s_text = sentences[(article_id, sent)]
            conditional, issues = _scope_reading(s_text, start - s_start, end - s_start)
        else:
            conditional, issues = code & 1, _decode_issues(code >> 1, known)
        pos = by_cat.get(category, "unclear")
        if negated:
            pos = "unclear"
        if pos == "supports" and (modality == "possible" or conditional):
            pos = "conditional"
        for issue, label, _ in issues:
            for actor in source_actor.split(";"):
                evidence.append((actor, issue, label, pos, date, date_basis, "event", article_id, sent))
                covered.add((actor, issue, article_id, sent))
    quotes = tables.get("quotes")
    if quotes is not None and not quotes.empty and "speaker_id" in quotes.columns:
        sides = actor_sides(tables.get("actors"))
        pub = _published(corpus)
        if ISSUES_COLUMN in quotes.columns:   # read in the extractor: only quotes about some issue matter
            about = quotes[(quotes[ISSUES_COLUMN] != 0) & (quotes[SENT_COLUMN] >= 0)]
            actors = [sides.get(str(speaker_id or ""), ("", ""))[0] for speaker_id in about["speaker_id"].tolist()]
            rows = [row for row in zip(about[ISSUES_COLUMN].tolist(), actors,
                                       *(about[c].tolist() for c in ("article_id", SENT_COLUMN, "text"))) if row[1]]
        else:
            rows = []   # (issue code, actor, article, sentence, text) of the quotes whose speaker is on a side
            names = ("speaker_id", "article_id", "start", "end", "text")
            found = [(actor, *rest) for speaker_id, *rest in zip(*(quotes[c].tolist() for c in names))
                     if (actor := sides.get(str(speaker_id or ""), ("", ""))[0])]
            spans, starts = _sentence_spans(corpus.sentences, {r[1] for r in found})
            for actor, q_article, q_start, q_end, q_text in found:
                hit = _first_overlap(spans.get(q_article, []), starts.get(q_article), q_start, q_end)
                if hit is not None:
                    rows.append((NOT_READ, actor, q_article, hit[2], q_text))
        for code, actor, q_article, s, q_text in rows:
            for issue, label, polarity in (_issue_matches(q_text) if code == NOT_READ else _decode_issues(code, known)):
                if (actor, issue, q_article, s) in covered:
                    continue
                covered.add((actor, issue, q_article, s))
                day = pub.get(q_article)
                evidence.append((actor, issue, label, polarity, day.isoformat() if day else "", "published",
                                 "quote", q_article, s))
    found: dict[tuple, list] = {}
    for ev in evidence:
        found.setdefault((ev[0], ev[1], ev[4]), []).append(ev)
    groups = [(key, found[key]) for key in sorted(found)]
    keys = [list(dict.fromkeys(zip(map(itemgetter(7), g), map(itemgetter(8), g)))) for _, g in groups]
    spans = _lookup(sentences, [k for ks in keys for k in ks])   # every evidence sentence, looked up at once
    rows = []
    i = 0
    for ((actor, issue, date), g), ks in zip(groups, keys):
        first = spans[i]
        kinds = set(map(itemgetter(3), g)) - {"unclear"}
        if not kinds:
            position = "unclear"
        elif len(kinds) == 1:
            position = kinds.pop()
        elif kinds == {"supports", "conditional"}:
            position = "supports"   # an asserted supporting act outweighs a conditional one
        else:
            position = "unclear"
        rows.append((   # in STANCE_COLUMNS order
            actor, issue, g[0][2], position, date,
            "background" if date == "" else ("timex" if "timex" in map(itemgetter(5), g) else "published"),
            len(ks), ";".join(sorted(set(map(itemgetter(6), g)))), ks[0][0], int(ks[0][1]), first[0], first[1], first[2],
            "; ".join(f"{a}:{sp[0]}-{sp[1]}" for (a, _), sp in zip(ks, spans[i:i + len(ks)])),
        ))
        i += len(ks)
    out = pd.DataFrame(rows, columns=STANCE_COLUMNS)
    for col in ("n_evidence", "sent", "start", "end"):
        out[col] = out[col].astype("int64")
    return out


_GroupRow = namedtuple("_GroupRow", ["category", "negated", "modality", "mode", "event_ids", "source_actor",
                                     "target_actor", "date", "n_reports", "articles", "outlets"])


@lru_cache(maxsize=SENTENCE_CACHE)
def _unresolved(text: str) -> bool:
    return load_rules().unresolved.search(text) is not None


def outcome_table(events: pd.DataFrame, groups: pd.DataFrame, corpus: Corpus,
                  sentences: _SentenceIndex | dict | None = None) -> pd.DataFrame:
    """What was agreed or announced, only proposed or possible, rejected, and left unresolved, with evidence."""
    cats = load_rules().category_info
    if sentences is None:
        sentences = _sentence_index(corpus)
    by_id = dict(zip(events["event_id"].tolist(), zip(events["article_id"].tolist(), events["sent"].tolist())))
    rows = []
    names = ("category", "negated", "modality", "mode", "event_ids", "source_actor", "target_actor", "date",
             "n_reports", "articles", "outlets")
    kept = []   # (outcome, group, its evidence sentences)
    for g in map(_GroupRow._make, zip(*(groups[c].tolist() for c in names))):
        if g.category not in cats or g.negated:
            continue
        info = cats[g.category]
        if info["outcome"] == "rejected":
            outcome = "rejected"
        elif g.modality in ("possible", "planned") and info["proposed"] in ("yes", g.mode):
            outcome = "proposed"
        elif info["outcome"] == "agreed":
            outcome = "agreed"
        else:
            continue
        ids = g.event_ids.split(";")
        kept.append((outcome, g, list(dict.fromkeys((by_id[i][0], int(by_id[i][1])) for i in ids))))
    spans = _lookup(sentences, [k for *_, keys in kept for k in keys])   # every evidence sentence, looked up at once
    i = 0
    for outcome, g, keys in kept:
        first = spans[i]
        rows.append({
            "outcome": outcome, "category": g.category, "source_actor": g.source_actor, "target_actor": g.target_actor,
            "date": g.date, "modality": g.modality, "n_reports": g.n_reports, "articles": g.articles,
            "outlets": g.outlets, "article_id": keys[0][0], "sent": keys[0][1], "start": first[0],
            "end": first[1], "text": first[2],
            "evidence": "; ".join(f"{a}:{sp[0]}-{sp[1]}" for (a, _), sp in zip(keys, spans[i:i + len(keys)])),
        })
        i += len(keys)
    pub = _published(corpus)
    days = [d for d in pub.values() if d]
    if days:
        last = max(days)
        outlets = dict(zip(corpus.articles.article_id, corpus.articles.outlet))
        recent = {a for a, d in pub.items() if d and (last - d).days <= UNRESOLVED_WINDOW_DAYS}
        sents = corpus.sentences
        for a, n, st, en, text in zip(*(sents[c].tolist() for c in ("article_id", "sent", "start", "end", "text"))):
            if a not in recent or not _unresolved(text):
                continue
            rows.append({
                "outcome": "unresolved", "category": "", "source_actor": "", "target_actor": "",
                "date": pub[a].isoformat(), "modality": "", "n_reports": 1, "articles": a,
                "outlets": outlets.get(a) or a, "article_id": a, "sent": n,
                "start": st, "end": en, "text": text, "evidence": f"{a}:{st}-{en}",
            })
    order = {"agreed": 0, "proposed": 1, "rejected": 2, "unresolved": 3}
    if all(type(r["date"]) is str and type(r["article_id"]) is str and type(r["sent"]) is int for r in rows):
        # the same stable sort as sort_values on (outcome order, date, article, sentence), on the plain rows
        rows.sort(key=lambda r: (order[r["outcome"]], r["date"], r["article_id"], r["sent"]))
        out = pd.DataFrame(rows, columns=OUTCOME_COLUMNS)
    else:
        out = pd.DataFrame(rows, columns=OUTCOME_COLUMNS)
        out = out.assign(_o=out.outcome.map(order)).sort_values(["_o", "date", "article_id", "sent"], kind="stable")
        out = out.drop(columns="_o").reset_index(drop=True)
    for col in ("n_reports", "sent", "start", "end"):
        out[col] = out[col].astype("int64")
    return out


def events_aggregator(corpus: Corpus, tables: dict) -> dict[str, pd.DataFrame]:
    """Pipeline step (whole corpus): ``event_groups``, ``stances`` and ``outcome``."""
    events = tables.get("events", pd.DataFrame(columns=COLUMNS))
    groups = group_events(events, corpus)
    sentences = _sentence_index(corpus)
    # the readings events_extractor made in the workers, row for row (else stance_table reads the texts itself)
    read, scopes = events, tables.handoff.event_scopes
    if scopes is not None and len(scopes) == len(events):
        read = events.assign(**{SCOPE_COLUMN: scopes[SCOPE_COLUMN].to_numpy()})
    with_readings, quotes, readings = tables, tables.get("quotes"), tables.handoff.quote_readings
    if quotes is not None and readings is not None and len(readings) == len(quotes):
        with_readings = {**tables, "quotes": quotes.assign(**{c: readings[c].to_numpy() for c in readings.columns})}
    return {"event_groups": groups, "stances": stance_table(read, with_readings, corpus, sentences),
            "outcome": outcome_table(events, groups, corpus, sentences)}
