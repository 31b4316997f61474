"""File names as newsgraph shows and identifies them, whatever bytes they hold.

A POSIX file name is any bytes but ``/`` and NUL: spaces, quotes, ``<``, a newline, or
bytes that are no UTF-8 (Python keeps those as lone surrogates). Messages and RDF
literals need one line of valid text, so :func:`printable` writes such characters as
escapes; article identifiers come from :func:`article_id_of`, which is printable too.

>>> printable("a b.txt")
'a b.txt'
>>> printable("deux\\nlignes.txt")
'deux\\\\nlignes.txt'
>>> printable("caf\\udce9.txt")   # the Latin-1 byte 0xE9 in a UTF-8 system
'caf\\\\xe9.txt'
"""
from __future__ import annotations

import re
from pathlib import Path

__all__ = ["printable", "article_id_of"]

# control characters (a line break in a file name would make a message two lines) and
# lone surrogates (bytes that were no UTF-8)
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    ch = match.group()
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte kept by surrogateescape: show the byte
        return f"\\x{code - 0xDC00:02x}"
    return ch.encode("unicode_escape").decode("ascii") if code < 0xD800 else f"\\u{code:04x}"


def printable(name: str) -> str:
    """``name`` on one line of valid Unicode: control characters and undecodable bytes escaped."""
    return _UNPRINTABLE.sub(_escape, name) if _UNPRINTABLE.search(name) else name


def article_id_of(path: Path, root: Path | None, *, unique_stem: bool) -> str:
    """The identifier of the article in ``path``: its name without suffix when no other
    file of the corpus has that stem, else its path from ``root`` (the folder it was found
    under), suffix included, so that ``a/x.txt``, ``b/x.txt`` and ``x.html`` stay three."""
    if unique_stem:
        return printable(path.stem)
    try:
        relative = path.relative_to(root) if root is not None else Path(path.name)
    except ValueError:
        relative = Path(path.name)
    return printable(relative.as_posix())
