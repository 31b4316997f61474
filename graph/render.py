"""The network page: a self-contained, offline pyvis page of the actor network.

Colour by entity type (with a legend), size by degree centrality, edge label = the
relation, tooltips with the evidence sentences and their article titles. Article text
reaches the page only as escaped text.
"""
from __future__ import annotations

import re

import networkx as nx
from pyvis.network import Network

__all__ = ["TYPE_COLOURS", "network_html"]

TYPE_COLOURS = {"Person": "#e4572e", "Organization": "#4c72b0", "Country": "#2e933c", "Place": "#e5b31a"}
_EXTERNAL = [re.compile(r"<link\b[^>]*>", re.S), re.compile(r"<script\b[^>]*\bsrc=[^>]*>\s*</script>", re.S)]
_MAX_EVIDENCE = 5


def _legend() -> str:
    items = "".join(
        f'<span style="margin-right:1.2em"><span style="display:inline-block;width:.9em;height:.9em;'
        f'border-radius:50%;background:{colour};margin-right:.3em"></span>{name}</span>'
        for name, colour in TYPE_COLOURS.items())
    return (f'<div id="legend" style="font:14px sans-serif;padding:6px 10px">'
            f'<b>newsgraph</b> — actor network &nbsp; {items}</div>')


def _tooltip(data: dict) -> str:
    lines = [f"{data['relation']} (articles: {data['support']})"]
    for sentence, title in data["evidence"][:_MAX_EVIDENCE]:
        lines.append(f"« {sentence} » — {title}")
    return "\n".join(lines)


def network_html(graph: nx.MultiDiGraph, *, height: str = "800px") -> str:
    """The page as a string; it loads nothing from the network."""
    net = Network(height=height, width="100%", directed=True, cdn_resources="in_line", notebook=False)
    centrality = nx.degree_centrality(graph) if graph.number_of_nodes() > 1 else {}
    for node, data in graph.nodes(data=True):
        net.add_node(node, label=data["label"], color=TYPE_COLOURS.get(data["type"], "#999"),
                     title=f"{data['label']} ({data['type']})", group=data["type"],
                     size=10 + 40 * centrality.get(node, 0.0))
    for s, o, data in graph.edges(data=True):
        net.add_edge(s, o, label=data["relation"], title=_tooltip(data), width=1 + data["support"],
                     arrows="to")
    net.toggle_physics(True)
    net.set_options('{"physics": {"stabilization": {"iterations": 300}}, '
                    '"edges": {"font": {"size": 10, "align": "middle"}, "smooth": {"type": "dynamic"}}, '
                    '"interaction": {"hover": true, "tooltipDelay": 100}}')
    page = net.generate_html()
    for pattern in _EXTERNAL:
        page = pattern.sub("", page)
    page = page.replace("network = new vis.Network(container, data, options);",
                        "network = new vis.Network(container, data, options);\n"
                        "network.once('stabilizationIterationsDone', function () {"
                        " network.setOptions({physics: false}); });")
    return page.replace("<body>", "<body>\n" + _legend(), 1)
