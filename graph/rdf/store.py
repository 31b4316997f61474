"""The persistent store under DIR/store: an Oxigraph database of the built dataset.

``build`` writes it beside the files; ``query``, ``serve`` and ``export`` read it.
A build changes a *copy* of the previous store (an Oxigraph backup: hard links to its
immutable files, so it costs almost nothing) and swaps it in by renames, so a killed
build leaves the previous store whole. The copy keeps every article graph whose digest
did not change; only new and changed article graphs are written, and the merged
default graph is replaced.

The writing happens on a thread of its own, from TriG text: Oxigraph releases the GIL
while it parses and stores it (not while it takes Python quad objects), so on a machine
with two cores the build goes on preparing the next batch, the graph files and the
network page meanwhile.

>>> import tempfile
>>> out = tempfile.mkdtemp()
>>> with StoreWriter(out, {"https://example.org/g1": "d1"}) as writer:
...     writer.add(b'<https://example.org/g1> { <https://example.org/a> <https://example.org/p> "x" . }')
...     _ = writer.commit()
>>> len(open_store(out))
1
"""
from __future__ import annotations

import json
import os
import shutil
from collections import deque
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox

__all__ = ["GRAPHS_PER_BATCH", "STORE_NAME", "StoreError", "StoreWriter", "open_store", "store_path"]

STORE_NAME = "store"
GRAPHS_PER_BATCH = 256  # article graphs held in memory at once (as quads or TriG), on their way in or out
# Every bulk write adds table files, and a lookup checks each one that may hold its key:
# beyond this many the store is compacted before it is swapped in. A 10,000-article build
# leaves about 140 files; compacted (about 4 s), its named queries answer 1.5 to 4 times faster.
COMPACT_FROM_TABLE_FILES = 64
_QUEUED_WRITES = 3  # batches handed to the writer's thread and not yet written, at most
_DIGESTS = "newsgraph-graphs.json"  # article graph IRI -> digest, kept inside the store folder


class StoreError(RuntimeError):
    """A missing or damaged store; the message says what to do."""


def store_path(out_dir: str | Path) -> Path:
    return Path(out_dir) / STORE_NAME


def _previous_digests(target: Path) -> dict[str, str] | None:
    try:
        digests = json.loads((target / _DIGESTS).read_text(encoding="utf-8"))
        return digests if isinstance(digests, dict) else None
    except (OSError, ValueError):
        return None


class StoreWriter:
    """Writes the next store: ``to_write`` lists the article graphs to (re)write, in the
    order of ``graphs``; ``add`` takes their quads and the default graph's, as TriG
    documents (trusted: their IRIs are not checked again); ``finish``
    says nothing more comes; ``commit`` swaps the new store in. Leaving the ``with`` block
    without ``commit`` discards it.

    Every write runs on the writer's thread, one after the other. ``add`` returns at once
    unless ``_QUEUED_WRITES`` batches already wait (then as soon as the first is written);
    ``commit`` waits for the last. An error on the thread is raised by the next call.
    """

    def __init__(self, out_dir: str | Path, graphs: Mapping[str, str], target: str | Path | None = None):
        self.out_dir = Path(out_dir)
        self.previous = store_path(self.out_dir)  # the last build's store, copied and changed
        self.target = Path(target) if target is not None else self.previous  # where the new one goes
        self.graphs = dict(graphs)
        self.fresh = self.out_dir / f".{STORE_NAME}.new-{os.getpid()}"
        self.store: ox.Store | None = None
        self.out_dir.mkdir(parents=True, exist_ok=True)
        for leftover in self.out_dir.glob(f".{STORE_NAME}.*"):  # what a killed build left
            shutil.rmtree(leftover, ignore_errors=True)
        previous = _previous_digests(self.previous) if self.previous.is_dir() else None
        stale = [iri for iri, digest in (previous or {}).items() if self.graphs.get(iri) != digest]
        # removing a graph costs about as much as writing one: when thousands went stale,
        # more than half of the store, it is faster to start afresh
        reuse = len(stale) < 1000 or len(stale) <= len(previous) / 2
        self.base = previous is not None and reuse and self._copy_previous()
        previous = previous if self.base else {}
        self.to_write = [iri for iri, digest in self.graphs.items() if previous.get(iri) != digest]
        self.to_remove = stale if self.base else []
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="newsgraph-store")
        self._pending: deque[Future] = deque()
        self._finished = False

    def _copy_previous(self) -> bool:
        try:
            ox.Store.read_only(str(self.previous)).backup(str(self.fresh))
            return True
        except (OSError, RuntimeError):  # damaged: start afresh
            shutil.rmtree(self.fresh, ignore_errors=True)
            return False

    def _then(self, work: Callable, *args) -> None:
        """Queue ``work`` on the writer's thread, once fewer than ``_QUEUED_WRITES`` writes
        wait there; the error of a write done meanwhile is raised."""
        while self._pending and (self._pending[0].done() or len(self._pending) >= _QUEUED_WRITES):
            self._pending.popleft().result()
        self._pending.append(self._thread.submit(work, *args))

    def _open(self) -> None:
        self.store = ox.Store(str(self.fresh))
        for iri in self.to_remove:
            self.store.remove_graph(ox.NamedNode(iri))
        self.store.clear_graph(ox.DefaultGraph())

    def _seal(self) -> None:
        if len(list(self.fresh.glob("*.sst"))) > COMPACT_FROM_TABLE_FILES:
            self.store.optimize()
        self.store.flush()
        self.store = None  # closes the database before the rename

    def __enter__(self) -> StoreWriter:
        self._then(self._open)
        return self

    def add(self, trig: bytes) -> None:
        self._then(self._load, trig)

    def _load(self, trig: bytes) -> None:
        self.store.bulk_load(trig, format=ox.RdfFormat.TRIG, lenient=True)

    def finish(self) -> None:
        """Nothing more to add: the store is compacted if needed and closed, on the writer's thread."""
        if not self._finished:
            self._finished = True
            self._then(self._seal)

    def commit(self) -> Path:
        self.finish()
        while self._pending:
            self._pending.popleft().result()
        (self.fresh / _DIGESTS).write_text(json.dumps(self.graphs), encoding="utf-8")
        old = self.out_dir / f".{STORE_NAME}.old-{os.getpid()}"
        if self.target.exists():
            os.replace(self.target, old)
        os.replace(self.fresh, self.target)
        shutil.rmtree(old, ignore_errors=True)
        return self.target

    def __exit__(self, *exc) -> None:
        self._thread.shutdown(wait=True)  # the write under way ends before its folder goes
        self.store = None
        shutil.rmtree(self.fresh, ignore_errors=True)


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
