"""Turn a raw article file into clean paragraphs, keeping a map back to the file.

Dropped: page furniture listed in ``boilerplate.toml``, empty lines, characters that print
nothing (zero-width spaces, control characters), a paragraph that
repeats an earlier one verbatim (at least ``MIN_REPEAT_CHARS`` long: short lines such
as « Moscou. » may well repeat). Markup tags left in the text (« <b> ») become spaces.
Kept paragraphs are joined by a blank line; each
kept character maps to its place in the file (see :class:`corpus.article.Segment`).

>>> line = "Moscou et Kiev discutent depuis des semaines."
>>> cleaned = clean_text(f"Publicité\\n{line}\\n{line}\\n")
>>> cleaned.text == line, cleaned.segments
(True, (Segment(clean_start=0, original_start=10, length=45),))
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from .article import Segment
from .characters import fold_characters

__all__ = ["CleanText", "Boilerplate", "clean_text", "load_boilerplate"]

PARAGRAPH_BREAK = "\n\n"
# A repeated line shorter than this (a section header, say) is kept: short repeats are
# often legitimate, long verbatim repeats are scraping accidents.
MIN_REPEAT_CHARS = 40
MAX_CREDIT_CHARS = 200  # a photo credit glued to a line is at most this long
# Markup left in the text (an escaped tag in a page, « &lt;b&gt; »): blanked out, with its
# length kept so that offsets still point into the file.
_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,200})?/?>")


# Characters that print nothing: control characters, a soft hyphen, zero-width spaces and
# joiners, direction marks, a byte order mark. Inside a name they would split an actor
# (« Pou<U+200B>tine »), so they are removed; the segments skip them, so offsets still
# point into the file.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u2064\u2066-\u206f\ufeff]+")


@dataclass(frozen=True, slots=True)
class CleanText:
    text: str
    segments: tuple[Segment, ...]
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Boilerplate:
    drop_lines: tuple[re.Pattern, ...]
    trailer_starts: tuple[re.Pattern, ...]
    credit_suffixes: tuple[re.Pattern, ...]

    def is_dropped(self, line: str) -> bool:
        return any(p.fullmatch(line) for p in self.drop_lines)

    def starts_trailer(self, line: str) -> bool:
        return any(p.fullmatch(line) for p in self.trailer_starts)

    def credit_start(self, line: str) -> int:
        """Where a glued photo credit begins in ``line`` (``len(line)`` if none). A credit
        ends its line: what follows a « © » further than ``MAX_CREDIT_CHARS`` from the end
        (a whole page pasted as one line) is text, not a credit."""
        tail = max(0, len(line) - MAX_CREDIT_CHARS)
        hits = [m.start() for p in self.credit_suffixes if (m := p.search(line, tail))]
        return min(hits, default=len(line))


@lru_cache(maxsize=None)
def load_boilerplate(path: str | None = None) -> Boilerplate:
    """Read the boilerplate rules (the bundled ``boilerplate.toml`` by default)."""
    raw = (open(path, "rb").read() if path else
           files("corpus").joinpath("boilerplate.toml").read_bytes())
    table = tomllib.loads(raw.decode("utf-8"))

    def compiled(key: str) -> tuple[re.Pattern, ...]:
        return tuple(re.compile(p, re.IGNORECASE) for p in table.get(key, []))

    return Boilerplate(compiled("drop_lines"), compiled("trailer_starts"), compiled("credit_suffixes"))


def _visible_runs(line: str) -> list[tuple[int, str]]:
    """``line`` without its invisible characters, as ``(offset in line, run)`` pieces."""
    if _INVISIBLE.search(line) is None:
        return [(0, line)]
    runs, at = [], 0
    for match in _INVISIBLE.finditer(line):
        if match.start() > at:
            runs.append((at, line[at:match.start()]))
        at = match.end()
    if at < len(line):
        runs.append((at, line[at:]))
    return runs


def _lines(original: str):
    """Yield ``(start, line)`` for every line of ``original``, without its line break."""
    for m in re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", original):
        body = m.group().rstrip("\r\n")
        if m.group() or m.start() < len(original):
            yield m.start(), body


def _repeat_key(folded_line: str) -> str:
    return " ".join(folded_line.casefold().split())


def clean_text(original: str, boilerplate: Boilerplate | None = None) -> CleanText:
    """Clean ``original``; every kept character keeps a known place in it."""
    rules = boilerplate or load_boilerplate()
    pieces: list[str] = []
    segments: list[Segment] = []
    seen: set[str] = set()
    cursor = 0
    for start, line in _lines(original):
        stripped = line.strip()
        if not stripped or rules.is_dropped(stripped):
            continue
        if rules.starts_trailer(stripped) and pieces:
            break
        lead = len(line) - len(line.lstrip())
        body = stripped[: rules.credit_start(stripped)].rstrip()
        if not body:
            continue
        runs = _visible_runs(_MARKUP.sub(lambda m: " " * len(m.group()), fold_characters(body)))
        piece = "".join(text for _, text in runs)
        if not piece.strip():
            continue
        key = _repeat_key(piece)
        if len(key) >= MIN_REPEAT_CHARS and key in seen:
            continue
        seen.add(key)
        if pieces:
            cursor += len(PARAGRAPH_BREAK)
        for offset, text in runs:
            segments.append(Segment(cursor, start + lead + offset, len(text)))
            cursor += len(text)
        pieces.append(piece)
    return CleanText(PARAGRAPH_BREAK.join(pieces), tuple(segments), tuple(pieces))
