"""Resolution benchmark: SYNTHETIC mentions (varied names, 5 % lone surnames, three types)."""
from __future__ import annotations

import random
import time

from graph.records import Mention
from graph.resolution.resolve import resolve

__all__ = ["synthetic_mentions", "resolution_seconds"]


def synthetic_mentions(m: int, seed: int = 7) -> list[tuple[str, list[Mention]]]:
    rng = random.Random(seed)
    first = ["Jean", "Marie", "Pierre", "Anna", "Igor", "Olga", "Mike", "Sarah", "Ali", "Yuki"]
    last = [f"Nom{i}" for i in range(2000)]
    articles, per_article = [], 20
    for a in range(m // per_article):
        mentions = []
        for k in range(per_article):
            name = f"{rng.choice(first)} {rng.choice(last)}"
            if rng.random() < 0.05:
                name = name.split()[-1]
            kind = "Person" if rng.random() < 0.7 else rng.choice(["Place", "Organization"])
            mentions.append(Mention(name, kind, k * 20, k * 20 + len(name)))
        articles.append((f"a{a}", mentions))
    return articles


def resolution_seconds(m: int) -> float:
    mentions = synthetic_mentions(m)
    started = time.perf_counter()
    resolve(mentions)
    return round(time.perf_counter() - started, 2)
