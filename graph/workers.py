"""Parallel extraction: worker processes that parse *and* run the rules.

spaCy's own ``n_process`` sends every parsed Doc back to the parent, which then runs
the rules alone; here each worker returns only the small extraction records, so the
parent stays free and the work splits evenly over the cores. Workers are forked after
the pipeline is loaded, so the model is loaded once.

>>> from corpus import article_from_text
>>> from graph.nlp import load_pipeline
>>> article = article_from_text("a1", "Dmitri Peskov, porte-parole du Kremlin, a parlé.", "a1.txt")
>>> [x.article.id for x in extract_in_workers([article], load_pipeline(model=None), jobs=2)]
['a1']
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator

from spacy.language import Language

from corpus import Article
from .extract import extract_articles
from .records import ArticleExtraction
from .streams import batched

__all__ = ["extract_in_workers"]

_PIPELINE: Language | None = None  # set in the parent before forking, inherited by the workers


def _extract_chunk(args: tuple[list[Article], int]) -> list[ArticleExtraction]:
    articles, batch_size = args
    return list(extract_articles(articles, _PIPELINE, batch_size=batch_size))


def _chunks(articles: Iterable[Article], size: int, batch_size: int) -> Iterator[tuple[list[Article], int]]:
    for chunk in batched(articles, size):
        yield chunk, batch_size


def extract_in_workers(articles: Iterable[Article], nlp: Language, *, jobs: int, batch_size: int = 32,
                       chunk_size: int = 2) -> Iterator[ArticleExtraction]:
    """Extractions of ``articles`` in their order, computed by ``jobs`` forked processes."""
    global _PIPELINE
    _PIPELINE = nlp
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs) as pool:
        for extractions in pool.imap(_extract_chunk, _chunks(articles, chunk_size, batch_size)):
            yield from extractions
