"""What a rule reports: a triple between two mentions, in one sentence."""
from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Span

from graph.records import Mention

__all__ = ["Finding"]


class Finding(NamedTuple):
    subject: Mention
    predicate: str
    object: Mention
    sentence: Span
    rule: str
    confidence: float
    planned: bool = False
    place: Mention | None = None  # where an interaction happens (« à Moscou »)
    when: str | None = None       # its date as written (« jeudi », « 18 décembre »)
