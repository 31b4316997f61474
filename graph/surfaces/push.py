"""Load a build into another graph store with the SPARQL 1.1 Graph Store HTTP Protocol.

Each article's named graph is PUT to ``ENDPOINT?graph=IRI``; the merged graph to
``ENDPOINT?default`` (or to ``?graph=IRI`` when a target graph is named). Works with
Fuseki, GraphDB, Oxigraph and any store that implements the protocol.
"""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pyoxigraph as ox

__all__ = ["PushError", "PushResult", "check_endpoint", "push"]


class PushError(RuntimeError):
    pass


@dataclass
class PushResult:
    graphs: int = 0
    triples: int = 0


def _put(url: str, body: bytes, timeout: float) -> None:
    request = urllib.request.Request(url, data=body, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            if response.status >= 300:
                raise PushError(f"{url}: HTTP {response.status}")
    except urllib.error.HTTPError as err:
        raise PushError(f"{url}: HTTP {err.code} {err.reason}") from None
    except (urllib.error.URLError, OSError) as err:
        raise PushError(f"{url}: cannot reach the store ({getattr(err, 'reason', err)})") from None


def check_endpoint(endpoint: str) -> None:
    """An http(s) URL with a host, or a :class:`PushError` that says what is expected."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PushError(f"--endpoint {endpoint!r} is not an http(s) URL: give the store's Graph Store Protocol "
                        f"address, e.g. http://localhost:3030/dataset/data")


def push(store: ox.Store, endpoint: str, *, graph: str | None = None, timeout: float = 60) -> PushResult:
    check_endpoint(endpoint)
    result = PushResult()
    separator = "&" if "?" in endpoint else "?"

    def send(target: str, source) -> None:
        body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=source)
        _put(f"{endpoint}{separator}{target}", body, timeout)
        result.graphs += 1
        result.triples += body.count(b"\n")

    for named in sorted(store.named_graphs(), key=lambda g: g.value):
        send("graph=" + urllib.parse.quote(named.value, safe=""), named)
    send("graph=" + urllib.parse.quote(graph, safe="") if graph else "default", ox.DefaultGraph())
    return result
