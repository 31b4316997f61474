"""A read-only SPARQL 1.1 Protocol endpoint over a build: Oxigraph's own server.

``oxigraph serve-read-only`` (from the ``oxigraph`` package) answers GET and POST
queries at ``/query`` with JSON, XML, CSV and TSV results (Turtle and others for
CONSTRUCT/DESCRIBE), refuses updates, stops queries after ``timeout`` seconds, and
serves a query page for the browser at ``/``.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import NoReturn

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


def run_server(out_dir: str | Path, host: str, port: int, timeout: int) -> NoReturn:
    """Become Oxigraph's server: this process is replaced by it, so Ctrl-C and a
    termination signal reach the server itself and stopping leaves nothing running."""
    command = server_command(out_dir, host, port, timeout)
    print(f"SPARQL endpoint: {endpoint_url(host, port)}", flush=True)
    print(f"query page:      {endpoint_url(host, port)[:-len('query')]}", flush=True)
    try:
        os.execv(command[0], command)
    except OSError as err:
        raise StoreError(f"{command[0]}: cannot start the server ({err.strerror or err})") from None
