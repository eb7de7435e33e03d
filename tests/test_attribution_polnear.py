"""PolNeAR dev scored with the shared scorer (slow: parses 84 articles)."""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys

import pytest

from tests.conftest import require_shared

ROOT = pathlib.Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_polnear_dev_floor(shared_dir: pathlib.Path, tmp_path: pathlib.Path) -> None:
    require_shared(shared_dir / "data" / "polnear" / "dev", "the PolNeAR dev split")
    res = subprocess.run([sys.executable, str(ROOT / "bench" / "attribution.py"),
                          "--out", str(tmp_path / "pred.jsonl")],
                         capture_output=True, text=True, check=False, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    m = re.search(r"attribution F1 ([\d.]+) source ([\d.]+) cue ([\d.]+)", res.stdout)
    assert m, res.stdout
    f1, source, cue = (float(x) for x in m.groups())
    assert f1 >= 0.68 and source >= 0.88 and cue >= 0.93, res.stdout
