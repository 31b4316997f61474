"""The ``newsgraph`` command: a thin typer layer over plain functions."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from corpus.readers import default_corpus
from ontology.data import LexiconError
from .build import build
from .curation import CurationError
from .evaluate import GoldError, evaluate, load_gold, load_graph
from .nlp import DEFAULT_MODEL, ModelNotInstalled

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Knowledge graphs of the actors in French news articles.")


def _fail(message: str) -> None:
    typer.echo(f"newsgraph: error: {message}", err=True)
    raise typer.Exit(code=1)


@app.command("build")
def build_command(
    paths: Optional[List[Path]] = typer.Argument(None, help="Article files or folders (default: the bundled samples)."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Parallel spaCy processes."),
    model: str = typer.Option(DEFAULT_MODEL, help="spaCy model package."),
    curation: Optional[Path] = typer.Option(None, "--curation", help="Analyst's merge/forbid/rename file (TOML)."),
) -> None:
    """Build the graph of PATHS into OUT: graph.trig, graph.ttl, network.html, merges.csv."""
    try:
        result = build(paths or [default_corpus()], out, model=model, jobs=jobs, curation=curation)
    except (ModelNotInstalled, LexiconError, CurationError) as err:
        _fail(str(err))
    except OSError as err:
        _fail(f"{err.filename or out}: {err.strerror or err}")
    for skipped in result.skipped:
        typer.echo(f"skipped {skipped}", err=True)
    if not result.articles:
        _fail("no article could be read, nothing built")
    typer.echo(f"articles   {result.articles} read, {len(result.skipped)} skipped")
    typer.echo("entities   " + ", ".join(f"{t} {n}" for t, n in sorted(result.entities_by_type.items()))
               + f" (total {sum(result.entities_by_type.values())})")
    typer.echo("relations  " + (", ".join(f"{r} {n}" for r, n in sorted(result.relations_by_type.items())) or "none")
               + f" (total {sum(result.relations_by_type.values())})")
    typer.echo(f"merges     {result.merges} names merged into entities"
               + (f"; ambiguous, left apart: {', '.join(result.ambiguous)}" if result.ambiguous else ""))
    typer.echo(f"inferred   {result.inferred} triples from the ontology (symmetric, inverse, transitive, super-types)")
    if result.violations:
        typer.echo(f"validation {len(result.violations)} SHACL violation(s), first: "
                   + "; ".join(str(v) for v in result.violations[:3]))
    else:
        typer.echo("validation 0 SHACL violations")
    typer.echo(f"seconds    {result.seconds:.1f}")
    for path in result.outputs:
        typer.echo(f"wrote      {path}")


@app.command("evaluate")
def evaluate_command(
    graph: Path = typer.Argument(..., help="A built graph.trig (or .nq)."),
    gold: Path = typer.Option(..., "--gold", help="Gold annotation in the seeds.json format."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List misses, wrong relations, spurious nodes."),
) -> None:
    """Score GRAPH against a hand annotation: entities, merges, relations."""
    try:
        gold_data = load_gold(gold)
        ds = load_graph(graph)
    except GoldError as err:
        _fail(str(err))
    except FileNotFoundError:
        _fail(f"{graph}: no such file")
    except Exception as err:  # rdflib raises many parser types
        _fail(f"{graph}: not a readable graph ({type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''})")
    report = evaluate(gold_data, ds)
    summary = report.summary()
    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=1))
        return
    if verbose:
        for article, triple in report.missed:
            typer.echo(f"miss     {article} {triple}")
        for article, triple in report.wrong:
            typer.echo(f"wrong    {article} {triple}")
        for node in report.spurious:
            typer.echo(f"spurious {node}")
        for node, gids in report.false_merges:
            typer.echo(f"false-merge {node} {gids}")
        typer.echo(f"missing entities {report.missing_entities}")
        typer.echo(f"duplicated {report.duplicates}")
    e, m, r = summary["entity"], summary["merge"], summary["relation"]
    typer.echo(f"articles with a named graph: {summary['articles_with_graph']}")
    typer.echo(f"entities: recall {e['recall']} precision {e['precision']} f1 {e['f1']} "
               f"(found {e['found']}/{e['required']}, spurious {e['spurious']}, type accuracy {e['type_accuracy']})")
    typer.echo(f"merging: duplicate nodes {m['duplicate_nodes']}, false merges {m['false_merges']}")
    typer.echo(f"relations: precision {r['precision']} recall {r['recall']} f1 {r['f1']} "
               f"(tp {r['tp']} fp {r['fp']} fn {r['fn']})")


def main() -> None:  # pragma: no cover
    sys.exit(app())
