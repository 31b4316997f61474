"""Outputs are readable by the services that use them: they honour the umask."""
import os
import stat
from pathlib import Path

import pytest

from corpus import default_corpus
from graph.build import build


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_every_output_file_has_the_mode_the_umask_gives(tmp_path: Path, umask: int, mode: int):
    previous = os.umask(umask)
    try:
        build([default_corpus()], tmp_path / "out", model=None)
    finally:
        os.umask(previous)
    outputs = [p for p in (tmp_path / "out").iterdir() if p.is_file() and not p.name.startswith(".")]
    assert {p.name for p in outputs} >= {"graph.trig", "graph.ttl", "network.html", "merges.csv"}
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in outputs} == {p.name: mode for p in outputs}
