"""One build at a time into an output folder.

Two builds (or a build and a watch) writing one OUT would interleave their store and
cache files. :class:`OutputLock` holds an advisory lock (``flock``) on ``OUT/.lock`` for
as long as a build or a watch runs; a second one stops at once with one line naming
the process that holds it. The kernel drops the lock when its process ends, even
killed with ``kill -9``, so a lock never outlives its build. The same process may take
the lock of a folder it already holds (``watch`` runs one build after another).

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "out"
>>> with OutputLock(out):
...     with OutputLock(out):   # the same process: fine
...         pass
>>> out.exists()   # a folder the lock made and nothing else filled is removed again
False
"""
from __future__ import annotations

import fcntl
import os
import sys
import time
from pathlib import Path

__all__ = ["LOCK_NAME", "OutputBusy", "OutputLock"]

LOCK_NAME = ".lock"
_HELD: dict[str, int] = {}  # resolved folder -> how many holders in this process


class OutputBusy(RuntimeError):
    """Another process is building into the folder; the message names it."""


class OutputLock:
    """``with OutputLock(out):`` the build's exclusive hold on ``out`` (created if needed)."""

    def __init__(self, out_dir: str | Path):
        self.out_dir = Path(out_dir)
        self._key = str(self.out_dir.resolve())
        self._fd: int | None = None
        self._made = False

    def __enter__(self) -> OutputLock:
        if _HELD.get(self._key):
            _HELD[self._key] += 1
            return self
        self._made = not self.out_dir.exists()
        self.out_dir.mkdir(parents=True, exist_ok=True)
        path = self.out_dir / LOCK_NAME
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 400, 0).decode("utf-8", "replace").strip() or "another process"
            os.close(fd)
            raise OutputBusy(f"{self.out_dir} is being written by {holder}; "
                             f"wait for it to end, or choose another --out") from None
        os.ftruncate(fd, 0)
        command = " ".join(Path(a).name if i == 0 else a for i, a in enumerate(sys.argv[:2]))
        os.pwrite(fd, f"process {os.getpid()} ({command or 'python'}, since "
                      f"{time.strftime('%Y-%m-%d %H:%M:%S')})\n".encode(), 0)
        self._fd = fd
        _HELD[self._key] = 1
        return self

    def __exit__(self, *exc) -> None:
        _HELD[self._key] -= 1
        if _HELD[self._key] or self._fd is None:
            return
        del _HELD[self._key]
        os.ftruncate(self._fd, 0)
        if self._made and {p.name for p in self.out_dir.iterdir()} <= {LOCK_NAME}:
            (self.out_dir / LOCK_NAME).unlink(missing_ok=True)
            self.out_dir.rmdir()
        os.close(self._fd)  # releases the lock
        self._fd = None
