"""Hostile sizes: one long article, with and without full stops.

    python bench/run_long_articles.py

Builds a corpus of ONE synthetic article (bench/synthetic.py's articles put end to end)
of 20 KB and of 200 KB, each written two ways: as paragraphs of sentences, and as a
single line with no full stop (a page pasted whole). Each build runs in a fresh process
(``bench/run.py --build``). Printed for each: the extraction's seconds per KB (model
load excluded), the whole build's seconds, the peak RSS of the main process and of the
extraction worker, the size of graph.trig, and the longest evidence quote. The last line
is the same as JSON. The targets: at 200 KB, seconds per KB at most twice that at 20 KB;
peak RSS under 1.5 GB; graph.trig under 5 MB.
"""
from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import timed_build  # noqa: E402
from synthetic import write_corpus  # noqa: E402

SIZES_KB = (20, 200)


def long_article(folder: Path, kb: int, *, full_stops: bool) -> Path:
    """One article of about ``kb`` KB, made of synthetic articles end to end."""
    from corpus import Article, read_articles
    write_corpus(folder / "parts", 400)
    # cleaned (page furniture and « Lire aussi » trailers left out), so all of it is read
    pieces = [a.text for a in read_articles([folder / "parts"]) if isinstance(a, Article)]
    text, i = "Un long article\n\n", 0
    while len(text.encode("utf-8")) < kb * 1024:
        # numbered, so that no paragraph repeats another (the cleaner drops verbatim repeats)
        body = pieces[i % len(pieces)]
        text += "".join(f"{line} (Dépêche {i}-{k}.)\n" if line.strip() else "\n"
                        for k, line in enumerate(body.splitlines())) + "\n"
        i += 1
    if not full_stops:
        text = re.sub(r"[.!?…]+", " ", text).replace("\n", " ")
    corpus = folder / f"corpus-{kb}-{'stops' if full_stops else 'line'}"
    corpus.mkdir()
    (corpus / "long.txt").write_text(text, encoding="utf-8")
    return corpus


def longest_evidence(trig: Path) -> int:
    from rdflib import Dataset
    from ontology.namespace import NG
    ds = Dataset()
    ds.parse(trig, format="trig")
    return max((len(str(o)) for o in ds.objects(None, NG.sentence)), default=0)


def main() -> int:
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for full_stops in (True, False):
            for kb in SIZES_KB:
                corpus = long_article(work, kb, full_stops=full_stops)
                out = work / f"out-{corpus.name}"
                run = timed_build(corpus, out, jobs=1)
                size = (corpus / "long.txt").stat().st_size / 1024
                row = {"kb": round(size, 1), "extract_s_per_kb": run["timings"]["extract"] / size,
                       "build_s": run["seconds"], "rss_mb": run["rss_mb"], "worker_rss_mb": run["worker_rss_mb"],
                       "trig_mb": (out / "graph.trig").stat().st_size / 2**20,
                       "longest_evidence_chars": longest_evidence(out / "graph.trig")}
                figures[corpus.name] = row
                print(f"{corpus.name:18} {row['kb']:7.1f} KB  extract {row['extract_s_per_kb'] * 1000:7.1f} ms/KB  "
                      f"build {row['build_s']:6.1f} s  RSS {row['rss_mb']:6.0f} MB (worker {row['worker_rss_mb']:6.0f})  "
                      f"graph.trig {row['trig_mb']:5.2f} MB  longest evidence {row['longest_evidence_chars']} chars",
                      flush=True)
    for kind in ("stops", "line"):
        small, large = figures[f"corpus-20-{kind}"], figures[f"corpus-200-{kind}"]
        figures[f"ratio-{kind}"] = large["extract_s_per_kb"] / small["extract_s_per_kb"]
        print(f"{kind}: s/KB at 200 KB = {figures[f'ratio-{kind}']:.2f} x that at 20 KB")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
