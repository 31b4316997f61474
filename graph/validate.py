"""SHACL validation of a built graph against ``ontology/shapes.ttl`` (pyshacl)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph
from rdflib.namespace import SH

__all__ = ["Violation", "validate"]


@dataclass(frozen=True, slots=True)
class Violation:
    focus: str
    message: str

    def __str__(self) -> str:
        return f"{self.focus}: {self.message}"


@lru_cache(maxsize=None)
def _shapes() -> Graph:
    return Graph().parse(str(files("ontology").joinpath("shapes.ttl")), format="turtle")


def validate(ds: Dataset) -> list[Violation]:
    """Every SHACL violation of the union of the dataset's graphs."""
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    conforms, report, _ = shacl_validate(union, shacl_graph=_shapes(), inference="none", allow_warnings=True)
    if conforms:
        return []
    violations = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus = report.value(result, SH.focusNode)
        message = report.value(result, SH.resultMessage)
        violations.append(Violation(str(focus), str(message)))
    return sorted(violations, key=lambda v: (v.focus, v.message))
