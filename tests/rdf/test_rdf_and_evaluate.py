import json
from pathlib import Path

from rdflib import Literal
from rdflib.namespace import RDF, RDFS

from graph.surfaces.evaluate import evaluate, load_gold, load_graph
from graph.extraction.extract import extract_doc
from graph.runtime.atomic_files import write_atomic
from graph.surfaces.network import actor_network, dataset_evidence
from graph.rdf.dataset import article_iri, build_dataset
from graph.surfaces.render import network_html
from graph.resolution.resolve import resolve
from ontology.namespace import NG
from tests.conftest import make_article

TEXT = "Titre\n\nDmitri Peskov, porte-parole du Kremlin, a parlé à Djeddah, en Arabie saoudite."


def built(blank_nlp, text=TEXT, article_id="000_abc"):
    article = make_article(text, article_id)
    extraction = extract_doc(blank_nlp(article.text), article)
    resolution = resolve([(article.id, extraction.mentions)])
    return article, build_dataset([extraction], resolution)


def test_relations_live_in_the_article_graph_with_evidence(blank_nlp):
    article, ds = built(blank_nlp)
    named = ds.graph(article_iri(article.id))
    [(s, o)] = list(named.subject_objects(NG.spokespersonOf))
    assert str(ds.default_graph.value(s, RDFS.label)) == "Dmitri Peskov"
    [evidence] = [e for e in named.subjects(RDF.type, NG.Evidence) if named.value(e, RDF.predicate) == NG.spokespersonOf]
    start, end = int(named.value(evidence, NG.startOffset)), int(named.value(evidence, NG.endOffset))
    assert article.original[start:end] == str(named.value(evidence, NG.sentence))
    assert named.value(evidence, NG.rule) == Literal("role:spokespersonOf")


def test_sparql_answers_who_says_so(blank_nlp):
    _, ds = built(blank_nlp)
    rows = list(ds.query("""
        PREFIX ng: <https://w3id.org/newsgraph/ns#>
        SELECT ?g ?sentence WHERE { GRAPH ?g { ?s ng:spokespersonOf ?o .
            ?e rdf:subject ?s ; rdf:predicate ng:spokespersonOf ; ng:sentence ?sentence } }"""))
    assert len(rows) == 1 and str(rows[0][0]).endswith("000_abc")


def gold_for_sample() -> dict:
    return {"entities": {
        "peskov": {"type": "Person", "names": ["Dmitri Peskov", "Peskov"]},
        "kremlin": {"type": "Organization", "names": ["Kremlin"]},
        "jeddah": {"type": "Place", "names": ["Djeddah", "Jeddah"]},
        "saudi": {"type": "Country", "names": ["Arabie saoudite"]},
        "putin": {"type": "Person", "names": ["Poutine"]}},
        "articles": {"000_abc": {"entities": ["peskov", "kremlin", "jeddah", "saudi", "putin"],
                                 "relations": [["peskov", "spokespersonOf", "kremlin"],
                                               ["jeddah", "locatedIn", "saudi"],
                                               ["putin", "met", "peskov"]]}}}


def test_evaluate_counts_hits_misses_and_entities(blank_nlp, tmp_path: Path):
    _, ds = built(blank_nlp)
    path = tmp_path / "graph.trig"
    write_atomic(path, ds.serialize(format="trig"))
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(json.dumps(gold_for_sample()), encoding="utf-8")
    report = evaluate(load_gold(gold_path), load_graph(path))
    assert (report.tp, report.fp, report.fn) == (2, 0, 1)
    assert report.entity_found == 4 and report.entity_required == 5
    assert report.missing_entities == ["putin"]
    assert report.articles_with_graph == 1


def test_network_page_is_offline_and_escapes_nothing_into_markup(blank_nlp):
    _, ds = built(blank_nlp, TEXT + "\n\n<script>alert(1)</script> Le Kremlin.")
    graph = actor_network(ds.default_graph, dataset_evidence(ds))
    assert graph.number_of_nodes() == 4
    page = network_html(graph)
    assert 'src="http' not in page and 'href="http' not in page and "<link" not in page
    assert "vis.Network" in page and "legend" in page
    assert "<script>alert(1)</script>" not in page


def test_write_atomic_leaves_no_temporary_file(tmp_path: Path):
    write_atomic(tmp_path / "out" / "a.ttl", "x")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.ttl"]


def test_merge_log_is_queryable(blank_nlp):
    article = make_article("Titre\n\nDmitri Peskov a parlé. Peskov, porte-parole du Kremlin, a confirmé.", "m1")
    extraction = extract_doc(blank_nlp(article.text), article)
    ds = build_dataset([extraction], resolve([(article.id, extraction.mentions)]))
    rows = {(str(r[0]), str(r[1]), str(r[2])) for r in ds.query("""
        PREFIX ng: <https://w3id.org/newsgraph/ns#>
        SELECT ?name ?label ?rule WHERE { ?m a ng:MergeDecision ; ng:memberName ?name ; ng:rule ?rule ;
                                          ng:mergedInto ?e . ?e rdfs:label ?label }""")}
    assert rows == {("Peskov", "Dmitri Peskov", "gazetteer")}


def test_a_symmetric_relation_is_drawn_once_the_way_it_was_stated():
    from rdflib import Graph, Literal
    from rdflib.namespace import RDF, RDFS
    from ontology.namespace import ID, NG
    for inferred_first in (True, False):
        merged = Graph()
        for node, label in ((ID["person/zed"], "Zed"), (ID["person/abe"], "Abe")):
            merged.add((node, RDF.type, NG.Person))
            merged.add((node, RDFS.label, Literal(label)))
        stated, inferred = (ID["person/zed"], NG.met, ID["person/abe"]), (ID["person/abe"], NG.met, ID["person/zed"])
        for triple in (inferred, stated) if inferred_first else (stated, inferred):
            merged.add(triple)
        statement = ID["statement/1"]
        for p, o in ((RDF.type, RDF.Statement), (RDF.subject, stated[0]), (RDF.predicate, NG.met),
                     (RDF.object, stated[2]), (NG.supportCount, Literal(3))):
            merged.add((statement, p, o))
        graph = actor_network(merged)
        assert [(s, o, data["support"]) for s, o, data in graph.edges(data=True)] == [
            (str(ID["person/zed"]), str(ID["person/abe"]), 3)]
    merged.remove((None, None, None))
    for node in (ID["person/zed"], ID["person/abe"]):
        merged.add((node, RDF.type, NG.Person))
    merged.add(stated)                     # one way only, no statement: drawn as it is
    assert [(s, o) for s, o in actor_network(merged).edges()] == [(str(ID["person/zed"]), str(ID["person/abe"]))]
