"""Territorial claims: « la Russie revendique Donetsk », « La Crimée, Sébastopol ... sont des
territoires de la Fédération de Russie », « Les Russes insistent sur la maîtrise totale
des deux oblasts : Donetsk et Lougansk » -> claims.

A sentence with a cue (``ontology/lexicons/claims.tsv``) names the claimant as the
state after « territoire(s) de », or else as the subject of the clause (a capital
stands for its state: « Moscou exige ... »); every other
named place of the sentence, except a capital or a place introduced by « à »/« en »
(where something happens), is claimed.
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span

from graph.extraction.rules.finding import Finding
from graph.extraction.french import DIRECTIONAL, GENITIVE
from graph.extraction.rules.doc_index import DocIndex, modality

__all__ = ["find_claims"]

def find_claims(index: DocIndex) -> Iterator[Finding]:
    yield from _sovereignty_claims(index)
    for sent in index.doc.sents:
        cue = _cue(index, sent)
        if cue is None or modality(index, cue)[0]:
            continue
        claimant = _claimant(index, cue)
        if claimant is None:
            continue
        for ent in index.sentence_ents(sent):
            place = index.mention(ent)
            if ent.label_ != "Place" or index.stands_for_state(place) or place == claimant:
                continue
            if ent.start > sent.start and index.doc[ent.start - 1].lower_ in DIRECTIONAL:
                continue
            yield Finding(claimant, "claims", place, sent, f"claim:{cue.lemma_.lower()}", 0.75)


def _sovereignty_claims(index: DocIndex) -> Iterator[Finding]:
    """« la souveraineté de l'Argentine sur les Malouines », « la souveraineté argentine sur X »,
    « X relève de la souveraineté du Royaume-Uni »: the state in the cue's genitive (or its
    adjective) claims the place after « sur », or the place the clause is about."""
    doc, words = index.doc, index.words
    cues = {word for word, pos in index.lex.claim_cues.items() if pos == "genitive"}
    for i, word in enumerate(words):
        if word not in cues:
            continue
        claimant, j = index.state_qualifier(i + 1)
        if claimant is None or modality(index, doc[i])[0]:
            continue
        sent = index.sentence(i)
        place = None
        if j < sent.end and words[j] == "sur":
            k = j + 1
            while k < sent.end and doc[k].pos_ == "DET":
                k += 1
            ent = index.entity_at.get(k)
            place = ent if ent is not None and ent.start == k and ent.label_ == "Place" else None
        elif any(words[k] in ("relève", "relèvent", "relevait", "relèverait") for k in range(max(sent.start, i - 5), i)):
            before = [ent for ent in index.sentence_ents(sent) if ent.end <= i and ent.label_ == "Place"]
            place = before[0] if before else None
        if place is not None and not index.stands_for_state(index.mention(place)):
            yield Finding(claimant, "claims", index.mention(place), sent, f"claim:{word}", 0.75)


def _cue(index: DocIndex, sent: Span):
    cues = index.lex.claim_cues
    stems = index.lex.claim_verb_stems
    for i in range(sent.start, sent.end):
        tag, word, lemma = index.tags[i], index.words[i], index.lemmas[i]
        if tag == "VERB" and (cues.get(lemma) == "verb" or word.startswith(stems)):
            return index.doc[i]
        if tag == "NOUN" and "noun" in (cues.get(word), cues.get(lemma)):
            return index.doc[i]
    return None


def _claimant(index: DocIndex, cue):
    doc = index.doc
    if cue.lemma_.lower() == "territoire" or cue.lower_.startswith("territoire"):
        j = cue.i + 1
        if j < len(doc) and doc[j].lower_ in GENITIVE:
            for k in range(j + 1, min(j + 4, index.sentence(cue.i).end)):
                ent = index.entity_at.get(k)
                if ent is not None:
                    return index.mention(ent) if ent.label_ == "Country" else None
        return None
    verb = cue if cue.pos_ == "VERB" else _clause_verb(cue)
    if verb is None:
        return None
    states = [index.as_state(p) for p in index.subject_parties(verb)]
    states = [s for s in states if s is not None]
    return states[0] if states else None


def _clause_verb(token):
    head = token
    for _ in range(4):
        head = head.head
        if head.pos_ == "VERB":
            return head
    return None
