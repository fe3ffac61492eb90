"""Figures and reader-facing views of the coded events: the arc of the crisis, positions, the outcome."""
from __future__ import annotations

import pandas as pd

from ..sides import actor_sides
from .style import SIDE_COLOURS


def position_changes(stances: pd.DataFrame, sides: list[str] | None = None) -> pd.DataFrame:
    """Stances of the actors of the principal sides in date order (background first), one row per actor, issue
    and date."""
    s = stances if sides is None else stances[stances.side.isin(sides)]
    s = s.assign(_d=s.date.replace("", "0000"))
    return (s.sort_values(["side", "actor", "issue", "_d"], kind="stable")
             [["side", "actor", "issue_label", "date", "position", "n_evidence", "article_id", "text"]]
             .reset_index(drop=True))


def principal_actors(groups: pd.DataFrame, n: int = 5) -> list[str]:
    """The sides with the most real events (ties broken alphabetically)."""
    counts = groups.source_side.str.split(";").explode().value_counts()
    counts = counts[counts.index.isin(list(SIDE_COLOURS))] if len(counts) else counts
    return sorted(counts.sort_index().sort_values(ascending=False, kind="stable").index[:n])


def events_view(events: pd.DataFrame, corpus) -> pd.DataFrame:
    """The coded events with their cue words and outlet, in reading order, for display."""
    outlets = dict(zip(corpus.articles.article_id, corpus.articles.outlet))
    view = events.assign(cue=[corpus.text(e.article_id)[e.start:e.end] for e in events.itertuples()],
                         outlet=[outlets.get(a, a) for a in events.article_id])
    return view[["outlet", "sent", "cue", "category", "source_actor", "source_side", "target_actor", "target_side", "date", "date_basis",
                 "negated", "modality"]].reset_index(drop=True)


def quotes_by_side(quotes: pd.DataFrame, actors: pd.DataFrame, corpus, sides: list[str]) -> pd.DataFrame:
    """Attributed quotations of the given sides, with outlet and publication date, in date order."""
    side_of = actor_sides(actors)
    outlets = dict(zip(corpus.articles.article_id, corpus.articles.outlet))
    published = dict(zip(corpus.articles.article_id, corpus.articles.published))
    q = quotes.assign(side=[side_of.get(str(s or ""), ("", ""))[0] for s in quotes.speaker_id],
                      outlet=[outlets.get(a, a) for a in quotes.article_id],
                      published=[published.get(a) for a in quotes.article_id])
    q = q[q.side.isin(sides)]
    return (q.sort_values(["side", "published", "article_id", "start"], kind="stable")
             [["side", "speaker_id", "published", "outlet", "text"]].reset_index(drop=True))


def timeline_events(groups: pd.DataFrame, actors: pd.DataFrame | None = None) -> pd.DataFrame:
    """Real events in date order with how many outlets report each; labels in words when actors are given."""
    from .crisis import group_labels

    label = arc_label(groups) if actors is None else group_labels(groups, actors)
    return (groups.assign(event=label, n_outlets=groups.outlets.str.split(";").map(len))
            [["date", "event", "n_outlets", "outlets", "text"]].reset_index(drop=True))


def arc_label(groups: pd.DataFrame) -> pd.Series:
    """A short label per real event: 'GRL reject USA (planned)'."""
    out = []
    for g in groups.itertuples():
        label = f"{g.source_side.replace(';', '+')} {g.category.lower()}"
        if g.target_side:
            label += f" {g.target_side.replace(';', '+')}"
        if g.negated:
            label = "not: " + label
        if g.modality in ("possible", "planned"):
            label += f" ({g.modality})"
        out.append(label)
    return pd.Series(out, index=groups.index, dtype=object)
