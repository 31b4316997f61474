"""How names are compared: one key for every spelling that differs only in case,
accents, look-alike letters, apostrophes, punctuation or a leading article.

>>> name_key("l'Ukrainе") == name_key("UKRAINE")
True
>>> name_key("Rossiya-1") == name_key("Rossiya 1")
True
"""
from __future__ import annotations

import re
from functools import lru_cache
import unicodedata

from corpus.characters import fold_characters

__all__ = ["name_key", "strip_accents"]

_LEADING_ARTICLE = re.compile(r"^(l'|le |la |les )")


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 18)
def name_key(name: str) -> str:
    s = strip_accents(fold_characters(unicodedata.normalize("NFKC", name))).casefold().strip()
    s = _LEADING_ARTICLE.sub("", s)
    s = re.sub(r"[^\w']+", " ", s)
    return " ".join(s.split())
