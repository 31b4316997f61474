"""The W3C SPARQL 1.1 Protocol query tests (``w3c_protocol_queries.tsv``), against
`newsgraph serve` and, beside it, a plain `oxigraph serve-read-only` over the same data:
newsgraph's front server must answer every request as the store's own server does, and
as the test says."""
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from tests.surfaces.test_surfaces import free_port, wait_for

pytestmark = pytest.mark.slow
TABLE = Path(__file__).with_name("w3c_protocol_queries.tsv")
NEWSGRAPH = str(Path(sys.executable).with_name("newsgraph"))
OXIGRAPH = str(Path(sys.executable).with_name("oxigraph"))
DATA = "http://kasei.us/2009/09/sparql/data/data{}.rdf"
FOAF_DOCUMENT = "http://xmlns.com/foaf/0.1/Document"
RESULTS = ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
           "text/tab-separated-values")
RDF = ("text/turtle", "application/n-triples", "application/rdf+xml", "application/n-quads", "application/trig")


def rows():
    found = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name, method, query, kind, body, expected = line.split("\t")
        found.append(pytest.param(method, query, kind, body.replace("\\n", "\n"), expected, id=name))
    return found


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    root = tmp_path_factory.mktemp("w3c")
    (root / "out").mkdir()
    store = ox.Store(str(root / "out" / "store"))
    for n in (1, 2, 3):
        graph = ox.NamedNode(DATA.format(n))
        store.add(ox.Quad(graph, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                          ox.NamedNode(FOAF_DOCUMENT), graph))
    store.flush()
    del store
    shutil.copytree(root / "out" / "store", root / "plain")
    ours, plain = free_port(), free_port()
    processes = [subprocess.Popen([NEWSGRAPH, "serve", str(root / "out"), "--port", str(ours)],
                                  stdout=subprocess.DEVNULL),
                 subprocess.Popen([OXIGRAPH, "serve-read-only", "--location", str(root / "plain"),
                                   "--bind", f"127.0.0.1:{plain}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        for port in (ours, plain):
            wait_for(f"http://127.0.0.1:{port}/")
        yield {"newsgraph": f"http://127.0.0.1:{ours}/query", "oxigraph": f"http://127.0.0.1:{plain}/query"}
    finally:
        for process in processes:
            process.terminate()
            process.wait(10)


def _ask(url: str, method: str, query: str, kind: str, body: str) -> requests.Response:
    headers = {"Content-Type": kind} if kind else {}
    data = body.removeprefix("utf16:").encode("utf-16") if body.startswith("utf16:") else body.encode()
    return requests.request(method, url + (f"?{query}" if query else ""), data=data if body else None,
                            headers={**headers, "Accept": "application/sparql-results+json, text/turtle;q=0.9, */*;q=0.1"},
                            timeout=20)


def _meets(answer: requests.Response, expected: str) -> bool:
    kind = answer.headers.get("Content-Type", "").split(";")[0].strip()
    if expected == "4xx":
        return 400 <= answer.status_code < 500
    if not 200 <= answer.status_code < 400:
        return False
    if expected == "true":
        return kind in RESULTS[:2] and (answer.json()["boolean"] is True if "json" in kind else "true" in answer.text)
    if expected == "results":
        return kind in RESULTS
    return kind in RDF


@pytest.mark.parametrize("method, query, kind, body, expected", rows())
def test_a_w3c_protocol_query_test_passes_on_newsgraph_as_on_oxigraph(servers, method, query, kind, body, expected):
    verdicts = {name: _meets(_ask(url, method, query, kind, body), expected) for name, url in servers.items()}
    assert verdicts == {"newsgraph": True, "oxigraph": True}
