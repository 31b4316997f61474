"""The examples in the docstrings run and print what they say."""
import doctest
import importlib
import pkgutil

import pytest

import corpus
import graph
import ontology

MODULES = sorted(
    info.name for package in (corpus, graph, ontology)
    for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failed == 0
