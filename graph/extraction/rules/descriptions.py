"""Descriptions that stand for an actor already named: « le président russe » after
« le président russe, Vladimir Poutine » is Poutine.

A role phrase with a target but no name beside it refers to the person who held that
same role (same relation, same target) earlier in the article, if exactly one did.
A pronoun is never resolved. :class:`~graph.extraction.rules.doc_index.DocIndex` keeps
the result as ``described``, so that every rule reads such a description as the person.
"""
from __future__ import annotations

from collections.abc import Iterable

from graph.records import Mention
from graph.extraction.rules.roles import RoleOccurrence

__all__ = ["described_holders"]


def _target_key(target: Mention) -> str:
    return target.gazetteer_id or target.text.lower()


def described_holders(role_phrases: Iterable[RoleOccurrence]) -> dict[int, Mention]:
    """Role-phrase token -> the person it stands for, from role phrases in reading order."""
    described: dict[int, Mention] = {}
    holders: dict[tuple[str, str], set[Mention]] = {}
    for role in role_phrases:
        if role.target is None:
            continue
        key = (role.relation, _target_key(role.target))
        if role.holder is not None:
            holders.setdefault(key, set()).add(role.holder)
            continue
        known = {h.gazetteer_id or h.text for h in holders.get(key, ())}
        if len(known) == 1:
            holder = min(holders[key], key=lambda m: m.start)
            for i in range(role.start, role.end):
                described[i] = holder
    return described
