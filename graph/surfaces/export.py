"""Exports of a build: RDF in every common syntax, and the actor network for Gephi/Cytoscape.

``ttl`` and ``nt`` hold the merged graph; ``trig``, ``nq`` and ``jsonld`` the whole
dataset (named graph per article included); ``graphml`` and ``gexf`` the actor network
with entity type, relation type and weight (number of supporting articles).
"""
from __future__ import annotations

import io
from typing import BinaryIO
from xml.etree import ElementTree

import networkx as nx
import pyoxigraph as ox
from rdflib import Dataset

from graph.surfaces.network import actor_network, dataset_evidence
from ontology.namespace import EXPORT_PREFIXES, SYMMETRIC_RELATIONS

__all__ = ["FORMATS", "export", "dataset_from_store"]

_RDF = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}
FORMATS = (*_RDF, "jsonld", "graphml", "gexf")


def dataset_from_store(store: ox.Store) -> Dataset:
    ds = Dataset()
    ds.parse(data=store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    return ds


def _flat_network(ds: Dataset) -> nx.MultiDiGraph:
    """One edge per relation and pair, attributes as plain values (GraphML/GEXF need them).

    Node ids are ``n0``, ``n1``… (an IRI is no XML NMTOKEN), the IRI kept as the ``iri``
    attribute; edge ids ``e0``, ``e1``…, unique; ``weight`` is the relation's number of
    articles (both directions of a symmetric one counted once, as ``ng:supportCount``)."""
    network = actor_network(ds.default_graph, dataset_evidence(ds))
    flat = nx.MultiDiGraph()
    ids = {}
    for n, (node, data) in enumerate(sorted(network.nodes(data=True))):
        ids[node] = f"n{n}"
        flat.add_node(ids[node], label=data["label"], type=data["type"], iri=node)
    edges = sorted(network.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"]))
    for n, (s, o, data) in enumerate(edges):
        flat.add_edge(ids[s], ids[o], key=f"e{n}", label=data["relation"], relation=data["relation"],
                      weight=data["support"], symmetric=data["relation"] in SYMMETRIC_RELATIONS,
                      evidence=" || ".join(sentence for sentence, _ in data["evidence"][:5]))
    return flat


_GEXF = "http://www.gexf.net/1.2draft"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _gexf_to_schema(data: bytes) -> bytes:
    """networkx's GEXF made valid for the version it declares (1.2draft): no ``name`` on
    ``<graph>``, and no ``networkx_key`` attribute (the edge's id already tells edges apart)."""
    ElementTree.register_namespace("", _GEXF)
    ElementTree.register_namespace("xsi", _XSI)
    root = ElementTree.fromstring(data)
    for graph in root.iter(f"{{{_GEXF}}}graph"):
        graph.attrib.pop("name", None)
    keys = set()
    for attributes in root.iter(f"{{{_GEXF}}}attributes"):
        for attribute in list(attributes):
            if attribute.get("title") == "networkx_key":
                keys.add(attribute.get("id"))
                attributes.remove(attribute)
    for values in root.iter(f"{{{_GEXF}}}attvalues"):
        for value in list(values):
            if value.get("for") in keys:
                values.remove(value)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def export(store: ox.Store, fmt: str, output: BinaryIO | None = None) -> bytes | None:
    """``store`` in format ``fmt``: written to ``output`` if given, else returned."""
    if fmt in _RDF:  # Oxigraph's own serialisers, straight from the store
        default_only = ox.DefaultGraph() if fmt in ("ttl", "nt") else None
        prefixes = EXPORT_PREFIXES if fmt in ("ttl", "trig") else None
        return store.dump(output, _RDF[fmt], from_graph=default_only, prefixes=prefixes)
    data = _networkx_or_jsonld(store, fmt)
    if output is None:
        return data
    output.write(data)
    return None


def _networkx_or_jsonld(store: ox.Store, fmt: str) -> bytes:
    ds = dataset_from_store(store)
    if fmt == "jsonld":
        return ds.serialize(format="json-ld", encoding="utf-8")
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(_flat_network(ds), buffer)
    elif fmt == "gexf":
        nx.write_gexf(_flat_network(ds), buffer)
        buffer = io.BytesIO(_gexf_to_schema(buffer.getvalue()))
    else:
        raise ValueError(f"unknown format {fmt!r} ({', '.join(FORMATS)})")
    return buffer.getvalue()
