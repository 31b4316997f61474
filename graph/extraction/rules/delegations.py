"""Delegations: « Une délégation américaine menée par Steve Witkoff et accompagnée de
Jared Kushner », « La délégation russe comprendrait notamment Kirill Dmitriev »
-> negotiatorFor the delegation's country.
"""
from __future__ import annotations

from collections.abc import Iterator

from graph.extraction.rules.finding import Finding
from graph.extraction.french import CLAUSE_ENDS, GENITIVE
from graph.extraction.rules.doc_index import DocIndex

__all__ = ["find_delegations"]

_DELEGATION = {"délégation", "délégations"}
_MEMBERSHIP_CUES = {"mener", "conduire", "diriger", "présider", "accompagner", "comprendre", "composer",
                    "inclure", "emmener", "compter", "dont", "notamment", "par"}


def find_delegations(index: DocIndex) -> Iterator[Finding]:
    doc = index.doc
    for i, word in enumerate(index.words):
        if word not in _DELEGATION:
            continue
        token = doc[i]
        country, j = _delegation_country(index, token.i + 1)
        if country is None:
            continue
        armed = False
        sent = index.sentence(i)
        sent_end = sent.end
        while j < sent_end and doc[j].text not in (".", ";", ":") and doc[j].lower_ not in CLAUSE_ENDS \
                and doc[j].lower_ not in _DELEGATION:
            cue = doc[j].lemma_.lower() in _MEMBERSHIP_CUES or doc[j].lower_ in _MEMBERSHIP_CUES
            armed = armed or cue
            ent = index.entity_at.get(j)
            if ent is not None:
                if armed and ent.label_ == "Person" and not index.is_genitive(ent):
                    yield Finding(index.mention(ent), "negotiatorFor", country, sent,
                                  "delegation:member", 0.8)
                j = ent.end
                continue
            if doc[j].pos_ == "VERB" and not cue and armed:
                break
            j += 1


def _delegation_country(index: DocIndex, j: int):
    doc = index.doc
    if j < len(doc):
        nationality = index.nationality_mention(doc[j])
        if nationality is not None:
            return nationality, j + 1
        if doc[j].lower_ in GENITIVE:
            k = j + 1
            while k < len(doc) and doc[k].pos_ == "DET":
                k += 1
            ent = index.entity_at.get(k)
            if ent is not None and index.stands_for_state(index.mention(ent)):
                return index.mention(ent), ent.end
    return None, j
