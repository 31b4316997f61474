"""Score a built graph against a hand annotation in the gold format of ``seeds.json``.

Gold: ``entities`` (id -> type, names) and ``articles`` (id -> entities, relations, and
optional ones). A relation's subject or object may be a list of acceptable entities.

- entities: recall over required gold entities that some graph node maps to (by
  normalised name); precision = mapped nodes / typed nodes; a node whose names hit two
  gold entities is a false merge; extra nodes for one gold entity are duplicates;
- relations: per article, a graph triple matching a required relation is a true
  positive, one matching only an optional relation is ignored, anything else is a
  false positive; symmetric relations match either way; micro-averaged.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SKOS

from ontology.names import name_key
from ontology.namespace import CORE_CLASSES, RELATIONS, SYMMETRIC_RELATIONS

__all__ = ["Report", "evaluate", "load_gold", "load_graph", "GoldError"]

_NAME_PREDICATES = {str(p) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel, FOAF.name)} | {
    f"{base}{local}" for base in ("http://schema.org/", "https://schema.org/") for local in ("name", "alternateName")}
_COARSE = {"Person": "PER", "Organization": "ORG", "Country": "LOC", "Place": "LOC"}


class GoldError(ValueError):
    pass


def _local(iri) -> str:
    return re.split(r"[/#:]", str(iri))[-1]


@dataclass
class Report:
    entity_required: int = 0
    entity_found: int = 0
    nodes: int = 0
    mapped: int = 0
    spurious: list = field(default_factory=list)
    false_merges: list = field(default_factory=list)
    duplicates: dict = field(default_factory=dict)
    type_correct: int = 0
    missing_entities: list = field(default_factory=list)
    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: list = field(default_factory=list)
    wrong: list = field(default_factory=list)
    articles_with_graph: int = 0
    articles: int = 0

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def entity_recall(self) -> float:
        return self._ratio(self.entity_found, self.entity_required)

    @property
    def entity_precision(self) -> float:
        return self._ratio(self.mapped, self.mapped + len(self.spurious) + len(self.false_merges))

    @property
    def type_accuracy(self) -> float:
        return self._ratio(self.type_correct, self.mapped)

    @property
    def relation_precision(self) -> float:
        return self._ratio(self.tp, self.tp + self.fp)

    @property
    def relation_recall(self) -> float:
        return self._ratio(self.tp, self.tp + self.fn)

    @property
    def relation_f1(self) -> float:
        return self._f1(self.relation_precision, self.relation_recall)

    @property
    def duplicate_nodes(self) -> int:
        return sum(n - 1 for n in self.duplicates.values())

    def summary(self) -> dict:
        return {
            "articles_with_graph": f"{self.articles_with_graph}/{self.articles}",
            "entity": {"recall": round(self.entity_recall, 3), "precision": round(self.entity_precision, 3),
                       "f1": round(self._f1(self.entity_precision, self.entity_recall), 3),
                       "found": self.entity_found, "required": self.entity_required,
                       "spurious": len(self.spurious), "type_accuracy": round(self.type_accuracy, 3)},
            "merge": {"duplicate_nodes": self.duplicate_nodes, "false_merges": len(self.false_merges)},
            "relation": {"precision": round(self.relation_precision, 3), "recall": round(self.relation_recall, 3),
                         "f1": round(self.relation_f1, 3), "tp": self.tp, "fp": self.fp, "fn": self.fn},
        }


def load_gold(path: str | Path) -> dict:
    if Path(path).is_dir():
        raise GoldError(f"{path} is a folder: give the gold JSON file (the format of seeds.json)")
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
        gold["entities"], gold["articles"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise GoldError(f"{path}: not a gold file ({err})") from None
    return gold


def graph_file(path: str | Path) -> Path:
    """The graph file to score: ``path`` itself, or the graph.trig of a build folder."""
    path = Path(path)
    if path.is_dir():
        if (path / "graph.trig").is_file():
            return path / "graph.trig"
        raise GoldError(f"{path} is a folder with no graph.trig: give a build folder or its graph.trig")
    return path


def load_graph(path: str | Path) -> Dataset:
    path = graph_file(path)
    ds = Dataset(default_union=True)
    suffix = Path(path).suffix
    ds.parse(str(path), format={".trig": "trig", ".nq": "nquads", ".ttl": "turtle"}.get(suffix, "trig"))
    return ds


def _nodes(ds: Dataset) -> dict:
    nodes: dict = defaultdict(lambda: {"types": set(), "names": set()})
    core = set(CORE_CLASSES)
    for s, o in ds.subject_objects(RDF.type):
        if isinstance(s, URIRef) and _local(o) in core:
            nodes[s]["types"].add(_COARSE[_local(o)])
    for node, info in nodes.items():
        for p, o in ds.predicate_objects(node):
            if str(p) in _NAME_PREDICATES and isinstance(o, Literal):
                info["names"].add(name_key(str(o)))
    return dict(nodes)


def _expand(relation) -> set:
    subject, predicate, obj = relation
    subjects = subject if isinstance(subject, list) else [subject]
    objects = obj if isinstance(obj, list) else [obj]
    pairs = {(a, predicate, b) for a in subjects for b in objects}
    if predicate in SYMMETRIC_RELATIONS:
        pairs |= {(b, predicate, a) for a, _, b in pairs}
    return pairs


def evaluate(gold: dict, ds: Dataset) -> Report:
    report = Report()
    by_name = defaultdict(set)
    for gid, entity in gold["entities"].items():
        for name in entity["names"]:
            by_name[name_key(name)].add(gid)
    required = set().union(*(set(a["entities"]) for a in gold["articles"].values()))
    report.entity_required = len(required)

    node_gold = {}
    per_gold = defaultdict(list)
    nodes = _nodes(ds)
    report.nodes = len(nodes)
    for node, info in nodes.items():
        hits = set().union(*(by_name.get(n, set()) for n in info["names"]))
        if len(hits) > 1:
            report.false_merges.append((str(node), sorted(hits)))
        elif not hits:
            report.spurious.append(str(node))
        else:
            gid = hits.pop()
            node_gold[node] = gid
            per_gold[gid].append(node)
            report.type_correct += _COARSE[gold["entities"][gid]["type"]] in info["types"]
    report.mapped = len(node_gold)
    report.entity_found = len({g for g in required if per_gold.get(g)})
    report.missing_entities = sorted(g for g in required if not per_gold.get(g))
    report.duplicates = {g: len(n) for g, n in per_gold.items() if len(n) > 1}

    contexts = {}
    for context in ds.graphs():
        for article_id in gold["articles"]:
            if str(context.identifier).endswith(article_id):
                contexts[article_id] = context
    report.articles = len(gold["articles"])
    report.articles_with_graph = len(contexts)
    relations = set(RELATIONS)
    for article_id, article in gold["articles"].items():
        wanted = [_expand(r) for r in article["relations"]]
        optional = set().union(*(_expand(r) for r in article.get("optional_relations", [])))
        hit = [False] * len(wanted)
        stated = set()
        context = contexts.get(article_id)
        for s, p, o in (context if context is not None else ()):
            if _local(p) in relations:
                stated.add((node_gold.get(s, str(s)), _local(p), node_gold.get(o, str(o))))
        for triple in sorted(stated):
            matches = [i for i, accepted in enumerate(wanted) if triple in accepted]
            for i in matches:
                hit[i] = True
            if not matches and triple not in optional:
                report.fp += 1
                report.wrong.append((article_id, triple))
        for i, relation in enumerate(article["relations"]):
            if hit[i]:
                report.tp += 1
            else:
                report.fn += 1
                report.missed.append((article_id, tuple(map(str, relation))))
    return report
