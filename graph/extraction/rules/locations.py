"""Locations: « Jeddah, en Arabie saoudite », « Hallandale Beach, dans la région de Miami »,
« Miami (Floride) » -> locatedIn."""
from __future__ import annotations

from collections.abc import Iterator

from graph.extraction.rules.finding import Finding
from graph.extraction.rules.doc_index import GENITIVE, DocIndex

__all__ = ["find_locations"]

_IN = {"à", "en", "au", "aux", "dans"}
_AREA_NOUNS = {"région", "province", "état", "oblast", "ville", "banlieue", "comté", "pays", "territoire"}


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
            if doc[j - 1].text == "," and not (j < len(doc) and doc[j].lower_ in _IN):
                continue
            while j < len(doc) and (doc[j].lower_ in _IN or doc[j].pos_ == "DET" or
                                    doc[j].lower_ in _AREA_NOUNS or doc[j].lower_ in GENITIVE):
                j += 1
            container = index.entity_at.get(j)
            if container is not None and container.start == j and container.label_ in ("Place", "Country") \
                    and container != ent:
                yield Finding(index.mention(ent), "locatedIn", index.mention(container), index.sentence(ent.start),
                              "location:apposition", 0.85)
