"""HTML pages through trafilatura: the main text without menus, comments, related links
or ads, and the page's title, publication date, outlet (site name), URL and author.

trafilatura (with htmldate for the date) finds the article in the page; its paragraphs
are kept apart by blank lines, the title first. A ``catalogue.csv`` beside the page
(written by ``newsgraph fetch``) gives the URL it came from and anything the page does not
say. Offsets of evidence point into this extracted text (``Article.original``).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from .article import Article
from .catalogue import catalogue_entry
from .readers import ArticleError, article_from_text, decode, register_reader

__all__ = ["page_text", "read_html"]


def page_text(html: str, url: str | None = None):
    """trafilatura's document for ``html``: ``title``, ``text``, ``date``, ``sitename``, ``url``,
    ``author`` (None when the page holds no article text). trafilatura is imported here,
    when a page is read: a corpus of ``.txt`` files never needs it (nor lxml's HTML cleaner)."""
    import trafilatura
    document = _extract(trafilatura, html, url)
    if document is None and (flat := _flattened(html)) is not html:
        document = _extract(trafilatura, flat, url)  # a page nested too deep to parse, read without its containers
    return document


# Containers that carry no text of their own: a page nesting thousands of them (lxml stops
# reading at 256 levels) is read again without them, its paragraphs kept.
_CONTAINERS = re.compile(r"</?(?:div|span|section|article|main|aside|font|center)\b[^>]*>", re.IGNORECASE)
_TOO_DEEP = 200


def _flattened(html: str) -> str:
    """``html`` without its container tags when they nest too deep to parse, else ``html``."""
    depth = deepest = 0
    for match in _CONTAINERS.finditer(html):
        depth += -1 if match.group().startswith("</") else 1
        deepest = max(deepest, depth)
        if deepest > _TOO_DEEP:
            return _CONTAINERS.sub(" ", html)
    return html


def _extract(trafilatura, html: str, url: str | None):
    for precise in (True, False):  # precision first: its fallback can cut a paragraph at « <b> »
        try:
            document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                                   include_tables=False, deduplicate=True, favor_precision=precise)
        except (ValueError, TypeError) as err:
            raise ArticleError(f"unreadable HTML ({err})") from None
        if document is not None and (document.text or "").strip():
            return document
    return None


@register_reader(".html", ".htm")
def read_html(path: Path, raw: bytes) -> Iterator[Article]:
    meta = catalogue_entry(path)
    document = page_text(decode(raw, path), url=meta.url)
    if document is None:
        raise ArticleError("HTML page with no article text")
    title = " ".join((document.title or "").split())
    paragraphs = [" ".join(line.split()) for line in document.text.splitlines()]
    paragraphs = [p for p in paragraphs if p]
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    text = "\n\n".join(([title] if title else []) + paragraphs)
    yield article_from_text(path.stem, text, str(path), published=document.date or meta.published,
                            outlet=document.sitename or meta.outlet or document.hostname,
                            url=meta.url or document.url, author=document.author)
