"""The network page in headless Chromium: it loads, shows every actor, runs no article text.

Chromium comes from Debian's `chromium` package (`.ci/run` installs it). Screenshots are
saved under out/screenshots/ for a person to look at.
"""
import random
import re
import shutil
import subprocess
from pathlib import Path

import networkx as nx
import pytest

from graph.extraction.extract import extract_doc
from graph.surfaces.network import actor_network, dataset_evidence
from graph.rdf.dataset import build_dataset
from graph.surfaces.render import network_html
from graph.resolution.resolve import resolve
from tests.conftest import make_article

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(CHROMIUM is None, reason="Debian package chromium not installed (.ci/run installs it)")]
SHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"
PAYLOAD = ("<img src=x onerror=\"document.title='pwned-img'\"> "
           "<script>document.title='pwned-script'</script>")


def chromium(page: Path, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
         "--virtual-time-budget=8000", "--window-size=1400,1000", *extra, page.as_uri()],
        capture_output=True, text=True, timeout=120)


def render(tmp_path: Path, graph, name: str) -> Path:
    page = tmp_path / f"{name}.html"
    page.write_text(network_html(graph), encoding="utf-8")
    return page


def check_page(page: Path, tmp_path: Path, name: str, actors: int, shown: int | None = None) -> str:
    """The page runs without error and states how many actors it shows (isolated ones are
    hidden by default): ``shown`` of ``actors``."""
    run = chromium(page, tmp_path, "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    errors = [line for line in run.stderr.splitlines() if "CONSOLE" in line and ("Uncaught" in line or "Error" in line)]
    assert not errors, errors
    stats = re.search(r'id="ng-stats">([^<]*)<', run.stdout)
    shown = actors if shown is None else shown
    assert stats and stats.group(1).startswith(f"{shown} of {actors} actors"), stats
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = chromium(page, tmp_path, f"--screenshot={SHOTS / (name + '.png')}")
    assert shot.returncode == 0 and (SHOTS / f"{name}.png").stat().st_size > 10_000
    return run.stdout


def test_sample_page_loads_and_runs_no_article_text(blank_nlp, tmp_path):
    article = make_article("Titre\n\nDmitri Peskov, porte-parole du Kremlin, a dit " + PAYLOAD + " à Djeddah, "
                           "en Arabie saoudite. Steve Witkoff, l'émissaire américain, est venu.", "x1")
    extraction = extract_doc(blank_nlp(article.text), article)
    assert any("onerror" in r.evidence.sentence for r in extraction.relations)  # the payload is in a tooltip
    ds = build_dataset([extraction], resolve([(article.id, extraction.mentions)]))
    graph = actor_network(ds.default_graph, dataset_evidence(ds))
    page = render(tmp_path, graph, "sample")
    assert "\\u003cimg src=x onerror" in page.read_text(encoding="utf-8")  # shipped only as escaped data
    linked = sum(1 for n in graph if graph.degree(n))
    dom = check_page(page, tmp_path, "sample", graph.number_of_nodes(), linked)
    assert 'id="ng-time" style="display:none"' in dom  # the samples carry no date: no period slider
    markup = re.sub(r"<script\b.*?</script>", "", dom, flags=re.S)  # the live document, data aside
    assert "pwned" not in markup and "<img" not in markup


def test_a_page_of_2000_actors_stays_usable(tmp_path):
    rng = random.Random(3)
    graph = nx.MultiDiGraph()
    types = ["Person", "Organization", "Country", "Place"]
    for i in range(2000):
        graph.add_node(f"n{i}", label=f"Acteur {i}", type=types[i % 4])
    for _ in range(3000):
        a, b = rng.sample(range(2000), 2)
        graph.add_edge(f"n{a}", f"n{b}", relation="met", support=1, evidence=[("Une phrase.", "Un titre")])
    check_page(render(tmp_path, graph, "large"), tmp_path, "large", 2000, sum(1 for n in graph if graph.degree(n)))
