"""HTML pages: the article's title and paragraphs, without scripts, menus or footers.

The title is ``og:title``, else the first ``<h1>``, else ``<title>``; the text is the
paragraphs and sub-headings of ``<article>`` (of ``<body>`` when there is none).
Offsets of evidence point into this extracted text (``Article.original``).
"""
from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from .article import Article
from .readers import ArticleError, article_from_text, decode, register_reader

__all__ = ["PageText", "read_html"]

_SKIPPED = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "svg",
            "figure", "iframe", "template", "select"}
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "blockquote", "div", "section", "article", "br", "td"}


class PageText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.in_article = 0
        self.seen_article = False
        self.blocks: dict[bool, list[list[str]]] = {True: [[]], False: [[]]}
        self.title = {"og": "", "h1": "", "title": ""}
        self._capture: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and attrs.get("property") == "og:title" and attrs.get("content"):
            self.title["og"] = attrs["content"].strip()
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag == "article":
            self.in_article += 1
            self.seen_article = True
        if tag in ("h1", "title") and not self.title[tag]:
            self._capture = tag
        if tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag):
        if tag in _SKIPPED and self.skipping:
            self.skipping -= 1
        elif tag == "article" and self.in_article:
            self.in_article -= 1
        if tag == self._capture:
            self._capture = None
        if tag in _BLOCKS:
            self._break()

    def handle_data(self, data):
        if self._capture:
            self.title[self._capture] += data
        if self.skipping or self._capture == "title":
            return
        self.blocks[bool(self.in_article)][-1].append(data)
        if self.in_article:
            self.blocks[False][-1].append(data)

    def _break(self):
        for kind in self.blocks.values():
            if kind[-1]:
                kind.append([])

    def text(self) -> tuple[str, str]:
        chosen = self.blocks[self.seen_article]
        paragraphs = [" ".join("".join(parts).split()) for parts in chosen]
        paragraphs = [p for p in paragraphs if p]
        title = " ".join((self.title["og"] or self.title["h1"] or self.title["title"]).split())
        if title and paragraphs and paragraphs[0] == title:
            paragraphs = paragraphs[1:]
        return title, "\n\n".join(([title] if title else []) + paragraphs)


@register_reader(".html", ".htm")
def read_html(path: Path, raw: bytes) -> Iterator[Article]:
    page = PageText()
    try:
        page.feed(decode(raw, path))
        page.close()
    except (ValueError, AssertionError) as err:
        raise ArticleError(f"unreadable HTML ({err})") from None
    _, text = page.text()
    if not text.strip():
        raise ArticleError("HTML page with no article text")
    yield article_from_text(path.stem, text, str(path))
