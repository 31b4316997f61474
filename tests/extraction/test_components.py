"""spaCy components on a blank French pipeline and hand-built docs (no model needed)."""
from spacy.tokens import Doc, Span

from graph.extraction.components.entity_filter import EntityFilter
from graph.extraction.components.gazetteer_linker import GazetteerLinker
from ontology.data import load_gazetteer


def ents(doc):
    return [(e.text, e.label_, e.kb_id_) for e in doc.ents]


def test_paragraph_break_starts_a_sentence(blank_nlp):
    doc = blank_nlp("Un titre sans point\n\nLa Russie a parlé.")
    starts = [s.text.strip() for s in doc.sents]
    assert starts[0] == "Un titre sans point"
    assert starts[-1] == "La Russie a parlé."


def test_gazetteer_gives_types_and_ids(blank_nlp):
    doc = blank_nlp("Le Kremlin et Washington ont parlé avec Witkoff au sujet de l'OTAN.")
    assert ents(doc) == [("Kremlin", "Organization", "kremlin"), ("Washington", "Place", "washington"),
                         ("Witkoff", "Person", "witkoff"), ("OTAN", "Organization", "nato")]


def test_acronyms_match_only_as_written(blank_nlp):
    assert ents(blank_nlp("Il y a eu des progrès.")) == []


def test_gazetteer_relabels_ner_spans_and_keeps_longer_unknown_names(blank_nlp):
    doc = blank_nlp.make_doc("Melania Trump et Washington arrivent.")
    doc.ents = [Span(doc, 0, 2, label="Person"), Span(doc, 3, 4, label="Person")]
    doc = GazetteerLinker(blank_nlp, load_gazetteer())(doc)
    assert ents(doc) == [("Melania Trump", "Person", ""), ("Washington", "Place", "washington")]


def _doc_with_ents(nlp, words, spaces, spans, pos=None, sent_starts=None):
    doc = Doc(nlp.vocab, words=words, spaces=spaces, pos=pos, sent_starts=sent_starts)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in spans]
    return doc


def test_filter_cuts_spans_at_paragraph_breaks_and_trims_articles(blank_nlp):
    words = ["la", "guerre", "\n\n", "La", "Russie", "et", "l'", "Europe", "."]
    spaces = [True, False, False, True, True, True, False, False, False]
    doc = _doc_with_ents(blank_nlp, words, spaces, [(1, 5, "MISC"), (1, 5, "LOC")][1:] + [(6, 8, "LOC")])
    assert ents(EntityFilter()(doc)) == [("Russie", "Place", ""), ("Europe", "Place", "")]


def test_filter_drops_sentence_initial_common_words_demonyms_and_misc(blank_nlp):
    words = ["Laisser", "un", "commentaire", ".", "Les", "Russes", "et", "l'", "État", "de", "Constitution", "."]
    spaces = [True, True, False, True, True, True, True, False, True, True, False, False]
    pos = ["VERB", "DET", "NOUN", "PUNCT", "DET", "NOUN", "CCONJ", "DET", "NOUN", "ADP", "PROPN", "PUNCT"]
    starts = [True] + [False] * 3 + [True] + [False] * 7
    doc = _doc_with_ents(blank_nlp, words, spaces, [(0, 1, "LOC"), (5, 6, "LOC"), (8, 9, "LOC"), (10, 11, "MISC")],
                         pos=pos, sent_starts=starts)
    assert ents(EntityFilter()(doc)) == []


def test_touching_spans_are_one_name(blank_nlp):
    words = ["à", "Hallandale", "Beach", "."]
    doc = _doc_with_ents(blank_nlp, words, [True, True, False, False], [(1, 2, "LOC"), (2, 3, "ORG")],
                         pos=["ADP", "PROPN", "PROPN", "PUNCT"], sent_starts=[True, False, False, False])
    assert ents(EntityFilter()(doc)) == [("Hallandale Beach", "Place", "")]


def test_a_title_without_a_full_stop_stays_apart_and_no_sentence_starts_mid_name(blank_nlp):
    doc = blank_nlp("Ana Ferreira reçue à Lisbonne\n\nAna Ferreira a rencontré Ole Berg, puis elle est partie. Fin")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences == ["Ana Ferreira reçue à Lisbonne", "Ana Ferreira a rencontré Ole Berg, puis elle est partie.",
                         "Fin"]


def test_a_sentence_with_no_full_stop_is_cut_after_max_length_tokens(blank_nlp):
    from graph.extraction.components.sentence_bounds import SentenceBounds
    doc = SentenceBounds(max_length=10)(blank_nlp.make_doc(" ".join(["mot"] * 50)))
    assert [t.is_sent_start for t in doc][1:10] == [False] * 9
    assert doc[10].is_sent_start is None and doc[11].is_sent_start is None  # left to the parser


def test_filter_drops_days_furniture_groups_and_common_nouns_with_a_nationality(blank_nlp):
    words = ["Vendredi", ",", "les", "Norvégiens", "et", "l'", "État", "russe", "ont", "lu", "Actualité", ">", "Monde",
             "."]
    spaces = [False, True, True, True, True, False, True, True, True, True, True, True, False, False]
    doc = _doc_with_ents(blank_nlp, words, spaces, [(0, 1, "LOC"), (3, 4, "LOC"), (6, 8, "LOC"), (10, 13, "ORG")],
                         pos=["NOUN", "PUNCT", "DET", "NOUN", "CCONJ", "DET", "NOUN", "ADJ", "AUX", "VERB", "NOUN",
                              "PUNCT", "NOUN", "PUNCT"], sent_starts=[True] + [False] * 13)
    assert ents(EntityFilter()(doc)) == []


def test_a_party_named_with_its_capitalised_article_is_kept(blank_nlp):
    words = ["Il", "a", "rejoint", "Les", "Républicains", "."]
    doc = _doc_with_ents(blank_nlp, words, [True, True, True, True, False, False], [(3, 5, "ORG")],
                         pos=["PRON", "AUX", "VERB", "DET", "PROPN", "PUNCT"], sent_starts=[True] + [False] * 5)
    assert ents(EntityFilter()(doc)) == [("Républicains", "Organization", "")]


def test_an_acronym_taken_for_a_place_is_an_organisation(blank_nlp):
    words = ["Le", "chef", "du", "PKK", "a", "parlé", "."]
    doc = _doc_with_ents(blank_nlp, words, [True, True, True, True, True, False, False], [(3, 4, "LOC")],
                         pos=["DET", "NOUN", "ADP", "PROPN", "AUX", "VERB", "PUNCT"], sent_starts=[True] + [False] * 6)
    assert ents(EntityFilter()(doc)) == [("PKK", "Organization", "")]


def test_a_full_name_never_joins_the_name_it_touches(blank_nlp):
    words = ["le", "porte-parole", "du", "Kremlin", "Dmitri", "Peskov", "a", "dit"]
    doc = _doc_with_ents(blank_nlp, words, [True] * 7 + [False], [(3, 4, "LOC"), (4, 6, "PER")],
                         pos=["DET", "NOUN", "ADP", "PROPN", "PROPN", "PROPN", "AUX", "VERB"],
                         sent_starts=[True] + [False] * 7)
    assert ents(EntityFilter()(doc)) == [("Kremlin", "Place", ""), ("Dmitri Peskov", "Person", "")]


def test_a_lower_case_adjective_is_not_the_country_it_spells(blank_nlp):
    assert ents(blank_nlp("Le chef de la diplomatie suisse est arrivé en Suisse.")) == [
        ("Suisse", "Country", "switzerland")]


def test_names_after_an_organisation_noun_or_in_an_areas_genitive_are_typed_by_it(blank_nlp):
    words = ["le", "parti", "d'", "extrême", "droite", "Narc", "visite", "les", "régions", "de", "Busia", "et",
             "de", "Tororo", "avec", "l'", "Union", "kényane", "."]
    spaces = [True] * len(words)
    doc = _doc_with_ents(blank_nlp, words, spaces, [(5, 6, "PER"), (10, 11, "ORG"), (13, 14, "MISC"),
                                                     (16, 18, "LOC")])
    doc = EntityFilter()(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Narc", "Organization"), ("Busia", "Place"),
                                                      ("Tororo", "Place"), ("Union kényane", "Organization")]


def test_a_building_named_with_the_known_city_it_is_in_is_two_places(blank_nlp):
    doc = blank_nlp.make_doc("Il a parlé au Palais du Peuple de Pékin lundi.")
    doc.ents = [Span(doc, 4, 9, label="Place")]
    doc = GazetteerLinker(blank_nlp, load_gazetteer())(doc)
    assert ents(doc) == [("Palais du Peuple", "Place", ""), ("Pékin", "Place", load_gazetteer().lookup("Pékin").id)]


def test_a_known_state_followed_by_a_common_noun_is_the_state_alone(blank_nlp):
    doc = blank_nlp.make_doc("Le fonds a privé le Kenya de crédits, puis la Banque africaine de développement.")
    doc.ents = [Span(doc, 5, 8, label="Place"), Span(doc, 11, 15, label="Organization")]
    doc = GazetteerLinker(blank_nlp, load_gazetteer())(doc)
    kenya = load_gazetteer().lookup("Kenya").id
    assert ("Kenya", "Country", kenya) in ents(doc) and not [e for e in ents(doc) if "crédits" in e[0]]
    assert ("Banque africaine de développement", "Organization", "") in ents(doc)  # no state opens it


def test_a_line_with_no_full_stop_is_cut_into_bounded_sentences(blank_nlp):
    line = " ".join(f"Ole Berg parle au Kenya, puis Ana Ferreira répond mot{i}" for i in range(300))
    doc = blank_nlp(line)
    sizes = [len(s) for s in doc.sents]
    assert len(doc) > 2000 and max(sizes) <= 240
    assert all(s[0].text != "," for s in doc.sents)  # cut after a comma, never before one
