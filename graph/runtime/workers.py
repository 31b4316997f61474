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
from graph.extraction.pipeline import load_pipeline
from graph.records import ArticleExtraction
from graph.runtime.batches import batched, tapering_batches

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["ExtractionWorkers", "TASK_BATCHES"]

TASK_BATCHES = 4  # spaCy batches per task

# One worker's state, set by _load_pipeline when the worker starts.
_PIPELINE: Language | None = None
_LOAD_ERROR: Exception | None = None
_LOADED_AT = 0.0  # time.monotonic(): one clock for every process on the machine


def _load_pipeline(model: str | None, gazetteer: str | None = None) -> None:
    global _PIPELINE, _LOAD_ERROR, _LOADED_AT
    try:
        _PIPELINE = load_pipeline(model, gazetteer)
        import graph.extraction.extract  # noqa: F401  (spaCy and the rules: in the workers only, with the model)
    except Exception as err:  # noqa: BLE001  a pool respawns a worker whose start fails, forever:
        _LOAD_ERROR = err     # keep the error and raise it with the first task instead
    _LOADED_AT = time.monotonic()


def _report_load() -> float:
    """When this worker was done loading the model; raises the error that stopped the load, if one did."""
    if _LOAD_ERROR is not None:
        raise _LOAD_ERROR
    return _LOADED_AT


def _extract_chunk(args: tuple[list[Article], int]) -> tuple[list[ArticleExtraction], float]:
    """The chunk's extractions, and when this worker was done loading the model."""
    from graph.extraction.extract import extract_articles
    loaded_at = _report_load()
    articles, batch_size = args
    return list(extract_articles(articles, _PIPELINE, batch_size=batch_size)), loaded_at


class ExtractionWorkers:
    """``jobs`` forked processes, each loading ``model`` (linking names to ``gazetteer``,
    see :func:`ontology.data.load_gazetteer`) as soon as it starts."""

    def __init__(self, model: str | None, *, jobs: int = 1, gazetteer: str | None = None):
        self._pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_load_pipeline,
                                                              initargs=(model, gazetteer))
        self.jobs, self.gazetteer = jobs, gazetteer
        self.model_loaded_at = 0.0  # when the last worker that reported was done loading (time.monotonic())

    def extract(self, articles: Sequence[Article], *, batch_size: int = 32) -> Iterator[ArticleExtraction]:
        """Extractions of ``articles`` in their order. The work is queued at once, results come lazily.

        A worker streams a task's articles through ``nlp.pipe`` in spaCy batches of
        ``batch_size``. Each ``nlp.pipe`` call has a cost of its own: tasks of one batch
        parse about 7 % slower than tasks of four or more (bench, 256 articles), so tasks
        hold ``TASK_BATCHES`` batches, tapering at the end so that the workers finish together.
        """
        largest = batch_size * TASK_BATCHES
        if self.jobs == 1:
            tasks = batched(articles, largest)
        else:
            tasks = tapering_batches(articles, largest=largest, parts=self.jobs)
        chunks = ((chunk, batch_size) for chunk in tasks)
        results = self._pool.imap(_extract_chunk, chunks)

        def collect() -> Iterator[ArticleExtraction]:
            for extractions, loaded_at in results:
                self.model_loaded_at = max(self.model_loaded_at, loaded_at)
                yield from extractions

        return collect()

    def ready(self) -> None:
        """Wait for a worker to have loaded the model (raising its load error)."""
        self.model_loaded_at = max(self.model_loaded_at, self._pool.apply(_report_load))

    def __enter__(self) -> ExtractionWorkers:
        return self

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()

    def __exit__(self, *exc_info) -> None:
        self.close()
