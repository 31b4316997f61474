"""What analysts use: SPARQL (:mod:`~graph.surfaces.query`, :mod:`~graph.surfaces.serve`),
exports (:mod:`~graph.surfaces.export`, :mod:`~graph.surfaces.push`), the actor network and
its page (:mod:`~graph.surfaces.network`, :mod:`~graph.surfaces.render`) and scoring
(:mod:`~graph.surfaces.evaluate`).
"""
