"""RDF output: an rdflib Dataset with one named graph per article and a merged default graph.

- default graph: entities (core type, ``rdfs:label``, ``skos:altLabel``, ``owl:sameAs``
  Wikidata), the merge log (``ng:MergeDecision``: name, entity, rule, score, article),
  articles (``schema:NewsArticle``), every relation triple once, and for each
  a ``rdf:Statement`` carrying ``ng:supportCount`` (how many articles state it);
- named graph ``<…/id/article/ID>``: the relation triples that article states, their
  ``ng:Evidence`` (sentence, offsets in the file, rule, confidence, planned) and
  ``schema:mentions`` of every actor it names, and an ``ng:Meeting`` event for each pair
  of people it says met (participants, ``schema:location``, ``ng:dateText`` as written,
  ``schema:startDate`` when the publication date is known).
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date
from collections.abc import Iterable

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD, Namespace

from ontology.namespace import ID, NG
from .dates import normalise_date
from .records import ArticleExtraction
from .resolve import Entity, Resolution, slug

__all__ = ["SCHEMA", "WD", "build_dataset", "entity_iri", "article_iri"]

SCHEMA = Namespace("http://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")


def entity_iri(entity: Entity) -> URIRef:
    return ID[f"{entity.type.lower()}/{slug(entity.key.split('/')[-1])}"]


def article_iri(article_id: str) -> URIRef:
    return ID[f"article/{article_id}"]


def _statement_iri(s: URIRef, p: URIRef, o: URIRef) -> URIRef:
    digest = hashlib.sha1(f"{s} {p} {o}".encode()).hexdigest()[:16]
    return ID[f"statement/{digest}"]


def _bind(graph: Graph) -> None:
    for prefix, ns in (("ng", NG._NS), ("ngid", ID), ("schema", SCHEMA), ("skos", SKOS),
                       ("owl", OWL), ("wd", WD), ("xsd", XSD)):
        graph.bind(prefix, ns, override=True, replace=True)


def build_dataset(extractions: Iterable[ArticleExtraction], resolution: Resolution) -> Dataset:
    ds = Dataset()
    _bind(ds)
    default = ds.default_graph
    iris = {key: entity_iri(entity) for key, entity in resolution.entities.items()}
    for key, entity in resolution.entities.items():
        node = iris[key]
        default.add((node, RDF.type, NG[entity.type]))
        default.add((node, RDFS.label, Literal(entity.label, lang="fr")))
        for name in entity.names:
            if name != entity.label:
                default.add((node, SKOS.altLabel, Literal(name)))
        if entity.wikidata:
            default.add((node, OWL.sameAs, WD[entity.wikidata]))
        default.add((node, NG.mentionCount, Literal(entity.mention_count)))

    for n, merge in enumerate(resolution.merges):
        node = ID[f"merge/{n}"]
        for p, o in ((RDF.type, NG.MergeDecision), (NG.mergedInto, iris[merge.entity]),
                     (NG.memberName, Literal(merge.name)), (NG.rule, Literal(merge.rule)),
                     (NG.confidence, Literal(round(merge.score, 3), datatype=XSD.decimal)),
                     (NG.statedIn, article_iri(merge.article))):
            default.add((node, p, o))

    support: dict[tuple, set[str]] = defaultdict(set)
    for extraction in extractions:
        article = extraction.article
        graph_iri = article_iri(article.id)
        named = ds.graph(graph_iri)
        default.add((graph_iri, RDF.type, SCHEMA.NewsArticle))
        default.add((graph_iri, SCHEMA.headline, Literal(article.title, lang="fr")))
        default.add((graph_iri, SCHEMA.identifier, Literal(article.id)))
        default.add((graph_iri, NG.sourceFile, Literal(article.source)))
        if article.published:
            default.add((graph_iri, SCHEMA.datePublished, Literal(article.published)))
        for mention in extraction.mentions:
            key = resolution.assignment.get((article.id, mention))
            if key:
                named.add((graph_iri, SCHEMA.mentions, iris[key]))
        meetings: dict[frozenset, URIRef] = {}
        for n, relation in enumerate(extraction.relations):
            s_key = resolution.assignment.get((article.id, relation.subject))
            o_key = resolution.assignment.get((article.id, relation.object))
            if not s_key or not o_key or s_key == o_key:
                continue
            triple = (iris[s_key], NG[relation.predicate], iris[o_key])
            named.add(triple)
            support[triple].add(article.id)
            ev = relation.evidence
            node = ID[f"evidence/{article.id}/{n}"]
            if relation.predicate == "met":
                meeting = meetings.setdefault(frozenset((s_key, o_key)), ID[f"meeting/{article.id}/{len(meetings)}"])
                _add_meeting(named, meeting, triple, node, relation, resolution, iris, article)
            for p, o in ((RDF.type, NG.Evidence), (RDF.subject, triple[0]), (RDF.predicate, triple[1]),
                         (RDF.object, triple[2]), (NG.statedIn, graph_iri),
                         (NG.sentence, Literal(ev.sentence, lang="fr")),
                         (NG.startOffset, Literal(ev.start)), (NG.endOffset, Literal(ev.end)),
                         (NG.rule, Literal(ev.rule)),
                         (NG.confidence, Literal(round(ev.confidence, 3), datatype=XSD.decimal)),
                         (NG.planned, Literal(ev.planned))):
                named.add((node, p, o))
    for triple, articles in support.items():
        default.add(triple)
        statement = _statement_iri(*triple)
        for p, o in ((RDF.type, RDF.Statement), (RDF.subject, triple[0]), (RDF.predicate, triple[1]),
                     (RDF.object, triple[2]), (NG.supportCount, Literal(len(articles)))):
            default.add((statement, p, o))
    return ds


def _add_meeting(named: Graph, meeting: URIRef, triple, evidence: URIRef, relation, resolution: Resolution,
                 iris: dict, article) -> None:
    """A meeting as an event: participants, place, date as written and, if known, as a date."""
    first = (meeting, RDF.type, NG.Meeting) not in named
    named.add((meeting, RDF.type, NG.Meeting))
    named.add((meeting, NG.participant, triple[0]))
    named.add((meeting, NG.participant, triple[2]))
    named.add((meeting, NG.evidence, evidence))
    if first:
        named.add((meeting, NG.planned, Literal(relation.evidence.planned)))
    if relation.place is not None and named.value(meeting, SCHEMA.location) is None:
        place = resolution.assignment.get((article.id, relation.place))
        if place:
            named.add((meeting, SCHEMA.location, iris[place]))
    if relation.when and named.value(meeting, NG.dateText) is None:
        named.add((meeting, NG.dateText, Literal(relation.when, lang="fr")))
        day = normalise_date(relation.when, _published(article), planned=relation.evidence.planned)
        if day is not None:
            named.add((meeting, SCHEMA.startDate, Literal(day, datatype=XSD.date)))


def _published(article) -> date | None:
    try:
        return date.fromisoformat(article.published[:10]) if article.published else None
    except ValueError:
        return None
