"""Oxigraph's own SPARQL server over a build: how to start it.

``oxigraph serve-read-only`` (from the ``oxigraph`` package) answers GET and POST
queries at ``/query`` with JSON, XML, CSV and TSV results (Turtle and others for
CONSTRUCT/DESCRIBE), refuses updates, and serves a query page for the browser at ``/``.
:mod:`graph.surfaces.endpoint` runs it behind the front server analysts reach.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

from graph.rdf.store import StoreError, open_store, store_path

__all__ = ["server_command", "endpoint_url"]


def _oxigraph() -> str:
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise StoreError("the oxigraph server is not installed: run `make install`")
    return found


def endpoint_url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/query"


def server_command(out_dir: str | Path, host: str, port: int, timeout: int) -> list[str]:
    open_store(out_dir)  # fails clearly on a missing or damaged store
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return [_oxigraph(), "serve-read-only", "--location", str(store_path(out_dir)), "--bind", bind,
            "--timeout-s", str(timeout)]
