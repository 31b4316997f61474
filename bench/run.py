"""newsgraph benchmark. Prints its figures; the last line is a JSON object of them.

    python bench/run.py                 # sizes 100, 1,000 and 10,000 (the last takes a while)
    python bench/run.py --articles 200  # one size only

The corpus is SYNTHETIC (bench/synthetic.py): the bundled samples with actors, places
and weekdays swapped. Each build runs in a fresh process so its peak RSS is its own.
Throughput is measured on 300 articles (or the one size asked for): bare ``nlp.pipe``
and newsgraph builds each run in a fresh process, timed from a loaded model.
"""
from __future__ import annotations

import argparse
import json
import resource
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def child_build(corpus: str, out: str, jobs: int) -> None:
    """Run one build and print its figures as JSON (run in a subprocess)."""
    from graph.build import build
    started = time.perf_counter()
    result = build([corpus], out, jobs=jobs)
    print(json.dumps({"seconds": time.perf_counter() - started, "timings": result.timings,
                      "articles": result.articles, "extracted": result.extracted,
                      "rss_mb": _peak_rss_mb(),
                      # the model lives in the extraction workers: the largest one's peak
                      "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))


def _peak_rss_mb() -> float:
    """This process's peak RSS. Not ``ru_maxrss``: Linux keeps that across ``execve``, so a
    subprocess would report the peak of the bench process that started it."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_fresh_process(child: str, *args) -> dict:
    """Run one of this script's children (``--build``, ``--bare``, ``--store``) in a new
    process; the JSON object it printed last."""
    run = subprocess.run([sys.executable, __file__, child, *map(str, args)], capture_output=True, text=True,
                         check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def timed_build(corpus: Path, out: Path, jobs: int = 1) -> dict:
    started = time.perf_counter()
    figures = in_fresh_process("--build", corpus, out, jobs)
    figures["process_seconds"] = time.perf_counter() - started  # with Python's start and the imports
    return figures


_REPORT_LINE = re.compile(r"^articles .* (?P<extracted>\d+) extracted.*^seconds +(?P<seconds>[\d.]+) \((?P<stages>[^)]*)\)",
                          re.MULTILINE | re.DOTALL)


def command_build(corpus: Path, out: Path) -> dict:
    """Run ``newsgraph build`` itself, as an analyst would, and read its report: figures
    like :func:`timed_build`'s, ``process_seconds`` timed from outside the command."""
    started = time.perf_counter()
    run = subprocess.run([str(Path(sys.executable).with_name("newsgraph")), "build", str(corpus), "--out", str(out)],
                         capture_output=True, text=True)
    process_seconds = time.perf_counter() - started
    report = _REPORT_LINE.search(run.stdout)
    if run.returncode or not report:
        raise RuntimeError(f"newsgraph build exited {run.returncode}: {run.stderr.strip() or run.stdout.strip()}")
    stages = dict(stage.rsplit(" ", 1) for stage in report["stages"].split(", ") if stage)
    return {"seconds": float(report["seconds"]), "process_seconds": process_seconds,
            "extracted": int(report["extracted"]), "timings": {k: float(v) for k, v in stages.items()}}


def _busy_seconds(run: dict) -> float:
    """A build's seconds without the model's loading."""
    return run["seconds"] - run["timings"].get("model", 0.0)


SMALL_BUILD_ROUNDS = 3  # a build of a few hundred articles lasts seconds: the median of this many


def write_new_article(corpus: Path, name: str) -> None:
    (corpus / name).write_text(f"Titre {time.time_ns()}\nSergueï Lavrov a rencontré Marco Rubio à Riyad, "
                               "en Arabie saoudite.", encoding="utf-8")  # new each time: never in the cache


ADD_ONE_ROUNDS = 3  # articles added one after the other; the median is reported


def watched_add_seconds(corpus: Path, out: Path) -> list[float]:
    """Seconds from writing a new article to ``newsgraph watch`` having rebuilt with it,
    for ``ADD_ONE_ROUNDS`` articles written one after the other."""
    newsgraph = Path(sys.executable).with_name("newsgraph")
    watcher = subprocess.Popen([str(newsgraph), "watch", str(corpus), "--out", str(out), "--interval", "0.2"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    deadline = threading.Timer(WATCH_CAP_S, watcher.kill)  # a watch that never rebuilds ends the wait
    deadline.start()
    seconds = []
    try:
        for line in watcher.stdout:
            if line.startswith("--- model ready"):
                break
        else:
            raise RuntimeError("newsgraph watch stopped before its first build")
        for n in range(ADD_ONE_ROUNDS):
            started = time.perf_counter()
            write_new_article(corpus, f"added_while_watching_{n}.txt")
            for line in watcher.stdout:
                if line.startswith("seconds"):
                    seconds.append(time.perf_counter() - started)
                    break
            else:
                raise RuntimeError("newsgraph watch stopped before rebuilding")
        return seconds
    finally:
        deadline.cancel()
        watcher.terminate()
        watcher.wait()


_PIPELINE = None  # the bare pipeline of a bare child, inherited by the processes it forks


def _parse_share(texts: list[str]) -> float:
    started = time.perf_counter()
    for _ in _PIPELINE.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - started


def child_bare(corpus: str, processes: int) -> None:
    """Bare ``nlp.pipe`` over the corpus's texts, the same model and no newsgraph code, in
    this fresh process (or in ``processes`` processes forked from it, the texts split
    evenly): loaded, then parsed cold, as a build's workers do; prints the parse's seconds."""
    global _PIPELINE
    import multiprocessing
    import spacy
    from corpus import Article, read_articles
    from graph.extraction.pipeline import DEFAULT_MODEL
    texts = [a.text for a in read_articles([corpus]) if isinstance(a, Article)]
    _PIPELINE = spacy.load(DEFAULT_MODEL, exclude=["senter"])
    if processes == 1:
        seconds = _parse_share(texts)
    else:
        started = time.perf_counter()
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            pool.map(_parse_share, [texts[k::processes] for k in range(processes)])
        seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds}))


def bare_nlp_seconds(corpus: Path, processes: int = 1) -> float:
    return in_fresh_process("--bare", corpus, processes)["seconds"]


THROUGHPUT_ROUNDS = 5  # this machine is noisy: bare and newsgraph runs alternate, medians are compared
THROUGHPUT_ARTICLES = 300  # enough text that one build's fixed costs (store, page) do not set the rate


def throughput_seconds(corpus: Path, work: Path) -> dict[str, list[float]]:
    """Seconds of each kind of run, ``THROUGHPUT_ROUNDS`` of each, taken in turn, each in
    a fresh process with the model's loading left out: bare ``nlp.pipe`` in one and in two
    processes, and builds with one and two jobs."""
    runs: dict[str, list[float]] = {"bare": [], "bare_two": [], "build_1": [], "build_2": []}
    for round_ in range(THROUGHPUT_ROUNDS):
        runs["bare"].append(bare_nlp_seconds(corpus))
        for jobs in (1, 2):
            run = timed_build(corpus, work / f"out-throughput-{jobs}-{round_}", jobs)
            runs[f"build_{jobs}"].append(_busy_seconds(run))
        runs["bare_two"].append(bare_nlp_seconds(corpus, processes=2))
    return runs


def median_ms(fn, repeat: int = 7) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 2)


WATCH_CAP_S = 600
RDFLIB_QUERY_CAP_S = 60    # one query on rdflib is stopped after this
RDFLIB_TOTAL_CAP_S = 900   # loading the TriG and every query


class _Stopped(Exception):
    pass


def child_rdflib(trig: str) -> None:
    """Load the TriG in rdflib's in-memory Dataset once, then time each named query there
    (capped); prints one JSON line ``{"name": ..., "ms": ms, null when stopped, or "failed: why"}``
    per query as it goes (run in a subprocess)."""
    import signal
    from rdflib import Dataset
    from graph.surfaces.query import bind_parameters, named_queries
    from ontology.namespace import PREFIXES

    def stop(*_):
        raise _Stopped

    signal.signal(signal.SIGALRM, stop)
    started = time.perf_counter()
    ds = Dataset()
    ds.parse(trig, format="trig")
    print(f"rdflib loaded {len(ds)} quads in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    prefixes = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    for name, query in named_queries().items():
        # rdflib lacks LATERAL; read as a plain join it gives the same rows
        text = bind_parameters(query.text, query.examples, declared=query.params).replace("LATERAL {", "{")
        signal.alarm(RDFLIB_QUERY_CAP_S)
        try:
            ms = median_ms(lambda: list(ds.query(prefixes + text)), repeat=3)
        except _Stopped:
            ms = None
        except Exception as err:  # noqa: BLE001 - reported, not hidden as a time-out
            ms = f"failed: {type(err).__name__}: {str(err).splitlines()[0][:120] if str(err) else ''}"
        finally:
            signal.alarm(0)
        print(json.dumps({"name": name, "ms": ms}), flush=True)


STORE_QUERY_REPEAT = 15  # a query takes milliseconds: many runs for a steady median


def child_store(out: str) -> None:
    """Time each named query on the build's store, in this fresh process like rdflib's
    side; prints ``{name: median ms}``."""
    from graph.surfaces.query import named_queries, run_query
    from graph.rdf.store import open_store
    store = open_store(Path(out))
    print(json.dumps({name: median_ms(lambda: list(run_query(store, query.text, query.examples, declared=query.params)),
                                      repeat=STORE_QUERY_REPEAT)
                      for name, query in named_queries().items()}))


def query_latencies(out: Path) -> dict:
    """Median milliseconds of each named query on the store, and on rdflib in memory:
    a number, None when stopped at the cap, or why it could not run."""
    store_ms = in_fresh_process("--store", out)
    missing = "not reached"
    try:
        run = subprocess.run([sys.executable, __file__, "--rdflib", str(out / "graph.trig")],
                             capture_output=True, text=True, timeout=RDFLIB_TOTAL_CAP_S)
        stdout = run.stdout
        if run.returncode:
            missing = f"failed: {(run.stderr.strip().splitlines() or ['exit ' + str(run.returncode)])[-1][:120]}"
    except subprocess.TimeoutExpired as err:
        stdout = err.stdout.decode() if isinstance(err.stdout, bytes) else (err.stdout or "")
        missing = None  # stopped
    rdflib_ms = {}
    for line in stdout.splitlines():
        if line.startswith("{"):
            row = json.loads(line)
            rdflib_ms[row["name"]] = row["ms"]
    return {name: {"store_ms": ms, "rdflib_ms": rdflib_ms.get(name, missing)} for name, ms in store_ms.items()}


def _rdflib_figure(ms) -> str:
    if ms is None:
        return f"> {RDFLIB_QUERY_CAP_S} s (stopped)"
    return ms if isinstance(ms, str) else f"{ms:>9} ms"


def main() -> int:
    children = {"--build": lambda corpus, out, jobs: child_build(corpus, out, int(jobs)),
                "--bare": lambda corpus, processes: child_bare(corpus, int(processes)),
                "--store": child_store, "--rdflib": child_rdflib}
    if len(sys.argv) > 1 and sys.argv[1] in children:
        children[sys.argv[1]](*sys.argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, help="one corpus size only")
    parser.add_argument("--mentions", type=int, default=100_000, help="mentions for the resolution benchmark")
    args = parser.parse_args()
    sizes = [args.articles] if args.articles else [100, 1000, 10000]
    work = Path(tempfile.mkdtemp(prefix="newsgraph-bench-"))
    try:
        return _measure(args, sizes, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)  # corpora, builds and stores: nothing left behind


def _measure(args, sizes: list[int], work: Path) -> int:
    from corpus import read_articles
    from synthetic import write_corpus
    import spacy

    figures: dict = {"synthetic": True, "sizes": {}}
    tokenizer = spacy.blank("fr").tokenizer

    # throughput: bare spaCy against a whole newsgraph build (model load excluded)
    base = args.articles or THROUGHPUT_ARTICLES
    corpus = work / f"corpus-{base}"
    write_corpus(corpus, base)
    texts = [a.text for a in read_articles([corpus])]
    tokens = sum(len(tokenizer(t)) for t in texts)
    runs = throughput_seconds(corpus, work)
    rate = {kind: tokens / statistics.median(seconds) for kind, seconds in runs.items()}
    spread = {kind: f"{min(tokens / s for s in seconds):.0f}–{max(tokens / s for s in seconds):.0f}"
              for kind, seconds in runs.items()}
    figures["nlp_tokens_per_s"] = round(rate["bare"])
    figures["build_tokens_per_s_1job"] = round(rate["build_1"])
    figures["build_tokens_per_s_2job"] = round(rate["build_2"])
    figures["build_tokens_per_s"] = figures["build_tokens_per_s_1job"]
    figures["ratio"] = round(rate["build_1"] / rate["bare"], 3)
    figures["ratio_2jobs"] = round(rate["build_2"] / rate["bare"], 3)
    figures["nlp_tokens_per_s_2processes"] = round(rate["bare_two"])
    figures["ratio_bare_2processes"] = round(rate["bare_two"] / rate["bare"], 3)
    # two jobs against spaCy alone in two processes, whatever the machine lets two processes do
    figures["ratio_2jobs_to_bare_2processes"] = round(rate["build_2"] / rate["bare_two"], 3)
    figures["throughput_runs_s"] = {kind: [round(s, 2) for s in seconds] for kind, seconds in runs.items()}
    print(f"throughput on {base} articles ({tokens} tokens): median of {THROUGHPUT_ROUNDS} runs of each, "
          f"taken in turn (range in brackets)")
    print(f"bare nlp.pipe, 1 process     {figures['nlp_tokens_per_s']:>8} tokens/s  [{spread['bare']}]")
    print(f"newsgraph build, 1 job       {figures['build_tokens_per_s_1job']:>8} tokens/s  [{spread['build_1']}]  "
          f"ratio {figures['ratio']}")
    print(f"newsgraph build, 2 jobs      {figures['build_tokens_per_s_2job']:>8} tokens/s  [{spread['build_2']}]  "
          f"ratio {figures['ratio_2jobs']}")
    print(f"bare nlp.pipe, 2 processes   {figures['nlp_tokens_per_s_2processes']:>8} tokens/s  [{spread['bare_two']}]  "
          f"ratio {figures['ratio_bare_2processes']} (spaCy alone on this machine's two cores)")
    print(f"two jobs run at {figures['ratio_2jobs_to_bare_2processes']:.1%} of bare nlp.pipe's speed in two processes")

    largest = None
    for size in sizes:
        corpus = work / f"corpus-{size}"
        if not corpus.exists():
            write_corpus(corpus, size)
        rounds = SMALL_BUILD_ROUNDS if size < 1000 else 1
        runs = [timed_build(corpus, work / (f"out-{size}" + ("" if n == rounds - 1 else f"-{n}")))
                for n in range(rounds)]
        out = work / f"out-{size}"
        run = sorted(runs, key=_busy_seconds)[len(runs) // 2]
        busy = _busy_seconds(run)
        figures["sizes"][size] = {"seconds_per_article": round(busy / size, 4), "peak_rss_mb": round(run["rss_mb"]),
                                  "worker_peak_rss_mb": round(run["worker_rss_mb"]),
                                  "stages": {k: round(v, 2) for k, v in run["timings"].items()}}
        if rounds > 1:
            figures["sizes"][size]["runs_seconds_per_article"] = [round(_busy_seconds(r) / size, 4) for r in runs]
        print(f"{size:>6} articles   {busy / size:.4f} s/article"
              + (f" (median of {rounds} builds)" if rounds > 1 else "")
              + f"   peak RSS {run['rss_mb']:.0f} MB (+ worker {run['worker_rss_mb']:.0f} MB)   "
              + " ".join(f"{k} {v:.1f}s" for k, v in run["timings"].items()))
        largest = (size, corpus, out)
        figures["page_s"] = round(run["timings"].get("page", 0.0), 2)

    per_article = [f["seconds_per_article"] for f in figures["sizes"].values()]
    figures["seconds_per_article_spread"] = round(max(per_article) / min(per_article) - 1, 3)
    print(f"seconds per article: largest {figures['seconds_per_article_spread']:.1%} above the smallest")

    size, corpus, out = largest
    cold_runs = []
    for n in range(ADD_ONE_ROUNDS):
        write_new_article(corpus, f"added_one_{n}.txt")
        cold_runs.append(command_build(corpus, out))
    run = sorted(cold_runs, key=lambda r: r["seconds"])[len(cold_runs) // 2]
    figures["add_one_article_s"] = round(run["seconds"], 2)
    figures["add_one_article_command_s"] = round(statistics.median(r["process_seconds"] for r in cold_runs), 2)
    figures["add_one_article_runs_s"] = [round(r["seconds"], 2) for r in cold_runs]
    each = ", ".join(f"{s:.1f}" for s in figures["add_one_article_runs_s"])
    print(f"add one article to the {size} build, median of {ADD_ONE_ROUNDS} added one after the other: "
          f"{run['seconds']:.1f} s [{each}], "
          f"{figures['add_one_article_command_s']:.1f} s with the command's start "
          f"(the median run: extracted {run['extracted']}; "
          + " ".join(f"{k} {v:.1f}s" for k, v in run["timings"].items()) + ")")
    watched = watched_add_seconds(corpus, out)
    figures["add_one_article_watching_s"] = round(statistics.median(watched), 2)
    figures["add_one_article_watching_runs_s"] = [round(s, 2) for s in watched]
    each = ", ".join(f"{s:.1f}" for s in watched)
    print(f"add one article to the {size} build under `newsgraph watch` (model kept loaded), median of "
          f"{ADD_ONE_ROUNDS}: {figures['add_one_article_watching_s']} s [{each}] "
          "from writing the file to the rebuilt graph")
    print(f"network page of the {size} build written in {figures['page_s']} s")

    from run_resolution import resolution_seconds
    figures["resolve_s"] = resolution_seconds(args.mentions)
    print(f"resolution of {args.mentions} synthetic mentions: {figures['resolve_s']} s")

    figures["queries"] = query_latencies(out)
    for name, q in figures["queries"].items():
        faster = q["rdflib_ms"] if isinstance(q["rdflib_ms"], float) else RDFLIB_QUERY_CAP_S * 1000.0
        if not isinstance(q["rdflib_ms"], str):
            q["times_faster"] = round(faster / max(q["store_ms"], 0.01), 1)
        speed = f"   store {'≥ ' if q['rdflib_ms'] is None else ''}{q['times_faster']}× faster" if "times_faster" in q else ""
        print(f"query {name:<18} store {q['store_ms']:>8} ms   rdflib in memory {_rdflib_figure(q['rdflib_ms'])}{speed}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
