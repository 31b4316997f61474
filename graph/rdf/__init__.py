"""RDF: the dataset a build writes, what the ontology implies, its checks and its store.

:mod:`~graph.rdf.dataset` (article graphs, merged graph, catalogue), :mod:`~graph.rdf.meetings`
(meeting events), :mod:`~graph.rdf.reason` (inference), :mod:`~graph.rdf.validate` (SHACL),
:mod:`~graph.rdf.store` (Oxigraph), :mod:`~graph.rdf.trig` (graph.trig and graph.ttl).
"""
