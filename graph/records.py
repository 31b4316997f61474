"""Small immutable records passed between the stages of a build."""
from __future__ import annotations

from dataclasses import dataclass, field

from corpus import Article
from corpus.article import pickled_by_fields

__all__ = ["Mention", "Evidence", "Relation", "ArticleExtraction"]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Mention:
    """An actor as one article refers to it.

    ``start``/``end`` are offsets in the cleaned ``Article.text``. ``is_name`` is False
    when a word stands for an actor without naming it (« américain » for the United
    States): such a form is never recorded as one of the actor's names.
    """

    text: str
    type: str
    start: int
    end: int
    gazetteer_id: str | None = None
    is_name: bool = True
    refers_to: Mention | None = None  # a description's named actor (« le président russe »)
    # a title no actor of the article is named with: (relation, target, role as the roles
    # lexicon writes it), for resolution to find the one person of the article who holds it
    # (« le président ukrainien »)
    title: tuple[str, Mention, str] | None = None
    # a build hashes each mention millions of times (it keys the resolution): once is enough
    _hash: int = field(init=False, repr=False, compare=False, default=0)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.text, self.type, self.start, self.end, self.gazetteer_id,
                                                self.is_name, self.refers_to, self.title)))

    def __hash__(self) -> int:
        return self._hash


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a relation is stated: the sentence as written in the file, and its offsets there."""

    sentence: str
    start: int
    end: int
    rule: str
    confidence: float
    planned: bool = False


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Relation:
    """A triple an article states; an interaction may say where (``place``) and when (``when``, as written)."""

    subject: Mention
    predicate: str
    object: Mention
    evidence: Evidence
    place: Mention | None = None
    when: str | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ArticleExtraction:
    article: Article
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]
