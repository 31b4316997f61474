"""Name similarity that forgives transliteration: Oumerov ~ Umerov, Ouchakov ~ Ushakov,
Zelenski ~ Zelenskyy, Haghani ~ Haqani, never Peskov ~ Dmitriev.

Names are compared as *skeletons* (ASCII, lower case, French and English spellings of
the same sounds folded together) with rapidfuzz, and only inside a *block*: names whose
last word's skeleton starts and ends the same way, so the cost grows with the corpus,
not its square.

>>> skeleton("Iouri Ouchakov") == skeleton("Yuri Ushakov")
True
>>> same_person_name("Volodymyr Zelensky", "Volodimir Zelenskyy")
True
>>> same_person_name("Donald Trump", "Donald Tusk")
False
"""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.fuzz import ratio
from unidecode import unidecode

from ontology.names import name_key

__all__ = ["skeleton", "block_key", "same_person_name", "same_name", "acronym_of"]

_FOLDS = [(r"x", "ks"), (r"tch|tsch|sch|ch|sh|z", "s"), (r"gh", "k"), (r"kh|h", ""), (r"ou", "u"), (r"[yj]", "i"), (r"ii+", "i"),
          (r"[ck]|q", "k"), (r"w", "v"), (r"ph", "f"), (r"(.)\1+", r"\1"), (r"e\b", ""), (r"f\b", "v")]
_LINKING = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "of", "the", "and", "pour", "en"}


@lru_cache(maxsize=1 << 18)
def skeleton(name: str) -> str:
    s = re.sub(r"\b(al|el) ", r"\1", unidecode(name_key(name)).lower())  # « al-Amin » ~ « Alamin »
    for pattern, repl in _FOLDS:
        s = re.sub(pattern, repl, s)
    return s


def block_key(name: str) -> str:
    """First three letters and last letter of the last word's skeleton (the last vowels
    vary with transliteration: Rahmaï ~ Rahmaei)."""
    words = skeleton(name).split()
    return words[-1][:3] + words[-1][-1:] if words else ""


def same_name(a: str, b: str, threshold: float = 90) -> bool:
    return ratio(skeleton(a), skeleton(b)) >= threshold


def same_person_name(a: str, b: str) -> bool:
    """Both the last names and the given names (when both are given) must agree."""
    wa, wb = skeleton(a).split(), skeleton(b).split()
    if not wa or not wb or ratio(wa[-1], wb[-1]) < 85:
        return False
    if len(wa) > 1 and len(wb) > 1 and ratio(" ".join(wa[:-1]), " ".join(wb[:-1])) < 75:
        return False
    return ratio(" ".join(wa), " ".join(wb)) >= 80


def acronym_of(acronym: str, name: str) -> bool:
    """« OTAN » for « Organisation du Traité de l'Atlantique Nord »; linking words skipped."""
    if not (acronym.isupper() and 2 <= len(acronym) <= 8) or " " not in name.strip():
        return False
    words = [w for w in re.split(r"[\s'’-]+", unidecode(name)) if w and w.lower() not in _LINKING]
    return "".join(w[0] for w in words).upper() == unidecode(acronym).upper()
