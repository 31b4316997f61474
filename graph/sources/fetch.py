"""Download article pages politely into a corpus folder, once, so that builds stay offline.

Each page is saved as it came (raw HTML, ``<host>-<path>-<hash>.html``) and recorded in
the folder's ``catalogue.csv`` with its URL and fetch time (and the date and outlet a feed
gave, if any); the page's own title, date and outlet are read at build time
(:mod:`corpus.html_reader`). A URL already in the catalogue is not fetched again.

Politeness: a user agent that names newsgraph, a timeout, one retry (after a pause) for a
time-out, a refused connection or a server error, at most ``concurrency`` requests at
once, and a size limit. A 404, a time-out, an answer that is not HTML or a page over the
limit is reported in one line; the other URLs go on.

Safety: a page must arrive whole within its timeout (a server sending a byte now and then
is cut off, not waited for); redirects go to http(s) only, at most 5 of them, and never
to a loopback, private or link-local address on another host than the one asked
(unless ``allow_private``): a feed item cannot make newsgraph reach a machine of the
local network. A redirect loop is one line.

>>> [r.error for r in fetch_urls(["not a url"], "/tmp/newsgraph-doctest")]  # doctest: +SKIP
["'not a url' is not an http(s) URL"]
"""
from __future__ import annotations

import csv
import hashlib
import http.client
import io
import ipaddress
import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from corpus.catalogue import CATALOGUE_NAME, COLUMNS
from graph.runtime.atomic_files import write_atomic

__all__ = ["Fetched", "USER_AGENT", "fetch_urls", "read_url_list", "http_get", "FetchError"]

try:
    _VERSION = version("newsgraph")
except PackageNotFoundError:  # run from a checkout that is not installed
    _VERSION = "dev"
USER_AGENT = f"newsgraph/{_VERSION} (knowledge graphs of news articles; a few requests at a time)"
MAX_PAGE_BYTES = 4 * 2**20
TIMEOUT_S = 20.0
RETRY_PAUSE_S = 1.0
CONCURRENCY = 4
_HTML_TYPES = ("text/html", "application/xhtml+xml")


class FetchError(RuntimeError):
    """One URL that could not be fetched; the message is the one-line reason."""


@dataclass(frozen=True)
class Fetched:
    url: str
    file: Path | None = None   # where the page was saved (None: not saved)
    error: str | None = None   # why not, in one line
    known: bool = False        # already in the catalogue: not fetched again


def http_get(url: str, *, accept: tuple[str, ...] | None = _HTML_TYPES, timeout: float = TIMEOUT_S,
             max_bytes: int = MAX_PAGE_BYTES, retries: int = 1, allow_private: bool = False) -> bytes:
    """The body at ``url`` (its content type one of ``accept``, if given), or a :class:`FetchError`."""
    for attempt in range(retries + 1):
        try:
            return _get_once(url, accept, timeout, max_bytes, allow_private)
        except _Retryable as err:
            if attempt == retries:
                raise FetchError(f"{url}: {err}") from None
            time.sleep(RETRY_PAUSE_S)
    raise AssertionError("unreachable")


class _Retryable(Exception):
    pass


MAX_REDIRECTS = 5


def _private(host: str) -> bool:
    """Whether ``host`` is, or resolves to, a loopback, private, link-local or reserved address."""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError):
        return False  # unresolvable: the request fails on its own, in one line
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_reserved or ip.is_multicast \
                or ip.is_unspecified:
            return True
    return False


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Redirects to http(s) only, at most :data:`MAX_REDIRECTS`, never to a private address
    of another host than the one first asked (unless allowed)."""

    max_redirections = MAX_REDIRECTS

    def __init__(self, first_host: str, allow_private: bool):
        super().__init__()
        self.first_host, self.allow_private = first_host, allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        parts = urllib.parse.urlsplit(newurl)
        if parts.scheme not in ("http", "https"):
            raise FetchError(f"{req.full_url}: redirected to a {parts.scheme or 'relative'}: URL, not followed")
        host = parts.hostname or ""
        if not self.allow_private and host != self.first_host and _private(host):
            raise FetchError(f"{req.full_url}: redirected to a private address ({host}), not followed "
                             f"(--allow-private follows it)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _get_once(url: str, accept, timeout: float, max_bytes: int, allow_private: bool = False) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                   "Accept": "text/html,application/xhtml+xml,*/*;q=0.5"})
    opener = urllib.request.build_opener(_Redirects(urllib.parse.urlsplit(url).hostname or "", allow_private))
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            if accept and kind not in accept:
                raise FetchError(f"{url}: not an HTML page ({kind})")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"{url}: page too large ({int(declared) / 2**20:.1f} MB; at most "
                                 f"{max_bytes / 2**20:.0f} MB)")
            chunks, size = [], 0
            while chunk := response.read1(1 << 16):  # what one read brings: a drip is seen as one
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{url}: page too large (over {max_bytes / 2**20:.0f} MB)")
                if time.monotonic() > deadline:
                    raise _Retryable(f"the page did not arrive whole within {timeout:g} s")
                chunks.append(chunk)
            return b"".join(chunks)
    except urllib.error.HTTPError as err:
        if err.code in (301, 302, 303, 307, 308):
            raise FetchError(f"{url}: redirected in a loop or more than {MAX_REDIRECTS} times, not followed") from None
        if err.code >= 500 or err.code == 429:
            raise _Retryable(f"HTTP {err.code} {err.reason}") from None
        raise FetchError(f"{url}: HTTP {err.code} {err.reason}") from None
    except (socket.timeout, TimeoutError):
        raise _Retryable(f"no answer within {timeout:g} s") from None
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, (socket.timeout, TimeoutError)):
            raise _Retryable(f"no answer within {timeout:g} s") from None
        raise _Retryable(f"cannot connect ({getattr(reason, 'strerror', None) or reason})") from None
    except (ConnectionError, http.client.HTTPException) as err:
        raise _Retryable(f"connection broken ({type(err).__name__})") from None


def read_url_list(path: str | Path) -> list[str]:
    """The URLs of a list file: one per line; blank lines and ``#`` comments skipped."""
    text = Path(path).read_text(encoding="utf-8-sig")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def fetch_urls(urls: Iterable[str], into: str | Path, *, details: Mapping[str, Mapping[str, str]] | None = None,
               concurrency: int = CONCURRENCY, timeout: float = TIMEOUT_S,
               max_bytes: int = MAX_PAGE_BYTES, allow_private: bool = False) -> Iterator[Fetched]:
    """Fetch each URL not yet in ``into``'s catalogue and save it there; yields one
    :class:`Fetched` per URL as it is done. ``details`` may give a URL's ``published`` date
    and ``outlet`` (from a feed), written to the catalogue."""
    into = Path(into)
    into.mkdir(parents=True, exist_ok=True)
    rows = _catalogue_rows(into)
    known = {row.get("url") for row in rows}
    todo: list[str] = []
    for url in dict.fromkeys(u.strip() for u in urls):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            yield Fetched(url, error=f"{url!r} is not an http(s) URL")
        elif url in known:
            yield Fetched(url, known=True)
        else:
            todo.append(url)
    with ThreadPoolExecutor(max(1, concurrency), thread_name_prefix="newsgraph-fetch") as pool:
        done = pool.map(lambda u: _fetch_one(u, timeout, max_bytes, allow_private), todo)
        for url, (body, error) in zip(todo, done):
            if error is not None:
                yield Fetched(url, error=error)
                continue
            name = _file_name(url)
            write_atomic(into / name, body)
            extra = (details or {}).get(url, {})
            rows.append({"file": name, "published": extra.get("published", ""), "outlet": extra.get("outlet", ""),
                         "url": url, "fetched": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")})
            _write_catalogue(into, rows)  # after each page: an interrupted fetch keeps what it saved
            yield Fetched(url, file=into / name)


def _fetch_one(url: str, timeout: float, max_bytes: int, allow_private: bool) -> tuple[bytes | None, str | None]:
    try:
        return http_get(url, timeout=timeout, max_bytes=max_bytes, allow_private=allow_private), None
    except FetchError as err:
        return None, str(err)


def _file_name(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    slug = re.sub(r"[^a-z0-9]+", "-", f"{parts.netloc} {parts.path}".lower()).strip("-")[:60].rstrip("-")
    return f"{slug}-{hashlib.sha1(url.encode()).hexdigest()[:8]}.html"


def _catalogue_rows(folder: Path) -> list[dict[str, str]]:
    path = folder / CATALOGUE_NAME
    if not path.exists():
        return []
    return [dict(row) for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))]


def _write_catalogue(folder: Path, rows: list[dict[str, str]]) -> None:
    columns = list(COLUMNS) + sorted({key for row in rows for key in row if key and key not in COLUMNS})
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_atomic(folder / CATALOGUE_NAME, buffer.getvalue())
