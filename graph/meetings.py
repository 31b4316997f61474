"""Meetings: the ``met`` relations of an article as events, and each pair's tally over a corpus.

An article's meeting is one per pair of people it says met, whatever the number of
sentences: its place and date are the first ones a sentence gives. A pair's summary
counts the articles that report a meeting of the two and keeps, from the first of them
in corpus order, a sentence, a place and a date.

>>> from corpus import article_from_text
>>> from graph.records import ArticleExtraction, Evidence, Mention, Relation
>>> from graph.resolve import Resolution
>>> a, b = Mention("Witkoff", "Person", 0, 7), Mention("Poutine", "Person", 20, 27)
>>> met = Relation(a, "met", b, Evidence("Witkoff a rencontré Poutine.", 0, 28, "interaction", 0.9))
>>> x = ArticleExtraction(article_from_text("a1", "Witkoff a rencontré Poutine.", "a1.txt"), (a, b), (met,))
>>> resolution = Resolution({}, {("a1", a): "p/witkoff", ("a1", b): "p/poutine"}, (), ())
>>> [(m.people, m.evidence) for m in article_meetings(x, resolution)]
[(('p/witkoff', 'p/poutine'), (0,))]
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from .dates import normalise_date
from .records import ArticleExtraction
from .resolve import Resolution

__all__ = ["ArticleMeeting", "MeetingSummary", "article_meetings", "meeting_summaries"]


@dataclass(frozen=True, slots=True)
class ArticleMeeting:
    """Two people an article says met: entity keys in the order first stated, the numbers
    of the relations that state it, whether it is announced, where, and when (as written,
    and as a calendar ``day`` when the article's publication date tells it)."""

    people: tuple[str, str]
    evidence: tuple[int, ...]
    planned: bool
    sentence: str
    place: str | None
    when: str | None
    day: date | None


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    """A pair of people over the corpus: the articles that report them meeting (``articles``,
    in corpus order), announced in any of them, and one sentence, place and date."""

    people: tuple[str, str]
    articles: tuple[str, ...]
    planned: bool
    sentence: str
    place: str | None
    when: str | None
    day: date | None


def article_meetings(extraction: ArticleExtraction, resolution: Resolution) -> list[ArticleMeeting]:
    """The meetings one article reports, in the order it first states them."""
    article = extraction.article
    found: dict[frozenset, dict] = {}
    for n, relation, s_key, o_key in resolution.relations_of(extraction):
        if relation.predicate != "met":
            continue
        meeting = found.setdefault(frozenset((s_key, o_key)), {
            "people": (s_key, o_key), "evidence": [], "planned": relation.evidence.planned,
            "sentence": relation.evidence.sentence, "place": None, "when": None, "day": None})
        meeting["evidence"].append(n)
        if meeting["place"] is None and relation.place is not None:
            meeting["place"] = resolution.assignment.get((article.id, relation.place))
        if meeting["when"] is None and relation.when:
            meeting["when"] = relation.when
            meeting["day"] = normalise_date(relation.when, _published(article), planned=relation.evidence.planned)
    return [ArticleMeeting(m["people"], tuple(m["evidence"]), m["planned"], m["sentence"], m["place"],
                           m["when"], m["day"]) for m in found.values()]


def _published(article) -> date | None:
    try:
        return date.fromisoformat(article.published[:10]) if article.published else None
    except ValueError:
        return None


def meeting_summaries(meetings: Iterable[tuple[str, ArticleMeeting]]) -> Iterator[MeetingSummary]:
    """One summary per pair of people, from ``(article id, meeting)`` in corpus order."""
    pairs: dict[frozenset, list[tuple[str, ArticleMeeting]]] = {}
    for article_id, meeting in meetings:
        pairs.setdefault(frozenset(meeting.people), []).append((article_id, meeting))
    for reports in pairs.values():
        first = reports[0][1]
        dated = next((m for _, m in reports if m.when), first)
        yield MeetingSummary(
            people=first.people,
            articles=tuple(dict.fromkeys(article_id for article_id, _ in reports)),
            planned=any(m.planned for _, m in reports),
            sentence=first.sentence,
            place=next((m.place for _, m in reports if m.place), None),
            when=dated.when, day=dated.day)
