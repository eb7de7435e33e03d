"""Wall time and peak memory of `analyze` on the seeds, beside the spaCy pass alone.

usage: python bench/seeds.py [DIR]   (default examples/seeds)
Each figure comes from a fresh process, so model loading is counted where it happens.
"""

from __future__ import annotations

import pathlib
import resource
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]

SPACY_ONLY = """
import pathlib, sys, time
from corroborator.extract.parse import load_nlp
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))]
t0 = time.perf_counter(); nlp = load_nlp(); t1 = time.perf_counter()
docs = list(nlp.pipe(texts)); t2 = time.perf_counter()
print(f"{t1 - t0:.3f} {t2 - t1:.3f} {sum(len(d) for d in docs)}")
"""


def run_child(cmd: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MiB of that child, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024, out


def main() -> int:
    folder = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "examples" / "seeds")
    py = sys.executable
    wall, peak, _ = run_child([py, "-m", "corroborator.cli", "analyze", folder,
                               "--format", "json", "-q"])
    sp_wall, sp_peak, out = run_child([py, "-c", SPACY_ONLY, folder])
    load, parse, tokens = out.split()
    print(f"analyze (whole run, one process): {wall:.2f} s wall, peak RSS {peak:.0f} MiB")
    print(f"spaCy alone: load {float(load):.2f} s, parse {float(parse):.2f} s "
          f"({tokens} tokens), process {sp_wall:.2f} s")
    print(f"ratio analyze / spaCy process: {wall / sp_wall:.1f}x; "
          f"analyze / spaCy parse only: {wall / max(float(parse), 1e-9):.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
