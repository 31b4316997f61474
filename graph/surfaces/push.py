"""Load a build into another graph store with the SPARQL 1.1 Graph Store HTTP Protocol.

Each article's named graph is PUT to ``ENDPOINT?graph=IRI``; the merged graph to
``ENDPOINT?default``, or to ``?graph=IRI`` when ``merged_graph`` names one (a store such as
Virtuoso keeps no default graph of its own). Works with Fuseki, GraphDB, Virtuoso,
Oxigraph and any store that implements the protocol.

A store behind a login takes ``user`` and ``password`` (or credentials written in the
URL), by basic or digest authentication, whichever it asks for. The password is never
printed: messages name the endpoint without it. A store that refuses a graph says why,
and its reason is in the one-line error.
"""
from __future__ import annotations

import html
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pyoxigraph as ox

__all__ = ["PushError", "PushResult", "check_endpoint", "push", "without_credentials"]


class PushError(RuntimeError):
    pass


@dataclass
class PushResult:
    graphs: int = 0
    triples: int = 0


def without_credentials(url: str) -> tuple[str, str | None, str | None]:
    """``url`` without the ``user:password@`` it may hold, the user and the password."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None, None
    host = parts.hostname or ""
    netloc = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port else "")
    clean = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return (clean, urllib.parse.unquote(parts.username or ""),
            urllib.parse.unquote(parts.password) if parts.password is not None else None)


def _opener(endpoint: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    if user is None:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, endpoint, user, password or "")
    return urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(passwords),
                                       urllib.request.HTTPDigestAuthHandler(passwords))


def _reason(err: urllib.error.HTTPError) -> str:
    """The store's own words for a refusal, on one line (its page's text, tags dropped)."""
    try:
        text = err.read(4096).decode("utf-8", "replace")
    except OSError:
        text = ""
    text = html.unescape(re.sub(r"<[^>]*>", " ", text))
    text = " ".join(text.split())
    return f": {text[:200]}" if text else ""


def _put(opener, url: str, shown: str, body: bytes, timeout: float) -> None:
    request = urllib.request.Request(url, data=body, method="PUT", headers={"Content-Type": "application/n-triples"})
    try:
        with opener.open(request, timeout=timeout) as response:
            if response.status >= 300:
                raise PushError(f"{shown}: HTTP {response.status}")
    except urllib.error.HTTPError as err:
        if err.code in (401, 403):
            raise PushError(f"{shown}: HTTP {err.code} {err.reason}: the store wants a login (give --user, and the "
                            f"password in NEWSGRAPH_PUSH_PASSWORD or at the prompt){_reason(err)}") from None
        raise PushError(f"{shown}: HTTP {err.code} {err.reason}{_reason(err)}") from None
    except (urllib.error.URLError, OSError) as err:
        raise PushError(f"{shown}: cannot reach the store ({getattr(err, 'reason', err)})") from None


def check_endpoint(endpoint: str) -> None:
    """An http(s) URL with a host, or a :class:`PushError` that says what is expected."""
    parts = urllib.parse.urlsplit(without_credentials(endpoint)[0])
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PushError(f"--endpoint {without_credentials(endpoint)[0]!r} is not an http(s) URL: give the store's "
                        f"Graph Store Protocol address, e.g. http://localhost:3030/dataset/data")


def push(store: ox.Store, endpoint: str, *, merged_graph: str | None = None, user: str | None = None,
         password: str | None = None, timeout: float = 60) -> PushResult:
    """Put every graph of ``store`` into the store at ``endpoint``."""
    check_endpoint(endpoint)
    endpoint, url_user, url_password = without_credentials(endpoint)
    user = user if user is not None else url_user
    password = password if password is not None else url_password
    opener = _opener(endpoint, user, password)
    result = PushResult()
    separator = "&" if "?" in endpoint else "?"

    def send(target: str, source) -> None:
        body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=source)
        url = f"{endpoint}{separator}{target}"
        _put(opener, url, url, body, timeout)
        result.graphs += 1
        result.triples += body.count(b"\n")

    for named in sorted(store.named_graphs(), key=lambda g: g.value):
        send("graph=" + urllib.parse.quote(named.value, safe=""), named)
    if merged_graph:
        send("graph=" + urllib.parse.quote(merged_graph, safe=""), ox.DefaultGraph())
    else:
        try:
            send("default", ox.DefaultGraph())
        except PushError as err:
            raise PushError(f"{err} (the store did not take the merged graph as its default graph: "
                            f"name one with --merged-graph IRI)") from None
    return result
