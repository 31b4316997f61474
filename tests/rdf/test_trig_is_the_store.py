"""graph.trig and the Oxigraph store of one build hold the same quads, each once, each
literal in one lexical form."""
from collections import Counter

import pyoxigraph as ox
import pytest

from graph.rdf.store import open_store

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def model_build(tmp_path_factory):
    from corpus import default_corpus
    from graph.build import build
    out = tmp_path_factory.mktemp("trig-vs-store")
    build([default_corpus()], out)
    return out


def test_graph_trig_equals_the_store_quad_for_quad(model_build):
    written = list(ox.parse(path=str(model_build / "graph.trig"), format=ox.RdfFormat.TRIG))
    counts = Counter(written)
    assert [q for q, n in counts.items() if n > 1] == []
    stored = set(open_store(model_build))
    assert set(written) == stored
    confidences = {q.object.value for q in written if q.predicate.value.endswith("#confidence")}
    assert confidences and not [c for c in confidences if c.endswith(".0") or c.endswith("0")]


def test_a_symmetric_relation_counts_the_articles_of_both_directions(tmp_path):
    from graph.build import build
    from graph.surfaces.network import actor_network
    from rdflib import Dataset
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a1.txt").write_text("Visite\nVladimir Poutine a rencontré Steve Witkoff jeudi à Moscou.", encoding="utf-8")
    (corpus / "a2.txt").write_text("Retour\nSteve Witkoff a rencontré Vladimir Poutine au Kremlin lundi.", encoding="utf-8")
    build([corpus], tmp_path / "out")
    dataset = Dataset()
    dataset.parse(tmp_path / "out" / "graph.trig", format="trig")
    network = actor_network(dataset.default_graph)
    [met] = [data for _, _, data in network.edges(data=True) if data["relation"] == "met"]
    assert met["support"] == 2
