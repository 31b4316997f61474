"""The actor network: a networkx multigraph read from the merged graph.

Nodes are entities (``type``, ``label``, ``names``: the label, then every other name the
articles or the gazetteer know); edges are relation triples (``relation``,
``support``: number of articles, ``evidence``: ``(sentence, article title)`` pairs).

>>> from rdflib import Graph
>>> actor_network(Graph()).number_of_nodes()
0
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx
from rdflib import Dataset, Graph
from rdflib.namespace import RDF, RDFS, SKOS

from ontology.namespace import CORE_CLASSES, NG, RELATIONS, SYMMETRIC_RELATIONS
from ontology.namespace import SCHEMA

__all__ = ["actor_network", "dataset_evidence"]

_CLASSES = {NG[c]: c for c in CORE_CLASSES}
_PREDICATES = {NG[r]: r for r in RELATIONS}


def actor_network(merged: Graph, evidence: Mapping[tuple, Iterable[tuple[str, str]]] | None = None) -> nx.MultiDiGraph:
    """The network of the merged graph's actors; ``evidence`` maps a relation triple to the
    ``(sentence, article title)`` pairs that state it (:func:`dataset_evidence`,
    :func:`graph.rdf.dataset.records_evidence`)."""
    evidence = evidence or {}
    graph = nx.MultiDiGraph()
    for node, cls in merged.subject_objects(RDF.type):
        if cls in _CLASSES:
            label = str(merged.value(node, RDFS.label) or node)
            others = sorted({str(n) for p in (SKOS.altLabel, SKOS.hiddenLabel) for n in merged.objects(node, p)})
            graph.add_node(str(node), type=_CLASSES[cls], label=label, names=[label, *others])
    support = {}
    for statement in merged.subjects(RDF.type, RDF.Statement):
        key = (merged.value(statement, RDF.subject), merged.value(statement, RDF.predicate),
               merged.value(statement, RDF.object))
        support[key] = int(merged.value(statement, NG.supportCount) or 1)
    for s, p, o in merged:
        if p not in _PREDICATES or str(s) not in graph or str(o) not in graph:
            continue
        name = _PREDICATES[p]
        if name in SYMMETRIC_RELATIONS:
            if _drawn_backwards(merged, (s, p, o), support):
                continue  # drawn once: the way it was stated, else from the first IRI
            found = [*evidence.get((s, p, o), ()), *evidence.get((o, p, s), ())]
            count = max(support.get((s, p, o), 0), support.get((o, p, s), 0), 1)
        else:
            found, count = list(evidence.get((s, p, o), ())), support.get((s, p, o), 1)
        graph.add_edge(str(s), str(o), key=name, relation=name, support=count, evidence=sorted(set(found)))
    return graph


def _drawn_backwards(merged: Graph, triple: tuple, stated) -> bool:
    """Whether a symmetric triple is left to its reverse, which the graph also holds and
    which is drawn instead: the way an article stated it, else from the smaller IRI."""
    s, p, o = triple
    if (o, p, s) not in merged:
        return False
    forwards, backwards = triple in stated, (o, p, s) in stated
    return backwards and not forwards or forwards == backwards and str(o) < str(s)


def dataset_evidence(ds: Dataset) -> dict[tuple, list[tuple[str, str]]]:
    """``(sentence, article title)`` pairs behind each relation triple of a whole dataset."""
    default = ds.default_graph
    evidence = defaultdict(list)
    for context in ds.graphs():
        for node in context.subjects(RDF.type, NG.Evidence):
            key = (context.value(node, RDF.subject), context.value(node, RDF.predicate),
                   context.value(node, RDF.object))
            title = default.value(context.value(node, NG.statedIn), SCHEMA.headline)
            evidence[key].append((str(context.value(node, NG.sentence)), str(title or context.identifier)))
    return evidence
