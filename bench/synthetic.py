"""A SYNTHETIC corpus for benchmarks: articles made of the bundled samples' paragraphs,
drawn at random (a sample's title, then paragraphs of any sample), with their actors,
places and weekdays swapped for others of the same kind (from the gazetteer), so that
sizes grow with varied names and no article is a near copy of another (a build would
keep only one of those, :mod:`corpus.near_copies`). The sentences are real French news
sentences; the facts are not.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

from corpus import Article, default_corpus, read_articles
from graph.extraction.dates import WEEKDAYS
from ontology.data import load_gazetteer

__all__ = ["write_corpus"]


def _swappable():
    gazetteer = load_gazetteer()
    by_type: dict[str, list[list[str]]] = {}
    for actor in gazetteer.actors:
        if actor.type in ("Person", "Place"):
            by_type.setdefault(actor.type, []).append([actor.label, *actor.names])
    return by_type


def write_corpus(folder: Path, n: int, seed: int = 11) -> list[Path]:
    """Write ``n`` synthetic article files into ``folder``; returns their paths."""
    rng = random.Random(seed)
    samples = [a.original for a in read_articles([default_corpus()]) if isinstance(a, Article)]
    titles = [sample.split("\n", 1)[0] for sample in samples]
    paragraphs = [line for sample in samples for line in sample.split("\n")[1:] if len(line.split()) > 8]
    kinds = _swappable()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        wanted, body = len(samples[i % len(samples)]), []  # about as long as the sample it is named after
        for paragraph in rng.sample(paragraphs, len(paragraphs)):
            if sum(map(len, body)) >= wanted:
                break
            body.append(paragraph)
        text = "\n".join([titles[i % len(titles)], *body]) + "\n"
        for names in kinds["Person"] + kinds["Place"]:
            if any(name in text for name in names):
                other = rng.choice(kinds["Person"] if names in kinds["Person"] else kinds["Place"])
                for name in sorted(names, key=len, reverse=True):
                    text = text.replace(name, other[0] if len(name.split()) > 1 else other[0].split()[-1])
        text = re.sub("|".join(WEEKDAYS), lambda m: rng.choice(WEEKDAYS), text)
        path = folder / f"synthetic_{i:06d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
