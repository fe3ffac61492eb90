"""Figures and findings that scale: the crisis window, label limits and captions on a generated corpus of
300 articles (the seeds' texts with publication dates spread over a year), the sentence pieces of the
findings, and labels that are never read as TeX."""
from __future__ import annotations

import datetime as dt
import random
import re

import matplotlib
import matplotlib.dates as mdates
import pandas as pd
import pytest

matplotlib.use("Agg")

from greenland_lib.analysis import network  # noqa: E402
from greenland_lib.corpus.loading import Corpus  # noqa: E402
from greenland_lib.pipeline import extract  # noqa: E402
from greenland_lib.views import findings, prose  # noqa: E402
from greenland_lib.views.crisis import MAX_DAYS, Window, crisis_window, group_labels  # noqa: E402
from greenland_lib.views.figures import MAX_LABELS, plot_arc, plot_crisis_days, plot_years  # noqa: E402

N_ARTICLES = 300


@pytest.fixture(scope="module")
def large(seeds):
    """300 articles from the seeds' texts, published on days spread over a year around the crisis."""
    rng = random.Random(15)
    base = list(seeds.articles.itertuples())
    texts, published, outlets = {}, {}, {}
    for i in range(N_ARTICLES):
        art = base[i % len(base)]
        aid = f"{i:04d}"
        texts[aid] = seeds.text(art.article_id).replace(" date 2026-01-12 ", "", 1)
        published[aid] = dt.date(2026, 1, 12) + dt.timedelta(days=rng.randint(-180, 180))
        outlets[aid] = f"Outlet {i % 12}"
    return extract(Corpus.from_texts(texts, published, outlets))


def _inside(lo: float, hi: float, window) -> bool:
    first, last = mdates.date2num(window.start), mdates.date2num(window.end)
    return first - 1 <= lo <= first and last <= hi <= last + 1


def test_the_large_corpus_spans_more_than_the_window(large):
    days = [d for d in large["timeline"]["date"] if d.year >= 2025]
    assert (max(days) - min(days)).days > 2 * MAX_DAYS


def test_arc_keeps_its_day_axis_in_the_window_and_labels_at_most_the_limit(large):
    groups, actors = large["event_groups"], large["actors"]
    fig = plot_arc(groups, actors)
    bottom = fig.axes[1]
    window = crisis_window([d for d in groups["date"]])
    assert window.n_days <= MAX_DAYS
    assert _inside(*bottom.get_xlim(), window)
    labels = [t.get_text() for t in bottom.get_yticklabels()]
    assert 0 < len(labels) <= MAX_LABELS == fig.greenland["limit"]
    n_inside = sum(window.contains(d) for d in pd.to_datetime(groups["date"], errors="coerce").dt.date.dropna())
    if n_inside > MAX_LABELS:
        assert f"{prose.number(n_inside - len(labels))} more" in fig.greenland["caption"]
    assert window.outliers and "Outside the window" in fig.greenland["caption"]
    assert all(" " in t for t in labels), "labels are phrases in words"


def test_crisis_days_keep_their_axis_in_the_window_and_labels_at_most_the_limit(large):
    fig = plot_crisis_days(large["timeline_days"], large["event_groups"], large["actors"], max_labels=12)
    ax = fig.axes[0]
    lo, hi = sorted(ax.get_ylim())
    window_ = fig.greenland["window"]
    window = Window(dt.date.fromisoformat(window_[0]), dt.date.fromisoformat(window_[1]))
    assert _inside(lo, hi, window) and window.n_days <= MAX_DAYS
    assert 0 < len(ax.texts) <= 12
    assert "more" in fig.greenland["caption"]


def test_network_shows_only_actors_above_the_threshold(large):
    graph = network.co_mention_graph(large["mentions"], large["actors"])
    threshold = network.mention_threshold(graph, max_nodes=10)
    assert sum(d["mentions"] >= threshold for _, d in graph.nodes(data=True)) <= 10
    assert sum(d["mentions"] >= threshold - 1 for _, d in graph.nodes(data=True)) > 10 or threshold == 2
    fig = network.plot_co_mention_network(graph, max_nodes=10)
    assert 0 < len(fig.axes[0].texts) <= 10 and fig.greenland["threshold"] == threshold
    assert "below the threshold" in fig.greenland["caption"]


def test_years_figure_labels_at_most_its_limit(large):
    fig = plot_years(large["timeline_days"], max_labels=3)
    assert len(fig.axes[0].texts) <= 3


def test_labels_with_dollar_signs_are_not_read_as_tex(tables):
    groups = tables["event_groups"].head(3).assign(label=["costs $5 and $x^$", "a $ sign", "$\\frac{1}{$"])
    fig = plot_arc(groups, tables["actors"])
    fig.canvas.draw()  # a label parsed as mathtext would raise here
    shown = {t.get_text() for t in fig.axes[1].get_yticklabels()}
    assert "costs $5 and $x^$" in {s.split(" [")[0] for s in shown}


def test_crisis_window_takes_the_densest_cluster_and_lists_outliers():
    jan = [dt.date(2026, 1, d) for d in (11, 12, 12, 14, 21, 23)]
    w = crisis_window(jan + [dt.date(2025, 3, 1), dt.date(2026, 6, 1)])
    assert (w.start, w.end, w.n_inside) == (dt.date(2026, 1, 11), dt.date(2026, 1, 23), 6)
    assert w.outliers == [dt.date(2025, 3, 1), dt.date(2026, 6, 1)]
    every_day = [dt.date(2026, 1, 1) + dt.timedelta(days=i) for i in range(100)]
    assert crisis_window(every_day + every_day[50:60]).n_days <= MAX_DAYS
    assert crisis_window(["2026-W02", ""]).start is None


def test_prose_pieces():
    assert [prose.count(1, "outlet"), prose.count(2, "outlet"), prose.count(1342, "word")] == \
        ["one outlet", "two outlets", "1,342 words"]
    assert prose.join(["A"]) == "A" and prose.join(["A", "B"]) == "A and B" and prose.join(list("ABC")) == "A, B and C"
    assert prose.join_limited(list("ABCDEFG"), 3) == "A, B, C and four more"
    assert prose.days([dt.date(2026, 1, 12), dt.date(2026, 1, 12), dt.date(2026, 1, 23)]) == "12, 12 and 23 January 2026"
    assert prose.span(dt.date(2025, 12, 30), dt.date(2026, 1, 2)) == "30 December 2025 to 2 January 2026"
    assert prose.noun("country", 2) == "countries" and prose.number(3, capital=True) == "Three"


def test_findings_follow_the_tables_of_a_smaller_corpus(seeds):
    one = seeds.subset([seeds.articles["article_id"].iloc[2]])
    tables = extract(one)
    found = findings.overview(tables, one)
    assert "one news report" in found.brief and "published on 23 January 2026" in found.brief
    assert "three" not in found.brief
    n = len(tables["timexes"])
    assert f"{prose.count(n, 'temporal expression')}" in findings.timeline(tables).brief


def test_each_finding_cites_a_sentence_line_that_holds_it(tables):
    found = findings.outcome(tables)
    cited = [item for item in found.items if "(sources: [" in item]
    assert len(cited) >= 3
    labels = group_labels(tables["event_groups"], tables["actors"])
    assert any(f'"{label}"' in " ".join(found.items) for label in labels)


def test_findings_and_figures_survive_a_corpus_without_dates_or_outlets():
    from greenland_lib import load_corpus
    from greenland_lib.paths import REPO_ROOT

    corpus = load_corpus(REPO_ROOT / "tests" / "fixtures" / "wire")
    tables = extract(corpus)
    texts = [findings.overview(tables, corpus)] + [f(tables) for f in (findings.timeline, findings.actors,
                                                                        findings.outcome, findings.validation)]
    prose_ = " ".join(t.brief + " " + t.section for t in texts)
    assert f"{prose.count(len(tables['articles']), 'news report')}" in prose_
    assert "()" not in prose_ and " no that " not in prose_
    assert not re.search(r"\bnan\b|\bNone\b(?! of)", prose_)
    for fig in (plot_arc(tables["event_groups"], tables["actors"]),
                plot_crisis_days(tables["timeline_days"], tables["event_groups"], tables["actors"]),
                plot_years(tables["timeline_days"]),
                network.plot_co_mention_network(network.co_mention_graph(tables["mentions"], tables["actors"]))):
        assert fig.greenland["caption"] and fig.greenland["labels"] <= fig.greenland["limit"]


def test_arc_labels_every_day_before_a_second_event_of_any_day(large):
    """With more events than labels, the best-sourced event of each day is labelled first (a late day with
    a single, thinly sourced event is not crowded out by a busy early day)."""
    groups, actors = large["event_groups"], large["actors"]
    window = crisis_window([d for d in groups["date"]])
    days = {d for d in pd.to_datetime(groups["date"], errors="coerce").dt.date.dropna() if window.contains(d)}
    limit = len(days) + 1
    n_inside = sum(window.contains(d) for d in pd.to_datetime(groups["date"], errors="coerce").dt.date.dropna())
    assert n_inside > limit, "the fixture must hold more events than labels"
    fig = plot_arc(groups, actors, max_labels=limit)
    bottom = fig.axes[1]
    drawn = {pd.Timestamp(line.get_xdata()[0]).date() for line in bottom.get_lines()}
    assert drawn == days
    assert "each day" in fig.greenland["caption"]
