"""Parallel extraction: worker processes that load the model, parse *and* run the rules.

The workers start loading the model the moment they are created, so the caller can do
something else meanwhile (a build reads its extraction cache). spaCy's own
``n_process`` would send every parsed Doc back to the parent, which would then run the
rules alone; here each worker returns only the small extraction records, so the work
splits evenly over the cores.

>>> from corpus import article_from_text
>>> article = article_from_text("a1", "Dmitri Peskov, porte-parole du Kremlin, a parlé.", "a1.txt")
>>> with ExtractionWorkers(model=None, jobs=2) as workers:
...     [x.article.id for x in workers.extract([article])]
['a1']
"""
from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from corpus import Article
from .malloc import keep_freed_memory
from .nlp import load_pipeline
from .records import ArticleExtraction
from .streams import batched, tapering_batches

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["ExtractionWorkers"]

# One worker's state, set by _load_pipeline when the worker starts.
_PIPELINE: Language | None = None
_LOAD_ERROR: Exception | None = None
_LOAD_SECONDS = 0.0
_LOADED_AT = 0.0  # time.monotonic(): one clock for every process on the machine


def _load_pipeline(model: str | None) -> None:
    global _PIPELINE, _LOAD_ERROR, _LOAD_SECONDS, _LOADED_AT
    started = time.perf_counter()
    keep_freed_memory()
    try:
        _PIPELINE = load_pipeline(model)
        from . import extract  # noqa: F401  (spaCy and the rules: in the workers only, with the model)
    except Exception as err:  # noqa: BLE001  a pool respawns a worker whose start fails, forever:
        _LOAD_ERROR = err     # keep the error and raise it with the first task instead
    _LOAD_SECONDS, _LOADED_AT = time.perf_counter() - started, time.monotonic()


def _report_load() -> tuple[float, float]:
    """The seconds this worker took to load the model and when it was done, the first
    time it is asked (zeros after); raises the error that stopped the load, if one did."""
    global _LOAD_SECONDS, _LOADED_AT
    if _LOAD_ERROR is not None:
        raise _LOAD_ERROR
    report, _LOAD_SECONDS, _LOADED_AT = (_LOAD_SECONDS, _LOADED_AT), 0.0, 0.0
    return report


def _extract_chunk(args: tuple[list[Article], int]) -> tuple[list[ArticleExtraction], tuple[float, float]]:
    """The chunk's extractions, and this worker's model load (once, see ``_report_load``)."""
    from .extract import extract_articles
    load = _report_load()
    articles, batch_size = args
    return list(extract_articles(articles, _PIPELINE, batch_size=batch_size)), load


class ExtractionWorkers:
    """``jobs`` forked processes, each loading ``model`` as soon as it starts."""

    def __init__(self, model: str | None, *, jobs: int = 1):
        self._pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_load_pipeline, initargs=(model,))
        self.jobs = jobs
        self.model_seconds = 0.0  # the longest model load among the workers that reported
        self.model_loaded_at = 0.0  # when the last of them was done (time.monotonic())

    def extract(self, articles: Sequence[Article], *, batch_size: int = 32) -> Iterator[ArticleExtraction]:
        """Extractions of ``articles`` in their order. The work is queued at once, results come lazily.

        A worker parses a task's articles as one spaCy batch, and a batch of 2 costs 4.5 %
        more instructions per article than a batch of 10: tasks are as large as
        ``batch_size``, tapering at the end so that the workers finish together.
        """
        if self.jobs == 1:
            tasks = batched(articles, batch_size)
        else:
            tasks = tapering_batches(articles, largest=batch_size, parts=self.jobs)
        chunks = ((chunk, batch_size) for chunk in tasks)
        results = self._pool.imap(_extract_chunk, chunks)

        def collect() -> Iterator[ArticleExtraction]:
            for extractions, load in results:
                self._loaded(*load)
                yield from extractions

        return collect()

    def ready(self) -> float:
        """Wait for a worker to have loaded the model (raising its load error); the seconds it took."""
        seconds, loaded_at = self._pool.apply(_report_load)
        self._loaded(seconds, loaded_at)
        return seconds

    def _loaded(self, seconds: float, loaded_at: float) -> None:
        self.model_seconds = max(self.model_seconds, seconds)
        self.model_loaded_at = max(self.model_loaded_at, loaded_at)

    def __enter__(self) -> ExtractionWorkers:
        return self

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()

    def __exit__(self, *exc_info) -> None:
        self.close()
