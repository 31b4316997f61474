"""`newsgraph serve` and `newsgraph watch` running together on one folder, as an analyst
runs them: the endpoint answers from each new build, and keeps no deleted store open."""
import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from graph.surfaces.serve import endpoint_url
from tests.runtime.test_incremental import TEXTS, corpus_of
from tests.surfaces.test_surfaces import free_port, wait_for

pytestmark = [pytest.mark.slow, pytest.mark.model]

NEWSGRAPH = str(Path(sys.executable).with_name("newsgraph"))
COUNT = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def graphs(url: str) -> int:
    request = urllib.request.Request(f"{url}?{urllib.parse.urlencode({'query': COUNT})}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(json.loads(response.read())["results"]["bindings"][0]["n"]["value"])


def deleted_files_held(pid: int, folder: Path) -> list[str]:
    """Deleted files under ``folder`` that ``pid`` or its children hold open."""
    pids = [pid] + [int(p) for p in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True,
                                                   text=True).stdout.split()]
    held = []
    for p in pids:
        try:
            for fd in os.listdir(f"/proc/{p}/fd"):
                target = os.readlink(f"/proc/{p}/fd/{fd}")
                if target.startswith(str(folder)) and target.endswith("(deleted)"):
                    held.append(target)
        except OSError:
            continue
    return held


def wait_until(check, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.5)
    return False


def test_the_endpoint_answers_from_each_rebuild_of_watch(tmp_path: Path):
    corpus = corpus_of(tmp_path, {"a1": TEXTS["a1"]})
    out = tmp_path / "out"
    watcher = subprocess.Popen([NEWSGRAPH, "watch", str(corpus), "--out", str(out), "--interval", "0.3"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    server = None
    try:
        for line in watcher.stdout:  # the first build is done when the model is said ready
            if line.startswith("--- model ready"):
                break
        port = free_port()
        url = endpoint_url("127.0.0.1", port)
        server = subprocess.Popen([NEWSGRAPH, "serve", str(out), "--port", str(port)], stdout=subprocess.DEVNULL)
        wait_for(url.replace("/query", "/"))
        assert graphs(url) == 1
        for step, name in enumerate(("a2", "a3"), start=2):
            (corpus / f"{name}.txt").write_text(TEXTS[name], encoding="utf-8")
            assert wait_until(lambda: graphs(url) == step, 90), f"the endpoint never answered {step} graphs"
        # the old stores' files are let go once their servers are retired
        assert wait_until(lambda: not deleted_files_held(server.pid, out), 30), deleted_files_held(server.pid, out)
    finally:
        for process in (server, watcher):
            if process is not None:
                process.terminate()
                process.wait(timeout=20)
