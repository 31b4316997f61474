"""Delegations: « Une délégation américaine menée par Steve Witkoff et accompagnée de
Jared Kushner », « La délégation russe comprendrait notamment Kirill Dmitriev », « A a
conduit la délégation kényane », « A fait partie de la délégation ougandaise » ->
negotiatorFor the delegation's country; a delegation without one (« les deux
délégations, conduites par le ministre kényan A et l'émissaire éthiopien B ») gives
each member the state of the role the sentence gives him.
"""
from __future__ import annotations

from collections.abc import Iterator

from graph.extraction.rules.finding import Finding
from graph.extraction.french import CLAUSE_ENDS
from graph.extraction.rules.doc_index import DocIndex

__all__ = ["find_delegations"]

_DELEGATION = {"délégation", "délégations"}
_LEADING = {"mener", "conduire", "diriger", "présider", "emmener"}  # a delegation, as their object
_MEMBERSHIP_CUES = {"mener", "conduire", "diriger", "présider", "accompagner", "comprendre", "composer",
                    "inclure", "emmener", "compter", "dont", "notamment", "par"}


def find_delegations(index: DocIndex) -> Iterator[Finding]:
    doc = index.doc
    for i, word in enumerate(index.words):
        if word not in _DELEGATION:
            continue
        token = doc[i]
        country, j = index.state_qualifier(token.i + 1)
        armed = False
        sent = index.sentence(i)
        if index.words[max(0, i - 3):i] in (["partie", "de", "la"], ["partie", "des"]):
            # « A, le patron du fonds souverain kényan, faisait partie de la délégation »
            verb = doc[i - 3] if index.words[i - 1] == "la" else doc[i - 2]
            verb = verb.head if verb.head.lemma_ == "faire" else None
            for member in index.subject_parties(verb) if verb is not None else ():
                side = country or _state_of_role(index, member, sent)
                if member.type == "Person" and side is not None:
                    yield Finding(member, "negotiatorFor", side, sent, "delegation:member", 0.75)
        if country is not None and token.dep_ == "obj" and token.head.lemma_ in _LEADING:
            # « A a conduit la délégation kényane », « A, …, qui avait dirigé la délégation de Nairobi »
            for leader in index.subject_parties(token.head):
                if leader.type == "Person":
                    yield Finding(leader, "negotiatorFor", country, sent, "delegation:leader", 0.8)
        sent_end = sent.end
        while j < sent_end and doc[j].text not in (".", ";", ":") and doc[j].lower_ not in CLAUSE_ENDS \
                and doc[j].lower_ not in _DELEGATION:
            cue = doc[j].lemma_.lower() in _MEMBERSHIP_CUES or doc[j].lower_ in _MEMBERSHIP_CUES
            armed = armed or cue
            ent = index.entity_at.get(j)
            if ent is not None:
                member = index.mention(ent)
                side = country or _state_of_role(index, member, sent)
                if armed and ent.label_ == "Person" and not index.is_genitive(ent) and side is not None:
                    yield Finding(member, "negotiatorFor", side, sent, "delegation:member", 0.8)
                j = ent.end
                continue
            if doc[j].pos_ == "VERB" and not cue and armed:
                break
            j += 1


def _state_of_role(index: DocIndex, member, sent):
    """« Les deux délégations, conduites par le ministre kényan ..., A, et par
    l'émissaire éthiopien, B »: each member negotiates for the state his role is of."""
    states = {index.as_state(role.target) for role in index.roles_between(sent.start, sent.end)
              if role.holder == member and role.target is not None}
    states.discard(None)
    return states.pop() if len(states) == 1 else None
