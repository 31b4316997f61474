"""The mention normaliser on hand-built docs (blank pipeline, no model): names cut to the
name, with offsets that still point at it in the text."""
import pytest
from spacy.tokens import Span

from graph.extraction.components.mention_normaliser import MentionNormaliser
from ontology.data import NO_GAZETTEER


@pytest.fixture(scope="module")
def normalise(blank_nlp):
    component = MentionNormaliser(NO_GAZETTEER)

    def run(text, spans):
        doc = blank_nlp.make_doc(text)
        doc.ents = [Span(doc, s, e, label=label) for s, e, label in spans]
        doc = component(doc)
        for ent in doc.ents:  # offsets stay true to the text
            assert text[ent.start_char:ent.end_char] == ent.text
        return [(e.text, e.label_) for e in doc.ents], doc
    return run


def test_an_honorific_is_left_out_of_the_name_and_kept_as_its_title(normalise):
    found, doc = normalise("Selon Mme Berglund, tout va bien.", [(1, 3, "Person")])
    assert found == [("Berglund", "Person")]
    assert doc.ents[0]._.title == "Mme"
    assert doc.ents[0].start_char == len("Selon Mme ")


def test_an_honorific_makes_a_person_of_a_place(normalise):
    found, _ = normalise("M. Lindqvist est venu.", [(0, 2, "Place")])
    assert found == [("Lindqvist", "Person")]


def test_a_span_that_is_only_a_title_is_dropped(normalise):
    found, _ = normalise("M. est venu.", [(0, 1, "Person")])
    assert found == []


def test_two_people_after_a_plural_honorific(normalise):
    found, _ = normalise("MM. Okafor et Lindqvist ont parlé.", [(0, 4, "Person")])
    assert found == [("Okafor", "Person"), ("Lindqvist", "Person")]


def test_a_role_glued_before_the_name_is_left_out(normalise):
    found, _ = normalise("Le Premier ministre Ana Ferreira a parlé.", [(1, 5, "Person")])
    assert found == [("Ana Ferreira", "Person")]


def test_an_untyped_span_opened_by_a_title_is_a_person(normalise):
    assert normalise("Le Premier ministre Ana Ferreira a parlé.", [(1, 5, "Untyped")])[0] == [
        ("Ana Ferreira", "Person")]
    assert normalise("La Coupe du monde commence.", [(1, 4, "Untyped")])[0] == []


def test_a_hyphenated_pair_of_names_written_alone_elsewhere_is_two_mentions(normalise):
    text = "Okafor a vu Lindqvist. Le duo Okafor-Lindqvist est solide."
    found, _ = normalise(text, [(0, 1, "Person"), (3, 4, "Person"), (7, 10, "Person")])
    assert found == [("Okafor", "Person"), ("Lindqvist", "Person"), ("Okafor", "Person"), ("Lindqvist", "Person")]


def test_a_pair_noun_splits_a_hyphenated_pair(normalise):
    found, _ = normalise("Le sommet Okafor-Lindqvist aura lieu.", [(2, 5, "Person")])
    assert found == [("Okafor", "Person"), ("Lindqvist", "Person")]


def test_a_hyphenated_name_stays_whole(normalise):
    found, _ = normalise("Il est arrivé à Saint-Pétersbourg puis à Bandar-Abbas.", [(4, 5, "Place"), (7, 10, "Place")])
    assert found == [("Saint-Pétersbourg", "Place"), ("Bandar-Abbas", "Place")]


def test_a_lone_surname_is_the_person_the_article_named(normalise):
    text = "Ana Ferreira est arrivée. Ferreira a parlé avec Ferreira."
    found, _ = normalise(text, [(0, 2, "Person"), (4, 5, "Place")])
    assert found == [("Ana Ferreira", "Person"), ("Ferreira", "Person"), ("Ferreira", "Person")]
