"""The network page: a self-contained, offline pyvis page of the actor network.

Colour by entity type (with a legend), size by degree centrality, edge label = the
relation, tooltips with the evidence sentences and their article titles; filters by
entity and relation type and a search box. The layout is computed once, then physics
stops. Article text reaches the page only as JSON data (pyvis escapes ``<``, ``>``, ``&``)
shown by vis-network as text, never as markup.
"""
from __future__ import annotations

import json
import re

import networkx as nx
from pyvis.network import Network

__all__ = ["TYPE_COLOURS", "network_html"]

TYPE_COLOURS = {"Person": "#e4572e", "Organization": "#4c72b0", "Country": "#2e933c", "Place": "#e5b31a"}
_EXTERNAL = [re.compile(r"<link\b[^>]*>", re.S), re.compile(r"<script\b[^>]*\bsrc=[^>]*>\s*</script>", re.S)]
_MAX_EVIDENCE = 5


def _legend(relations: list[str]) -> str:
    """Legend and controls; built from the vocabulary only, never from article text."""
    types = "".join(
        f'<label style="margin-right:1em"><input type="checkbox" class="ng-type" value="{name}" checked> '
        f'<span style="display:inline-block;width:.9em;height:.9em;border-radius:50%;background:{colour}"></span>'
        f' {name}</label>' for name, colour in TYPE_COLOURS.items())
    rels = "".join(f'<label style="margin-right:.8em"><input type="checkbox" class="ng-rel" value="{r}" checked> {r}</label>'
                   for r in relations)
    return ('<div id="legend" style="font:13px sans-serif;padding:6px 10px;line-height:1.8">'
            '<b>newsgraph</b> — actor network · <span id="ng-stats"></span><br>'
            f'<b>Types</b> {types}<br><b>Relations</b> {rels}<br>'
            '<label><b>Find</b> <input id="ng-search" type="search" placeholder="actor name" size="28"></label>'
            ' <span id="ng-found"></span></div>')


_CONTROLS = """
<script>
(function () {
  function fold(text) {  // any case, any accents: « poutine » finds « Poutine », « zelenskyy » « Zelenskyy »
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function distance(a, b) {  // edit distance, for « closest names »
    var row = [], i, j, previous, next;
    for (j = 0; j <= b.length; j++) { row.push(j); }
    for (i = 1; i <= a.length; i++) {
      previous = row[0]; row[0] = i;
      for (j = 1; j <= b.length; j++) {
        next = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = next;
      }
    }
    return row[b.length];
  }
  function closest(text, count) {  // the labels of the actors with the nearest name (any word of it)
    var scored = nodes.get().map(function (n) {
      var best = Math.min.apply(null, (n.names || [n.label]).map(function (name) {
        var folded = fold(String(name));
        return Math.min.apply(null, [distance(text, folded)].concat(folded.split(/\\s+/).map(function (w) { return distance(text, w); })));
      }));
      return [best, n.label];
    }).filter(function (s) { return s[0] <= Math.max(2, Math.floor(text.length / 3)); });
    scored.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : 1); });
    return scored.slice(0, count).map(function (s) { return s[1]; });
  }
  function checked(cls) {
    return new Set(Array.from(document.querySelectorAll("input." + cls + ":checked")).map(function (b) { return b.value; }));
  }
  function refresh() {
    var types = checked("ng-type"), rels = checked("ng-rel");
    nodes.update(nodes.get().map(function (n) { return {id: n.id, hidden: !types.has(n.kind)}; }));
    edges.update(edges.get().map(function (e) { return {id: e.id, hidden: !rels.has(e.label)}; }));
    var shown = nodes.get({filter: function (n) { return !n.hidden; }}).length;
    document.getElementById("ng-stats").textContent =
      shown + " of " + nodes.length + " actors, " + edges.length + " relations";
  }
  document.querySelectorAll("input.ng-type, input.ng-rel").forEach(function (b) { b.addEventListener("change", refresh); });
  document.getElementById("ng-search").addEventListener("input", function (event) {
    var text = fold(event.target.value.trim()), found = document.getElementById("ng-found");
    if (!text) { found.textContent = ""; network.unselectAll(); return; }
    var hits = nodes.get({filter: function (n) {
      return (n.names || [n.label]).some(function (name) { return fold(String(name)).indexOf(text) >= 0; });
    }});
    found.textContent = hits.length + " found";
    if (!hits.length) {
      var close = closest(text, 3);
      if (close.length) { found.textContent += " — closest: " + close.join(", "); }
    }
    if (hits.length) {
      network.selectNodes(hits.map(function (n) { return n.id; }));
      network.focus(hits[0].id, {scale: 1.2, animation: true});
    }
  });
  refresh();
})();
</script>
"""


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
                     title=f"{data['label']} ({data['type']})", kind=data["type"],
                     names=data.get("names", [data["label"]]),
                     size=10 + 40 * centrality.get(node, 0.0))
    for s, o, data in graph.edges(data=True):
        net.add_edge(s, o, label=data["relation"], title=_tooltip(data), width=1 + data["support"],
                     arrows="to")
    large = graph.number_of_nodes() > 300
    net.toggle_physics(True)
    net.set_options(json.dumps({
        "physics": {"solver": "barnesHut", "stabilization": {"iterations": 300 if not large else 150}},
        "layout": {"improvedLayout": not large},
        "nodes": {"font": {"size": 14 if not large else 10}},
        "edges": {"font": {"size": 10 if not large else 0, "align": "middle"},
                  "smooth": {"type": "continuous" if large else "dynamic"}},
        "interaction": {"hover": True, "tooltipDelay": 100, "hideEdgesOnDrag": large},
    }))
    page = net.generate_html()
    for pattern in _EXTERNAL:
        page = pattern.sub("", page)
    page = page.replace("network = new vis.Network(container, data, options);",
                        "network = new vis.Network(container, data, options);\n"
                        "network.once('stabilizationIterationsDone', function () {"
                        " network.setOptions({physics: false}); });")
    relations = sorted({data["relation"] for _, _, data in graph.edges(data=True)})
    page = page.replace("<body>", "<body>\n" + _legend(relations), 1)
    return page.replace("</body>", _CONTROLS + "</body>", 1)
