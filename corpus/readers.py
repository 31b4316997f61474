"""Read article files into :class:`~corpus.article.Article` records.

Readers are registered by file suffix, so a new format is one decorated function:

>>> @register_reader(".md")
... def read_markdown(path, raw):
...     yield article_from_text(path.stem, decode(raw, path), str(path))

A problem with one file never stops the others: it becomes a :class:`Skipped`
record with a one-line reason.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from .article import Article
from .catalogue import catalogue_entry, iso_date
from .cleaning import clean_text
from .language import guess_language, looks_french

__all__ = [
    "ArticleError", "Skipped", "Reader", "register_reader", "readers",
    "read_articles", "article_from_text", "decode", "default_corpus", "find_article_files",
]

Reader = Callable[[Path, bytes], Iterable["Article | Skipped"]]
MAX_ARTICLE_CHARS = 1_000_000  # spaCy's own default limit for one text
_READERS: dict[str, Reader] = {}


class ArticleError(ValueError):
    """A file that cannot be read as an article; the message is the one-line reason."""


@dataclass(frozen=True, slots=True)
class Skipped:
    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def register_reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register ``reader(path, raw_bytes) -> Iterable[Article]`` for file suffixes."""
    def decorate(reader: Reader) -> Reader:
        for suffix in suffixes:
            _READERS[suffix.lower()] = reader
        return reader
    return decorate


def readers() -> dict[str, Reader]:
    return dict(_READERS)


def decode(raw: bytes, path: Path) -> str:
    """Decode UTF-8 (with or without BOM), falling back to Windows-1252, common on French sites."""
    if b"\x00" in raw[:4096]:
        raise ArticleError("binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def article_from_text(article_id: str, original: str, source: str, *, published: str | None = None,
                      outlet: str | None = None, url: str | None = None, author: str | None = None) -> Article:
    """Clean ``original`` into an Article; its title is the first kept line. ``published``
    is kept only when it is an ISO date (no date is guessed)."""
    if len(original) > MAX_ARTICLE_CHARS:
        raise ArticleError(f"too large for one article ({len(original) / 1e6:.1f} million characters; "
                           f"at most {MAX_ARTICLE_CHARS / 1e6:.0f} million)")
    cleaned = clean_text(original)
    if not cleaned.paragraphs:
        raise ArticleError("no article text (empty, or page furniture only)")
    return Article(article_id, cleaned.paragraphs[0], cleaned.text, source, original,
                   cleaned.segments, iso_date(published), _clean(outlet), _clean(url), _clean(author))


def _clean(value: str | None) -> str | None:
    value = " ".join(str(value).split()) if value is not None else ""
    return value or None


@register_reader(".txt")
def read_plain_text(path: Path, raw: bytes) -> Iterator[Article]:
    meta = catalogue_entry(path)
    yield article_from_text(path.stem, decode(raw, path), str(path), published=meta.published,
                            outlet=meta.outlet, url=meta.url)


def _french_or_skipped(article: Article) -> Article | Skipped:
    if looks_french(article.text):
        return article
    return Skipped(article.source, f"not French (looks like {guess_language(article.text)}), skipped")


def default_corpus() -> Path:
    """The sample articles shipped with newsgraph."""
    return Path(str(files("corpus").joinpath("samples")))


def find_article_files(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Expand folders (sorted, recursively) into the files a reader knows."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in _READERS)
            if not found:
                yield Skipped(str(path), "folder holds no article file (" + ", ".join(sorted(_READERS)) + ")")
            yield from found
        elif path.is_file():
            yield path
        else:
            yield Skipped(str(path), "no such file or folder")


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article | Skipped]:
    """Stream the articles under ``paths``; unreadable files come out as :class:`Skipped`."""
    for item in find_article_files(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        reader = _READERS.get(item.suffix.lower())
        if reader is None:
            yield Skipped(str(item), f"unknown article format {item.suffix or '(no suffix)'!r}")
            continue
        try:
            raw = item.read_bytes()
            if not raw.strip():
                raise ArticleError("empty file")
            for article in reader(item, raw):
                yield article if isinstance(article, Skipped) else _french_or_skipped(article)
        except ArticleError as err:
            yield Skipped(str(item), str(err))
        except OSError as err:
            yield Skipped(str(item), f"cannot read: {err.strerror or err}")
