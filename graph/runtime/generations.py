"""The outputs of one build appear together: written into a generation folder, then
published by one rename.

A build writes ``graph.trig``, ``graph.ttl``, ``merges.csv``, ``network.html`` and the
store into ``OUT/.gen-…/``; :meth:`Generation.publish` points the symbolic link
``OUT/current`` at it with one ``rename`` (atomic), and ``OUT/graph.trig`` and the others
are links into ``current/``. A reader (an analyst's browser, the endpoint, a script) opening
any of them sees the previous build's or the new one's, all of them from one build, never
a mix. Older generations are removed once the new one is published; a killed build's
unpublished folder is removed by the next build (:func:`remove_unpublished`).

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> with Generation(out, ("a.txt",)) as generation:
...     _ = (generation.folder / "a.txt").write_text("one")
...     generation.publish()
>>> (out / "a.txt").read_text(), (out / "a.txt").is_symlink()
('one', True)
"""
from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

__all__ = ["CURRENT", "Generation", "remove_unpublished"]

CURRENT = "current"
_PREFIX = ".gen-"


def _current_target(out_dir: Path) -> str | None:
    try:
        return os.readlink(out_dir / CURRENT)
    except OSError:
        return None


def remove_unpublished(out_dir: str | Path) -> None:
    """Remove the generation folders ``current`` does not point to (a killed build's)."""
    out_dir = Path(out_dir)
    current = _current_target(out_dir)
    for folder in out_dir.glob(f"{_PREFIX}*"):
        if folder.name != current:
            shutil.rmtree(folder, ignore_errors=True)


class Generation:
    """``with Generation(out, names) as g:`` write into ``g.folder``, then ``g.publish()``;
    leaving the block unpublished removes the folder."""

    def __init__(self, out_dir: str | Path, names: tuple[str, ...]):
        self.out_dir, self.names = Path(out_dir), names
        self.folder = self.out_dir / f"{_PREFIX}{secrets.token_hex(6)}"
        self.published = False

    def __enter__(self) -> Generation:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        os.mkdir(self.folder, 0o777)  # the umask applies: readable as the outputs are
        return self

    def publish(self) -> None:
        """Point ``current`` at this generation (one rename), keep the top-level links, and
        remove the generation it replaces."""
        previous = _current_target(self.out_dir)
        link = self.out_dir / f".{CURRENT}.{secrets.token_hex(4)}.tmp"
        os.symlink(self.folder.name, link)
        os.replace(link, self.out_dir / CURRENT)  # the one switch: every output at once
        self.published = True
        for name in self.names:
            top = self.out_dir / name
            wanted = f"{CURRENT}/{name}"
            if top.is_symlink() and os.readlink(top) == wanted:
                continue
            staged = self.out_dir / f".{name}.{secrets.token_hex(4)}.tmp"
            os.symlink(wanted, staged)
            if top.is_dir() and not top.is_symlink():  # an older build's store folder, before generations
                shutil.rmtree(top, ignore_errors=True)
            os.replace(staged, top)
        if previous and previous != self.folder.name:
            shutil.rmtree(self.out_dir / previous, ignore_errors=True)

    def __exit__(self, *exc) -> None:
        if not self.published:
            shutil.rmtree(self.folder, ignore_errors=True)
