"""`corroborator show STORY`: one stored story's report (markdown, JSON or HTML)."""

from __future__ import annotations

import argparse
import sys

from corroborator.commands.add import add_db_argument, open_store
from corroborator.commands.common import (
    add_format_argument,
    add_output_argument,
    check_output,
    render_report,
    write_output,
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("show", help="print one stored story's report",
                       description="Print the report of one story in the store (its claims, "
                                   "sources, figures and timeline), as analyze would.")
    p.add_argument("story", metavar="STORY", help="a story id from `corroborator stories`")
    add_db_argument(p)
    add_format_argument(p)
    add_output_argument(p, "the report")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from corroborator.store import Store

    if not check_output(args.output):
        return 1
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
    out = render_report(report, args.format)
    if out is None:
        return 1
    return 0 if write_output(out, args.output) else 1
