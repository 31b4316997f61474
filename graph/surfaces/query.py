"""SPARQL over the store: named analyst queries, parameters, and result formats.

A named query is a ``.rq`` file in ``graph/surfaces/queries/``: its first comment line says what
it answers, ``# param NAME = DEFAULT`` lines declare optional parameters and
``# param NAME (e.g. EXAMPLE)`` required ones (a query about an actor must be told which),
bound at run time:
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
import difflib
import io
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import pyoxigraph as ox

from graph.surfaces.sparql_guard import QueryRefused, check_query
from ontology.names import name_key
from ontology.namespace import PREFIXES

__all__ = ["NamedQuery", "QueryError", "named_queries", "bind_parameters", "run_query", "format_result", "sparql_string",
           "closest_names"]

_PARAM = re.compile(r"^#\s*param\s+(\w+)\s*(?:=\s*(.*?)|\(e\.g\.\s*(.*?)\))\s*$")


class QueryError(ValueError):
    """A query that cannot run: syntax error (with its position), unknown name or parameter."""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    text: str
    params: dict[str, str | None]  # name -> default (None: the parameter must be given)
    examples: dict[str, str]  # a value for each required parameter, to show and to benchmark with


@lru_cache(maxsize=None)
def named_queries() -> dict[str, NamedQuery]:
    found = {}
    for path in sorted(files("graph.surfaces").joinpath("queries").iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".rq"):
            continue
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        declared = [m.groups() for line in lines if (m := _PARAM.match(line))]
        params = {key: default for key, default, _ in declared}
        examples = {key: example for key, _, example in declared if example is not None}
        name = path.name[:-3]
        found[name] = NamedQuery(name, lines[0].lstrip("# ").strip(), text, params, examples)
    return found


def bind_parameters(sparql: str, params: dict[str, str] | None = None, *,
                    declared: dict[str, str | None] | None = None) -> str:
    """``sparql`` with its parameters written in: ``params`` over the ``declared`` defaults."""
    bound = {key: default for key, default in (declared or {}).items() if default is not None}
    for key, value in (params or {}).items():
        if declared is not None and key not in declared:
            raise QueryError(f"unknown parameter {key!r} (this query takes: {', '.join(declared) or 'none'})")
        bound[key] = value
    missing = [key for key in (declared or {}) if key not in bound]
    if missing:
        raise QueryError("this query needs " + " ".join(f"--param {key}=…" for key in missing)
                         + f" (it takes: {', '.join(declared)})")
    for key, value in bound.items():
        if declared is not None and (declared.get(key) or "").isdigit():
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
        check_query(sparql, allow_service=True)  # the analyst's own machine: SERVICE is theirs to use
    except QueryRefused as err:
        raise QueryError(str(err)) from None
    update = _UPDATE.match(_PROLOGUE.sub("", _COMMENTS.sub("", sparql)))
    if update:
        raise QueryError(f"{update.group(1).upper()} is an update, and a build's store is read-only: newsgraph "
                         f"query runs SELECT, ASK, CONSTRUCT and DESCRIBE (change the graph with `newsgraph build`)")
    try:
        return store.query(sparql, prefixes=PREFIXES)
    except SyntaxError as err:
        raise QueryError(_syntax_message(sparql, str(err))) from None
    except (OSError, RuntimeError) as err:
        raise QueryError(f"query failed: {str(err).splitlines()[0] if str(err) else type(err).__name__}") from None


_COMMENTS = re.compile(r"#[^\n]*")
_PROLOGUE = re.compile(r"^\s*(?:(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*", re.IGNORECASE)
_UPDATE = re.compile(r"\s*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)
_PREFIXED = re.compile(r"(?<![\w<:\\?$\"'])([A-Za-z][\w.-]*)?:(?=[\w(])")
_DECLARED = re.compile(r"PREFIX\s+([\w.-]*):", re.IGNORECASE)


def _syntax_message(sparql: str, error: str) -> str:
    """One line: an undefined prefix by name, else where the parser stopped and, when it
    is short, what it expected there."""
    text = re.sub(r"<[^>\s]*>|\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'", " ", _COMMENTS.sub("", sparql))
    known = set(PREFIXES) | set(_DECLARED.findall(text))
    undefined = sorted({p for p in _PREFIXED.findall(text) if p and p not in known})
    if "Prefix not found" in error and undefined:
        return (f"undefined prefix {', '.join(p + ':' for p in undefined)} (declare it with PREFIX "
                f"{undefined[0]}: <…>; known without declaring: {', '.join(sorted(PREFIXES))})")
    first = error.splitlines()[0]
    where = re.match(r"error at (\d+):(\d+): (.*)", first)
    if where is None:
        return f"malformed query: {first[:160]}"
    line, column, reason = where.groups()
    if reason == "expected CONSTRUCT":  # what Oxigraph says of an unknown query form
        reason = "expected SELECT, ASK, CONSTRUCT or DESCRIBE"
    elif "expected one of" in reason or len(reason) > 80:
        reason = "unexpected text there"
    return f"malformed query at line {line}, column {column}: {reason}"


def closest_names(store: ox.Store, name: str, *, count: int = 5) -> list[str]:
    """The actors' labels whose names come closest to ``name`` (for « did you mean »)."""
    keys: dict[str, set[str]] = {}
    for row in store.query("SELECT ?key ?label WHERE { ?e ng:nameKey ?key ; rdfs:label ?label }", prefixes=PREFIXES):
        keys.setdefault(row["key"].value, set()).add(row["label"].value)
    wanted = name_key(name)
    close = difflib.get_close_matches(wanted, list(keys), n=count * 2, cutoff=0.6)
    # a surname alone is close to the full names that end with it
    close += [key for key in keys if wanted and (key.endswith(" " + wanted) or key.startswith(wanted + " "))]
    return list(dict.fromkeys(label for key in close for label in sorted(keys[key])))[:count]


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
