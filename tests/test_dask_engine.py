"""The Dask engine (issue 36, docs/dask.md) on a real dask.distributed LocalCluster.

Two worker processes of one thread (each with its own PYTHONHASHSEED): the report must be
the local engine's, field by field; a worker killed mid-run has its tasks run again and
nothing is lost or doubled; bad options give one line and no traceback.
"""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from corroborator.cli import main
from corroborator.settings import Settings
from tests.conftest import ROOT, SHARED, shared_missing

pytestmark = pytest.mark.slow
ECB = SHARED / "data" / "ecbplus" / "text"
ECB_TOPICS = ("3", "8")  # a prison escape and a bank explosion: two stories, 16 articles


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    import logging

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0",
                                  silence_logs=logging.ERROR) as c, distributed.Client(c) as cl:
        yield c, cl


@pytest.fixture(scope="module")
def ecb_dir(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    if not ECB.is_dir():
        shared_missing(f"ECB+ texts ({ECB})")
    out = tmp_path_factory.mktemp("ecb")
    for topic in ECB_TOPICS:
        for f in sorted(ECB.glob(f"{topic}_*.txt"))[:8]:
            shutil.copy(f, out / f.name)
    return out


def _json(report: Any) -> dict[str, Any]:
    from corroborator.report.json_report import render_json

    return dict(json.loads(render_json(report)))


def assert_same_report(local: dict[str, Any], other: dict[str, Any]) -> None:
    """Field by field, documents and stories one by one (no timestamp field to leave out:
    a report names none)."""
    assert sorted(local) == sorted(other)
    for key in local:
        if key in ("documents", "stories") and isinstance(local[key], list):
            assert len(local[key]) == len(other[key]), key
            for a, b in zip(local[key], other[key], strict=True):
                for field in a:
                    assert a[field] == b.get(field), (key, a.get("id"), field)
                assert sorted(a) == sorted(b)
        else:
            assert local[key] == other[key], key


@pytest.fixture(scope="module")
def ecb_local(ecb_dir: pathlib.Path) -> dict[str, Any]:
    from corroborator.pipeline import analyze

    return _json(analyze([str(ecb_dir)], Settings(progress=False)))


def test_ecb_report_is_the_local_one(cluster: Any, ecb_dir: pathlib.Path,
                                     ecb_local: dict[str, Any],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    from corroborator.dask_engine import analyze_with_dask

    c, _ = cluster
    report = analyze_with_dask([str(ecb_dir)], Settings(progress=True),
                               scheduler=c.scheduler_address)
    got = _json(report)
    assert len(got["stories"]) >= 2 and len(got["documents"]) == 16
    assert_same_report(ecb_local, got)
    err = capsys.readouterr().err
    assert "corroborator: prepared 16/16 articles" in err  # progress as chunks finish


def _kill_first_busy_worker(client: Any, stage: str, done: dict[str, Any]) -> None:
    """SIGKILL the worker process running the first ``stage`` task seen (the nanny starts
    a new one); records the killed pid in ``done``."""
    pids = client.run(os.getpid)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not done.get("stop"):
        for worker, keys in client.processing().items():
            if any(stage in str(k) for k in keys) and worker in pids:
                os.kill(pids[worker], signal.SIGKILL)
                done["killed"] = pids[worker]
                return
        time.sleep(0.02)


def _killing(client: Any, stage: str) -> tuple[threading.Thread, dict[str, Any]]:
    done: dict[str, Any] = {}
    t = threading.Thread(target=_kill_first_busy_worker, args=(client, stage, done),
                         daemon=True)
    t.start()
    return t, done


def test_worker_killed_mid_analyze_loses_nothing(cluster: Any, ecb_dir: pathlib.Path,
                                                 ecb_local: dict[str, Any]) -> None:
    from corroborator.dask_engine import analyze_with_dask

    c, client = cluster
    killer, done = _killing(client, "-extract-")
    try:
        report = analyze_with_dask([str(ecb_dir)], Settings(progress=False),
                                   scheduler=c.scheduler_address)
    finally:
        done["stop"] = True
        killer.join()
    assert done.get("killed"), "no worker was killed: the run ended first"
    assert_same_report(ecb_local, _json(report))
    client.wait_for_workers(2, timeout=120)  # the nanny brought the worker back


def _store_state(db: str) -> tuple[dict[str, int], list[Any]]:
    from dataclasses import asdict

    from corroborator.store import Store

    with Store(db) as store:
        rows = store.conn.execute("SELECT doc_id, content_hash, story_id FROM articles "
                                  "ORDER BY rowid_").fetchall()
        stories = [asdict(store.story(s["id"])) for s in  # type: ignore[arg-type]
                   sorted(store.list_stories(), key=lambda s: s["id"])]
        return store.counts(), [rows, stories]


def test_worker_killed_mid_add_keeps_the_store_right(cluster: Any, ecb_dir: pathlib.Path,
                                                     tmp_path: pathlib.Path,
                                                     capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    c, client = cluster
    local, dask = str(tmp_path / "local.db"), str(tmp_path / "dask.db")
    assert main(["add", str(ecb_dir), "--db", local, "-q", "-f", "json"]) == 0
    want = json.loads(capsys.readouterr().out)
    killer, done = _killing(client, "-prepare-")
    try:
        assert main(["add", str(ecb_dir), "--db", dask, "-q", "-f", "json", "--engine", "dask",
                     "--scheduler", c.scheduler_address]) == 0
    finally:
        done["stop"] = True
        killer.join()
    assert done.get("killed"), "no worker was killed: the run ended first"
    got = json.loads(capsys.readouterr().out)
    assert got["counts"] == want["counts"] and got["counts"]["added"] == 16
    assert got["store"]["articles"] == want["store"]["articles"] == 16
    assert _store_state(dask) == _store_state(local)
    # again: every article already stored, nothing doubled
    assert main(["add", str(ecb_dir), "--db", dask, "-q", "-f", "json", "--engine", "dask",
                 "--scheduler", c.scheduler_address]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["counts"]["added"] == 0 and again["store"]["articles"] == 16
    client.wait_for_workers(2, timeout=120)


def test_documented_workers_command(tmp_path: pathlib.Path, seeds_dir: pathlib.Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    """docs/dask.md's first example, as written (its own LocalCluster of two workers)."""
    pytest.importorskip("distributed")
    doc = " ".join((ROOT / "docs" / "dask.md").read_text().split())
    command = ("corroborator analyze examples/seeds --engine dask --workers 2 "
               "--format json -o report.json")
    assert command in doc
    out = tmp_path / "report.json"
    argv = command.split()[1:]
    argv[argv.index("examples/seeds")] = str(seeds_dir)
    argv[argv.index("report.json")] = str(out)
    assert main(argv) == 0
    assert main(["analyze", str(seeds_dir), "--format", "json", "-o",
                 str(tmp_path / "local.json"), "-q"]) == 0
    local = json.loads((tmp_path / "local.json").read_text())
    assert_same_report(local, json.loads(out.read_text()))


@pytest.mark.parametrize(("args", "code", "says"), [
    (["--workers", "2"], 2, "need --engine dask"),
    (["--scheduler", "tcp://127.0.0.1:9"], 2, "need --engine dask"),
    (["--engine", "dask", "--workers", "0"], 2, "must be positive"),
    (["--engine", "dask", "--workers", "two"], 2, "not a whole number"),
    (["--engine", "dask", "--workers", "2", "--scheduler", "tcp://127.0.0.1:9"], 2,
     "not both"),
    (["--engine", "spark"], 2, "invalid choice"),
])
@pytest.mark.parametrize("command", ["analyze", "add"])
def test_bad_engine_options_are_usage_errors(command: str, args: list[str], code: int,
                                             says: str, seeds_dir: pathlib.Path,
                                             tmp_path: pathlib.Path) -> None:
    argv = [command, str(seeds_dir), "-q", *args]
    if command == "add":
        argv += ["--db", str(tmp_path / "x.db")]
    done = subprocess.run([sys.executable, "-m", "corroborator.cli", *argv],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == code
    assert says in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "x.db").exists()  # refused before any work


@pytest.mark.parametrize("command", ["analyze", "add"])
def test_unreachable_scheduler_is_one_line(command: str, seeds_dir: pathlib.Path,
                                           tmp_path: pathlib.Path) -> None:
    pytest.importorskip("distributed")
    argv = [command, str(seeds_dir), "-q", "--engine", "dask", "--scheduler",
            "tcp://127.0.0.1:9"]
    if command == "add":
        argv += ["--db", str(tmp_path / "x.db")]
    done = subprocess.run([sys.executable, "-m", "corroborator.cli", *argv],
                          capture_output=True, text=True, timeout=180, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines == [lines[0]] and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" \
        in lines[0], done.stderr
    assert "Traceback" not in done.stderr


def test_nothing_readable_is_an_empty_report(cluster: Any, tmp_path: pathlib.Path) -> None:
    from corroborator.dask_engine import analyze_with_dask

    c, _ = cluster
    (tmp_path / "empty.txt").write_text("")
    report = analyze_with_dask([str(tmp_path / "missing"), str(tmp_path / "empty.txt")],
                               Settings(progress=False), scheduler=c.scheduler_address)
    assert report.stories == [] and report.errors
    assert all(d.skipped for d in report.documents)
