"""Leadership said with a verb: « le Parti vert, présidé par Ana Ferreira », « l'Union
kényane, dirigée par Ole Berg », « Ferreira, qui dirige le Parti vert », « Berg, à la tête
de l'Union kényane » -> leaderOf; « Berg, qui dirige la diplomatie kényane » -> ministerOf.
"""
from __future__ import annotations

from collections.abc import Iterator

from graph.extraction.french import ARTICLES, GENITIVE, ORGANISATION_NOUNS
from graph.extraction.rules.doc_index import DocIndex
from graph.extraction.rules.finding import Finding
from graph.extraction.rules.roles import past_rank

__all__ = ["find_leadership"]

# Participles that take the leader after « par », and verbs that take the led as object.
_LED_BY = frozenset({"présidé", "présidée", "présidés", "présidées", "dirigé", "dirigée", "dirigés", "dirigées",
                     "mené", "menée", "emmené", "emmenée", "conduit", "conduite", "conduits", "conduites",
                     "commandé", "commandée", "commandés", "commandées"})
_LEADS = frozenset({"présider", "diriger"})
_LED_TYPES = ("Organization", "Country")


def find_leadership(index: DocIndex) -> Iterator[Finding]:
    doc, words = index.doc, index.words
    for i, word in enumerate(words):
        if word in _LED_BY and i + 1 < len(doc) and words[i + 1] == "par":
            led = _led_before(index, i)
            at = past_rank(index, i + 2)  # « commandées par le général A »
            leader = index.entity_at.get(at)
            if led is not None and leader is not None and leader.start == at and leader.label_ == "Person":
                yield Finding(index.mention(leader), "leaderOf", led, index.sentence(i), "leadership:passive", 0.8)
        elif word == "qui" and i + 1 < len(doc) and index.lemmas[i + 1] in _LEADS:
            leader = _person_before(index, i)
            led = _led_after(index, i + 2)
            if leader is not None and led is not None:
                yield Finding(leader, "leaderOf", led, index.sentence(i), "leadership:relative", 0.8)
            elif leader is not None:
                state = _diplomacy_of(index, i + 2)
                if state is not None:  # « A, qui dirige la diplomatie kényane »: its foreign minister
                    yield Finding(leader, "ministerOf", state, index.sentence(i), "leadership:diplomacy", 0.75)
        elif word == "tête" and i >= 2 and words[i - 1] == "la" and words[i - 2] == "à" \
                and i + 1 < len(doc) and words[i + 1] in GENITIVE:
            leader = _person_before(index, i - 2)
            led = _led_after(index, i + 2)
            if leader is not None and led is not None:
                yield Finding(leader, "leaderOf", led, index.sentence(i), "leadership:head", 0.75)


def _led_before(index: DocIndex, i: int):
    """« X, présidé par »: the organisation right before, past a comma or a bracket: the
    name before the bracket (« l'Union kényane (UK), présidée par »), or the bracket's
    own when only it is a name (« le Parlement kényan (Bunge), présidé par »)."""
    doc = index.doc
    j = i - 1
    bracketed = None
    while j >= 0 and doc[j].text in (",", ")"):
        j -= 1
        if doc[j + 1].text == ")":
            inside = index.entity_at.get(j)
            if inside is not None and inside.end == j + 1 and inside.start > 0 and doc[inside.start - 1].text == "(":
                bracketed = inside
            while j >= 0 and doc[j].text != "(":
                j -= 1
            j -= 1
    ent = index.entity_at.get(j)
    if ent is None or ent.end != j + 1:
        ent = bracketed
    if ent is None or ent.label_ not in _LED_TYPES:
        return None
    return index.mention(ent)


def _person_before(index: DocIndex, i: int):
    """« Ferreira, qui dirige »: the person the clause hangs on."""
    j = i - 1
    if j >= 0 and index.doc[j].text == ",":
        j -= 1
    ent = index.entity_at.get(j)
    if ent is None or ent.end != j + 1 or ent.label_ != "Person" or index.is_genitive(ent):
        return None
    return index.mention(ent)


def _diplomacy_of(index: DocIndex, j: int):
    """« (dirige) la diplomatie kényane », « la diplomatie du Kenya »: the state."""
    doc, words = index.doc, index.words
    end = min(len(doc), j + 4)
    while j < end and (doc[j].pos_ == "ADV" or words[j] in ARTICLES):
        j += 1
    if j + 1 >= len(doc) or words[j] != "diplomatie":
        return None
    state, _ = index.state_qualifier(j + 1)
    return index.as_state(state) if state is not None else None


def _led_after(index: DocIndex, j: int):
    """« dirige le Parti vert », « à la tête du groupe Renouveau »."""
    doc = index.doc
    end = min(len(doc), j + 4)
    while j < end and (index.words[j] in ARTICLES or index.words[j] in GENITIVE or index.words[j] in ORGANISATION_NOUNS):
        j += 1
    ent = index.entity_at.get(j)
    if ent is None or ent.start != j or ent.label_ not in _LED_TYPES:
        return None
    return index.mention(ent)
