"""Near copies: the same article twice with a letter or a word changed.

A site republishing a dispatch with a typo fixed, a feed sending one item twice after an
edit: each would count as one more article supporting every relation, and its typos
would become actors (« Donald Truxp »). A build keeps the first and names the others.

Each article gets a *sketch*: the 64 smallest hashes of its three-word shingles
(bottom-k MinHash). Two articles sharing most of their wording share most of their
sketch; the share of the union's 64 smallest hashes found in both estimates their
Jaccard similarity. Articles that say the same thing in other words, or add a paragraph
of their own, stay far below :data:`SAME_WORDING`, a property of the texts, not a setting.

>>> text = " ".join(f"mot{n}" for n in range(400))   # an article of 400 different words
>>> copies = NearCopies()
>>> copies.add(sketch(text), "a1.txt")
>>> copies.original_of(sketch(text.replace("mot7 ", "mot7x ", 1)))
('a1.txt', 0.98)
>>> copies.original_of(sketch("Un tout autre article, sur la pêche et les marées."))
"""
from __future__ import annotations

import hashlib
import heapq
import re
from collections import defaultdict
from functools import lru_cache

__all__ = ["SKETCH_SIZE", "SAME_WORDING", "sketch", "similarity", "NearCopies"]

SKETCH_SIZE = 64
SAME_WORDING = 0.9  # estimated share of three-word shingles in common: one edit in a paragraph is ~0.95
_WORD = re.compile(r"\w+")
_SHINGLE = 3


@lru_cache(maxsize=256)  # a build asks for an article's sketch twice in a row: to check it, then to cache it
def sketch(text: str) -> tuple[int, ...]:
    """The :data:`SKETCH_SIZE` smallest 64-bit hashes of the text's three-word shingles, sorted."""
    words = _WORD.findall(text.casefold())
    shingles = {" ".join(words[i:i + _SHINGLE]) for i in range(max(1, len(words) - _SHINGLE + 1))}
    hashes = (int.from_bytes(hashlib.blake2b(s.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")
              for s in shingles if s)
    return tuple(sorted(heapq.nsmallest(SKETCH_SIZE, hashes)))


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard similarity of the two texts (0 when either sketch is empty)."""
    if not a or not b:
        return 0.0
    union = heapq.nsmallest(SKETCH_SIZE, set(a) | set(b))
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)


class NearCopies:
    """The sketches of the articles kept so far, indexed by hash: an article's candidates
    are those sharing a hash with it, so a corpus is checked in linear time."""

    def __init__(self):
        self._by_hash: dict[int, list[int]] = defaultdict(list)
        self._kept: list[tuple[tuple[int, ...], str]] = []

    def original_of(self, candidate: tuple[int, ...]) -> tuple[str, float] | None:
        """``(source, similarity)`` of the kept article ``candidate`` nearly copies, or None."""
        shared: dict[int, int] = defaultdict(int)
        for h in candidate:
            for n in self._by_hash.get(h, ()):
                shared[n] += 1
        best = None
        for n, count in shared.items():
            if count < SKETCH_SIZE * SAME_WORDING / 2:
                continue  # too few hashes in common to be that close
            score = similarity(candidate, self._kept[n][0])
            if score >= SAME_WORDING and (best is None or score > best[1]):
                best = (self._kept[n][1], round(score, 2))
        return best

    def add(self, kept: tuple[int, ...], source: str) -> None:
        n = len(self._kept)
        self._kept.append((kept, source))
        for h in kept:
            self._by_hash[h].append(n)
