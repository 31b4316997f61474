"""The Oxigraph servers behind the endpoint: one current, replaced when needed.

Each back-end is an ``oxigraph serve-read-only`` on a loopback port, over the store as it
was when it started. :class:`Backends` keeps one current and replaces it

- when a build swaps a new store in (its identity changes): queries go to the new one
  within ``poll`` seconds, and the old one ends once its queries are done, so the deleted
  store files it held are freed;
- when it dies (a query that crashed it, a ``kill -9``): at once, when a request finds it
  dead, and within ``poll`` seconds otherwise;
- when a query overran the time limit (Oxigraph checks it only now and then).

A back-end dies with the endpoint, even when the endpoint is killed with ``kill -9``
(the kernel sends it SIGTERM: ``PR_SET_PDEATHSIG``).

>>> backends = Backends("out", timeout=30)  # doctest: +SKIP
>>> with backends.lease() as backend: ...   # doctest: +SKIP
"""
from __future__ import annotations

import ctypes
import http.client
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph.rdf.store import StoreError, store_path
from graph.surfaces.serve import server_command

__all__ = ["Backend", "Backends", "EndpointError"]

_START_SECONDS = 30  # how long an Oxigraph server may take to answer its first request
_PR_SET_PDEATHSIG = 1


class EndpointError(RuntimeError):
    """The endpoint cannot start; the message says why and what to do."""


def _die_with_parent() -> None:  # runs in the child, between fork and exec
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux: the endpoint's own exit paths still stop it


class Backend:
    """One Oxigraph server on a loopback port, over the store as it was when it started."""

    def __init__(self, out_dir: Path, timeout: int):
        self.identity = store_identity(out_dir)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        command = server_command(out_dir, "127.0.0.1", self.port, timeout)
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, preexec_fn=_die_with_parent)
        self.in_flight = 0
        self._lock = threading.Lock()
        self._wait_ready()

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + _START_SECONDS
        while time.monotonic() < deadline:
            if not self.alive:
                raise EndpointError(f"the Oxigraph server stopped at start (exit code {self.process.returncode})")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/")
                connection.getresponse().read()
                connection.close()
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise EndpointError(f"the Oxigraph server did not answer within {_START_SECONDS} s")

    def enter(self) -> None:
        with self._lock:
            self.in_flight += 1

    def leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def stop(self) -> None:
        if self.alive:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def store_identity(out_dir: Path) -> tuple[int, int] | None:
    """What changes when a build swaps a new store in: the store folder's inode and time."""
    try:
        info = os.stat(store_path(out_dir))
        return info.st_ino, info.st_mtime_ns
    except OSError:
        return None


class Backends:
    """The current back-end, replaced on rebuilds, deaths and overruns (see the module)."""

    def __init__(self, out_dir: str | Path, timeout: int, poll: float = 1.0):
        self.out_dir, self.timeout, self.poll = Path(out_dir), timeout, poll
        self._lock = threading.Lock()
        self._replacing = threading.Lock()
        self._stopping = threading.Event()
        self.current = Backend(self.out_dir, timeout)
        self.replaced = 0  # how many back-ends were put in another's place (rebuilds, deaths, overruns)
        self._watcher = threading.Thread(target=self._watch, name="newsgraph-backends", daemon=True)
        self._watcher.start()

    @contextmanager
    def lease(self) -> Iterator[Backend]:
        """The current back-end, counted busy while the block runs (it is not retired then)."""
        with self._lock:
            backend = self.current
            backend.enter()
        try:
            yield backend
        finally:
            backend.leave()

    def replace(self, stale: Backend) -> bool:
        """Put a fresh back-end in ``stale``'s place (unless that happened meanwhile) and
        retire ``stale`` once its queries are done; False if none could start."""
        with self._replacing:
            if self.current is not stale:
                return True
            try:
                fresh = Backend(self.out_dir, self.timeout)
            except (EndpointError, StoreError, OSError):
                return False  # the store is being swapped or is damaged: the next poll tries again
            with self._lock:
                self.current = fresh
                self.replaced += 1
        threading.Thread(target=self._retire, args=(stale,), daemon=True).start()
        return True

    def _retire(self, backend: Backend) -> None:
        deadline = time.monotonic() + self.timeout + 5
        while backend.in_flight > 0 and backend.alive and time.monotonic() < deadline:
            time.sleep(0.1)
        backend.stop()

    def _watch(self) -> None:
        while not self._stopping.wait(self.poll):
            with self._lock:
                current = self.current
            identity = store_identity(self.out_dir)
            if not current.alive or identity is not None and identity != current.identity:
                self.replace(current)

    def close(self) -> None:
        self._stopping.set()
        with self._lock:
            backend = self.current
        backend.stop()
