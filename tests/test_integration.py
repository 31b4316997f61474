"""The real French model on the bundled samples and on short unseen sentences."""
from pathlib import Path

import pytest
from rdflib.namespace import RDF, RDFS

from corpus import default_corpus, read_articles
from graph.build import build
from graph.surfaces.evaluate import evaluate, load_gold, load_graph
from graph.extraction.extract import extract_doc
from ontology.namespace import CORE_CLASSES, NG
from tests.conftest import make_article, triples

pytestmark = pytest.mark.model
GOLD = Path(__file__).parent / "data" / "seeds.json"


@pytest.fixture(scope="module")
def sample_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return build([default_corpus()], out), out


def test_every_article_has_its_named_graph(sample_build):
    result, out = sample_build
    ds = load_graph(out / "graph.trig")
    ids = {a.id for a in read_articles([default_corpus()])}
    graphs = {str(g.identifier).rsplit("/", 1)[-1] for g in ds.graphs() if len(g)}
    assert ids <= graphs
    assert result.articles == 5 and not result.skipped


def test_entity_nodes_are_typed_and_labelled(sample_build):
    _, out = sample_build
    ds = load_graph(out / "graph.trig")
    typed = {s for c in CORE_CLASSES for s in ds.subjects(RDF.type, NG[c])}
    assert len(typed) > 20
    assert all(ds.value(node, RDFS.label) for node in typed)


def test_samples_score_against_the_seed_gold(sample_build):
    _, out = sample_build
    report = evaluate(load_gold(GOLD), load_graph(out / "graph.trig"))
    assert report.articles_with_graph == 5
    assert report.entity_recall >= 0.97 and report.entity_precision >= 0.95
    assert report.duplicate_nodes == 0 and not report.false_merges
    assert report.relation_precision >= 0.9 and report.relation_recall >= 0.85


def test_outputs_are_written(sample_build):
    result, _ = sample_build
    assert all(p.stat().st_size > 0 for p in result.outputs)


def run(nlp, text):
    article = make_article(text)
    return triples(extract_doc(nlp(article.text), article))


@pytest.mark.parametrize("text, expected", [
    ("Le ministre russe des Affaires étrangères, Sergueï Lavrov, a reçu son homologue turc Hakan Fidan à Moscou.",
     {("Sergueï Lavrov", "ministerOf", "russe"), ("Sergueï Lavrov", "met", "Hakan Fidan")}),
    ("Marco Rubio s'est entretenu par téléphone avec Sergueï Lavrov.",
     {("Marco Rubio", "spokeWith", "Sergueï Lavrov")}),
    ("Des pourparlers entre la Russie et l'Ukraine se sont ouverts à Istanbul.",
     {("Russie", "negotiatesWith", "Ukraine")}),
    ("Roustem Oumerov, chef de la délégation ukrainienne, est arrivé à Genève.",
     {("Roustem Oumerov", "negotiatorFor", "ukrainienne")}),
    ("La Russie revendique Donetsk, Louhansk, Kherson et Zaporijjia.",
     {("Russie", "claims", p) for p in ("Donetsk", "Louhansk", "Kherson", "Zaporijjia")}),
])
def test_rules_fire_on_unseen_sentences(nlp, text, expected):
    assert expected <= run(nlp, text)


@pytest.mark.parametrize("text", [
    "Le Kremlin a exclu toute rencontre entre Vladimir Poutine et Volodymyr Zelensky.",
    "Donald Trump n'a pas rencontré Vladimir Poutine.",
])
def test_ruled_out_meetings_give_nothing(nlp, text):
    assert not {t for t in run(nlp, text) if t[1] in ("met", "spokeWith")}


def test_announced_meeting_is_kept_and_marked_planned(nlp):
    article = make_article("Steve Witkoff doit rencontrer Vladimir Poutine jeudi.")
    [relation] = [r for r in extract_doc(nlp(article.text), article).relations if r.predicate == "met"]
    assert relation.evidence.planned


def test_a_capital_claims_for_its_state(nlp):
    article = make_article("Moscou exige que l'Ukraine cède Donetsk et Louhansk.")
    claims = {(r.subject.gazetteer_id, r.object.text) for r in extract_doc(nlp(article.text), article).relations
              if r.predicate == "claims"}
    assert claims == {("russia", "Donetsk"), ("russia", "Louhansk")}


@pytest.mark.parametrize("text, expected", [
    ("Le président américain Donald Trump et son homologue russe Vladimir Poutine se sont rencontrés à Anchorage.",
     {("Donald Trump", "leaderOf", "américain"), ("Vladimir Poutine", "leaderOf", "russe"),
      ("Donald Trump", "met", "Vladimir Poutine")}),
    ("Les délégations russe et ukrainienne se sont retrouvées vendredi à Istanbul, en Turquie.",
     {("russe", "negotiatesWith", "ukrainienne"), ("Istanbul", "locatedIn", "Turquie")}),
    ("Moscou réclame le retrait des troupes ukrainiennes des régions de Donetsk et Kherson.",
     {("Moscou", "claims", "Donetsk"), ("Moscou", "claims", "Kherson")}),
    ("Donald Trump a eu un appel téléphonique avec Volodymyr Zelensky.",
     {("Donald Trump", "spokeWith", "Volodymyr Zelensky")}),
])
def test_more_unseen_shapes(nlp, text, expected):
    assert expected <= run(nlp, text)


def test_a_delegation_does_not_reach_into_the_next_clause(nlp):
    found = run(nlp, "La délégation russe était dirigée par Vladimir Medinski, tandis que la délégation "
                     "ukrainienne était conduite par Roustem Oumerov.")
    assert {t for t in found if t[1] == "negotiatorFor"} == {
        ("Vladimir Medinski", "negotiatorFor", "russe"), ("Roustem Oumerov", "negotiatorFor", "ukrainienne")}


def test_a_venue_is_not_a_claimed_territory(nlp):
    found = run(nlp, "À Istanbul, la Russie a revendiqué Donetsk.")
    assert ("Russie", "claims", "Donetsk") in found
    assert not {t for t in found if t[1] == "claims" and t[2] == "Istanbul"}


def test_a_description_stands_for_the_actor_it_named(nlp):
    article = make_article("Le président russe Vladimir Poutine a parlé lundi. "
                           "Jeudi, le président russe a reçu Steve Witkoff au Kremlin.")
    [met] = [r for r in extract_doc(nlp(article.text), article).relations if r.predicate == "met"]
    assert met.subject.refers_to.text == "Vladimir Poutine" and met.object.text == "Steve Witkoff"


def test_an_unknown_description_stays_unresolved(nlp):
    from graph.resolution.resolve import resolve
    article = make_article("Le ministre russe a rencontré Marco Rubio.")
    extraction = extract_doc(nlp(article.text), article)
    resolution = resolve([(article.id, extraction.mentions)], roles=[(article.id, r) for r in extraction.relations])
    stated = {(r.predicate, resolution.entities[o].label) for _, r, _, o in resolution.relations_of(extraction)}
    assert ("met", "Marco Rubio") not in stated  # no one of the article is known as the Russian minister


def test_every_evidence_quotes_its_file(sample_build):
    _, out = sample_build
    ds = load_graph(out / "graph.trig")
    checked = 0
    for graph in ds.graphs():
        for node in graph.subjects(RDF.type, NG.Evidence):
            source = ds.value(graph.value(node, NG.statedIn), NG.sourceFile)
            text = Path(str(source)).read_text(encoding="utf-8")
            start, end = int(graph.value(node, NG.startOffset)), int(graph.value(node, NG.endOffset))
            assert text[start:end] == str(graph.value(node, NG.sentence))
            checked += 1
    assert checked >= 40


def test_meetings_are_events_with_place_and_date(nlp):
    from dataclasses import replace
    from graph.rdf.dataset import build_dataset
    from graph.resolution.resolve import resolve
    article = replace(make_article("Steve Witkoff doit rencontrer Vladimir Poutine jeudi à Moscou."),
                      published="2025-12-16")
    extraction = extract_doc(nlp(article.text), article)
    ds = build_dataset([extraction], resolve([(article.id, extraction.mentions)]))
    rows = list(ds.query("""
        PREFIX ng: <https://w3id.org/newsgraph/ns#> PREFIX schema: <http://schema.org/>
        SELECT ?place ?text ?day ?planned (COUNT(?p) AS ?n) WHERE { GRAPH ?g {
          ?m a ng:Meeting ; ng:participant ?p ; schema:location ?place ; ng:dateText ?text ;
             schema:startDate ?day ; ng:planned ?planned } } GROUP BY ?place ?text ?day ?planned"""))
    assert [(str(r[0]).rsplit("/", 1)[-1], str(r[1]), str(r[2]), r[3].toPython(), int(r[4])) for r in rows] == [
        ("moscow", "jeudi", "2025-12-18", True, 2)]


def test_named_listings_agree_with_the_article_graphs(sample_build):
    from ontology.namespace import PREFIXES
    from graph.surfaces.query import named_queries, run_query
    from graph.rdf.store import open_store
    store = open_store(sample_build[1])

    def run(name, **params):
        query = named_queries()[name]
        return list(run_query(store, query.text, params, declared=query.params))

    pairs_in_articles = {(r["pa"].value, r["pb"].value): int(r["n"].value) for r in store.query("""
        SELECT ?pa ?pb (COUNT(DISTINCT ?g) AS ?n) WHERE {
          GRAPH ?g { ?m a ng:Meeting ; ng:participant ?a , ?b } FILTER(STR(?a) < STR(?b))
          ?a rdfs:label ?pa . ?b rdfs:label ?pb } GROUP BY ?pa ?pb""", prefixes=PREFIXES)}
    pairs = run("who-met-whom")
    assert pairs_in_articles and {(r["person"].value, r["other"].value): int(r["articles"].value)
                                  for r in pairs} == pairs_in_articles
    assert [int(r["articles"].value) for r in pairs] == sorted((int(r["articles"].value) for r in pairs), reverse=True)
    assert len(run("who-met-whom", limit="1")) == 1
    meetings = list(store.query("SELECT ?m { GRAPH ?g { ?m a ng:Meeting } }", prefixes=PREFIXES))
    assert len(run("meetings-timeline")) == len(meetings) and len(run("meetings-timeline", limit="2")) == 2


def test_neighbourhood_is_everyone_within_two_hops(sample_build):
    from ontology.namespace import PREFIXES
    from graph.surfaces.query import named_queries, run_query
    from graph.rdf.store import open_store
    store = open_store(sample_build[1])
    edges = {}
    for row in store.query("SELECT ?a ?b { ?a ng:relation ?b }", prefixes=PREFIXES):
        edges.setdefault(row["a"].value, set()).add(row["b"].value)
        edges.setdefault(row["b"].value, set()).add(row["a"].value)
    [putin] = [r["e"].value for r in store.query('SELECT ?e { ?e rdfs:label "Vladimir Poutine"@fr }', prefixes=PREFIXES)]
    near = edges[putin] - {putin}
    far = {n for via in near for n in edges[via]} - near - {putin}
    labels = {r["e"].value: r["l"].value for r in store.query("SELECT ?e ?l { ?e rdfs:label ?l }", prefixes=PREFIXES)}
    query = named_queries()["neighbourhood"]
    rows = [(r["neighbour"].value, int(r["distance"].value)) for r in run_query(store, query.text, {"actor": "Vladimir Poutine"}, declared=query.params)]
    assert sorted(rows) == sorted([(labels[n], 1) for n in near] + [(labels[n], 2) for n in far])
