"""Parallel extraction on Dask: worker processes that load the model, parse *and* run the rules.

One engine for every scale. ``ExtractionWorkers(model, jobs=N)`` starts a local Dask
cluster of ``N`` worker processes; ``ExtractionWorkers(model, scheduler="tcp://HOST:8786")``
(``newsgraph build --scheduler``, or ``NEWSGRAPH_SCHEDULER``) sends the work to an
existing cluster, on as many machines as it has. Resolution, RDF, the store and the page
stay on the machine that runs the command.

Each worker loads the model once, through a worker plugin (also a worker that joins or
is restarted later), and returns only the small extraction records: spaCy's own
``n_process`` would send every parsed Doc back, and this process would then run the
rules alone. The work starts loading while the caller does something else (a build
reads its extraction cache meanwhile): a local cluster's fork server starts importing
spaCy at once, and its workers start with the first work, so a build with nothing to
extract starts none. Tasks are pure: a worker that dies has its tasks run again
elsewhere (a local one is restarted), and the graph is the same.

Start a cluster with ``dask scheduler`` on one machine and ``dask worker tcp://HOST:8786
--nthreads 1 --no-nanny`` on each machine that has newsgraph and its model installed (a
nanny sets ``MALLOC_TRIM_THRESHOLD_``, which makes parsing about 20 % slower; the local
cluster starts its workers without it).

>>> from corpus import article_from_text
>>> article = article_from_text("a1", "Dmitri Peskov, porte-parole du Kremlin, a parlé.", "a1.txt")
>>> with ExtractionWorkers(model=None, jobs=2) as workers:
...     [x.article.id for x in workers.extract([article])]
['a1']
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Sequence

from corpus import Article
from graph.extraction.pipeline import ModelNotInstalled, load_pipeline
from graph.records import ArticleExtraction
from graph.runtime.batches import batched, tapering_batches

__all__ = ["ExtractionWorkers", "SchedulerUnreachable", "TASK_BATCHES"]

TASK_BATCHES = 4  # spaCy batches per task
_PLUGIN = "newsgraph-pipeline"
_CONNECT_S = 10
_FORKSERVER_PRELOAD = ["distributed", "spacy.lang.fr", "graph.extraction.extract"]


class SchedulerUnreachable(RuntimeError):
    """No Dask scheduler answers at the address given; the message says what to do."""


def _plugin(model: str | None, gazetteer: str | None, *, name_worker: bool):
    """The worker plugin; ``name_worker``: a load error names the worker (one of a shared cluster's)."""
    from distributed import WorkerPlugin

    class PipelinePlugin(WorkerPlugin):
        """Loads the pipeline once per worker, on a thread of its own so that the worker
        answers (and the plugin's registration returns) meanwhile; tasks wait for it. A
        failure is kept and raised by each task."""

        name = _PLUGIN

        def __init__(self):
            self.model, self.gazetteer = model, gazetteer
            self.nlp = self.error = self.loaded = None
            self.where = ""
            self.loaded_wall = 0.0

        def setup(self, worker):
            self.where = f"Dask worker {worker.address}: " if name_worker else ""
            self.loaded = threading.Event()
            threading.Thread(target=self._load, name="newsgraph-model", daemon=True).start()

        def _load(self):
            try:
                self.nlp = load_pipeline(self.model, self.gazetteer)
                import graph.extraction.extract  # noqa: F401  (the rules, once, with the model)
            except Exception as err:  # noqa: BLE001 - raised by the tasks, naming the worker
                self.error = self.where + (str(err) if isinstance(err, ModelNotInstalled) else
                                           f"{type(err).__name__}: {err}")
            self.loaded_wall = time.time()
            self.loaded.set()

    return PipelinePlugin()


def _extract_task(articles: list[Article], batch_size: int) -> tuple[list[ArticleExtraction], float]:
    """The articles' extractions, and when this worker was done loading the model (wall clock)."""
    from distributed import get_worker
    worker = get_worker()
    plugin = worker.plugins[_PLUGIN]
    plugin.loaded.wait()  # and only then import the rules: spaCy imported by two threads at once breaks
    if plugin.error is not None:
        raise ModelNotInstalled(plugin.error)
    from graph.extraction.extract import extract_articles
    return list(extract_articles(articles, plugin.nlp, batch_size=batch_size)), plugin.loaded_wall


def _connect(address: str):
    from distributed import Client
    try:
        return Client(address, timeout=f"{_CONNECT_S}s", set_as_default=False)
    except (OSError, TimeoutError, ValueError) as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise SchedulerUnreachable(f"cannot reach the Dask scheduler at {address} ({reason[:160]}): start it "
                                   f"with `dask scheduler`, or check the address") from None


def _start_forkserver_deaf_to_ctrl_c() -> None:
    """Start the fork server (it does not wait for its imports) with SIGINT ignored: the
    workers forked from it keep ignoring it, so a Ctrl-C in the terminal, which reaches the
    whole process group, stops the command alone, which then closes its workers in order
    (instead of each worker printing its own traceback)."""
    import multiprocessing.forkserver
    import signal
    import threading
    if threading.current_thread() is not threading.main_thread():
        multiprocessing.forkserver.ensure_running()
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)


def _local_cluster():
    """A scheduler on loopback whose worker processes (started with ``cluster.scale``) log
    nothing (a failed task reaches the command through its result, which reports it in one
    line) and are forked from a server process that starts importing Dask, spaCy's French
    language data (whose tokenizer exceptions take seconds to compile) and the rules at
    once; returns the cluster and the Dask settings its workers start with, to be undone
    when it is closed. Each worker then only loads the model's weights, and a notebook or a
    test that builds again reuses the server."""
    import dask
    from distributed import LocalCluster
    from distributed.utils import get_mp_context
    # Dask's nanny sets MALLOC_TRIM_THRESHOLD_ for its workers; any value turns off glibc's
    # adaptive thresholds, and parsing then runs about 20 % slower (docs/scaling.md)
    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}))
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    # read when each worker starts, after this returns: set until the cluster is closed
    settings = dask.config.set({"distributed.nanny.pre-spawn-environ": environ,
                                "distributed.worker.multiprocessing-method": "forkserver"})
    try:
        get_mp_context().set_forkserver_preload(_FORKSERVER_PRELOAD)  # after Dask's own list, which it sets once
        _start_forkserver_deaf_to_ctrl_c()
        # no dashboard; the scheduler's HTTP server (health, metrics) on any free port, not 8787
        cluster = LocalCluster(n_workers=0, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None, silence_logs=logging.CRITICAL,
                               scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"})
    except BaseException:
        settings.__exit__(None, None, None)
        raise
    return cluster, settings


class ExtractionWorkers:
    """Extraction tasks on the Dask cluster at ``scheduler``, or on a local cluster of
    ``jobs`` worker processes, each loading ``model`` (linking names to ``gazetteer``, see
    :func:`ontology.data.load_gazetteer`) as soon as it starts, while the caller does
    something else."""

    def __init__(self, model: str | None, *, jobs: int = 1, scheduler: str | None = None,
                 gazetteer: str | None = None):
        self.jobs, self.gazetteer = jobs, gazetteer
        self.model_loaded_at = 0.0  # time.monotonic() of the first worker done loading, as seen here
        self.cluster = self._settings = None
        self._scaled = scheduler is not None
        if scheduler is None:  # its workers start with the first work: a build with nothing to extract needs none
            self.cluster, self._settings = _local_cluster()
        try:  # a scheduler that does not answer stops the command here, before anything is written
            self.client = _connect(scheduler or self.cluster.scheduler_address)
            if scheduler:
                self.jobs = max(1, len(self.client.scheduler_info(n_workers=-1).get("workers", {})))
            # workers that join later (or are restarted) get it too
            self.client.register_plugin(_plugin(model, gazetteer, name_worker=scheduler is not None), name=_PLUGIN)
        except BaseException:
            self._close_cluster()
            raise

    def start(self) -> None:
        """Start a local cluster's workers now, without waiting for them (the first work
        does it otherwise): a caller that knows there will be work gains their start-up."""
        if not self._scaled:
            self.cluster.scale(self.jobs)  # the tasks wait for them
            self._scaled = True

    def _started_client(self):
        self.start()
        return self.client

    def extract(self, articles: Sequence[Article], *, batch_size: int = 32) -> Iterator[ArticleExtraction]:
        """Extractions of ``articles``, as their tasks finish. Every task is sent at once.

        A worker streams a task's articles through ``nlp.pipe`` in spaCy batches of
        ``batch_size``. Each ``nlp.pipe`` call has a cost of its own: tasks of one batch
        parse about 7 % slower than tasks of four or more (bench, 256 articles), so tasks
        hold ``TASK_BATCHES`` batches, tapering at the end so that the workers finish together.
        """
        from distributed import as_completed
        largest = batch_size * TASK_BATCHES
        tasks = batched(articles, largest) if self.jobs == 1 else tapering_batches(articles, largest=largest,
                                                                                   parts=self.jobs)
        client = self._started_client()
        finished = as_completed([client.submit(_extract_task, chunk, batch_size, pure=False) for chunk in tasks],
                                loop=client.loop)

        def collect() -> Iterator[ArticleExtraction]:
            for future in finished:
                extractions, loaded_wall = future.result()
                future.release()  # the worker may forget the records now
                self._loaded(loaded_wall)
                yield from extractions

        return collect()

    def ready(self) -> None:
        """Wait until a worker has loaded the model (raising its load error, naming the worker)."""
        _, loaded_wall = self._started_client().submit(_extract_task, [], 1, pure=False).result()
        self._loaded(loaded_wall)

    def _loaded(self, loaded_wall: float) -> None:
        """The first worker done loading is when the extraction could start (a worker
        restarted later loads it again, and does not count)."""
        loaded_at = time.monotonic() - (time.time() - loaded_wall)
        self.model_loaded_at = min(self.model_loaded_at, loaded_at) if self.model_loaded_at else loaded_at

    def __enter__(self) -> ExtractionWorkers:
        return self

    def close(self) -> None:
        if self.cluster is None:  # a shared cluster: leave its workers as they were
            try:
                self.client.unregister_worker_plugin(_PLUGIN)
            except Exception:  # noqa: BLE001 - the cluster may be gone; nothing to undo then
                pass
        self.client.close()
        self._close_cluster()

    def _close_cluster(self) -> None:
        if self.cluster is not None:
            try:
                self.cluster.close()
            finally:
                self._settings.__exit__(None, None, None)

    def __exit__(self, *exc_info) -> None:
        self.close()
