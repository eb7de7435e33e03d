"""`corroborator analyze PATH...`: the whole pipeline, one report."""

from __future__ import annotations

import argparse
import sys

from corroborator.commands.common import add_input_arguments, print_errors, settings_from_args


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("analyze", help="analyse articles and print a sourced report",
                       description="Read articles, find their claims and who makes them, "
                                   "match claims across outlets and judge each one.")
    add_input_arguments(p)
    p.add_argument("--format", "-f", choices=["md", "json", "html"], default="md")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report here, not stdout")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from corroborator.pipeline import analyze

    settings = settings_from_args(args)
    report = analyze(args.inputs, settings)
    print_errors(report.errors)
    if args.format == "json":
        from corroborator.report.json_report import render_json

        out = render_json(report)
    elif args.format == "html":
        from corroborator.report.html import render_html

        out = render_html(report)
    else:
        from corroborator.report.markdown import render_markdown

        out = render_markdown(report)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(out)
    else:
        sys.stdout.write(out)
    analysed = any(not d.skipped for d in report.documents)
    if not analysed:
        print("corroborator: nothing could be analysed", file=sys.stderr)
    return 0 if analysed else 1
