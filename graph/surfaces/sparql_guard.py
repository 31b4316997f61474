"""What a query may be before it reaches the store, and the prefixes it may leave out.

Oxigraph parses a query recursively: thousands of nested braces exhaust its stack and
kill the process that runs it (the endpoint's back-end, or ``newsgraph query`` itself).
A ``SERVICE`` clause makes the store fetch another endpoint on the client's behalf. So
both the endpoint and the command line look at a query first, without parsing it:
strings, IRIs and comments skipped, brackets counted, keywords found.

>>> check_query("SELECT * WHERE { ?s ?p ?o }")
>>> check_query("SELECT * WHERE " + "{" * 500 + "}" * 500)
Traceback (most recent call last):
...
graph.surfaces.sparql_guard.QueryRefused: the query nests brackets 500 deep (at most 128): write it flatter
>>> check_query('SELECT * WHERE { SERVICE <http://x/sparql> { ?s ?p ?o } }')
Traceback (most recent call last):
...
graph.surfaces.sparql_guard.QueryRefused: SERVICE (a query sent on to another endpoint) is refused here; start `newsgraph serve --allow-service` to allow it
>>> with_prefixes("SELECT ?who WHERE { ?who ng:spokespersonOf ?x }").startswith("PREFIX ")
True
"""
from __future__ import annotations

import re

from ontology.namespace import PREFIXES

__all__ = ["QueryRefused", "MAX_QUERY_BYTES", "MAX_NESTING", "check_query", "with_prefixes", "nesting"]

MAX_QUERY_BYTES = 256 * 1024  # a query longer than this is no analyst's
MAX_NESTING = 128  # brackets deep: real queries stay under 20, Oxigraph's parser dies in the thousands

# what is not SPARQL syntax: strings (long forms first), IRIs (no spaces inside, unlike « < » the
# operator), comments; each is blanked out before brackets and keywords are looked at
_OPAQUE = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                     r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*')
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:])", re.IGNORECASE)
_DECLARED = re.compile(r"(?<![\w:])PREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)


class QueryRefused(ValueError):
    """A query the endpoint will not send to the store; the message says why, in one line."""


def _syntax(sparql: str) -> str:
    return _OPAQUE.sub(" ", sparql)


def nesting(sparql: str) -> int:
    """How deep brackets (``{``, ``(``, ``[``) nest in ``sparql``, outside strings, IRIs and comments."""
    depth = deepest = 0
    for ch in _syntax(sparql):
        if ch in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "})]":
            depth = max(0, depth - 1)
    return deepest


def check_query(sparql: str, *, allow_service: bool = False) -> None:
    """Raise :class:`QueryRefused` for a query too long, too deep or (unless allowed) with SERVICE."""
    size = len(sparql.encode("utf-8", "surrogatepass"))
    if size > MAX_QUERY_BYTES:
        raise QueryRefused(f"the query is {size // 1024} KB long (at most {MAX_QUERY_BYTES // 1024} KB)")
    deep = nesting(sparql)
    if deep > MAX_NESTING:
        raise QueryRefused(f"the query nests brackets {deep} deep (at most {MAX_NESTING}): write it flatter")
    if not allow_service and _SERVICE.search(_syntax(sparql)):
        raise QueryRefused("SERVICE (a query sent on to another endpoint) is refused here; "
                           "start `newsgraph serve --allow-service` to allow it")


def with_prefixes(sparql: str) -> str:
    """``sparql`` with a ``PREFIX`` line for each prefix of newsgraph's registry it does
    not declare itself, so that the endpoint knows ``ng:``, ``schema:``... as
    ``newsgraph query`` does."""
    declared = {name or "" for name in _DECLARED.findall(_syntax(sparql))}
    missing = [f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items() if name not in declared]
    return "".join(missing) + sparql
