"""Extraction on a real Dask cluster on loopback: `dask scheduler` and two `dask worker`
processes, a worker killed in the middle of a build, a scheduler that is not there, a
model a worker does not have."""
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.model]

BIN = Path(sys.executable).parent
NEWSGRAPH = str(BIN / "newsgraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def cluster(tmp_path):
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                  "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # no nanny: a killed worker stays dead, as a machine that goes away would
    workers = [subprocess.Popen([str(BIN / "dask"), "worker", address, "--nthreads", "1", "--no-nanny",
                                 "--no-dashboard", "--host", "127.0.0.1"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL) for _ in range(2)]
    from distributed import Client
    with Client(address, timeout="30s") as client:
        client.wait_for_workers(2, timeout=60)
    yield address, workers
    for process in [*workers, scheduler]:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def quads(out: Path) -> list[str]:
    return sorted(subprocess.run([NEWSGRAPH, "export", str(out), "--format", "nq"], capture_output=True, text=True,
                                 check=True).stdout.splitlines())


def corpus_of(tmp_path: Path, n: int) -> Path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from synthetic import write_corpus
    corpus = tmp_path / "corpus"
    write_corpus(corpus, n)
    return corpus


def test_a_worker_killed_in_the_middle_of_a_build_changes_nothing(cluster, tmp_path: Path):
    address, workers = cluster
    corpus = corpus_of(tmp_path, 80)
    from distributed import Client
    build = subprocess.Popen([NEWSGRAPH, "build", str(corpus), "--out", str(tmp_path / "remote"), "--scheduler", address],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = False
    with Client(address, timeout="30s") as client:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and build.poll() is None:
            busy = {worker for worker, tasks in client.processing().items() if tasks}
            if len(busy) == 2:  # both are extracting: kill one
                os.kill(workers[0].pid, signal.SIGKILL)
                killed = True
                break
            time.sleep(0.1)
    out, err = build.communicate(timeout=300)
    assert killed, "the build ended before both workers were busy"
    assert build.returncode == 0, err
    subprocess.run([NEWSGRAPH, "build", str(corpus), "--out", str(tmp_path / "local")], check=True,
                   stdout=subprocess.DEVNULL)
    assert quads(tmp_path / "remote") == quads(tmp_path / "local")


def test_a_scheduler_that_cannot_be_reached_is_one_line_and_writes_nothing(tmp_path: Path):
    address = f"tcp://127.0.0.1:{free_port()}"
    run = subprocess.run([NEWSGRAPH, "build", "--out", str(tmp_path / "out"), "--scheduler", address],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and run.stderr.startswith(f"newsgraph: error: cannot reach the Dask scheduler at {address}")
    assert not (tmp_path / "out").exists()


def test_a_model_missing_on_a_worker_names_the_worker(cluster, tmp_path: Path):
    address, _ = cluster
    run = subprocess.run([NEWSGRAPH, "build", "--out", str(tmp_path / "out"), "--scheduler", address,
                          "--model", "no_such_model"], capture_output=True, text=True, timeout=180)
    assert run.returncode == 1 and run.stderr.count("\n") == 1, run.stderr
    assert "Dask worker tcp://127.0.0.1:" in run.stderr and "no_such_model" in run.stderr


def local_workers(build: subprocess.Popen) -> list:
    """The extraction workers of a ``newsgraph build --jobs N``: the processes its fork server forked."""
    import psutil
    for child in psutil.Process(build.pid).children():
        if "multiprocessing.forkserver" in " ".join(child.cmdline()):
            return child.children()
    return []


def test_a_local_worker_killed_in_the_middle_of_a_build_changes_nothing(tmp_path: Path):
    import psutil
    corpus = corpus_of(tmp_path, 160)
    build = subprocess.Popen([NEWSGRAPH, "build", str(corpus), "--out", str(tmp_path / "two"), "--jobs", "2"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = None
    deadline = time.monotonic() + 120
    while killed is None and time.monotonic() < deadline and build.poll() is None:
        workers = local_workers(build)
        try:  # both have loaded the model and are parsing: kill one
            if len(workers) == 2 and all(w.cpu_times().user > 4 for w in workers):
                killed = workers[0]
                killed.kill()
        except psutil.NoSuchProcess:
            pass
        time.sleep(0.1)
    out, err = build.communicate(timeout=300)
    assert killed is not None, "the build ended before both workers were busy"
    assert build.returncode == 0, err
    assert "Traceback" not in err
    assert "160 extracted" in out
    subprocess.run([NEWSGRAPH, "build", str(corpus), "--out", str(tmp_path / "one")], check=True,
                   stdout=subprocess.DEVNULL)
    assert quads(tmp_path / "two") == quads(tmp_path / "one")
