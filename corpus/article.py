"""The record every reader produces: one news article, cleaned, with a map back to its file."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, fields
from typing import NamedTuple

__all__ = ["Article", "Segment", "pickled_by_fields"]


def pickled_by_fields(cls):
    """Class decorator: a frozen slots dataclass pickles as a constructor call.

    The default path for such classes looks up ``fields()`` for every object it
    restores, which made loading a large extraction cache three times slower.
    """
    names = tuple(f.name for f in fields(cls) if f.init)

    def __reduce__(self):
        return cls, tuple(getattr(self, name) for name in names)

    cls.__reduce__ = __reduce__
    return cls


class Segment(NamedTuple):
    """A run of ``length`` characters at ``clean_start`` in the cleaned text, copied 1:1
    (up to look-alike letters and apostrophes) from ``original_start`` in the file."""

    clean_start: int
    original_start: int
    length: int


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article.

    ``text`` is what the extractor reads (paragraphs joined by blank lines);
    ``original`` is the decoded file; ``segments`` map one onto the other, so
    evidence offsets always point into the file:

    >>> a = Article("a1", "T", "Kiev", "a1.txt", "Publicité\\nKiev\\n", (Segment(0, 10, 4),))
    >>> a.original_span(0, 4)
    (10, 14)
    """

    id: str
    title: str
    text: str
    source: str
    original: str
    segments: tuple[Segment, ...]
    published: str | None = None  # ISO date (or date and time), only when the source gives one
    outlet: str | None = None     # the publisher: a site's name, « Le Monde »
    url: str | None = None
    author: str | None = None

    def original_offset(self, clean_offset: int, *, end: bool = False) -> int:
        """Offset in ``original`` of a cleaned-text offset (``end=True`` for an exclusive end)."""
        probe = clean_offset - 1 if end else clean_offset
        starts = [s.clean_start for s in self.segments]
        i = max(bisect_right(starts, probe) - 1, 0)
        seg = self.segments[i]
        inside = min(max(probe - seg.clean_start, 0), seg.length - 1)
        return seg.original_start + inside + (1 if end else 0)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """``(start, end)`` of the cleaned span ``text[start:end]`` in ``original``."""
        return self.original_offset(start), self.original_offset(end, end=True)
