"""A whole build: read, extract, resolve, write the graph files and the network page."""
from __future__ import annotations

import csv
import gc
import io
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import pyoxigraph as ox

from corpus import Article, Skipped
from corpus.file_names import printable
from corpus.near_copies import NearCopies, sketch
from corpus.readers import ArticleFile, find_article_files, read_file
from ontology.data import Gazetteer, gazetteer_bytes, load_gazetteer
from graph.runtime.extraction_cache import CachedEntry, ExtractionCache, pipeline_fingerprint, text_digest
from graph.resolution.curation import load_curation
from graph.runtime.atomic_files import remove_stale_temporaries, write_atomic
from graph.surfaces.network import actor_network
from graph.rdf.dataset import (article_catalogue, article_graph_digest, article_iri, article_quads, entity_iris, merged_graph,
                  records_evidence, to_oxigraph)
from graph.extraction.pipeline import DEFAULT_MODEL, model_version
from graph.records import ArticleExtraction
from graph.rdf.reason import infer
from graph.rdf.validate import Violation, validate
from graph.runtime.generations import Generation, remove_unpublished
from graph.runtime.out_lock import OutputLock
from graph.runtime.session import BuildSession
from graph.runtime.workers import ExtractionWorkers
from graph.surfaces.page_data import page_details
from graph.surfaces.render import network_html
from graph.resolution.resolve import Resolution, resolve
from graph.rdf.store import GRAPHS_PER_BATCH, STORE_NAME, StoreWriter
from graph.runtime.batches import batched
from graph.rdf.trig import TrigBlocks, trig_body, trig_document, write_turtle

__all__ = ["BuildResult", "build", "OUTPUT_FILES"]

OUTPUT_FILES = ("graph.trig", "graph.ttl", "network.html", "merges.csv")


@dataclass
class BuildResult:
    out_dir: Path
    articles: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    entities_by_type: Counter = field(default_factory=Counter)
    relations_by_type: Counter = field(default_factory=Counter)
    merges: int = 0
    extracted: int = 0
    reused: int = 0
    inferred: int = 0
    graphs_written: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    violations: list[Violation] = field(default_factory=list)
    ambiguous: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def outputs(self) -> list[Path]:
        return [self.out_dir / name for name in OUTPUT_FILES] + [self.out_dir / STORE_NAME]


class _Stopwatch:
    """``with clock("stage"):`` adds the stage's seconds to ``timings``."""

    def __init__(self, timings: dict[str, float]):
        self.timings = timings

    @contextmanager
    def __call__(self, stage: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - started


def _corpus(paths: Iterable[str | Path], cache: ExtractionCache,
            exclude: Iterable[Path] = ()) -> Iterator[Article | CachedEntry | Skipped]:
    """What the files under ``paths`` hold: the cache entries of a file unchanged since the
    last build (not read again), else its articles, or why it was skipped."""
    for item in find_article_files(paths, exclude=exclude):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            stat = item.path.stat()
        except OSError:
            stat = None
        known = cache.known_file(item.path, stat, item.id) if stat else None
        if known is not None:
            yield from known
            continue
        articles = []
        for read in read_file(item):
            if isinstance(read, Article):
                articles.append(read)
            yield read
        if stat and articles:
            cache.note_file(item.path, stat, articles, item.id)


def _unique_articles(items: Iterable[Article | CachedEntry | Skipped],
                     skipped: list[Skipped]) -> Iterator[Article | CachedEntry]:
    """Articles (or their cache entries), each text once; skipped files, exact duplicates
    and near copies (:mod:`corpus.near_copies`) go to ``skipped``."""
    seen: dict[str, str] = {}
    ids: dict[str, str] = {}
    copies = NearCopies()
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        digest = item.text_digest if isinstance(item, CachedEntry) else text_digest(item)
        if digest in seen:
            skipped.append(Skipped(item.source, f"same text as {printable(seen[digest])}, kept once"))
            continue
        article_id = item.article_id if isinstance(item, CachedEntry) else item.id
        if article_id in ids:  # a JSON Lines id used twice, or a record named like a file
            skipped.append(Skipped(item.source, f"id {article_id} already used by {printable(ids[article_id])}"))
            continue
        kept = item.sketch if isinstance(item, CachedEntry) else sketch(item.text)
        original = copies.original_of(kept) if kept else None
        if original is not None:  # « Donald Truxp » in a copy with a typo: one article, not two
            skipped.append(Skipped(item.source, f"near copy of {printable(original[0])} "
                                                f"({original[1]:.0%} of its wording), kept once"))
            continue
        copies.add(kept, item.source)
        seen[digest] = ids[article_id] = item.source
        yield item


def _merges_csv(resolution: Resolution) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["entity", "label", "member", "article", "rule", "score"])
    for merge in resolution.merges:
        writer.writerow([merge.entity, resolution.entities[merge.entity].label, merge.name,
                         merge.article, merge.rule, f"{merge.score:.2f}"])
    return buffer.getvalue()


@contextmanager
def _collector_paused(*, keeps: bool = False):
    """No cyclic garbage collection for the block, and none later of what is alive now.

    A build loads or creates millions of small acyclic records that live until it ends,
    and allocates much and frees little after extraction: at 10,000 articles the
    collector's repeated scans of that heap cost more than loading the cache or resolving
    entities. A block that ``keeps`` what it made (the loaded records, acyclic) sends it
    straight to the oldest generation, so no young-generation pass walks it (0.7 s at
    10,000 articles); otherwise what is left of it when it ends is collected then, so a
    block should drop its large results first.
    """
    collecting = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if keeps:
            gc.freeze()
        gc.unfreeze()
        if collecting:
            gc.enable()


def _extract_with_cache(items: Iterable[Article | CachedEntry], model: str | None, cache: ExtractionCache,
                        result: BuildResult, *, batch_size: int, jobs: int, progress,
                        session: BuildSession | None = None,
                        started_workers: ExtractionWorkers | None = None,
                        gazetteer: str | None = None) -> list[ArticleExtraction]:
    """Extractions in reading order: cached ones loaded (from the session's memory if it
    has them), the others extracted by worker processes (the session's, already warm, or
    ``started_workers``, or new ones), which load the model while the parent scans the
    corpus and reads the cache."""
    started = time.monotonic()
    order: list[str] = []
    cached: list[CachedEntry] = []
    missing: list[Article] = []
    done: dict[str, ArticleExtraction] = {}
    with ExitStack() as stack:
        # made before the scan (a local cluster's fork server starts importing spaCy); their
        # processes start with the first article the cache does not have; stopped if none
        workers: ExtractionWorkers | None = session.workers if session else stack.enter_context(
            started_workers or ExtractionWorkers(model, jobs=jobs, gazetteer=gazetteer))
        streams: list[Iterator[ArticleExtraction]] = []

        def extract(articles: list[Article]) -> None:
            nonlocal workers
            if workers is None:
                workers = stack.enter_context(ExtractionWorkers(model, jobs=jobs, gazetteer=gazetteer))
            streams.append(workers.extract(articles, batch_size=batch_size))

        for item in items:
            entry = item if isinstance(item, CachedEntry) else cache.entry(item)
            order.append(entry.article_id if entry else item.id)
            if entry:
                cached.append(entry)
            else:
                if not missing:  # the workers start now, while the rest of the corpus is scanned
                    workers.start()
                missing.append(item)
        if missing:
            extract(missing)
        elif session is None:
            stack.close()
            workers = None
        damaged = []
        in_memory = session.extractions if session else {}
        kept: dict[str, ArticleExtraction] = {}
        with _collector_paused(keeps=True):
            for entry in cached:
                extraction = in_memory.get(entry.name) or cache.load(entry)
                if extraction is None:
                    damaged.append(entry)
                else:
                    done[entry.article_id] = kept[entry.name] = extraction
                    result.reused += 1
        if damaged:  # removed or unreadable since this build looked: extract those again
            ids = {entry.article_id for entry in damaged}
            files = {e.source: ArticleFile(Path(e.source), e.article_id) for e in damaged}
            extract([a for file in sorted(files.values()) for a in read_file(file)
                     if isinstance(a, Article) and a.id in ids])
        for extraction in chain.from_iterable(streams):
            kept[cache.put(extraction)] = extraction
            done[extraction.article.id] = extraction
            result.extracted += 1
            if progress is not None:
                progress(result.extracted)
        if workers is not None and session is None:  # how long this build had to wait for the model
            result.timings["model"] = max(workers.model_loaded_at - started, 0.0)
    if session is not None:
        session.extractions = kept
    return [done[article_id] for article_id in order if article_id in done]


class _ArticleGraphs:
    """The article graphs of a build: IRI -> digest in corpus order, and their quads on demand."""

    def __init__(self, extractions: list, resolution: Resolution, iris: dict, pipeline: str):
        self.resolution, self.iris = resolution, iris
        self.by_iri = {str(article_iri(x.article.id)): x for x in extractions}
        self.digests = {iri: article_graph_digest(x, resolution, iris, pipeline) for iri, x in self.by_iri.items()}

    def quads_of(self, iri: str) -> list[ox.Quad]:
        return article_quads(self.by_iri[iri], self.resolution, self.iris)


def _add_article_graphs(graphs: _ArticleGraphs, writer: StoreWriter, blocks: TrigBlocks,
                        clock: _Stopwatch) -> None:
    """Give the store the article graphs that are new or changed, a batch at a time, and
    keep each one's TriG block."""
    for chunk in batched(writer.to_write, GRAPHS_PER_BATCH):
        with clock("rdf"):
            batch = trig_document([blocks.put(graphs.digests[iri], graphs.quads_of(iri)) for iri in chunk])
        with clock("store"):  # the time spent waiting for the previous batch to be written
            writer.add(batch)


def _write_graph(extractions: list[ArticleExtraction], curated, pipeline: str, result: BuildResult,
                 clock: _Stopwatch, validate_shapes: bool, known: Gazetteer):
    """Resolve, reason and validate, then write the store, the graph files and the network
    page. The store is written on its own thread from the moment the entities are resolved,
    while the rest is done; its stage counts only the time spent waiting for it."""
    with clock("resolve"):
        resolution = resolve(((x.article.id, x.mentions) for x in extractions), gazetteer=known, curation=curated,
                             roles=((x.article.id, r) for x in extractions for r in x.relations))
        iris = entity_iris(resolution)
    with clock("rdf"):
        graphs = _ArticleGraphs(extractions, resolution, iris, pipeline)
    blocks = TrigBlocks(result.out_dir / "cache" / "trig")
    with ExitStack() as stack:
        # every output goes into a generation folder, published at the end by one rename
        generation = stack.enter_context(Generation(result.out_dir, (*OUTPUT_FILES, STORE_NAME)))
        staged = generation.folder
        with clock("store"):  # opening removes the graphs that changed or went
            writer = stack.enter_context(StoreWriter(result.out_dir, graphs.digests, target=staged / STORE_NAME))
        _add_article_graphs(graphs, writer, blocks, clock)
        with clock("rdf"):
            merged = merged_graph(extractions, resolution, iris)
        with clock("infer"):
            result.inferred = infer(merged)
        if validate_shapes:
            with clock("validate"):
                result.violations = validate(merged)
        with clock("rdf"):
            merged_quads = [ox.Quad(*map(to_oxigraph, triple), ox.DefaultGraph()) for triple in merged]
            merged_quads += article_catalogue(extractions)
        with clock("write"):
            default_body = trig_body(merged_quads)
        with clock("store"):
            writer.add(trig_document([default_body]))
            writer.finish()
        with clock("write"):
            blocks.write(staged / "graph.trig", default_body, graphs.digests, graphs.quads_of)
            blocks.prune(graphs.digests.values())
            write_turtle(staged / "graph.ttl", default_body)
            write_atomic(staged / "merges.csv", _merges_csv(resolution))
        with clock("page"):
            network = actor_network(merged, records_evidence(extractions, resolution, iris))
            write_atomic(staged / "network.html",
                         network_html(network, page_details(extractions, resolution, iris)))
        with clock("store"):
            writer.commit()
            generation.publish()
    result.graphs_written = len(writer.to_write)
    return resolution, network


def build(paths: Iterable[str | Path], out_dir: str | Path, *, model: str | None = DEFAULT_MODEL,
          jobs: int = 1, batch_size: int = 32, curation: str | Path | None = None,
          progress: Callable[[int], None] | None = None, validate_shapes: bool = True,
          session: BuildSession | None = None, workers: ExtractionWorkers | None = None,
          gazetteer: str | None = None) -> BuildResult:
    """Build the graph of the articles under ``paths`` into ``out_dir``, applying the
    analyst's ``curation`` file if one is given; a ``session`` (its model, its jobs) keeps
    the model loaded and the records in memory from one build to the next. ``workers``
    started by the caller for ``model`` (the command line starts them before it imports
    this module) are used instead of new ones, and stopped like them. ``gazetteer``: the
    actors' list names are linked to (default: the shipped one; ``"none"``: none; see
    :func:`ontology.data.load_gazetteer`)."""
    with OutputLock(out_dir):  # one build at a time into out_dir; another one stops here in one line
        return _build(paths, out_dir, model=model, jobs=jobs, batch_size=batch_size, curation=curation,
                      progress=progress, validate_shapes=validate_shapes, session=session, workers=workers,
                      gazetteer=gazetteer)


def _build(paths, out_dir, *, model, jobs, batch_size, curation, progress, validate_shapes, session, workers,
           gazetteer) -> BuildResult:
    started = time.perf_counter()
    if session is not None and workers is not None:
        raise ValueError("a build takes a session or started workers, not both")
    if session is not None:
        model, jobs, gazetteer = session.model, session.jobs, session.gazetteer
    elif workers is not None:
        gazetteer = workers.gazetteer
    known = load_gazetteer(gazetteer)  # a bad file stops the build here, in one line
    curated = load_curation(curation) if curation else None
    result = BuildResult(Path(out_dir))
    if result.out_dir.is_dir():
        remove_stale_temporaries(result.out_dir)
        remove_unpublished(result.out_dir)
    clock = _Stopwatch(result.timings)

    cache = ExtractionCache(result.out_dir / "cache", pipeline_fingerprint(str(model), model_version(model),
                                                                           gazetteer_bytes(gazetteer)))
    with clock("extract"):
        extractions = _extract_with_cache(_unique_articles(_corpus(paths, cache, [result.out_dir]), result.skipped), model,
                                          cache, result, batch_size=batch_size, jobs=jobs, progress=progress,
                                          session=session, started_workers=workers, gazetteer=gazetteer)
        cache.prune()
    # the workers load the model inside that stage, while the parent reads the cache
    result.timings["extract"] = max(result.timings["extract"] - result.timings.get("model", 0.0), 0.0)
    result.articles = len(extractions)
    if not extractions:
        result.seconds = time.perf_counter() - started
        return result
    with _collector_paused():
        resolution, network = _write_graph(extractions, curated, cache.fingerprint, result, clock,
                                           validate_shapes, known)
        result.entities_by_type = Counter(e.type for e in resolution.entities.values())
        result.relations_by_type = Counter(data["relation"] for _, _, data in network.edges(data=True))
        result.merges = len(resolution.merges)
        result.ambiguous = resolution.ambiguous
        del resolution, network
    result.seconds = time.perf_counter() - started
    return result
