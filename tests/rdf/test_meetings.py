"""Meetings as events and their tally per pair, the corpus order, evidence linked to its statement."""
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from corpus import article_from_text
from graph.rdf.meetings import article_meetings
from ontology.namespace import SCHEMA
from graph.rdf.dataset import article_catalogue, article_iri, article_quads, entity_iris, merged_graph
from graph.records import ArticleExtraction, Evidence, Mention, Relation
from graph.resolution.resolve import resolve
from ontology.namespace import NG


def report(article_id: str, published: str | None, *sentences: tuple[str, str | None, str | None]):
    """An article stating « Witkoff a rencontré Poutine » once per sentence, each with a place and a date."""
    text = " ".join(sentence for sentence, _, _ in sentences)
    article = article_from_text(article_id, text, f"{article_id}.txt", published=published)
    mentions, relations, offset = [], [], 0
    for sentence, place, when in sentences:
        def mention(name, kind):
            start = offset + sentence.index(name)
            return Mention(name, kind, start, start + len(name))
        witkoff, putin = mention("Steve Witkoff", "Person"), mention("Vladimir Poutine", "Person")
        where = mention(place, "Place") if place else None
        mentions += [m for m in (witkoff, putin, where) if m]
        relations.append(Relation(witkoff, "met", putin, Evidence(sentence, offset, offset + len(sentence),
                                                                  "interaction:verb:meet", 0.8), where, when))
        offset += len(sentence) + 1
    return ArticleExtraction(article, tuple(mentions), tuple(relations))


def resolved(*extractions):
    return resolve([(x.article.id, x.mentions) for x in extractions])


def test_one_meeting_per_pair_with_the_first_place_and_date_given():
    x = report("a", "2025-03-14", ("Steve Witkoff a rencontré Vladimir Poutine.", None, None),
               ("Steve Witkoff a rencontré Vladimir Poutine à Moscou jeudi.", "Moscou", "jeudi"))
    resolution = resolved(x)
    [meeting] = article_meetings(x, resolution)
    assert meeting.evidence == (0, 1)
    assert resolution.entities[meeting.place].label == "Moscou"
    assert meeting.when == "jeudi" and meeting.day.isoformat() == "2025-03-13"


def test_the_summary_counts_articles_and_keeps_the_oldest_report():
    newer = report("a_newer", "2025-03-20", ("Steve Witkoff a rencontré Vladimir Poutine à Riyad.", "Riyad", None))
    older = report("z_older", "2025-03-01", ("Steve Witkoff a rencontré Vladimir Poutine à Moscou.", "Moscou", None))
    resolution = resolved(newer, older)
    graph = merged_graph([newer, older], resolution)
    ranks = {q.subject.value: int(q.object.value) for q in article_catalogue([newer, older])
             if q.predicate.value == str(NG.corpusRank)}
    assert ranks == {str(article_iri("z_older")): 1, str(article_iri("a_newer")): 2}
    [summary] = graph.subjects(RDF.type, NG.MeetingSummary)
    assert graph.value(summary, NG.supportCount).toPython() == 2
    assert "Moscou" in str(graph.value(summary, NG.sentence))
    assert str(graph.value(graph.value(summary, SCHEMA.location), RDFS.label)) == "Moscou"
    assert len(set(graph.objects(summary, NG.participant))) == 2


def test_evidence_points_to_the_statement_of_its_triple():
    x = report("a", None, ("Steve Witkoff a rencontré Vladimir Poutine.", None, None))
    resolution = resolved(x)
    iris = entity_iris(resolution)
    graph = merged_graph([x], resolution, iris)
    [supported] = {q.object.value for q in article_quads(x, resolution, iris) if q.predicate.value == str(NG.supports)}
    statement = URIRef(supported)
    assert graph.value(statement, RDF.type) == RDF.Statement
    assert graph.value(statement, RDF.predicate) == NG.met
    assert graph.value(statement, NG.supportCount).toPython() == 1
