"""The network page driven as an analyst drives it: Playwright (PyPI) on Debian's chromium.

`playwright install` downloads nothing here: the browser is /usr/bin/chromium (`.ci/run`
installs the Debian package)."""
import shutil
from pathlib import Path

import pytest

from corpus import default_corpus
from graph.build import build

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian package chromium not installed (.ci/run installs it)")]


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    playwright = pytest.importorskip("playwright.sync_api")
    out = tmp_path_factory.mktemp("page")
    build([default_corpus()], out, model=None)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        tab = browser.new_page()
        tab.goto((out / "network.html").as_uri())
        tab.wait_for_function("typeof network !== 'undefined' && nodes.length > 0")
        yield tab
        browser.close()


def selected_labels(tab) -> list[str]:
    return tab.evaluate("network.getSelectedNodes().map(function (id) { return nodes.get(id).label; })")


@pytest.mark.parametrize("typed", ["Vladimir Poutine", "poutine", "Putin", "POUTINE"])
def test_find_lands_on_an_actor_by_any_spelling(page, typed):
    page.fill("#ng-search", typed)
    assert page.inner_text("#ng-found") == "1 found"
    assert selected_labels(page) == ["Vladimir Poutine"]


def test_find_says_when_nothing_matches_and_offers_the_closest_names(page):
    page.fill("#ng-search", "Zorglub")
    assert page.inner_text("#ng-found") == "0 found"
    page.fill("#ng-search", "Poutinne")
    assert page.inner_text("#ng-found").startswith("0 found — closest: Vladimir Poutine")
