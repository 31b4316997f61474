"""Reading and cleaning news articles. Knows nothing of RDF or NLP."""
from .article import Article, Segment
from .characters import fold_characters
from .cleaning import clean_text
from .readers import (ArticleError, Skipped, article_from_text, default_corpus,
                      read_articles, register_reader)
from . import html_reader, jsonl_reader  # noqa: F401,E402  (register their formats)

__all__ = ["Article", "Segment", "ArticleError", "Skipped", "article_from_text", "clean_text",
           "default_corpus", "fold_characters", "read_articles", "register_reader"]
