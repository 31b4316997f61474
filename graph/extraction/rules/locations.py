"""Locations: « Jeddah, en Arabie saoudite », « Hallandale Beach, dans la région de Miami »,
« Kiambu, dans le nord de Nairobi », « Miami (Floride) », « Kampala, la capitale ougandaise »
-> locatedIn."""
from __future__ import annotations

from collections.abc import Iterator

from graph.extraction.rules.finding import Finding
from graph.extraction.french import AREA_NOUNS, GENITIVE, LOCATIVE
from graph.extraction.rules.doc_index import DocIndex

__all__ = ["find_locations"]


def _capital_of(index: DocIndex, j: int):
    """« , la capitale ougandaise » / « , capitale du Kenya »: the state the capital is of."""
    doc, words = index.doc, index.words
    if j < len(doc) and doc[j].pos_ == "DET":
        j += 1
    if j + 1 >= len(doc) or words[j] != "capitale":
        return None
    nationality = index.nationality_mention(doc[j + 1]) if doc[j + 1].is_lower else None
    if nationality is not None:
        return nationality
    k = j + 1
    while k < len(doc) and (words[k] in GENITIVE or doc[k].pos_ == "DET"):
        k += 1
    state = index.entity_at.get(k)
    return index.mention(state) if state is not None and state.start == k and state.label_ == "Country" else None



def find_locations(index: DocIndex) -> Iterator[Finding]:
    doc = index.doc
    for ent in index.ents:
        if ent.label_ != "Place":
            continue
        j = ent.end
        if j < len(doc) and doc[j].text in (",", "("):
            j += 1
            while j < len(doc) and doc[j].pos_ == "ADV":
                j += 1
            if doc[j - 1].text == "," and not (j < len(doc) and doc[j].lower_ in LOCATIVE):
                state = _capital_of(index, j)
                if state is not None:
                    yield Finding(index.mention(ent), "locatedIn", state, index.sentence(ent.start),
                                  "location:capital", 0.85)
                continue
            while j < len(doc) and (doc[j].lower_ in LOCATIVE or doc[j].pos_ == "DET" or
                                    doc[j].lower_ in AREA_NOUNS or doc[j].lower_ in GENITIVE):
                j += 1
            container = index.entity_at.get(j)
            if container is not None and container.start == j and container.label_ in ("Place", "Country") \
                    and container != ent:
                yield Finding(index.mention(ent), "locatedIn", index.mention(container), index.sentence(ent.start),
                              "location:apposition", 0.85)
