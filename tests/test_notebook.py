"""The analyst walkthrough runs from top to bottom, so it never rots."""
import html
import tempfile
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

pytestmark = [pytest.mark.model, pytest.mark.slow]
NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "walkthrough.ipynb"


def test_walkthrough_executes_and_shows_results():
    before = set(Path(tempfile.gettempdir()).glob("newsgraph-*"))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = "\n".join(o.get("text", "") or str(o.get("data", {}).get("text/plain", ""))
                        for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs)
    assert "5 articles" in outputs and "0 SHACL violations" in outputs
    assert "Vladimir Poutine | Steve Witkoff" in outputs        # who met whom
    assert "envoyOf" in outputs and "Donetsk" in outputs         # roles, claims
    assert "@prefix ng:" in outputs                              # the Turtle export
    # the page is embedded whole: a Jupyter server has nothing to serve (an absolute src gave 404)
    pages = [o["data"]["text/html"] for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs
             if "text/html" in o.get("data", {})]
    assert len(pages) == 1 and pages[0].startswith("<iframe srcdoc=") and "vis.Network" in html.unescape(pages[0])
    assert " src=" not in pages[0].split(">", 1)[0]
    assert set(Path(tempfile.gettempdir()).glob("newsgraph-*")) == before  # nothing left behind
