"""The analyst walkthrough runs from top to bottom, so it never rots."""
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

pytestmark = [pytest.mark.model, pytest.mark.slow]
NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "walkthrough.ipynb"


def test_walkthrough_executes_and_shows_results():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = "\n".join(o.get("text", "") or str(o.get("data", {}).get("text/plain", ""))
                        for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs)
    assert "5 articles" in outputs and "0 SHACL violations" in outputs
    assert "Vladimir Poutine | Steve Witkoff" in outputs        # who met whom
    assert "envoyOf" in outputs and "Donetsk" in outputs         # roles, claims
    assert "@prefix ng:" in outputs                              # the Turtle export
