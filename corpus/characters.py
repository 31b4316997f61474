"""One-for-one character fixes: look-alike letters, apostrophes, odd spaces.

Every fix replaces one character by one character, so cleaned offsets stay aligned
with the file.

>>> fold_characters("l’Ukrainе")   # typographic apostrophe, Cyrillic е
"l'Ukraine"
>>> fold_characters("Путин")        # an all-Cyrillic word is left alone
'Путин'
"""
from __future__ import annotations

import re

__all__ = ["fold_characters", "LOOKALIKES"]

# Cyrillic and Greek letters drawn like Latin ones.
LOOKALIKES = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i",
    "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h", "ӏ": "l", "ԛ": "q", "ԝ": "w",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M",
    "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v",
}
_SAME_WIDTH = str.maketrans({
    "’": "'", "‘": "'", "‛": "'", "ʼ": "'", "`": "'", "´": "'", "′": "'",
    "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ",
    "\t": " ", "\u2010": "-", "\u2011": "-",
})
_LOOKALIKE_TABLE = str.maketrans(LOOKALIKES)
_WORD = re.compile(r"[^\W\d_]+")
_ANY_LOOKALIKE = re.compile("[" + "".join(LOOKALIKES) + "]")


def _is_latin(ch: str) -> bool:
    return ch.isascii() or "\u00c0" <= ch <= "\u024f"


def _fold_word(match: re.Match) -> str:
    word = match.group()
    if any(_is_latin(c) for c in word) and any(c in LOOKALIKES for c in word):
        return word.translate(_LOOKALIKE_TABLE)
    return word


def fold_characters(text: str) -> str:
    """Unify apostrophes and spaces; write look-alike letters inside Latin words in Latin."""
    text = text.translate(_SAME_WIDTH)
    if _ANY_LOOKALIKE.search(text) is None:  # the usual case: nothing to look at word by word
        return text
    return _WORD.sub(_fold_word, text)
