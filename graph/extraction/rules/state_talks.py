"""Talks between states, read off the people who met: when the article says that an
envoy or negotiator of one state met or spoke with a person of another (« l'émissaire
kényan Ole Berg a été reçu par Ana Ferreira »), the two states are in talks
(negotiatesWith). Leaders who meet (« Ferreira a reçu Lindqvist ») are not, by that alone.

A person's state is the one the article gives his role (« l'émissaire américain »,
« le ministre russe », a side or a delegation), or else the one the gazetteer says he
holds a position of; a person with no state, or two, gives nothing. Unlike the other
families, this one reads what they found: it runs after them.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from graph.records import Mention
from graph.extraction.rules.finding import Finding
from graph.extraction.rules.doc_index import DocIndex

__all__ = ["find_state_talks"]

_STATE_ROLES = frozenset({"leaderOf", "ministerOf", "envoyOf", "negotiatorFor", "spokespersonOf", "advisorOf"})
_TALKING_ROLES = frozenset({"envoyOf", "negotiatorFor", "ministerOf"})


def find_state_talks(index: DocIndex, findings: Iterable[Finding]) -> Iterator[Finding]:
    findings = list(findings)
    states: dict[str, dict[str, Mention]] = {}  # person -> state id -> a mention of that state
    talkers: set[str] = set()  # the people the article makes envoys or negotiators
    for finding in findings:
        if finding.predicate in _STATE_ROLES and finding.subject.type == "Person":
            state = index.as_state(finding.object)
            if state is not None and state.gazetteer_id:
                states.setdefault(_person_key(finding.subject), {})[state.gazetteer_id] = state
            if finding.predicate in _TALKING_ROLES:
                talkers.add(_person_key(finding.subject))
    seen = set()
    for finding in findings:
        if finding.predicate not in ("met", "spokeWith"):
            continue
        if not any(_person_key(p) in talkers or _envoy(index, p) for p in (finding.subject, finding.object)):
            continue
        a, b = _state(index, finding.subject, states), _state(index, finding.object, states)
        if a is None or b is None or a.gazetteer_id == b.gazetteer_id:
            continue
        key = (frozenset((a.gazetteer_id, b.gazetteer_id)), finding.sentence.start)
        if key in seen:
            continue
        seen.add(key)
        yield Finding(a, "negotiatesWith", b, finding.sentence, f"state-talks:{finding.predicate}", 0.6,
                      finding.planned, finding.place, finding.when)


def _person_key(person: Mention) -> str:
    named = person.refers_to or person
    return named.gazetteer_id or named.text


def _state(index: DocIndex, person: Mention, states: dict[str, dict[str, Mention]]) -> Mention | None:
    known = states.get(_person_key(person), {})
    if len(known) == 1:
        return next(iter(known.values()))
    if known:
        return None
    named = person.refers_to or person
    if not named.gazetteer_id:
        return None
    try:
        actor = index.lex.gazetteer.get(named.gazetteer_id)
    except KeyError:
        return None
    held = set()
    for relation, target, _ in actor.holds:
        if relation in _STATE_ROLES:
            try:
                held.add(index.lex.gazetteer.get(target).stands_for or target)
            except KeyError:
                continue
    held = {h for h in held if _is_country(index, h)}
    if len(held) != 1:
        return None
    state = index.lex.gazetteer.get(held.pop())
    return Mention(state.label, "Country", person.start, person.end, state.id, is_name=False)


def _envoy(index: DocIndex, person: Mention) -> bool:
    named = person.refers_to or person
    if not named.gazetteer_id:
        return False
    try:
        return any(relation in _TALKING_ROLES for relation, _, _ in index.lex.gazetteer.get(named.gazetteer_id).holds)
    except KeyError:
        return False


def _is_country(index: DocIndex, actor_id: str) -> bool:
    try:
        return index.lex.gazetteer.get(actor_id).type == "Country"
    except KeyError:
        return False
