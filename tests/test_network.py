"""Actor summaries and the co-mention network."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

from greenland_lib import network  # noqa: E402


def test_co_mention_graph_counts_shared_sentences(tables):
    graph = network.co_mention_graph(tables["mentions"], tables["actors"])
    m = tables["mentions"]
    both = m.groupby(["article_id", "sent"])["actor_id"].agg(set)
    expected = sum(1 for ids in both if {"greenland", "usa"} <= ids)
    assert graph.edges["greenland", "usa"]["weight"] == expected > 0
    assert graph.nodes["donald-trump"]["mentions"] == int((m["actor_id"] == "donald-trump").sum())
    assert graph.nodes["mark-rutte"]["side"] == "NATO" and graph.nodes["greenland"]["side"] == "GRL"


def test_network_figure_is_deterministic(tables):
    graph = network.co_mention_graph(tables["mentions"], tables["actors"])
    a = network.plot_co_mention_network(graph, min_mentions=2)
    b = network.plot_co_mention_network(graph, min_mentions=2)
    pa = [t.get_position() for t in a.axes[0].texts]
    pb = [t.get_position() for t in b.axes[0].texts]
    assert pa == pb and len(pa) > 5


def test_speakers_and_spoken(tables):
    table = network.speakers_and_spoken(tables["mentions"], tables["quotes"], tables["actors"]).set_index("actor_id")
    assert table.loc["mark-rutte", "status"] == "speaks"
    assert table.loc["greenland", "status"] == "only spoken about"
    assert table["quotes"].sum() == (tables["quotes"]["speaker_id"] != "").sum()


def test_titles_used(tables):
    titles = network.titles_used(tables["mentions"], tables["actors"])
    rutte = titles[titles["name"] == "Mark Rutte"]
    assert list(rutte["title"]) == ["NATO chief"] and list(rutte["count"]) == [3]
