"""Watch a corpus: rebuild whenever its files change, with the model kept loaded.

A build from the command line loads the model each time (seconds); ``watch`` loads it
once, then polls the article files (and the curation file) every ``interval`` seconds
and rebuilds incrementally when any is added, changed or removed.

>>> import tempfile, pathlib
>>> corpus = pathlib.Path(tempfile.mkdtemp())
>>> _ = (corpus / "a.txt").write_text("Titre\\n\\nDmitri Peskov a parlé.", encoding="utf-8")
>>> before = corpus_state([corpus]); _ = (corpus / "b.txt").write_text("Titre\\n\\nTexte.", encoding="utf-8")
>>> corpus_state([corpus]) == before
False
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from corpus.catalogue import CATALOGUE_NAME
from corpus.readers import Skipped, find_article_files
from graph.build import BuildResult, build
from graph.runtime.session import BuildSession

__all__ = ["corpus_state", "watch"]


def corpus_state(paths: Iterable[str | Path], also: Iterable[str | Path] = (),
                 exclude: Iterable[str | Path] = ()) -> dict[str, tuple[int, int] | None]:
    """Size and modification time of every article file under ``paths`` (not in the
    folders ``exclude``: the build's own output), of the folders' catalogues, and of ``also``."""
    state: dict[str, tuple[int, int] | None] = {}
    catalogues = [Path(p) / CATALOGUE_NAME for p in paths if Path(p).is_dir() and (Path(p) / CATALOGUE_NAME).exists()]
    for item in [*find_article_files(paths, exclude=exclude), *catalogues, *map(Path, also)]:
        path = Path(item.source) if isinstance(item, Skipped) else Path(getattr(item, "path", item))
        try:
            stat = path.stat()
            state[str(path)] = (stat.st_size, stat.st_mtime_ns)
        except OSError:
            state[str(path)] = None
    return state


def watch(paths: list[str | Path], out_dir: str | Path, *, session: BuildSession, interval: float = 1.0,
          curation: str | Path | None = None, on_build: Callable[[BuildResult], None] = lambda result: None,
          on_error: Callable[[Exception], None] | None = None, keep_going: Callable[[], bool] = lambda: True,
          each_look: Callable[[], None] = lambda: None) -> None:
    """Build now, then again on every change, until ``keep_going()`` is false. A failed build
    goes to ``on_error`` (or is raised when there is none) and is tried again on the next change.
    ``each_look`` runs before each look at the files (``watch --feed`` fetches new items there)."""
    seen = None
    paths = list(paths)
    while keep_going():
        each_look()
        state = corpus_state(paths, [curation] if curation else [], [out_dir])
        if state != seen:
            seen = state
            try:
                on_build(build(paths, out_dir, curation=curation, session=session))
            except Exception as err:  # noqa: BLE001 - reported, and the watch goes on
                if on_error is None:
                    raise
                on_error(err)
        time.sleep(interval)
