"""``newsgraph_gazetteer``: link entity spans to the gazetteer and find the names NER missed.

A span whose name is in the gazetteer takes the gazetteer's type (« Kremlin » is an
organisation, « Washington » the city) and its id as ``kb_id_``. A gazetteer name
that NER missed, or cut wrong, becomes an entity unless it lies inside a longer name
(« Trump » in « Melania Trump » stays part of that name). Names match in any case but
must start with a capital in the text: the adjective « suisse » is not « Suisse ». A
place named after a place noun and ending on a known place is two places (« le Palais du
Peuple de Pékin »); a state's formal name is the state (« la République du Togo »).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from graph.extraction.french import PLACE_NAME_HEADS
from ontology.data import Gazetteer, load_gazetteer, load_state_name_nouns

__all__ = ["GazetteerLinker"]


class GazetteerLinker:
    def __init__(self, nlp: Language, gazetteer: Gazetteer, path: str | None = None):
        self.gazetteer = gazetteer
        self.path = path  # where it came from (None: the shipped one), for the rules' lexicons
        self.state_nouns = load_state_name_nouns()
        # Acronyms match as written (« UE », never the participle « eu »), other names in any case.
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronym_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for actor in gazetteer.actors:
            names = {actor.label, *actor.names}
            acronyms = [nlp.make_doc(n) for n in names if n.isupper()]
            others = [nlp.make_doc(n) for n in names if not n.isupper()]
            if acronyms:
                self.acronym_matcher.add(actor.id, acronyms)
            if others:
                self.matcher.add(actor.id, others)

    def __call__(self, doc: Doc) -> Doc:
        # kept by start token, with the owner of every token: each match looks only at
        # the spans under its own tokens, so linking is linear in the article's length
        linked: dict[int, Span] = {}
        owner: dict[int, int] = {}

        def keep(span: Span) -> None:
            linked[span.start] = span
            owner.update(dict.fromkeys(range(span.start, span.end), span.start))

        def drop(span: Span) -> None:
            del linked[span.start]
            for i in range(span.start, span.end):
                owner.pop(i, None)

        for ent in doc.ents:
            keep(self._link(ent))
        matches = filter_spans(
            Span(doc, start, end, label=self.gazetteer.get(doc.vocab.strings[key]).type,
                 kb_id=doc.vocab.strings[key])
            for key, start, end in [*self.matcher(doc), *self.acronym_matcher(doc)]
            if not doc[start].is_lower  # « la diplomatie suisse » names no country: « la Suisse » does
        )
        for match in matches:
            overlapping = [linked[s] for s in dict.fromkeys(owner[i] for i in range(match.start, match.end)
                                                            if i in owner)]
            outer = next((e for e in overlapping if e.start <= match.start and match.end <= e.end
                          and (e.end - e.start) > len(match) and not e.kb_id_), None)
            if outer is not None and _place_of_a_place(outer, match):
                # « le Palais du Peuple de Pékin »: a building, then the city it is in
                drop(outer)
                keep(Span(doc, outer.start, match.start - 1, label=outer.label_))
                keep(match)
                continue
            if outer is not None and _formal_state_name(outer, match, self.state_nouns):
                # « la République du Togo », « le Royaume de Suède »: the state, by its formal name
                drop(outer)
                keep(Span(doc, outer.start, outer.end, label=match.label_, kb_id=match.kb_id))
                continue
            if outer is not None and _state_then_common_noun(outer, match):
                # « a privé le Kenya de crédits », « l'Iran des mollahs »: the state
                drop(outer)
                keep(match)
                continue
            if outer is not None:
                continue  # inside a longer, unknown name
            if any(e.kb_id_ and (e.start, e.end) != (match.start, match.end) and
                   e.start <= match.start and match.end <= e.end for e in overlapping):
                continue  # inside a longer gazetteer name
            for e in overlapping:
                drop(e)
            keep(match)
        doc.set_ents([linked[start] for start in sorted(linked)], default="outside")
        return doc

    def _link(self, ent: Span) -> Span:
        actor = self.gazetteer.lookup(ent.text)
        if actor is None:
            return ent
        return Span(ent.doc, ent.start, ent.end, label=actor.type, kb_id=actor.id)


def _place_of_a_place(outer: Span, match: Span) -> bool:
    """``outer`` is « <place noun> ... de <known place> », ending on ``match``."""
    doc = outer.doc
    return match.end == outer.end and match.start - outer.start >= 2 and outer.label_ == "Place" \
        and match.label_ in ("Place", "Country") and doc[match.start - 1].lower_ in ("de", "d'") \
        and outer[0].lower_ in PLACE_NAME_HEADS \
        and any(t.text[:1].isupper() for t in doc[outer.start + 1:match.start - 1])  # « canal de Panama » is one


def _formal_state_name(outer: Span, match: Span, state_nouns: frozenset[str]) -> bool:
    """``outer`` is « République du Togo », « Royaume de Suède », « État d'Israël »: a
    state noun (and adjectives), « de », then the known state ``match`` that ends it."""
    doc = outer.doc
    return match.end == outer.end and match.label_ == "Country" and outer[0].lower_ in state_nouns \
        and doc[match.start - 1].lower_ in ("de", "d'", "du", "des") \
        and all(t.is_lower for t in doc[outer.start + 1:match.start - 1])


def _state_then_common_noun(outer: Span, match: Span) -> bool:
    """``outer`` is « <known state> de <common noun> ... », opening with ``match``."""
    doc = outer.doc
    return match.start == outer.start and match.end + 1 < outer.end and match.label_ == "Country" \
        and doc[match.end].lower_ in ("de", "d'", "du", "des") and doc[match.end + 1].is_lower


@Language.factory("newsgraph_gazetteer", default_config={"path": None})
def make_gazetteer_linker(nlp: Language, name: str, path: str | None) -> GazetteerLinker:
    return GazetteerLinker(nlp, load_gazetteer(path), path)
