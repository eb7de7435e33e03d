"""Dask engine scaling: the local engine, Dask with 1 worker and Dask with 2, same articles.

usage: python bench/dask_scaling.py [--articles 200] [--chunk 4]
Texts: real articles from shared/data (the ECB+ texts, then PolNeAR train and dev texts),
the first N in name order, copied to a temporary folder. Each engine runs `analyze` end to
end as the command does (cluster start and every worker's model loading included; the
cluster start is also printed apart), and the reports are checked to be identical.
Prints articles per second for each and the ratio of 2 workers to 1. A shared or busy
machine makes the figures noisy: run it alone for numbers to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import sys
import tempfile
import time

if __package__ in (None, ""):  # run as a script: bench/ must not shadow the standard library
    _here = str(pathlib.Path(__file__).resolve().parent)
    sys.path[:] = [p for p in sys.path if p not in (_here, "")]
    sys.path.insert(0, str(pathlib.Path(_here).parent))

from corroborator.settings import Settings  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
SOURCES = (DATA / "ecbplus" / "text", DATA / "polnear" / "train" / "text",
           DATA / "polnear" / "dev" / "text")


def articles(n: int) -> list[pathlib.Path]:
    files: list[pathlib.Path] = []
    for folder in SOURCES:
        if folder.is_dir():
            files += sorted(p for p in folder.rglob("*") if p.is_file())
    if not files:
        sys.exit(f"no articles under {DATA} (the shared data sets)")
    return files[:n]


def report_json(report: object) -> str:
    from corroborator.report.json_report import render_json

    return render_json(report)  # type: ignore[arg-type]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--chunk", type=int, default=None, help="articles per task (default: "
                                                            "the engine's)")
    args = ap.parse_args()
    import corroborator.dask_engine as engine
    from corroborator.pipeline import analyze

    if args.chunk:
        engine.CHUNK = args.chunk
    files = articles(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        for i, f in enumerate(files):
            shutil.copy(f, folder / f"{i:05d}-{f.name}")
        n = len(files)
        settings = Settings(progress=False)
        print(f"{n} articles ({', '.join(str(s.relative_to(DATA)) for s in SOURCES)})")
        results: dict[str, float] = {}
        reports: dict[str, str] = {}
        analyze([str(folder / next(iter(sorted(p.name for p in folder.iterdir()))))],
                settings)  # warm-up, untimed: model files read once into the page cache
        load = os.getloadavg()[0]
        t = time.perf_counter()
        reports["local"] = report_json(analyze([str(folder)], settings))
        results["local"] = time.perf_counter() - t
        for workers in (1, 2):
            name = f"dask {workers}w"
            t = time.perf_counter()
            with engine.dask_client(workers) as client:
                started = time.perf_counter() - t
                rep = engine.analyze_on(client, [str(folder)], settings)
            results[name] = time.perf_counter() - t
            reports[name] = report_json(rep)
            print(f"  ({name}: cluster started in {started:.1f} s)")
        for name, secs in results.items():
            print(f"{name:9s} {secs:8.1f} s  {n / secs:6.2f} articles/s")
        print(f"ratio 2w/1w (speed-up) {results['dask 1w'] / results['dask 2w']:.2f}; "
              f"dask 2w/local {results['local'] / results['dask 2w']:.2f}")
        same = len(set(reports.values())) == 1
        print("reports identical:", same)
        print(f"load average {load:.1f} before, {os.getloadavg()[0]:.1f} after on "
              f"{os.cpu_count()} CPUs (other work on the machine makes these noisy)")
        print(json.dumps({"articles": n, "seconds": results, "identical": same}))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
