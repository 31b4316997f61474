from __future__ import annotations

import importlib.util

import pytest

from corpus import Article, article_from_text, default_corpus
from graph.extraction.pipeline import DEFAULT_MODEL

MODEL_MISSING = importlib.util.find_spec(DEFAULT_MODEL) is None


def pytest_collection_modifyitems(config, items):
    """Tests marked ``model`` skip, with the reason, where the French model is not installed."""
    if not MODEL_MISSING:
        return
    skip = pytest.mark.skip(reason=f"spaCy model {DEFAULT_MODEL} not installed (`make install` installs it)")
    for item in items:
        if "model" in item.keywords or "nlp" in getattr(item, "fixturenames", ()):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def blank_nlp():
    """French tokenizer + newsgraph components, no statistical model."""
    from graph.extraction.pipeline import load_pipeline
    return load_pipeline(model=None)


@pytest.fixture(scope="session")
def nlp():
    """The real French model with newsgraph components (integration tests)."""
    from graph.extraction.pipeline import load_pipeline
    return load_pipeline()


@pytest.fixture(scope="session")
def blank_sample_build(tmp_path_factory):
    """The bundled samples built with a blank pipeline (gazetteer entities, no model): read only."""
    from graph.build import build
    out = tmp_path_factory.mktemp("blank-sample-build")
    build([default_corpus()], out, model=None)
    return out


def make_article(text: str, article_id: str = "t1") -> Article:
    return article_from_text(article_id, text, f"{article_id}.txt")


def triples(extraction) -> set[tuple[str, str, str]]:
    return {(r.subject.text, r.predicate, r.object.text) for r in extraction.relations}
