"""Actor summaries and the co-mention network."""
from __future__ import annotations

import os
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

from greenland_lib.analysis import network  # noqa: E402


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



LAYOUT_SCRIPT = """
import matplotlib
matplotlib.use("Agg")
import networkx as nx
from greenland_lib.analysis import network
g = nx.Graph()
names = ["greenland", "usa", "denmark", "nato", "china", "russia", "mark-rutte", "donald-trump", "eu"]
for i, n in enumerate(names):
    g.add_node(n, name=n, side="other", mentions=3 + i)
for a, b in [(0, 1), (0, 2), (0, 3), (1, 7), (3, 6), (2, 5), (4, 1), (5, 4), (8, 2), (8, 0), (6, 7)]:
    g.add_edge(names[a], names[b], weight=1 + (a + b) % 3)
for i in range(30):  # dropped for too few mentions; many, so that networkx iterates the kept set
    g.add_node(f"rare-{i}", name=f"rare-{i}", side="other", mentions=1)
    g.add_edge(f"rare-{i}", names[i % len(names)], weight=1)
g.add_node("alone", name="alone", side="other", mentions=5)  # dropped: not connected
fig = network.plot_co_mention_network(g, min_mentions=2)
print(sorted((t.get_text(), [round(v, 6) for v in t.xy]) for t in fig.axes[0].texts))
"""


def test_network_layout_does_not_depend_on_string_hashing():
    # A subgraph view iterates nodes in set order, which changes with PYTHONHASHSEED between runs.
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", LAYOUT_SCRIPT], capture_output=True, text=True, env=env,
                             check=True)
        outputs.add(run.stdout)
    assert len(outputs) == 1, "the network layout changes with the string hash seed"

def test_speakers_and_spoken(tables):
    table = network.speakers_and_spoken(tables["mentions"], tables["quotes"], tables["actors"]).set_index("actor_id")
    assert table.loc["mark-rutte", "status"] == "speaks"
    assert table.loc["greenland", "status"] == "only spoken about"
    assert table["quotes"].sum() == (tables["quotes"]["speaker_id"] != "").sum()


def test_titles_used(tables):
    titles = network.titles_used(tables["mentions"], tables["actors"])
    rutte = titles[titles["name"] == "Mark Rutte"]
    assert list(rutte["title"]) == ["NATO chief"] and list(rutte["count"]) == [3]
