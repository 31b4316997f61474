"""JSON Lines: one article per line, ``{"id", "title", "text"}`` and optionally
``published`` (an ISO date), ``url``, ``outlet``, ``author``. A bad line is skipped with its line number; the
other lines are read. Offsets of evidence point into the record's ``title`` + ``text``.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from .article import Article
from .file_names import printable
from .readers import ArticleError, Skipped, article_from_text, decode, register_reader

__all__ = ["read_jsonl"]


def _check_unicode(record: dict) -> None:
    """A JSON string may hold a lone surrogate (``"\\ud800"``), which is no text: refuse it."""
    for key, value in record.items():
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError(f"{key!r} holds a lone surrogate, not text") from None


@register_reader(".jsonl", ".ndjson")
def read_jsonl(path: Path, raw: bytes) -> Iterator[Article | Skipped]:
    for number, line in enumerate(decode(raw, path).splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not a JSON object")
            _check_unicode(record)
            article_id, text = printable(str(record["id"]).strip()), record["text"]
            if not article_id or not isinstance(text, str):
                raise ValueError("'id' and 'text' must be non-empty")
            title = record.get("title") or ""
            body = f"{title}\n\n{text}" if title else text
            published = record.get("published")
            article = article_from_text(article_id, body, where, published=str(published) if published else None,
                                        outlet=record.get("outlet"), url=record.get("url"),
                                        author=record.get("author"))
        except ArticleError as err:
            yield Skipped(where, str(err))
            continue
        except (ValueError, KeyError, TypeError) as err:
            yield Skipped(where, f"bad JSON Lines record ({err.__class__.__name__}: {err})")
            continue
        except RecursionError:
            yield Skipped(where, "bad JSON Lines record (nested too deeply)")
            continue
        yield article
