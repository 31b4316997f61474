"""Extraction on a Dask cluster: the same interface as :class:`ExtractionWorkers`, other machines.

``newsgraph build … --scheduler tcp://HOST:8786`` (or ``NEWSGRAPH_SCHEDULER``) sends the
extraction to an existing Dask cluster; resolution, RDF, the store and the page stay on
the machine that runs the command. Each worker loads the model once, through a worker
plugin (also on a worker that joins later), and returns only the small extraction
records. Articles go out in tasks of up to ``TASK_BATCHES`` spaCy batches, smaller towards
the end so that the workers finish together; a worker that dies
has its tasks run again elsewhere by Dask (they are pure), so the graph is the same.

Start a cluster with ``dask scheduler`` on one machine and ``dask worker tcp://HOST:8786
--nthreads 1 --no-nanny`` on each machine that has newsgraph and its model installed (a
nanny sets ``MALLOC_TRIM_THRESHOLD_``, which makes parsing about 20 % slower).
"""
from __future__ import annotations

import time
from collections.abc import Iterator, Sequence

from corpus import Article
from graph.extraction.pipeline import ModelNotInstalled, load_pipeline
from graph.records import ArticleExtraction
from graph.runtime.batches import batched, tapering_batches
from graph.runtime.workers import TASK_BATCHES

__all__ = ["DaskWorkers", "SchedulerUnreachable"]

_PLUGIN = "newsgraph-pipeline"
_CONNECT_S = 10


class SchedulerUnreachable(RuntimeError):
    """No Dask scheduler answers at the address given; the message says what to do."""


def _plugin(model: str | None, gazetteer: str | None):
    from distributed import WorkerPlugin

    class PipelinePlugin(WorkerPlugin):
        """Loads the pipeline once per worker; a failure is kept and raised by each task."""

        name = _PLUGIN

        def __init__(self):
            self.model, self.gazetteer = model, gazetteer
            self.nlp = self.error = None
            self.loaded_wall = 0.0

        def setup(self, worker):
            try:
                self.nlp = load_pipeline(self.model, self.gazetteer)
                import graph.extraction.extract  # noqa: F401  (the rules, once, with the model)
            except Exception as err:  # noqa: BLE001 - raised by the tasks, naming the worker
                self.error = f"{type(err).__name__}: {err}"
            self.loaded_wall = time.time()

    return PipelinePlugin()


def _extract_task(articles: list[Article], batch_size: int) -> tuple[list[ArticleExtraction], float]:
    from distributed import get_worker
    from graph.extraction.extract import extract_articles
    worker = get_worker()
    plugin = worker.plugins[_PLUGIN]
    if plugin.error is not None:
        raise ModelNotInstalled(f"Dask worker {worker.address}: {plugin.error.split(': ', 1)[-1]}")
    return list(extract_articles(articles, plugin.nlp, batch_size=batch_size)), plugin.loaded_wall


class DaskWorkers:
    """Extraction tasks on the Dask cluster at ``scheduler``."""

    def __init__(self, model: str | None, *, scheduler: str | None = None, jobs: int = 1, gazetteer: str | None = None):
        from distributed import Client, LocalCluster
        self.cluster = None
        if scheduler is None:  # a cluster of ``jobs`` worker processes on this machine
            import dask
            # Dask's nanny sets MALLOC_TRIM_THRESHOLD_ for its workers; any value turns off glibc's
            # adaptive thresholds, and parsing then runs about 20 % slower (docs/scaling.md)
            environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
            environ.pop("MALLOC_TRIM_THRESHOLD_", None)
            with dask.config.set({"distributed.nanny.pre-spawn-environ": environ}):
                self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                            dashboard_address=None, host="127.0.0.1")
            scheduler = self.cluster.scheduler_address
        try:
            self.client = Client(scheduler, timeout=f"{_CONNECT_S}s", set_as_default=False)
        except (OSError, TimeoutError, ValueError) as err:
            reason = str(err).splitlines()[0] if str(err) else type(err).__name__
            raise SchedulerUnreachable(f"cannot reach the Dask scheduler at {scheduler} ({reason[:160]}): start it "
                                       f"with `dask scheduler`, or check the address") from None
        self.client.register_plugin(_plugin(model, gazetteer), name=_PLUGIN)
        self.jobs = max(1, len(self.client.scheduler_info(n_workers=-1).get("workers", {})))
        self.gazetteer = gazetteer
        self.model_loaded_at = 0.0  # time.monotonic() of the last worker done loading, as seen here

    def extract(self, articles: Sequence[Article], *, batch_size: int = 32) -> Iterator[ArticleExtraction]:
        """Extractions of ``articles`` in their order; every task is sent at once."""
        largest = batch_size * TASK_BATCHES
        tasks = batched(articles, largest) if self.jobs == 1 else tapering_batches(articles, largest=largest,
                                                                                   parts=self.jobs)
        futures = [self.client.submit(_extract_task, chunk, batch_size, pure=False) for chunk in tasks]

        def collect() -> Iterator[ArticleExtraction]:
            for future in futures:
                extractions, loaded_wall = future.result()
                self.model_loaded_at = max(self.model_loaded_at, time.monotonic() - (time.time() - loaded_wall))
                yield from extractions

        return collect()

    def ready(self) -> None:
        """Wait until a worker has loaded the model (raising its load error, naming the worker)."""
        _, loaded_wall = self.client.submit(_extract_task, [], 1, pure=False).result()
        self.model_loaded_at = max(self.model_loaded_at, time.monotonic() - (time.time() - loaded_wall))

    def __enter__(self) -> DaskWorkers:
        return self

    def close(self) -> None:
        try:
            self.client.unregister_worker_plugin(_PLUGIN)
        except Exception:  # noqa: BLE001 - the cluster may be gone; nothing to undo then
            pass
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def __exit__(self, *exc_info) -> None:
        self.close()
