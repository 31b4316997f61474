"""Analyst surfaces on a real build: query, export, the SPARQL endpoint, push to a store."""
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph
from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper
from typer.testing import CliRunner

from corpus import default_corpus
from graph.cli import app
from graph.surfaces.serve import endpoint_url

runner = CliRunner()
NEWSGRAPH = str(Path(sys.executable).with_name("newsgraph"))
OXIGRAPH = str(Path(sys.executable).with_name("oxigraph"))


@pytest.fixture(scope="module")
def built(blank_sample_build) -> Path:
    return blank_sample_build


def cli(*args) -> str:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def test_named_queries_are_listed_and_run_with_parameters(built):
    listing = cli("query", "--list")
    for name in ("who-met-whom", "roles", "neighbourhood", "claims", "evidence", "mentions", "meetings-timeline"):
        assert name in listing
    table = cli("query", built, "--name", "roles", "--param", "actor=Dmitri Peskov")
    assert "spokespersonOf | Kremlin" in table
    rows = json.loads(cli("query", built, "--name", "mentions", "--param", "actor=Kremlin", "--format", "json"))
    assert len(rows["results"]["bindings"]) == 5
    csv = cli("query", built, "SELECT ?n WHERE { ?e a ng:Person ; rdfs:label ?n } ORDER BY ?n LIMIT 2", "--format", "csv")
    assert csv.splitlines()[0] == "n" and len(csv.splitlines()) == 3


def test_listings_keep_to_their_limit(built):
    latest = json.loads(cli("query", built, "--name", "mentions", "--param", "actor=Kremlin", "--param", "limit=2",
                            "--format", "json"))["results"]["bindings"]
    assert [r["article"]["value"] for r in latest] == sorted((p.stem for p in default_corpus().glob("*.txt")), reverse=True)[:2]
    result = runner.invoke(app, ["query", str(built), "--name", "mentions", "--param", "actor=Kremlin",
                                 "--param", "limit=all"])
    assert result.exit_code == 1 and "parameter limit takes a whole number" in result.output


def test_validate_checks_the_whole_build(built):
    assert cli("validate", built).strip().endswith("0 SHACL violation(s)")


def test_a_malformed_query_gets_one_line_with_its_position(built):
    result = runner.invoke(app, ["query", str(built), "SELECT ?x WHERE { ?x ?p }"])
    assert result.exit_code == 1
    assert result.output.startswith("newsgraph: error: malformed query at line 1, column ") and result.output.count("\n") == 1


def test_an_unknown_parameter_is_refused(built):
    result = runner.invoke(app, ["query", str(built), "--name", "claims", "--param", "actor=X"])
    assert result.exit_code == 1 and "unknown parameter 'actor'" in result.output


@pytest.mark.parametrize("fmt, check", [
    ("ttl", lambda p: len(Graph().parse(p, format="turtle")) > 100),
    ("nt", lambda p: len(Graph().parse(p, format="nt")) > 100),
    ("trig", lambda p: len(list(Dataset().parse(p, format="trig").graphs())) >= 6),
    ("nq", lambda p: len(list(Dataset().parse(p, format="nquads").graphs())) >= 6),
    ("jsonld", lambda p: len(list(Dataset().parse(p, format="json-ld").quads())) > 100),
])
def test_rdf_exports_parse_back(built, tmp_path, fmt, check):
    path = tmp_path / f"export.{fmt}"
    cli("export", built, "--format", fmt, "--output", path)
    assert check(str(path))


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_exports_carry_types_relations_and_weights(built, tmp_path, fmt, reader):
    path = tmp_path / f"network.{fmt}"
    cli("export", built, "--format", fmt, "--output", path)
    graph = reader(path)
    types = {data["type"] for _, data in graph.nodes(data=True)}
    assert {"Person", "Organization", "Country", "Place"} <= types
    edges = list(graph.edges(data=True))
    assert edges and all(int(data["weight"]) >= 1 and data["relation"] for _, _, data in edges)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(url)


@pytest.fixture()
def endpoint(built):
    port = free_port()
    server = subprocess.Popen([NEWSGRAPH, "serve", str(built), "--port", str(port), "--timeout", "5"],
                              stdout=subprocess.PIPE, text=True)
    first = server.stdout.readline().strip()
    try:
        url = endpoint_url("127.0.0.1", port)
        assert first == f"SPARQL endpoint: {url}"
        wait_for(url.replace("/query", "/"))
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.slow
def test_endpoint_answers_a_real_sparql_client_by_get_and_post(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setQuery("PREFIX ng: <https://w3id.org/newsgraph/ns#> "
                    "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ng:spokespersonOf ?o } }")
    for method in ("GET", "POST"):
        client.setMethod(method)
        client.setReturnFormat(JSON)
        assert int(client.query().convert()["results"]["bindings"][0]["n"]["value"]) >= 2
    client.setMethod("GET")
    client.setReturnFormat(XML)
    assert client.query().convert().documentElement.tagName == "sparql"
    for fmt in (CSV, TSV):
        client.setReturnFormat(fmt)
        assert client.query().convert().decode().splitlines()[0].strip("?") == "n"


@pytest.mark.slow
def test_endpoint_gives_turtle_for_construct_and_refuses_updates(endpoint):
    query = urllib.parse.urlencode({"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/newsgraph/ns#Person> ; ?p ?o } LIMIT 20"})
    request = urllib.request.Request(f"{endpoint}?{query}", headers={"Accept": "text/turtle"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert "turtle" in response.headers["Content-Type"]
        assert len(Graph().parse(data=response.read().decode(), format="turtle")) > 0
    update = urllib.request.Request(endpoint.replace("/query", "/update"), method="POST",
                                    data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                                    headers={"Content-Type": "application/sparql-update"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(update, timeout=10)
    assert refused.value.code in (403, 404, 405)


@pytest.mark.slow
def test_push_loads_every_graph_into_another_store(built, tmp_path):
    port = free_port()
    target = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "target"),
                               "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/")
        output = cli("push", built, "--endpoint", f"http://127.0.0.1:{port}/store")
        assert output.startswith("pushed 6 graphs")
        client = SPARQLWrapper(f"http://127.0.0.1:{port}/query")
        client.setReturnFormat(JSON)
        client.setQuery("SELECT (COUNT(DISTINCT ?g) AS ?graphs) (COUNT(*) AS ?quads) WHERE { GRAPH ?g { ?s ?p ?o } }")
        row = client.query().convert()["results"]["bindings"][0]
        assert int(row["graphs"]["value"]) == 5
        client.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/newsgraph/ns#Person> }")
        assert int(client.query().convert()["results"]["bindings"][0]["n"]["value"]) > 5
    finally:
        target.terminate()
        target.wait(timeout=10)


@pytest.mark.slow
def test_stopping_the_endpoint_leaves_no_server_behind(built):
    port = free_port()
    server = subprocess.Popen([NEWSGRAPH, "serve", str(built), "--port", str(port)], stdout=subprocess.DEVNULL)
    url = endpoint_url("127.0.0.1", port)
    try:
        wait_for(url.replace("/query", "/"))
    finally:
        server.terminate()
        server.wait(timeout=10)
    with pytest.raises(urllib.error.URLError) as refused:  # nothing listens any more
        urllib.request.urlopen(url.replace("/query", "/"), timeout=5)
    assert not isinstance(refused.value, urllib.error.HTTPError)


@pytest.mark.slow
def test_endpoint_listens_on_localhost_unless_told(built):
    from graph.surfaces.serve import server_command
    command = server_command(built, "127.0.0.1", 7878, 30)
    assert command[command.index("--bind") + 1] == "127.0.0.1:7878"
    assert "serve-read-only" in command and command[command.index("--timeout-s") + 1] == "30"
    import inspect
    from graph.cli import serve_command
    assert inspect.signature(serve_command).parameters["host"].default.default == "127.0.0.1"


@pytest.mark.slow
def test_endpoint_stops_a_long_query_with_an_error_status(built):
    port = free_port()
    server = subprocess.Popen([NEWSGRAPH, "serve", str(built), "--port", str(port), "--timeout", "2"],
                              stdout=subprocess.DEVNULL)
    try:
        url = endpoint_url("127.0.0.1", port)
        wait_for(url.replace("/query", "/"))
        heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        started = time.monotonic()
        request = urllib.request.Request(f"{url}?{urllib.parse.urlencode({'query': heavy})}",
                                         headers={"Accept": "application/sparql-results+json"})
        with pytest.raises(urllib.error.HTTPError) as stopped:
            urllib.request.urlopen(request, timeout=120)
        elapsed = time.monotonic() - started
        assert stopped.value.code == 503 and "limit of 2 s" in stopped.value.read().decode()
        assert elapsed < 30  # 2 s asked (about 2 s here); the margin is for a loaded machine, the old bug took 97 s
        # the endpoint goes on answering (from a fresh Oxigraph server)
        small = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
        with urllib.request.urlopen(f"{url}?{small}", timeout=30) as response:
            assert json.loads(response.read())["boolean"] is True
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_on_a_busy_port_says_so_in_one_line(built):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([NEWSGRAPH, "serve", str(built), "--port", str(port)], capture_output=True,
                                text=True, timeout=60)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.strip() == (f"newsgraph: error: port {port} on 127.0.0.1 is already in use: "
                                     f"stop what runs there or choose another with --port")


def test_the_same_graph_always_gets_the_same_layout():
    from graph.surfaces.layout import layout
    graph = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("d", "e")])
    graph.add_node("alone")
    first, second = layout(graph), layout(graph.copy())
    assert first == second
    positions, communities = first
    assert positions["alone"][1] > max(y for n, (x, y) in positions.items() if n != "alone")  # below the others
    assert communities["a"] == communities["b"] == communities["c"] != communities["d"]


def test_a_deeply_nested_query_is_one_line_not_a_crash(built):
    result = runner.invoke(app, ["query", str(built), "SELECT * WHERE " + "{" * 5000 + "}" * 5000])
    assert result.exit_code == 1
    assert result.output == "newsgraph: error: the query nests brackets 5000 deep (at most 128): write it flatter\n"
    assert runner.invoke(app, ["query", str(built), "SELECT * WHERE { { ?s ?p ?o } } LIMIT 1"]).exit_code == 0


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_exports_keep_to_their_schema(built, tmp_path, fmt):
    """What the GraphML 1.0 and GEXF 1.2draft schemas ask of ids and attributes: node and
    edge ids are NMTOKENs, edge ids unique, no attribute the schema does not know; the
    weight of each relation is its number of articles, as ``ng:supportCount`` says."""
    import re as regex
    from xml.etree import ElementTree
    path = tmp_path / f"network.{fmt}"
    cli("export", built, "--format", fmt, "--output", path)
    root = ElementTree.parse(path).getroot()
    local = lambda element: element.tag.rsplit("}", 1)[-1]  # noqa: E731
    nodes = [e for e in root.iter() if local(e) == "node"]
    edges = [e for e in root.iter() if local(e) == "edge"]
    nmtoken = regex.compile(r"^[\w.:-]+$")
    assert nodes and all(nmtoken.match(n.get("id")) for n in nodes)
    assert edges and all(nmtoken.match(e.get("id")) for e in edges)
    assert len({e.get("id") for e in edges}) == len(edges)
    assert b"networkx_key" not in path.read_bytes()
    assert all("name" not in g.attrib for g in root.iter() if local(g) == "graph" and fmt == "gexf")
    from graph.rdf.store import open_store
    from ontology.namespace import PREFIXES
    store = open_store(built)
    support = {(r["s"].value, r["p"].value.rsplit("#", 1)[-1], r["o"].value): int(r["n"].value) for r in store.query(
        "SELECT ?s ?p ?o ?n WHERE { ?x rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ng:supportCount ?n }",
        prefixes=PREFIXES)}
    import networkx as nx
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    iri = {n: d["iri"] for n, d in graph.nodes(data=True)}
    for s, o, data in graph.edges(data=True):
        key = (iri[s], data["relation"], iri[o])
        back = (iri[o], data["relation"], iri[s])
        assert int(data["weight"]) == support.get(key, support.get(back)), key
