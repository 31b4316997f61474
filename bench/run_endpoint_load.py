"""Concurrent analysts on the endpoint, during a rebuild.

    python bench/run_endpoint_load.py                 # the 10,000-article store
    python bench/run_endpoint_load.py --articles 1000 --clients 16 --timeout 2

Builds a SYNTHETIC corpus (bench/synthetic.py) with `newsgraph build --jobs 2`, starts
`newsgraph serve` on it, then, while a second build adds 1 % more articles and swaps its
store in, 16 clients (``--clients``) each send 50 named queries (every named query in turn,
with its example parameters) over HTTP to an endpoint started with ``--timeout``. Printed:
errors (must be 0), median, p95 and p99 latency,
queries per second, and whether the endpoint answered from the new store afterwards.
The last line is the same as JSON.
"""
from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synthetic import write_corpus  # noqa: E402

NEWSGRAPH = str(Path(sys.executable).with_name("newsgraph"))
CLIENTS = 16
QUERIES_PER_CLIENT = 50
ARTICLES_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a a schema:NewsArticle }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ask(url: str, sparql: str) -> bytes:
    request = urllib.request.Request(f"{url}?{urllib.parse.urlencode({'query': sparql})}",
                                     headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.read()
    except urllib.error.HTTPError as err:  # the endpoint's one-line reason, with its status
        reason = err.read().decode("utf-8", "replace").strip()
        raise urllib.error.URLError(f"HTTP {err.code}: {reason}") from None


def articles_answered(url: str) -> int:
    """How many articles the endpoint's store holds (-1 when it does not answer)."""
    from ontology.namespace import PREFIXES
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    try:
        return int(json.loads(ask(url, prologue + ARTICLES_COUNT))["results"]["bindings"][0]["n"]["value"])
    except (urllib.error.URLError, OSError) as err:
        print(f"count query failed: {err}", flush=True)
        return -1


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--timeout", type=int, default=30, help="the endpoint's --timeout, in seconds")
    args = parser.parse_args()
    clients = args.clients
    from graph.surfaces.query import bind_parameters, named_queries
    from ontology.namespace import PREFIXES
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    queries = [prologue + bind_parameters(q.text, q.examples, declared=q.params) for q in named_queries().values()]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus, extra = work / "corpus", work / "extra"
        write_corpus(corpus, args.articles)
        added = write_corpus(extra, max(1, args.articles // 100), seed=99)
        out = work / "out"
        started = time.perf_counter()
        subprocess.run([NEWSGRAPH, "build", str(corpus), "--out", str(out), "--jobs", "2"], check=True,
                       stdout=subprocess.DEVNULL)
        print(f"built {args.articles} articles in {time.perf_counter() - started:.0f} s", flush=True)
        port = free_port()
        url = f"http://127.0.0.1:{port}/query"
        server = subprocess.Popen([NEWSGRAPH, "serve", str(out), "--port", str(port), "--timeout", str(args.timeout)],
                                  stdout=subprocess.PIPE, text=True)
        try:
            server.stdout.readline()
            before = articles_answered(url)
            for i, path in enumerate(added):
                path.rename(corpus / f"added_{i:06d}.txt")
            rebuild = subprocess.Popen([NEWSGRAPH, "build", str(corpus), "--out", str(out), "--jobs", "2"],
                                       stdout=subprocess.DEVNULL)
            latencies: list[float] = []
            errors: list[str] = []
            lock = threading.Lock()

            def client(number: int) -> None:
                for k in range(QUERIES_PER_CLIENT):
                    sparql = queries[(number + k) % len(queries)]
                    t0 = time.perf_counter()
                    try:
                        ask(url, sparql)
                        with lock:
                            latencies.append(time.perf_counter() - t0)
                    except (urllib.error.URLError, OSError) as err:
                        with lock:
                            errors.append(f"{type(err).__name__}: {err}")

            t0 = time.perf_counter()
            threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - t0
            rebuild_during = rebuild.poll() is None
            rebuild.wait()
            deadline = time.monotonic() + 30
            after = articles_answered(url)
            while after in (before, -1) and time.monotonic() < deadline:
                time.sleep(0.5)
                after = articles_answered(url)
        finally:
            server.terminate()
            server.wait(timeout=30)
    latencies.sort()
    figures = {"articles": args.articles, "clients": clients, "timeout_s": args.timeout,
               "queries": clients * QUERIES_PER_CLIENT,
               "errors": len(errors), "first_errors": errors[:3],
               "median_ms": 1000 * statistics.median(latencies) if latencies else None,
               "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))] if latencies else None,
               "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))] if latencies else None,
               "queries_per_s": len(latencies) / elapsed, "rebuild_still_running_at_the_end": rebuild_during,
               "articles_before": before, "articles_after": after}
    print(f"{figures['queries']} queries from {clients} clients during a rebuild: {figures['errors']} errors, "
          f"median {figures['median_ms']:.0f} ms, p95 {figures['p95_ms']:.0f} ms, p99 {figures['p99_ms']:.0f} ms, "
          f"{figures['queries_per_s']:.1f} queries/s; articles answered {before} -> {after}")
    print(json.dumps(figures))
    return 0 if not errors and after > before else 1


if __name__ == "__main__":
    sys.exit(main())
