"""Figures that stay legible from 3 to 300 articles, and the caption each one carries.

Rules: a day axis spans the crisis window (``crisis.crisis_window``) plus half a day on each side and
never more; at most ``MAX_LABELS`` items carry a label (the best-sourced ones; in the arc the best of
each day comes first; the rest are counted in the caption as "and K more"); labels are short phrases
in words (``crisis.event_label``), drawn with ``parse_math=False`` so that a "$" in a sentence is never
read as TeX. Each figure function
returns the figure with ``fig.greenland`` set: the caption (Markdown) and the facts a test checks
(window, number of labels, limit). :func:`figure_note` turns that into a displayable caption whose
metadata records the axis limits actually drawn.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from .crisis import as_day, crisis_window, filter_rows, group_labels, n_outlets, valences
from .prose import count, day, join_limited, number, span
from .style import CATEGORY_COLOURS, figure_style

MAX_LABELS = 30
HALF = dt.timedelta(hours=12)


def _note(fig, caption: str, window, labels: int, limit: int, axis=None) -> None:
    fig.greenland = {"caption": caption, "labels": labels, "limit": limit, "axis": axis,
                     "window": [window.start.isoformat(), window.end.isoformat()] if window.start else None}


def _outliers(window, what: str = "dated item") -> str:
    if not window.outliers:
        return ""
    shown = join_limited([day(d) for d in window.outliers], 6, "more days")
    return f" Outside the window, and not drawn: {shown}."


def figure_note(fig):
    """The figure's caption as Markdown, with the day-axis limits it was drawn with in the metadata."""
    import matplotlib.dates as mdates
    from IPython.display import Markdown

    info = dict(getattr(fig, "greenland", {}) or {})
    ax = info.pop("axis", None)
    if ax is not None:
        lo, hi = ax.get_xlim() if info.get("axis_is") != "y" else sorted(ax.get_ylim())
        info["axis_limits"] = [mdates.num2date(lo).date().isoformat(), mdates.num2date(hi).date().isoformat()]
        if info.get("window"):  # how far the axis reaches beyond the window's first and last day, in days
            first, last = (mdates.datestr2num(w) for w in info["window"])
            info["axis_margin_days"] = [round(first - lo, 3), round(hi - last, 3)]
    info.pop("axis_is", None)
    return Markdown(info.get("caption", ""), metadata={"greenland_figure": info})


def _chosen(table: pd.DataFrame, order: list[str], limit: int, spread: str | None = None) -> pd.DataFrame:
    """The rows that get a label: the first ``limit`` by the given order; with ``spread`` (a column), the best
    row of each of its values comes before any second row, so one busy day cannot crowd out the others."""
    ranked = table.sort_values(order, ascending=False, kind="stable")
    if spread is None or ranked.empty:
        return ranked.head(limit)
    turn = ranked.groupby(spread, sort=False).cumcount()   # 0 for the best row of its day, 1 for the next...
    return ranked.assign(_turn=turn.values).sort_values("_turn", kind="stable").head(limit).drop(columns="_turn")


def plot_arc(groups: pd.DataFrame, actors: pd.DataFrame, max_labels: int = MAX_LABELS,
             title: str = "The arc of the crisis: conflict and cooperation, day by day"):
    """Real events per day inside the crisis window (cooperation up, conflict down) and the best-sourced labelled."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    import matplotlib.ticker as mticker

    g = groups.assign(day=[as_day(v) for v in groups["date"]], valence=valences(groups["category"]),
                      label=group_labels(groups, actors), outlets_n=n_outlets(groups["outlets"]))
    g = g[g["day"].notna()]
    window = crisis_window(g["day"])
    inside = filter_rows(g, [window.contains(d) for d in g["day"]])
    chosen = _chosen(inside, ["outlets_n", "n_mentions"], max_labels, spread="day").sort_values(["day", "label"], kind="stable")
    with figure_style():
        n = max(len(chosen), 1)
        fig, (top, bottom) = plt.subplots(2, 1, sharex=True, figsize=(10, 2.8 + 0.24 * n),
                                          gridspec_kw={"height_ratios": [2.4, 0.24 * n]})
        if inside.empty:
            top.text(0.5, 0.5, "no day-dated events", ha="center", transform=top.transAxes)
            _note(fig, "No event is dated to a day.", window, 0, max_labels)
            return fig
        per_day = inside.groupby("day")["valence"]
        days_ = sorted(per_day.groups)
        coop = [int((per_day.get_group(d) != "conflict").sum()) for d in days_]
        conf = [int((per_day.get_group(d) == "conflict").sum()) for d in days_]
        top.bar(days_, coop, width=0.7, color=CATEGORY_COLOURS["cooperation"], label="cooperation and talks")
        top.bar(days_, [-c for c in conf], width=0.7, color=CATEGORY_COLOURS["conflict"], label="conflict")
        top.axhline(0, color="black", linewidth=0.8)
        top.yaxis.set_major_locator(mticker.MaxNLocator(integer=True))
        top.yaxis.set_major_formatter(mticker.FuncFormatter(lambda v, _pos: str(abs(int(round(v))))))
        top.set_ylabel("real events\nconflict | cooperation")
        top.legend(loc="upper left", fontsize=7)
        top.set_title(title, parse_math=False)
        for y, r in enumerate(chosen.itertuples()):
            colour = CATEGORY_COLOURS.get(r.valence, CATEGORY_COLOURS["neutral"])
            bottom.plot([r.day], [y], marker="o", color=colour, markersize=6)
        bottom.set_yticks(range(len(chosen)))
        bottom.set_yticklabels([r.label + (f" [{r.outlets_n} outlets]" if r.outlets_n > 1 else "")
                                for r in chosen.itertuples()], fontsize=7, parse_math=False)
        bottom.set_ylim(len(chosen) - 0.5, -0.5)
        bottom.grid(axis="y", color="#eeeeee", linewidth=0.6)
        bottom.set_xlim(mdates.date2num(window.start) - 0.5, mdates.date2num(window.end) + 0.5)
        bottom.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=16))
        bottom.xaxis.set_major_formatter(mdates.DateFormatter("%a %d %b"))
        bottom.tick_params(axis="x", labelsize=7, rotation=90)
        fig.tight_layout()
    more = len(inside) - len(chosen)
    verb = "is" if more == 1 else "are"
    caption = (f"The crisis window, {span(window.start, window.end)}, holds {count(len(inside), 'day-dated real event')}; "
               f"{'all are labelled' if not more else f'the {number(len(chosen))} labelled are the best-sourced of each day first, and {number(more)} more {verb} in the tables'}."
               + _outliers(window))
    _note(fig, caption, window, len(chosen), max_labels, bottom)
    return fig


def _day_label(value: str, groups: pd.DataFrame, labels: pd.Series) -> str:
    on = groups[groups["date"] == value]
    if on.empty:
        return ""
    best = on.assign(nout=n_outlets(on["outlets"])).sort_values(["nout", "n_mentions"], ascending=False,
                                                               kind="stable").index[0]
    return labels[best] + (f", and {count(len(on) - 1, 'more event')}" if len(on) > 1 else "")


def plot_crisis_days(days: pd.DataFrame, groups: pd.DataFrame, actors: pd.DataFrame,
                     max_labels: int = MAX_LABELS, title: str = "The crisis day by day"):
    """Statements per day inside the crisis window, each labelled day named by its best-sourced event."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    d = days[days["granularity"] == "day"].assign(day=lambda x: [as_day(v) for v in x["value"]])
    window = crisis_window([v for r in d.itertuples() for v in [r.day] * int(r.n_statements)])
    inside = filter_rows(d, [window.contains(x) for x in d["day"]])
    labels = group_labels(groups, actors)
    chosen = _chosen(inside, ["n_statements", "n_sources"], max_labels)
    with figure_style():
        height = 2.0 + 0.2 * max(window.n_days, 5)
        fig, ax = plt.subplots(figsize=(10, min(height, 14)))
        if inside.empty:
            ax.text(0.5, 0.5, "no day-dated statements", ha="center", transform=ax.transAxes)
            _note(fig, "No statement is dated to a day.", window, 0, max_labels)
            return fig
        ys = [mdates.date2num(x) for x in inside["day"]]
        ax.barh(ys, inside["n_statements"], height=0.7, color=CATEGORY_COLOURS["cooperation"])
        top_n = max(int(inside["n_statements"].max()), 1)
        for r in chosen.itertuples():
            what = _day_label(r.value, groups, labels) or count(r.n_statements, "statement")
            ax.text(r.n_statements + 0.08 * top_n, mdates.date2num(r.day),
                    f"{what} ({count(r.n_sources, 'outlet')})", va="center", fontsize=7, parse_math=False)
        ax.set_xlim(0, top_n * 2.6)
        ax.set_ylim(mdates.date2num(window.end) + 0.5, mdates.date2num(window.start) - 0.5)
        ax.yaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=20))
        ax.yaxis.set_major_formatter(mdates.DateFormatter("%a %d %b"))
        ax.set_xlabel("dated statements")
        ax.set_title(f"{title}, {span(window.start, window.end)}", parse_math=False)
        fig.tight_layout()
    more = len(inside) - len(chosen)
    verb = "is" if more == 1 else "are"
    caption = (f"{count(len(inside), 'day', True)} of the window carry dated statements; "
               f"{'each is labelled' if not more else f'the {number(len(chosen))} with most statements are labelled, and {number(more)} more {verb} in the table below'}. "
               "A label names the day's best-sourced event."
               + _outliers(window))
    _note(fig, caption, window, len(chosen), max_labels, ax)
    fig.greenland["axis_is"] = "y"
    return fig


def plot_years(days: pd.DataFrame, max_labels: int = 10, title: str = "Years the articles mention"):
    """One mark per year named in the articles (size: outlets); the most-cited years labelled in words."""
    import matplotlib.pyplot as plt

    years = days[days["granularity"] == "year"].assign(year=lambda x: [d.year for d in x["date"]])
    with figure_style():
        fig, ax = plt.subplots(figsize=(10, 3.2))
        if years.empty:
            ax.text(0.5, 0.5, "no year is named", ha="center", transform=ax.transAxes)
            fig.greenland = {"caption": "No year is named.", "labels": 0, "limit": max_labels, "window": None}
            return fig
        chosen = set(years.sort_values(["n_sources", "year"], ascending=[False, True], kind="stable")
                     .head(max_labels)["year"])
        ax.axhline(0, color=CATEGORY_COLOURS["neutral"], lw=1, zorder=1)
        shown = 0
        for r in years.sort_values("year").itertuples():
            ax.scatter([r.year], [0], s=30 + 25 * r.n_sources, color=CATEGORY_COLOURS["cooperation"], zorder=2)
            if r.year in chosen:
                level = [1, -1, 2, -2][shown % 4]
                ax.vlines(r.year, 0, level * 0.8, color=CATEGORY_COLOURS["neutral"], lw=0.8, zorder=1)
                ax.text(r.year, level, f"{r.year}\n{count(r.n_sources, 'outlet')}", ha="center", va="center",
                        fontsize=8, parse_math=False)
                shown += 1
        first, last = int(years["year"].min()), int(years["year"].max())
        pad = max(2, (last - first) // 20)
        ax.set_xlim(first - pad, last + pad)
        ax.set_ylim(-2.7, 2.7)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_xlabel("year")
        ax.set_title(title, parse_math=False)
        fig.tight_layout()
    more = len(years) - shown
    caption = (f"{count(len(years), 'year', True)} named, from {first} to {last}; "
               + ("each is labelled." if not more else f"the {number(shown)} named by most outlets are labelled, "
                  f"and {number(more)} more {'is' if more == 1 else 'are'} in the table below."))
    fig.greenland = {"caption": caption, "labels": shown, "limit": max_labels, "window": None}
    return fig
