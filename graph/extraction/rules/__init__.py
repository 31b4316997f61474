"""Relation rules. Each module holds one family of rules as a generator of :class:`Finding`.

>>> sorted(RULES)
['claims', 'delegations', 'interactions', 'leadership', 'locations', 'roles', 'sides']
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

from graph.extraction.rules.finding import Finding
from graph.extraction.rules.doc_index import DocIndex
from graph.extraction.rules import claims, delegations, interactions, leadership, locations, roles, sides, state_talks

__all__ = ["Finding", "RULES", "find_all"]

RULES: dict[str, Callable[[DocIndex], Iterator[Finding]]] = {
    "roles": roles.find_roles,
    "delegations": delegations.find_delegations,
    "interactions": interactions.find_interactions,
    "leadership": leadership.find_leadership,
    "claims": claims.find_claims,
    "locations": locations.find_locations,
    "sides": sides.find_sides,
}


def find_all(index: DocIndex) -> Iterator[Finding]:
    """Every family's findings, then the talks between states they imply
    (:mod:`~graph.extraction.rules.state_talks` reads the others' findings)."""
    findings = [finding for rule in RULES.values() for finding in rule(index)]
    yield from findings
    yield from state_talks.find_state_talks(index, findings)
