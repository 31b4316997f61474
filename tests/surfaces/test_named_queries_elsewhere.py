"""Every named query is plain SPARQL 1.1 with a total order: rdflib's own engine, over
graph.trig, gives the store's rows, in the store's order."""
import re

import pytest
from rdflib import Dataset

from graph.rdf.store import open_store
from graph.surfaces.query import bind_parameters, named_queries, run_query
from ontology.namespace import PREFIXES


pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    """The samples built with the model: meetings, roles and evidence to compare."""
    from corpus import default_corpus
    from graph.build import build
    out = tmp_path_factory.mktemp("model-sample-build")
    build([default_corpus()], out)
    dataset = Dataset()
    dataset.parse(out / "graph.trig", format="trig")
    return open_store(out), dataset


def _cell(term) -> str | None:
    """A term's lexical form, whichever engine gave it (Oxigraph's ``value``, rdflib's ``str``)."""
    if term is None:
        return None
    return term.value if type(term).__module__.startswith("pyoxigraph") else str(term)


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_a_named_query_gives_the_same_rows_on_rdflib(engines, name):
    store, dataset = engines
    query = named_queries()[name]
    assert "LATERAL" not in re.sub(r"#[^\n]*", "", query.text).upper()
    params = dict(query.examples)
    if name == "evidence":  # an edge of this build, both ends by name
        [pair] = store.query("SELECT ?a ?b WHERE { ?st a rdf:Statement ; rdf:subject ?x ; rdf:object ?y . "
                             "?x rdfs:label ?a . ?y rdfs:label ?b } ORDER BY ?a ?b LIMIT 1", prefixes=PREFIXES)
        params = {"subject": pair["a"].value, "object": pair["b"].value}
    found = run_query(store, query.text, params, declared=query.params)
    columns = [v.value for v in found.variables]
    ours = [[_cell(row[c]) for c in columns] for row in found]
    sparql = bind_parameters(query.text, params, declared=query.params)
    theirs = [[_cell(row[c]) for c in columns] for row in dataset.query(sparql, initNs=PREFIXES)]
    assert ours == theirs
    assert ours or name in ("claims",), f"{name} gives no row on the samples: the comparison proves little"
