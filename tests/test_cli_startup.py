"""Cold start (issue 36): building the parser and printing help import no heavy library.

A behaviour test, not a timing one (bench/startup.py measures the time): a fresh
interpreter builds the parser, prints `--help` and `COMMAND --help` for every command,
and reports which modules it loaded. Heavy libraries (and the corroborator packages that
pull them in) must wait until a command runs.
"""

from __future__ import annotations

import json
import subprocess
import sys

from corroborator import cli

HEAVY = ("torch", "spacy", "sentence_transformers", "transformers", "thinc", "numpy",
         "scipy", "sklearn", "datasketch", "uvicorn", "fastapi", "starlette", "jinja2",
         "dask", "distributed")
HEAVY_OWN = ("corroborator.store", "corroborator.pipeline", "corroborator.extract",
             "corroborator.match", "corroborator.stories", "corroborator.ingest",
             "corroborator.clean", "corroborator.report", "corroborator.web",
             "corroborator.dask_engine")

PROBE = """
import contextlib, io, json, sys
import corroborator.cli as cli
parser = cli.build_parser()
names = sorted(parser._subparsers._group_actions[0].choices)
for argv in [["--help"], *[[name, "--help"] for name in names]]:
    with contextlib.redirect_stdout(io.StringIO()) as out:
        try:
            cli.main(argv)
        except SystemExit as e:
            assert e.code == 0, (argv, e.code)
    assert "usage:" in out.getvalue(), argv
json.dump({"commands": names, "modules": sorted(sys.modules)}, sys.stdout)
"""


def test_parser_and_help_import_no_heavy_library():
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                          check=True, timeout=120)
    seen = json.loads(done.stdout)
    assert seen["commands"] == sorted(cli.COMMANDS)  # every command registered, none skipped
    modules = seen["modules"]
    heavy = [m for m in modules if m.split(".")[0] in HEAVY]
    own = [m for m in modules if any(m == p or m.startswith(p + ".") for p in HEAVY_OWN)]
    assert not heavy, f"building the parser imported {sorted({m.split('.')[0] for m in heavy})}"
    assert not own, f"building the parser imported {own}"
