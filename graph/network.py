"""The actor network: a networkx multigraph read from the built Dataset.

Nodes are entities (``type``, ``label``); edges are relation triples (``relation``,
``support``: number of articles, ``evidence``: ``(sentence, article title)`` pairs).

>>> from rdflib import Dataset
>>> actor_network(Dataset()).number_of_nodes()
0
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx
from rdflib import Dataset
from rdflib.namespace import RDF, RDFS

from ontology.namespace import CORE_CLASSES, NG, RELATIONS, SYMMETRIC_RELATIONS
from .rdf import SCHEMA

__all__ = ["actor_network"]

_CLASSES = {NG[c]: c for c in CORE_CLASSES}
_PREDICATES = {NG[r]: r for r in RELATIONS}


def actor_network(ds: Dataset) -> nx.MultiDiGraph:
    default = ds.default_graph
    graph = nx.MultiDiGraph()
    for node, cls in default.subject_objects(RDF.type):
        if cls in _CLASSES:
            graph.add_node(str(node), type=_CLASSES[cls], label=str(default.value(node, RDFS.label) or node))
    support = {}
    for statement in default.subjects(RDF.type, RDF.Statement):
        key = (default.value(statement, RDF.subject), default.value(statement, RDF.predicate),
               default.value(statement, RDF.object))
        support[key] = int(default.value(statement, NG.supportCount) or 1)
    evidence = defaultdict(list)
    for context in ds.graphs():
        for node in context.subjects(RDF.type, NG.Evidence):
            key = (context.value(node, RDF.subject), context.value(node, RDF.predicate),
                   context.value(node, RDF.object))
            title = default.value(context.value(node, NG.statedIn), SCHEMA.headline)
            evidence[key].append((str(context.value(node, NG.sentence)), str(title or context.identifier)))
    for s, p, o in default:
        if p not in _PREDICATES or str(s) not in graph or str(o) not in graph:
            continue
        name = _PREDICATES[p]
        if name in SYMMETRIC_RELATIONS:
            if graph.has_edge(str(o), str(s), key=name):
                continue  # drawn once, whichever way it was stated or inferred
            found = evidence[(s, p, o)] + evidence[(o, p, s)]
            count = max(support.get((s, p, o), 0), support.get((o, p, s), 0), 1)
        else:
            found, count = evidence[(s, p, o)], support.get((s, p, o), 1)
        graph.add_edge(str(s), str(o), key=name, relation=name, support=count, evidence=sorted(set(found)))
    return graph
