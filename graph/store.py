"""The persistent store under DIR/store: an Oxigraph database of the built dataset.

``build`` writes it beside the files; ``query``, ``serve`` and ``export`` read it.
A new store is loaded in a temporary folder and swapped in by renames, so a killed
build leaves the previous store whole.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyoxigraph as ox

__all__ = ["STORE_NAME", "StoreError", "write_store", "open_store", "store_path"]

STORE_NAME = "store"


class StoreError(RuntimeError):
    """A missing or damaged store; the message says what to do."""


def store_path(out_dir: str | Path) -> Path:
    return Path(out_dir) / STORE_NAME


def write_store(nquads: bytes, out_dir: str | Path) -> Path:
    """Load an N-Quads serialisation into a fresh store and swap it in."""
    out_dir = Path(out_dir)
    target = store_path(out_dir)
    for leftover in out_dir.glob(f".{STORE_NAME}.*"):
        shutil.rmtree(leftover, ignore_errors=True)
    fresh = out_dir / f".{STORE_NAME}.new-{os.getpid()}"
    store = ox.Store(str(fresh))
    store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    old = out_dir / f".{STORE_NAME}.old-{os.getpid()}"
    if target.exists():
        os.replace(target, old)
    os.replace(fresh, target)
    shutil.rmtree(old, ignore_errors=True)
    return target


def open_store(out_dir: str | Path) -> ox.Store:
    """The store of a build, read-only."""
    path = store_path(out_dir)
    if not path.is_dir():
        raise StoreError(f"{out_dir}: no newsgraph store here (run `newsgraph build --out {out_dir}` first)")
    try:
        store = ox.Store.read_only(str(path))
        store.query("ASK { ?s ?p ?o }")
        return store
    except (OSError, RuntimeError) as err:
        raise StoreError(f"{path}: the store is damaged ({str(err).splitlines()[0]}); "
                         f"rebuild it with `newsgraph build --out {out_dir}`, which replaces it") from None
