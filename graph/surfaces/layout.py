"""Where each actor sits on the page, and which community it belongs to: computed once,
at build time, with a fixed seed, so the same graph always opens the same way, at once.

Connected actors are laid out by networkx's force-directed ``spring_layout`` (on the
undirected graph, an edge's weight its number of relations), scaled to ``size`` pixels;
actors with no relation are set in rows below them. Communities come from Louvain
modularity (``networkx.community.louvain_communities``), numbered by size.

>>> import networkx as nx
>>> g = nx.MultiDiGraph([("a", "b"), ("b", "c")]); g.add_node("d")
>>> positions, communities = layout(g)
>>> sorted(positions) == ["a", "b", "c", "d"], communities["a"] == communities["b"]
(True, True)
"""
from __future__ import annotations

import math

import networkx as nx

__all__ = ["layout"]


def layout(graph: nx.MultiDiGraph, *, size: float = 1000.0, seed: int = 7) -> tuple[dict[str, tuple[float, float]],
                                                                                    dict[str, int]]:
    """``({node: (x, y)}, {node: community number})``."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for s, o in graph.edges():
        if s != o:
            weight = simple.get_edge_data(s, o, {}).get("weight", 0) + 1
            simple.add_edge(s, o, weight=weight)
    connected = [n for n in simple.nodes if simple.degree(n) > 0]
    alone = sorted((n for n in simple.nodes if simple.degree(n) == 0), key=lambda n: str(graph.nodes[n].get("label", n)))
    positions: dict[str, tuple[float, float]] = {}
    if connected:
        core = simple.subgraph(connected)
        # k a little above networkx's default (1/sqrt(n)) leaves room for the labels
        # networkx's sparse solver, used above 500 actors, costs about 0.2 s a round at 2,000
        rounds = 60 if len(connected) <= 500 else 25
        placed = nx.spring_layout(core, k=1.6 / math.sqrt(len(connected)), iterations=rounds, seed=seed, weight=None)
        for node, (x, y) in placed.items():
            positions[node] = (round(float(x) * size, 1), round(float(y) * size, 1))
    bottom = max((y for _, y in positions.values()), default=0.0) + 150.0
    per_row = max(1, int(math.sqrt(len(alone)) * 2) or 1)
    for i, node in enumerate(alone):
        positions[node] = (round(-size + (i % per_row) * (2 * size / per_row), 1), round(bottom + 90.0 * (i // per_row), 1))
    communities: dict[str, int] = {}
    found = nx.community.louvain_communities(simple, seed=seed) if simple.number_of_edges() else [{n} for n in simple]
    for number, members in enumerate(sorted(found, key=lambda c: (-len(c), sorted(map(str, c))[0]))):
        for node in members:
            communities[node] = number
    return positions, communities
