"""`fetch` against a hostile local server (aiohttp, on 127.0.0.1 only): a page that drips
a byte at a time is cut off at its deadline, redirects go to http(s) only and never to a
private address of another host, and a redirect loop is one line. Nothing is sent beyond
loopback: a redirect to a private address is refused before any connection."""
import asyncio
import socket
import threading
import time

import pytest
from aiohttp import web

from graph.sources.fetch import FetchError, http_get

PAGE = "<html><body><p>Dmitri Peskov a parlé jeudi.</p></body></html>"


class Hostile:
    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.started = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        self.started.wait(10)

    def _run(self):
        asyncio.set_event_loop(self.loop)
        app = web.Application()

        async def drip(request):
            response = web.StreamResponse(headers={"Content-Type": "text/html"})
            await response.prepare(request)
            for _ in range(60):
                await response.write(b"<")
                await asyncio.sleep(0.5)
            return response

        async def redirect(request):
            raise web.HTTPFound({"ftp": "ftp://127.0.0.1/x", "private": "http://10.255.255.1/x", "loop": "/loop",
                                 "same": "/page"}[request.match_info["to"]])

        async def page(request):
            return web.Response(text=PAGE, content_type="text/html")

        async def loop(request):
            raise web.HTTPFound("/loop")

        app.router.add_get("/drip", drip)
        app.router.add_get("/to/{to}", redirect)
        app.router.add_get("/loop", loop)
        app.router.add_get("/page", page)
        self.runner = web.AppRunner(app)
        self.loop.run_until_complete(self.runner.setup())
        sock = socket.create_server(("127.0.0.1", 0))
        self.loop.run_until_complete(web.SockSite(self.runner, sock).start())
        self.base = f"http://127.0.0.1:{sock.getsockname()[1]}"
        self.started.set()
        self.loop.run_forever()

    def close(self):
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


@pytest.fixture(scope="module")
def hostile():
    server = Hostile()
    yield server
    server.close()


def test_a_dripping_page_is_cut_off_at_its_deadline(hostile):
    started = time.monotonic()
    with pytest.raises(FetchError, match="did not arrive whole within 2 s"):
        http_get(hostile.base + "/drip", timeout=2, retries=0)
    assert time.monotonic() - started < 25  # the page drips for 30 s: cut off, not waited for


@pytest.mark.parametrize("to, reason", [("ftp", "redirected to a ftp: URL, not followed"),
                                        ("private", "redirected to a private address (10.255.255.1), not followed "
                                                    "(--allow-private follows it)"),
                                        ("loop", "redirected in a loop or more than 5 times, not followed")])
def test_a_redirect_that_is_not_followed_is_one_line(hostile, to, reason):
    with pytest.raises(FetchError) as caught:
        http_get(f"{hostile.base}/to/{to}", timeout=5, retries=0)
    assert str(caught.value) == f"{hostile.base}/to/{to}: {reason}"


def test_a_redirect_on_the_same_host_is_followed(hostile):
    assert http_get(f"{hostile.base}/to/same", timeout=5, retries=0).decode() == PAGE
