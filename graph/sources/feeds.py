"""RSS and Atom feeds, read with feedparser: the items of a story, as URLs to fetch.

A feed is polled every ``interval`` seconds; its items whose title or summary match the
analyst's regular expression (all, without one) are fetched into the corpus folder with
:func:`graph.sources.fetch.fetch_urls`, which skips those already there. The item's date
and the feed's title go to the catalogue when the page itself may not say them. A feed
that cannot be read is reported in one line and polled again at the next round.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import feedparser

from graph.sources.fetch import FetchError, Fetched, fetch_urls, http_get

__all__ = ["FeedItem", "FeedWatcher", "feed_items"]

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml",
               "application/feed+json", "text/plain")


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str
    summary: str
    published: str  # ISO date, or ""
    outlet: str     # the feed's title, or ""


def feed_items(url: str, *, timeout: float = 20.0) -> list[FeedItem]:
    """The items of the feed at ``url``, or a :class:`FetchError` in one line."""
    raw = http_get(url, accept=_FEED_TYPES, timeout=timeout, max_bytes=8 * 2**20)
    parsed = feedparser.parse(raw)
    if parsed.bozo and not parsed.entries:
        raise FetchError(f"{url}: not an RSS or Atom feed ({type(parsed.bozo_exception).__name__})")
    outlet = " ".join(str(parsed.feed.get("title", "")).split())
    items = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = time.strftime("%Y-%m-%d", stamp) if stamp else ""
        items.append(FeedItem(link, str(entry.get("title", "")), str(entry.get("summary", "")), published, outlet))
    return items


@dataclass
class FeedWatcher:
    """Polls ``feeds`` every ``interval`` seconds into the folder ``into``; ``report`` gets one
    line per page fetched and per failure."""

    feeds: list[str]
    into: Path
    match: re.Pattern | None = None
    interval: float = 300.0
    report: Callable[[str], None] = print
    _next: float = field(default=0.0, init=False)

    def poll_if_due(self) -> list[Fetched]:
        if time.monotonic() < self._next:
            return []
        self._next = time.monotonic() + self.interval
        return self.poll()

    def poll(self) -> list[Fetched]:
        wanted: dict[str, FeedItem] = {}
        for feed in self.feeds:
            try:
                items = feed_items(feed)
            except FetchError as err:
                self.report(f"newsgraph: feed error: {err} (polled again in {self.interval:g} s)")
                continue
            for item in items:
                if self.match is None or self.match.search(f"{item.title}\n{item.summary}"):
                    wanted.setdefault(item.url, item)
        details = {url: {"published": item.published, "outlet": item.outlet} for url, item in wanted.items()}
        try:
            fetched = list(fetch_urls(wanted, self.into, details=details))
        except OSError as err:  # the corpus folder cannot be written: said, and tried again next round
            self.report(f"newsgraph: error: {self.into}: {err.strerror or err} (tried again in {self.interval:g} s)")
            return []
        for result in fetched:
            if result.error:
                self.report(f"newsgraph: fetch error: {result.error}")
            elif result.file is not None:
                self.report(f"fetched {result.url} -> {result.file.name}")
        return fetched
