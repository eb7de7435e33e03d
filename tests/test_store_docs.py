"""The examples in docs/store.md run as written."""

from __future__ import annotations

import json
import pathlib

import pytest

from corroborator.cli import main

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_documented_add_stories_changes(tmp_path: pathlib.Path, seeds_dir: pathlib.Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    doc = (ROOT / "docs" / "store.md").read_text()
    assert "corroborator add examples/seeds --db news.db" in doc
    db = str(tmp_path / "news.db")
    assert main(["add", str(seeds_dir), "--db", db, "-q"]) == 0
    first = capsys.readouterr().out
    assert "(new story)" in first
    summary = first.strip().splitlines()[-1].replace(db, "news.db")
    assert f"`{summary}`" in " ".join(doc.split())  # the documented summary, as printed
    assert main(["add", str(seeds_dir), "--db", db, "-q"]) == 0
    assert "0 added" in capsys.readouterr().out
    assert main(["stories", "--db", db, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    biggest = max(rows, key=lambda r: r["documents"])
    assert biggest["documents"] == 5 and biggest["corroborated"] > 0
    assert main(["changes", biggest["id"], "--db", db, "--since", "last"]) == 0
    assert "Changes in" in capsys.readouterr().out
    assert "a date in the future included, is a usage error" in " ".join(doc.split())
    assert main(["changes", biggest["id"], "--db", db, "--since", "2099-01-01"]) == 2
    assert "in the future" in capsys.readouterr().err
