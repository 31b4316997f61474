"""spaCy components of the newsgraph pipeline; importing this package registers them."""
from graph.extraction.components import (entity_filter, gazetteer_linker, mention_normaliser, participles,
                                         sentence_bounds)

__all__ = ["entity_filter", "gazetteer_linker", "mention_normaliser", "participles", "sentence_bounds"]
