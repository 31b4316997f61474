"""The network page at 2,000 actors: how long until an analyst can use it.

    python bench/run_page.py

Renders a page of 2,000 actors and 3,000 relations (random, seeded) as `build` does,
opens it in Debian's chromium through Playwright, and times the wait from the start of
the navigation to the page being ready (controls wired, the drawing done: the page sets
``window.ngReady``), median of 5 loads; then a filter change. Also the seconds the build
spends on the layout. The target: under 3 s to interactive. The last line is JSON.
"""
from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ACTORS, RELATIONS, LOADS = 2000, 3000, 5


def main() -> int:
    import networkx as nx
    from playwright.sync_api import sync_playwright
    from graph.surfaces.layout import layout
    from graph.surfaces.render import network_html
    rng = random.Random(3)
    graph = nx.MultiDiGraph()
    kinds = ["Person", "Organization", "Country", "Place"]
    for i in range(ACTORS):
        graph.add_node(f"n{i}", label=f"Acteur {i}", type=kinds[i % 4], names=[f"Acteur {i}"])
    for _ in range(RELATIONS):
        a, b = rng.sample(range(ACTORS), 2)
        graph.add_edge(f"n{a}", f"n{b}", relation=rng.choice(["met", "leaderOf", "envoyOf"]), support=rng.randint(1, 4),
                       evidence=[("Une phrase.", "Un titre")])
    started = time.perf_counter()
    layout(graph)
    layout_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "network.html"
        started = time.perf_counter()
        page.write_text(network_html(graph), encoding="utf-8")
        render_s = time.perf_counter() - started
        loads, filter_ms = [], []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for _ in range(LOADS):
                tab = browser.new_page(viewport={"width": 1400, "height": 900})
                started = time.perf_counter()
                tab.goto(page.as_uri())
                tab.wait_for_function("window.ngReady === true", timeout=60_000)
                loads.append(time.perf_counter() - started)
                started = time.perf_counter()
                tab.uncheck("input.ng-rel[value=met]")
                tab.evaluate("new Promise(function (done) { requestAnimationFrame(function () { done(); }); })")
                filter_ms.append(1000 * (time.perf_counter() - started))
                tab.close()
            browser.close()
    figures = {"actors": ACTORS, "relations": RELATIONS, "layout_s": round(layout_s, 2), "render_s": round(render_s, 2),
               "interactive_s": round(statistics.median(loads), 2), "interactive_runs_s": [round(s, 2) for s in loads],
               "filter_ms": round(statistics.median(filter_ms))}
    print(f"{ACTORS} actors, {RELATIONS} relations: layout {layout_s:.1f} s and page {render_s:.1f} s at build; "
          f"interactive {figures['interactive_s']:.2f} s after opening (median of {LOADS}: "
          f"{', '.join(f'{s:.2f}' for s in loads)}); a filter change {figures['filter_ms']} ms")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
