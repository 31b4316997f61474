"""Inference: materialise what the ontology states, with a small forward-chaining engine.

Rules read from ``ontology/newsgraph.ttl``: symmetric properties both ways, inverse
properties, transitive properties closed, sub-properties and super-classes asserted.
Only these OWL 2 RL rules are applied (a full OWL-RL closure adds thousands of
trivial triples to a news graph); it runs to a fixpoint.

>>> from rdflib import Graph
>>> from ontology.namespace import NG, ID
>>> g = Graph(); _ = g.add((ID.a, NG.met, ID.b))
>>> added = infer(g); (ID.b, NG.met, ID.a) in g
True
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS

__all__ = ["Axioms", "load_axioms", "infer"]


@dataclass(frozen=True)
class Axioms:
    symmetric: frozenset
    transitive: frozenset
    inverse: tuple
    super_properties: dict
    super_classes: dict


def _closure(pairs) -> dict:
    parents: dict = {}
    for child, parent in pairs:
        parents.setdefault(child, set()).add(parent)
    closed = {}
    for start in parents:
        seen, todo = set(), list(parents[start])
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(parents.get(node, ()))
        closed[start] = frozenset(seen)
    return closed


@lru_cache(maxsize=None)
def load_axioms() -> Axioms:
    onto = Graph().parse(str(files("ontology").joinpath("newsgraph.ttl")), format="turtle")
    return Axioms(
        symmetric=frozenset(onto.subjects(RDF.type, OWL.SymmetricProperty)),
        transitive=frozenset(onto.subjects(RDF.type, OWL.TransitiveProperty)),
        inverse=tuple(onto.subject_objects(OWL.inverseOf)),
        super_properties=_closure(onto.subject_objects(RDFS.subPropertyOf)),
        super_classes=_closure(onto.subject_objects(RDFS.subClassOf)),
    )


def _step(graph: Graph, axioms: Axioms) -> set:
    new = set()
    for p in axioms.symmetric:
        new |= {(o, p, s) for s, o in graph.subject_objects(p)}
    for p, q in axioms.inverse:
        new |= {(o, q, s) for s, o in graph.subject_objects(p)}
        new |= {(o, p, s) for s, o in graph.subject_objects(q)}
    for p in axioms.transitive:
        edges = set(graph.subject_objects(p))
        after = {}
        for s, o in edges:
            after.setdefault(s, set()).add(o)
        new |= {(s, p, z) for s, o in edges for z in after.get(o, ())}
    for p, supers in axioms.super_properties.items():
        new |= {(s, q, o) for s, o in graph.subject_objects(p) for q in supers}
    for c, supers in axioms.super_classes.items():
        new |= {(x, RDF.type, d) for x in graph.subjects(RDF.type, c) for d in supers}
    return {t for t in new if t not in graph and t[0] != t[2]}


def infer(graph: Graph, axioms: Axioms | None = None) -> int:
    """Add the triples the ontology implies to ``graph``; returns how many were added."""
    axioms = axioms or load_axioms()
    added = 0
    while True:
        new = _step(graph, axioms)
        if not new:
            return added
        for triple in new:
            graph.add(triple)
        added += len(new)
