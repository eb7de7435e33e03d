"""One article into a stored big story: wall time of `corroborator add`, a fresh process.

usage: python -m bench.add_latency [--runs 3] [--topic 1]

A store is built (in this process, not timed) from the ECB+ articles of one event
(shared/data/ecbplus/text/<topic>_*ecbplus.txt, one story but for the last), then copied
twice: "vectors kept" as the store leaves it, "vectors dropped" with its stored sentence
vectors deleted, which is what every rebuild read before the store kept them (issue 36):
each rebuild then encodes every sentence of the story again. `corroborator add` of the
held-back article runs on a fresh copy of each, interleaved, RUNS times; the medians are
printed with their ratio. The time includes starting Python and loading the models, the
same in both. Nothing here is asserted.
"""

from __future__ import annotations

import argparse
import pathlib
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

if __package__ in (None, ""):  # run as a script: bench/ must not shadow the standard library
    _here = str(pathlib.Path(__file__).resolve().parent)
    sys.path[:] = [p for p in sys.path if p not in (_here, "")]
    sys.path.insert(0, str(pathlib.Path(_here).parent))

from bench.startup import cli_command  # noqa: E402
from bench.throughput import ECB  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.add_latency", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="timed adds per case (default 3)")
    ap.add_argument("--topic", default="1", help="ECB+ topic (default 1: 21 articles)")
    args = ap.parse_args(argv)

    from corroborator.ingest import read_inputs
    from corroborator.settings import Settings
    from corroborator.store import Store

    paths = sorted(ECB.glob(f"{args.topic}_*ecbplus.txt"))
    story, extra = paths[:-1], paths[-1]
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="corroborator-add-latency-"))
    try:
        built = tmp / "built.db"
        start = time.perf_counter()
        with Store(str(built)) as store:
            docs, _ = read_inputs([str(p) for p in story], Settings(progress=False))
            store.add(docs, Settings(progress=False))
            rows = store.list_stories()
            vectors = store.conn.execute("SELECT COUNT(*) FROM text_vectors").fetchone()[0]
        t_build = time.perf_counter() - start
        biggest = max(r["documents"] for r in rows)
        times: dict[str, list[float]] = {"vectors kept": [], "vectors dropped": []}
        for _ in range(args.runs):
            for case in times:
                db = tmp / "run.db"
                for suffix in ("", "-wal", "-shm"):
                    pathlib.Path(f"{db}{suffix}").unlink(missing_ok=True)
                shutil.copy(built, db)
                if case == "vectors dropped":
                    with sqlite3.connect(db) as conn:
                        conn.execute("DELETE FROM text_vectors")
                start = time.perf_counter()
                subprocess.run([*cli_command(), "add", str(extra), "--db", str(db), "-q"],
                               stdout=subprocess.DEVNULL, check=True)
                times[case].append(time.perf_counter() - start)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"store: {len(story)} ECB+ articles of topic {args.topic} in {len(rows)} stories "
          f"(the biggest {biggest}), {vectors} sentence vectors; built in {t_build:.0f} s")
    print(f"`corroborator add {extra.name}`, a fresh process, median of {args.runs}:")
    kept = statistics.median(times["vectors kept"])
    for case, ts in times.items():
        med = statistics.median(ts)
        print(f"  {case:<16} {med:6.1f} s (min {min(ts):.1f}, max {max(ts):.1f})"
              f"  {med / kept:4.2f}x kept")
    return 0


if __name__ == "__main__":
    sys.exit(main())
