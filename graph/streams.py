"""Streams cut into lists (``itertools.batched`` arrived only in Python 3.12).

>>> list(batched(range(5), 2))
[[0, 1], [2, 3], [4]]
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

__all__ = ["batched"]

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    stream = iter(items)
    while chunk := list(islice(stream, size)):
        yield chunk
