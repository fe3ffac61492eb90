"""What the extractors of one chunk of articles hand to the corpus-wide steps, besides the written tables.

A step of the pipeline is ``step(corpus, tables) -> {name: table}``; ``tables`` is a ``Tables``: the
tables so far by name plus ``tables.handoff``, a ``Handoff`` with one typed field per piece of data a
step passes on without it ever being written. The pipeline joins the chunks' handoffs field by field
(row for row with the tables they belong to) and gives the joined one to the aggregators.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

import pandas as pd


@dataclass
class Handoff:
    """Data passed between the steps, never written (each field filled by the step named)."""

    known_persons: pd.DataFrame | None = None   # given to actors: the persons discovered in the whole corpus
    discovered: pd.DataFrame | None = None      # from actors: the persons this chunk's discovery found
    event_scopes: pd.DataFrame | None = None    # from events: each event's scope reading, row for row with events
    quote_readings: pd.DataFrame | None = None  # from events: each quote's issues and sentence, row for row with quotes


JOINED_FIELDS = ("discovered", "event_scopes", "quote_readings")   # what the reduce joins across chunks


def join_handoffs(parts: list[Handoff], stack) -> Handoff:
    """One handoff for the whole corpus: each field's chunk tables stacked (None if any chunk lacks it)."""
    joined = Handoff()
    for f in fields(Handoff):
        if f.name in JOINED_FIELDS:
            frames = [getattr(p, f.name) for p in parts]
            if frames and all(frame is not None for frame in frames):
                setattr(joined, f.name, stack(frames))
    return joined


class Tables(dict):
    """Tables by name (what the steps read and add to), with the chunk's ``handoff``."""

    def __init__(self, tables=(), handoff: Handoff | None = None):
        super().__init__(tables)
        self.handoff = handoff if handoff is not None else Handoff()
