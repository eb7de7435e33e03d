"""`corroborator analyze PATH...`: the whole pipeline, one report."""

from __future__ import annotations

import argparse
import sys

from corroborator.commands.common import (
    add_engine_arguments,
    add_format_argument,
    add_input_arguments,
    check_engine,
    output_problem,
    print_errors,
    render_report,
    settings_from_args,
    write_output,
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("analyze", help="analyse articles and print a sourced report",
                       description="Read articles, find their claims and who makes them, "
                                   "match claims across outlets and judge each one.")
    add_input_arguments(p)
    add_format_argument(p)
    add_engine_arguments(p)
    p.add_argument("--output", "-o", metavar="FILE", help="write the report here, not stdout")
    p.add_argument("--confirm-claims", action="store_true",
                   help="call a claim corroborated only where the claim-pair model confirms "
                        "two independent sources state it (docs/analyze.md)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from corroborator.pipeline import analyze

    check_engine(args)
    problem = output_problem(args.output)
    if problem:
        print(f"corroborator: cannot write the report: {problem}", file=sys.stderr)
        return 1
    settings = settings_from_args(args)
    settings.confirm_claims = args.confirm_claims
    if args.engine == "dask":
        from corroborator.dask_engine import EngineError, analyze_with_dask

        try:
            report = analyze_with_dask(args.inputs, settings, args.workers, args.scheduler)
        except EngineError as e:
            print(f"corroborator: {e}", file=sys.stderr)
            return 1
    else:
        report = analyze(args.inputs, settings)
    print_errors(report.errors)
    out = render_report(report, args.format)
    if out is None:
        return 1
    if not write_output(out, args.output):
        return 1
    analysed = any(not d.skipped for d in report.documents)
    if not analysed:
        print("corroborator: nothing could be analysed", file=sys.stderr)
    return 0 if analysed else 1
