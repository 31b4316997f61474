"""An incremental build gives exactly what a full rebuild gives."""
import json
from pathlib import Path

import pytest
from rdflib import Graph

from corpus import article_from_text
from graph.build import build
from graph.surfaces.evaluate import load_graph
from graph.surfaces.export import export
from ontology.namespace import SCHEMA
from graph.rdf.store import open_store
from graph.runtime.workers import ExtractionWorkers

TEXTS = {
    "a1": "Titre un\nDmitri Peskov, porte-parole du Kremlin, a parlé à Djeddah, en Arabie saoudite.",
    "a2": "Titre deux\nL'émissaire américain Steve Witkoff est arrivé à Moscou.",
    "a3": "Titre trois\nJared Kushner, le gendre de Donald Trump, est venu à Miami, en Floride.",
}


def quads(out: Path) -> set:
    return set(load_graph(out / "graph.trig").quads((None, None, None, None)))


def corpus_of(tmp_path: Path, texts: dict) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write(corpus, texts)
    return corpus


def write(corpus: Path, texts: dict) -> None:
    for path in corpus.glob("*.txt"):
        path.unlink()
    for name, text in texts.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")


def test_incremental_equals_full_rebuild(tmp_path: Path):
    corpus = corpus_of(tmp_path, TEXTS)
    out = tmp_path / "out"
    first = build([corpus], out, model=None)
    assert (first.extracted, first.reused) == (3, 0)

    changed = dict(TEXTS)
    del changed["a3"]                                                  # removed
    changed["a2"] = "Titre deux\nDonald Trump, le président américain, a parlé."  # changed
    changed["a4"] = "Titre quatre\nLe Kremlin et Kiev ont parlé de Louhansk."     # added
    write(corpus, changed)
    second = build([corpus], out, model=None)
    assert (second.extracted, second.reused) == (2, 1)
    assert second.graphs_written == 2                                  # a1's graph is kept as it was in the store

    full = build([corpus], tmp_path / "full", model=None)
    assert full.extracted == 3
    assert quads(out) == quads(tmp_path / "full")
    graphs = {str(g.identifier).rsplit("/", 1)[-1] for g in load_graph(out / "graph.trig").graphs() if len(g)}
    assert "a3" not in graphs and {"a1", "a2", "a4"} <= graphs
    [index] = (out / "cache").glob("extractions-*.json")              # the removed article is forgotten
    assert len(json.loads(index.read_text())["records"]) == 3

    third = build([corpus], out, model=None)
    assert (third.extracted, third.graphs_written) == (0, 0)
    assert quads(out) == quads(tmp_path / "full")
    store_dump = tmp_path / "store.nq"                                 # graph.trig (cached blocks) = the store
    store_dump.write_bytes(export(open_store(out), "nq"))
    assert quads(out) == set(load_graph(store_dump).quads((None, None, None, None)))
    turtle = Graph().parse(out / "graph.ttl", format="turtle")                   # graph.ttl = the default graph
    assert set(turtle) == set(Graph().parse(data=export(open_store(out), "ttl"), format="turtle"))
    assert sorted(map(str, turtle.objects(None, SCHEMA.headline))) == ["Titre deux", "Titre quatre", "Titre un"]


def test_parallel_extraction_gives_the_same_graph(tmp_path: Path):
    corpus = corpus_of(tmp_path, {f"{name}-{n}": f"{text}\nSuite numéro {n}." for n in range(6)
                                  for name, text in TEXTS.items()})
    one = build([corpus], tmp_path / "one", model=None)
    two = build([corpus], tmp_path / "two", model=None, jobs=2)
    assert one.articles == two.articles == 18
    assert quads(tmp_path / "one") == quads(tmp_path / "two")


def test_workers_return_every_extraction_once():
    articles = [article_from_text(f"a{n}", f"Titre {n}\nDmitri Peskov a parlé {n} fois.", f"a{n}.txt")
                for n in range(75)]
    with ExtractionWorkers(model=None, jobs=2) as workers:
        extracted = list(workers.extract(articles, batch_size=8))  # as the tasks finish
    assert sorted(x.article.id for x in extracted) == sorted(a.id for a in articles)
    assert all(x.mentions and x.article.text.endswith(f"{x.article.id[1:]} fois.") for x in extracted)


def test_a_build_uses_the_workers_it_is_given_and_counts_only_its_wait_for_the_model(tmp_path: Path):
    corpus = corpus_of(tmp_path, TEXTS)
    with ExtractionWorkers(model=None, jobs=1) as workers:
        workers.ready()  # loaded before the build starts: the build does not wait for it
        result = build([corpus], tmp_path / "out", model=None, workers=workers)
        assert result.extracted == 3 and result.timings["model"] == 0.0
        assert sum(result.timings.values()) <= result.seconds
    with pytest.raises(ValueError):
        build([corpus], tmp_path / "out", model=None, workers=workers, session=object())


def test_a_changed_lexicon_invalidates_the_cache(tmp_path: Path, monkeypatch):
    corpus = corpus_of(tmp_path, TEXTS)
    out = tmp_path / "out"
    build([corpus], out, model=None)
    import graph.build as module
    monkeypatch.setattr(module, "pipeline_fingerprint", lambda model, version, gazetteer=b"": "another-pipeline")
    assert build([corpus], out, model=None).extracted == 3


def test_files_unchanged_since_the_last_build_are_not_read_again(tmp_path: Path, monkeypatch):
    import graph.build as module
    corpus = corpus_of(tmp_path, TEXTS)
    out = tmp_path / "out"
    build([corpus], out, model=None)
    read = []
    real = module.read_file
    monkeypatch.setattr(module, "read_file", lambda file: (read.append(file.path.name), real(file))[1])
    again = build([corpus], out, model=None)
    assert read == [] and again.reused == 3
    (corpus / "a2.txt").write_text(TEXTS["a2"] + " Il a aussi parlé.", encoding="utf-8")
    changed = build([corpus], out, model=None)
    assert read == ["a2.txt"] and (changed.extracted, changed.reused) == (1, 2)


def test_a_store_compacted_before_the_swap_keeps_every_quad(tmp_path: Path, monkeypatch):
    """A build that leaves many table files compacts the store; nothing is lost, and the
    next incremental build starts from the compacted store."""
    import graph.rdf.store as store
    corpus = corpus_of(tmp_path, TEXTS)
    build([corpus], tmp_path / "plain", model=None)
    monkeypatch.setattr(store, "COMPACT_FROM_TABLE_FILES", 0)
    out = tmp_path / "compacted"
    build([corpus], out, model=None)
    stored = lambda folder: {str(q) for q in open_store(folder)}
    assert stored(out) == stored(tmp_path / "plain") and len(stored(out)) > 50
    write(corpus, {**TEXTS, "a4": "Titre quatre\nMarco Rubio a rencontré Sergueï Lavrov à Riyad."})
    assert build([corpus], out, model=None).extracted == 1
    full = build([corpus], tmp_path / "full", model=None)
    assert stored(out) == stored(tmp_path / "full") and full.articles == 4


def test_a_store_write_that_fails_on_its_thread_leaves_the_previous_store(tmp_path: Path):
    """The store is written on a thread of its own: its error reaches the build, at the
    latest on commit, and the previous store stays whole, with no half-written copy."""
    from graph.rdf.store import StoreWriter
    graph = "https://example.org/g1"
    with StoreWriter(tmp_path, {graph: "d1"}) as writer:
        writer.add(f'<{graph}> {{ <https://example.org/a> <https://example.org/p> "kept" . }}'.encode())
        writer.commit()
    with pytest.raises(SyntaxError):
        with StoreWriter(tmp_path, {graph: "d2"}) as writer:
            writer.add(f'<{graph}> {{ <https://example.org/a> <https://example.org/p> "new" '.encode())
            writer.add(b"")   # queued behind the broken batch
            writer.commit()
    assert [q.object.value for q in open_store(tmp_path)] == ["kept"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]
