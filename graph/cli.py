"""The ``newsgraph`` command: a thin typer layer over plain functions."""
from __future__ import annotations

import json
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from corpus.readers import default_corpus
from graph.runtime.atomic_files import write_atomic
from graph.extraction.pipeline import DEFAULT_MODEL
from graph.rdf.store import StoreError, open_store

if TYPE_CHECKING:
    from graph.build import BuildResult

# Each command imports what it runs: spaCy, pyshacl and networkx take about a second
# to import, which `query`, `export` and `serve` do not need.

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Knowledge graphs of the actors in French news articles.")


def _version(shown: bool) -> None:
    if shown:
        from importlib.metadata import PackageNotFoundError, version
        try:
            typer.echo(f"newsgraph {version('newsgraph')}")
        except PackageNotFoundError:
            typer.echo("newsgraph (not installed as a package)")
        raise typer.Exit()


@app.callback()
def _options(show_version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                               help="Print newsgraph's version and exit.")) -> None:
    """Knowledge graphs of the actors in French news articles."""


@contextmanager
def extraction_progress():
    """A progress line on a terminal (articles extracted, articles per second); silent otherwise."""
    console = Console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    columns = (SpinnerColumn(), TextColumn("extracting {task.completed} articles"),
               TextColumn("{task.fields[rate]} articles/s"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("extract", total=None, rate="…")
        started = time.perf_counter()

        def tick(done: int) -> None:
            bar.update(task, completed=done, rate=f"{done / max(time.perf_counter() - started, 1e-6):.1f}")
        yield tick


def _fail(message: str) -> None:
    typer.echo(f"newsgraph: error: {message}", err=True)
    raise typer.Exit(code=1)


# the corpus options of `build` and `watch`
_PATHS = typer.Argument(None, help="Article files or folders (default: the bundled samples).")
_OUT = typer.Option(Path("out"), "--out", "-o", help="Output folder.")
_JOBS = typer.Option(1, "--jobs", "-j", min=1, help="Extraction worker processes (a local Dask cluster; ignored with --scheduler).")
_MODEL = typer.Option(DEFAULT_MODEL, help="spaCy model package.")
_CURATION = typer.Option(None, "--curation", help="Analyst's merge/forbid/rename file (TOML).")
_GAZETTEER = typer.Option(None, "--gazetteer", metavar="FILE|none",
                          help="Actors' list (JSON, the format of ontology/gazetteer.json) to link names to, "
                               "or 'none' for no list (default: the shipped one).")


@app.command("build")
def build_command(
    paths: Optional[List[Path]] = _PATHS, out: Path = _OUT, jobs: int = _JOBS, model: str = _MODEL,
    curation: Optional[Path] = _CURATION, gazetteer: Optional[str] = _GAZETTEER,
    scheduler: Optional[str] = typer.Option(None, "--scheduler", envvar="NEWSGRAPH_SCHEDULER", metavar="tcp://HOST:PORT",
                                            help="Extract on this Dask cluster (the rest runs here)."),
) -> None:
    """Build the graph of PATHS into OUT: graph.trig, graph.ttl, network.html, merges.csv."""
    from graph.runtime.out_lock import OutputLock
    from graph.runtime.workers import ExtractionWorkers, SchedulerUnreachable
    try:
        _check_gazetteer(gazetteer)
        with ExitStack() as stack:
            stack.enter_context(OutputLock(out))  # before any worker starts: a second build into OUT stops now
            try:  # started first: they import spaCy and load the model while this process imports the rest
                started = ExtractionWorkers(model, jobs=jobs, scheduler=scheduler, gazetteer=gazetteer)
            except SchedulerUnreachable as err:
                _fail(str(err))
            with started as workers, extraction_progress() as tick:
                from graph.build import build
                result = build(paths or [default_corpus()], out, model=model, jobs=jobs, curation=curation,
                               progress=tick, workers=workers)
    except _build_errors() as err:
        _fail(_build_error(err, out))
    if not result.articles:
        for skipped in result.skipped:
            typer.echo(f"skipped {skipped}", err=True)
        _fail("no article could be read, nothing built")
    _report(result)


def _check_gazetteer(gazetteer: str | None) -> None:
    """A gazetteer that cannot be used stops the command before any worker starts."""
    if gazetteer is not None:
        from ontology.data import load_gazetteer
        load_gazetteer(gazetteer)


def _build_errors() -> tuple[type[Exception], ...]:
    """What stops a build that it reports in one line: the input, the installation."""
    from ontology.data import LexiconError
    from graph.resolution.curation import CurationError
    from graph.extraction.pipeline import ModelNotInstalled
    from graph.runtime.out_lock import OutputBusy
    return ModelNotInstalled, LexiconError, CurationError, OutputBusy, OSError


def _build_error(err: Exception, out: Path) -> str:
    """One line for what stopped a build."""
    if isinstance(err, OSError):
        return f"{err.filename or out}: {err.strerror or err}"
    if isinstance(err, _build_errors()):
        return str(err)
    return f"{type(err).__name__}: {err}"


def _report(result: BuildResult) -> None:
    for skipped in result.skipped:
        typer.echo(f"skipped {skipped}", err=True)
    typer.echo(f"articles   {result.articles} read, {len(result.skipped)} skipped; "
               f"{result.extracted} extracted, {result.reused} unchanged since the last build")
    typer.echo("entities   " + ", ".join(f"{t} {n}" for t, n in sorted(result.entities_by_type.items()))
               + f" (total {sum(result.entities_by_type.values())})")
    typer.echo("relations  " + (", ".join(f"{r} {n}" for r, n in sorted(result.relations_by_type.items())) or "none")
               + f" (total {sum(result.relations_by_type.values())})")
    typer.echo(f"merges     {result.merges} names merged into entities"
               + (f"; ambiguous, left apart: {', '.join(result.ambiguous)}" if result.ambiguous else ""))
    typer.echo(f"inferred   {result.inferred} triples from the ontology (symmetric, inverse, transitive, super-types)")
    if result.violations:
        typer.echo(f"validation {len(result.violations)} SHACL violation(s), first: "
                   + "; ".join(str(v) for v in result.violations[:3]))
    else:
        typer.echo("validation 0 SHACL violations")
    typer.echo(f"seconds    {result.seconds:.1f} (" + ", ".join(f"{stage} {seconds:.2f}"
                                                        for stage, seconds in result.timings.items()) + ")")
    for path in result.outputs:
        typer.echo(f"wrote      {path}")


@app.command("watch")
def watch_command(
    paths: Optional[List[Path]] = _PATHS, out: Path = _OUT, jobs: int = _JOBS, model: str = _MODEL,
    curation: Optional[Path] = _CURATION, gazetteer: Optional[str] = _GAZETTEER,
    interval: float = typer.Option(1.0, "--interval", min=0.05, help="Seconds between two looks at the files."),
    feed: List[str] = typer.Option([], "--feed", help="An RSS/Atom feed whose new items are fetched into the "
                                                     "corpus folder (repeat for several)."),
    match: Optional[str] = typer.Option(None, "--match", metavar="REGEX",
                                        help="Fetch only the feed items whose title or summary match."),
    feed_interval: float = typer.Option(300.0, "--feed-interval", min=1.0, help="Seconds between two polls of the feeds."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", envvar="NEWSGRAPH_SCHEDULER", metavar="tcp://HOST:PORT",
                                            help="Extract on this Dask cluster (the rest runs here)."),
) -> None:
    """Build PATHS into OUT, then rebuild whenever an article (or the curation file) is
    added, changed or removed, with the model kept loaded; stop with Ctrl-C. With --feed,
    new feed items are first fetched into the corpus folder (the one PATH given)."""
    from graph.extraction.pipeline import ModelNotInstalled
    from graph.runtime.session import BuildSession
    from graph.watch import watch
    feeds = _feed_watcher(feed, match, feed_interval, paths) if feed else None
    paths = paths or [default_corpus()]

    def failed(err: Exception) -> None:
        if isinstance(err, ModelNotInstalled):  # no later build can do better
            raise err
        typer.echo(f"newsgraph: error: {_build_error(err, out)} (still watching)", err=True)

    try:
        _check_gazetteer(gazetteer)
        from graph.runtime.out_lock import OutputLock
        with OutputLock(out), BuildSession(model, jobs=jobs, gazetteer=gazetteer, scheduler=scheduler) as session:
            builds = 0

            def built(result: BuildResult) -> None:
                nonlocal builds
                builds += 1
                typer.echo(f"--- build {builds} at {time.strftime('%H:%M:%S')}")
                if result.articles:
                    _report(result)
                else:
                    typer.echo("no article could be read, nothing built")
                if builds == 1:
                    session.ready()  # loaded during the first build; a missing model stops here
                    typer.echo(f"--- model ready; watching {', '.join(map(str, paths))} every {interval:g} s "
                               f"(Ctrl-C to stop)")

            watch(paths, out, session=session, interval=interval, curation=curation, on_build=built, on_error=failed,
                  each_look=feeds.poll_if_due if feeds else (lambda: None))
    except ModelNotInstalled as err:
        _fail(str(err))
    except _build_errors() as err:
        _fail(_build_error(err, out))
    except KeyboardInterrupt:
        typer.echo("--- stopped")
        raise typer.Exit(code=130) from None
    except RuntimeError as err:  # a Dask scheduler that cannot be reached
        from graph.runtime.workers import SchedulerUnreachable
        if not isinstance(err, SchedulerUnreachable):
            raise
        _fail(str(err))


def _feed_watcher(feeds: list[str], match: str | None, interval: float, paths: list[Path] | None):
    """The feeds' poller for `watch --feed`, or a one-line failure."""
    import re
    from graph.sources.feeds import FeedWatcher
    if not paths or len(paths) != 1 or (paths[0].exists() and not paths[0].is_dir()):
        _fail("--feed needs one corpus folder to fetch into: newsgraph watch CORPUS_DIR --feed URL")
    try:
        pattern = re.compile(match, re.IGNORECASE) if match else None
    except re.error as err:
        _fail(f"--match {match!r} is not a regular expression ({err})")
    paths[0].mkdir(parents=True, exist_ok=True)
    return FeedWatcher(list(feeds), paths[0], pattern, interval, report=lambda line: typer.echo(line, err=True))


@app.command("fetch")
def fetch_command(
    urls: Path = typer.Argument(..., help="A text file of article URLs, one per line (# comments)."),
    into: Path = typer.Option(..., "--into", help="The corpus folder the pages are saved in."),
    concurrency: int = typer.Option(4, "--concurrency", min=1, max=8, help="Requests at once."),
    timeout: float = typer.Option(20.0, "--timeout", min=1.0, help="Seconds a page may take to arrive (tried twice)."),
    allow_private: bool = typer.Option(False, "--allow-private",
                                       help="Follow redirects to loopback and private addresses of other hosts."),
) -> None:
    """Download the pages of URLS into a corpus folder once (raw HTML, catalogue.csv), for offline builds."""
    from graph.sources.fetch import fetch_urls, read_url_list
    try:
        listed = read_url_list(urls)
    except (OSError, UnicodeDecodeError) as err:
        _fail(f"{urls}: {getattr(err, 'strerror', None) or err}")
    if not listed:
        _fail(f"{urls}: no URL in the file (one per line)")
    fetched = known = failed = 0
    try:
        for result in fetch_urls(listed, into, concurrency=concurrency, timeout=timeout, allow_private=allow_private):
            if result.error:
                failed += 1
                typer.echo(f"newsgraph: error: {result.error}", err=True)
            elif result.known:
                known += 1
            else:
                fetched += 1
                typer.echo(f"fetched {result.url} -> {result.file}")
    except OSError as err:  # the corpus folder cannot be written
        _fail(f"{into}: {err.strerror or err}")
    typer.echo(f"{fetched} fetched, {known} already there, {failed} failed")
    if failed and not fetched and not known:
        raise typer.Exit(code=1)


@app.command("evaluate")
def evaluate_command(
    graph: Path = typer.Argument(..., help="A built graph.trig (or .nq), or a build folder."),
    gold: Path = typer.Option(..., "--gold", help="Gold annotation in the seeds.json format."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List misses, wrong relations, spurious nodes."),
) -> None:
    """Score GRAPH against a hand annotation: entities, merges, relations."""
    from graph.surfaces.evaluate import GoldError, evaluate, load_gold, load_graph
    try:
        gold_data = load_gold(gold)
        ds = load_graph(graph)
    except GoldError as err:
        _fail(str(err))
    except FileNotFoundError:
        _fail(f"{graph}: no such file")
    except Exception as err:  # rdflib raises many parser types
        _fail(f"{graph}: not a readable graph ({type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''})")
    report = evaluate(gold_data, ds)
    summary = report.summary()
    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=1))
        return
    if verbose:
        for article, triple in report.missed:
            typer.echo(f"miss     {article} {triple}")
        for article, triple in report.wrong:
            typer.echo(f"wrong    {article} {triple}")
        for node in report.spurious:
            typer.echo(f"spurious {node}")
        for node, gids in report.false_merges:
            typer.echo(f"false-merge {node} {gids}")
        typer.echo(f"missing entities {report.missing_entities}")
        typer.echo(f"duplicated {report.duplicates}")
    e, m, r = summary["entity"], summary["merge"], summary["relation"]
    typer.echo(f"articles with a named graph: {summary['articles_with_graph']}")
    typer.echo(f"entities: recall {e['recall']} precision {e['precision']} f1 {e['f1']} "
               f"(found {e['found']}/{e['required']}, spurious {e['spurious']}, type accuracy {e['type_accuracy']})")
    typer.echo(f"merging: duplicate nodes {m['duplicate_nodes']}, false merges {m['false_merges']}")
    typer.echo(f"relations: precision {r['precision']} recall {r['recall']} f1 {r['f1']} "
               f"(tp {r['tp']} fp {r['fp']} fn {r['fn']})")


def _params(values: list[str]) -> dict[str, str]:
    params = {}
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key.strip():
            _fail(f"--param takes NAME=VALUE, not {value!r}")
        params[key.strip()] = text
    return params


@app.command("query")
def query_command(
    out: Path = typer.Argument(Path("out"), help="A build folder (with its store)."),
    sparql: Optional[str] = typer.Argument(None, help="A SPARQL query."),
    file: Optional[Path] = typer.Option(None, "--file", "-f", help="Read the query from a .rq file."),
    name: Optional[str] = typer.Option(None, "--name", "-n", help="Run a named analyst query (see --list)."),
    param: List[str] = typer.Option([], "--param", "-p", help="NAME=VALUE for a named query's parameter."),
    fmt: str = typer.Option("table", "--format", help="table, csv or json."),
    list_queries: bool = typer.Option(False, "--list", help="List the named queries."),
) -> None:
    """Run SPARQL on a build: a query, a .rq file, or a named analyst query."""
    import pyoxigraph as ox
    from graph.surfaces.query import QueryError, format_result, named_queries, run_query
    queries = named_queries()
    if list_queries:
        width = max(len(q) for q in queries)
        for q in queries.values():
            params = "".join(f" --param {k}=…" if default is None else f" [--param {k}={default}]"
                             for k, default in q.params.items())
            typer.echo(f"{q.name.ljust(width)}  {q.description}{params}")
        return
    declared = None
    if name:
        if name not in queries:
            _fail(f"no named query {name!r} (newsgraph query --list)")
        text, declared = queries[name].text, queries[name].params
    elif file:
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as err:
            _fail(f"{file}: {err.strerror or err}")
    elif sparql:
        text = sparql
    else:
        _fail("give a query, --file F.rq or --name NAME (see --list)")
    try:
        store = open_store(out)
        params = _params(param)
        result = run_query(store, text, params, declared=declared)
        if name and isinstance(result, ox.QuerySolutions):
            rows = list(result)
            result = run_query(store, text, params, declared=declared)
            if not rows:
                _say_closest(store, params, declared)
        typer.echo(format_result(result, fmt).rstrip("\n"))
    except (StoreError, QueryError) as err:
        _fail(str(err))


def _say_closest(store, params: dict[str, str], declared: dict[str, str | None]) -> None:
    """A named query that found nothing: the names closest to each name it was given."""
    from graph.surfaces.query import closest_names
    for key, value in params.items():
        if declared.get(key) is None:  # a name, not a number
            close = closest_names(store, value)
            hint = f"; closest names: {', '.join(close)}" if close else ""
            typer.echo(f"newsgraph: no actor is named {value!r}{hint}", err=True)


@app.command("export")
def export_command(
    out: Path = typer.Argument(Path("out"), help="A build folder."),
    fmt: str = typer.Option(..., "--format", help="ttl, nt, trig, nq, jsonld, graphml or gexf."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: standard output)."),
) -> None:
    """Export a build as RDF or as an actor network for Gephi and Cytoscape."""
    from graph.surfaces.export import FORMATS, export
    if fmt not in FORMATS:
        _fail(f"unknown format {fmt!r} ({', '.join(FORMATS)})")
    try:
        data = export(open_store(out), fmt)
    except StoreError as err:
        _fail(str(err))
    if output:
        write_atomic(output, data)
        typer.echo(f"wrote {output}", err=True)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


@app.command("validate")
def validate_command(out: Path = typer.Argument(Path("out"), help="A build folder.")) -> None:
    """Check a whole build against the SHACL shapes: the merged graph (which build checks
    each time) and the evidence in every article graph. Exit code 1 on a violation."""
    from graph.rdf.validate import validate_store
    try:
        violations = validate_store(open_store(out))
    except StoreError as err:
        _fail(str(err))
    for violation in violations:
        typer.echo(f"violation  {violation}")
    typer.echo(f"{len(violations)} SHACL violation(s)")
    if violations:
        raise typer.Exit(code=1)


@app.command("serve")
def serve_command(
    out: Path = typer.Argument(Path("out"), help="A build folder."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on (localhost by default)."),
    port: int = typer.Option(7878, min=1, max=65535),
    timeout: int = typer.Option(30, min=1, help="Seconds a query may run."),
    cors: Optional[List[str]] = typer.Option(None, "--cors", metavar="ORIGIN",
                                             help="Answer browser pages from ORIGIN (repeat for several; '*' for any)."),
    allow_service: bool = typer.Option(False, "--allow-service",
                                       help="Let queries use SERVICE (the store then calls other endpoints)."),
    max_result_mb: int = typer.Option(256, "--max-result-mb", min=1, help="Largest answer sent, in MB."),
) -> None:
    """Serve a build as a read-only SPARQL 1.1 endpoint that follows rebuilds of OUT."""
    from graph.surfaces.endpoint import EndpointError, run_endpoint
    origins = None if not cors else ([] if "*" in cors else list(cors))
    try:
        run_endpoint(out, host, port, timeout, cors=origins, allow_service=allow_service, max_result_mb=max_result_mb)
    except (StoreError, EndpointError) as err:
        _fail(str(err))


@app.command("push")
def push_command(
    out: Path = typer.Argument(Path("out"), help="A build folder."),
    endpoint: str = typer.Option(..., "--endpoint", help="Graph Store Protocol URL of the target store."),
    merged_graph: Optional[str] = typer.Option(None, "--merged-graph", "--graph", metavar="IRI",
                                               help="Put the merged graph in this named graph (a store with no "
                                                    "default graph of its own, such as Virtuoso, needs one)."),
    user: Optional[str] = typer.Option(None, "--user", help="Log in as USER (basic or digest); the password "
                                                            "comes from NEWSGRAPH_PUSH_PASSWORD or a prompt."),
) -> None:
    """Load a build into another store (SPARQL 1.1 Graph Store HTTP Protocol), named graphs kept."""
    import os
    from graph.surfaces.push import PushError, check_endpoint, push
    password = None
    try:
        check_endpoint(endpoint)  # before the store is opened: the URL is the likelier mistake
        if user is not None:
            password = os.environ.get("NEWSGRAPH_PUSH_PASSWORD")
            if password is None:
                password = typer.prompt(f"password for {user}", hide_input=True, err=True)
        result = push(open_store(out), endpoint, merged_graph=merged_graph, user=user, password=password)
    except (StoreError, PushError) as err:
        message = str(err)
        if password:
            message = message.replace(password, "***")  # never shown, whatever a store echoes
        _fail(message)
    from graph.surfaces.push import without_credentials
    typer.echo(f"pushed {result.graphs} graphs, {result.triples} triples to {without_credentials(endpoint)[0]}")


class _Terminated(BaseException):
    """SIGTERM, raised where the command is, so that what it holds is let go on the way out."""


def _terminate(signum, frame) -> None:
    raise _Terminated


def main() -> None:
    """The console script: every failure is one line, never a traceback; Ctrl-C and
    SIGTERM stop it in one line (exit 130 and 143) after its workers and files are let go."""
    import signal
    signal.signal(signal.SIGTERM, _terminate)
    try:
        app(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        typer.echo("newsgraph: interrupted", err=True)
        sys.exit(130)
    except _Terminated:
        typer.echo("newsgraph: stopped (terminated)", err=True)
        sys.exit(143)
    except Exception as err:  # a bug: still one line, with what to report
        message = str(err).splitlines()[0] if str(err) else ""
        typer.echo(f"newsgraph: internal error: {type(err).__name__}: {message} "
                   f"(please report it with the command you ran)", err=True)
        sys.exit(2)
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the work is done: a late SIGTERM just ends the process
