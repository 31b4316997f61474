"""Stopping a command as a terminal does: Ctrl-C reaches the whole process group, SIGTERM
the command. Each stop is one line, the conventional exit code, and no process left."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from corpus import default_corpus

pytestmark = [pytest.mark.slow, pytest.mark.model]
NEWSGRAPH = str(Path(sys.executable).with_name("newsgraph"))


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _wait_gone(processes, seconds=20) -> list:
    deadline = time.monotonic() + seconds
    alive = list(processes)
    while alive and time.monotonic() < deadline:
        alive = [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        time.sleep(0.2)
    return alive


def test_ctrl_c_on_watch_is_one_line_and_exit_130(tmp_path: Path):
    watch = subprocess.Popen([NEWSGRAPH, "watch", str(default_corpus()), "--out", str(tmp_path / "out")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    seen = ""
    while "watching" not in seen and time.monotonic() < deadline:
        seen += watch.stdout.readline()
    assert "watching" in seen
    children = _descendants(watch.pid)
    assert children  # the local cluster's processes
    os.killpg(watch.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    out, err = watch.communicate(timeout=60)
    assert watch.returncode == 130
    assert out.strip().splitlines()[-1] == "--- stopped" and err == ""
    assert _wait_gone(children) == []


def test_sigterm_on_build_is_one_line_exit_143_and_nothing_written(tmp_path: Path):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from synthetic import write_corpus
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 300)
    build = subprocess.Popen([NEWSGRAPH, "build", str(corpus), "--out", str(tmp_path / "out")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(12)  # the model is loaded, the articles are being extracted
    children = _descendants(build.pid)
    build.send_signal(signal.SIGTERM)
    _, err = build.communicate(timeout=60)
    assert build.returncode == 143, err
    assert err == "newsgraph: stopped (terminated)\n"
    assert not (tmp_path / "out" / "graph.trig").exists()
    assert _wait_gone(children) == []
