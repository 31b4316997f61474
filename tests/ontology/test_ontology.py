import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from importlib.resources import files

from ontology.data import (LexiconError, inflections, load_gazetteer, load_home_state, load_nationalities,
                           load_roles)
from ontology.names import name_key
from ontology.namespace import EXPORT_PREFIXES, NG, PREFIXES, RELATIONS, SCHEMA, SYMMETRIC_RELATIONS


def ontology_graph() -> Graph:
    return Graph().parse(str(files("ontology").joinpath("newsgraph.ttl")), format="turtle")


def test_every_relation_is_declared_with_french_and_english_labels():
    graph = ontology_graph()
    for name in RELATIONS:
        prop = NG[name]
        assert (prop, RDF.type, OWL.ObjectProperty) in graph
        langs = {label.language for label in graph.objects(prop, RDFS.label)}
        assert {"fr", "en"} <= langs, name
        assert (prop, RDF.type, OWL.SymmetricProperty) in graph or name not in SYMMETRIC_RELATIONS


def test_mistyped_terms_fail_loudly():
    with pytest.raises(AttributeError):
        NG.meets


def test_name_key_folds_spelling_differences():
    assert name_key("l'Alliance atlantique") == name_key("Alliance Atlantique")
    assert name_key("Vladímir Putin") == name_key("vladimir putin")
    assert name_key("Poutine") != name_key("Putin")


def test_gazetteer_knows_spellings_and_types():
    gazetteer = load_gazetteer()
    assert gazetteer.lookup("Kremlin").type == "Organization"
    assert gazetteer.lookup("Lougansk").id == gazetteer.lookup("Louhansk").id
    assert gazetteer.lookup("Organisation du Traité de l'Atlantique Nord").id == "nato"
    assert gazetteer.lookup("Donald Tusk").id != gazetteer.lookup("Donald Trump").id


def test_lexicons_cover_inflections():
    roles = load_roles()
    assert roles["porte-parole"] == "spokespersonOf"
    assert roles["envoyée spéciale"] == "envoyOf"
    assert roles["négociatrice"] == "negotiatorFor"
    assert load_nationalities()["ukrainiennes"] == "ukraine"
    assert {"américain", "américaine", "américains", "américaines"} <= inflections("américain")


def test_a_broken_lexicon_names_file_and_line(tmp_path):
    bad = tmp_path / "roles.tsv"
    bad.write_text("# comment\nporte-parole\tspeaksFor\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"roles.tsv:2: unknown relation 'speaksFor'"):
        load_roles(str(bad))


def test_the_home_state_is_one_state_the_lexicon_names(tmp_path):
    assert load_home_state() == "france"
    unknown = tmp_path / "home.tsv"
    unknown.write_text("# the press's state\natlantis\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"home.tsv: 'atlantis' is not a state the nationality lexicon names"):
        load_home_state(str(unknown))
    two = tmp_path / "two.tsv"
    two.write_text("france\nkenya\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"two.tsv: expected one state, found 2"):
        load_home_state(str(two))


def _ontology_terms() -> set[str]:
    namespace = str(NG)
    return {str(term)[len(namespace):] for term in ontology_graph().all_nodes()
            if isinstance(term, URIRef) and str(term).startswith(namespace)}


def test_every_term_of_the_ontology_file_is_in_the_python_registry_and_back():
    assert _ontology_terms() == set(NG.__annotations__)


def test_relation_names_and_symmetry_agree_with_the_ontology_file():
    graph = ontology_graph()
    declared = {str(p)[len(str(NG)):] for p in graph.subjects(RDFS.subPropertyOf, NG.relation)}
    assert set(RELATIONS) <= declared
    symmetric = {str(p)[len(str(NG)):] for p in graph.subjects(RDF.type, OWL.SymmetricProperty)}
    assert symmetric == set(SYMMETRIC_RELATIONS)


def test_one_prefix_table_serves_queries_and_outputs():
    assert PREFIXES["ng"] == str(NG) and PREFIXES["schema"] == str(SCHEMA)
    assert EXPORT_PREFIXES == {k: v for k, v in PREFIXES.items() if k != "ngid"}
