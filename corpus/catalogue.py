"""The catalogue beside a folder of articles: when, where and by whom each was published.

A file named ``catalogue.csv`` in the same folder as the articles, with a header row and
the columns ``file`` (the article's file name), ``published`` (an ISO date, ``2025-10-07``,
or date and time), ``outlet`` (« Le Monde ») and ``url``; ``newsgraph fetch`` adds a
``fetched`` column (when the page was downloaded). Any column but ``file`` may be empty.
A value that is no ISO date gives no date: none is ever guessed.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / CATALOGUE_NAME).write_text("file,published,outlet,url\\na1.txt,2025-10-07,Le Monde,\\n")
>>> catalogue_entry(folder / "a1.txt")
Entry(published='2025-10-07', outlet='Le Monde', url=None, fetched=None)
"""
from __future__ import annotations

import csv
import re
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

__all__ = ["CATALOGUE_NAME", "COLUMNS", "Catalogue", "Entry", "catalogue_of", "catalogue_entry", "catalogue_stamp", "iso_date", "read_catalogue"]

CATALOGUE_NAME = "catalogue.csv"
COLUMNS = ("file", "published", "outlet", "url", "fetched")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")


class Entry(NamedTuple):
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    fetched: str | None = None


def iso_date(value: str | None) -> str | None:
    """``value`` if it is an ISO date or date and time that exists, else None."""
    value = (value or "").strip()
    if not _ISO.match(value):
        return None
    try:
        if len(value) == 10:
            date.fromisoformat(value)
        else:
            datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value


class Catalogue(NamedTuple):
    """The entries of one catalogue, by file name, and its rows that could not be read
    (``(line number, reason)``): one bad row never hides the others."""

    entries: dict[str, Entry]
    problems: tuple[tuple[int, str], ...] = ()


def read_catalogue(folder: Path) -> dict[str, Entry]:
    """File name -> entry, for the catalogue of ``folder`` (empty when there is none)."""
    return catalogue_of(folder).entries


def catalogue_of(folder: Path) -> Catalogue:
    """The catalogue of ``folder``, with the rows it could not read."""
    path = Path(folder) / CATALOGUE_NAME
    try:
        stat = path.stat()
    except OSError:
        return Catalogue({})
    try:
        return _read(str(path), stat.st_mtime_ns, stat.st_size)
    except OSError as err:
        return Catalogue({}, ((0, f"catalogue cannot be read ({err.strerror or err})"),))


@lru_cache(maxsize=64)
def _read(path: str, mtime: int, size: int) -> Catalogue:
    """Each line is one row, parsed on its own: a stray quote spoils its own row only."""
    with open(path, "rb") as handle:
        text = handle.read().decode("utf-8-sig", errors="replace")
    entries: dict[str, Entry] = {}
    problems: list[tuple[int, str]] = []
    header: list[str] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            [row] = csv.reader([line], strict=True)
        except (csv.Error, ValueError) as err:
            problems.append((number, f"bad catalogue row ({err}), its file gets no date, outlet or URL"))
            continue
        if header is None:
            header = [cell.strip().lower() for cell in row]
            if "file" not in header:
                problems.append((number, "catalogue header has no 'file' column, catalogue not used"))
                break
            continue
        values = {key: (cell.strip() or None) for key, cell in zip(header, row)}
        name = values.get("file")
        if not name:
            continue
        entries[name] = Entry(iso_date(values.get("published")), values.get("outlet"), values.get("url"),
                              values.get("fetched"))
    return Catalogue(entries, tuple(problems))


def catalogue_entry(article_file: Path) -> Entry:
    """The catalogue's entry for ``article_file`` (all None when it has none)."""
    return read_catalogue(Path(article_file).parent).get(Path(article_file).name, Entry())


def catalogue_stamp(article_file: Path) -> int:
    """What changes when the catalogue beside ``article_file`` changes (0 when there is none)."""
    try:
        stat = (Path(article_file).parent / CATALOGUE_NAME).stat()
    except OSError:
        return 0
    return stat.st_mtime_ns ^ stat.st_size
