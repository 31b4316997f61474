"""What consecutive builds in one process share: warm extraction workers and the records read.

``newsgraph watch`` holds a session: the workers load the model once, when it starts,
and the extractions already in memory are not read from the cache again, so a build
after one new article costs its extraction and the corpus-wide stages only.

>>> from corpus import article_from_text
>>> with BuildSession(model=None) as session:
...     [x.article.id for x in session.workers.extract([article_from_text("a1", "Texte.", "a1.txt")])]
['a1']
"""
from __future__ import annotations

from graph.records import ArticleExtraction
from graph.runtime.workers import ExtractionWorkers

__all__ = ["BuildSession"]


class BuildSession:
    """Extraction workers for ``model`` (loading it from the start) and the extractions
    of the last build, by cache entry name (names follow the content, so they stay valid)."""

    def __init__(self, model: str | None, *, jobs: int = 1, gazetteer: str | None = None,
                 scheduler: str | None = None):
        self.model, self.jobs, self.gazetteer = model, jobs, gazetteer
        # a Dask cluster's workers, or a local cluster's: kept, with their models, between builds
        self.workers = ExtractionWorkers(model, jobs=jobs, scheduler=scheduler, gazetteer=gazetteer)
        self.extractions: dict[str, ArticleExtraction] = {}

    def ready(self) -> None:
        """Wait until the model is loaded (raising its load error, if any)."""
        self.workers.ready()

    def close(self) -> None:
        self.workers.close()

    def __enter__(self) -> BuildSession:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
