"""SHACL validation of a built graph against ``ontology/shapes.ttl`` (pyshacl).

Data faults (an actor with two labels, a place that claims, a person who is also a
state) live in the merged graph, which holds every entity and every relation triple:
``build`` validates it at each build. The article graphs add the evidence of each
triple, written by one function from typed records; ``newsgraph validate DIR``
(:func:`validate_store`) checks them too, against the evidence shape, a few hundred
article graphs at a time.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, SH

from graph.rdf.dataset import rdflib_triple, to_rdflib
from ontology.namespace import SCHEMA
from graph.rdf.store import GRAPHS_PER_BATCH
from graph.runtime.batches import batched

__all__ = ["Violation", "validate", "validate_article_quads", "validate_store"]

_EVIDENCE_SHAPE = URIRef("https://w3id.org/newsgraph/shapes#EvidenceShape")


@dataclass(frozen=True, slots=True)
class Violation:
    focus: str
    message: str

    def __str__(self) -> str:
        return f"{self.focus}: {self.message}"


@lru_cache(maxsize=None)
def _shapes() -> Graph:
    return Graph().parse(str(files("ontology").joinpath("shapes.ttl")), format="turtle")


@lru_cache(maxsize=None)
def _evidence_shapes() -> Graph:
    return _shapes().cbd(_EVIDENCE_SHAPE)


def _violations(data: Graph, shapes: Graph) -> list[Violation]:
    conforms, report, _ = shacl_validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    if conforms:
        return []
    violations = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus = report.value(result, SH.focusNode)
        message = report.value(result, SH.resultMessage)
        violations.append(Violation(str(focus), str(message)))
    return sorted(violations, key=lambda v: (v.focus, v.message))


def validate(data: Graph) -> list[Violation]:
    """Every SHACL violation of a graph (of the union of its graphs, for a Dataset)."""
    if isinstance(data, Dataset):
        union = Graph()
        for s, p, o, _ in data.quads((None, None, None, None)):
            union.add((s, p, o))
        data = union
    return _violations(data, _shapes())


def validate_article_quads(quads: Iterable[ox.Quad]) -> list[Violation]:
    """Violations of the evidence shape in article graphs given as Oxigraph quads."""
    graph = Graph()
    articles = set()
    for quad in quads:
        graph.add(rdflib_triple(quad))
        articles.add(quad.graph_name)
    for article in articles:  # what the shape checks ``ng:statedIn`` against; stated in the merged graph
        graph.add((to_rdflib(article), RDF.type, SCHEMA.NewsArticle))
    return _violations(graph, _evidence_shapes())


def validate_store(store: ox.Store) -> list[Violation]:
    """Every violation in a built store: the merged graph against all shapes, the
    article graphs against the evidence shape."""
    merged = Graph()
    for quad in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        merged.add(rdflib_triple(quad))
    violations = validate(merged)
    for chunk in batched(store.named_graphs(), GRAPHS_PER_BATCH):
        violations.extend(validate_article_quads(
            quad for graph in chunk for quad in store.quads_for_pattern(None, None, None, graph)))
    return violations
