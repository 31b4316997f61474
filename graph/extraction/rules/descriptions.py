"""Descriptions that stand for an actor: « le président russe » is Poutine.

A role phrase with a target but no name beside it (a *title*) refers to the person the
article names with that same role (same relation, same target), if exactly one, before
or after it. Otherwise it becomes a *title placeholder*, a Person mention that carries
``(relation, target, role)``: resolution later gives it the one person of the article who holds
that role somewhere in the corpus, or drops it. A pronoun is never resolved.
:class:`~graph.extraction.rules.doc_index.DocIndex` keeps the result as ``described``, so
that every rule reads such a description as the person.
"""
from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from graph.records import Mention
from graph.extraction.rules.roles import RoleOccurrence

__all__ = ["described_holders", "target_key"]

_TITLE_RELATIONS = frozenset({"leaderOf", "ministerOf", "spokespersonOf", "envoyOf", "advisorOf", "negotiatorFor",
                              "relativeOf"})


def target_key(target: Mention) -> str:
    return target.gazetteer_id or target.text.lower()


def described_holders(doc: Doc, role_phrases: Sequence[RoleOccurrence]) -> dict[int, Mention]:
    """Role-phrase token -> the person it stands for (or a title placeholder)."""
    holders: dict[tuple[str, str], set[Mention]] = {}
    role_phrases = [role for role in role_phrases if not role.deputy]  # no description of a deputy
    for role in role_phrases:
        if role.target is not None and role.holder is not None:
            holders.setdefault((role.relation, target_key(role.target)), set()).add(role.holder)
    described: dict[int, Mention] = {}
    for role in role_phrases:
        if role.target is None or role.holder is not None:
            continue
        named = holders.get((role.relation, target_key(role.target)), set())
        if len({h.gazetteer_id or h.text for h in named}) == 1:
            holder = min(named, key=lambda m: m.start)
        elif named or role.relation not in _TITLE_RELATIONS:
            continue
        else:
            span = doc[role.start:role.end]
            holder = Mention(span.text, "Person", span.start_char, span.end_char, is_name=False,
                             title=(role.relation, role.target, role.name))
        for i in range(role.start, role.end):
            described[i] = holder
    return described
