"""Incremental builds: what each article stated, cached under DIR/cache by content.

An entry's key joins the article (id, text, publication date) and a *fingerprint* of
everything that shapes extraction: the spaCy model and version, the lexicons, the
gazetteer, the boilerplate rules and the extraction code. Change any of them and every
article is extracted again; change one article and only that one is.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
from importlib.resources import files
from dataclasses import dataclass
from pathlib import Path

from corpus import Article
from .files import remove_stale_temporaries, write_atomic
from .records import ArticleExtraction

__all__ = ["CachedEntry", "ExtractionCache", "pipeline_fingerprint", "text_digest"]

_MANIFEST = "files.json"


def pipeline_fingerprint(model: str, model_version: str) -> str:
    digest = hashlib.sha256(f"{model} {model_version}".encode())
    sources = []
    for package, patterns in (("ontology", ("*.json", "*.ttl", "lexicons/*.tsv")), ("corpus", ("*.toml", "*.py")),
                              ("graph", ("extract.py", "dates.py", "records.py", "rules/*.py", "components/*.py"))):
        root = Path(str(files(package)))
        for pattern in patterns:
            sources.extend(sorted(root.glob(pattern)))
    for path in sources:
        digest.update(path.name.encode())
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


class ExtractionCache:
    """Extractions by article content, plus a manifest of the files they came from: a file
    whose size and modification time did not change (the test ``make`` uses) is not even
    read again."""

    def __init__(self, folder: str | Path, fingerprint: str):
        self.folder = Path(folder)
        self.fingerprint = fingerprint
        self.used: set[Path] = set()
        self._files = self._read_manifest()
        self._next_files: dict[str, list] = {}

    def _read_manifest(self) -> dict[str, list]:
        try:
            manifest = json.loads((self.folder / _MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(manifest, dict) or manifest.get("pipeline") != self.fingerprint:
            return {}
        files = manifest.get("files")
        return files if isinstance(files, dict) else {}

    def known_file(self, path: Path, stat: os.stat_result) -> list[CachedEntry] | None:
        """The cache entries of ``path`` if the file is unchanged since the last build and all are cached."""
        entry = self._files.get(str(path))
        if not entry or entry[:2] != [stat.st_size, stat.st_mtime_ns]:
            return None
        try:
            found = [CachedEntry(name, article_id, digest, str(path)) for name, article_id, digest in entry[2]]
        except (TypeError, ValueError):  # a manifest from an older version
            return None
        if not all((self.folder / x.name).is_file() for x in found):
            return None
        self.used.update(self.folder / x.name for x in found)
        self._next_files[str(path)] = entry
        return found

    def note_file(self, path: Path, stat: os.stat_result, articles: list[Article]) -> None:
        """Remember which articles ``path`` held, for the next build."""
        self._next_files[str(path)] = [stat.st_size, stat.st_mtime_ns,
                                       [[self._path(a).name, a.id, text_digest(a)] for a in articles]]

    def _path(self, article: Article) -> Path:
        digest = hashlib.sha256("\0".join((self.fingerprint, article.id, article.source, article.original,
                                           article.published or "")).encode()).hexdigest()[:24]
        return self.folder / f"{digest}.pickle"

    def entry(self, article: Article) -> CachedEntry | None:
        """The cache entry of ``article``, if there is one."""
        path = self._path(article)
        self.used.add(path)
        return CachedEntry(path.name, article.id, text_digest(article), article.source) if path.is_file() else None

    def load(self, entry: CachedEntry) -> ArticleExtraction | None:
        """The extraction ``entry`` holds, or None if it was removed or damaged since."""
        return self._load(self.folder / entry.name)

    @staticmethod
    def _load(path: Path) -> ArticleExtraction | None:
        try:
            with path.open("rb") as handle:
                extraction = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:  # a damaged entry is simply extracted again
            return None
        return extraction if isinstance(extraction, ArticleExtraction) else None

    def put(self, extraction: ArticleExtraction) -> str:
        """Keep ``extraction``; the name of its entry."""
        path = self._path(extraction.article)
        self.used.add(path)
        write_atomic(path, pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL), durable=False)
        return path.name

    def prune(self) -> int:
        """Forget the articles this build no longer has (removed or changed); save the manifest."""
        write_atomic(self.folder / _MANIFEST, json.dumps({"pipeline": self.fingerprint, "files": self._next_files}),
                     durable=False)
        removed = remove_stale_temporaries(self.folder)
        if self.folder.is_dir():
            for path in self.folder.glob("*.pickle"):
                if path not in self.used:
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed
