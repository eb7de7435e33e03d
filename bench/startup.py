"""Cold-start benchmark: wall time of the CLI's help and of importing it, as new processes.

usage: python -m bench.startup [--runs 5]
Each case runs as a fresh subprocess RUNS times (after one unmeasured warm-up run of every
case, so the file cache is warm) and the median is printed with its ratio to
`python -c pass` measured in the same run, interleaved with the cases: the machine is
noisy, so compare ratios between runs, not seconds. Goal (issue 36): `corroborator --help`
under 0.5 s. Nothing here is asserted; tests/test_cli_startup.py checks, without timing,
that building the parser imports no heavy library.
"""

from __future__ import annotations

import argparse
import pathlib
import shutil
import statistics
import subprocess
import sys
import time

if __package__ in (None, ""):  # run as a script: bench/ must not shadow the standard library
    _here = str(pathlib.Path(__file__).resolve().parent)
    sys.path[:] = [p for p in sys.path if p not in (_here, "")]
    sys.path.insert(0, str(pathlib.Path(_here).parent))


def cli_command() -> list[str]:
    """The installed `corroborator` script next to this interpreter, else `python -m`."""
    script = pathlib.Path(sys.executable).parent / "corroborator"
    if script.is_file():
        return [str(script)]
    found = shutil.which("corroborator")
    return [found] if found else [sys.executable, "-m", "corroborator.cli"]


def cases() -> dict[str, list[str]]:
    cli = cli_command()
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "corroborator --help": [*cli, "--help"],
        "corroborator analyze --help": [*cli, "analyze", "--help"],
        "python -c 'import corroborator.cli'": [sys.executable, "-c", "import corroborator.cli"],
        # the import alone loads no command module; building the parser loads them all
        "import corroborator.cli; build_parser()": [
            sys.executable, "-c", "import corroborator.cli as c; c.build_parser()"],
    }


def once(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def measure(runs: int) -> dict[str, list[float]]:
    todo = cases()
    for cmd in todo.values():  # warm-up: file cache, .pyc files
        once(cmd)
    times: dict[str, list[float]] = {name: [] for name in todo}
    for _ in range(runs):  # interleaved, so a noisy moment hits every case alike
        for name, cmd in todo.items():
            times[name].append(once(cmd))
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.startup", description=__doc__)
    ap.add_argument("--runs", type=int, default=5, help="measured runs per case (default 5)")
    args = ap.parse_args(argv)
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    times = measure(args.runs)
    base = statistics.median(times["python -c pass"])
    print(f"median of {args.runs} runs, {sys.executable}")
    print(f"{'case':<40} {'median s':>9} {'min s':>7} {'max s':>7} {'× pass':>7}")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"{name:<40} {med:>9.3f} {min(ts):>7.3f} {max(ts):>7.3f} {med / base:>7.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
