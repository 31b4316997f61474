"""Streams cut into lists (``itertools.batched`` arrived only in Python 3.12), evenly or
tapering towards the end, so that parallel workers finish together.

>>> list(batched(range(5), 2))
[[0, 1], [2, 3], [4]]
>>> [len(chunk) for chunk in tapering_batches(list(range(40)), largest=8, parts=2)]
[8, 8, 6, 4, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1]
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TypeVar

__all__ = ["batched", "tapering_batches"]

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    stream = iter(items)
    while chunk := list(islice(stream, size)):
        yield chunk


def tapering_batches(items: Sequence[T], *, largest: int, parts: int) -> Iterator[list[T]]:
    """Cut ``items`` in order into lists of at most ``largest``, each at most a
    ``2 * parts``-th of what is left: ``parts`` workers taking the next list as they finish
    get large lists while much is left (spaCy parses a large batch faster than many small
    ones) and small ones at the end, so that none waits long for the last."""
    start = 0
    while start < len(items):
        size = max(1, min(largest, (len(items) - start) // (2 * parts)))
        yield list(items[start:start + size])
        start += size
