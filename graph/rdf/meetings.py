"""Meetings: the ``met`` relations of an article as events, and each pair's tally over a corpus.

An article's meeting is one per pair of people it says met, whatever the number of
sentences: its place and date are the first ones a sentence gives. A pair's summary
counts the articles that report a meeting of the two and keeps, from the first of them
in corpus order, a sentence, a place and a date.

>>> from corpus import article_from_text
>>> from graph.records import ArticleExtraction, Evidence, Mention, Relation
>>> from graph.resolution.resolve import Resolution
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

from graph.extraction.dates import normalise_date
from graph.records import ArticleExtraction, Relation
from graph.resolution.resolve import Resolution

__all__ = ["ArticleMeeting", "MeetingSummary", "article_meetings", "meeting_summaries"]


@dataclass(frozen=True, slots=True)
class _MeetingFacts:
    """Two people (entity keys, in the order first stated), whether the meeting is
    announced rather than reported, one sentence stating it, where, and when (as written,
    and as a calendar ``day`` when the publication date tells it)."""

    people: tuple[str, str]
    planned: bool
    sentence: str
    place: str | None
    when: str | None
    day: date | None


@dataclass(frozen=True, slots=True)
class ArticleMeeting(_MeetingFacts):
    """A meeting one article reports; ``evidence`` numbers the relations that state it."""

    evidence: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class MeetingSummary(_MeetingFacts):
    """A pair of people over the corpus: the ``articles`` that report them meeting (in
    corpus order), announced in any of them; sentence from the first, place and date
    from the first that gives them."""

    articles: tuple[str, ...]


def article_meetings(extraction: ArticleExtraction, resolution: Resolution) -> list[ArticleMeeting]:
    """The meetings one article reports, in the order it first states them."""
    article = extraction.article
    by_pair: dict[frozenset, list[tuple[int, Relation, str, str]]] = {}
    for stated in resolution.relations_of(extraction):
        if stated[1].predicate == "met":
            by_pair.setdefault(frozenset(stated[2:]), []).append(stated)
    meetings = []
    for stated in by_pair.values():
        _, first, s_key, o_key = stated[0]
        relations = [relation for _, relation, _, _ in stated]
        places = (resolution.assignment.get((article.id, r.place)) for r in relations if r.place is not None)
        dated = next((r for r in relations if r.when), None)
        meetings.append(ArticleMeeting(
            people=(s_key, o_key), planned=first.evidence.planned, sentence=first.evidence.sentence,
            place=next((key for key in places if key), None), when=dated.when if dated else None,
            day=normalise_date(dated.when, _published(article), planned=dated.evidence.planned) if dated else None,
            evidence=tuple(n for n, _, _, _ in stated)))
    return meetings


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
            people=first.people, planned=any(m.planned for _, m in reports), sentence=first.sentence,
            place=next((m.place for _, m in reports if m.place), None), when=dated.when, day=dated.day,
            articles=tuple(dict.fromkeys(article_id for article_id, _ in reports)))
