"""RDF output: one named graph per article and a merged default graph.

- default graph, in two parts:
  - :func:`merged_graph`, an rdflib Graph, what is reasoned over and validated at each
    build: entities (core type, ``rdfs:label``, ``skos:altLabel`` for the other names the
    articles use, ``skos:hiddenLabel`` for the gazetteer's spellings they do not, ``ng:nameKey``
    for every one of them, ``owl:sameAs`` Wikidata), the merge log (``ng:MergeDecision``: name, entity, rule, score, article),
    every relation triple once, and for each a ``rdf:Statement`` carrying
    ``ng:supportCount`` (how many articles state it), and an ``ng:MeetingSummary`` for
    each pair of people who met (articles, one sentence, place and date);
  - :func:`article_catalogue`, Oxigraph quads: each article (``schema:NewsArticle``,
    headline, identifier, date, source file, ``ng:corpusRank``: 1 for the oldest). No
    ontology rule applies to them, and there are as many as articles: kept out of
    rdflib, they cost a build a fifth of what they did;
- named graph ``<…/id/article/ID>`` (:func:`article_quads`, Oxigraph quads streamed into
  the store): the relation triples that article states, their ``ng:Evidence``
  (sentence, offsets in the file, rule, confidence, planned, and ``ng:supports``: the
  default graph's ``rdf:Statement``) and ``schema:mentions`` of
  every actor it names, and an ``ng:Meeting`` event for each pair of people it says met
  (participants, ``schema:location``, ``ng:dateText`` as written, ``schema:startDate``
  when the publication date is known).

:func:`build_dataset` joins both in one rdflib Dataset, for small corpora and tests.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from corpus.file_names import printable
from ontology.names import name_key
from ontology.namespace import ID, NG, SCHEMA, SYMMETRIC_RELATIONS, WD, bind_prefixes
from graph.rdf.meetings import ArticleMeeting, MeetingSummary, article_meetings, meeting_summaries
from graph.records import ArticleExtraction
from graph.resolution.resolve import Entity, Resolution, slug

__all__ = ["entity_iri", "article_iri", "article_segment", "decimal_lexical", "entity_iris", "article_quads",
           "article_graph_digest", "merged_graph", "article_catalogue", "records_evidence", "rdflib_triple", "build_dataset", "to_oxigraph", "to_rdflib"]



def entity_iri(entity: Entity) -> URIRef:
    return ID[f"{entity.type.lower()}/{slug(entity.key.split('/')[-1])}"]


# what an IRI may hold as it is (RFC 3987's unreserved characters); anything else in an
# article's id (a space, a quote, « < », « % »...) is percent-encoded, as UTF-8
_IRI_UNSAFE = re.compile(r"[^A-Za-z0-9\-._~\u00c0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U000effff]")


def article_segment(article_id: str) -> str:
    """``article_id`` as one IRI path segment: a file name is any text, an IRI is not.

    >>> article_segment("dépêche 1/2")
    'dépêche%201%2F2'
    """
    return _IRI_UNSAFE.sub(lambda m: quote(m.group().encode("utf-8", "surrogatepass"), safe=""), article_id)


def article_iri(article_id: str) -> URIRef:
    return ID[f"article/{article_segment(article_id)}"]


def entity_iris(resolution: Resolution) -> dict[str, URIRef]:
    return {key: entity_iri(entity) for key, entity in resolution.entities.items()}


# ------------------------------------------------------------------ article graphs
@lru_cache(maxsize=1 << 16)  # entity and vocabulary IRIs recur in every article graph
def _node(iri: URIRef) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


_O = {name: _node(iri) for name, iri in {
    "type": RDF.type, "subject": RDF.subject, "predicate": RDF.predicate, "object": RDF.object,
    "Evidence": NG.Evidence, "Meeting": NG.Meeting, "statedIn": NG.statedIn, "sentence": NG.sentence,
    "startOffset": NG.startOffset, "endOffset": NG.endOffset, "rule": NG.rule, "confidence": NG.confidence,
    "planned": NG.planned, "participant": NG.participant, "evidence": NG.evidence, "dateText": NG.dateText,
    "supports": NG.supports, "sourceFile": NG.sourceFile, "corpusRank": NG.corpusRank,
    "NewsArticle": SCHEMA.NewsArticle, "headline": SCHEMA.headline, "identifier": SCHEMA.identifier,
    "datePublished": SCHEMA.datePublished, "mentions": SCHEMA.mentions, "location": SCHEMA.location, "startDate": SCHEMA.startDate,
    "publisher": SCHEMA.publisher, "url": SCHEMA.url, "author": SCHEMA.author}.items()}
_INTEGER, _DECIMAL, _BOOLEAN, _DATE = (_node(XSD.integer), _node(XSD.decimal), _node(XSD.boolean), _node(XSD.date))
_DATETIME = _node(XSD.dateTime)


def _boolean(value: bool) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=_BOOLEAN)


def decimal_lexical(value: float) -> str:
    """``value`` to three places as ``xsd:decimal`` in the form Oxigraph keeps (« 1 », « 0.75 »),
    so graph.trig and the store hold the same literal.

    >>> decimal_lexical(1.0), decimal_lexical(0.7501), decimal_lexical(0.0)
    ('1', '0.75', '0')
    """
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


def article_quads(extraction: ArticleExtraction, resolution: Resolution,
                  iris: dict[str, URIRef]) -> list[ox.Quad]:
    """The named graph of one article, as Oxigraph quads."""
    article = extraction.article
    graph = _node(article_iri(article.id))

    def entity(key: str) -> ox.NamedNode:
        return _node(iris[key])

    quads: dict[ox.Quad, None] = {}  # a triple an article states three times is one quad, as in the store

    def add(s, p, o) -> None:
        quads[ox.Quad(s, p, o, graph)] = None

    for key in dict.fromkeys(resolution.assignment.get((article.id, m)) for m in extraction.mentions):
        if key:
            add(graph, _O["mentions"], entity(key))
    evidence: dict[int, ox.NamedNode] = {}
    for n, relation, s_key, o_key in resolution.relations_of(extraction):
        s, p, o = entity(s_key), _node(NG[relation.predicate]), entity(o_key)
        add(s, p, o)
        ev = relation.evidence
        node = evidence[n] = ox.NamedNode(f"{ID}evidence/{article_segment(article.id)}/{n}")
        for predicate, value in (
                ("type", _O["Evidence"]), ("subject", s), ("predicate", p), ("object", o), ("statedIn", graph),
                ("supports", _node(_statement_iri(iris[s_key], NG[relation.predicate], iris[o_key]))),
                ("sentence", ox.Literal(ev.sentence, language="fr")),
                ("startOffset", ox.Literal(str(ev.start), datatype=_INTEGER)),
                ("endOffset", ox.Literal(str(ev.end), datatype=_INTEGER)),
                ("rule", ox.Literal(ev.rule)),
                ("confidence", ox.Literal(decimal_lexical(ev.confidence), datatype=_DECIMAL)),
                ("planned", _boolean(ev.planned))):
            add(node, _O[predicate], value)
    for n, meeting in enumerate(article_meetings(extraction, resolution)):
        node = ox.NamedNode(f"{ID}meeting/{article_segment(article.id)}/{n}")
        add(node, _O["type"], _O["Meeting"])
        add(node, _O["planned"], _boolean(meeting.planned))
        for person in meeting.people:
            add(node, _O["participant"], entity(person))
        for number in meeting.evidence:
            add(node, _O["evidence"], evidence[number])
        if meeting.place:
            add(node, _O["location"], entity(meeting.place))
        if meeting.when:
            add(node, _O["dateText"], ox.Literal(meeting.when, language="fr"))
        if meeting.day:
            add(node, _O["startDate"], ox.Literal(meeting.day.isoformat(), datatype=_DATE))
    return list(quads)


_CODE = hashlib.sha256(b"".join(files("graph.rdf").joinpath(name).read_bytes()
                                 for name in ("dataset.py", "meetings.py"))).hexdigest()


def article_graph_digest(extraction: ArticleExtraction, resolution: Resolution, iris: dict[str, URIRef],
                         pipeline: str) -> str:
    """A digest of everything an article graph is made from: the article, the pipeline
    that read it, this module, and the entities its mentions resolved to. Equal digests,
    equal graphs; a build rewrites only the article graphs whose digest changed."""
    article = extraction.article
    digest = hashlib.sha256("\0".join((_CODE, pipeline, article.id, article.source, article.title,
                                       article.published or "", article.original)).encode("utf-8", "surrogatepass"))
    assignment, article_id = resolution.assignment, article.id
    digest.update("".join([f"\0{iris[key] if (key := assignment.get((article_id, mention))) else ''}"
                           for mention in extraction.mentions]).encode())
    digest.update("".join([f"\1{iris[key] if relation.place and (key := assignment.get((article_id, relation.place))) else ''}"
                           for relation in extraction.relations]).encode())
    return digest.hexdigest()[:32]


# ------------------------------------------------------------------ merged graph
def _statement_iri(s: URIRef, p: URIRef, o: URIRef) -> URIRef:
    digest = hashlib.sha1(f"{s} {p} {o}".encode()).hexdigest()[:16]
    return ID[f"statement/{digest}"]


def merged_graph(extractions: Iterable[ArticleExtraction], resolution: Resolution,
                 iris: dict[str, URIRef] | None = None) -> Graph:
    """The reasoned part of the default graph: entities, merge log, each relation once
    with its support, meeting summaries (the articles are in :func:`article_catalogue`)."""
    iris = iris or entity_iris(resolution)
    graph = Graph()
    bind_prefixes(graph)
    add = graph.add
    for key, entity in resolution.entities.items():
        node = iris[key]
        add((node, RDF.type, NG[entity.type]))
        add((node, RDFS.label, Literal(entity.label, lang="fr")))
        for name in entity.names:
            if name != entity.label:
                add((node, SKOS.altLabel, Literal(name)))
        if entity.wikidata:
            add((node, OWL.sameAs, WD[entity.wikidata]))
        add((node, NG.mentionCount, Literal(entity.mention_count)))
        for name in entity.known_names:  # found by any spelling, shown by those the articles use
            add((node, SKOS.hiddenLabel, Literal(name)))
        for key_name in {name_key(name) for name in (entity.label, *entity.names, *entity.known_names)}:
            add((node, NG.nameKey, Literal(key_name)))

    for n, merge in enumerate(resolution.merges):
        node = ID[f"merge/{n}"]
        for p, o in ((RDF.type, NG.MergeDecision), (NG.mergedInto, iris[merge.entity]),
                     (NG.memberName, Literal(merge.name)), (NG.rule, Literal(merge.rule)),
                     (NG.confidence, Literal(decimal_lexical(merge.score), datatype=XSD.decimal)),
                     (NG.statedIn, article_iri(merge.article))):
            add((node, p, o))

    support: dict[tuple, set[str]] = defaultdict(set)
    extractions = list(extractions)
    meetings: dict[str, list[ArticleMeeting]] = {}
    for extraction in extractions:
        article = extraction.article
        for _, relation, s_key, o_key in resolution.relations_of(extraction):
            support[(iris[s_key], NG[relation.predicate], iris[o_key])].add(article.id)
        meetings[article.id] = article_meetings(extraction, resolution)
    symmetric = {NG[name] for name in SYMMETRIC_RELATIONS}
    for triple, articles in support.items():
        if triple[1] in symmetric:  # « A met B » and « B met A » are one fact: its articles are both's
            articles = articles | support.get((triple[2], triple[1], triple[0]), set())
        add(triple)
        statement = _statement_iri(*triple)
        for p, o in ((RDF.type, RDF.Statement), (RDF.subject, triple[0]), (RDF.predicate, triple[1]),
                     (RDF.object, triple[2]), (NG.supportCount, Literal(len(articles)))):
            add((statement, p, o))
    in_order = ((article.id, meeting) for article in _corpus_order(extractions) for meeting in meetings[article.id])
    for summary in meeting_summaries(in_order):
        _add_summary(graph, summary, iris)
    return graph


def _corpus_order(extractions: Iterable[ArticleExtraction]) -> list:
    """The articles, oldest first (undated ones first), then by identifier."""
    return sorted((x.article for x in extractions), key=lambda a: (a.published or "", a.id))


def article_catalogue(extractions: Iterable[ArticleExtraction]) -> list[ox.Quad]:
    """The default graph's description of each article, as Oxigraph quads."""
    quads: list[ox.Quad] = []
    default = ox.DefaultGraph()
    for rank, article in enumerate(_corpus_order(extractions), 1):
        node = _node(article_iri(article.id))
        for predicate, value in (
                (_O["type"], _O["NewsArticle"]), (_O["headline"], ox.Literal(article.title, language="fr")),
                (_O["identifier"], ox.Literal(article.id)), (_O["sourceFile"], ox.Literal(printable(article.source))),
                (_O["datePublished"], _published(article.published)),
                (_O["publisher"], ox.Literal(article.outlet) if article.outlet else None),
                (_O["url"], _url(article.url)),
                (_O["author"], ox.Literal(article.author) if article.author else None),
                (_O["corpusRank"], ox.Literal(str(rank), datatype=_INTEGER))):
            if value is not None:
                quads.append(ox.Quad(node, predicate, value, default))
    return quads


def _published(value: str | None) -> ox.Literal | None:
    """An ISO date as ``xsd:date``, a date and time as ``xsd:dateTime`` (the readers keep no other)."""
    if not value:
        return None
    if len(value) == 10:
        return ox.Literal(value, datatype=_DATE)
    return ox.Literal(value.replace(" ", "T", 1), datatype=_DATETIME)


def _url(value: str | None) -> ox.NamedNode | ox.Literal | None:
    if not value:
        return None
    try:
        return ox.NamedNode(value) if value.startswith(("http://", "https://")) else ox.Literal(value)
    except ValueError:  # not a valid IRI (a space, say): kept as text
        return ox.Literal(value)


def _add_summary(graph: Graph, summary: MeetingSummary, iris: dict[str, URIRef]) -> None:
    people = sorted(str(iris[key]) for key in summary.people)
    node = ID[f"meetings/{hashlib.sha1(' '.join(people).encode()).hexdigest()[:16]}"]
    graph.add((node, RDF.type, NG.MeetingSummary))
    for key in summary.people:
        graph.add((node, NG.participant, iris[key]))
    graph.add((node, NG.supportCount, Literal(len(summary.articles))))
    graph.add((node, NG.planned, Literal(summary.planned)))
    graph.add((node, NG.sentence, Literal(summary.sentence, lang="fr")))
    if summary.place:
        graph.add((node, SCHEMA.location, iris[summary.place]))
    if summary.when:
        graph.add((node, NG.dateText, Literal(summary.when, lang="fr")))
    if summary.day:
        graph.add((node, SCHEMA.startDate, Literal(summary.day.isoformat(), datatype=XSD.date)))


def records_evidence(extractions: Iterable[ArticleExtraction], resolution: Resolution,
                     iris: dict[str, URIRef]) -> dict[tuple, list[tuple[str, str]]]:
    """``(sentence, article title)`` pairs behind each relation triple, read from the records."""
    evidence: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
    for extraction in extractions:
        for _, relation, s_key, o_key in resolution.relations_of(extraction):
            evidence[(iris[s_key], NG[relation.predicate], iris[o_key])].append(
                (relation.evidence.sentence, extraction.article.title))
    return evidence


# ------------------------------------------------------------------ conversions
def to_oxigraph(term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return _node(term)
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)


def to_rdflib(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def rdflib_triple(quad: ox.Quad) -> tuple:
    """The triple of an Oxigraph quad, in rdflib terms."""
    return to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)


def build_dataset(extractions: Iterable[ArticleExtraction], resolution: Resolution) -> Dataset:
    """The whole dataset in rdflib: the merged default graph and every article graph."""
    extractions = list(extractions)
    iris = entity_iris(resolution)
    ds = Dataset()
    bind_prefixes(ds)
    for triple in merged_graph(extractions, resolution, iris):
        ds.default_graph.add(triple)
    for quad in article_catalogue(extractions):
        ds.default_graph.add(rdflib_triple(quad))
    for extraction in extractions:
        named = ds.graph(article_iri(extraction.article.id))
        for quad in article_quads(extraction, resolution, iris):
            named.add(rdflib_triple(quad))
    return ds
