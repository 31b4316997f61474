"""`newsgraph serve` as third-party clients meet it: prefixes, CORS, methods, chunked
bodies, refused SERVICE and deep queries, no back-end address, a back-end that dies,
malformed requests, limits, and no process left behind."""
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import psutil
import pytest
import requests

from graph.surfaces.serve import endpoint_url
from tests.surfaces.test_surfaces import free_port, wait_for

pytestmark = pytest.mark.slow
NEWSGRAPH = str(Path(sys.executable).with_name("newsgraph"))
README_QUERY = "SELECT ?who WHERE { ?who ng:spokespersonOf ?x }"


class Served:
    def __init__(self, built: Path, *options: str):
        self.port = free_port()
        self.process = subprocess.Popen([NEWSGRAPH, "serve", str(built), "--port", str(self.port), "--timeout", "5",
                                         *options], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.url = endpoint_url("127.0.0.1", self.port)
        wait_for(self.url.replace("/query", "/"))

    def get(self, query: str, **headers):
        return requests.get(self.url, params={"query": query}, headers=headers, timeout=20)

    def backends(self) -> list[psutil.Process]:
        return [p for p in psutil.Process(self.process.pid).children() if "oxigraph" in p.name()]

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.terminate()
        _, err = self.process.communicate(timeout=20)
        return err


@pytest.fixture(scope="module")
def built(blank_sample_build):
    return blank_sample_build


@pytest.fixture()
def served(built):
    server = Served(built)
    yield server
    assert "Traceback" not in server.stop()


def test_the_readme_query_with_the_cli_prefixes_answers(served):
    answer = served.get(README_QUERY, Accept="application/sparql-results+json")
    assert answer.status_code == 200
    assert answer.json()["head"]["vars"] == ["who"]
    declared = served.get("PREFIX ng: <https://w3id.org/newsgraph/ontology#> " + README_QUERY)
    assert declared.status_code == 200


def test_cors_is_off_unless_asked_and_then_answers_preflights(served, built):
    preflight = requests.options(served.url, headers={"Origin": "http://editor.test",
                                                      "Access-Control-Request-Method": "POST"}, timeout=10)
    assert preflight.status_code == 204 and "Access-Control-Allow-Origin" not in preflight.headers
    open_server = Served(built, "--cors", "http://editor.test")
    try:
        preflight = requests.options(open_server.url, headers={"Origin": "http://editor.test",
                                                               "Access-Control-Request-Method": "POST",
                                                               "Access-Control-Request-Headers": "content-type"},
                                     timeout=10)
        assert preflight.status_code == 204
        assert preflight.headers["Access-Control-Allow-Origin"] == "http://editor.test"
        assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
        answer = open_server.get("ASK {}", Origin="http://editor.test")
        assert answer.headers["Access-Control-Allow-Origin"] == "http://editor.test"
        assert "Access-Control-Allow-Origin" not in open_server.get("ASK {}", Origin="http://other.test").headers
    finally:
        open_server.stop()


def test_head_answers_and_other_methods_get_405_with_allow(served):
    head = requests.head(served.url, params={"query": "ASK {}"}, timeout=10)
    assert head.status_code == 200 and head.content == b""
    for method in ("PUT", "DELETE", "PATCH"):
        answer = requests.request(method, served.url, timeout=10)
        assert answer.status_code == 405 and "POST" in answer.headers["Allow"]


def test_a_chunked_body_is_read_and_nothing_is_left_to_parse_as_a_second_request(served):
    body = (part.encode() for part in ["SELECT (COUNT(*) AS ?n) ", "WHERE { ?s ?p ?o }"])
    answer = requests.post(served.url, data=body, headers={"Content-Type": "application/sparql-query",
                                                           "Accept": "application/sparql-results+json"}, timeout=10)
    assert answer.status_code == 200 and int(answer.json()["results"]["bindings"][0]["n"]["value"]) > 0
    query = b"ASK {}"
    raw = (b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
           b"Transfer-Encoding: chunked\r\n\r\n" + f"{len(query):x}".encode() + b"\r\n" + query + b"\r\n0\r\n\r\n"
           b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    replies = _raw(served.port, raw)
    assert replies.count(b"HTTP/1.1 200") == 2 and b"400" not in replies.split(b"\r\n")[0]


def test_service_is_refused_with_a_400_naming_the_option(served, built):
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    answer = served.get(query)
    assert answer.status_code == 400 and "--allow-service" in answer.text and answer.text.count("\n") == 1
    assert served.get('SELECT * WHERE { ?s ?p "SERVICE" }').status_code == 200  # the word in a string is no clause
    allowed = Served(built, "--allow-service")
    try:
        assert "--allow-service" not in allowed.get(query).text
    finally:
        allowed.stop()


def test_no_answer_names_the_back_end_address(served):
    answer = served.get("CONSTRUCT { <s> <p> 1 } WHERE {}", Accept="application/n-triples")
    assert answer.status_code == 200
    assert f"127.0.0.1:{served.port}/s" in answer.text
    description = requests.get(served.url, headers={"Accept": "text/turtle"}, timeout=10).text
    ports = {int(p) for p in __import__("re").findall(r"127\.0\.0\.1:(\d+)", description)}
    assert ports <= {served.port}


def test_a_deeply_nested_query_is_refused_and_the_endpoint_lives_on(served):
    deep = "SELECT * WHERE " + "{" * 5000 + "}" * 5000
    answer = requests.post(served.url, data={"query": deep}, timeout=10)
    assert answer.status_code == 400 and "deep" in answer.text
    assert served.get("ASK {}").status_code == 200


def test_a_dead_back_end_is_replaced_at_once(served):
    [backend] = served.backends()
    backend.kill()
    backend.wait(5)
    first = served.get("ASK {}")
    assert first.status_code in (200, 502) and first.text.count("\n") <= 1
    assert served.get("ASK {}").status_code == 200
    assert len(served.backends()) == 1 and served.backends()[0].pid != backend.pid


@pytest.mark.parametrize("length, status", [("abc", 400), ("-1", 400), ("10000000000", 413)])
def test_a_malformed_or_huge_length_gets_an_error_not_a_hang(served, length, status):
    raw = (f"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
           f"Content-Length: {length}\r\nConnection: close\r\n\r\nASK {{}}").encode()
    reply = _raw(served.port, raw, seconds=20)  # a hang would end with nothing received
    assert reply.split(b"\r\n")[0].split(b" ")[1] == str(status).encode(), reply[:80]


def test_a_body_over_the_limit_gets_413(served):
    answer = requests.post(served.url, data={"query": "ASK {} #" + "x" * (2 << 20)}, timeout=20)
    assert answer.status_code == 413


def test_kill_9_on_serve_leaves_no_oxigraph_behind(built):
    server = Served(built)
    [backend] = server.backends()
    os.kill(server.process.pid, signal.SIGKILL)
    server.process.wait(10)
    deadline = time.monotonic() + 10
    while psutil.pid_exists(backend.pid) and backend.status() != psutil.STATUS_ZOMBIE and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not psutil.pid_exists(backend.pid) or backend.status() == psutil.STATUS_ZOMBIE


def test_an_address_other_than_loopback_is_said_to_be_open():
    from graph.surfaces.endpoint import Endpoint
    probe = Endpoint.__new__(Endpoint)
    for host, open_ in (("127.0.0.1", False), ("::1", False), ("localhost", False), ("0.0.0.0", True),
                        ("192.0.2.7", True)):
        probe.host = host
        assert probe.open_to_network is open_, host


def _raw(port: int, data: bytes, seconds: float = 10) -> bytes:
    """What the server sends back to ``data`` until it closes the connection (or ``seconds`` pass)."""
    with socket.create_connection(("127.0.0.1", port), timeout=seconds) as sock:
        sock.sendall(data)
        chunks = []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def test_json_and_csv_results_come_through(served):
    answer = served.get("SELECT ?a WHERE { ?a a schema:NewsArticle } LIMIT 2", Accept="text/csv")
    assert answer.status_code == 200 and answer.text.splitlines()[0] == "a"
    data = json.loads(served.get("ASK { ?s ?p ?o }", Accept="application/sparql-results+json").text)
    assert data["boolean"] is True
    assert urllib.parse.urlparse(served.url).path == "/query"


def test_an_answer_over_the_size_limit_is_refused_not_held(built):
    server = Served(built, "--max-result-mb", "1")
    try:
        big = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 200000"  # tens of MB as JSON
        answer = requests.get(server.url, params={"query": big}, headers={"Accept": "application/sparql-results+json"},
                              timeout=30)
        assert answer.status_code == 503 and "--max-result-mb" in answer.text
        assert server.get("ASK {}").status_code == 200
    finally:
        assert "Traceback" not in server.stop()


def test_a_client_that_hangs_up_early_leaves_no_trace(served):
    for _ in range(5):
        with socket.create_connection(("127.0.0.1", served.port), timeout=5) as sock:
            sock.sendall(b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                         b"Content-Length: 500\r\n\r\nSELECT")  # and gone, mid-body
    assert served.get("ASK {}").status_code == 200
