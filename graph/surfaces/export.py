"""Exports of a build: RDF in every common syntax, and the actor network for Gephi/Cytoscape.

``ttl`` and ``nt`` hold the merged graph; ``trig``, ``nq`` and ``jsonld`` the whole
dataset (named graph per article included); ``graphml`` and ``gexf`` the actor network
with entity type, relation type and weight (number of supporting articles).
"""
from __future__ import annotations

import io
from typing import BinaryIO

import networkx as nx
import pyoxigraph as ox
from rdflib import Dataset

from graph.surfaces.network import actor_network, dataset_evidence
from ontology.namespace import EXPORT_PREFIXES

__all__ = ["FORMATS", "export", "dataset_from_store"]

_RDF = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}
FORMATS = (*_RDF, "jsonld", "graphml", "gexf")


def dataset_from_store(store: ox.Store) -> Dataset:
    ds = Dataset()
    ds.parse(data=store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    return ds


def _flat_network(ds: Dataset) -> nx.DiGraph:
    """One edge per relation and pair, attributes as plain values (GraphML/GEXF need them)."""
    network = actor_network(ds.default_graph, dataset_evidence(ds))
    flat = nx.MultiDiGraph()
    for node, data in network.nodes(data=True):
        flat.add_node(node, label=data["label"], type=data["type"])
    for s, o, data in network.edges(data=True):
        flat.add_edge(s, o, key=data["relation"], label=data["relation"], relation=data["relation"],
                      weight=data["support"],
                      evidence=" || ".join(sentence for sentence, _ in data["evidence"][:5]))
    return flat


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
    else:
        raise ValueError(f"unknown format {fmt!r} ({', '.join(FORMATS)})")
    return buffer.getvalue()
