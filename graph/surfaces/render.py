"""The network page: one self-contained, offline pyvis page an analyst works in.

pyvis draws the actors where :mod:`graph.surfaces.layout` put them at build time (no
physics: the same graph always opens the same way, at once, even at 2,000 actors), with
a colour-blind-safe palette (Okabe and Ito) and labels legible at the opening zoom. The
page's own controls (``page_script.js``) add: a details panel (an actor's names, type,
Wikidata link, roles both ways, articles; a relation's evidence sentences with article,
date, outlet, rule, confidence, planned or not, offsets, and a copy button), filters by
type, relation and number of supporting articles, isolated actors hidden unless asked,
a date range with a week-by-week play button when the articles have dates, search by any
name with the closest names when nothing matches, a neighbourhood of 1 or 2 hops, the
shortest path between two actors, communities instead of types as colours, the view kept
in the URL, and exports of what is shown as PNG and GraphML.

Article text reaches the page only as JSON data (``<``, ``>``, ``&`` escaped), set as
text, never as markup.
"""
from __future__ import annotations

import json
import re
from importlib.resources import files

import networkx as nx
from pyvis.network import Network

from graph.surfaces.layout import layout

__all__ = ["TYPE_COLOURS", "network_html"]

# Okabe & Ito's palette, told apart with any common colour-vision deficiency
TYPE_COLOURS = {"Person": "#D55E00", "Organization": "#0072B2", "Country": "#009E73", "Place": "#E69F00"}
_EXTERNAL = [re.compile(r"<link\b[^>]*>", re.S), re.compile(r"<script\b[^>]*\bsrc=[^>]*>\s*</script>", re.S)]
_MAX_TOOLTIP = 3

_STYLE = """
<style>
  body { margin: 0; font: 14px/1.45 system-ui, sans-serif; }
  #legend { padding: 6px 10px; line-height: 2; border-bottom: 1px solid #ddd; }
  #legend label { margin-right: .8em; white-space: nowrap; }
  #legend input[type=search], #legend input[type=text] { font-size: 14px; }
  #ng-panel { display: none; position: fixed; top: 8px; right: 8px; width: min(420px, 45vw);
              max-height: calc(100vh - 16px); overflow: auto; background: #fff; border: 1px solid #999;
              border-radius: 6px; padding: 8px 14px; box-shadow: 0 2px 10px rgba(0,0,0,.2); z-index: 10;
              overflow-wrap: anywhere; }
  #ng-panel h2 { font-size: 17px; margin: 4px 24px 4px 0; } #ng-panel h3 { font-size: 14px; margin: 10px 0 2px; }
  #ng-panel ul { margin: 0; padding-left: 18px; } .ng-kind { color: #555; margin: 0; }
  .ng-close { position: absolute; top: 6px; right: 8px; border: none; background: none; font-size: 20px; cursor: pointer; }
  .ng-evidence { border-top: 1px solid #eee; padding: 6px 0; } .ng-evidence blockquote { margin: 0 0 4px; }
  .ng-source { color: #333; font-size: 13px; } .ng-meta { color: #666; font-size: 12px; }
  div.vis-tooltip { white-space: pre-wrap !important; max-width: 420px; overflow-wrap: anywhere; }
</style>
"""


def _legend(relations: list[str]) -> str:
    """Legend and controls; built from the vocabulary only, never from article text."""
    types = "".join(
        f'<label><input type="checkbox" class="ng-type" value="{name}" checked> '
        f'<span style="display:inline-block;width:.9em;height:.9em;border-radius:50%;background:{colour}"></span>'
        f' {name}</label>' for name, colour in TYPE_COLOURS.items())
    rels = "".join(f'<label><input type="checkbox" class="ng-rel" value="{r}" checked> {r}</label>' for r in relations)
    return ('<div id="legend"><b>newsgraph</b> — actor network · <span id="ng-stats"></span><br>'
            f'<b>Types</b> {types} <label>colour by <select id="ng-colour"><option value="type">type</option>'
            '<option value="community">community</option></select></label><br>'
            f'<b>Relations</b> {rels}<br>'
            '<label>at least <input id="ng-support" type="range" min="1" max="1" value="1"> '
            '<span id="ng-support-value">1</span> article(s)</label> '
            '<label><input type="checkbox" id="ng-isolated"> isolated actors</label> '
            '<span id="ng-time" style="display:none"><b>Period</b> <input id="ng-from" type="range" min="0" value="0"> '
            '<input id="ng-to" type="range" min="1" value="1"> <span id="ng-period"></span> '
            '<button id="ng-play" type="button">▶ Play</button></span><br>'
            '<label><b>Find</b> <input id="ng-search" type="search" placeholder="any name of an actor" size="24"></label> '
            '<span id="ng-found"></span> <select id="ng-hops"><option value="0">whole graph</option>'
            '<option value="1">1 hop</option><option value="2">2 hops</option></select> '
            '<button id="ng-focus" type="button">Focus</button> · '
            '<b>Path</b> <input id="ng-path-a" type="text" size="14" placeholder="from"> '
            '<input id="ng-path-b" type="text" size="14" placeholder="to"> <button id="ng-path-go" type="button">Connect</button> '
            '<span id="ng-path-result"></span> · <button id="ng-png" type="button">PNG</button> '
            '<button id="ng-graphml" type="button">GraphML</button></div><div id="ng-panel"></div>')


def _tooltip(data: dict) -> str:
    lines = [f"{data['relation']} (articles: {data['support']}) — click for the evidence"]
    for sentence, title in data["evidence"][:_MAX_TOOLTIP]:
        lines.append(f"« {sentence} » — {title}")
    return "\n".join(lines)


def _data_script(details: dict) -> str:
    """The page's data as a JSON script element; ``<``, ``>`` and ``&`` escaped, so no text
    from an article can close the element or become markup."""
    text = json.dumps(details, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script id="ng-data" type="application/json">{text}</script>'


def network_html(graph: nx.MultiDiGraph, details: dict | None = None, *, height: str = "calc(100vh - 150px)") -> str:
    """The page as a string; it loads nothing from the network. ``details`` (see
    :func:`graph.surfaces.page_data.page_details`) fill the panel; without them it shows
    what the graph itself holds."""
    details = details or {"articles": {}, "actors": {}, "evidence": {}}
    positions, communities = layout(graph)
    degrees = dict(graph.degree())
    top = max(degrees.values(), default=1) or 1
    large = graph.number_of_nodes() > 300
    net = Network(height=height, width="100%", directed=True, cdn_resources="in_line", notebook=False)
    for node, data in graph.nodes(data=True):
        x, y = positions[node]
        colour = TYPE_COLOURS.get(data["type"], "#999999")
        net.add_node(node, label=data["label"], color=colour, typeColour=colour, title=f"{data['label']} ({data['type']})",
                     kind=data["type"], names=data.get("names", [data["label"]]), community=communities.get(node, 0),
                     x=x, y=y, physics=False, size=8 + 22 * (degrees.get(node, 0) / top) ** 0.5)
    for s, o, data in graph.edges(data=True):
        width = 1 + min(data["support"], 8)
        net.add_edge(s, o, id=f"{s}|{data['relation']}|{o}", label=data["relation"], relation=data["relation"],
                     support=data["support"], title=_tooltip(data), width=width, baseWidth=width, arrows="to")
    net.toggle_physics(False)
    net.set_options(json.dumps({
        "physics": {"enabled": False},
        # at the opening zoom (0.75 at the least) labels are 13.5 px (12 px on large graphs)
        "nodes": {"shape": "dot", "font": {"size": 18 if not large else 16, "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"font": {"size": 12 if not large else 0, "align": "middle", "strokeWidth": 3},
                  "smooth": False, "color": {"inherit": False, "color": "#8a8a8a"}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": large, "multiselect": True},
        "layout": {"improvedLayout": False},
    }))
    page = net.generate_html()
    for pattern in _EXTERNAL:
        page = pattern.sub("", page)
    relations = sorted({data["relation"] for _, _, data in graph.edges(data=True)})
    page = page.replace("</head>", _STYLE + "</head>", 1)
    page = page.replace("<body>", "<body>\n" + _legend(relations), 1)
    script = files("graph.surfaces").joinpath("page_script.js").read_text(encoding="utf-8")
    return page.replace("</body>", _data_script(details) + "\n<script>\n" + script + "</script>\n</body>", 1)
