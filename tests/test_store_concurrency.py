"""Two writers on one store file: real processes, real SQLite, overlapping inputs."""

from __future__ import annotations

import os
import pathlib
import shutil
import sqlite3
import subprocess
import sys
import threading

import pytest

from corroborator.store import Store
from corroborator.store.backend import unpack
from corroborator.store.schema import MIGRATIONS

ROOT = pathlib.Path(__file__).resolve().parents[1]


def corroborator_command() -> list[str]:
    """The installed console script beside this Python, else the module."""
    script = pathlib.Path(sys.executable).parent / "corroborator"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "corroborator.cli"]


def test_many_connections_open_one_new_file_at_once(tmp_path: pathlib.Path) -> None:
    """Setting up a new file (WAL switch, migrations) races with nobody losing."""
    for i in range(10):
        path = str(tmp_path / f"new{i}.db")
        barrier = threading.Barrier(6)
        errors: list[BaseException] = []

        def open_store(path: str = path, barrier: threading.Barrier = barrier,
                       errors: list[BaseException] = errors) -> None:
            try:
                barrier.wait()
                Store(path).close()
            except BaseException as e:  # reported below
                errors.append(e)

        threads = [threading.Thread(target=open_store) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors, errors
        conn = sqlite3.connect(path)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_version")]
        assert versions == list(range(1, len(MIGRATIONS) + 1))
        conn.close()


@pytest.mark.slow
def test_two_adds_at_once_with_overlapping_inputs(tmp_path: pathlib.Path,
                                                  seeds_dir: pathlib.Path,
                                                  shared_dir: pathlib.Path) -> None:
    ecb = sorted((shared_dir / "data" / "ecbplus" / "text").glob("*.txt"))[:8]
    seeds = sorted(seeds_dir.glob("*.txt"))
    folders = {"a": seeds + ecb[:5], "b": seeds + ecb[4:]}  # seeds and ecb[4] in both
    for name, files in folders.items():
        (tmp_path / name).mkdir()
        for f in files:
            shutil.copy(f, tmp_path / name / f.name)
    union = {f.name for files in folders.values() for f in files}
    overlap = len(seeds) + 1
    db = tmp_path / "c.db"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen([*corroborator_command(), "add", str(tmp_path / name), "--db",
                               str(db), "-q"], cwd=tmp_path, env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for name in folders]
    outs = [p.communicate(timeout=420) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "store error" not in err
    added = [sum(line.startswith("added ") for line in out.splitlines()) for out, _ in outs]
    known = [sum(line.startswith("unchanged ") for line in out.splitlines())
             for out, _ in outs]
    assert sum(added) == len(union)  # each article stored by exactly one of the two
    assert sum(known) == overlap  # the other one counted it as already stored
    for (out, _), n_added, n_known in zip(outs, added, known, strict=True):
        summary = out.splitlines()[-1]
        assert summary.startswith(f"{n_added} added, {n_known} already stored"), summary

    store = Store(str(db))
    try:
        assert store.integrity_ok()
        assert store.counts()["articles"] == len(union)
        rows = store.conn.execute("SELECT source, story_id, document FROM articles").fetchall()
        stored_texts = [unpack(blob)["text"] for _, _, blob in rows]  # type: ignore[index]
        assert len(set(stored_texts)) == len(union)  # each article once
        for name, files in folders.items():
            for f in files:  # every article of both folders is in
                assert f.read_text(encoding="utf-8") in stored_texts, (name, f.name)
        total = store.conn.execute("SELECT SUM(size) FROM stories").fetchone()[0]
        assert total == len(union)  # the story index counts each article once
        for story in store.list_stories():
            assert not story["stale"]
            built = store.history(story["id"])[-1][2]
            members = {r[0] for r in store.conn.execute(
                "SELECT doc_id FROM articles WHERE story_id = ?", (story["id"],))}
            assert set(built["documents"]) == members  # no ledger built from fewer articles
    finally:
        store.close()
