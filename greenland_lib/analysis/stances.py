"""Stances: each actor's position on each issue (``data/stance_issues.csv``), per date, with evidence.

Rules:

- the ``actor`` of a stance is a person or organisation of the actors table (an event's source
  actor, a quote's speaker), its ``side`` that actor's side (``sides.csv``); an event with several
  source actors gives each of them the stance;
- a coded event about an issue gives its source actors the position ``stance_positions.csv`` gives
  its category; a negated event is ``unclear``; a supporting event that is possible or
  conditional is ``conditional``;
- an attributed quote about an issue gives its speaker the quote's polarity, dated by
  publication, unless an event of the same side, issue and sentence already did;
- evidence of one actor, issue and date makes one row: one position if they agree (``unclear``
  left aside; an asserted ``supports`` outweighs a ``conditional`` one), else ``unclear``.
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from ..corpus.loading import Corpus
from ..extract.events.coding import quote_sentences
from ..extract.events.issues import issue_matches, scope_reading
from ..paths import data_file
from ..sides import actor_sides
from .evidence import as_int64, cite, lookup, published_days, sentence_index

STANCE_COLUMNS = ["actor", "side", "issue", "issue_label", "position", "date", "date_basis", "n_evidence", "how",
                  "article_id", "sent", "start", "end", "text", "evidence"]
_EVENT_FIELDS = ("category", "negated", "article_id", "sent", "start", "end", "modality", "source_actor",
                 "source_side", "date", "date_basis")


class Evidence(NamedTuple):
    """One piece of evidence of a stance."""

    actor: str
    side: str
    issue: str
    label: str
    position: str
    date: str
    basis: str
    how: str          # event | quote
    article_id: str
    sent: int


@lru_cache(maxsize=1)
def _positions() -> dict[str, str]:
    positions = pd.read_csv(data_file("stance_positions.csv"), dtype=str, keep_default_na=False)
    return dict(zip(positions.category, positions.position))


def _event_position(category: str, negated: bool, modality: str, conditional: bool) -> str:
    if negated:
        return "unclear"
    pos = _positions().get(category, "unclear")
    return "conditional" if pos == "supports" and (modality == "possible" or conditional) else pos


def actor_pairs(actors: str, sides: str, side_of: dict) -> list[tuple[str, str]]:
    """(actor, side) of each ``;``-joined source actor of an event: its side in the actors table, else the event's
    side at its position (one side for all), else none."""
    ids = [a for a in str(actors or "").split(";") if a]
    own = [s for s in str(sides or "").split(";") if s]
    out = []
    for i, a in enumerate(ids):
        side = side_of.get(a, ("", ""))[0]
        if side not in own:
            side = own[0] if len(own) == 1 else (own[i] if len(own) == len(ids) else "")
        if side:
            out.append((a, side))
    return out or [(s, s) for s in own]   # no actor id: the sides stand for themselves


def _event_evidence(events: pd.DataFrame, sentences, scopes: list | None, covered: set, side_of: dict) -> list[Evidence]:
    """Evidence from coded events (each event's scope read here unless ``scopes`` holds its reading)."""
    out = []
    for i, (category, negated, article_id, sent, start, end, modality, actors, source, date, basis) in enumerate(
            zip(*(events[c].tolist() for c in _EVENT_FIELDS))):
        read = scopes[i] if scopes is not None else None
        if read is None:
            s_start, _, s_text = sentences[(article_id, sent)]
            read = scope_reading(s_text, start - s_start, end - s_start)
        pos = _event_position(category, negated, modality, read.conditional)
        for issue, label, _ in read.issues:
            for actor, side in actor_pairs(actors, source, side_of):
                out.append(Evidence(actor, side, issue, label, pos, date, basis, "event", article_id, sent))
                covered.add((side, issue, article_id, sent))
    return out


def _quote_evidence(tables: dict, corpus: Corpus, readings: pd.DataFrame | None, covered: set,
                    sides: dict) -> list[Evidence]:
    """Evidence from attributed quotes whose speaker is on a side (skipping what an event already covers)."""
    quotes = tables.get("quotes")
    if quotes is None or quotes.empty or "speaker_id" not in quotes.columns:
        return []
    pub = published_days(corpus)
    if readings is None:
        issues, sents = [None] * len(quotes), quote_sentences(quotes, corpus.sentences)
    else:
        issues, sents = readings["issues"].tolist(), readings["sent"].tolist()
    out = []
    for speaker_id, article_id, text, found, sent in zip(quotes["speaker_id"].tolist(), quotes["article_id"].tolist(),
                                                       quotes["text"].tolist(), issues, sents):
        side = sides.get(str(speaker_id or ""), ("", ""))[0]
        if not side or sent < 0:
            continue
        for issue, label, polarity in (issue_matches(text) if found is None else found):
            if (side, issue, article_id, sent) in covered:
                continue
            covered.add((side, issue, article_id, sent))
            day = pub.get(article_id)
            out.append(Evidence(str(speaker_id), side, issue, label, polarity, day.isoformat() if day else "", "published", "quote",
                                article_id, sent))
    return out


def _position(evidence: list[Evidence]) -> str:
    kinds = {e.position for e in evidence} - {"unclear"}
    if len(kinds) == 1:
        return kinds.pop()
    if kinds == {"supports", "conditional"}:
        return "supports"   # an asserted supporting act outweighs a conditional one
    return "unclear"


def _stance_row(actor: str, side: str, issue: str, date: str, evidence: list[Evidence], keys: list,
                spans: list) -> tuple:
    """One STANCE_COLUMNS row from the evidence of an actor (on its side), issue and date."""
    basis = "background" if date == "" else ("timex" if any(e.basis == "timex" for e in evidence) else "published")
    start, end, text = spans[0]
    return (actor, side, issue, evidence[0].label, _position(evidence), date, basis, len(keys),
            ";".join(sorted({e.how for e in evidence})), keys[0][0], int(keys[0][1]), start, end, text,
            cite(keys, spans))


def stance_table(events: pd.DataFrame, tables: dict[str, pd.DataFrame], corpus: Corpus, sentences=None,
                 scopes: list | None = None, quote_readings: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each actor's position on each issue, per date, from coded events and from attributed quotes."""
    sentences = sentence_index(corpus) if sentences is None else sentences
    covered: set = set()
    side_of = actor_sides(tables.get("actors"))
    evidence = _event_evidence(events, sentences, scopes, covered, side_of)
    evidence += _quote_evidence(tables, corpus, quote_readings, covered, side_of)
    found: dict[tuple, list[Evidence]] = {}
    for ev in evidence:
        found.setdefault((ev.actor, ev.side, ev.issue, ev.date), []).append(ev)
    rows = []
    for key in sorted(found):
        keys = list(dict.fromkeys((e.article_id, e.sent) for e in found[key]))
        rows.append(_stance_row(*key, found[key], keys, lookup(sentences, keys)))
    return as_int64(pd.DataFrame(rows, columns=STANCE_COLUMNS), ("n_evidence", "sent", "start", "end"))
