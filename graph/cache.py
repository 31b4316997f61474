"""Incremental builds: what each article stated, cached under DIR/cache by content.

An entry's key joins the article (id, text, publication date) and a *fingerprint* of
everything that shapes extraction: the spaCy model and version, the lexicons, the
gazetteer, the boilerplate rules and the extraction code. Change any of them and every
article is extracted again; change one article and only that one is.
"""
from __future__ import annotations

import hashlib
import pickle
from importlib.resources import files
from pathlib import Path

from corpus import Article
from .files import write_atomic
from .records import ArticleExtraction

__all__ = ["ExtractionCache", "pipeline_fingerprint"]


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


class ExtractionCache:
    def __init__(self, folder: str | Path, fingerprint: str):
        self.folder = Path(folder)
        self.fingerprint = fingerprint
        self.used: set[Path] = set()

    def _path(self, article: Article) -> Path:
        digest = hashlib.sha256("\0".join((self.fingerprint, article.id, article.source, article.original,
                                           article.published or "")).encode()).hexdigest()[:24]
        return self.folder / f"{digest}.pickle"

    def get(self, article: Article) -> ArticleExtraction | None:
        path = self._path(article)
        self.used.add(path)
        try:
            with path.open("rb") as handle:
                extraction = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:  # a damaged entry is simply extracted again
            return None
        return extraction if isinstance(extraction, ArticleExtraction) else None

    def put(self, extraction: ArticleExtraction) -> None:
        path = self._path(extraction.article)
        self.used.add(path)
        write_atomic(path, pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL), durable=False)

    def prune(self) -> int:
        """Forget the articles this build no longer has (removed or changed)."""
        removed = 0
        if self.folder.is_dir():
            for path in self.folder.glob("*.pickle"):
                if path not in self.used:
                    path.unlink(missing_ok=True)
                    removed += 1
        return removed
