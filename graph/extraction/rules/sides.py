"""Sides of a meeting, as the press sets them out: « Côté américain, le secrétaire d'État
A, l'émissaire B. Face à eux, le ministre russe C, entouré de D. »

- a sentence that opens with « Côté <nationality> » (or « Du côté ... ») names a side of
  that state: its people negotiate for it (negotiatorFor), and a minister's, envoy's or
  adviser's role the sentence gives without saying of what is of that state;
- a sentence that opens with « Face à eux » / « En face » right after a side (or after a
  sentence on a state's delegation) names the other side (its state: the first the
  sentence names); a sentence that opens with
  « Elle » / « Il » right after a side goes on with it (« Elle comprenait notamment X »);
- everyone of one side met everyone of the other.
People named in a genitive (« l'émissaire de Ana Ferreira ») are not on the side.
"""
from __future__ import annotations

from collections.abc import Iterator
from itertools import product

from spacy.tokens import Span

from graph.records import Mention
from graph.extraction.rules.finding import Finding
from graph.extraction.french import GENITIVE
from graph.extraction.rules.doc_index import DocIndex

__all__ = ["find_sides"]

_FACING = (("face", "à", "eux"), ("face", "à", "lui"), ("face", "à", "elle"), ("en", "face"), ("de", "l'autre", "côté"))
_GOING_ON = frozenset({"elle", "il", "ils", "elles"})
_UNSAID_TARGETS = frozenset({"ministerOf", "envoyOf", "advisorOf"})


class _Side:
    def __init__(self, state: Mention, sentences: list[Span]):
        self.state, self.sentences = state, sentences


def find_sides(index: DocIndex) -> Iterator[Finding]:
    sentences = list(index.doc.sents)
    previous: _Side | None = None
    k = 0
    while k < len(sentences):
        sent = sentences[k]
        side = _side_opening(index, sent, facing=previous)
        if side is None:
            # a delegation of a state (« La délégation kényane était conduite par A ») is a
            # side a « En face, ... » can answer; its members are the delegations family's
            previous = _delegation_side(index, sent)
            k += 1
            continue
        while k + 1 < len(sentences) and index.words[sentences[k + 1].start] in _GOING_ON:
            k += 1
            side.sentences.append(sentences[k])
        yield from _members(index, side)
        if previous is not None and _state_key(previous.state) != _state_key(side.state):
            for a, b in product(_people(index, previous), _people(index, side)):
                if a != b and (a.gazetteer_id is None or a.gazetteer_id != b.gazetteer_id):
                    yield Finding(a, "met", b, side.sentences[0], "side:facing", 0.7)
        previous = side
        k += 1


def _side_opening(index: DocIndex, sent: Span, facing: _Side | None) -> _Side | None:
    words = index.words
    i = sent.start + (1 if words[sent.start] == "du" else 0)
    if words[i] == "côté" and i + 1 < sent.end:
        state = index.nationality_mention(index.doc[i + 1]) if index.doc[i + 1].is_lower else None
        ent = index.entity_at.get(i + 1)
        if state is None and ent is not None and index.stands_for_state(index.mention(ent)):
            state = index.as_state(index.mention(ent)) or index.mention(ent)
        return _Side(state, [sent]) if state is not None else None
    if facing is not None and any(tuple(words[sent.start:sent.start + len(p)]) == p for p in _FACING):
        state = _first_state(index, sent)
        return _Side(state, [sent]) if state is not None else None
    return None


def _delegation_side(index: DocIndex, sent: Span) -> _Side | None:
    words = index.words
    for i in range(sent.start, sent.end - 1):
        if words[i] in ("délégation", "délégations") and index.doc[i + 1].is_lower:
            state = index.nationality_mention(index.doc[i + 1])
            if state is not None:
                return _Side(state, [sent])
    return None


def _first_state(index: DocIndex, sent: Span) -> Mention | None:
    for i in range(sent.start, sent.end):
        nationality = index.nationality_mention(index.doc[i]) if index.doc[i].is_lower else None
        if nationality is not None:
            return nationality
        ent = index.entity_at.get(i)
        if ent is not None and index.stands_for_state(index.mention(ent)):
            return index.as_state(index.mention(ent)) or index.mention(ent)
    return None


def _people(index: DocIndex, side: _Side) -> list[Mention]:
    people = []
    for sent in side.sentences:
        for person in index.people_in(sent):
            at = index.token_at_char(person.start)
            ent = index.entity_at.get(at)
            if ent is not None and index.is_genitive(ent):
                continue
            if ent is None and index.words[index.role_phrase_start(at) - 1] in GENITIVE:
                continue  # « conseiller du président russe »: the president is not on the side
            people.append(person)
    return people


def _members(index: DocIndex, side: _Side) -> Iterator[Finding]:
    first = side.sentences[0]
    for person in _people(index, side):
        yield Finding(person, "negotiatorFor", side.state, first, "side:member", 0.7)
    for role in (role for s in side.sentences for role in index.roles_between(s.start, s.end)):
        if role.target is None and role.holder is not None and role.relation in _UNSAID_TARGETS:
            yield Finding(role.holder, role.relation, side.state, index.sentence(role.start), "side:role", 0.7)


def _state_key(state: Mention) -> str:
    return state.gazetteer_id or state.text.lower()
