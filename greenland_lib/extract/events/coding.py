"""Code events sentence by sentence: who did what to whom, when, and how sure the text is.

An event is a cue of ``clauses.read_cues`` with a known source (``sources.source_of``); a
sentence codes each (category, source) once. Its date is the nearest resolved DATE expression
in its clause (or in the clause a participle clause hangs from); else ``background`` for a
continuing state ("for years", "has continued to") or an undated earlier clause ("after he made
demands"); else the publication date. A bare year right after "a", "the", "its" ... names a
thing ("a 1951 pact") and dates nothing. An event dated ``HISTORY_YEARS`` or more before its
report ("In 1953, Denmark rejected ...") is history and not coded.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ...corpus.loading import PROBLEM_COLUMNS, Corpus
from ...sides import actor_sides
from .clauses import Clause, reading
from .crowds import CROWD_ID, crowds_in
from .issues import issue_matches, scope_reading
from .rules import COLUMNS, Rules, load_rules
from .sources import (NOBODY, Group, Who, join_sides, mention_groups, sentence_subject, source_of, speaker_of,
                      subject_close, target_of)
from .voice import is_passive, passive_actors, place_target

DATE_VALUE_RE = re.compile(r"\A\d{4}(?:-W\d{2}(?:-WE)?|-\d{2}(?:-\d{2})?)?(?:T\w+)?\Z")
PRENOMINAL_RE = re.compile(r"\b(?:a|an|the|its|their|this|that)\s+\Z", re.I)
YEAR_RE = re.compile(r"\d{4}")
_RECORD_COLUMNS = {"article_id", "start", "end", "actor_id", "type", "value", "resolved", "text", "speaker_id"}


@dataclass
class Context:
    """What coding a sentence needs from the article around it."""

    article_id: str
    published: dt.date | None
    sides: dict
    rules: Rules
    prev_subject: Who = NOBODY  # the subject of the previous sentence
    prev_person: Who = NOBODY   # the last person placed on a side
    group_cache: dict = field(default_factory=dict)   # shared by the articles of one run (see _groups)


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


def _date(sentence: str, clauses: list[Clause], ci: int, cue_start: int, timexes, ctx: Context) -> tuple[str, str]:
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


HISTORY_YEARS = 2   # an event dated this many years or more before its report is history, not news


def _history(date: str, basis: str, ctx: Context) -> bool:
    """Whether a date expression puts the event in the past of the story ("In 1953, Denmark rejected ...")."""
    return basis == "timex" and ctx.published is not None and date[:4].isdigit() \
        and int(date[:4]) <= ctx.published.year - HISTORY_YEARS


def _recalled(groups: list[Group]) -> tuple[Who, Who]:
    """The sentence's subject and its last person placed on a side (NOBODY for none)."""
    person = next((g.who for g in reversed(groups) if "person" in g.kinds and join_sides(g.sides)), NOBODY)
    return sentence_subject(groups), person


def _remember(recalled: tuple[Who, Who], ctx: Context) -> None:
    """Keep the sentence's subject and its last person placed on a side for the pronouns of the next one."""
    subj, person = recalled
    if subj.sides:
        ctx.prev_subject = subj
    if person.sides:
        ctx.prev_person = person


GROUP_CACHE = 1 << 12   # (sentence, its mentions) whose actor groups are kept (wire copy repeats both)


def _groups(sentence: str, offset: int, mentions: list[tuple], sides: dict, ctx: Context) -> tuple:
    """(actor groups, recalled subject and person) of a sentence, kept per sentence and mentions while the
    sides are the corpus's (the groups are read, never changed, after they are made)."""
    if sides is not ctx.sides:
        groups = mention_groups(sentence, offset, mentions, sides, ctx.rules)
        return groups, _recalled(groups)
    key = (sentence, tuple((s - offset, e - offset, a) for s, e, a in mentions))
    found = ctx.group_cache.get(key)
    if found is None:
        if len(ctx.group_cache) >= GROUP_CACHE:
            ctx.group_cache.clear()
        groups = mention_groups(sentence, offset, mentions, sides, ctx.rules)
        found = ctx.group_cache[key] = (groups, _recalled(groups))
    return found


def _actors(sentence: str, clauses: list[Clause], cue, passive: bool, groups: list[Group], quotes: list[dict],
            offset: int, ctx: Context) -> tuple[Who, Who]:
    """(source, target) of a cue: the speaker's, a passive's by-agent and patient, else subject and object."""
    if cue.source == "speaker":
        return speaker_of(sentence, cue.start, groups, quotes, offset, ctx)
    if passive:
        clause = clauses[cue.clause]
        found = passive_actors(sentence, (clause.start, clause.end), (cue.start, cue.end), groups)
        if found[0].sides or sentence[cue.start:cue.end].split()[0].lower() not in ctx.rules.stative:
            return found
    source = source_of(sentence, clauses, cue.clause, cue.start, groups, quotes, offset, ctx)
    return source, target_of(clauses, cue.clause, cue.end, groups, source)


def _code_sentence(row: dict, mentions: list[tuple], timexes: list[dict], quotes: list[dict],
                   ctx: Context) -> list[dict]:
    """``code_sentence`` with the mentions as (start, end, actor_id) tuples."""
    sentence, offset = row["text"], row["start"]
    clauses, cues = reading(sentence, ctx.rules)
    sides = ctx.sides
    crowds = crowds_in(sentence) if cues else ()
    if crowds:   # a crowd is a group actor on the side of its place
        mentions = sorted(list(mentions) + [(offset + s, offset + e, CROWD_ID) for s, e, _ in crowds])
        sides = {**sides, CROWD_ID: (crowds[0][2], "group")}
    groups, recalled = _groups(sentence, offset, mentions, sides, ctx)
    tx = _usable_timexes(timexes, sentence, offset)
    events, seen = [], set()
    for cue in cues:
        passive = is_passive(sentence, cue.start)
        if cue.cameo and not passive and not subject_close(sentence, cue.start, groups, ctx.rules):
            continue
        source, target = _actors(sentence, clauses, cue, passive, groups, quotes, offset, ctx)
        if source.sides and not target.sides:
            target = place_target(sentence, clauses[cue.clause].end, cue.end, sides, source)
        if not source.sides or (cue.category, source.sides) in seen:
            continue    # who acted is unknown (precision over recall), or already coded
        date, basis = _date(sentence, clauses, cue.clause, cue.start, tx, ctx)
        if _history(date, basis, ctx):
            continue
        seen.add((cue.category, source.sides))
        events.append({
            "event_id": f"{ctx.article_id}:{offset + cue.start}", "article_id": ctx.article_id, "sent": row["sent"],
            "start": offset + cue.start, "end": offset + cue.end, "date": date, "date_basis": basis,
            "source_actor": source.actors, "source_side": source.sides, "target_actor": target.actors,
            "target_side": target.sides, "category": cue.category, "mode": cue.mode,
            "negated": cue.negated, "modality": cue.modality, "text": sentence,
        })
    _remember(recalled, ctx)
    return events


def code_sentence(row: dict, mentions: list[dict], timexes: list[dict], quotes: list[dict], ctx: Context) -> list[dict]:
    """Return the events of one sentence (dicts with the COLUMNS)."""
    return _code_sentence(row, [(m["start"], m["end"], m["actor_id"]) for m in mentions], timexes, quotes, ctx)


def _by_article(table: pd.DataFrame | None, columns: list[str], fields: tuple | None = None) -> dict[str, list]:
    """Rows of a table as dicts (or tuples of ``fields``), grouped by article (first-seen order), sorted by start."""
    if table is None or table.empty or not set(columns) <= set(table.columns):
        return {}
    if fields is None:
        names = [c for c in table.columns if c in _RECORD_COLUMNS]
        records = [dict(zip(names, values)) for values in zip(*(table[c].tolist() for c in names))]
    else:
        records = list(zip(*(table[c].tolist() for c in fields)))
    positions: dict[str, list[int]] = {}
    for i, article_id in enumerate(table["article_id"].tolist()):
        if article_id == article_id and article_id is not None:   # groupby leaves out missing keys
            positions.setdefault(article_id, []).append(i)
    starts = table["start"].to_numpy()
    # the same (not stable) numpy sort as DataFrame.sort_values on the article's rows, so ties keep their order
    return {a: [records[i] for i in np.asarray(pos)[np.argsort(starts[pos], kind="quicksort")]]
            for a, pos in positions.items()}


def _within(rows: list, starts: list[int], lo: int, hi: int, end) -> list:
    """The rows (sorted by start) that lie inside [lo, hi]; ``end`` gives a row's end."""
    first, last = bisect.bisect_left(starts, lo), bisect.bisect_right(starts, hi)
    return [r for r in rows[first:last] if end(r) <= hi]


class _Overlapping:
    """The quotes (sorted by start) that overlap each of a sequence of spans given in start order.

    Quotes enter when the span reaches their start and leave once a span starts at or after their
    end, so each quote is looked at a bounded number of times however many the article has.
    """

    def __init__(self, quotes: list[dict]):
        self.quotes, self.next, self.active = quotes, 0, []

    def __call__(self, lo: int, hi: int) -> list[dict]:
        """The quotes overlapping [lo, hi), in start order (lo never decreases between calls)."""
        while self.next < len(self.quotes) and self.quotes[self.next]["start"] < hi:
            self.active.append(self.quotes[self.next])
            self.next += 1
        self.active = [q for q in self.active if q["end"] > lo]
        return [q for q in self.active if q["start"] < hi]


def _end_of_tuple(row: tuple) -> int:
    return row[1]


def _end_of_dict(row: dict) -> int:
    return row["end"]


def _scope(sentence: str, event: dict, offset: int):
    try:
        return scope_reading(sentence, event["start"] - offset, event["end"] - offset)
    except Exception:   # left for the aggregator to read (and fail on) as it would without the extractor's help
        return None


def _code_article(article_id: str, sentence_rows: list[dict], tables: dict, ctx: Context, rows: list,
                  scopes: list | None) -> None:
    """Append the events of an article to ``rows`` sentence by sentence (and their scope readings to ``scopes``)."""
    ms, ts, qs = (tables[name].get(article_id, []) for name in ("mentions", "timexes", "quotes"))
    m_starts, t_starts = [m[0] for m in ms], [t["start"] for t in ts]
    overlapping = _Overlapping(qs)
    for row in sorted(sentence_rows, key=lambda r: r["sent"]):
        inside = _within(ms, m_starts, row["start"], row["end"], _end_of_tuple)
        # only the quotes overlapping the sentence can hold a cue of it: linear time in quotes (issue 16)
        found = _code_sentence(row, inside, _within(ts, t_starts, row["start"], row["end"], _end_of_dict),
                               overlapping(row["start"], row["end"]), ctx)
        if scopes is not None:
            scopes.extend(_scope(row["text"], event, row["start"]) for event in found)
        rows.extend(found)


def _code_events(corpus: Corpus, tables: dict | None, scopes: list | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``code_events``; with a ``scopes`` list, each event's scope reading is appended to it, row for row."""
    tables = tables or {}
    rules = load_rules()
    sides = actor_sides(tables.get("actors"))
    by = {"mentions": _by_article(tables.get("mentions"), ["article_id", "start", "end", "actor_id"],
                                  ("start", "end", "actor_id")),
          "timexes": _by_article(tables.get("timexes"), ["article_id", "start", "end", "type", "value"]),
          "quotes": _by_article(tables.get("quotes"), ["article_id", "start", "end", "speaker_id"])}
    files = dict(zip(corpus.articles.article_id, corpus.articles.file))
    published = dict(zip(corpus.articles.article_id, corpus.articles.published))
    sents = corpus.sentences
    by_article: dict[str, list[dict]] = {}
    for a, n, st, en, text in zip(*(sents[c].tolist() for c in ("article_id", "sent", "start", "end", "text"))):
        by_article.setdefault(a, []).append({"article_id": a, "sent": n, "start": st, "end": en, "text": text})
    cache: dict = {}   # actor groups per (sentence, mentions), for all articles of this run
    rows, problems = [], []
    for article_id, sentence_rows in by_article.items():
        pub = published.get(article_id)
        ctx = Context(article_id, pub if isinstance(pub, dt.date) else None, sides, rules, group_cache=cache)
        try:
            _code_article(article_id, sentence_rows, by, ctx, rows, scopes)
        except Exception as exc:  # a rule failing on odd text must not stop the corpus (its earlier sentences stay)
            problems.append({"file": files.get(article_id, article_id), "severity": "warning",
                             "message": f"event coding stopped in this article ({type(exc).__name__}: {exc})"})
    events = pd.DataFrame(rows, columns=COLUMNS)
    for col in ("sent", "start", "end"):
        events[col] = events[col].astype("int64")
    events["negated"] = events["negated"].astype(bool)
    return events, pd.DataFrame(problems, columns=PROBLEM_COLUMNS)


def code_events(corpus: Corpus, tables: dict[str, pd.DataFrame] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (events, problems) for a corpus, using its ``mentions``, ``timexes``, ``actors`` and ``quotes`` tables."""
    return _code_events(corpus, tables, None)


def quote_sentences(quotes: pd.DataFrame, sentences: pd.DataFrame) -> list[int]:
    """The first sentence (in table order) each quote overlaps, -1 for none."""
    spans: dict[str, list] = {}
    wanted = set(quotes["article_id"].tolist())
    for a, s, e, n in zip(*(sentences[c].tolist() for c in ("article_id", "start", "end", "sent"))):
        if a in wanted:
            spans.setdefault(a, []).append((s, e, n))
    ends = {a: [e for _, e, _ in rows] for a, rows in spans.items()}
    ordered = {a: all(x[0] <= y[0] and x[1] <= y[1] for x, y in zip(rows, rows[1:])) for a, rows in spans.items()}
    return [_first_overlap(spans.get(a, []), ends.get(a, []), ordered.get(a, True), lo, hi)
            for a, lo, hi in zip(*(quotes[c].tolist() for c in ("article_id", "start", "end")))]


def _first_overlap(rows: list, ends: list[int], ordered: bool, lo: int, hi: int) -> int:
    """The number of the first sentence (in table order) overlapping [lo, hi), -1 for none; by bisect when the
    sentences are in text order (linear time in quotes, issue 16), else by a scan."""
    if not ordered:
        return next((n for s, e, n in rows if s < hi and e > lo), -1)
    i = bisect.bisect_right(ends, lo)   # the first sentence ending after lo
    return rows[i][2] if i < len(rows) and rows[i][0] < hi else -1


def _quote_issues(text):
    if type(text) is not str:
        return None
    try:
        return issue_matches(text)
    except Exception:
        return None


def events_extractor(corpus: Corpus, tables: dict) -> dict[str, pd.DataFrame]:
    """Pipeline step (article by article): the ``events`` table, and the readings ``events_aggregator`` needs.

    Each event's scope reading and each quote's issues and sentence are read here, in the
    parallel workers, and handed on in ``tables.handoff``: ``event_scopes`` (column ``reading``) and
    ``quote_readings`` (columns ``issues``, ``sent``), row for row with ``events`` and ``quotes``;
    the pipeline never writes them. A reading that is None was not made.
    """
    scopes: list = []
    events, problems = _code_events(corpus, tables, scopes)
    out = {"events": events, "problems": problems}
    tables.handoff.event_scopes = pd.DataFrame({"reading": pd.Series(scopes, dtype=object)})
    quotes = tables.get("quotes")
    if quotes is not None and {"article_id", "start", "end", "text"} <= set(quotes.columns) \
            and quotes["start"].dtype.kind in "iu" and quotes["end"].dtype.kind in "iu":
        tables.handoff.quote_readings = pd.DataFrame({
            "issues": pd.Series([_quote_issues(t) for t in quotes["text"].tolist()], dtype=object),
            "sent": np.array(quote_sentences(quotes, corpus.sentences), dtype="int64")})
    return out
