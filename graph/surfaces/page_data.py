"""What the network page shows when an analyst clicks: read from a build's records.

- each article: title, publication date, outlet, URL;
- each actor: every name, Wikidata id, the articles that mention it;
- each relation: every evidence sentence, with its article, rule, confidence, whether
  the event was planned, and its character offsets in the article's file.

All of it is plain JSON-ready data; :mod:`graph.surfaces.render` ships it in the page as
data (never as markup).

>>> page_details([], None, {})["articles"]
{}
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from rdflib import URIRef

from graph.records import ArticleExtraction

__all__ = ["page_details"]


def page_details(extractions: Iterable[ArticleExtraction], resolution, iris: Mapping[str, URIRef]) -> dict:
    """``{"articles": {id: {...}}, "actors": {iri: {...}}, "evidence": {"s|relation|o": [...]}}``."""
    articles: dict[str, dict] = {}
    evidence: dict[str, list[dict]] = defaultdict(list)
    for extraction in extractions:
        article = extraction.article
        articles[article.id] = {"title": article.title, "date": article.published or "",
                                "outlet": article.outlet or "", "url": article.url or ""}
        for _, relation, s_key, o_key in resolution.relations_of(extraction):
            found = relation.evidence
            evidence[f"{iris[s_key]}|{relation.predicate}|{iris[o_key]}"].append({
                "sentence": found.sentence, "article": article.id, "start": found.start, "end": found.end,
                "rule": found.rule, "confidence": round(found.confidence, 2), "planned": found.planned})
    actors = {}
    if resolution is not None:
        for key, entity in resolution.entities.items():
            if key in iris:
                actors[str(iris[key])] = {"wikidata": entity.wikidata or "", "articles": list(entity.articles)}
    for rows in evidence.values():
        rows.sort(key=lambda row: (articles[row["article"]]["date"], row["article"], row["start"]))
    return {"articles": articles, "actors": actors, "evidence": dict(evidence)}
