"""The SPARQL endpoint an analyst runs: a front server (aiohttp) before Oxigraph's own.

Oxigraph's ``serve-read-only`` answers the SPARQL 1.1 Protocol (GET and POST at
``/query``, JSON, XML, CSV, TSV, Turtle; a query page at ``/``). The front server listens
where the analyst asked, speaks HTTP/1.1 through aiohttp (keep-alive, chunked bodies,
HEAD, OPTIONS, ``405`` with ``Allow``, a real listen backlog, ``400`` for malformed
requests) and adds what an analyst, and a network it is open to, rely on:

- **newsgraph's prefixes** (``ng:``, ``schema:``...) known as they are to ``newsgraph query``;
- **no door opened**: ``SERVICE`` refused unless ``--allow-service``; queries too long or
  nested too deep (they crash Oxigraph's parser) refused with ``400`` before they reach it;
  a request body over 1 MB refused with ``413``; the client's ``Host`` passed on, so no
  answer names the back-end's loopback address;
- **a time limit that holds**: an answer not complete after ``timeout`` seconds gets
  ``503`` with a one-line reason (or, once streaming, is cut off, never complete-looking),
  and its back-end is replaced; an answer over ``max_result_mb`` is refused the same way;
  memory stays bounded: answers are held up to 8 MB, then streamed;
- **back-ends that come back**: one that dies (a query that crashed it, a ``kill -9``) is
  replaced at once, and the query that killed it gets one ``502`` line; rebuilds are
  followed (:mod:`graph.surfaces.backends`);
- **CORS** for browser SPARQL editors (YASGUI...) with ``--cors [ORIGIN…]``, off by default.

>>> endpoint = Endpoint("out", "127.0.0.1", 0, timeout=30)  # doctest: +SKIP
>>> endpoint.serve_forever()  # doctest: +SKIP
"""
from __future__ import annotations

import asyncio
import errno
import ipaddress
import logging
import signal
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
from aiohttp import web

from graph.rdf.store import open_store
from graph.surfaces.backends import Backend, Backends, EndpointError
from graph.surfaces.serve import endpoint_url
from graph.surfaces.sparql_guard import QueryRefused, check_query, with_prefixes

__all__ = ["Endpoint", "EndpointError", "run_endpoint", "MAX_BODY_BYTES"]

MAX_BODY_BYTES = 1 << 20  # a request body larger than this is refused (413)
_HELD_BYTES = 8 << 20  # an answer up to this size is sent whole, with its status; larger ones stream
_BACKLOG = 1024
_HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization",
                "proxy-authenticate", "content-length", "host", "content-encoding", "server", "date"}
_FORWARDED_REQUEST_HEADERS = ("accept", "accept-language", "content-type", "user-agent")
_METHODS = "GET, HEAD, POST, OPTIONS"


class Endpoint:
    """The front server: listens on ``host:port`` and answers from the current back-end."""

    def __init__(self, out_dir: str | Path, host: str, port: int, timeout: int, poll: float = 1.0, *,
                 cors: list[str] | None = None, allow_service: bool = False, max_result_mb: int = 256):
        self.out_dir = Path(out_dir)
        self.timeout = timeout
        self.cors = cors  # None: off; []: any origin; else the origins allowed
        self.allow_service = allow_service
        self.max_result = max_result_mb << 20
        open_store(self.out_dir)  # fails clearly on a missing or damaged store
        self.sock = _listen(host, port)
        self.host, self.port = host, self.sock.getsockname()[1]
        try:
            self.backends = Backends(self.out_dir, timeout, poll)
        except Exception:
            self.sock.close()
            raise
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._started = threading.Event()

    @property
    def url(self) -> str:
        return endpoint_url(self.host, self.port)

    @property
    def open_to_network(self) -> bool:
        try:
            return not ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return self.host != "localhost"

    # ------------------------------------------------------------------ running
    def serve_forever(self) -> None:
        """Serve until :meth:`shutdown` (or Ctrl-C in the caller)."""
        try:
            asyncio.run(self._serve())
        finally:
            self.close()

    async def _serve(self) -> None:
        self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
        app = web.Application(client_max_size=MAX_BODY_BYTES, middlewares=[self._errors])
        app.router.add_get("/query", self._query, allow_head=True)
        app.router.add_post("/query", self._query)
        app.router.add_get("/", self._page, allow_head=True)
        app.router.add_route("OPTIONS", "/{tail:.*}", self._options)
        app.on_response_prepare.append(self._cors_headers)
        # one connection per query to the back-end, as many as the clients' (measured: keeping
        # them alive gained nothing under load, bench/run_endpoint_load.py)
        connector = aiohttp.TCPConnector(force_close=True, limit=0)
        async with aiohttp.ClientSession(connector=connector, auto_decompress=False,
                                         timeout=aiohttp.ClientTimeout(total=None)) as session:
            self._session = session
            runner = web.AppRunner(app, access_log=None, handle_signals=False)
            await runner.setup()
            await web.SockSite(runner, self.sock, backlog=_BACKLOG).start()
            self._started.set()
            try:
                await self._stop.wait()
            finally:
                await runner.cleanup()

    def shutdown(self) -> None:
        """Stop serving (from another thread than the one in :meth:`serve_forever`)."""
        self._started.wait(10)
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)

    def close(self) -> None:
        self.backends.close()
        self.sock.close()

    # ------------------------------------------------------------------ requests
    @web.middleware
    async def _errors(self, request: web.Request, handler):
        if (request.content_length or 0) > MAX_BODY_BYTES:  # said before it is sent: refused before it is read
            response = _line(413, f"the request body is larger than {MAX_BODY_BYTES >> 20} MB")
            response.force_close()
            await response.prepare(request)
            await response.write_eof()
            if request.transport is not None:
                request.transport.close()  # the body it announced is not waited for
            return response
        try:
            return await handler(request)
        except web.HTTPRequestEntityTooLarge:
            return _line(413, f"the request body is larger than {MAX_BODY_BYTES >> 20} MB")
        except web.HTTPException as err:
            if err.status == 405:
                return _line(405, f"{request.method} is not a SPARQL protocol method here (allowed: {_METHODS})",
                             headers={"Allow": _METHODS})
            raise

    async def _options(self, request: web.Request) -> web.Response:
        return web.Response(status=204, headers={"Allow": _METHODS})

    async def _cors_headers(self, request: web.Request, response: web.StreamResponse) -> None:
        origin = request.headers.get("Origin")
        if self.cors is None or origin is None or (self.cors and origin not in self.cors):
            return
        response.headers["Access-Control-Allow-Origin"] = origin if self.cors else "*"
        response.headers["Vary"] = "Origin"
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = _METHODS
            response.headers["Access-Control-Allow-Headers"] = request.headers.get(
                "Access-Control-Request-Headers", "Accept, Content-Type")
            response.headers["Access-Control-Max-Age"] = "600"

    async def _page(self, request: web.Request) -> web.StreamResponse:
        return await self._forward(request, "GET", "/", None, {})

    async def _query(self, request: web.Request) -> web.StreamResponse:
        if request.method in ("GET", "HEAD"):
            pairs = list(request.query.items())
            pairs, refused = self._guard(pairs)
            if refused is not None:
                return refused
            return await self._forward(request, "GET", "/query?" + urlencode(pairs), None, {})
        kind = request.content_type
        if kind == "application/x-www-form-urlencoded":
            pairs = list((await request.post()).items())
            pairs, refused = self._guard(pairs)
            if refused is not None:
                return refused
            pairs += [item for item in request.query.items()]
            body = urlencode(pairs).encode()
            return await self._forward(request, "POST", "/query", body, {"Content-Type": kind})
        body = await request.read()
        if kind == "application/sparql-query":
            if (request.charset or "utf-8").lower().replace("_", "-") not in ("utf-8", "utf8"):
                return _line(400, f"a query is sent in UTF-8 (SPARQL 1.1 Protocol), not {request.charset}")
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError:
                return _line(400, "the query is not valid UTF-8")
            [(_, text)], refused = self._guard([("query", text)])
            if refused is not None:
                return refused
            body = text.encode("utf-8")
        return await self._forward(request, "POST", "/query" + (f"?{request.query_string}" if request.query_string else ""),
                                   body, {"Content-Type": request.headers.get("Content-Type", "")})

    def _guard(self, pairs: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], web.Response | None]:
        """The request's parameters with each query checked and given newsgraph's prefixes."""
        guarded = []
        for key, value in pairs:
            if key == "query":
                try:
                    check_query(value, allow_service=self.allow_service)
                except QueryRefused as err:
                    return pairs, _line(400, str(err))
                value = with_prefixes(value)
            guarded.append((key, value))
        return guarded, None

    async def _forward(self, request: web.Request, method: str, path: str, body: bytes | None,
                       extra: dict[str, str]) -> web.StreamResponse:
        deadline = time.monotonic() + self.timeout
        headers = {name: value for name, value in request.headers.items() if name.lower() in _FORWARDED_REQUEST_HEADERS}
        headers.update(extra)
        headers["Host"] = request.host  # answers then speak of this endpoint, never of the back-end's address
        with self.backends.lease() as backend:
            try:
                return await asyncio.wait_for(self._relay(request, backend, method, path, body, headers, deadline),
                                              timeout=max(0.1, deadline - time.monotonic()))
            except asyncio.TimeoutError:
                self._replace_soon(backend)
                return _line(503, f"the query was stopped after the endpoint's limit of {self.timeout} s "
                                  f"(start `newsgraph serve` with a larger --timeout to allow more)")
            except _TooLarge:
                self._replace_soon(backend)
                return _line(503, f"the answer is larger than the endpoint's limit of {self.max_result >> 20} MB "
                                  f"(add a LIMIT, or start `newsgraph serve` with a larger --max-result-mb)")
            except (aiohttp.ClientError, OSError) as err:
                if not backend.alive:
                    await asyncio.get_running_loop().run_in_executor(None, self.backends.replace, backend)
                    return _line(502, "the store server stopped while answering this query (a query it cannot "
                                      "handle?); it has been restarted, other queries go on")
                return _line(502, f"the store server did not answer ({type(err).__name__}); try again")

    def _replace_soon(self, backend: Backend) -> None:
        threading.Thread(target=self.backends.replace, args=(backend,), daemon=True).start()

    async def _relay(self, request: web.Request, backend: Backend, method: str, path: str, body: bytes | None,
                     headers: dict[str, str], deadline: float) -> web.StreamResponse:
        url = f"http://127.0.0.1:{backend.port}{path}"
        async with self._session.request(method, url, data=body, headers=headers, allow_redirects=False) as answer:
            kept = [(name, value) for name, value in answer.headers.items() if name.lower() not in _HOP_HEADERS]
            held, size = [], 0
            async for chunk in answer.content.iter_chunked(1 << 16):
                size += len(chunk)
                if size > self.max_result:
                    raise _TooLarge
                held.append(chunk)
                if size > _HELD_BYTES:
                    return await self._stream(request, answer, kept, held, size)
            response = web.Response(status=answer.status, body=b"".join(held))
            for name, value in kept:
                response.headers.add(name, value)
            return response

    async def _stream(self, request: web.Request, answer, kept, held: list[bytes], size: int) -> web.StreamResponse:
        """Send a large answer as it comes: past the limits it is cut off, so that a client
        never takes a partial answer for a whole one."""
        response = web.StreamResponse(status=answer.status)
        for name, value in kept:
            response.headers.add(name, value)
        response.enable_chunked_encoding()
        await response.prepare(request)
        for chunk in held:
            await response.write(chunk)
        try:
            async for chunk in answer.content.iter_chunked(1 << 16):
                size += len(chunk)
                if size > self.max_result:
                    raise _TooLarge
                await response.write(chunk)
        except (_TooLarge, asyncio.CancelledError):
            if request.transport is not None:
                request.transport.abort()  # no final chunk: the client sees an incomplete answer
            raise
        await response.write_eof()
        return response


class _TooLarge(Exception):
    """An answer over the endpoint's size limit."""


def _line(status: int, message: str, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(status=status, text=message + "\n", content_type="text/plain", charset="utf-8",
                        headers=headers)


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, made here so that a busy port is said at once, before anything runs."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family, backlog=_BACKLOG, reuse_port=False)
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            raise EndpointError(f"port {port} on {host} is already in use: stop what runs there "
                                f"or choose another with --port") from None
        raise EndpointError(f"cannot listen on {host}:{port} ({err.strerror or err})") from None


def run_endpoint(out_dir: str | Path, host: str, port: int, timeout: int, *, cors: list[str] | None = None,
                 allow_service: bool = False, max_result_mb: int = 256) -> None:
    """Serve until Ctrl-C or a termination signal; the Oxigraph servers stop with it."""
    for name in ("aiohttp.server", "aiohttp.web", "aiohttp.access", "asyncio"):
        logging.getLogger(name).setLevel(logging.CRITICAL)  # a client's malformed request is its 400, not a traceback here
    endpoint = Endpoint(out_dir, host, port, timeout, cors=cors, allow_service=allow_service,
                        max_result_mb=max_result_mb)
    print(f"SPARQL endpoint: {endpoint.url}", flush=True)
    print(f"query page:      {endpoint.url[:-len('query')]}", flush=True)
    if endpoint.open_to_network:
        print(f"note: listening on {host}: the endpoint is open to the network (read-only; SERVICE "
              f"{'allowed' if allow_service else 'refused'})", flush=True)

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        endpoint.serve_forever()
    except KeyboardInterrupt:
        pass
