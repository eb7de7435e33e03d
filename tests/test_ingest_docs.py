"""The examples in docs/ingest.md run and print what the page says they print."""

from __future__ import annotations

import contextlib
import io
import os
import pathlib
import re

import pytest

from corroborator.commands.common import add_input_arguments, settings_from_args
from corroborator.ingest import read_inputs

ROOT = pathlib.Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "ingest.md").read_text()


def run_python_block(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the first python block of ``text`` (a part of docs/ingest.md) from the
    repository root: it prints exactly its ``# `` comment lines."""
    block = re.search(r"```python\n(.*?)```", text, re.S)
    assert block is not None
    code = block.group(1)
    expected = [ln[2:] for ln in code.splitlines() if ln.startswith("# ")]
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "docs/ingest.md", "exec"), {})
    assert out.getvalue().splitlines() == expected


def test_python_example_prints_the_documented_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    run_python_block(DOC, monkeypatch)


@pytest.mark.parametrize("line", [ln for ln in DOC.splitlines()
                                  if "`corroborator analyze examples/" in ln])
def test_table_examples_read_the_example_files(line: str) -> None:
    import argparse
    import shlex

    command = re.search(r"`corroborator analyze (examples/[^`]*)`", line)
    assert command is not None
    parser = argparse.ArgumentParser()
    add_input_arguments(parser)
    args = parser.parse_args(shlex.split(command.group(1)))
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        docs, errors = read_inputs(args.inputs, settings_from_args(args))
    finally:
        os.chdir(cwd)
    assert docs and errors == []
    assert all(d.language == "en" for d in docs)
