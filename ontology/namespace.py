"""Every vocabulary and prefix newsgraph writes or reads, in one place.

``NG`` is the newsgraph vocabulary (``ontology/newsgraph.ttl``) as an rdflib namespace;
a mistyped term fails loudly. ``PREFIXES`` is the one prefix table: SPARQL queries,
TriG and Turtle outputs and the merged graph all take theirs from it.

>>> NG.met
rdflib.term.URIRef('https://w3id.org/newsgraph/ns#met')
>>> NG.meets
Traceback (most recent call last):
AttributeError: term 'meets' not in namespace 'https://w3id.org/newsgraph/ns#'
"""
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD, DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["NG", "ID", "BASE", "SCHEMA", "WD", "PREFIXES", "EXPORT_PREFIXES", "bind_prefixes",
           "RELATIONS", "SYMMETRIC_RELATIONS", "CORE_CLASSES"]

BASE = "https://w3id.org/newsgraph/"
ID = Namespace(BASE + "id/")
SCHEMA = Namespace("http://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")


class NG(DefinedNamespace):
    _fail = True
    _NS = Namespace(BASE + "ns#")

    # classes
    Actor: URIRef
    Person: URIRef
    Organization: URIRef
    Country: URIRef
    Place: URIRef
    Meeting: URIRef
    MeetingSummary: URIRef
    Evidence: URIRef
    # relations between actors
    relation: URIRef
    met: URIRef
    spokeWith: URIRef
    negotiatesWith: URIRef
    leaderOf: URIRef
    ledBy: URIRef
    spokespersonOf: URIRef
    envoyOf: URIRef
    advisorOf: URIRef
    ministerOf: URIRef
    negotiatorFor: URIRef
    relativeOf: URIRef
    claims: URIRef
    claimedBy: URIRef
    locatedIn: URIRef
    # evidence and provenance
    statedIn: URIRef
    sentence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    rule: URIRef
    confidence: URIRef
    planned: URIRef
    supportCount: URIRef
    supports: URIRef
    corpusRank: URIRef
    sourceFile: URIRef
    mentionCount: URIRef
    nameKey: URIRef
    participant: URIRef
    dateText: URIRef
    evidence: URIRef
    # entity resolution
    MergeDecision: URIRef
    mergedInto: URIRef
    memberName: URIRef


RELATIONS = ("met", "spokeWith", "negotiatesWith", "leaderOf", "spokespersonOf", "envoyOf",
             "advisorOf", "ministerOf", "negotiatorFor", "relativeOf", "claims", "locatedIn")
SYMMETRIC_RELATIONS = frozenset({"met", "spokeWith", "negotiatesWith", "relativeOf"})
CORE_CLASSES = ("Person", "Organization", "Country", "Place")


PREFIXES: dict[str, str] = {
    "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL), "xsd": str(XSD), "skos": str(SKOS),
    "schema": str(SCHEMA), "ng": str(NG), "ngid": str(ID), "wd": str(WD),
}
# Written outputs spell entity IRIs in full: their local parts hold '/', which reads badly as ngid:.
EXPORT_PREFIXES: dict[str, str] = {k: v for k, v in PREFIXES.items() if k != "ngid"}


def bind_prefixes(graph) -> None:
    """Bind every prefix of :data:`PREFIXES` on an rdflib graph."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, Namespace(iri), override=True, replace=True)
