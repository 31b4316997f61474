"""Locations: « Jeddah, en Arabie saoudite », « Hallandale Beach, dans la région de Miami »,
« Kiambu, dans le nord de Nairobi », « Miami (Floride) », « Kampala, la capitale ougandaise »,
« Mombasa, ville portuaire kényane », « le Turkana kényan », a dateline (« Lomé, Togo –
le 3 juin ») -> locatedIn. What is only near (« Kisumu, près de Nakuru, ») is passed over."""
from __future__ import annotations

from collections.abc import Iterator

from graph.extraction.rules.finding import Finding
from graph.extraction.french import AREA_NOUNS, GENITIVE, LOCATIVE, PLACE_NAME_HEADS, PLACE_NOUNS
from graph.extraction.rules.doc_index import DocIndex

__all__ = ["find_locations"]

_NEAR = frozenset({"près", "proche", "non", "loin"})  # « près de », « non loin de »


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



def _described_place_of(index: DocIndex, j: int):
    """« , ville portuaire kényane », « , une ville du Kenya »: the state a place noun's
    nationality adjective or genitive names."""
    doc, words = index.doc, index.words
    if j < len(doc) and doc[j].pos_ == "DET":
        j += 1
    if j >= len(doc) or words[j] not in PLACE_NOUNS:
        return None
    k = j + 1
    while k < min(len(doc), j + 4):
        nationality = index.nationality_mention(doc[k]) if doc[k].is_lower else None
        if nationality is not None:
            return nationality
        if words[k] in GENITIVE:
            state = index.entity_at.get(k + 1)
            if state is not None and state.start == k + 1 and state.label_ == "Country":
                return index.mention(state)
            return None
        if doc[k].pos_ != "ADJ":
            return None
        k += 1
    return None


def _skip_nearby(index: DocIndex, j: int) -> int:
    """« Kisumu, près de Nakuru, dans l'ouest du Kenya »: past what is only near."""
    doc, words = index.doc, index.words
    if j >= len(doc) or words[j] not in _NEAR:
        return j
    end = min(len(doc), j + 8)
    for k in range(j, end):
        if doc[k].text == "," and k + 1 < len(doc) and words[k + 1] in LOCATIVE:
            return k + 1
    return len(doc)


_DATELINE_ENDS = frozenset({"–", "—", "-", "(", ":"})


def _dateline(index: DocIndex, place, j: int) -> bool:
    """``place`` opens a paragraph as a dateline: « Lomé, Togo – le 3 juin »,
    « Accra, Ghana (AFP) »: the place, a comma, a state or region, then a dash, a
    bracket, a colon or the line's end."""
    doc = index.doc
    at = place.start
    if at > 0 and "\n" not in doc[at - 1].text and "\n" not in doc[at - 1].whitespace_:
        return False
    container = index.entity_at.get(j)
    if container is None or container.start != j or container.label_ not in ("Country", "Place") or container == place:
        return False
    end = container.end
    return end >= len(doc) or doc[end].text in _DATELINE_ENDS or "\n" in doc[end - 1].whitespace_ \
        or "\n" in doc[end].text


def find_locations(index: DocIndex) -> Iterator[Finding]:
    doc = index.doc
    for ent in index.ents:
        if ent.label_ != "Place":
            continue
        if ent.start >= 2 and index.words[ent.start - 1] in GENITIVE and index.words[ent.start - 2] in _NEAR:
            continue  # « Kisumu, près de Nakuru, dans l'ouest du Kenya »: the apposition is Kisumu's
        j = ent.end
        if j + 1 < len(doc) and index.words[j] in ("de", "d'") and index.words[ent.start] in PLACE_NAME_HEADS:
            container = index.entity_at.get(j + 1)
            if container is not None and container.start == j + 1 and container.label_ in ("Place", "Country"):
                yield Finding(index.mention(ent), "locatedIn", index.mention(container), index.sentence(ent.start),
                              "location:genitive", 0.8)  # « le Palais du Peuple de Pékin »
                continue
        nationality = index.nationality_mention(doc[j]) if j < len(doc) and doc[j].is_lower else None
        if nationality is not None:  # « le Kurdistan kényan »: the place of that state
            yield Finding(index.mention(ent), "locatedIn", nationality, index.sentence(ent.start),
                          "location:adjective", 0.75)
            continue
        if j < len(doc) and doc[j].text in (",", "("):
            j += 1
            while j < len(doc) and doc[j].pos_ == "ADV" and index.words[j] not in _NEAR:
                j += 1
            j = _skip_nearby(index, j)
            if j >= len(doc):
                continue
            if doc[j - 1].text == "," and _dateline(index, ent, j):
                # « Lomé, Togo – le 3 juin » opening a paragraph: the city, then its country
                yield Finding(index.mention(ent), "locatedIn", index.mention(index.entity_at[j]),
                              index.sentence(ent.start), "location:dateline", 0.8)
                continue
            if doc[j - 1].text == "," and not (j < len(doc) and doc[j].lower_ in LOCATIVE):
                capital = _capital_of(index, j)
                state = capital or _described_place_of(index, j)
                if state is not None:
                    yield Finding(index.mention(ent), "locatedIn", state, index.sentence(ent.start),
                                  "location:capital" if capital else "location:description", 0.85)
                continue
            while j < len(doc) and (doc[j].lower_ in LOCATIVE or doc[j].pos_ == "DET" or
                                    doc[j].lower_ in AREA_NOUNS or doc[j].lower_ in GENITIVE):
                j += 1
            container = index.entity_at.get(j)
            if container is not None and container.start == j and container.label_ in ("Place", "Country") \
                    and container != ent:
                yield Finding(index.mention(ent), "locatedIn", index.mention(container), index.sentence(ent.start),
                              "location:apposition", 0.85)
