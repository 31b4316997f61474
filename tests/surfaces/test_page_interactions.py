"""The network page driven as an analyst drives it: Playwright (PyPI) on Debian's chromium.

`playwright install` downloads nothing here: the browser is /usr/bin/chromium (`.ci/run`
installs the Debian package). The pages are real builds of our own short articles."""
import shutil
from pathlib import Path

import pytest

from graph.build import build

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [pytest.mark.slow, pytest.mark.model,
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian package chromium not installed (.ci/run installs it)")]

ARTICLES = {  # three weeks of a story of our own, each article dated by the catalogue
    "a1": ("Ruto reçoit Kagame", "2025-03-03",
           "Le président kényan William Ruto a reçu lundi Paul Kagame à Nairobi. Vladimir Poutine n'a pas commenté."),
    "a2": ("Berg à Kigali", "2025-03-11",
           "Ole Berg, porte-parole de la présidence kényane, a rencontré mardi Paul Kagame à Kigali."),
    "a3": ("Nouvelle rencontre", "2025-03-20",
           "William Ruto a rencontré jeudi Paul Kagame à Mombasa. Ole Berg était présent."),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("story")
    corpus = root / "corpus"
    corpus.mkdir()
    rows = ["file,published,outlet,url"]
    for name, (title, date, text) in ARTICLES.items():
        (corpus / f"{name}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
        rows.append(f"{name}.txt,{date},Le Quotidien,https://quotidien.example/{name}")
    (corpus / "catalogue.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    build([corpus], root / "out")
    return root / "out" / "network.html"


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        running = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield running
        running.close()


@pytest.fixture()
def page(browser, built):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda err: errors.append(str(err)))
    tab.goto(built.as_uri())
    tab.wait_for_function("window.ngReady === true")
    yield tab
    assert not errors
    context.close()


def click_actor(tab, label: str) -> None:
    """A real mouse click where the actor is drawn."""
    x, y = tab.evaluate("""label => {
        var id = nodes.get().filter(function (n) { return n.label === label; })[0].id;
        network.focus(id, {scale: 1.2, animation: false});
        var p = network.canvasToDOM(network.getPositions([id])[id]);
        var r = document.querySelector("#mynetwork canvas").getBoundingClientRect();
        return [p.x + r.left, p.y + r.top]; }""", label)
    tab.mouse.click(x, y)


def click_relation(tab, source: str, relation: str, target: str) -> None:
    """A real mouse click on the middle of the relation's line."""
    x, y = tab.evaluate("""([s, rel, t]) => {
        var id = function (label) { return nodes.get().filter(function (n) { return n.label === label; })[0].id; };
        var a = id(s), b = id(t);
        network.fit({nodes: [a, b], animation: false});
        var p = network.getPositions([a, b]);
        var mid = network.canvasToDOM({x: (p[a].x + p[b].x) / 2, y: (p[a].y + p[b].y) / 2});
        var r = document.querySelector("#mynetwork canvas").getBoundingClientRect();
        return [mid.x + r.left, mid.y + r.top]; }""", [source, relation, target])
    tab.mouse.click(x, y)


def stats(tab) -> str:
    return tab.inner_text("#ng-stats")


def test_clicking_an_actor_shows_its_names_roles_and_articles(page):
    click_actor(page, "Ole Berg")
    panel = page.inner_text("#ng-panel")
    assert panel.startswith("×\nOle Berg\n") and "\nPerson\n" in panel and "Other names\nBerg" in panel
    assert "spokespersonOf → " in panel
    assert "Berg à Kigali — 2025-03-11 — Le Quotidien" in panel
    box = page.eval_on_selector("#ng-panel", "e => { var r = e.getBoundingClientRect(); return [r.left, r.right, r.bottom]; }")
    assert box[0] >= 0 and box[1] <= 1400 and box[2] <= 900  # inside the screen


def test_clicking_a_relation_shows_every_evidence_with_its_source(page):
    click_relation(page, "William Ruto", "met", "Paul Kagame")
    panel = page.inner_text("#ng-panel")
    assert panel.startswith("×\nWilliam Ruto — met — Paul Kagame") or panel.startswith("×\nPaul Kagame — met — William Ruto")
    assert "stated in 2 article(s)" in panel
    assert "Le président kényan William Ruto a reçu lundi Paul Kagame à Nairobi." in panel
    assert "Ruto reçoit Kagame — 2025-03-03 — Le Quotidien" in panel
    assert "Nouvelle rencontre — 2025-03-20 — Le Quotidien" in panel
    assert "confidence 0.8" in panel and "characters " in panel
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click(".ng-copy >> nth=0")
    assert page.inner_text(".ng-copy >> nth=0") == "Copied"


def test_unticking_a_relation_type_changes_the_counters(page):
    before = stats(page)
    page.uncheck("input.ng-rel[value=met]")
    after = stats(page)
    assert before != after and after.endswith("relations shown")
    shown = int(after.split(", ")[1].split(" of ")[0])
    assert shown == page.evaluate("edges.get({filter: function (e) { return !e.hidden; }}).length")
    assert page.evaluate("edges.get({filter: function (e) { return !e.hidden && e.relation === 'met'; }}).length") == 0


def test_the_date_range_shows_what_the_articles_of_that_period_state(page):
    total = stats(page)
    page.eval_on_selector("#ng-to", "e => { e.value = 1; e.dispatchEvent(new Event('input')); }")  # the first week
    assert page.inner_text("#ng-period") == "2025-03-03 – 2025-03-09"
    first_week = stats(page)
    assert first_week != total
    # only the first article's facts: Ruto met Kagame, not Berg's meeting of the second week
    labels = page.evaluate("nodes.get({filter: function (n) { return !n.hidden; }}).map(function (n) { return n.label; })")
    assert "William Ruto" in labels and "Ole Berg" not in labels


def test_a_shared_url_reopens_the_same_view(page, browser):
    page.uncheck("input.ng-type[value=Place]")
    page.fill("#ng-search", "Kagame")
    page.select_option("#ng-hops", "1")
    page.click("#ng-focus")
    view, url = stats(page), page.url
    assert "#" in url
    other = browser.new_page()
    other.goto(url)
    other.wait_for_function("window.ngReady === true")
    assert stats(other) == view
    assert not other.is_checked("input.ng-type[value=Place]") and other.input_value("#ng-hops") == "1"
    other.close()


def test_isolated_actors_are_hidden_until_asked(page):
    hidden = stats(page)
    page.check("#ng-isolated")
    assert stats(page) != hidden  # « Vladimir Poutine » has no relation in these articles
    assert "Vladimir Poutine" in page.evaluate(
        "nodes.get({filter: function (n) { return !n.hidden; }}).map(function (n) { return n.label; })")


def test_how_two_actors_are_connected(page):
    page.fill("#ng-path-a", "Berg")
    page.fill("#ng-path-b", "Ruto")
    page.click("#ng-path-go")
    result = page.inner_text("#ng-path-result")
    assert result.startswith("Ole Berg — ") and result.endswith(" — William Ruto")  # e.g. « — spokespersonOf — Kenya — leaderOf — »
    on_path = page.evaluate("nodes.get({filter: function (n) { return n.borderWidth === 4; }}).map(function (n) { return n.label; })")
    assert {"Ole Berg", "William Ruto"} <= set(on_path)


@pytest.mark.parametrize("typed", ["Paul Kagame", "kagame", "KAGAME"])
def test_find_lands_on_an_actor_by_any_spelling(page, typed):
    page.fill("#ng-search", typed)
    assert page.inner_text("#ng-found") == "1 found"
    assert page.evaluate("network.getSelectedNodes().map(function (id) { return nodes.get(id).label; })") == ["Paul Kagame"]


def test_find_offers_the_closest_names_when_nothing_matches(page):
    page.fill("#ng-search", "Kagamé Paull")
    assert page.inner_text("#ng-found") == "0 found — closest: Paul Kagame"


def test_what_is_shown_exports_as_png_and_graphml(page, tmp_path):
    page.uncheck("input.ng-rel[value=met]")
    with page.expect_download() as png:
        page.click("#ng-png")
    assert png.value.suggested_filename == "newsgraph-network.png"
    assert Path(png.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as graphml:
        page.click("#ng-graphml")
    import networkx as nx
    target = tmp_path / "shown.graphml"
    graphml.value.save_as(target)
    exported = nx.read_graphml(target)
    shown = int(stats(page).split(", ")[1].split(" of ")[0])
    assert exported.number_of_edges() == shown and all(d["relation"] != "met" for *_, d in exported.edges(data=True))
