"""A build killed at any moment leaves the previous outputs whole, and a rerun completes."""
import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from rdflib import Graph

from graph.surfaces.evaluate import load_graph

BUILD = ("import sys; from graph.build import build; "
         "build([sys.argv[1]], sys.argv[2], model=None)")


def run_build(corpus: Path, out: Path, log: Path) -> subprocess.Popen:
    """A build in a process of its own; its stderr goes to ``log``, kept for the failure message."""
    with log.open("w") as stderr:
        return subprocess.Popen([sys.executable, "-c", BUILD, str(corpus), str(out)],
                                stdout=subprocess.DEVNULL, stderr=stderr)


def finished(process: subprocess.Popen, log: Path, timeout: float = 300) -> int:
    code = process.wait(timeout=timeout)
    assert code in (0, -signal.SIGKILL), f"build exited with {code}:\n{log.read_text()}"
    return code


def state(out: Path) -> tuple:
    """What a reader of the outputs sees: triple counts, the merge log, a complete page."""
    trig = len(list(load_graph(out / "graph.trig").quads((None, None, None, None))))
    ttl = len(Graph().parse(out / "graph.ttl", format="turtle"))
    page = (out / "network.html").read_text(encoding="utf-8")
    return trig, ttl, (out / "merges.csv").read_text(encoding="utf-8"), page.rstrip().endswith("</html>")


@pytest.mark.slow
def test_sigkill_at_any_moment_never_leaves_a_broken_output(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(150):
        (corpus / f"a{i:03d}.txt").write_text(
            f"Titre {i}\nDmitri Peskov, porte-parole du Kremlin, a parlé à Djeddah, en Arabie saoudite. "
            f"Steve Witkoff était à Moscou le jour {i}.", encoding="utf-8")
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    log = tmp_path / "build.err"
    assert finished(run_build(corpus, out, log), log) == 0
    before = state(out)
    (corpus / "a000.txt").write_text("Titre\nLe Kremlin et Kiev ont parlé de Donetsk et de Jared Kushner.",
                                     encoding="utf-8")
    assert finished(run_build(corpus, fresh, log), log) == 0
    after = state(fresh)
    assert before != after

    killed = 0
    for delay in (0.2, 0.8, 1.5, 2.5, 4.0):
        log = tmp_path / f"build-{delay}.err"
        process = run_build(corpus, out, log)
        time.sleep(delay)
        started = []  # the processes the build started: its extraction workers, their fork server
        if process.poll() is None:
            with contextlib.suppress(psutil.NoSuchProcess):
                started = psutil.Process(process.pid).children(recursive=True)
            os.kill(process.pid, signal.SIGKILL)
        killed += finished(process, log, timeout=60) == -signal.SIGKILL
        _, left = psutil.wait_procs(started, timeout=30)
        assert not left, f"processes left running after the build was killed: {[p.cmdline() for p in left]}"
        now = state(out)
        assert now[3], "network page cut short"
        assert now[0] in (before[0], after[0]) and now[1] in (before[1], after[1])
        assert now[2] in (before[2], after[2])

    assert killed, "every build ended before its kill: no kill was tested"
    assert finished(run_build(corpus, out, log), log) == 0
    assert state(out) == after
    assert not list(out.glob(".*.tmp"))


def test_a_damaged_store_is_reported_with_a_way_out(tmp_path: Path):
    from typer.testing import CliRunner
    from graph.cli import app
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Titre\nDmitri Peskov, porte-parole du Kremlin, a parlé.", encoding="utf-8")
    out, log = tmp_path / "out", tmp_path / "build.err"
    assert finished(run_build(corpus, out, log), log) == 0
    for part in (out / "store").iterdir():
        if part.is_file():
            part.write_bytes(b"\x00garbage\xff" * 10)
    result = CliRunner().invoke(app, ["query", str(out), "--name", "claims"])
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert "the store is damaged" in result.output and f"newsgraph build --out {out}" in result.output
    assert finished(run_build(corpus, out, log), log) == 0          # the way out
    assert CliRunner().invoke(app, ["query", str(out), "--name", "claims"]).exit_code == 0


def test_an_unexpected_error_is_one_line_not_a_traceback(monkeypatch, capsys):
    import pytest
    import graph.build
    import graph.cli as cli

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")
    monkeypatch.setattr(graph.build, "build", broken)
    monkeypatch.setattr(sys, "argv", ["newsgraph", "build"])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("newsgraph: internal error: ZeroDivisionError: boom") and "Traceback" not in err
