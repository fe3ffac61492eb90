"""Figures and reader-facing views of the coded events: the arc of the crisis, positions, the outcome."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from ..extract.events import DAY_RE, load_rules
from ..sides import actor_sides
from .style import CATEGORY_COLOURS, SIDE_COLOURS, figure_style

ARC_COLUMNS = ["day", "valence", "label", "n_reports"]


def arc_table(groups: pd.DataFrame) -> pd.DataFrame:
    """Day-dated real events with their valence (conflict / cooperation / neutral) and a short label."""
    cats = load_rules().categories
    labels = arc_label(groups)
    rows = []
    for g in groups.itertuples():
        m = DAY_RE.match(g.date)
        if not m:
            continue
        valence = cats.loc[g.category, "valence"] if g.category in cats.index else "neutral"
        rows.append({"day": dt.date(*map(int, m.groups())), "valence": valence, "label": labels[g.Index],
                     "n_reports": int(g.n_reports)})
    out = pd.DataFrame(rows, columns=ARC_COLUMNS)
    return out.sort_values(["day", "valence", "label"], kind="stable").reset_index(drop=True)


def plot_arc(groups: pd.DataFrame, title: str = "The arc of the crisis: conflict and cooperation, day by day"):
    """Two panels: real events per day (cooperation up, conflict down) and each event labelled on its day."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    import matplotlib.ticker as mticker

    arc = arc_table(groups)
    order = {"cooperation": 0, "neutral": 1, "conflict": 2}
    with figure_style():
        n = max(len(arc), 1)
        fig, (top, bottom) = plt.subplots(2, 1, sharex=True, figsize=(10, 2.5 + 0.22 * n),
                                          gridspec_kw={"height_ratios": [2.2, 0.22 * n]})
        if arc.empty:
            top.text(0.5, 0.5, "no day-dated events", ha="center", transform=top.transAxes)
            return fig
        days = sorted(arc.day.unique())
        coop = [int((arc[arc.day == d].valence != "conflict").sum()) for d in days]
        conf = [int((arc[arc.day == d].valence == "conflict").sum()) for d in days]
        top.bar(days, coop, width=0.7, color=CATEGORY_COLOURS["cooperation"], label="cooperation and talks")
        top.bar(days, [-c for c in conf], width=0.7, color=CATEGORY_COLOURS["conflict"], label="conflict")
        top.axhline(0, color="black", linewidth=0.8)
        top.yaxis.set_major_locator(mticker.MaxNLocator(integer=True))
        top.yaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _pos: str(abs(int(round(v))))))
        top.set_ylabel("real events\nconflict | cooperation")
        top.legend(loc="upper right", fontsize=7)
        top.set_title(title)
        rows = arc.assign(_o=arc.valence.map(order)).sort_values(["day", "_o", "label"], kind="stable")
        for y, r in enumerate(rows.itertuples()):
            colour = CATEGORY_COLOURS.get(r.valence, CATEGORY_COLOURS["neutral"])
            bottom.plot([r.day], [y], marker="o", color=colour, markersize=6)
            text = r.label + (f"   [{r.n_reports} outlets]" if r.n_reports > 1 else "")
            bottom.text(mdates.date2num(r.day) + 0.4, y, text, va="center", fontsize=7)
        bottom.set_ylim(len(rows) - 0.5, -0.5)
        bottom.set_yticks([])
        bottom.spines["left"].set_visible(False)
        bottom.set_xlim(days[0] - dt.timedelta(days=1), days[-1] + dt.timedelta(days=5))
        bottom.xaxis.set_major_locator(mdates.DayLocator())
        bottom.xaxis.set_major_formatter(mdates.DateFormatter("%a %d"))
        bottom.tick_params(axis="x", labelsize=7, rotation=90)
        bottom.set_xlabel("January 2026 (events dated only by a week or month are listed in the tables)")
        fig.tight_layout()
    return fig


def position_changes(stances: pd.DataFrame, actors: list[str] | None = None) -> pd.DataFrame:
    """Stances of the principal actors in date order (background first), one row per actor, issue and date."""
    s = stances if actors is None else stances[stances.actor.isin(actors)]
    s = s.assign(_d=s.date.replace("", "0000"))
    return (s.sort_values(["actor", "issue", "_d"], kind="stable")
             [["actor", "issue_label", "date", "position", "n_evidence", "article_id", "text"]]
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
