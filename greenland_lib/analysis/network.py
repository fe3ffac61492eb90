"""Who appears with whom: actor summaries, the co-mention network, and their figures.

Tables are pandas DataFrames with a deterministic order; figures are drawn with matplotlib inside
``style.figure_style()`` and returned, never shown or saved here.
"""
from __future__ import annotations

import networkx as nx
import pandas as pd

from ..extract.actors import slug
from ..sides import colour_key, side_names, side_of
from ..views.style import SIDE_COLOURS, figure_style

LAYOUT_SEED = 7
SIDE_NAMES = side_names()


def sides(actors: pd.DataFrame) -> pd.Series:
    """Return each actor's side of the crisis (a key of ``style.SIDE_COLOURS``), indexed by actor_id."""
    # sides.side_of without the kind: a media outlet is coloured by its country here
    return pd.Series({row.actor_id: colour_key(side_of(row.code, row.country)) for row in actors.itertuples()},
                     name="side")


def mentions_by_outlet(mentions: pd.DataFrame, articles: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Mentions per actor and outlet, with a total column; most-mentioned first, then by name."""
    merged = mentions.merge(articles[["article_id", "outlet"]], on="article_id").merge(
        actors[["actor_id", "name"]], on="actor_id")
    table = merged.pivot_table(index="name", columns="outlet", values="start", aggfunc="count", fill_value=0)
    table.columns.name = None
    table["total"] = table.sum(axis=1)
    table = table.reset_index().sort_values(["total", "name"], ascending=[False, True]).set_index("name")
    return table.astype("int64")


def speakers_and_spoken(mentions: pd.DataFrame, quotes: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Per actor: mentions, articles, quotations and quoted words, and whether it speaks or is only spoken about."""
    m = mentions.groupby("actor_id").agg(mentions=("start", "count"), articles=("article_id", "nunique"))
    q = quotes[quotes["speaker_id"] != ""].assign(words=lambda d: d["text"].str.split().str.len())
    q = q.groupby("speaker_id").agg(quotes=("start", "count"), quoted_words=("words", "sum"))
    table = m.join(q, how="outer").fillna(0).astype("int64")
    table = table.join(actors.set_index("actor_id")[["name", "kind"]])
    table["status"] = table["quotes"].map(lambda n: "speaks" if n else "only spoken about")
    table = table.reset_index(names="actor_id")
    table = table.sort_values(["quotes", "mentions", "name"], ascending=[False, False, True])
    return table[["name", "kind", "mentions", "articles", "quotes", "quoted_words", "status", "actor_id"]].reset_index(drop=True)


def quotes_with_sources(quotes: pd.DataFrame, articles: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Every quotation with its speaker's name and its source (outlet, date, article, offsets)."""
    names = actors.set_index("actor_id")["name"]
    table = quotes.merge(articles[["article_id", "outlet", "published"]], on="article_id")
    table["speaker"] = table["speaker_id"].map(names).fillna("(unknown)")
    table = table.sort_values(["speaker", "published", "article_id", "start"])
    return table[["speaker", "text", "fragment", "speaker_how", "cue", "outlet", "published", "article_id",
                  "start", "end"]].reset_index(drop=True)


def titles_used(mentions: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """How the press designates persons by office: each title form (alone or before a name) and its count."""
    persons = actors[actors["kind"] == "person"].set_index("actor_id")
    m = mentions[mentions["actor_id"].isin(persons.index)].copy()
    m["form"] = m["text"].str.replace(r"\s+", " ", regex=True)
    m["name"] = m["actor_id"].map(persons["name"])
    m["title"] = [_title_part(form, name) if how != "title" else form
                  for form, name, how in zip(m["form"], m["name"], m["how"])]
    titled = m[m["title"] != ""]
    table = titled.groupby(["name", "title"]).agg(count=("start", "count"), articles=("article_id", "nunique"),
                                                  example=("form", "first"))
    table = table.join(persons.reset_index().set_index("name")[["role"]], on="name")
    return table.reset_index().sort_values(["name", "count", "title"], ascending=[True, False, True]).reset_index(drop=True)


def _title_part(form: str, name: str) -> str:
    """The words of a mention before the person's name ("NATO chief Mark Rutte" -> "NATO chief")."""
    name_words = set(slug(name).split("-"))
    words = form.split()
    while words and set(slug(words[-1]).split("-")) <= name_words:
        words.pop()
    return " ".join(words)


def co_mention_graph(mentions: pd.DataFrame, actors: pd.DataFrame, unit: str = "sent") -> nx.Graph:
    """Actors as nodes (with name, side, mentions); an edge for each pair named in the same sentence, weighted."""
    side = sides(actors)
    names = actors.set_index("actor_id")["name"]
    graph = nx.Graph()
    counts = mentions.groupby("actor_id").size()
    for actor_id, n in sorted(counts.items()):
        graph.add_node(actor_id, name=names.get(actor_id, actor_id), side=side.get(actor_id, "other"), mentions=int(n))
    for _, group in mentions.groupby(["article_id", unit]):
        ids = sorted(set(group["actor_id"]))
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                w = graph.edges[a, b]["weight"] + 1 if graph.has_edge(a, b) else 1
                graph.add_edge(a, b, weight=w)
    return graph


MAX_NODES = 25


def mention_threshold(graph: nx.Graph, max_nodes: int = MAX_NODES, floor: int = 2) -> int:
    """The smallest mention count (at least ``floor``) that leaves at most ``max_nodes`` actors."""
    counts = sorted((d["mentions"] for _, d in graph.nodes(data=True)), reverse=True)
    threshold = floor
    while sum(c >= threshold for c in counts) > max_nodes:
        threshold += 1
    return threshold


def plot_co_mention_network(graph: nx.Graph, min_mentions: int | None = None, seed: int = LAYOUT_SEED,
                            title: str = "Who is named with whom (same sentence)", max_nodes: int = MAX_NODES):
    """Draw the co-mention network of the actors above a mention threshold (chosen from the data by default)."""
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    if min_mentions is None:
        min_mentions = mention_threshold(graph, max_nodes)
    keep = [n for n, d in graph.nodes(data=True) if d["mentions"] >= min_mentions]
    g = graph.subgraph(keep)
    if len(g):  # the largest connected group; isolated actors would only push it into a corner
        g = g.subgraph(max(nx.connected_components(g), key=lambda c: (len(c), sorted(c))))
    # A subgraph view of few nodes iterates them in the order of the set it was given (hash-randomised for
    # strings), and the layout depends on node order: rebuild it in sorted order so the figure is reproducible.
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(g.nodes(data=True)))
    ordered.add_edges_from(sorted((min(a, b), max(a, b), d) for a, b, d in g.edges(data=True)))
    g = ordered
    pos = nx.spring_layout(g, seed=seed, weight=None, k=2.2 / max(1, len(g)) ** 0.5, iterations=300)
    with figure_style():
        fig, ax = plt.subplots(figsize=(10, 7.5))
        widths = [0.4 + 0.6 * d["weight"] for _, _, d in g.edges(data=True)]
        nx.draw_networkx_edges(g, pos, ax=ax, width=widths, edge_color="#bbbbbb", alpha=0.8)
        nodes = sorted(g.nodes)
        nx.draw_networkx_nodes(g, pos, nodelist=nodes, ax=ax,
                               node_size=[40 + 14 * g.nodes[n]["mentions"] for n in nodes],
                               node_color=[SIDE_COLOURS[g.nodes[n]["side"]] for n in nodes],
                               edgecolors="white", linewidths=0.8)
        for n in nodes:
            x, y = pos[n]
            ax.annotate(g.nodes[n]["name"], (x, y), xytext=(0, 7), textcoords="offset points",
                        ha="center", va="bottom", fontsize=8, parse_math=False)
        used = sorted({g.nodes[n]["side"] for n in nodes}, key=list(SIDE_COLOURS).index)
        handles = [Line2D([], [], marker="o", linestyle="", markersize=7, color=SIDE_COLOURS[s],
                          label=SIDE_NAMES[s]) for s in used]
        ax.legend(handles=handles, title="side", loc="lower left", fontsize=8)
        ax.set_title(title)
        ax.margins(0.08)
        ax.set_axis_off()
        fig.tight_layout()
    below = graph.number_of_nodes() - len(keep)
    from ..views.prose import times

    caption = (f"Actors named at least {times(min_mentions)} and linked to the largest group: {len(nodes)} shown"
               + (f", and {below} more below the threshold" if below else "") + ".")
    fig.greenland = {"caption": caption, "labels": len(nodes), "limit": max_nodes, "window": None,
                     "threshold": int(min_mentions)}
    return fig


def plot_mentions_by_outlet(table: pd.DataFrame, top: int = 15, title: str = "Who is named, by outlet"):
    """Horizontal stacked bars: mentions of the most-named actors, split by outlet."""
    import matplotlib.pyplot as plt

    data = table.head(top).drop(columns="total").iloc[::-1]
    if data.shape[1] > 6:  # the five outlets that name these actors most, the rest as one bar
        order = data.sum().sort_values(ascending=False, kind="stable").index
        data = data[list(order[:5])].assign(**{"other outlets": data[list(order[5:])].sum(axis=1)})
    palette = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860"]
    with figure_style():
        fig, ax = plt.subplots(figsize=(9, 0.32 * len(data) + 1.4))
        left = pd.Series(0, index=data.index)
        for i, outlet in enumerate(data.columns):
            ax.barh(data.index, data[outlet], left=left, color=palette[i % len(palette)], label=outlet)
            left = left + data[outlet]
        ax.set_xlabel("mentions")
        ax.set_title(title)
        ax.legend(loc="lower right", fontsize=8)
        fig.tight_layout()
    return fig
