"""The corpus-wide event step: event groups, stances and the outcome from the joined ``events`` table.

Rule: the readings the extractor made in the workers (``tables.handoff.event_scopes`` and ``quote_readings``, row
for row with ``events`` and ``quotes``) are used when their lengths match; else the texts are read here.
"""
from __future__ import annotations

import pandas as pd

from ..corpus.loading import Corpus
from ..extract.events.rules import COLUMNS
from .evidence import sentence_index
from .groups import group_events
from .outcome import outcome_table
from .stances import stance_table


def events_aggregator(corpus: Corpus, tables: dict) -> dict[str, pd.DataFrame]:
    """Pipeline step (whole corpus): ``event_groups``, ``stances`` and ``outcome``."""
    events = tables.get("events", pd.DataFrame(columns=COLUMNS))
    groups = group_events(events, corpus, tables.get("actors"))
    sentences = sentence_index(corpus)
    scopes, readings, quotes = tables.handoff.event_scopes, tables.handoff.quote_readings, tables.get("quotes")
    scopes = scopes["reading"].tolist() if scopes is not None and len(scopes) == len(events) else None
    if quotes is None or readings is None or len(readings) != len(quotes):
        readings = None
    return {"event_groups": groups,
            "stances": stance_table(events, tables, corpus, sentences, scopes, readings),
            "outcome": outcome_table(events, groups, corpus, sentences)}
