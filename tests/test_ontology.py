import pytest
from rdflib import OWL, RDF, RDFS, Graph
from importlib.resources import files

from ontology.data import LexiconError, inflections, load_gazetteer, load_nationalities, load_roles
from ontology.names import name_key
from ontology.namespace import NG, RELATIONS, SYMMETRIC_RELATIONS


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
