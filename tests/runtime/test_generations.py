"""A build's outputs appear together: one generation folder, published by one rename."""
import os
from pathlib import Path

import pytest

from graph.build import OUTPUT_FILES, build
from graph.rdf.store import STORE_NAME
from tests.runtime.test_incremental import TEXTS, corpus_of, write


def _generation(out: Path) -> set[str]:
    """The generation folder each top-level output resolves to."""
    return {(out / name).resolve().parent.name for name in (*OUTPUT_FILES, STORE_NAME)}


def test_every_output_of_a_build_comes_from_one_generation(tmp_path: Path):
    corpus = corpus_of(tmp_path, TEXTS)
    out = tmp_path / "out"
    build([corpus], out, model=None)
    first = _generation(out)
    assert len(first) == 1 and all((out / name).is_symlink() for name in (*OUTPUT_FILES, STORE_NAME))
    assert {os.readlink(out / "current")} == first
    write(corpus, {**TEXTS, "a9": "Titre\n\nDmitri Peskov, porte-parole du Kremlin, a parlé vendredi."})
    build([corpus], out, model=None)
    second = _generation(out)
    assert second == {os.readlink(out / "current")} and second != first
    assert [p.name for p in out.glob(".gen-*")] == [os.readlink(out / "current")]  # the old one is gone


def test_a_build_that_fails_before_publishing_leaves_the_previous_outputs_whole(tmp_path: Path, monkeypatch):
    corpus = corpus_of(tmp_path, TEXTS)
    out = tmp_path / "out"
    build([corpus], out, model=None)
    before = {name: (out / name).read_bytes() for name in OUTPUT_FILES}
    import graph.build as module

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(module, "network_html", broken)
    write(corpus, {**TEXTS, "a9": "Titre\n\nDmitri Peskov, porte-parole du Kremlin, a parlé vendredi."})
    with pytest.raises(OSError):
        build([corpus], out, model=None)
    assert {name: (out / name).read_bytes() for name in OUTPUT_FILES} == before
    assert len(list(out.glob(".gen-*"))) == 1  # the unpublished one was removed on the way out


def test_a_build_into_an_older_layout_replaces_its_plain_files(tmp_path: Path):
    corpus = corpus_of(tmp_path, TEXTS)
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.trig").write_text("# an older build's file\n", encoding="utf-8")
    (out / STORE_NAME).mkdir()
    build([corpus], out, model=None)
    assert (out / "graph.trig").is_symlink() and "an older build" not in (out / "graph.trig").read_text()
    assert (out / STORE_NAME).is_symlink() and (out / STORE_NAME).is_dir()
