"""Download article pages politely into a corpus folder, once, so that builds stay offline.

Each page is saved as it came (raw HTML, ``<host>-<path>-<hash>.html``) and recorded in
the folder's ``catalogue.csv`` with its URL and fetch time (and the date and outlet a feed
gave, if any); the page's own title, date and outlet are read at build time
(:mod:`corpus.html_reader`). A URL already in the catalogue is not fetched again.

Politeness: a user agent that names newsgraph, a timeout, one retry (after a pause) for a
time-out, a refused connection or a server error, at most ``concurrency`` requests at
once, and a size limit. A 404, a time-out, an answer that is not HTML or a page over the
limit is reported in one line; the other URLs go on.

>>> [r.error for r in fetch_urls(["not a url"], "/tmp/newsgraph-doctest")]  # doctest: +SKIP
["'not a url' is not an http(s) URL"]
"""
from __future__ import annotations

import csv
import hashlib
import http.client
import io
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
             max_bytes: int = MAX_PAGE_BYTES, retries: int = 1) -> bytes:
    """The body at ``url`` (its content type one of ``accept``, if given), or a :class:`FetchError`."""
    for attempt in range(retries + 1):
        try:
            return _get_once(url, accept, timeout, max_bytes)
        except _Retryable as err:
            if attempt == retries:
                raise FetchError(f"{url}: {err}") from None
            time.sleep(RETRY_PAUSE_S)
    raise AssertionError("unreachable")


class _Retryable(Exception):
    pass


def _get_once(url: str, accept, timeout: float, max_bytes: int) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                   "Accept": "text/html,application/xhtml+xml,*/*;q=0.5"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            if accept and kind not in accept:
                raise FetchError(f"{url}: not an HTML page ({kind})")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"{url}: page too large ({int(declared) / 2**20:.1f} MB; at most "
                                 f"{max_bytes / 2**20:.0f} MB)")
            body = response.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise FetchError(f"{url}: page too large (over {max_bytes / 2**20:.0f} MB)")
            return body
    except urllib.error.HTTPError as err:
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
               max_bytes: int = MAX_PAGE_BYTES) -> Iterator[Fetched]:
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
        done = pool.map(lambda u: _fetch_one(u, timeout, max_bytes), todo)
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


def _fetch_one(url: str, timeout: float, max_bytes: int) -> tuple[bytes | None, str | None]:
    try:
        return http_get(url, timeout=timeout, max_bytes=max_bytes), None
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
