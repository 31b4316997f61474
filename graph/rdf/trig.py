"""``graph.trig`` assembled from one cached TriG block per article graph, and ``graph.ttl``.

Reading a large store back to serialise it costs seconds per thousand articles; instead,
each article graph is serialised once, when it is written, into a pack under
``DIR/cache/trig`` (:class:`graph.runtime.packs.Pack`), named by its digest (see
:func:`graph.rdf.dataset.article_graph_digest`), and the file is the prefixes,
the default graph and the blocks of the corpus's articles, concatenated. TriG allows it:
each block is a complete ``<graph> { … }``. The default graph is serialised once per build:
TriG writes its triples as Turtle does, so the same bytes after the same prefixes are
``graph.ttl``.

>>> import tempfile, pyoxigraph as ox
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> g, s = ox.NamedNode("https://example.org/g"), ox.NamedNode("https://example.org/s")
>>> blocks = TrigBlocks(folder / "cache")
>>> _ = blocks.put("d1", [ox.Quad(s, s, ox.Literal("x"), g)])
>>> blocks.write(folder / "graph.trig", b"", {"https://example.org/g": "d1"}, quads_of=None)
>>> len(list(ox.parse(path=str(folder / "graph.trig"))))
1
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from ontology.namespace import EXPORT_PREFIXES
from graph.runtime.atomic_files import atomic_output, remove_stale_temporaries, write_atomic
from graph.runtime.packs import Pack

__all__ = ["TrigBlocks", "trig_body", "trig_document", "write_turtle"]

_HEADER = "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in EXPORT_PREFIXES.items()).encode()


def trig_body(quads: Iterable[ox.Quad]) -> bytes:
    """TriG of ``quads`` without the prefix lines (the file's header declares them once):
    an article graph's block, or the default graph for :meth:`TrigBlocks.write` and
    :func:`write_turtle`."""
    text = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=EXPORT_PREFIXES)
    lines = text.splitlines(keepends=True)
    return b"".join(line for line in lines if not line.startswith(b"@prefix "))


def trig_document(bodies: Iterable[bytes]) -> bytes:
    """A TriG document of :func:`trig_body` outputs: the prefixes, then the bodies."""
    return _HEADER + b"".join(bodies)


def write_turtle(target: str | Path, default_body: bytes) -> None:
    """``target``: the default graph in Turtle (its TriG body, under the same prefixes)."""
    write_atomic(target, trig_document([default_body]))


class TrigBlocks:
    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self._pack = Pack(self.folder, "blocks")

    def put(self, digest: str, quads: list[ox.Quad]) -> bytes:
        """Keep the block of an article graph under its digest; the block."""
        block = trig_body(quads)
        self._pack.put(digest, block)
        return block

    def write(self, target: str | Path, default_body: bytes, graphs: Mapping[str, str],
              quads_of: Callable[[str], list[ox.Quad]] | None) -> None:
        """Write the dataset to ``target``: the default graph (:func:`trig_body`),
        then the article graphs ``graphs`` (IRI -> digest) in order; a missing block is
        made again from ``quads_of(iri)``."""
        with atomic_output(target) as stream:
            stream.write(trig_document([default_body]))
            for iri, digest in graphs.items():
                block = self._pack.get(digest)
                if block is None:
                    block = self.put(digest, quads_of(iri))
                stream.write(block)

    def prune(self, keep: Iterable[str]) -> None:
        """Forget the blocks of article graphs no longer in the build, and what a killed
        build or an older version left."""
        self._pack.save(keep)
        remove_stale_temporaries(self.folder)
        for path in self.folder.glob("*.trig"):
            path.unlink(missing_ok=True)
