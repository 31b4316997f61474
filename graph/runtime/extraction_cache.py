"""Incremental builds: what each article stated, cached under DIR/cache by content.

An entry's key joins the article (id, text, publication date) and a *fingerprint* of
everything that shapes extraction: the spaCy model and version, the lexicons, the
gazetteer, the boilerplate rules and the extraction code. Change any of them and every
article is extracted again; change one article and only that one is. The entries are
pickles in one pack (:class:`graph.runtime.packs.Pack`), read in one sequential pass.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
from dataclasses import dataclass
from importlib.resources import files
from itertools import chain
from pathlib import Path

from corpus import Article
from corpus.catalogue import catalogue_stamp
from corpus.near_copies import sketch
from graph.runtime.atomic_files import remove_stale_temporaries, write_atomic
from graph.runtime.packs import Pack
from graph.records import ArticleExtraction

__all__ = ["CachedEntry", "ExtractionCache", "pipeline_fingerprint", "text_digest"]

_MANIFEST = "files.json"


# Every file that can change what an article's extraction holds: the extraction room,
# the records it fills, the ontology's code and data, and the corpus readers and rules.
FINGERPRINTED = (
    ("graph", ("extraction/**/*.py", "records.py")),
    ("ontology", ("**/*.py", "**/*.json", "**/*.ttl", "**/*.tsv")),
    ("corpus", ("**/*.py", "**/*.toml")),
)


def fingerprinted_files() -> list[tuple[str, Path]]:
    """The files :func:`pipeline_fingerprint` hashes, as (name in the package, path), in a stable order."""
    found = []
    for package, patterns in FINGERPRINTED:
        root = Path(str(files(package)))
        for pattern in patterns:
            found.extend((f"{package}/{p.relative_to(root)}", p) for p in sorted(root.glob(pattern))
                         if "__pycache__" not in p.parts)
    return found


def pipeline_fingerprint(model: str, model_version: str, gazetteer: bytes = b"") -> str:
    """A digest of the model, every fingerprinted file and the gazetteer in use: equal
    fingerprints, equal extractions."""
    digest = hashlib.sha256(f"{model} {model_version}".encode())
    digest.update(hashlib.sha256(gazetteer).digest())
    for name, path in fingerprinted_files():
        digest.update(name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def text_digest(article: Article) -> str:
    """SHA-256 of the cleaned text: articles with the same digest say the same thing."""
    return hashlib.sha256(article.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class CachedEntry:
    """An extraction in the cache, not loaded yet: its file name, its article, the article's file."""

    name: str
    article_id: str
    text_digest: str
    source: str
    sketch: tuple[int, ...] = ()  # the text's near-copy sketch (corpus.near_copies), kept in the manifest


class ExtractionCache:
    """Extractions by article content, plus a manifest of the files they came from: a file
    whose size and modification time did not change (the test ``make`` uses) is not even
    read again."""

    def __init__(self, folder: str | Path, fingerprint: str):
        self.folder = Path(folder)
        self.fingerprint = fingerprint
        self.used: set[str] = set()
        self._files = self._read_manifest()
        self._next_files: dict[str, list] = {}
        self._pack = Pack(self.folder, f"extractions-{fingerprint}")

    def _read_manifest(self) -> dict[str, list]:
        try:
            manifest = json.loads((self.folder / _MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(manifest, dict) or manifest.get("pipeline") != self.fingerprint:
            return {}
        files = manifest.get("files")
        return files if isinstance(files, dict) else {}

    def known_file(self, path: Path, stat: os.stat_result, file_id: str = "") -> list[CachedEntry] | None:
        """The cache entries of ``path`` if the file is unchanged since the last build, still
        names its article ``file_id``, and all are cached."""
        entry = self._files.get(str(path))
        # the catalogue beside the file holds its date and outlet: a change there is a change
        if not entry or entry[:3] != [stat.st_size, stat.st_mtime_ns, catalogue_stamp(path)] \
                or entry[4:] != [file_id]:
            return None
        try:
            found = [CachedEntry(name, article_id, digest, str(path), tuple(kept))
                     for name, article_id, digest, kept in entry[3]]
        except (TypeError, ValueError):  # a manifest from an older version
            return None
        if not all(x.name in self._pack for x in found):
            return None
        self.used.update(x.name for x in found)
        self._next_files[str(path)] = entry
        return found

    def note_file(self, path: Path, stat: os.stat_result, articles: list[Article], file_id: str = "") -> None:
        """Remember which articles ``path`` (whose article is named ``file_id``) held, for the next build."""
        self._next_files[str(path)] = [stat.st_size, stat.st_mtime_ns, catalogue_stamp(path),
                                       [[self._name(a), a.id, text_digest(a), list(sketch(a.text))] for a in articles],
                                       file_id]

    def _name(self, article: Article) -> str:
        return hashlib.sha256("\0".join((self.fingerprint, article.id, article.source, article.original,
                                         article.published or "", article.outlet or "", article.url or "",
                                         article.author or "")).encode("utf-8", "surrogatepass")).hexdigest()[:24]

    def entry(self, article: Article) -> CachedEntry | None:
        """The cache entry of ``article``, if there is one."""
        name = self._name(article)
        self.used.add(name)
        return CachedEntry(name, article.id, text_digest(article), article.source, sketch(article.text)) \
            if name in self._pack else None

    def load(self, entry: CachedEntry) -> ArticleExtraction | None:
        """The extraction ``entry`` holds, or None if it is missing or damaged."""
        data = self._pack.get(entry.name)
        try:
            extraction = pickle.loads(data) if data is not None else None
        except Exception:  # a damaged entry is simply extracted again
            return None
        if isinstance(extraction, ArticleExtraction) and extraction.article.id == entry.article_id:
            return extraction
        return None

    def put(self, extraction: ArticleExtraction) -> str:
        """Keep ``extraction``; the name of its entry."""
        name = self._name(extraction.article)
        self.used.add(name)
        self._pack.put(name, pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL))
        return name

    def prune(self) -> None:
        """Forget the articles this build no longer has (removed or changed), and the
        entries of other pipelines and of older versions; save the manifest."""
        self._pack.save(keep=self.used)
        write_atomic(self.folder / _MANIFEST, json.dumps({"pipeline": self.fingerprint, "files": self._next_files}),
                     durable=False)
        remove_stale_temporaries(self.folder)
        for stale in chain(self.folder.glob("*.pickle"), self.folder.glob("extractions-*")):
            if not stale.name.startswith(self._pack.stem):
                stale.unlink(missing_ok=True)
