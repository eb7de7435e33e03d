"""`corroborator stories`: list the stories in the local store."""

from __future__ import annotations

import argparse
import json
import sys

from corroborator.commands.add import add_db_argument, open_store
from corroborator.commands.common import add_output_argument, check_output, write_output

COLUMNS = ("id", "documents", "outlets", "first_seen", "last_seen", "corroborated",
           "contested", "title")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("stories", help="list the stories in the local store",
                       description="List the stories in the store, most recently updated "
                                   "first: id, articles, outlets, first and last seen, "
                                   "corroborated and contested claims, title.")
    add_db_argument(p)
    p.add_argument("--format", "-f", choices=["table", "json"], default="table",
                   help="table: fixed-width columns (default); json: one object per story")
    add_output_argument(p, "the list")
    p.set_defaults(run=run)


def _cell(key: str, value: object) -> str:
    text = "" if value is None else str(value)
    if key.endswith("_seen"):
        text = text[:16].replace("T", " ")
    return " ".join(text.split())


def render_table(rows: list[dict[str, object]]) -> str:
    """Fixed-width columns; the title is last and may run on."""
    heads = [c.replace("_", " ") for c in COLUMNS]
    cells = [[_cell(c, r.get(c)) for c in COLUMNS] for r in rows]
    widths = [max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(heads)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True)).rstrip()]
    for row in cells:
        lines.append("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from corroborator.store import Store

    if not check_output(args.output):
        return 1
    store = open_store(args.db)
    if not isinstance(store, Store):
        return 1
    try:
        rows = store.list_stories()
    finally:
        store.close()
    if args.format == "json":
        out = json.dumps(rows, indent=1, ensure_ascii=False) + "\n"
    else:
        out = render_table(rows) if rows else ""
        if not rows:
            print("no stories yet", file=sys.stderr)
    if out or args.output:
        return 0 if write_output(out, args.output) else 1
    return 0
