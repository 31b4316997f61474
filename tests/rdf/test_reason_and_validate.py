from rdflib import Dataset, Graph, Literal
from rdflib.namespace import RDF, RDFS

from graph.rdf.reason import infer
from graph.rdf.validate import validate
from ontology.namespace import ID, NG


def test_symmetric_inverse_transitive_and_super_types():
    g = Graph()
    g.add((ID.witkoff, NG.met, ID.putin))
    g.add((ID.russia, NG.claims, ID.donetsk))
    g.add((ID.hallandale, NG.locatedIn, ID.miami))
    g.add((ID.miami, NG.locatedIn, ID.florida))
    g.add((ID.putin, RDF.type, NG.Person))
    assert infer(g) > 0
    assert (ID.putin, NG.met, ID.witkoff) in g
    assert (ID.donetsk, NG.claimedBy, ID.russia) in g
    assert (ID.hallandale, NG.locatedIn, ID.florida) in g
    assert (ID.putin, RDF.type, NG.Actor) in g
    assert (ID.witkoff, NG.relation, ID.putin) in g
    assert infer(g) == 0  # a fixpoint


def well_formed() -> Dataset:
    ds = Dataset()
    d = ds.default_graph
    for node, cls, label in ((ID.putin, NG.Person, "Vladimir Poutine"), (ID.witkoff, NG.Person, "Steve Witkoff"),
                             (ID.russia, NG.Country, "Russie"), (ID.donetsk, NG.Place, "Donetsk")):
        d.add((node, RDF.type, cls))
        d.add((node, RDFS.label, Literal(label, lang="fr")))
    ds.graph(ID.a1).add((ID.witkoff, NG.met, ID.putin))
    ds.graph(ID.a1).add((ID.russia, NG.claims, ID.donetsk))
    return ds


def test_a_well_formed_graph_conforms():
    assert validate(well_formed()) == []


def test_violations_are_reported_with_their_focus_node():
    ds = well_formed()
    ds.graph(ID.a1).add((ID.donetsk, NG.claims, ID.russia))       # a place claiming a state
    ds.default_graph.add((ID.putin, RDFS.label, Literal("Poutine")))  # two preferred labels
    violations = validate(ds)
    focus = {v.focus.rsplit("/", 1)[-1] for v in violations}
    assert {"donetsk", "russia", "putin"} <= focus
    assert any("Only a state claims territory" in v.message for v in violations)


def test_a_whole_store_is_checked_evidence_included(tmp_path):
    import pyoxigraph as ox
    from graph.rdf.store import StoreWriter, open_store
    from graph.rdf.validate import validate_store
    from graph.rdf.dataset import to_oxigraph
    ds = well_formed()
    evidence = ID["evidence/a1/0"]
    ds.graph(ID.a1).add((evidence, RDF.type, NG.Evidence))       # no subject, sentence, offsets…
    quads = [ox.Quad(*map(to_oxigraph, (s, p, o)), ox.DefaultGraph() if g == ds.default_graph.identifier
                     else to_oxigraph(g)) for s, p, o, g in ds.quads((None, None, None, None))]
    with StoreWriter(tmp_path, {str(ID.a1): "d"}) as writer:
        writer.add(ox.serialize(quads, format=ox.RdfFormat.TRIG))
        writer.commit()
    violations = validate_store(open_store(tmp_path))
    assert {v.focus for v in violations} == {str(evidence)}
    assert len(violations) >= 5


def test_the_store_check_covers_the_articles_catalogue(tmp_path):
    import pyoxigraph as ox
    from graph.build import build
    from graph.rdf.store import open_store
    from graph.rdf.validate import validate_store
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a1.txt").write_text("Titre\nDmitri Peskov, porte-parole du Kremlin, a parlé.", encoding="utf-8")
    build([corpus], tmp_path / "out", model=None)
    assert validate_store(open_store(tmp_path / "out")) == []
    store = ox.Store(str(tmp_path / "out" / "store"))
    [headline] = store.quads_for_pattern(None, ox.NamedNode("http://schema.org/headline"), None, ox.DefaultGraph())
    store.remove(headline)
    store.flush()
    del store
    assert [v.focus for v in validate_store(open_store(tmp_path / "out"))] == [headline.subject.value]
