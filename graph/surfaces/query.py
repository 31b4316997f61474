"""SPARQL over the store: named analyst queries, parameters, and result formats.

A named query is a ``.rq`` file in ``graph/surfaces/queries/``: its first comment line says what
it answers, ``# param NAME = DEFAULT`` lines declare parameters, bound at run time:
``?NAME`` becomes the value as a string (as a number when the default is a whole number,
so ``LIMIT ?limit`` works), ``?NAME_key`` the value folded as entity name keys are
(``ng:nameKey``: case, accents, look-alike letters, a leading article), so
``?actor ng:nameKey ?actor_key`` finds an actor through an index, not a scan.
Listings sort on ``ng:corpusRank`` (a number) rather than on text: the store compares
long strings slowly, which counts over thousands of rows.

>>> store = ox.Store()
>>> store.add(ox.Quad(ox.NamedNode("http://x/putin"), ox.NamedNode(PREFIXES["ng"] + "nameKey"), ox.Literal("vladimir poutine")))
>>> [s["e"].value for s in run_query(store, "SELECT ?e { ?e ng:nameKey ?actor_key }", {"actor": "Vladimir POUTINE"})]
['http://x/putin']
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import pyoxigraph as ox

from ontology.names import name_key
from ontology.namespace import PREFIXES

__all__ = ["NamedQuery", "QueryError", "named_queries", "bind_parameters", "run_query", "format_result", "sparql_string"]

_PARAM = re.compile(r"^#\s*param\s+(\w+)\s*=\s*(.*?)\s*$")


class QueryError(ValueError):
    """A query that cannot run: syntax error (with its position), unknown name or parameter."""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    text: str
    params: dict[str, str]


@lru_cache(maxsize=None)
def named_queries() -> dict[str, NamedQuery]:
    found = {}
    for path in sorted(files("graph.surfaces").joinpath("queries").iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".rq"):
            continue
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        params = dict(m.groups() for line in lines if (m := _PARAM.match(line)))
        name = path.name[:-3]
        found[name] = NamedQuery(name, lines[0].lstrip("# ").strip(), text, params)
    return found


def bind_parameters(sparql: str, params: dict[str, str] | None = None, *,
                    declared: dict[str, str] | None = None) -> str:
    """``sparql`` with its parameters written in: ``params`` over the ``declared`` defaults."""
    bound = dict(declared or {})
    for key, value in (params or {}).items():
        if declared is not None and key not in declared:
            raise QueryError(f"unknown parameter {key!r} (this query takes: {', '.join(declared) or 'none'})")
        bound[key] = value
    for key, value in bound.items():
        if declared is not None and declared.get(key, "").isdigit():
            literal = value.strip()
            if not literal.isdigit():
                raise QueryError(f"parameter {key} takes a whole number, not {value!r}")
        else:
            literal = sparql_string(value)
        sparql = re.sub(rf"[?$]{key}_key\b", lambda _: sparql_string(name_key(value)), sparql)
        sparql = re.sub(rf"[?$]{key}\b", lambda _: literal, sparql)
    return sparql


def run_query(store: ox.Store, sparql: str, params: dict[str, str] | None = None, *,
              declared: dict[str, str] | None = None):
    """Run ``sparql``; ``params`` bind variables (declared ones default to their declared value)."""
    sparql = bind_parameters(sparql, params, declared=declared)
    try:
        return store.query(sparql, prefixes=PREFIXES)
    except SyntaxError as err:
        raise QueryError(f"malformed query: {err}") from None
    except (OSError, RuntimeError) as err:
        raise QueryError(f"query failed: {str(err).splitlines()[0] if str(err) else type(err).__name__}") from None


def sparql_string(value: str) -> str:
    """``value`` as a SPARQL string literal, safe whatever it holds."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def _text(term) -> str:
    return "" if term is None else term.value


def format_result(result, fmt: str = "table") -> str:
    """Solutions as ``table``, ``csv`` or ``json`` (SPARQL JSON results); graphs as Turtle."""
    if isinstance(result, ox.QueryBoolean):
        return json.dumps({"head": {}, "boolean": bool(result)}) if fmt == "json" else str(bool(result)).lower()
    if isinstance(result, ox.QueryTriples):
        return ox.serialize(list(result), format=ox.RdfFormat.TURTLE).decode("utf-8")
    if fmt == "json":
        return result.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8")
    variables = [v.value for v in result.variables]
    rows = [[_text(solution[v]) for v in variables] for solution in result]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(variables)
        writer.writerows(rows)
        return buffer.getvalue()
    if fmt != "table":
        raise QueryError(f"unknown format {fmt!r} (table, csv, json)")
    return _table(variables, rows)


def _table(variables: list[str], rows: list[list[str]], width: int = 60) -> str:
    cells = [[v if len(v) <= width else v[:width - 1] + "…" for v in row] for row in rows]
    sizes = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(variables)]
    line = lambda values: " | ".join(v.ljust(s) for v, s in zip(values, sizes)).rstrip()
    out = [line(variables), "-+-".join("-" * s for s in sizes)] + [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
