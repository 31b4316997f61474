"""``newsgraph_entity_filter``: keep the NER spans that name actors, trimmed to the name.

- a span that crosses a paragraph break is cut there, each piece judged alone;
- leading articles and prepositions are trimmed (« l'Europe » -> « Europe »);
- a span that does not start with a capital (« ministre russe des Affaires
  étrangères »), a capitalised common word that opens a sentence
  (« Laisser », « Tensions »), a nationality word (« les Russes ») or a listed
  non-actor (« État ») is dropped;
- a day or month name (« Mardi »), a span with characters no name holds (page
  furniture: « Actualité > International | Publié »), the inhabitants of a place after
  a determiner (« les Africains », « des Bretons ») and a listed common noun with a
  nationality adjective (« État kényan ») are dropped;
- two kept spans that touch, with no word between them, are one name (« Hallandale »
  + « Beach »), unless one is a person's full name (« Élysée » + « Ana Ferreira »);
- labels become the core classes: PER -> Person, ORG -> Organization, LOC -> Place
  (the gazetteer linker that follows makes states ``Country``); MISC is left to the
  mention normaliser (``Untyped``), which keeps it only as a titled person. An
  acronym NER took for a place is an organisation (« le RN », « la CIA »), and so is a
  name after an organisation noun or opening with one (« le parti Narc », « l'Union kényane »);
  a name in the genitive of an area noun is a place (« les régions de Busia et de Tororo »).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

import re

from graph.extraction.dates import MONTHS, WEEKDAYS
from graph.extraction.french import (AREA_NOUNS, ARTICLES, DATIVE_PERSON_VERBS, GENITIVE, MINISTRY_NOUNS,
                                     NAME_LEADERS, ORGANISATION_NOUNS, PLACE_NAME_HEADS, SECRETARY_NOUNS)
from ontology.data import load_nationalities, load_not_actors, load_portfolios
from ontology.names import name_key

__all__ = ["EntityFilter", "CORE_LABELS", "UNTYPED"]

CORE_LABELS = {"PER": "Person", "ORG": "Organization", "LOC": "Place",
               "Person": "Person", "Organization": "Organization", "Place": "Place", "Country": "Country"}
# A MISC span is kept for the mention normaliser, which makes it a Person when a title or
# role opens it (« Premier ministre Ana Ferreira ») and drops it otherwise.
UNTYPED = "Untyped"
_NOT_IN_NAMES = re.compile(r"[<>|@#=+*\[\]{}\\/]| [-–—] ")
_CALENDAR = frozenset(WEEKDAYS) | frozenset(MONTHS) | {"noel", "paques", "toussaint", "ramadan", "hanoucca"}
_DEMONYM_ENDINGS = ("ens", "ennes", "ais", "aises", "ois", "oises", "ains", "aines", "ites", "iotes",
                    "ards", "ardes", "ols", "oles")
_GROUP_DETERMINERS = ARTICLES | {"aux", "ces", "nos", "leurs", "plusieurs", "deux", "trois"}
# Capitalised first words of organisations' names (« Union kényane », « Parti vert »).
_ORGANISATION_HEADS = ORGANISATION_NOUNS | {"union", "assemblée", "parlement", "comité", "commission", "bureau",
                                           "office", "cour", "sénat", "ministère", "département", "agence",
                                           "organisation", "direction", "service", "forces", "garde"}
_CONTENT_POS = {"NOUN", "VERB", "ADJ", "ADV", "AUX", "PRON", "DET", "ADP", "CCONJ", "SCONJ", "NUM"}


class EntityFilter:
    def __init__(self):
        self.nationalities = load_nationalities()
        self.not_actors = load_not_actors()
        self.portfolios = load_portfolios()

    def __call__(self, doc: Doc) -> Doc:
        kept = []
        for ent in doc.ents:
            label = CORE_LABELS.get(ent.label_) or (UNTYPED if ent.label_ == "MISC" else None)
            if label is None:
                continue
            for piece in _paragraph_pieces(ent):
                piece = _trim(piece)
                if piece is None or not self._is_actor_name(piece):
                    continue
                if piece[0].lower_ in self.portfolios and _after_office(piece, self.nationalities):
                    # « le ministre de l'Agriculture du Ghana, A »: a portfolio, then the state it is of
                    piece = _state_after_portfolio(piece)
                    if piece is None:
                        continue
                    label = "Place"
                elif label in ("Organization", UNTYPED) and _portfolio(piece, self.nationalities):
                    continue  # « ministre des Finances », « secrétaire à l'Armée »: what a minister is in charge of
                piece_label = "Organization" if label == "Place" and _is_acronym(piece) or \
                    label in ("Place", "Person", UNTYPED) and _names_organisation(piece) else label
                if piece_label in ("Organization", UNTYPED) and _names_area(piece):
                    piece_label = "Place"
                if piece_label == "Place" and _addressed(piece):
                    piece_label = "Person"  # « a parlé à Kagame »: whom one speaks to is a person
                if kept and kept[-1].end == piece.start and not doc[piece.start - 1].whitespace_.count("\n") \
                        and not _full_name(kept[-1]) and not _full_name(piece, label=piece_label):
                    first = kept.pop()  # « Hallandale » + « Beach »: touching spans are one name
                    kept.append(Span(doc, first.start, piece.end, label=first.label_, kb_id=first.kb_id))
                else:
                    kept.append(Span(doc, piece.start, piece.end, label=piece_label, kb_id=ent.kb_id))
        doc.set_ents(kept, default="outside")
        return doc

    def _is_actor_name(self, span: Span) -> bool:
        if not span[0].text[:1].isupper() and not (span[0].lower_ in PLACE_NAME_HEADS and len(span) > 1
                                                   and any(t.text[:1].isupper() for t in span[1:])):
            return False  # « ministre russe des Affaires étrangères » is a role, not a name; « mer Rouge » is one
        key = name_key(span.text)
        if key in self.not_actors or span.text.lower() in self.nationalities:
            return False
        if key in _CALENDAR or _NOT_IN_NAMES.search(span.text):
            return False
        if len(span) > 1 and key.split()[0] in self.not_actors and \
                all(t.lower_ in self.nationalities for t in span[1:]):
            return False  # « État kényan »
        if len(span) == 1 and _is_demonym(span):
            return False
        if len(span) == 1:
            token = span[0]
            if token.is_sent_start and token.pos_ in _CONTENT_POS:
                return False
        return True


def _full_name(span: Span, label: str | None = None) -> bool:
    """A person's first and last name: it never joins the name it touches."""
    return (label or span.label_) == "Person" and len(span) > 1


def _names_organisation(span: Span) -> bool:
    """« le parti Narc », « le groupe Renouveau », « l'Union kényane », « le Conseil
    national », « le Parlement kényan (Bunge) »: a name after an organisation noun, or in
    brackets after one, or opening with one, is an organisation."""
    doc = span.doc
    k = span.start - 1
    while k >= max(0, span.start - 5) and (doc[k].is_lower and doc[k].is_alpha or doc[k].lower_ in GENITIVE):
        if doc[k].lower_ in ORGANISATION_NOUNS:
            return True  # « le parti Narc », « le parti d'extrême droite Narc »
        k -= 1
    if span.start >= 2 and doc[span.start - 1].text == "(":  # « le Parlement kényan (Bunge) »: its name
        k = span.start - 2
        while k > span.start - 5 and k > 0 and doc[k].pos_ == "ADJ":
            k -= 1
        if doc[k].lower_ in _ORGANISATION_HEADS:
            return True
    return len(span) > 1 and span[0].lower_ in _ORGANISATION_HEADS


def _addressed(span: Span) -> bool:
    """« a parlé à Kagame », « a téléphoné à Museveni »: a short name after « à » that
    complements a verb of speaking (NER takes it for a place; a known place stays one, the
    gazetteer relabels it)."""
    doc = span.doc
    return len(span) <= 2 and span.start > 0 and doc[span.start - 1].lower_ == "à" \
        and span.root.head.lemma_ in DATIVE_PERSON_VERBS


def _portfolio(span: Span, nationalities) -> bool:
    """« ministre des Finances », « ministre kényan de la Sécurité », « secrétaire à l'Armée »."""
    doc = span.doc
    k = span.start - 1
    if k >= 0 and doc[k].lower_ in ("la", "l'", "le", "les"):
        k -= 1
    if k < 1:
        return False
    link = doc[k].lower_
    k -= 1
    while k > 0 and doc[k].lower_ in nationalities:
        k -= 1  # « le ministre kényan de la Sécurité nationale »
    noun = doc[k].lower_
    # « secrétaire à l'Armée » is a portfolio, « secrétaire du Parti » an organisation
    return link in GENITIVE and noun in MINISTRY_NOUNS or link in ("à", "au", "aux") and noun in SECRETARY_NOUNS


def _after_office(span: Span, nationalities) -> bool:
    """``span`` follows an office noun and its preposition: « ministre des … »,
    « secrétaire du … », « secrétaire à l'… », « ministre kényan de la … »."""
    doc = span.doc
    k = span.start - 1
    if k >= 0 and doc[k].lower_ in ("la", "l'", "le", "les"):
        k -= 1
    if k < 1 or not (doc[k].lower_ in GENITIVE or doc[k].lower_ in ("à", "au", "aux")):
        return False
    k -= 1
    if doc[k].lower_ in ("et", ","):  # « ministre des Affaires étrangères et de la Coopération »
        for j in range(k - 1, max(0, k - 16), -1):
            if doc[j].lower_ in GENITIVE and _is_office(doc, j - 1, nationalities):
                return True
            if doc[j].is_punct and doc[j].text != ",":
                return False
        return False
    return _is_office(doc, k, nationalities)


def _is_office(doc, k: int, nationalities) -> bool:
    while k > 0 and doc[k].lower_ in nationalities:
        k -= 1
    return k >= 0 and (doc[k].lower_ in MINISTRY_NOUNS or doc[k].lower_ in SECRETARY_NOUNS)


def _state_after_portfolio(span: Span) -> Span | None:
    """The name after the portfolio's own words (« Agriculture du Ghana » -> « Ghana »),
    or None when the span is the portfolio alone (« Affaires étrangères »)."""
    doc = span.doc
    for k in range(span.start + 1, span.end - 1):
        if doc[k].lower_ in GENITIVE and doc[k + 1].text[:1].isupper():
            return doc[k + 1:span.end]
    return None


def _names_area(span: Span) -> bool:
    """« les régions de Busia, de Tororo et de Mbale », « la province d'Idlib »: a name in
    the genitive of an area noun is a place."""
    doc = span.doc
    k = span.start - 1
    if k < 0 or doc[k].lower_ not in GENITIVE:
        return False
    while k >= max(0, span.start - 12):
        word = doc[k].lower_
        if word in AREA_NOUNS or word.endswith("s") and word[:-1] in AREA_NOUNS:
            return True
        if not (word in GENITIVE or word in (",", "et", "'") or doc[k].text[:1].isupper() or doc[k].pos_ == "PROPN"):
            return False
        k -= 1
    return False


def _is_acronym(span: Span) -> bool:
    return len(span) == 1 and 2 <= len(span.text) <= 6 and span.text.isupper() and span.text.isalpha()


def _is_demonym(span: Span) -> bool:
    """« les Africains », « des Bretons »: a place's inhabitants, not an actor."""
    token = span[0]
    if token.i == 0 or not token.lower_.endswith(_DEMONYM_ENDINGS):
        return False
    determiner = token.doc[token.i - 1]
    # « Les Indépendants » written with a capital mid-sentence is a name (a party)
    opens = determiner.is_sent_start or determiner.i > 0 and determiner.nbor(-1).text in ("«", '"', "“", "(", "-", "—")
    named = determiner.text[:1].isupper() and not opens
    return determiner.lower_ in _GROUP_DETERMINERS and not named


def _paragraph_pieces(ent: Span):
    start = ent.start
    for token in ent:
        if token.is_space or "\n" in token.whitespace_:
            end = token.i if token.is_space else token.i + 1
            if end > start:
                yield ent.doc[start:end]
            start = token.i + 1
    if ent.end > start:
        yield ent.doc[start:ent.end]


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in NAME_LEADERS or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


@Language.factory("newsgraph_entity_filter")
def make_entity_filter(nlp: Language, name: str) -> EntityFilter:
    return EntityFilter()
