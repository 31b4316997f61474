"""Relation rules on short sentences: blank pipeline where the rule needs no parse,
hand-built parses otherwise."""
from spacy.tokens import Doc, Span

from corpus import article_from_text
from graph.extraction.extract import extract_doc
from tests.conftest import make_article, triples


def run(nlp, text):
    article = make_article(text)
    return triples(extract_doc(nlp(article.text), article))


def test_role_apposition_after_the_name(blank_nlp):
    assert run(blank_nlp, "Dmitri Peskov, porte-parole du Kremlin, a parlé.") == {
        ("Dmitri Peskov", "spokespersonOf", "Kremlin")}


def test_role_apposition_before_the_name(blank_nlp):
    assert run(blank_nlp, "Le porte-parole du Kremlin, Dmitri Peskov, a parlé.") == {
        ("Dmitri Peskov", "spokespersonOf", "Kremlin")}


def test_nationality_adjective_names_the_country(blank_nlp):
    [(subject, predicate, obj)] = run(blank_nlp, "L'émissaire américain Steve Witkoff est arrivé.")
    assert (subject, predicate, obj) == ("Steve Witkoff", "envoyOf", "américain")


def test_family_ties_need_a_person(blank_nlp):
    assert run(blank_nlp, "Jared Kushner, le gendre de Donald Trump, est venu.") == {
        ("Jared Kushner", "relativeOf", "Donald Trump")}
    assert run(blank_nlp, "Jared Kushner, le gendre du Kremlin, est venu.") == set()


def test_a_role_without_its_holder_is_a_title_left_to_resolution(blank_nlp):
    from graph.resolution.resolve import resolve
    article = make_article("Le porte-parole du Kremlin a parlé.")
    extraction = extract_doc(blank_nlp(article.text), article)
    [relation] = extraction.relations
    assert relation.subject.refers_to.title[0] == "spokespersonOf" and not relation.subject.is_name
    resolution = resolve([(article.id, extraction.mentions)], roles=[(article.id, r) for r in extraction.relations])
    assert resolution.relations_of(extraction) == []  # no one in the article holds it: nothing stated


def test_location_apposition(blank_nlp):
    assert run(blank_nlp, "Les discussions se sont tenues à Djeddah, en Arabie saoudite.") == {
        ("Djeddah", "locatedIn", "Arabie saoudite")}
    assert run(blank_nlp, "Kiev, Moscou et Washington.") == set()


def parsed(nlp, words, pos, heads, deps, ents, lemmas=None):
    """A hand-built parse; ``heads`` are absolute token indices."""
    doc = Doc(nlp.vocab, words=words, pos=pos, heads=heads, deps=deps, lemmas=lemmas or [w.lower() for w in words],
              sent_starts=[True] + [False] * (len(words) - 1))
    doc.ents = [Span(doc, s, e, label=label, kb_id=kb) for s, e, label, kb in ents]
    return doc


def _relations(doc):
    article = article_from_text("t", doc.text, "t.txt")
    return triples(extract_doc(doc, article))


def test_meeting_verb_with_subject_and_object(blank_nlp):
    words = ["Witkoff", "a", "rencontré", "Poutine", "."]
    doc = parsed(blank_nlp, words, ["PROPN", "AUX", "VERB", "PROPN", "PUNCT"], [2, 2, 2, 2, 2],
                 ["nsubj", "aux:tense", "ROOT", "obj", "punct"],
                 [(0, 1, "Person", "witkoff"), (3, 4, "Person", "putin")],
                 lemmas=["Witkoff", "avoir", "rencontrer", "Poutine", "."])
    # an envoy who met a head of state: their states are in talks too (rules.state_talks)
    assert _relations(doc) == {("Witkoff", "met", "Poutine"), ("États-Unis", "negotiatesWith", "Russie")}


def test_negated_meeting_gives_nothing(blank_nlp):
    words = ["Witkoff", "n'", "a", "pas", "rencontré", "Poutine", "."]
    doc = parsed(blank_nlp, words, ["PROPN", "ADV", "AUX", "ADV", "VERB", "PROPN", "PUNCT"], [4, 4, 4, 4, 4, 4, 4],
                 ["nsubj", "advmod", "aux:tense", "advmod", "ROOT", "obj", "punct"],
                 [(0, 1, "Person", "witkoff"), (5, 6, "Person", "putin")],
                 lemmas=["Witkoff", "ne", "avoir", "pas", "rencontrer", "Poutine", "."])
    assert _relations(doc) == set()


def test_claims_follow_territoires_de(blank_nlp):
    words = ["Donetsk", "et", "Louhansk", "sont", "des", "territoires", "de", "la", "Russie", "."]
    doc = parsed(blank_nlp, words, ["PROPN", "CCONJ", "PROPN", "AUX", "DET", "NOUN", "ADP", "DET", "PROPN", "PUNCT"],
                 [5, 2, 0, 5, 5, 5, 8, 8, 5, 5], ["nsubj", "cc", "conj", "cop", "det", "ROOT", "case", "det", "nmod", "punct"],
                 [(0, 1, "Place", "donetsk"), (2, 3, "Place", "luhansk"), (8, 9, "Country", "russia")],
                 lemmas=["Donetsk", "et", "Louhansk", "être", "un", "territoire", "de", "le", "Russie", "."])
    assert _relations(doc) == {("Russie", "claims", "Donetsk"), ("Russie", "claims", "Louhansk")}


def test_the_doc_index_reads_what_the_tokens_and_sentences_say(blank_nlp):
    """The index reads the doc's arrays instead of its tokens: the same words, tags,
    lemmas, text, sentences and entities as spaCy's own attributes give."""
    from graph.extraction.rules import DocIndex
    from graph.extraction.rules.lexicons import lexicons
    words = ["Sergueï", "Lavrov", "a", "Rencontré", "Marco", "Rubio", ".", "Ils", "ont", "parlé", "à", "Riyad", "."]
    doc = Doc(blank_nlp.vocab, words=words, spaces=[True, True, True, True, True, False, True,
                                                     True, True, True, True, False, False],
              pos=["PROPN", "PROPN", "AUX", "VERB", "PROPN", "PROPN", "PUNCT",
                   "PRON", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
              lemmas=["Sergueï", "Lavrov", "avoir", "Rencontrer", "Marco", "Rubio", ".",
                      "il", "avoir", "parler", "à", "Riyad", "."],
              sent_starts=[True] + [False] * 6 + [True] + [False] * 5)
    doc.ents = [Span(doc, 0, 2, label="Person"), Span(doc, 4, 6, label="Person"), Span(doc, 11, 12, label="Place")]
    index = DocIndex(doc, lexicons())
    assert index.words == [t.lower_ for t in doc] and index.tags == [t.pos_ for t in doc]
    assert index.lemmas == [t.lemma_.lower() for t in doc] and "rencontrer" in index.lemmas
    assert index.text == doc.text == "Sergueï Lavrov a Rencontré Marco Rubio. Ils ont parlé à Riyad."
    for token in doc:
        sent = index.sentence(token.i)
        assert (sent.start, sent.end) == (token.sent.start, token.sent.end)
        assert index.sentence_text(sent) == sent.text
        assert index.sentence_ents(sent) == list(sent.ents)
    assert [e.text for e in index.sentence_ents(index.sentence(0))] == ["Sergueï Lavrov", "Marco Rubio"]
    assert DocIndex(Doc(blank_nlp.vocab, words=[]), lexicons()).words == []


def test_a_role_written_without_its_accents_and_its_target_known_from_the_gazetteer(blank_nlp):
    # « secrétaire d'Etat » for « secrétaire d'État »; of the United States, says the gazetteer
    assert run(blank_nlp, "Le secrétaire d'Etat Marco Rubio a parlé.") == {("Marco Rubio", "ministerOf", "États-Unis")}
