"""`corroborator show STORY`: one stored story's report (markdown, JSON or HTML)."""

from __future__ import annotations

import argparse
import sys

from corroborator.commands.add import add_db_argument, open_store


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("show", help="print one stored story's report")
    p.add_argument("story", metavar="STORY", help="a story id from `corroborator stories`")
    add_db_argument(p)
    p.add_argument("--format", "-f", choices=["md", "json", "html"], default="md")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report here, not stdout")
    p.set_defaults(run=run)


def render(report: object, fmt: str) -> str | None:
    """The report in ``fmt``; None (after a one-line error) when that renderer is missing."""
    try:
        if fmt == "json":
            from corroborator.report.json_report import render_json

            return render_json(report)  # type: ignore[arg-type]
        if fmt == "html":
            from corroborator.report.html import render_html

            return render_html(report)  # type: ignore[arg-type]
        from corroborator.report.markdown import render_markdown

        return render_markdown(report)  # type: ignore[arg-type]
    except ImportError as e:
        print(f"corroborator: the {fmt} report is not available in this build ({e})",
              file=sys.stderr)
        return None


def run(args: argparse.Namespace) -> int:
    from corroborator.store import Store

    store = open_store(args.db)
    if not isinstance(store, Store):
        return 1
    try:
        report = store.story_report(args.story)
    finally:
        store.close()
    if report is None:
        print(f"corroborator: no story {args.story!r} in {args.db} "
              "(see `corroborator stories`)", file=sys.stderr)
        return 1
    out = render(report, args.format)
    if out is None:
        return 1
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(out)
    else:
        sys.stdout.write(out)
    return 0
