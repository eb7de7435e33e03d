"""A missing shared data set skips a test, but fails it under CORROBORATOR_REQUIRE_SHARED=1
(what .ci/run sets, so CI cannot go green with the data-set tests skipped)."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

from tests.conftest import REQUIRE_SHARED, ROOT, require_shared

PROBE = """
import pathlib
from tests.conftest import require_shared

def test_needs_data():
    require_shared(pathlib.Path(__file__).parent / "no-such-data", "the probe's data set")
"""


def test_present_data_is_returned(monkeypatch, tmp_path: pathlib.Path) -> None:
    monkeypatch.setenv(REQUIRE_SHARED, "1")
    assert require_shared(tmp_path, "a data set") == tmp_path


def test_missing_data_skips_by_default(monkeypatch, tmp_path: pathlib.Path) -> None:
    monkeypatch.delenv(REQUIRE_SHARED, raising=False)
    with pytest.raises(pytest.skip.Exception, match="a data set .* is missing"):
        require_shared(tmp_path / "absent", "a data set")
    monkeypatch.setenv(REQUIRE_SHARED, "0")
    with pytest.raises(pytest.skip.Exception):
        require_shared(tmp_path / "absent", "a data set")


def test_missing_data_fails_when_required(monkeypatch, tmp_path: pathlib.Path) -> None:
    monkeypatch.setenv(REQUIRE_SHARED, "1")
    with pytest.raises(pytest.fail.Exception, match=f"is missing and {REQUIRE_SHARED} is set"):
        require_shared(tmp_path / "absent", "a data set")


@pytest.mark.parametrize("required", [False, True])
def test_a_pytest_run_skips_or_fails(tmp_path: pathlib.Path, required: bool) -> None:
    """A real pytest run of a test whose data set is missing: skipped (exit 0) by default,
    failed (exit 1) with the variable set."""
    (tmp_path / "test_probe.py").write_text(PROBE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != REQUIRE_SHARED}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    if required:
        env[REQUIRE_SHARED] = "1"
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider",
                           "--rootdir", str(tmp_path), str(tmp_path / "test_probe.py")],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    if required:
        assert done.returncode == 1, done.stdout + done.stderr
        assert "1 failed" in done.stdout and f"{REQUIRE_SHARED} is set" in done.stdout
    else:
        assert done.returncode == 0, done.stdout + done.stderr
        assert "1 skipped" in done.stdout and "the probe's data set" in done.stdout
