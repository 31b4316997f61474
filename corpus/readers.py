"""Read article files into :class:`~corpus.article.Article` records.

Readers are registered by file suffix, so a new format is one decorated function:

>>> @register_reader(".md")
... def read_markdown(path, raw):
...     yield article_from_text(path.stem, decode(raw, path), str(path))

A problem with one file never stops the others: it becomes a :class:`Skipped`
record with a one-line reason.
"""
from __future__ import annotations

import codecs
import errno
import os
import stat
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path
from typing import NamedTuple

from .article import Article
from .catalogue import CATALOGUE_NAME, catalogue_entry, catalogue_of, iso_date
from .cleaning import clean_text
from .file_names import article_id_of, printable
from .language import guess_language, looks_french

__all__ = [
    "ArticleError", "Skipped", "Reader", "register_reader", "readers",
    "read_articles", "read_file", "article_from_text", "decode", "default_corpus", "find_article_files",
    "ArticleFile",
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
        return f"{printable(self.source)}: {printable(self.reason)}"


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
    """Decode UTF-8 (with or without BOM), UTF-16 or UTF-32 with a BOM, falling back to
    Windows-1252, common on French sites."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                raise ArticleError(f"broken {codec.upper()} text") from None
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


class ArticleFile(NamedTuple):
    """A file to read and the identifier its article takes (see :func:`corpus.file_names.article_id_of`)."""

    path: Path
    id: str


def _special_kind(mode: int) -> str | None:
    for test, kind in ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return kind
    return None


def _link_problem(path: Path) -> str:
    """Why the link ``path`` leads nowhere: it loops or its target is missing."""
    try:
        path.stat()
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop, not read"
        return f"broken symbolic link (to {printable(os.readlink(path))}), not read"
    return "cannot be read"


def _walk(root: Path, skip: set[tuple[int, int]]) -> Iterator[Path | Skipped]:
    """Every article file under the folder ``root`` (sorted, without recursion: any depth
    works), and one :class:`Skipped` for each folder or file that cannot be read. A folder
    reached twice (through a link) is walked once; folders in ``skip`` (a build's own
    output folder) not at all."""
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()
            if (info.st_dev, info.st_ino) in skip:
                continue
            skip.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as err:
            yield Skipped(str(folder), f"folder cannot be read ({err.strerror or err}), its articles are not read")
            continue
        if any(entry.name == CATALOGUE_NAME for entry in entries):
            for number, reason in catalogue_of(folder).problems:
                yield Skipped(f"{folder / CATALOGUE_NAME}:{number}", reason)
        folders = []
        for entry in entries:
            path = Path(entry.path)
            known = path.suffix.lower() in _READERS
            try:
                if entry.is_dir():
                    folders.append(path)
                    continue
                mode = entry.stat().st_mode
            except OSError:
                if entry.is_symlink():
                    yield Skipped(str(path), _link_problem(path))
                elif known:
                    yield Skipped(str(path), "cannot be read")
                continue
            if not known:
                continue
            if stat.S_ISREG(mode):
                yield path
            else:
                yield Skipped(str(path), f"{_special_kind(mode) or 'not a regular file'}, not read")
        stack.extend(reversed(folders))


def find_article_files(paths: Iterable[str | Path], *, exclude: Iterable[str | Path] = ()) -> Iterator[ArticleFile | Skipped]:
    """Expand folders (sorted, at any depth) into the files a reader knows, each with the
    identifier of its article, unique across ``paths``. Folders in ``exclude`` (a build's
    output folder inside its corpus) are not walked."""
    skip: set[tuple[int, int]] = set()
    for folder in exclude:
        try:
            info = Path(folder).stat()
            skip.add((info.st_dev, info.st_ino))
        except OSError:
            pass
    found: list[tuple[Path | Skipped, Path | None]] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = list(_walk(path, skip))
            if not any(isinstance(p, Path) for p in inside) and not any(isinstance(p, Skipped) for p in inside):
                inside.append(Skipped(str(path), "folder holds no article file (" + ", ".join(sorted(_READERS)) + ")"))
            found.extend((item, path) for item in inside)
        elif path.is_file():
            found.append((path, None))
        elif path.is_symlink():
            found.append((Skipped(str(path), _link_problem(path)), None))
        elif path.exists():
            found.append((Skipped(str(path), f"{_special_kind(path.stat().st_mode) or 'not a regular file'}, not read"), None))
        else:
            found.append((Skipped(str(path), "no such file or folder"), None))
    stems = Counter(item.stem for item, _ in found if isinstance(item, Path))
    for item, root in found:
        if isinstance(item, Skipped):
            yield item
        else:
            yield ArticleFile(item, article_id_of(item, root, unique_stem=stems[item.stem] == 1))


def read_file(file: ArticleFile) -> Iterator[Article | Skipped]:
    """The articles of one file (under the identifier ``file.id`` when its reader named
    the article after the file), or why it was skipped."""
    item = file.path
    reader = _READERS.get(item.suffix.lower())
    if reader is None:
        yield Skipped(str(item), f"unknown article format {item.suffix or '(no suffix)'!r}")
        return
    try:
        raw = item.read_bytes()
        if not raw.strip():
            raise ArticleError("empty file")
        for article in reader(item, raw):
            if isinstance(article, Skipped):
                yield article
                continue
            if article.id == item.stem and file.id != article.id:
                article = replace(article, id=file.id)
            yield _french_or_skipped(article)
    except ArticleError as err:
        yield Skipped(str(item), str(err))
    except OSError as err:
        yield Skipped(str(item), f"cannot read: {err.strerror or err}")


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article | Skipped]:
    """Stream the articles under ``paths``; unreadable files come out as :class:`Skipped`,
    and so does an article whose identifier an earlier one took (a JSON Lines id used twice)."""
    first: dict[str, str] = {}
    for item in find_article_files(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        for article in read_file(item):
            if isinstance(article, Article):
                if article.id in first:
                    article = Skipped(article.source, f"id {article.id} already used by {printable(first[article.id])}")
                else:
                    first[article.id] = article.source
            yield article
