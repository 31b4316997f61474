"""The SPARQL endpoint an analyst runs: a small front server before Oxigraph's own.

Oxigraph's ``serve-read-only`` answers the SPARQL 1.1 Protocol (GET and POST at
``/query``, JSON, XML, CSV, TSV, Turtle; a query page at ``/``), but it checks its time
limit only now and then, so a heavy query may run for minutes, and it keeps the store it
opened for as long as it runs. The front server, which listens where the analyst asked,
adds what an analyst relies on:

- **a time limit that holds**: each answer is read whole from Oxigraph before it is
  sent; a query still running after ``timeout`` seconds gets ``503 Service Unavailable``
  with a one-line reason, never a complete-looking answer, and the Oxigraph server that
  runs it is replaced (queries in flight on it still finish);
- **rebuilds followed**: within ``poll`` seconds of a build swapping a new store in,
  queries go to a server on the new store; the old one ends once its queries are done,
  so the deleted store files it held are freed;
- **a busy port said at once**, before anything is announced.

>>> endpoint = Endpoint("out", "127.0.0.1", 0, timeout=30)  # doctest: +SKIP
>>> endpoint.serve_forever()  # doctest: +SKIP
"""
from __future__ import annotations

import errno
import http.client
import os
import signal
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from graph.rdf.store import StoreError, open_store, store_path
from graph.surfaces.serve import endpoint_url, server_command

__all__ = ["Endpoint", "EndpointError", "run_endpoint"]

_MAX_ANSWER = 1 << 30  # bytes of one answer held before it is sent
_START_SECONDS = 30  # how long an Oxigraph server may take to answer its first request
_HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
                "proxy-authorization", "proxy-authenticate", "content-length"}


class EndpointError(RuntimeError):
    """The endpoint cannot start; the message says why and what to do."""


class _Backend:
    """One Oxigraph server on a loopback port, over the store as it was when it started."""

    def __init__(self, out_dir: Path, timeout: int):
        self.identity = _store_identity(out_dir)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        command = server_command(out_dir, "127.0.0.1", self.port, timeout)
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        self.in_flight = 0
        self.lock = threading.Lock()
        self._wait_ready()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + _START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise EndpointError(f"the Oxigraph server stopped at start (exit code {self.process.returncode})")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/")
                connection.getresponse().read()
                connection.close()
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise EndpointError(f"the Oxigraph server did not answer within {_START_SECONDS} s")

    def enter(self) -> None:
        with self.lock:
            self.in_flight += 1

    def leave(self) -> None:
        with self.lock:
            self.in_flight -= 1

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _store_identity(out_dir: Path) -> tuple[int, int] | None:
    """What changes when a build swaps a new store in: the store folder's inode and time."""
    try:
        info = os.stat(store_path(out_dir))
        return info.st_ino, info.st_mtime_ns
    except OSError:
        return None


class Endpoint:
    """The front server: listens on ``host:port`` and answers from the current backend."""

    def __init__(self, out_dir: str | Path, host: str, port: int, timeout: int, poll: float = 1.0):
        self.out_dir = Path(out_dir)
        self.timeout = timeout
        self.poll = poll
        open_store(self.out_dir)  # fails clearly on a missing or damaged store
        try:
            self.server = _Server((host, port), _handler_for(self))
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                raise EndpointError(f"port {port} on {host} is already in use: stop what runs there "
                                    f"or choose another with --port") from None
            raise EndpointError(f"cannot listen on {host}:{port} ({err.strerror or err})") from None
        self.host, self.port = host, self.server.server_address[1]
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        try:
            self.current = _Backend(self.out_dir, timeout)
        except Exception:
            self.server.server_close()
            raise
        self._watcher = threading.Thread(target=self._follow_rebuilds, name="newsgraph-endpoint-watch", daemon=True)

    @property
    def url(self) -> str:
        return endpoint_url(self.host, self.port)

    def serve_forever(self) -> None:
        self._watcher.start()
        try:
            self.server.serve_forever(poll_interval=0.2)
        finally:
            self.close()

    def shutdown(self) -> None:
        """Stop serving (from another thread than the one in :meth:`serve_forever`)."""
        self.server.shutdown()

    def close(self) -> None:
        self._stopping.set()
        self.server.server_close()
        with self._lock:
            backend = self.current
        backend.stop()

    # ------------------------------------------------------------------ backends
    def backend(self) -> _Backend:
        with self._lock:
            backend = self.current
            backend.enter()
            return backend

    def replace(self, stale: _Backend) -> None:
        """Put a fresh backend in ``stale``'s place (unless that happened meanwhile) and
        retire ``stale`` once its queries are done."""
        try:
            fresh = _Backend(self.out_dir, self.timeout)
        except (EndpointError, StoreError, OSError):
            return  # the store is being swapped or is damaged: the next poll tries again
        with self._lock:
            if self.current is not stale:
                fresh.stop()
                return
            self.current = fresh
        threading.Thread(target=self._retire, args=(stale,), daemon=True).start()

    def _retire(self, backend: _Backend) -> None:
        deadline = time.monotonic() + self.timeout + 5
        while backend.in_flight > 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        backend.stop()

    def _follow_rebuilds(self) -> None:
        while not self._stopping.wait(self.poll):
            with self._lock:
                current = self.current
            identity = _store_identity(self.out_dir)
            if identity is not None and identity != current.identity:
                self.replace(current)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def _handler_for(endpoint: Endpoint) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self._forward(None)

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            self._forward(self.rfile.read(length) if length else b"")

        def _forward(self, body: bytes | None) -> None:
            backend = endpoint.backend()
            deadline = time.monotonic() + endpoint.timeout
            try:
                status, headers, answer = _ask(backend, self.command, self.path, dict(self.headers), body, deadline)
            except TimeoutError:
                backend.leave()
                threading.Thread(target=endpoint.replace, args=(backend,), daemon=True).start()
                self._fail(503, f"the query was stopped after the endpoint's limit of {endpoint.timeout} s "
                                f"(start `newsgraph serve` with a larger --timeout to allow more)")
                return
            except (OSError, http.client.HTTPException) as err:
                backend.leave()
                self._fail(502, f"the store server did not answer ({err}); try again")
                return
            backend.leave()
            self.send_response(status)
            for name, value in headers:
                if name.lower() not in _HOP_HEADERS:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def _fail(self, status: int, message: str) -> None:
            data = (message + "\n").encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server's signature)
            pass  # one line per query would drown the terminal

    return Handler


def _ask(backend: _Backend, method: str, path: str, headers: dict, body: bytes | None, deadline: float):
    """Send one request to ``backend`` and read its whole answer before ``deadline``."""
    connection = http.client.HTTPConnection("127.0.0.1", backend.port, timeout=max(0.1, deadline - time.monotonic()))
    try:
        sent = {k: v for k, v in headers.items() if k.lower() not in _HOP_HEADERS and k.lower() != "host"}
        connection.request(method, path, body=body, headers=sent)
        response = _before(deadline, connection.getresponse)
        chunks, size = [], 0
        while True:
            connection.sock.settimeout(max(0.05, deadline - time.monotonic()))
            chunk = _before(deadline, response.read, 1 << 16)
            if not chunk:
                break
            size += len(chunk)
            if size > _MAX_ANSWER:
                raise TimeoutError  # an answer this large is a runaway query too
            chunks.append(chunk)
        return response.status, response.getheaders(), b"".join(chunks)
    finally:
        connection.close()


def _before(deadline: float, read, *args):
    if time.monotonic() > deadline:
        raise TimeoutError
    try:
        return read(*args)
    except (socket.timeout, TimeoutError):
        raise TimeoutError from None


def run_endpoint(out_dir: str | Path, host: str, port: int, timeout: int) -> None:
    """Serve until Ctrl-C or a termination signal; the Oxigraph servers stop with it."""
    endpoint = Endpoint(out_dir, host, port, timeout)
    print(f"SPARQL endpoint: {endpoint.url}", flush=True)
    print(f"query page:      {endpoint.url[:-len('query')]}", flush=True)

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        endpoint.serve_forever()
    except KeyboardInterrupt:
        pass
