"""Resolution: one entity per actor across articles, every merge explained.

:mod:`~graph.resolution.resolve` runs the cascade, :mod:`~graph.resolution.similarity`
compares names, :mod:`~graph.resolution.curation` applies the analyst's own decisions.
"""
