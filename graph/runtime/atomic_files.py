"""Atomic output: write beside the target, then rename, so a crash never leaves half a file.

The file gets the permissions any new file gets (``0666`` less the umask), not the
``0600`` of a temporary file, so a web server or a Fuseki running as another user can
read what newsgraph writes.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> write_atomic(target, "done"); target.read_text()
'done'
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

__all__ = ["atomic_output", "write_atomic", "remove_stale_temporaries"]


def remove_stale_temporaries(folder: str | Path) -> int:
    """Delete what a killed build left half-written (never a finished output)."""
    removed = 0
    for leftover in Path(folder).glob(".*.tmp"):
        leftover.unlink(missing_ok=True)
        removed += 1
    return removed


@contextmanager
def atomic_output(path: str | Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """A binary stream that becomes ``path`` when the block ends without error; ``durable``
    also syncs it to disk first (caches, which are rebuilt when damaged, skip that)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as stream:
            yield stream
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask (reading it means setting it: it is put back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, content: str | bytes, *, durable: bool = True) -> None:
    with atomic_output(path, durable=durable) as stream:
        stream.write(content.encode("utf-8") if isinstance(content, str) else content)
