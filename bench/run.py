"""newsgraph benchmark: prints its figures, the last line a JSON object.

    python bench/run.py [--articles N] [--mentions M]

The corpus is SYNTHETIC: the bundled samples repeated with their ids changed, so the
texts are real French news but repeated. Figures:
- nlp_tokens_per_s: bare spaCy ``nlp.pipe`` (same model, same texts, one process);
- build_tokens_per_s: newsgraph extraction (same pipeline plus its components and rules);
- ratio = build / bare;
- resolve_s: entity resolution of M synthetic mentions (varied names, 5 % surnames).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import spacy  # noqa: E402

from corpus import Article, default_corpus, read_articles  # noqa: E402
from graph.extract import extract_articles  # noqa: E402
from graph.nlp import DEFAULT_MODEL, load_pipeline  # noqa: E402
from graph.records import Mention  # noqa: E402
from graph.resolve import resolve  # noqa: E402


def synthetic_corpus(n: int) -> list[Article]:
    samples = [a for a in read_articles([default_corpus()]) if isinstance(a, Article)]
    return [replace(samples[i % len(samples)], id=f"synthetic_{i:06d}") for i in range(n)]


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


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--mentions", type=int, default=100_000)
    args = parser.parse_args()

    articles = synthetic_corpus(args.articles)
    texts = [a.text for a in articles]
    bare = spacy.load(DEFAULT_MODEL, exclude=["senter"])
    tokens = sum(len(bare.make_doc(t)) for t in texts)
    list(bare.pipe(texts[:5]))  # warm-up
    _, bare_s = timed(lambda: list(bare.pipe(texts, batch_size=32)))
    nlp = load_pipeline()
    list(extract_articles(articles[:5], nlp))
    extractions, build_s = timed(lambda: list(extract_articles(articles, nlp, batch_size=32)))
    mentions = synthetic_mentions(args.mentions)
    _, resolve_s = timed(lambda: resolve(mentions))

    figures = {
        "articles": len(articles), "tokens": tokens,
        "nlp_tokens_per_s": round(tokens / bare_s), "build_tokens_per_s": round(tokens / build_s),
        "ratio": round(bare_s / build_s, 3), "seconds_per_article": round(build_s / len(articles), 4),
        "relations": sum(len(x.relations) for x in extractions),
        "resolve_mentions": sum(len(m) for _, m in mentions), "resolve_s": round(resolve_s, 2),
    }
    print(f"bare nlp.pipe        {figures['nlp_tokens_per_s']:>8} tokens/s")
    print(f"newsgraph extraction {figures['build_tokens_per_s']:>8} tokens/s  (ratio {figures['ratio']})")
    print(f"per article          {figures['seconds_per_article']} s over {len(articles)} synthetic articles")
    print(f"resolution           {figures['resolve_s']} s for {figures['resolve_mentions']} mentions")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
