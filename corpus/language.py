"""Is a text French? A stop-word vote, enough to skip an English or Spanish page.

>>> looks_french("Le Kremlin a annoncé que les discussions avec les États-Unis se poursuivent dans la semaine.")
True
>>> guess_language("The Kremlin said on Monday that the talks with the United States would go on this "
...                "week in Riyadh and that it was ready to listen to the proposals of the other side.")
'en'
"""
from __future__ import annotations

import re

__all__ = ["guess_language", "looks_french"]

_STOP_WORDS = {
    "fr": {"le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "que", "qui", "dans", "pour", "sur",
           "avec", "pas", "au", "aux", "il", "elle", "ont", "a", "ce", "cette", "son", "sa", "ses", "ne", "se"},
    "en": {"the", "and", "of", "to", "in", "is", "that", "with", "for", "on", "was", "by", "are", "it", "as",
           "said", "would", "be", "this", "has", "have", "from", "at", "its", "their", "will"},
    "es": {"el", "los", "las", "del", "y", "que", "en", "por", "con", "para", "una", "es", "se", "su", "lo",
           "como", "más", "pero", "sus", "fue", "ha", "al"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "mit", "von", "zu", "den", "dem", "ein", "eine", "auf",
           "sich", "auch", "wird", "hat", "für", "dass"},
}
_WORD = re.compile(r"[^\W\d_]+")
MIN_WORDS = 25


def guess_language(text: str) -> str | None:
    """The language whose function words are most frequent; None for a short text."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if len(words) < MIN_WORDS:
        return None
    counts = {lang: sum(w in stop for w in words) for lang, stop in _STOP_WORDS.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] >= 0.05 * len(words) else None


def looks_french(text: str) -> bool:
    """True unless the text is long enough to tell and is clearly another language."""
    language = guess_language(text)
    return language in (None, "fr")
