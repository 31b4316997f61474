"""The newsgraph vocabulary as an rdflib namespace; a mistyped term fails loudly.

>>> NG.met
rdflib.term.URIRef('https://w3id.org/newsgraph/ns#met')
>>> NG.meets
Traceback (most recent call last):
AttributeError: term 'meets' not in namespace 'https://w3id.org/newsgraph/ns#'
"""
from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = ["NG", "ID", "BASE", "RELATIONS", "SYMMETRIC_RELATIONS", "CORE_CLASSES"]

BASE = "https://w3id.org/newsgraph/"
ID = Namespace(BASE + "id/")


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
