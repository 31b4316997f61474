"""Extraction: articles in, mentions and evidenced relations out.

The spaCy pipeline (:mod:`~graph.extraction.pipeline`) with newsgraph's components
(:mod:`~graph.extraction.components`), the relation rules
(:mod:`~graph.extraction.rules`), French date expressions (:mod:`~graph.extraction.dates`)
and the stream that joins them (:mod:`~graph.extraction.extract`).
"""
