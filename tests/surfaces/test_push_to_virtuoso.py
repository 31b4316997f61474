"""`newsgraph push` into a second real store: Virtuoso Open Source (Debian's
``virtuoso-opensource``, which .ci/run installs), started on loopback with a configuration
of its own. Its Graph Store endpoint wants a digest login and keeps no default graph."""
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from graph.rdf.store import open_store
from graph.surfaces.push import without_credentials
from tests.surfaces.test_surfaces import free_port

pytestmark = pytest.mark.slow
NEWSGRAPH = str(Path(sys.executable).with_name("newsgraph"))
VIRTUOSO = shutil.which("virtuoso-t")
CONFIG = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    if VIRTUOSO is None or not CONFIG.exists():
        pytest.skip("Debian package virtuoso-opensource not installed (.ci/run installs it)")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql, http = free_port(), free_port()
    ini = CONFIG.read_text(encoding="utf-8").replace("/var/lib/virtuoso-opensource-7/db/", f"{folder}/")
    ini = re.sub(r"(\[Parameters\][^\[]*?ServerPort\s*=\s*)\d+", rf"\g<1>{sql}", ini, flags=re.S)
    ini = re.sub(r"(\[HTTPServer\][^\[]*?ServerPort\s*=\s*)\d+", rf"\g<1>{http}", ini, flags=re.S)
    (folder / "virtuoso.ini").write_text(ini, encoding="utf-8")
    server = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(folder / "virtuoso.ini")], cwd=folder,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/sparql", timeout=2).read()
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("Virtuoso did not start within 90 s")
    yield base
    server.terminate()
    server.wait(30)


def _push(built, endpoint, *options, password=None):
    env = {key: value for key, value in os.environ.items() if key != "NEWSGRAPH_PUSH_PASSWORD"}
    if password is not None:
        env["NEWSGRAPH_PUSH_PASSWORD"] = password
    return subprocess.run([NEWSGRAPH, "push", str(built), "--endpoint", endpoint, *options], capture_output=True,
                          text=True, timeout=120, env=env, stdin=subprocess.DEVNULL)


def _count(base: str) -> tuple[int, int]:
    query = ("SELECT (COUNT(DISTINCT ?g) AS ?graphs) (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } "
             "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/newsgraph/')) }")
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "text/csv"})
    row = urllib.request.urlopen(request, timeout=30).read().decode().splitlines()[1]
    graphs, triples = row.split(",")
    return int(graphs), int(triples)


def test_push_logs_in_names_the_merged_graph_and_keeps_every_triple(blank_sample_build, virtuoso):
    endpoint = f"{virtuoso}/sparql-graph-crud-auth"
    anonymous = _push(blank_sample_build, endpoint)
    assert anonymous.returncode == 1 and "wants a login" in anonymous.stderr and anonymous.stderr.count("\n") == 1
    no_default = _push(blank_sample_build, endpoint, "--user", "dba", password="dba")
    assert no_default.returncode == 1 and "--merged-graph" in no_default.stderr
    assert "not configured to have default" in no_default.stderr  # the store's own reason
    done = _push(blank_sample_build, endpoint, "--user", "dba", "--merged-graph", "https://w3id.org/newsgraph/id/merged",
                 password="dba")
    assert done.returncode == 0, done.stderr
    store = open_store(blank_sample_build)
    graphs = len(list(store.named_graphs())) + 1
    assert _count(virtuoso) == (graphs, len(store))
    assert done.stdout.strip() == f"pushed {graphs} graphs, {len(store)} triples to {endpoint}"


def test_a_password_is_never_printed(blank_sample_build, virtuoso):
    secret = "s3cr3t-never-shown"
    host = virtuoso.replace("http://", "")
    for run in (_push(blank_sample_build, f"http://dba:{secret}@{host}/sparql-graph-crud-auth"),
                _push(blank_sample_build, f"{virtuoso}/sparql-graph-crud-auth", "--user", "dba", password=secret),
                _push(blank_sample_build, f"http://dba:{secret}@127.0.0.1:9/x")):
        assert run.returncode == 1 and secret not in run.stdout + run.stderr
    assert without_credentials(f"http://dba:{secret}@127.0.0.1:8890/g?x=1") == ("http://127.0.0.1:8890/g?x=1", "dba", secret)
