"""Delegations: « Une délégation américaine menée par Steve Witkoff et accompagnée de
Jared Kushner », « La délégation russe comprendrait notamment Kirill Dmitriev », « A a
conduit la délégation kényane », « A fait partie de la délégation ougandaise » ->
negotiatorFor the delegation's country, or the state of the one it accompanies (« le
président béninois est venu avec une délégation composée de A, B et C »); a delegation
without either (« les deux délégations, conduites par le ministre kényan A et
l'émissaire éthiopien B ») gives each member the state of the role the sentence gives him.
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
                    "inclure", "emmener", "compter", "dont", "notamment", "par", "réunir", "rassembler",
                    "comporter", "composé", "composée", "composés", "composées"}


def find_delegations(index: DocIndex) -> Iterator[Finding]:
    doc = index.doc
    for i, word in enumerate(index.words):
        if word not in _DELEGATION:
            continue
        token = doc[i]
        country, j = index.state_qualifier(token.i + 1)
        armed = False
        sent = index.sentence(i)
        if country is None:  # « le président béninois est venu avec une délégation composée de … »
            country = _state_of_the_one_accompanied(index, sent, i)
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
                if armed and ent.label_ == "Person" and side is not None and (
                        not index.is_genitive(ent) or _listed_genitive(index, ent)):
                    yield Finding(member, "negotiatorFor", side, sent, "delegation:member", 0.8)
                    if country is not None:
                        yield from _unsaid_roles(index, member, country, sent)
                j = ent.end
                continue
            if doc[j].pos_ == "VERB" and not cue and armed:
                break
            j += 1


_LIST_LINKS = frozenset({",", "et", "autres", "notamment", "aussi", "également", "composé", "composée",
                         "composés", "composées", "constituée", "formée"})


_UNSAID = frozenset({"ministerOf", "envoyOf", "advisorOf", "spokespersonOf"})


def _unsaid_roles(index: DocIndex, member, country, sent) -> Iterator[Finding]:
    """« une délégation nigérienne composée de A, ministre des Affaires étrangères »: a
    member's role that says of nothing is of the delegation's state."""
    for role in index.roles_between(sent.start, sent.end):
        if role.holder == member and role.target is None and role.relation in _UNSAID and not role.deputy:
            yield Finding(member, role.relation, country, index.sentence(role.start), "delegation:role", 0.7)


def _listed_genitive(index: DocIndex, ent) -> bool:
    """« composée de M. A, ministre …, du général de brigade B, chef d'état-major du
    président, et du Dr C »: a member named in the genitive of the list (A, B, C), not of
    a noun (the president)."""
    words = index.words
    k = ent.start - 1
    while k > ent.start - 7 and k > 0 and words[k] not in ("de", "du", "des", "d'"):
        if not (index.doc[k].is_lower or words[k] in index.lex.honorifics):
            return False
        k -= 1
    return k > 0 and words[k] in ("de", "du", "des", "d'") and words[k - 1] in _LIST_LINKS


def _state_of_the_one_accompanied(index: DocIndex, sent, i: int):
    """The state of the only state-qualified role said before the delegation word in its
    sentence (« le président béninois est venu avec une délégation »), or None."""
    states = {}
    for role in index.roles_between(sent.start, i):
        state = index.as_state(role.target) if role.target is not None else None
        if state is not None:
            states[state.gazetteer_id or state.text] = state
    return next(iter(states.values())) if len(states) == 1 else None


def _state_of_role(index: DocIndex, member, sent):
    """« Les deux délégations, conduites par le ministre kényan ..., A, et par
    l'émissaire éthiopien, B »: each member negotiates for the state his role is of."""
    states = {index.as_state(role.target) for role in index.roles_between(sent.start, sent.end)
              if role.holder == member and role.target is not None}
    states.discard(None)
    return states.pop() if len(states) == 1 else None
