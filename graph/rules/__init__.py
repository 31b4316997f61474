"""Relation rules. Each module holds one family of rules as a generator of :class:`Finding`.

>>> sorted(RULES)
['claims', 'delegations', 'interactions', 'locations', 'roles']
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

from .finding import Finding
from .parties import DocIndex
from . import claims, delegations, interactions, locations, roles

__all__ = ["Finding", "RULES", "find_all"]

RULES: dict[str, Callable[[DocIndex], Iterator[Finding]]] = {
    "roles": roles.find_roles,
    "delegations": delegations.find_delegations,
    "interactions": interactions.find_interactions,
    "claims": claims.find_claims,
    "locations": locations.find_locations,
}


def find_all(index: DocIndex) -> Iterator[Finding]:
    for rule in RULES.values():
        yield from rule(index)
