"""A whole build: read, extract, resolve, write the graph files and the network page."""
from __future__ import annotations

import csv
import hashlib
import io
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import pyoxigraph as ox
from spacy.language import Language

from corpus import Article, Skipped, read_articles
from corpus.readers import find_article_files
from .cache import ExtractionCache, pipeline_fingerprint
from .curation import load_curation
from .extract import extract_articles
from .files import atomic_output, remove_stale_temporaries, write_atomic
from .network import actor_network
from .rdf import (article_graph_digest, article_iri, article_quads, entity_iris, merged_graph,
                  records_evidence, to_oxigraph)
from .nlp import DEFAULT_MODEL, load_pipeline, model_version
from .records import ArticleExtraction
from .reason import infer
from .validate import Violation, validate
from .workers import extract_in_workers
from .render import network_html
from .resolve import Resolution, resolve
from .export import export
from .store import GRAPHS_PER_BATCH, STORE_NAME, StoreWriter, open_store
from .streams import batched
from .trig import TrigBlocks

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


def _corpus(paths: Iterable[str | Path], cache: ExtractionCache) -> Iterator[Article | ArticleExtraction | Skipped]:
    """What the files under ``paths`` hold: the cached extractions of a file unchanged since
    the last build (not read again), else its articles, or why it was skipped."""
    for item in find_article_files(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        try:
            stat = item.stat()
        except OSError:
            stat = None
        known = cache.known_file(item, stat) if stat else None
        if known is not None:
            yield from known
            continue
        articles = []
        for read in read_articles([item]):
            if isinstance(read, Article):
                articles.append(read)
            yield read
        if stat and articles:
            cache.note_file(item, stat, articles)


def _unique_articles(items: Iterable[Article | ArticleExtraction | Skipped],
                     skipped: list[Skipped]) -> Iterator[Article | ArticleExtraction]:
    """Articles (or their known extractions), each text once; skipped files and exact
    duplicates go to ``skipped``."""
    seen: dict[str, str] = {}
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        article = item.article if isinstance(item, ArticleExtraction) else item
        digest = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
        if digest in seen:
            skipped.append(Skipped(article.source, f"same text as {seen[digest]}, kept once"))
            continue
        seen[digest] = article.source
        yield item


def _merges_csv(resolution: Resolution) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["entity", "label", "member", "article", "rule", "score"])
    for merge in resolution.merges:
        writer.writerow([merge.entity, resolution.entities[merge.entity].label, merge.name,
                         merge.article, merge.rule, f"{merge.score:.2f}"])
    return buffer.getvalue()


def _extract_with_cache(items: Iterable[Article | ArticleExtraction], pipeline: Callable[[], Language],
                        cache: ExtractionCache, result: BuildResult, *, batch_size: int, jobs: int,
                        progress) -> list[ArticleExtraction]:
    """Extractions in reading order: known and cached ones reused, the others streamed
    through spaCy; ``pipeline()`` is called only if there is something to extract."""
    order: list[str] = []
    done: dict[str, ArticleExtraction] = {}

    def misses() -> Iterator[Article]:
        for item in items:
            article = item.article if isinstance(item, ArticleExtraction) else item
            order.append(article.id)
            known = item if isinstance(item, ArticleExtraction) else cache.get(article)
            if known is not None:
                done[article.id] = known
                result.reused += 1
            else:
                yield article

    pending = misses()
    first = next(pending, None)
    if first is not None:
        nlp = pipeline()
        stream = chain([first], pending)
        extracted = (extract_articles(stream, nlp, batch_size=batch_size) if jobs == 1
                     else extract_in_workers(stream, nlp, jobs=jobs, batch_size=batch_size))
        for extraction in extracted:
            cache.put(extraction)
            done[extraction.article.id] = extraction
            result.extracted += 1
            if progress is not None:
                progress(result.extracted)
    return [done[article_id] for article_id in order if article_id in done]


class _ArticleGraphs:
    """The article graphs of a build: IRI -> digest in corpus order, and their quads on demand."""

    def __init__(self, extractions: list, resolution: Resolution, iris: dict, pipeline: str):
        self.resolution, self.iris = resolution, iris
        self.by_iri = {str(article_iri(x.article.id)): x for x in extractions}
        self.digests = {iri: article_graph_digest(x, resolution, iris, pipeline) for iri, x in self.by_iri.items()}

    def quads_of(self, iri: str) -> list[ox.Quad]:
        return article_quads(self.by_iri[iri], self.resolution, self.iris)


def _write_store(graphs: _ArticleGraphs, merged: list[ox.Quad], blocks: TrigBlocks, result: BuildResult,
                 clock: _Stopwatch) -> None:
    """Write the article graphs that are new or changed and the merged graph into the
    next store, then swap it in; each written article graph is also kept as a TriG block."""
    with clock("store"):
        writer = StoreWriter(result.out_dir, graphs.digests)
    with writer:
        for chunk in batched(writer.to_write, GRAPHS_PER_BATCH):
            quads = []
            with clock("rdf"):
                for iri in chunk:
                    article = graphs.quads_of(iri)
                    blocks.put(graphs.digests[iri], article)
                    quads.extend(article)
            with clock("store"):
                writer.add(quads)
        with clock("store"):
            writer.add(merged)
            writer.commit()
    result.graphs_written = len(writer.to_write)


def build(paths: Iterable[str | Path], out_dir: str | Path, *, model: str | None = DEFAULT_MODEL,
          jobs: int = 1, batch_size: int = 32, curation: str | Path | None = None,
          progress: Callable[[int], None] | None = None, validate_shapes: bool = True) -> BuildResult:
    """Build the graph of the articles under ``paths`` into ``out_dir``, applying the
    analyst's ``curation`` file if one is given."""
    started = time.perf_counter()
    curated = load_curation(curation) if curation else None
    result = BuildResult(Path(out_dir))
    if result.out_dir.is_dir():
        remove_stale_temporaries(result.out_dir)
    clock = _Stopwatch(result.timings)

    def pipeline() -> Language:
        with clock("model"):
            return load_pipeline(model)

    cache = ExtractionCache(result.out_dir / "cache", pipeline_fingerprint(str(model), model_version(model)))
    with clock("extract"):
        extractions = _extract_with_cache(_unique_articles(_corpus(paths, cache), result.skipped), pipeline,
                                          cache, result, batch_size=batch_size, jobs=jobs, progress=progress)
        cache.prune()
    result.timings["extract"] -= result.timings.get("model", 0.0)  # the model loads inside that stage
    result.articles = len(extractions)
    if not extractions:
        result.seconds = time.perf_counter() - started
        return result
    with clock("resolve"):
        resolution = resolve(((x.article.id, x.mentions) for x in extractions), curation=curated)
        iris = entity_iris(resolution)
    with clock("rdf"):
        merged = merged_graph(extractions, resolution, iris)
    with clock("infer"):
        result.inferred = infer(merged)
    if validate_shapes:
        with clock("validate"):
            result.violations = validate(merged)
    with clock("rdf"):
        graphs = _ArticleGraphs(extractions, resolution, iris, cache.fingerprint)
        merged_quads = [ox.Quad(*map(to_oxigraph, triple), ox.DefaultGraph()) for triple in merged]
    blocks = TrigBlocks(result.out_dir / "cache" / "trig")
    _write_store(graphs, merged_quads, blocks, result, clock)
    with clock("write"):
        blocks.write(result.out_dir / "graph.trig", merged_quads, graphs.digests, graphs.quads_of)
        blocks.prune(graphs.digests.values())
        with atomic_output(result.out_dir / "graph.ttl") as stream:
            export(open_store(result.out_dir), "ttl", stream)
        write_atomic(result.out_dir / "merges.csv", _merges_csv(resolution))
    with clock("page"):
        network = actor_network(merged, records_evidence(extractions, resolution, iris))
        write_atomic(result.out_dir / "network.html", network_html(network))

    result.entities_by_type = Counter(e.type for e in resolution.entities.values())
    result.relations_by_type = Counter(data["relation"] for _, _, data in network.edges(data=True))
    result.merges = len(resolution.merges)
    result.ambiguous = resolution.ambiguous
    result.seconds = time.perf_counter() - started
    return result
